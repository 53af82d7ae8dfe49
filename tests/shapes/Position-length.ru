# Position-length: a position selector without the copy of the text length.
# expect: sh:MinCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1#position> dckg:textLength ?n }
