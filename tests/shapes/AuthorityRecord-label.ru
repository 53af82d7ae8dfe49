# AuthorityRecord-label: two English names.
# expect: sh:UniqueLangConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <https://w3id.org/dckg/body/INCB> skos:prefLabel "The Board"@en }
