# AuthorityRecord-id: an id with a space.
# expect: sh:PatternConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <https://w3id.org/dckg/body/INCB> dckg:authorityId ?i } ;
INSERT DATA { <https://w3id.org/dckg/body/INCB> dckg:authorityId "the Board" }
