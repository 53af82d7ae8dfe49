# ReadResolution-text: a second text for the same resolution.
# expect: sh:MaxCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { res:1 dckg:hasText <other-text> . <other-text> a dckg:ResolutionText ; dckg:textLength 10 ; prov:wasDerivedFrom <https://w3id.org/dckg/source/abababababababababababababababababababababababababababababababab> }
