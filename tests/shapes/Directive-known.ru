# Directive-known: the known-verb flag as a string.
# expect: sh:DatatypeConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1/directive/1> dckg:knownVerb ?k } ;
INSERT DATA { <op/1/directive/1> dckg:knownVerb "yes" }
