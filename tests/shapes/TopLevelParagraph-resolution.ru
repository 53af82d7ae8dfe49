# TopLevelParagraph-resolution: an operative paragraph hanging from another paragraph.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE DATA { <op/1> eli:is_part_of res:1 } ;
INSERT DATA { <op/1> eli:is_part_of <op/2> }
