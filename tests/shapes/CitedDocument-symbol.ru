# CitedDocument-symbol: a document cited by its title instead of its symbol.
# expect: sh:PatternConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <https://w3id.org/dckg/document/E/2003/28/Rev.1> dckg:symbol ?s } ;
INSERT DATA { <https://w3id.org/dckg/document/E/2003/28/Rev.1> dckg:symbol "report of the Council" }
