"""Exports: canonical N-Triples and Turtle, JSON-LD with the published context.

The graph has no blank nodes, so its canonical form is simply its sorted,
de-duplicated N-Triples lines (:func:`nt_line` writes them, escaping as
canonical N-Triples does).  From that file:

* :func:`write_turtle` streams it through Oxigraph's Turtle writer with the
  project prefixes (same input, same bytes);
* :func:`write_jsonld` streams it into JSON-LD node objects, compacted with
  the context of ``ontology/context.jsonld`` (embedded in the file, so it
  reads offline; :func:`make_context` derives that context from the ontology).

>>> from rdflib import Literal, URIRef
>>> nt_line((URIRef("http://ex.org/a"), URIRef("http://ex.org/p"), Literal('say "hi"\\n')))
'<http://ex.org/a> <http://ex.org/p> "say \\\\"hi\\\\"\\\\n" .'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KGError
from kg.rdf.namespaces import (
    DCKG_IRI,
    DCTERMS,
    ELI,
    OA,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
)

__all__ = [
    "context_text",
    "make_context",
    "nt_line",
    "nt_lines",
    "nt_term",
    "split_nt",
    "write_jsonld",
    "write_ntriples",
    "write_turtle",
]

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_NEEDS_ESCAPE = {chr(c) for c in range(0x20)} | {'"', "\\", "\x7f"}


def _escape(text: str) -> str:
    if not _NEEDS_ESCAPE.intersection(text):
        return text
    return "".join(
        _ESCAPES.get(ch) or (f"\\u{ord(ch):04X}" if ch in _NEEDS_ESCAPE else ch) for ch in text
    )


def nt_term(term: Node) -> str:
    """One term in N-Triples syntax (IRIs and literals; the graph has no blank nodes)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{_escape(str(term))}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    raise KGError(f"cannot write {term!r} as N-Triples (blank nodes are not minted)")


def nt_line(triple: tuple[Node, Node, Node]) -> str:
    """One N-Triples line, without its newline."""
    s, p, o = triple
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ."


def nt_lines(triples: Iterable[tuple[Node, Node, Node]]) -> list[str]:
    """N-Triples lines of many triples; IRIs are written once each (cached)."""
    cache: dict[Node, str] = {}

    def term(t: Node) -> str:
        if isinstance(t, Literal):
            return nt_term(t)
        text = cache.get(t)
        if text is None:
            text = cache[t] = nt_term(t)
        return text

    return [f"{term(s)} {term(p)} {term(o)} ." for s, p, o in triples]


def write_ntriples(lines: Iterable[str], path: Path) -> int:
    """Write lines (already sorted and unique) as an N-Triples file; return their number."""
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line)
            f.write("\n")
            n += 1
    return n


class _PrefixedTurtle:
    """A binary sink that writes our ``@prefix`` lines, then Oxigraph's output without its own.

    Oxigraph declares the prefixes it is given in an order of its own; the
    canonical file declares them in the order of :data:`PREFIXES`.
    """

    def __init__(self, f: IO[bytes]) -> None:
        self.f = f
        self.head = b""
        self.in_head = True
        f.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()).encode("utf-8"))

    def write(self, data: bytes) -> int:
        size = len(data)  # what the caller handed over, whatever is kept of it
        if self.in_head:
            self.head += data
            lines = self.head.split(b"\n")
            while len(lines) > 1 and lines[0].startswith(b"@prefix "):
                lines.pop(0)
            if len(lines) > 1 or not lines[0].startswith(b"@prefix"[: len(lines[0])]):
                self.in_head = False
                data = b"\n".join(lines)
            else:
                self.head = b"\n".join(lines)
                return size
        self.f.write(data)
        return size

    def flush(self) -> None:
        if self.in_head:
            self.f.write(self.head)
        self.f.flush()


def write_turtle(nt_path: Path, ttl_path: Path) -> None:
    """Canonical Turtle from a sorted N-Triples file: prefixes, ``;`` and ``,`` grouping."""
    triples = ox.parse(path=str(nt_path), format=ox.RdfFormat.N_TRIPLES)
    with ttl_path.open("wb") as f:
        sink = _PrefixedTurtle(f)
        ox.serialize(triples, sink, ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES))  # type: ignore[arg-type]
        sink.flush()


# --------------------------------------------------------------------- JSON-LD

#: Short JSON-LD terms for external properties used often (term -> (IRI, coercion)).
EXTERNAL_TERMS: dict[str, tuple[URIRef, str | None]] = {
    "isPartOf": (ELI.is_part_of, "@id"),
    "hasPart": (ELI.has_part, "@id"),
    "cites": (ELI.cites, "@id"),
    "number": (ELI.number, None),
    "dateDocument": (ELI.date_document, "xsd:date"),
    "passedBy": (ELI.passed_by, "@id"),
    "isAbout": (ELI.is_about, "@id"),
    "title": (DCTERMS.title, None),
    "seeAlso": (RDFS.seeAlso, "@id"),
    "label": (RDFS.label, None),
    "sameAs": (OWL.sameAs, "@id"),
    "wasDerivedFrom": (PROV.wasDerivedFrom, "@id"),
    "hasSource": (OA.hasSource, "@id"),
    "hasSelector": (OA.hasSelector, "@id"),
    "start": (OA.start, "xsd:integer"),
    "end": (OA.end, "xsd:integer"),
    "exact": (OA.exact, None),
    "inScheme": (SKOS.inScheme, "@id"),
    "broader": (SKOS.broader, "@id"),
}


_PREFIX_OF = {ns: prefix for prefix, ns in PREFIXES.items()}


def _curie(iri: str) -> str:
    """``prefix:local`` when ``iri`` is in a namespace of :data:`PREFIXES`."""
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    prefix = _PREFIX_OF.get(iri[:cut])
    return f"{prefix}:{iri[cut:]}" if prefix and cut < len(iri) else iri


def make_context(ontology: Graph) -> dict[str, Any]:
    """The JSON-LD context: prefixes, one term per dckg class and property, a few aliases."""
    ctx: dict[str, Any] = {"@version": 1.1, "id": "@id", "type": "@type"}
    ctx.update(PREFIXES)
    terms: dict[str, Any] = {}
    for cls in sorted(set(ontology.subjects(RDF.type, OWL.Class)), key=str):
        if str(cls).startswith(DCKG_IRI):
            terms[str(cls)[len(DCKG_IRI) :]] = _curie(str(cls))
    for prop in sorted(set(ontology.subjects(RDF.type, OWL.ObjectProperty)), key=str):
        if str(prop).startswith(DCKG_IRI):
            terms[str(prop)[len(DCKG_IRI) :]] = {"@id": _curie(str(prop)), "@type": "@id"}
    for prop in sorted(set(ontology.subjects(RDF.type, OWL.DatatypeProperty)), key=str):
        if str(prop).startswith(DCKG_IRI):
            rng = ontology.value(prop, RDFS.range)
            name = str(prop)[len(DCKG_IRI) :]
            if rng is None or rng == XSD.string:
                terms[name] = _curie(str(prop))
            else:
                terms[name] = {"@id": _curie(str(prop)), "@type": _curie(str(rng))}
    for term, (iri, coercion) in EXTERNAL_TERMS.items():
        terms[term] = {"@id": _curie(str(iri))} | ({"@type": coercion} if coercion else {})
    ctx.update(dict(sorted(terms.items())))
    return {"@context": ctx}


class _Compactor:
    """Turns (predicate, object) pairs into compact JSON-LD keys and values."""

    def __init__(self, context: dict[str, Any]) -> None:
        ctx = context["@context"]
        prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("#", "/"))}

        def expand(curie: str) -> str:
            prefix, _, local = curie.partition(":")
            return prefixes[prefix] + local if prefix in prefixes else curie

        # predicate IRI -> (term, coercion: "@id", a datatype IRI, or None for plain strings)
        self.terms: dict[str, tuple[str, str | None]] = {}
        # class IRI -> term, for "type" values
        self.classes: dict[str, str] = {}
        for term, value in ctx.items():
            if term.startswith("@") or term in ("id", "type") or term in prefixes:
                continue
            if isinstance(value, str):
                self.terms[expand(value)] = (term, None)
                self.classes[expand(value)] = term
            else:
                coercion = value.get("@type")
                self.terms[expand(value["@id"])] = (
                    term,
                    coercion if coercion in (None, "@id") else expand(coercion),
                )

    def pair(self, predicate: str, obj: str) -> tuple[str, Any]:
        """Key and value for one predicate and one N-Triples object."""
        term, coercion = self.terms.get(predicate, (None, None))
        if obj[0] == "<":
            iri = obj[1:-1]
            if term is not None and coercion == "@id":
                return term, _curie(iri)
            return _curie(predicate), {"@id": iri}
        value, language, datatype = _literal(obj)
        plain = coercion is None and datatype == _XSD_STRING
        if term is not None and language is None and (coercion == datatype or plain):
            return term, value
        key = _curie(predicate)
        if language is not None:
            return key, {"@value": value, "@language": language}
        if datatype == _XSD_STRING:
            return key, value
        return key, {"@value": value, "@type": _curie(datatype)}


_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)
_UNESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ESCAPED = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    return chr(int(code[1:], 16)) if len(code) > 1 else _UNESCAPES.get(code, code)


def _literal(obj: str) -> tuple[str, str | None, str]:
    """(value, language, datatype IRI) of an N-Triples literal as :func:`nt_term` writes it."""
    close = obj.rindex('"')
    value = obj[1:close]
    if "\\" in value:
        value = _ESCAPED.sub(_unescape, value)
    rest = obj[close + 1 :]
    if rest.startswith("@"):
        return value, rest[1:], str(RDF.langString)
    if rest.startswith("^^<"):
        return value, None, rest[3:-1]
    return value, None, _XSD_STRING


def split_nt(line: str) -> tuple[str, str, str]:
    """Subject IRI, predicate IRI and object (as written) of one N-Triples line of ours.

    >>> split_nt('<http://ex.org/a> <http://ex.org/p> "x y" .')
    ('http://ex.org/a', 'http://ex.org/p', '"x y"')
    """
    cut = line.index("> ")
    rest = line[cut + 2 :]
    cut2 = rest.index("> ")
    return line[1:cut], rest[1:cut2], rest[cut2 + 2 : -2]


def _nodes(lines: Iterable[str], compactor: _Compactor) -> Iterator[dict[str, Any]]:
    node: dict[str, Any] | None = None
    subject = None
    classes = compactor.classes
    for line in lines:
        s, p, o = split_nt(line.rstrip("\n"))
        if s != subject:
            if node is not None:
                yield node
            subject, node = s, {"id": s}
        assert node is not None
        if p == _RDF_TYPE and o[0] == "<":
            cls = o[1:-1]
            node.setdefault("type", []).append(classes.get(cls) or _curie(cls))
            continue
        key, value = compactor.pair(p, o)
        node.setdefault(key, []).append(value)
    if node is not None:
        yield node


def write_jsonld(nt_path: Path, out: Path, context: dict[str, Any]) -> None:
    """JSON-LD from a sorted N-Triples file written by :func:`write_ntriples`.

    The context, then one node object per subject (the file is sorted, so a
    subject's triples are consecutive).
    """
    compactor = _Compactor(context)
    with (
        nt_path.open(encoding="utf-8") as lines,
        out.open("w", encoding="utf-8", newline="\n") as f,
    ):
        _write_jsonld(f, _nodes(lines, compactor), context)


def _write_jsonld(f: IO[str], nodes: Iterable[dict[str, Any]], context: dict[str, Any]) -> None:
    f.write('{"@context": ')
    f.write(json.dumps(context["@context"], ensure_ascii=False, indent=1))
    f.write(',\n"@graph": [')
    for i, node in enumerate(nodes):
        f.write(",\n" if i else "\n")
        compact = {
            k: (v[0] if len(v) == 1 and k != "type" else v) for k, v in node.items() if k != "id"
        }
        f.write(json.dumps({"id": node["id"], **compact}, ensure_ascii=False))
    f.write("\n]}\n")


def context_text(ontology_file: Path) -> str:
    """The published context file's text (``ontology/context.jsonld``) for an ontology."""
    g = Graph().parse(ontology_file, format="turtle")
    return json.dumps(make_context(g), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # pragma: no cover - regenerate ontology/context.jsonld
    from kg.rdf.paths import CONTEXT_FILE, ONTOLOGY_FILE

    CONTEXT_FILE.write_text(context_text(ONTOLOGY_FILE), encoding="utf-8")
