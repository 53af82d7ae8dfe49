"""IRIs are minted from printed identifiers (symbols, numbers, markers, ids), never positions."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.errors import KGError
from kg.rdf.iris import Minter, check_base, paragraph_path

M = Minter()
B = "https://w3id.org/dckg/"

# (call, expected IRI) — the shapes named in the issue
CASES = [
    (lambda: M.resolution("A/RES/63/197"), B + "resolution/A/RES/63/197"),
    (lambda: M.paragraph("A/RES/63/197", "op40"), B + "resolution/A/RES/63/197/op/40"),
    (lambda: M.paragraph("A/RES/61/183", "op33.a"), B + "resolution/A/RES/61/183/op/33/a"),
    (lambda: M.paragraph("A/RES/61/183", "op33.a.i"), B + "resolution/A/RES/61/183/op/33/a/i"),
    (lambda: M.paragraph("A/RES/63/197", "pp3"), B + "resolution/A/RES/63/197/pp/3"),
    (lambda: M.footnote("A/RES/63/197", "10"), B + "resolution/A/RES/63/197/fn/10"),
    (
        lambda: M.item("A/RES/63/197", "op40", "directive", 4),
        B + "resolution/A/RES/63/197/op/40/directive/4",
    ),
    (lambda: M.entity("INCB", "body"), B + "body/INCB"),
    (lambda: M.entity("Convention1988", "instrument"), B + "instrument/Convention1988"),
    (lambda: M.entity("ParisPact", "initiative"), B + "initiative/ParisPact"),
    (lambda: M.entity("MemberStates", "actor"), B + "actor/MemberStates"),
    (lambda: M.entity("Nowhere", None), B + "entity/Nowhere"),
    (lambda: M.topic("funding"), B + "topic/funding"),
    (lambda: M.resolution("E/RES/1996/20"), B + "resolution/E/RES/1996/20"),
    (lambda: M.resolution("A/RES/3014(XXVII)"), B + "resolution/A/RES/3014(XXVII)"),
    (lambda: M.resolution("A/RES/S-20/2"), B + "resolution/A/RES/S-20/2"),
    (lambda: M.document("E/2003/28/Rev.1"), B + "document/E/2003/28/Rev.1"),
    (lambda: M.undocs("A/RES/63/197"), "https://undocs.org/A/RES/63/197"),
    # parts: A/RES/75/101 A-B numbers each part from 1; the reader prefixes the ids
    (
        lambda: M.paragraph("A/RES/75/101 A-B", "B.op23"),
        B + "resolution/A/RES/75/101A-B/part/B/op/23",
    ),
    (lambda: M.section("A/RES/75/101 A-B", "II", 4), B + "resolution/A/RES/75/101A-B/section/II"),
    (lambda: M.section("A/RES/75/101 A-B", "", 5), B + "resolution/A/RES/75/101A-B/heading/5"),
    (lambda: M.subject("DRUG CONTROL"), B + "subject/drug-control"),
]


@pytest.mark.parametrize(("make", "expected"), CASES, ids=[c[1].removeprefix(B) for c in CASES])
def test_iri(make: object, expected: str) -> None:
    assert callable(make)
    assert make() == URIRef(expected)


def test_base_is_configurable() -> None:
    m = Minter("https://example.org/kg")
    assert m.paragraph("A/RES/63/197", "op1") == URIRef(
        "https://example.org/kg/resolution/A/RES/63/197/op/1"
    )
    assert m.entity("INCB", "body") == URIRef("https://example.org/kg/body/INCB")


@pytest.mark.parametrize("bad", ["", "not an iri", "ftp://x.org/", "https://ex ample.org/"])
def test_bad_base(bad: str) -> None:
    with pytest.raises(KGError, match="--base"):
        check_base(bad)


def test_unsafe_characters_are_percent_encoded() -> None:
    iri = str(M.resolution('A/RES/1 "2"<3>'))
    assert " " not in iri and '"' not in iri and "<" not in iri
    assert iri.endswith("/A/RES/1%222%22%3C3%3E")


@pytest.mark.parametrize(
    ("pid", "path"),
    [
        ("op1", "op/1"),
        ("pp14", "pp/14"),
        ("op8.a", "op/8/a"),
        ("A.op1.b", "part/A/op/1/b"),
        ("odd", "odd"),
    ],
)
def test_paragraph_path(pid: str, path: str) -> None:
    assert paragraph_path(pid) == path


@pytest.mark.parametrize(
    ("symbol", "pid"),
    [
        ("A/RES/63/197", "op40"),
        ("A/RES/61/183", "op33.a.i"),
        ("E/RES/1996/20", "pp2"),
        ("A/RES/75/101A-B", "B.op3.a"),
    ],
)
def test_locate_reads_back_symbol_and_paragraph(symbol: str, pid: str) -> None:
    for node in (
        M.paragraph(symbol, pid),
        M.item(symbol, pid, "mention", 3),
        M.evidence(M.item(symbol, pid, "citation", 1))[1],
    ):
        assert M.locate(node) == (symbol, pid)
    assert M.locate(M.footnote(symbol, "3")) == (symbol, None)
    assert M.locate(M.entity("INCB", "body")) == (None, None)
