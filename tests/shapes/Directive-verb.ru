# Directive-verb: a directive without its verb.
# expect: sh:MinCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1/directive/1> dckg:verb ?v }
