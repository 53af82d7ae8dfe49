# Mention-target: a mention target that is not in the authority data.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1/mention/1> dckg:mentions ?e } ;
INSERT DATA { <op/1/mention/1> dckg:mentions <https://w3id.org/dckg/body/FrobnicationCouncil> }
