# Paragraph-text: two paragraphs with the same id merged.
# expect: sh:MaxCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <op/1> dckg:text "Urges all States to act;" }
