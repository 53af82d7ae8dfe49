# AuthorityRecord-parent: a parent body that is not in the authority data.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <https://w3id.org/dckg/body/CND> org:subOrganizationOf <https://w3id.org/dckg/body/UnitedNations> }
