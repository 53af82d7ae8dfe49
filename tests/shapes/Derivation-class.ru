# Derivation-class: a class outside the lineage classes.
# expect: sh:InConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/3/derivation/1> dckg:derivationClass ?c } ;
INSERT DATA { <op/3/derivation/1> dckg:derivationClass "rewritten" }
