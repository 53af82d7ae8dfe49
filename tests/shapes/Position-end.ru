# Position-end: a span that ends past the end of the text.
# expect: sh:LessThanOrEqualsConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1#position> oa:end ?e } ;
INSERT { <op/1#position> oa:end ?past } WHERE { <text> dckg:textLength ?n BIND(?n + 5 AS ?past) }
