"""The reference graphs: authority data (kg/data/authority.jsonl) and the topic scheme."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest
from rdflib import Graph, Literal, URIRef

from kg.extract.authority import load_authority
from kg.extract.topics import load_scheme
from kg.rdf.iris import Minter
from kg.rdf.namespaces import DCKG, DCTERMS, ELI, ORG, OWL, RDF, SKOS
from kg.rdf.paths import ROOT
from kg.rdf.reference import authority_triples, topic_triples

M = Minter()


@lru_cache(maxsize=1)
def authority() -> Graph:
    g = Graph()
    for t in authority_triples(load_authority().entries, M):
        g.add(t)
    return g


@lru_cache(maxsize=1)
def topics() -> Graph:
    g = Graph()
    for t in topic_triples(load_scheme(), M):
        g.add(t)
    return g


def _records() -> list[dict[str, object]]:
    path = ROOT / "kg" / "data" / "authority.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("record", _records(), ids=lambda r: str(r["id"]))
def test_every_entry_is_typed_labelled_and_identified(record: dict[str, object]) -> None:
    node = M.entity(str(record["id"]), str(record["type"]))
    g = authority()
    classes = {
        "body": DCKG.Body,
        "instrument": DCKG.Instrument,
        "initiative": DCKG.Initiative,
        "actor": DCKG.ActorGroup,
    }
    assert (node, RDF.type, classes[str(record["type"])]) in g
    assert (node, RDF.type, DCKG.AuthorityEntry) in g
    assert g.value(node, DCKG.authorityId) == Literal(record["id"])
    assert g.value(node, SKOS.prefLabel) == Literal(record["label"], lang="en")
    links = record.get("links") or {}
    assert isinstance(links, dict)
    if "wikidata" in links:
        assert (
            node,
            OWL.sameAs,
            URIRef(f"http://www.wikidata.org/entity/{links['wikidata']}"),
        ) in g
    else:
        assert g.value(node, OWL.sameAs) is None


@pytest.mark.parametrize(
    ("entity", "kind", "reference"),
    [
        ("Convention1988", "instrument", "vol. 1582, No. 27627"),
        ("Convention1971", "instrument", "vol. 1019, No. 14956"),
        ("SingleConvention1961Amended", "instrument", "vol. 976, No. 14152"),
        ("UNCAC", "instrument", "vol. 2349, No. 42146"),
    ],
)
def test_treaty_series(entity: str, kind: str, reference: str) -> None:
    assert authority().value(M.entity(entity, kind), DCKG.treatySeries) == Literal(reference)


@pytest.mark.parametrize(
    ("subject", "predicate", "obj"),
    [
        (M.entity("CND", "body"), ORG.subOrganizationOf, M.entity("ECOSOC", "body")),
        (M.entity("INCB", "body"), DCTERMS.replaces, M.entity("PCOB", "body")),
        (M.entity("UNODC", "body"), DCTERMS.replaces, M.entity("UNDCP", "body")),
        (
            M.entity("Protocol1972", "instrument"),
            ELI.amends,
            M.entity("SingleConvention1961", "instrument"),
        ),
        (
            M.entity("FirearmsProtocol", "instrument"),
            ELI.is_part_of,
            M.entity("UNTOCProtocols", "instrument"),
        ),
        (
            M.entity("DrugControlConventions", "instrument"),
            DCTERMS.hasPart,
            M.entity("Convention1971", "instrument"),
        ),
        (M.entity("Agenda2030", "instrument"), DCKG.adoptedIn, M.resolution("A/RES/70/1")),
        (M.entity("CND", "body"), RDF.type, ORG.Organization),
    ],
)
def test_relations(subject: URIRef, predicate: URIRef, obj: URIRef) -> None:
    assert (subject, predicate, obj) in authority()


# the 29 topic ids agreed in the brief
AGREED_TOPICS = [
    "demand-reduction",
    "prevention",
    "treatment",
    "hiv",
    "supply-reduction",
    "alternative-development",
    "eradication",
    "precursors",
    "synthetic-drugs",
    "money-laundering",
    "judicial-cooperation",
    "law-enforcement",
    "trafficking",
    "firearms",
    "corruption",
    "terrorism",
    "organized-crime",
    "cybercrime",
    "data-research",
    "funding",
    "technical-assistance",
    "capacity-building",
    "civil-society",
    "human-rights",
    "children-youth",
    "gender",
    "treaty-adherence",
    "reporting",
    "access-medicines",
]


@pytest.mark.parametrize("topic", AGREED_TOPICS)
def test_topic_concepts(topic: str) -> None:
    g, node = topics(), M.topic(topic)
    assert (node, RDF.type, DCKG.Topic) in g and (node, RDF.type, SKOS.Concept) in g
    assert (node, SKOS.inScheme, M.topic_scheme()) in g
    assert g.value(node, SKOS.prefLabel) is not None
    assert g.value(node, SKOS.notation) == Literal(topic)


def test_topic_hierarchy() -> None:
    g = topics()
    assert (M.topic("prevention"), SKOS.broader, M.topic("demand-reduction")) in g
    assert (M.topic("demand-reduction"), SKOS.narrower, M.topic("prevention")) in g
    assert (M.topic_scheme(), SKOS.hasTopConcept, M.topic("demand-reduction")) in g
    assert (M.topic_scheme(), SKOS.hasTopConcept, M.topic("prevention")) not in g
