# Topic-label: a topic without a label.
# expect: sh:MinCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <https://w3id.org/dckg/topic/funding> skos:prefLabel ?l }
