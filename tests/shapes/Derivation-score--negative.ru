# Derivation-score: a score below 0.
# expect: sh:MinInclusiveConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/3/derivation/1> dckg:score ?s } ;
INSERT DATA { <op/3/derivation/1> dckg:score "-0.1"^^xsd:decimal }
