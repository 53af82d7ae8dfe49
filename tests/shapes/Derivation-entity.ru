# Derivation-entity: a derivation without its earlier paragraph.
# expect: sh:MinCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/3/derivation/1> prov:entity ?e }
