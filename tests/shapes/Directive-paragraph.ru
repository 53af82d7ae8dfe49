# Directive-paragraph: a directive in two paragraphs.
# expect: sh:MaxCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <op/1/directive/1> dckg:inParagraph <op/2> }
