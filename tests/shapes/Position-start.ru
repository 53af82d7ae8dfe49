# Position-start: a span that starts after it ends.
# expect: sh:LessThanConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1#position> oa:start ?s } ;
INSERT { <op/1#position> oa:start ?after } WHERE { <op/1#position> oa:end ?e BIND(?e + 1 AS ?after) }
