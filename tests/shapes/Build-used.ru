# Build-used: a build that used no file.
# expect: sh:MinCountConstraintComponent
DELETE { ?b prov:used ?s } WHERE { ?b a dckg:Build ; prov:used ?s }
