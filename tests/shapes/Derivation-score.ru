# Derivation-score: a score above 1.
# expect: sh:MaxInclusiveConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/3/derivation/1> dckg:score ?s } ;
INSERT DATA { <op/3/derivation/1> dckg:score 1.5 }
