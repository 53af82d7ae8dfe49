# Paragraph-section: a paragraph in a section that does not exist.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1> dckg:inSection ?s } ;
INSERT DATA { <op/1> dckg:inSection <section/IX> }
