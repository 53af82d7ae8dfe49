# CitationWithTarget-flag: an unresolved citation that still points to a target.
# expect: sh:HasValueConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <pp/1/citation/1> dckg:resolved ?r } ;
INSERT DATA { <pp/1/citation/1> dckg:resolved false }
