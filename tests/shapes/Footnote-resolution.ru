# Footnote-resolution: a footnote outside any resolution.
# expect: sh:MinCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <fn/1> eli:is_part_of ?r }
