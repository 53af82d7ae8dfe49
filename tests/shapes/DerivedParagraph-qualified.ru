# DerivedParagraph-qualified: a lineage link without class and score.
# expect: sh:MinCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/3> dckg:qualifiedDerivation ?q }
