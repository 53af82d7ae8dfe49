# Build-version: a build naming two tool versions.
# expect: sh:MaxCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT { ?b dckg:toolVersion "9.9.9" } WHERE { ?b a dckg:Build }
