# Paragraph-topic: a topic id that is not in the scheme.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <op/1> eli:is_about <https://w3id.org/dckg/topic/no-such-topic> }
