# Quote-exact: an empty quote.
# expect: sh:MinLengthConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1#quote> oa:exact ?x } ;
INSERT DATA { <op/1#quote> oa:exact "" }
