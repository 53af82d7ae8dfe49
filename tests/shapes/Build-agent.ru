# Build-agent: a build run by nobody.
# expect: sh:MinCountConstraintComponent
DELETE { ?b prov:wasAssociatedWith ?a } WHERE { ?b a dckg:Build ; prov:wasAssociatedWith ?a }
