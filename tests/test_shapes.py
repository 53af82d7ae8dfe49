"""Every SHACL shape has a conforming and a violating fixture.

The conforming fixture is one small resolution built by hand (sentences from
the seeds), mapped by the real mapping, with the real authority graph, topic
scheme, build activity and a lineage link: it must conform, and every shape
must have focus nodes in it (so it really is tested).

Each violating fixture is a SPARQL Update in ``tests/shapes/<Shape>*.ru``
applied to the conforming graph.  Its header says which constraint component
the shape must report (``# expect: sh:MinCountConstraintComponent``) and
which other shapes may fire with it (``# also: ShapeA ShapeB``); no other
shape may.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.extract.authority import load_authority
from kg.extract.topics import load_scheme
from kg.model import Citation, Directive, Document, Mention, Metadata, TopicHit
from kg.rdf.iris import Minter
from kg.rdf.mapping import MapContext, derivation_triples, map_document
from kg.rdf.namespaces import DCKGSH, RDF, SH
from kg.rdf.provenance import Source, build_triples
from kg.rdf.reference import authority_triples, topic_triples
from kg.read.assemble import FootnoteDraft, ParagraphDraft, SectionDraft, assemble
from kg.validate import Finding, Validator, load_shapes

FIXTURES = Path(__file__).parent / "shapes"
M = Minter()
SYMBOL = "A/RES/99/1"
PROLOGUE = f"""PREFIX dckg: <https://w3id.org/dckg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX base: <{M.base}>
BASE <{M.resolution(SYMBOL)}/>
"""

PP1 = "Recalling its resolution 62/176 of 18 December 2007 and the twentieth special session,"
OP1 = (
    "Notes that the International Narcotics Control Board needs sufficient resources to carry "
    "out all its mandates, and reaffirms the importance of its work;"
)
OP2 = "Requests the United Nations Office on Drugs and Crime to continue:"
OP2A = "To strengthen a constructive and effective dialogue with Member States;"
OP2B = "To provide technical assistance, as set out in the report (E/2003/28/Rev.1);"
OP3 = "Takes note of the report of the Frobnication Council under resolution 99/99 bis."
FN1 = "Resolution S-20/2, annex."
FN2 = "United Nations, Treaty Series, vol. 976, No. 14152."


def _span(doc: Document, pid: str, text: str) -> tuple[int, int]:
    start = doc.paragraph(pid).span[0] + doc.paragraph(pid).text.index(text)
    return start, start + len(text)


def _fn_span(doc: Document, marker: str, text: str) -> tuple[int, int]:
    fn = next(f for f in doc.footnotes if f.marker == marker)
    assert fn.span is not None
    start = fn.span[0] + fn.text.index(text)
    return start, start + len(text)


def fixture_document() -> Document:
    """The conforming resolution: sections, all paragraph kinds, footnotes, every kind of fact."""
    meta = Metadata(
        SYMBOL, "GA", session="99", adopted="2008-12-18", title="International cooperation"
    )
    doc = assemble(
        meta,
        [
            ParagraphDraft("preambular", "1", PP1, anchors=[("1", len(PP1) - 1)]),
            SectionDraft("I", "General"),
            ParagraphDraft("operative", "1", OP1, section="I", lead="Notes"),
            ParagraphDraft("operative", "2", OP2, section="I", lead="Requests"),
            ParagraphDraft("subparagraph", None, OP2A, label="(a)", parent="op2"),
            ParagraphDraft(
                "subparagraph", None, OP2B, label="(b)", parent="op2", anchors=[("2", 10)]
            ),
            ParagraphDraft("operative", "3", OP3, section="I", lead="Takes note"),
        ],
        [FootnoteDraft("1", FN1), FootnoteDraft("2", FN2)],
        source="fixture.txt",
        fmt="flat",
        sha256="ab" * 32,
    )
    facts = {
        "pp1": dict(
            citations=(
                Citation("A/RES/62/176", "GA", "62/176", _span(doc, "pp1", "62/176")),
                Citation(
                    "A/RES/S-20/2", "GA", "S-20/2", _fn_span(doc, "1", "S-20/2"), in_footnote="1"
                ),
            )
        ),
        "op1": dict(
            mentions=(
                Mention(
                    "INCB",
                    "body",
                    "International Narcotics Control Board",
                    _span(doc, "op1", "International Narcotics Control Board"),
                ),
            ),
            directives=(
                Directive(
                    "notes",
                    "note",
                    1,
                    ("GA",),
                    ("INCB",),
                    "that the International ...",
                    _span(doc, "op1", OP1[:104]),
                ),
                Directive(
                    "reaffirms",
                    "reaffirm",
                    1,
                    ("GA",),
                    ("INCB",),
                    "the importance of its work",
                    _span(doc, "op1", "reaffirms the importance of its work"),
                ),
            ),
            topics=(
                TopicHit(
                    "funding", "sufficient resources", _span(doc, "op1", "sufficient resources")
                ),
            ),
        ),
        "op2.a": dict(
            mentions=(
                Mention(
                    "MemberStates", "actor", "Member States", _span(doc, "op2.a", "Member States")
                ),
            ),
            directives=(
                Directive(
                    "requests", "request", 4, ("UNODC",), (), OP2A, _span(doc, "op2.a", OP2A)
                ),
            ),
        ),
        "op2.b": dict(
            citations=(
                Citation(
                    "E/2003/28/Rev.1",
                    "ECOSOC",
                    "E/2003/28/Rev.1",
                    _span(doc, "op2.b", "E/2003/28/Rev.1"),
                    kind="document",
                ),
                Citation(
                    "SingleConvention1961",
                    "unknown",
                    FN2[:-1],
                    _fn_span(doc, "2", FN2[:-1]),
                    kind="treaty-series",
                    in_footnote="2",
                ),
            ),
            topics=(
                TopicHit(
                    "technical-assistance",
                    "technical assistance",
                    _span(doc, "op2.b", "technical assistance"),
                ),
            ),
        ),
        "op3": dict(
            mentions=(
                Mention(
                    "unknown",
                    "body",
                    "Frobnication Council",
                    _span(doc, "op3", "Frobnication Council"),
                ),
            ),
            citations=(
                Citation(
                    "resolution 99/99 bis",
                    "unknown",
                    "resolution 99/99 bis",
                    _span(doc, "op3", "resolution 99/99 bis"),
                    resolved=False,
                ),
            ),
        ),
    }
    paragraphs = tuple(replace(p, **facts.get(p.id, {})) for p in doc.paragraphs)  # type: ignore[arg-type]
    return replace(doc, paragraphs=paragraphs)


@lru_cache(maxsize=1)
def base_graph() -> Graph:
    entries = load_authority().entries
    ctx = MapContext(M, {e.id: e.type for e in entries})
    triples = map_document(fixture_document(), ctx)
    triples += derivation_triples(M, (SYMBOL, "op3"), (SYMBOL, "op1"), "modified", 0.5)
    triples += build_triples(M, "0.1.0", [Source("ab" * 32, "fixture.txt", "flat", SYMBOL)])
    triples += authority_triples(entries, M) + topic_triples(load_scheme(), M)
    g = Graph()
    for t in triples:
        g.add(t)
    return g


@lru_cache(maxsize=1)
def validator() -> Validator:
    return Validator(load_shapes("all"), M)


def findings(g: Graph) -> list[Finding]:
    return validator().validate_graph(g)


def test_the_fixture_conforms() -> None:
    assert findings(base_graph()) == []


SHAPES = load_shapes("all")
PROPERTY_SHAPES = sorted(str(s).split("#")[1] for s in SHAPES.subjects(RDF.type, SH.PropertyShape))


def _focus_nodes(shape: URIRef, g: Graph) -> set[object]:
    nodes: set[object] = set()
    for cls in SHAPES.objects(shape, SH.targetClass):
        nodes |= set(g.subjects(RDF.type, cls))
    for p in SHAPES.objects(shape, SH.targetSubjectsOf):
        nodes |= set(g.subjects(p, None))
    for p in SHAPES.objects(shape, SH.targetObjectsOf):
        nodes |= set(g.objects(None, p))
    return nodes


@pytest.mark.parametrize("shape", PROPERTY_SHAPES)
def test_every_shape_is_exercised_by_the_fixture(shape: str) -> None:
    assert _focus_nodes(DCKGSH[shape], base_graph()), f"{shape} has no focus node in the fixture"


CASES = sorted(FIXTURES.glob("*.ru"))


@pytest.mark.parametrize("shape", PROPERTY_SHAPES)
def test_every_shape_has_a_violating_fixture(shape: str) -> None:
    assert any(re.fullmatch(rf"{re.escape(shape)}(--\w+)?", c.stem) for c in CASES), (
        f"add tests/shapes/{shape}.ru"
    )


def _header(text: str, key: str) -> list[str]:
    found = re.findall(rf"^# {key}:(.*)$", text, flags=re.MULTILINE)
    return [w for line in found for w in line.split()]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_violating_fixture(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    shape = case.stem.split("--")[0]
    (expected,) = _header(text, "expect")
    also = set(_header(text, "also"))
    g = Graph()
    for t in base_graph():
        g.add(t)
    g.update(PROLOGUE + text)
    results = findings(g)
    mine = [f for f in results if f.shape == shape]
    assert mine, f"{shape} reported nothing"
    assert {f"sh:{f.component}" for f in mine} == {expected}
    assert all(f.severity == "Violation" and f.message and f.fix for f in mine)
    others = {f.shape for f in results} - {shape}
    assert others <= also, f"unexpected shapes fired: {sorted(others - also)}"
