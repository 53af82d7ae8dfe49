# Citation-target: an empty normalised target.
# expect: sh:MinLengthConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/3/citation/1> dckg:targetSymbol ?t } ;
INSERT DATA { <op/3/citation/1> dckg:targetSymbol "" }
