# Topic-broader: a broader topic that is not in the scheme.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <https://w3id.org/dckg/topic/funding> skos:broader <https://w3id.org/dckg/topic/nope> }
