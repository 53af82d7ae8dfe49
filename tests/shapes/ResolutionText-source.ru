# ResolutionText-source: two source files gave the same symbol.
# expect: sh:MaxCountConstraintComponent
# also: CorpusText-oneSource
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <text> prov:wasDerivedFrom <https://w3id.org/dckg/source/cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd> . <https://w3id.org/dckg/source/cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd> a dckg:SourceFile ; dckg:sha256 "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd" }
