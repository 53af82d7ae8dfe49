# SourceFile-sha256: a digest that is not hexadecimal SHA-256.
# expect: sh:PatternConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <https://w3id.org/dckg/source/abababababababababababababababababababababababababababababababab> dckg:sha256 ?d } ;
INSERT DATA { <https://w3id.org/dckg/source/abababababababababababababababababababababababababababababababab> dckg:sha256 "XYZ" }
