# ReadResolution-title: no title.
# expect: sh:MinCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { res:1 dct:title ?t }
