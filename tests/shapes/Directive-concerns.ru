# Directive-concerns: a concerned entity that is not in the authority data.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <op/1/directive/1> dckg:concerns <https://w3id.org/dckg/entity/Nothing> }
