# Build-used: a build input that is not a described source file.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT { ?b prov:used <https://w3id.org/dckg/source/unknown> } WHERE { ?b a dckg:Build }
