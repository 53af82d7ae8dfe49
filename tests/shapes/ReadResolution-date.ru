# ReadResolution-date: the date as printed, not an ISO date.
# expect: sh:DatatypeConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE { res:1 eli:date_document ?d } INSERT { res:1 eli:date_document "18 December 2008" } WHERE { res:1 eli:date_document ?d }
