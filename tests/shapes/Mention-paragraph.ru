# Mention-paragraph: a mention in a paragraph that does not exist.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1/mention/1> dckg:inParagraph ?p } ;
INSERT DATA { <op/1/mention/1> dckg:inParagraph <op/77> }
