# OperativeParagraph-position: two operative paragraphs with the same number merged.
# expect: sh:MaxCountConstraintComponent
# also: OperativeNumbering-consecutive
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <op/2> dckg:operativePosition 3 }
