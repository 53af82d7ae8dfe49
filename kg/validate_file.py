"""``dckg validate``: any RDF file against all the shapes, a few resolutions at a time.

The file is parsed with Oxigraph (fast; Turtle, N-Triples, N-Quads, TriG,
JSON-LD, RDF/XML) and its triples are grouped by the resolution their subject
belongs to (:meth:`kg.rdf.iris.Minter.locate`; everything else is one more
group).  Groups are validated in batches of about :data:`BATCH` triples, each
batch with the triples that its shapes read about the nodes it points to
(from the file, and from the package's authority data and topic scheme, so a
single resolution's graph can be checked on its own).  A finding counts only
for a node the batch owns (one of its subjects, or a node nothing in the file
describes), so nodes merged in from elsewhere are judged in their own batch.
Every shape is about one node and its neighbours, so this equals one run over
the whole graph, and the whole AKN corpus (3.4 million triples) validates in
pieces of rdflib-sized graphs.

>>> from kg.rdf.iris import Minter
>>> import tempfile, pathlib
>>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.ttl"
>>> _ = bad.write_text('<https://w3id.org/dckg/resolution/A/RES/1/1> a '
...                    '<https://w3id.org/dckg/ontology#Resolution> .')
>>> [f.shape for f in validate_file(bad, Minter()).violations]
['Resolution-symbol']
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import KGError
from kg.rdf.iris import Minter
from kg.validate import Report, Triple, Validator, load_shapes

__all__ = ["BATCH", "FORMATS", "read_triples", "validate_file"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: Triples per pyshacl run.
BATCH = 40_000

#: Oxigraph formats by file suffix.
FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}


def _term(t: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == _XSD_STRING:  # rdflib tells "x" from "x"^^xsd:string apart
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))
    raise KGError("RDF-star triples are not supported")


def read_triples(path: Path) -> list[Triple]:
    """Every triple of an RDF file (the quads of all graphs of a dataset file)."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise KGError(
            f"unknown RDF format (use one of {', '.join(sorted(FORMATS))})", path=str(path)
        )
    if not path.is_file():
        raise KGError("no such file", path=str(path))
    cache: dict[object, Node] = {}

    def term(t: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
        if isinstance(t, ox.Literal):
            return _term(t)
        node = cache.get(t)
        if node is None:
            node = cache[t] = _term(t)
        return node

    try:
        return [
            (term(q.subject), term(q.predicate), term(q.object))
            for q in ox.parse(path=str(path), format=fmt)
        ]
    except SyntaxError as exc:
        raise KGError(f"cannot parse: {exc}".splitlines()[0], path=str(path)) from None


def _batches(triples: list[Triple], minter: Minter) -> Iterator[list[Triple]]:
    groups: dict[str, list[Triple]] = {}
    for t in triples:
        symbol, _ = minter.locate(t[0]) if isinstance(t[0], URIRef) else (None, None)
        groups.setdefault(symbol or "", []).append(t)
    batch: list[Triple] = []
    for key in sorted(groups):
        batch += groups[key]
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def validate_file(path: Path, minter: Minter) -> Report:
    """Validate one RDF file; raises :class:`KGError` when it cannot be read."""
    from kg.build_documents import reference_triples

    triples = read_triples(path)
    described = {t[0] for t in triples}
    authority, topics = reference_triples(minter.base)
    shapes = load_shapes("all")
    probe = Validator(shapes, minter)
    merged = [t for t in (*triples, *authority, *topics) if t[1] in probe.read]
    validator = Validator(shapes, minter, merged)
    report = Report()
    for batch in _batches(triples, minter):
        owned = {str(t[0]) for t in batch}
        owned |= {
            str(t[2]) for t in batch if not isinstance(t[2], Literal) and t[2] not in described
        }
        report.add(f for f in validator.validate(batch) if f.focus in owned)
        report.graphs += 1
    return report
