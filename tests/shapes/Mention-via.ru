# Mention-via: an unknown way of mentioning.
# expect: sh:InConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1/mention/1> dckg:mentionVia ?v } ;
INSERT DATA { <op/1/mention/1> dckg:mentionVia "telepathy" }
