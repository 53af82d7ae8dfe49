# Evidence-source: evidence pointing into something that is not a resolution text.
# expect: sh:ClassConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <pp/1#evidence> oa:hasSource ?t } ;
INSERT DATA { <pp/1#evidence> oa:hasSource res:1 }
