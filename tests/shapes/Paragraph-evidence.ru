# Paragraph-evidence: a paragraph without evidence.
# expect: sh:MinCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <pp/1> dckg:evidence ?e }
