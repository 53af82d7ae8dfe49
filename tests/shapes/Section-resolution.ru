# Section-resolution: a section inside a paragraph.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE DATA { <section/I> eli:is_part_of res:1 } ;
INSERT DATA { <section/I> eli:is_part_of <op/1> }
