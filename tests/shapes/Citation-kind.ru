# Citation-kind: a citation kind outside the agreed four.
# expect: sh:InConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <pp/1/citation/1> dckg:citationKind ?k } ;
INSERT DATA { <pp/1/citation/1> dckg:citationKind "treaty" }
