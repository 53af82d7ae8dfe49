# OperativeNumbering-consecutive: numbers 1, 3, 3: the second operative paragraph is printed 3.
# expect: sh:EqualsConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE DATA { <op/2> dckg:numberValue 2 } ;
INSERT DATA { <op/2> dckg:numberValue 3 }
