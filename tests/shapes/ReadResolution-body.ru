# ReadResolution-body: an adopting body that is not in the authority data.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { res:1 eli:passed_by ?b } ;
INSERT DATA { res:1 eli:passed_by <https://w3id.org/dckg/body/AssemblyOfTheWorld> }
