# AuthorityRecord-treatySeries: a Treaty Series reference in another style.
# expect: sh:PatternConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <https://w3id.org/dckg/instrument/Convention1988> dckg:treatySeries ?t } ;
INSERT DATA { <https://w3id.org/dckg/instrument/Convention1988> dckg:treatySeries "1582 UNTS 95" }
