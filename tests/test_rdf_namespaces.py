"""Every vocabulary term the code and the shapes use is declared, labelled and defined.

``kg.rdf.namespaces.DCKG`` is a ClosedNamespace, but a typo in a code path
that never runs would only fail in production: these tests read the source
of every module and every shape file instead.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.rdf.namespaces import DCKG, DCKG_IRI, DCKG_TERMS, ELI, LRMLMM, OA, OWL, RDF, RDFS, SKOS, XSD
from kg.rdf.paths import ONTOLOGY_FILE, ROOT, SHAPES_DIR

ONTOLOGY = Graph().parse(ONTOLOGY_FILE, format="turtle")
DECLARED_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
DECLARED = {
    str(s)[len(DCKG_IRI) :]
    for t in DECLARED_TYPES
    for s in ONTOLOGY.subjects(RDF.type, t)
    if str(s).startswith(DCKG_IRI)
}
CLOSED = {"DCKG": DCKG, "ELI": ELI, "OA": OA, "LRMLMM": LRMLMM, "XSD": XSD}


def _python_files() -> list[Path]:
    return sorted(p for d in ("kg", "tests", "benchmarks") for p in (ROOT / d).rglob("*.py"))


def _uses(path: Path) -> list[tuple[str, str, int]]:
    """(namespace, term, line) for every NS.term and NS["term"] in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in CLOSED
        ):
            found.append((node.value.id, node.attr, node.lineno))
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id in CLOSED
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        ):
            found.append((node.value.id, node.slice.value, node.lineno))
    return found


def test_closed_namespace_matches_the_ontology() -> None:
    assert set(DCKG_TERMS) == DECLARED, "DCKG_TERMS and ontology/dckg.ttl disagree"
    assert len(DCKG_TERMS) == len(set(DCKG_TERMS))


def test_every_term_used_in_python_is_declared() -> None:
    undefined = []
    for path in _python_files():
        for ns, term, line in _uses(path):
            if term.startswith("_") or term in ("uri", "term"):
                continue
            if URIRef(str(CLOSED[ns]) + term) not in CLOSED[ns]:
                undefined.append(f"{path.relative_to(ROOT)}:{line}: {ns}.{term}")
    assert not undefined, "undeclared terms:\n" + "\n".join(undefined)


def test_the_scan_finds_uses() -> None:
    """The scanner itself works: it sees the mapping's use of DCKG.evidence."""
    uses = _uses(ROOT / "kg" / "rdf" / "mapping.py")
    assert any(ns == "DCKG" and term == "evidence" for ns, term, _ in uses)
    assert any(ns == "OA" and term == "TextQuoteSelector" for ns, term, _ in uses)


@pytest.mark.parametrize("path", sorted(SHAPES_DIR.glob("*.ttl")), ids=lambda p: p.name)
def test_every_term_used_in_shapes_is_declared(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    used = set(re.findall(r"\bdckg:([A-Za-z_][\w-]*)", text))
    assert used, "the shape file uses no dckg term?"
    assert used <= DECLARED, f"undeclared: {sorted(used - DECLARED)}"


def test_undeclared_term_raises() -> None:
    typo = "Direktive"
    with pytest.raises(AttributeError):
        getattr(DCKG, typo)


@pytest.mark.parametrize("term", sorted(DECLARED))
def test_label_and_definition(term: str) -> None:
    node = DCKG[term]
    labels = [o for o in ONTOLOGY.objects(node, RDFS.label) if isinstance(o, Literal)]
    definitions = [o for o in ONTOLOGY.objects(node, SKOS.definition) if isinstance(o, Literal)]
    assert [x.language for x in labels] == ["en"], f"{term}: one English rdfs:label"
    assert [x.language for x in definitions] == ["en"], f"{term}: one English skos:definition"
    assert len(str(definitions[0])) > 30


@pytest.mark.parametrize(
    ("term", "predicate", "target"),
    [
        ("Resolution", RDFS.subClassOf, ELI.LegalResource),
        ("Instrument", RDFS.subClassOf, ELI.LegalResource),
        ("Paragraph", RDFS.subClassOf, ELI.LegalResourceSubdivision),
        ("Body", RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")),
        ("Topic", RDFS.subClassOf, SKOS.Concept),
        ("Build", RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Activity")),
        ("ParagraphDerivation", RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Derivation")),
        ("Directive", SKOS.closeMatch, LRMLMM.DeonticSpecification),
        ("derivedFrom", RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")),
        ("evidence", RDFS.range, OA.SpecificResource),
    ],
)
def test_alignments(term: str, predicate: URIRef, target: URIRef) -> None:
    assert (DCKG[term], predicate, target) in ONTOLOGY


def test_object_and_datatype_properties_have_ranges_or_domains() -> None:
    for t in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ONTOLOGY.subjects(RDF.type, t):
            assert ONTOLOGY.value(prop, RDFS.domain) or ONTOLOGY.value(prop, RDFS.range), prop
