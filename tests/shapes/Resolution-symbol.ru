# Resolution-symbol: a symbol without its organ prefix.
# expect: sh:PatternConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE DATA { res:1 dckg:symbol "A/RES/99/1" } ;
INSERT DATA { res:1 dckg:symbol "99/1" }
