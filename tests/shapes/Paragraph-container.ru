# Paragraph-container: a paragraph in two containers.
# expect: sh:MaxCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <op/2/a> eli:is_part_of <op/1> }
