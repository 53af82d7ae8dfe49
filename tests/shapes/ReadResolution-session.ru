# ReadResolution-session: the session spelled out.
# expect: sh:PatternConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE DATA { res:1 dckg:session "99" } ;
INSERT DATA { res:1 dckg:session "ninety-ninth" }
