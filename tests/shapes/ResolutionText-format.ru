# ResolutionText-format: a format no reader has.
# expect: sh:InConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <text> dckg:sourceFormat ?f } ;
INSERT DATA { <text> dckg:sourceFormat "docx" }
