# Section-title: two sections with the same number merged.
# expect: sh:MaxCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
INSERT DATA { <section/I> dct:title "Another heading" }
