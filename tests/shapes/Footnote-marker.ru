# Footnote-marker: a footnote without marker.
# expect: sh:MinCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <fn/1> dckg:marker ?m }
