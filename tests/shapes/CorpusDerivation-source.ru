# CorpusDerivation-source: lineage to a paragraph of a resolution that was not read.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <op/3> dckg:derivedFrom <https://w3id.org/dckg/resolution/A/RES/98/1/op/1> }
