"""The RDF stage: the only place that makes triples.

* :mod:`kg.rdf.namespaces` — every vocabulary term the code uses (the dckg
  ontology is a closed namespace checked against ``ontology/dckg.ttl``);
* :mod:`kg.rdf.iris` — the one module that mints IRIs;
* :mod:`kg.rdf.mapping` — a document to triples, with evidence spans;
* :mod:`kg.rdf.reference` — the authority graph and the topic scheme;
* :mod:`kg.rdf.provenance` — the build activity;
* :mod:`kg.rdf.dataset` — the VoID and DCAT description;
* :mod:`kg.rdf.paths` — where the ontology and the shapes live.

Validation, export, the store and the build orchestration are
:mod:`kg.validate`, :mod:`kg.export`, :mod:`kg.store` and :mod:`kg.build`.
"""
