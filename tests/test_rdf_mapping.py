"""Document -> triples, on the bundled seeds (read and annotated) and a few snippets."""

from __future__ import annotations

from functools import lru_cache

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from kg.extract import annotate
from kg.extract.authority import load_authority
from kg.model import Citation, Document, Mention, Metadata
from kg.rdf.iris import Minter
from kg.rdf.mapping import MapContext, derivation_triples, map_document
from kg.rdf.namespaces import DCKG, DCTERMS, ELI, OA, PROV, RDF, RDFS, SKOS, XSD
from kg.rdf.reference import authority_triples
from kg.read import read_path
from kg.read.assemble import ParagraphDraft, assemble
from kg.sample import sample_paths

M = Minter()
CTX = MapContext(M, {e.id: e.type for e in load_authority().entries})


@lru_cache(maxsize=2)
def seed(symbol: str) -> tuple[Document, Graph]:
    path = next(p for p in sample_paths() if symbol.replace("/", "_") in p.name)
    doc = annotate(read_path(path))
    g = Graph()
    for t in map_document(doc, CTX):
        g.add(t)
    return doc, g


SEEDS = ["A/RES/61/183", "A/RES/63/197"]


@pytest.mark.parametrize("symbol", SEEDS)
def test_every_evidence_quotes_its_span(symbol: str) -> None:
    doc, g = seed(symbol)
    checked = 0
    for node, sr in g.subject_objects(DCKG.evidence):
        assert g.value(sr, OA.hasSource) == M.text(symbol)
        pos, quote = M.evidence(URIRef(node))[1:]
        start, end = int(g.value(pos, OA.start)), int(g.value(pos, OA.end))
        assert str(g.value(quote, OA.exact)) == doc.text[start:end]
        assert int(g.value(pos, DCKG.textLength)) == len(doc.text)
        checked += 1
    items = sum(1 + len(p.mentions) + len(p.citations) + len(p.directives) for p in doc.paragraphs)
    assert checked == items + sum(1 for f in doc.footnotes if f.span)


@pytest.mark.parametrize("symbol", SEEDS)
def test_paragraph_text_and_quote_agree(symbol: str) -> None:
    doc, g = seed(symbol)
    for p in doc.paragraphs:
        node = M.paragraph(symbol, p.id)
        assert g.value(node, DCKG.text) == Literal(p.text)
        assert g.value(M.evidence(node)[2], OA.exact) == Literal(p.text)


def test_resolution_metadata_63_197() -> None:
    _, g = seed("A/RES/63/197")
    res = M.resolution("A/RES/63/197")
    assert g.value(res, DCKG.symbol) == Literal("A/RES/63/197")
    assert g.value(res, ELI.number) == Literal("63/197")
    assert g.value(res, ELI.date_document) == Literal("2008-12-18", datatype=XSD.date)
    assert g.value(res, DCKG.session) == Literal("63")
    assert g.value(res, DCTERMS.title) == Literal(
        "International cooperation against the world drug problem"
    )
    assert g.value(res, ELI.passed_by) == M.entity("GA", "body")
    assert g.value(res, RDFS.seeAlso) == URIRef("https://undocs.org/A/RES/63/197")
    assert g.value(res, DCKG.committeeReport) == Literal("A/63/432")
    # subjects from the %%% header: UNBIS headings without IRIs get one of ours
    drug_control = M.subject("DRUG CONTROL")
    assert (res, ELI.is_about, drug_control) in g
    assert (drug_control, RDF.type, SKOS.Concept) in g
    assert g.value(drug_control, SKOS.prefLabel) == Literal("DRUG CONTROL", lang="en")
    text = M.text("A/RES/63/197")
    assert g.value(text, DCKG.sourceFormat) == Literal("flat")
    source = g.value(text, PROV.wasDerivedFrom)
    assert g.value(source, DCKG.fileName) == Literal("A_RES_63_197.txt")


def test_subject_with_unbis_iri_is_used_as_is() -> None:
    from kg.model import Subject

    meta = Metadata(
        "A/RES/75/198",
        "GA",
        subjects=(Subject("health", "http://metadata.un.org/thesaurus/1002824"),),
    )
    doc = assemble(meta, [ParagraphDraft("operative", "1", "Decides to act.")], [])
    g = Graph()
    for t in map_document(doc, CTX):
        g.add(t)
    unbis = URIRef("http://metadata.un.org/thesaurus/1002824")
    assert (M.resolution("A/RES/75/198"), ELI.is_about, unbis) in g


def test_subparagraphs_hang_from_their_parent_61_183() -> None:
    _, g = seed("A/RES/61/183")
    op33, op33a = M.paragraph("A/RES/61/183", "op33"), M.paragraph("A/RES/61/183", "op33.a")
    assert (op33a, ELI.is_part_of, op33) in g and (op33, ELI.has_part, op33a) in g
    assert (op33a, RDF.type, DCKG.Subparagraph) in g
    assert g.value(op33a, DCKG.printedLabel) == Literal("(a)")
    assert (op33, ELI.is_part_of, M.resolution("A/RES/61/183")) in g


@pytest.mark.parametrize("symbol", SEEDS)
def test_operative_positions_follow_the_numbers(symbol: str) -> None:
    doc, g = seed(symbol)
    for i, p in enumerate(doc.operative, 1):
        node = M.paragraph(symbol, p.id)
        assert g.value(node, DCKG.operativePosition) == Literal(i)
        assert g.value(node, DCKG.numberValue) == Literal(int(p.number or 0))
        assert g.value(node, ELI.number) == Literal(p.number)


# (symbol, paragraph, citation text as printed, cited node)
CITATIONS = [
    ("A/RES/63/197", "pp1", "62/176", M.resolution("A/RES/62/176")),
    ("A/RES/63/197", "op40", "1996/20", M.resolution("E/RES/1996/20")),
    ("A/RES/61/183", "pp3", "E/2003/28/Rev.1", M.document("E/2003/28/Rev.1")),
    (
        "A/RES/61/183",
        "op3",
        "United Nations, Treaty Series, vol. 976, No. 14152",
        M.entity("SingleConvention1961", "instrument"),
    ),
]


@pytest.mark.parametrize(("symbol", "pid", "printed", "target"), CITATIONS)
def test_citations(symbol: str, pid: str, printed: str, target: URIRef) -> None:
    _, g = seed(symbol)
    paragraph = M.paragraph(symbol, pid)
    assert (paragraph, ELI.cites, target) in g
    cites = [
        c for c in g.subjects(DCKG.inParagraph, paragraph) if (c, RDF.type, DCKG.Citation) in g
    ]
    quoted = {str(g.value(M.evidence(URIRef(c))[2], OA.exact)): c for c in cites}
    assert printed in quoted
    node = quoted[printed]
    assert g.value(node, DCKG.citedResource) == target
    assert g.value(node, DCKG.resolved) == Literal(True)


def test_footnote_citation_points_to_its_footnote_61_183() -> None:
    _, g = seed("A/RES/61/183")
    fn10 = M.footnote("A/RES/61/183", "10")
    assert (None, DCKG.inFootnote, fn10) in g
    assert g.value(fn10, DCKG.anchoredIn) == M.paragraph("A/RES/61/183", "op3")
    assert "Treaty Series" in str(g.value(fn10, DCKG.text))


def test_directives_of_63_197_op40() -> None:
    doc, g = seed("A/RES/63/197")
    op40 = doc.paragraph("op40")
    assert len(op40.directives) >= 2
    for i, d in enumerate(op40.directives, 1):
        node = M.item("A/RES/63/197", "op40", "directive", i)
        assert g.value(node, DCKG.lemma) == Literal(d.lemma)
        assert g.value(node, DCKG.strength) == Literal(d.strength)
        assert set(g.objects(node, DCKG.addressee)) == {CTX.entity(a) for a in d.addressees}
        assert set(g.objects(node, DCKG.concerns)) == {CTX.entity(c) for c in d.concerns}
        assert g.value(node, DCKG.inParagraph) == M.paragraph("A/RES/63/197", "op40")
    first = M.item("A/RES/63/197", "op40", "directive", 1)
    assert (first, DCKG.concerns, M.entity("INCB", "body")) in g


def test_topics_are_is_about_links() -> None:
    doc, g = seed("A/RES/63/197")
    for p in doc.paragraphs:
        topics = {M.topic(t.topic) for t in p.topics}
        node = M.paragraph("A/RES/63/197", p.id)
        assert set(g.objects(node, ELI.is_about)) == topics


def test_mentions_point_to_authority_iris() -> None:
    _, g = seed("A/RES/63/197")
    authority = Graph()
    for t in authority_triples(load_authority().entries, M):
        authority.add(t)
    targets = set(g.objects(None, DCKG.mentions))
    assert M.entity("INCB", "body") in targets
    for target in targets:
        assert (target, DCKG.authorityId, None) in authority, target


SNIPPET = "Welcomes the work of the Frobnication Council under resolution 99/99 bis;"


def _snippet_doc(mention: Mention, citation: Citation) -> Document:
    from dataclasses import replace

    doc = assemble(
        Metadata("A/RES/1/2", "GA", session="1", adopted="1946-01-24"),
        [ParagraphDraft("operative", "1", SNIPPET)],
        [],
    )
    p = replace(doc.paragraphs[0], mentions=(mention,), citations=(citation,))
    return replace(doc, paragraphs=(p,))


def test_unresolved_items_are_flagged_not_dropped() -> None:
    start = SNIPPET.index("Frobnication Council")
    mention = Mention("unknown", "body", "Frobnication Council", (start, start + 20))
    cstart = SNIPPET.index("resolution 99/99 bis")
    citation = Citation(
        "resolution 99/99 bis",
        "unknown",
        "resolution 99/99 bis",
        (cstart, cstart + 20),
        resolved=False,
    )
    g = Graph()
    for t in map_document(_snippet_doc(mention, citation), CTX):
        g.add(t)
    m = M.item("A/RES/1/2", "op1", "mention", 1)
    c = M.item("A/RES/1/2", "op1", "citation", 1)
    assert g.value(m, DCKG.resolved) == Literal(False) and g.value(m, DCKG.mentions) is None
    assert g.value(c, DCKG.resolved) == Literal(False) and g.value(c, DCKG.citedResource) is None
    assert g.value(c, DCKG.issuingBody) is None
    assert (M.paragraph("A/RES/1/2", "op1"), ELI.cites, None) not in g


@pytest.mark.parametrize("symbol", SEEDS)
def test_no_blank_nodes_and_deterministic(symbol: str) -> None:
    doc, _ = seed(symbol)
    triples = map_document(doc, CTX)
    assert not any(isinstance(x, BNode) for t in triples for x in t)
    assert triples == map_document(doc, CTX)


def test_derivation_triples() -> None:
    t = derivation_triples(M, ("A/RES/63/197", "op21"), ("A/RES/61/183", "op14"), "modified", 0.64)
    g = Graph()
    for x in t:
        g.add(x)
    new, old = M.paragraph("A/RES/63/197", "op21"), M.paragraph("A/RES/61/183", "op14")
    assert (new, DCKG.derivedFrom, old) in g
    q = g.value(new, DCKG.qualifiedDerivation)
    assert g.value(q, PROV.entity) == old
    assert g.value(q, DCKG.derivationClass) == Literal("modified")
    assert g.value(q, DCKG.score) == Literal("0.6400", datatype=XSD.decimal)


def _numbering_doc(numbers: list[tuple[str, str | None]]) -> Graph:
    blocks = [
        ParagraphDraft("operative", n, f"Decides to act {i};", id=pid)
        for i, (pid, n) in enumerate(numbers)
    ]
    g = Graph()
    for t in map_document(assemble(Metadata("A/RES/1/3", "GA"), blocks, []), CTX):
        g.add(t)
    return g


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        # a lead-in without number, then 1, 2; part B restarts at 1 (A/RES/75/254 A-C)
        (
            [("A.op0", None), ("A.op1", "1"), ("A.op2", "2"), ("B.op1", "1"), ("B.op2", "2")],
            [None, 1, 2, 1, 2],
        ),
        # numbering continues across sections (A/RES/76/3: I.op6, II.op7)
        ([("I.op1", "1"), ("I.op2", "2"), ("II.op3", "3")], [1, 2, 3]),
        # a gap: the paragraph printed 3 should have been 2
        ([("op1", "1"), ("op3", "3")], [1, 2]),
        # a repeated number
        ([("op1", "1"), ("op2", "2"), ("op2b", "2")], [1, 2, 3]),
    ],
)
def test_expected_operative_numbers(
    numbers: list[tuple[str, str | None]], expected: list[int | None]
) -> None:
    g = _numbering_doc(numbers)
    got = [g.value(M.paragraph("A/RES/1/3", pid), DCKG.operativePosition) for pid, _ in numbers]
    assert [None if x is None else int(x) for x in got] == expected


def test_repeated_section_numbers_get_distinct_nodes() -> None:
    from kg.read.assemble import SectionDraft

    blocks = [
        SectionDraft("A", "Part A"),
        SectionDraft("I", "General"),
        ParagraphDraft("operative", "1", "Decides to act;", id="A.op1", section="I"),
        SectionDraft("B", "Part B"),
        SectionDraft("I", "General"),
        ParagraphDraft("operative", "1", "Decides to act again;", id="B.op1", section="I"),
    ]
    g = Graph()
    for t in map_document(assemble(Metadata("A/RES/1/4", "GA"), blocks, []), CTX):
        g.add(t)
    first, second = (URIRef(f"{M.resolution('A/RES/1/4')}/section/I-{k}") for k in (1, 2))
    assert g.value(M.paragraph("A/RES/1/4", "A.op1"), DCKG.inSection) == first
    assert g.value(M.paragraph("A/RES/1/4", "B.op1"), DCKG.inSection) == second
    assert (URIRef(f"{M.resolution('A/RES/1/4')}/section/A"), DCTERMS.title, Literal("Part A")) in g
