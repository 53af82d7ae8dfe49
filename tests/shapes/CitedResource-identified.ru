# CitedResource-identified: a resolved Treaty Series citation whose instrument is not in the authority data.
# expect: sh:MinCountConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/2/b/citation/2> dckg:citedResource ?x } ;
INSERT DATA { <op/2/b/citation/2> dckg:citedResource <https://w3id.org/dckg/instrument/Convention2099> }
