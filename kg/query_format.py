"""Write query :class:`~kg.query.Results` as a table, SPARQL 1.1 JSON, CSV or TSV.

* ``json`` — SPARQL 1.1 Query Results JSON Format (``head.vars``,
  ``results.bindings``; ``boolean`` for ASK);
* ``csv`` / ``tsv`` — SPARQL 1.1 Query Results CSV and TSV Formats (CSV: plain
  values, CRLF line ends; TSV: terms in N-Triples/Turtle syntax);
* ``table`` — aligned plain text for people (IRIs under the build's base and
  the project prefixes shortened, long cells cut), or a ``rich`` table.

>>> from pyoxigraph import Literal, NamedNode
>>> from kg.query import Results
>>> r = Results(("who", "n"), ((NamedNode("https://w3id.org/dckg/body/INCB"), Literal("2")),))
>>> print(to_table(r))
who        n
---------  -
body/INCB  2
>>> to_tsv(r).splitlines()
['?who\\t?n', '<https://w3id.org/dckg/body/INCB>\\t"2"']
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.query import XSD_STRING, Results, Term, plain, sparql_term
from kg.rdf.namespaces import DEFAULT_BASE, PREFIXES

__all__ = ["FORMATS", "compact", "format_results", "to_csv", "to_json", "to_table", "to_tsv"]

FORMATS = ("table", "json", "csv", "tsv")
CELL_WIDTH = 72  # longest cell in a plain table; the other formats keep everything
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def to_json(results: Results, indent: int | None = 2) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if results.boolean is not None:
        doc: dict[str, Any] = {"head": {}, "boolean": results.boolean}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(results.variables, row, strict=True) if t is not None}
            for row in results.rows
        ]
        doc = {"head": {"vars": list(results.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=indent)


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return plain(term)


def to_csv(results: Results) -> str:
    """SPARQL 1.1 Query Results CSV (lossy: plain values only)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if results.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if results.boolean else "false"])
        return buf.getvalue()
    writer.writerow(results.variables)
    for row in results.rows:
        writer.writerow([_csv_value(t) for t in row])
    return buf.getvalue()


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Triple):
        parts = (term.subject, term.predicate, term.object)
        return "<< " + " ".join(_tsv_term(t) for t in parts) + " >>"
    return sparql_term(term)


def to_tsv(results: Results) -> str:
    """SPARQL 1.1 Query Results TSV (terms in N-Triples syntax)."""
    if results.boolean is not None:
        return "?boolean\n" + ("true" if results.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in results.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in results.rows]
    return "\n".join(lines) + "\n"


def compact(term: Term | None, base: str = DEFAULT_BASE) -> str:
    """A short display form: base-relative or prefixed IRI, literal's lexical form.

    >>> compact(NamedNode("https://w3id.org/dckg/ontology#Directive"))
    'dckg:Directive'
    >>> compact(NamedNode("https://w3id.org/dckg/resolution/A/RES/63/197/op/40"))
    'resolution/A/RES/63/197/op/40'
    """
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        iri = term.value
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri[len(base) :] if iri.startswith(base) and len(iri) > len(base) else iri
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return " ".join(plain(term).split())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def to_table(results: Results, base: str = DEFAULT_BASE, width: int = CELL_WIDTH) -> str:
    """Aligned plain text: a header, a rule, one line per row."""
    if results.boolean is not None:
        return "yes" if results.boolean else "no"
    header = list(results.variables)
    body = [[_cut(compact(t, base), width) for t in row] for row in results.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    return "\n".join(lines)


def rich_table(results: Results, base: str = DEFAULT_BASE) -> Any:
    """A :class:`rich.table.Table` of the results (cells wrap instead of being cut)."""
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for v in results.variables:
        table.add_column(v, overflow="fold")
    for row in results.rows:
        table.add_row(*(compact(t, base) for t in row))
    return table


def format_results(results: Results, fmt: str, base: str = DEFAULT_BASE) -> str:
    """Results in one of :data:`FORMATS` (the table as plain text)."""
    if fmt == "json":
        return to_json(results)
    if fmt == "csv":
        return to_csv(results)
    if fmt == "tsv":
        return to_tsv(results)
    return to_table(results, base)
