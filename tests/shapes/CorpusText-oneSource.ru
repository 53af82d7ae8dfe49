# CorpusText-oneSource: the same symbol read from two files.
# expect: sh:MaxCountConstraintComponent
# also: ResolutionText-source
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <text> prov:wasDerivedFrom <https://w3id.org/dckg/source/efefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef> . <https://w3id.org/dckg/source/efefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef> a dckg:SourceFile ; dckg:sha256 "efefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef" }
