# Citation-resolved: the resolved flag as a string.
# expect: sh:DatatypeConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/3/citation/1> dckg:resolved ?r } ;
INSERT DATA { <op/3/citation/1> dckg:resolved "no" }
