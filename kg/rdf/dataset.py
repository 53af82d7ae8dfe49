"""The VoID and DCAT description of a build (``out/void.ttl``).

Counts come from the exported N-Triples lines (:class:`Counts`): triples,
distinct subjects, and one partition per class and per property.  The dump
and SPARQL endpoint URLs are placeholders under the base IRI until the data
are published; the licence is a note (the texts are United Nations
documents, used under the UN terms that require acknowledging the source).

>>> c = Counts()
>>> c.add('<http://ex.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex.org/C> .')
>>> c.triples, c.classes
(1, Counter({'http://ex.org/C': 1}))
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from kg.rdf.iris import Minter
from kg.rdf.mapping import Triple
from kg.rdf.namespaces import DCAT, DCKG_IRI, DCTERMS, PREFIXES, PROV, RDF, VOID, XSD

__all__ = ["DISTRIBUTIONS", "RIGHTS", "Counts", "void_triples"]

_TYPE = f"<{RDF.type}>"

#: Files of a build described as DCAT distributions: (file name, media type, title).
DISTRIBUTIONS: tuple[tuple[str, str, str], ...] = (
    ("kg.ttl", "text/turtle", "The graph in canonical Turtle"),
    ("kg.nt", "application/n-triples", "The graph as sorted N-Triples"),
    ("kg.jsonld", "application/ld+json", "The graph as JSON-LD with the dckg context"),
)

RIGHTS = (
    "Derived from United Nations resolutions (the Akoma Ntoso files are published by "
    "the United Nations, DGACM, under terms that require acknowledging the United "
    "Nations as the source). The drug-control-kg code and ontology are under the MIT "
    "licence. This is a licence note, not legal advice."
)


@dataclass
class Counts:
    """Triples, subjects, classes and properties counted from sorted N-Triples lines.

    Lines must come sorted (a subject's triples together), as in ``kg.nt``.
    """

    triples: int = 0
    subjects: int = 0
    classes: Counter[str] = field(default_factory=Counter)
    properties: Counter[str] = field(default_factory=Counter)
    _last: str = ""

    def add(self, line: str) -> None:
        s, p, rest = line.split(" ", 2)
        self.triples += 1
        if s != self._last:
            self.subjects += 1
            self._last = s
        self.properties[p[1:-1]] += 1
        if p == _TYPE and rest.startswith("<"):
            self.classes[rest[1 : rest.index(">")]] += 1


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def void_triples(minter: Minter, counts: Counts, build: URIRef) -> list[Triple]:
    """VoID + DCAT description of the dataset a build wrote."""
    ds = minter.dataset()
    sparql = URIRef(minter.base + "sparql")
    service = URIRef(minter.base + "sparql-service")
    out: list[Triple] = [
        (ds, RDF.type, VOID.Dataset),
        (ds, RDF.type, DCAT.Dataset),
        (ds, DCTERMS.title, Literal("drug-control-kg", lang="en")),
        (
            ds,
            DCTERMS.description,
            Literal(
                "A knowledge graph of international drug-control law read from United Nations "
                "resolutions: paragraphs, bodies, instruments, citations, directives and topics, "
                "each fact with the span of text it came from.",
                lang="en",
            ),
        ),
        (ds, DCTERMS.rights, Literal(RIGHTS, lang="en")),
        (ds, PROV.wasGeneratedBy, build),
        (ds, VOID.uriSpace, Literal(minter.base)),
        (ds, VOID.triples, _int(counts.triples)),
        (ds, VOID.distinctSubjects, _int(counts.subjects)),
        (ds, VOID.classes, _int(len(counts.classes))),
        (ds, VOID.properties, _int(len(counts.properties))),
        (ds, VOID.sparqlEndpoint, sparql),
        (service, RDF.type, DCAT.DataService),
        (service, DCAT.endpointURL, sparql),
        (service, DCAT.servesDataset, ds),
        (
            service,
            DCTERMS.description,
            Literal("Placeholder: where the store will be served.", lang="en"),
        ),
    ]
    for ns in [*sorted(set(PREFIXES.values()) - {DCKG_IRI}), DCKG_IRI]:
        out.append((ds, VOID.vocabulary, URIRef(ns)))
    for name, media, title in DISTRIBUTIONS:
        dist = minter.distribution(name)
        out += [
            (ds, DCAT.distribution, dist),
            (ds, VOID.dataDump, dist),
            (dist, RDF.type, DCAT.Distribution),
            (dist, DCTERMS.title, Literal(title, lang="en")),
            (dist, DCAT.mediaType, Literal(media)),
            (dist, DCAT.downloadURL, dist),
        ]
    for cls, n in sorted(counts.classes.items()):
        part = minter.partition("class", cls)
        out += [
            (ds, VOID.classPartition, part),
            (part, VOID["class"], URIRef(cls)),
            (part, VOID.entities, _int(n)),
        ]
    for prop, n in sorted(counts.properties.items()):
        part = minter.partition("property", prop)
        out += [
            (ds, VOID.propertyPartition, part),
            (part, VOID.property, URIRef(prop)),
            (part, VOID.triples, _int(n)),
        ]
    return out
