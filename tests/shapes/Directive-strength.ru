# Directive-strength: a strength above the scale.
# expect: sh:MaxInclusiveConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1/directive/1> dckg:strength ?s } ;
INSERT DATA { <op/1/directive/1> dckg:strength 6 }
