# Mention-evidence: two evidence spans for one mention.
# expect: sh:MaxCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <op/1/mention/1> dckg:evidence <op/1#evidence> }
