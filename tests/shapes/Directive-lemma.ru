# Directive-lemma: a lemma as printed, capitalised and inflected.
# expect: sh:PatternConstraintComponent
PREFIX res: <https://w3id.org/dckg/resolution/A/RES/99/>
DELETE WHERE { <op/1/directive/1> dckg:lemma ?l } ;
INSERT DATA { <op/1/directive/1> dckg:lemma "Notes" }
