# Directive-strength: a strength below the scale.
# expect: sh:MinInclusiveConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1/directive/1> dckg:strength ?s } ;
INSERT DATA { <op/1/directive/1> dckg:strength -1 }
