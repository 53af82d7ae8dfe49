"""Exports: N-Triples, canonical Turtle and JSON-LD read back to the same graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.export import context_text, nt_line, split_nt, write_jsonld, write_ntriples, write_turtle
from kg.extract import annotate
from kg.extract.authority import load_authority
from kg.rdf.iris import Minter
from kg.rdf.mapping import MapContext, map_document
from kg.rdf.namespaces import DCKG, XSD
from kg.rdf.paths import CONTEXT_FILE, ONTOLOGY_FILE
from kg.rdf.reference import authority_triples
from kg.read import read_path
from kg.sample import sample_paths

M = Minter()

TRICKY = [
    Literal('quote " backslash \\ newline \n tab \t cr \r'),
    Literal("bell \x07 and delete \x7f"),
    Literal("C\u00f4te d\u2019Ivoire \u2014 \u201cquoted\u201d"),
    Literal("Commission on Narcotic Drugs", lang="en"),
    Literal("2008-12-18", datatype=XSD.date),
    Literal("5", datatype=XSD.integer),
    Literal("true", datatype=XSD.boolean),
    Literal("0.6400", datatype=XSD.decimal),
]


@pytest.fixture(scope="module")
def graph_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Graph, Path]:
    ctx = MapContext(M, {e.id: e.type for e in load_authority().entries})
    triples = map_document(annotate(read_path(sample_paths()[0])), ctx)
    triples += authority_triples(load_authority().entries, M)
    node = URIRef("https://w3id.org/dckg/test/tricky")
    triples += [(node, DCKG.text, lit) for lit in TRICKY]
    g = Graph()
    for t in triples:
        g.add(t)
    folder = tmp_path_factory.mktemp("export")
    nt = folder / "kg.nt"
    write_ntriples(sorted({nt_line(t) for t in triples}), nt)
    write_turtle(nt, folder / "kg.ttl")
    write_jsonld(nt, folder / "kg.jsonld", json.loads(CONTEXT_FILE.read_text(encoding="utf-8")))
    return g, folder


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(
    ("name", "fmt"), [("kg.nt", "nt"), ("kg.ttl", "turtle"), ("kg.jsonld", "json-ld")]
)
def test_round_trip_is_isomorphic(graph_files: tuple[Graph, Path], name: str, fmt: str) -> None:
    g, folder = graph_files
    back = Graph().parse(folder / name, format=fmt)
    assert len(back) == len(g)
    assert isomorphic(back, g)


def test_turtle_uses_prefixes_and_grouping(graph_files: tuple[Graph, Path]) -> None:
    _, folder = graph_files
    text = (folder / "kg.ttl").read_text(encoding="utf-8")
    head = [line for line in text.splitlines() if line.startswith("@prefix")]
    assert head[:2] == [
        "@prefix dckg: <https://w3id.org/dckg/ontology#> .",
        "@prefix eli: <http://data.europa.eu/eli/ontology#> .",
    ]
    assert len(head) == len(set(head)) and text.startswith("\n".join(head))
    assert "a eli:LegalResource , dckg:Resolution ;" in text


def test_jsonld_uses_the_published_context(graph_files: tuple[Graph, Path]) -> None:
    _, folder = graph_files
    data = json.loads((folder / "kg.jsonld").read_text(encoding="utf-8"))
    assert data["@context"] == json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    res = next(n for n in data["@graph"] if n["id"] == str(M.resolution("A/RES/61/183")))
    assert sorted(res["type"]) == ["Resolution", "eli:LegalResource"]
    assert res["symbol"] == "A/RES/61/183"
    assert res["dateDocument"] == "2006-12-20"
    assert res["passedBy"] == str(M.entity("GA", "body"))


def test_published_context_is_up_to_date() -> None:
    """ontology/context.jsonld is generated from the ontology: python -m kg.export."""
    assert CONTEXT_FILE.read_text(encoding="utf-8") == context_text(ONTOLOGY_FILE)


def test_split_nt_reads_what_nt_line_writes() -> None:
    for lit in TRICKY:
        line = nt_line((URIRef("http://ex.org/s"), URIRef("http://ex.org/p"), lit))
        s, p, o = split_nt(line)
        assert (s, p) == ("http://ex.org/s", "http://ex.org/p")
        back = next(iter(Graph().parse(data=line + "\n", format="nt")))[2]
        assert back == lit and o.startswith('"')
