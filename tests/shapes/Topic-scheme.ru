# Topic-scheme: a topic in a scheme that is not a concept scheme.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <https://w3id.org/dckg/topic/funding> skos:inScheme ?s } ;
INSERT DATA { <https://w3id.org/dckg/topic/funding> skos:inScheme <https://w3id.org/dckg/topic/other-scheme> }
