# MentionResolved-flag: a mention naming an entry but flagged unresolved.
# expect: sh:HasValueConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1/mention/1> dckg:resolved ?r } ;
INSERT DATA { <op/1/mention/1> dckg:resolved false }
