# AuthorityRecord-sameAs: a Wikidata page URL instead of the entity IRI.
# expect: sh:PatternConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <https://w3id.org/dckg/body/INCB> owl:sameAs ?w } ;
INSERT DATA { <https://w3id.org/dckg/body/INCB> owl:sameAs <https://www.wikidata.org/wiki/Q667217> }
