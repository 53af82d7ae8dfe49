# Subparagraph-label: a label without its opening parenthesis.
# expect: sh:PatternConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE DATA { <op/2/a> dckg:printedLabel "(a)" } ;
INSERT DATA { <op/2/a> dckg:printedLabel "a)" }
