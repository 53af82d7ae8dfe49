# Citation-footnote: a citation in a footnote that does not exist.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <pp/1/citation/2> dckg:inFootnote ?f } ;
INSERT DATA { <pp/1/citation/2> dckg:inFootnote <fn/99> }
