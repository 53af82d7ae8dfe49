# Mention-type: a mention type outside the agreed four.
# expect: sh:InConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1/mention/1> dckg:mentionType ?t } ;
INSERT DATA { <op/1/mention/1> dckg:mentionType "person" }
