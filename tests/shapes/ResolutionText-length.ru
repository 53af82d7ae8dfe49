# ResolutionText-length: an empty text (the reader found nothing).
# expect: sh:MinInclusiveConstraintComponent
DELETE { <text> dckg:textLength ?n } INSERT { <text> dckg:textLength 0 } WHERE { <text> dckg:textLength ?n }
