# Citation-body: an issuing body that is not in the authority data.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <pp/1/citation/1> dckg:issuingBody ?b } ;
INSERT DATA { <pp/1/citation/1> dckg:issuingBody <https://w3id.org/dckg/body/Unknown> }
