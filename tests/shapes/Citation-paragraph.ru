# Citation-paragraph: a citation outside any paragraph.
# expect: sh:MinCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <pp/1/citation/1> dckg:inParagraph ?p }
