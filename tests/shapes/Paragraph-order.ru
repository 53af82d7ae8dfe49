# Paragraph-order: reading order counted from 0.
# expect: sh:MinInclusiveConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <pp/1> dckg:order ?o } ;
INSERT DATA { <pp/1> dckg:order 0 }
