# Subparagraph-parent: a subparagraph whose parent is not in the resolution.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE DATA { <op/2/a> eli:is_part_of <op/2> } ;
INSERT DATA { <op/2/a> eli:is_part_of <op/77> }
