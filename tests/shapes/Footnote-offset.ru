# Footnote-offset: a negative offset.
# expect: sh:MinInclusiveConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <fn/1> dckg:offset ?o } ;
INSERT DATA { <fn/1> dckg:offset -1 }
