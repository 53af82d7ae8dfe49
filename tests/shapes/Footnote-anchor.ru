# Footnote-anchor: a marker in a paragraph that does not exist.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <fn/1> dckg:anchoredIn ?p } ;
INSERT DATA { <fn/1> dckg:anchoredIn <pp/9> }
