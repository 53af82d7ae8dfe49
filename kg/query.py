"""Run SPARQL on the built graph: named queries, safe parameters, result formats.

The build (``dckg build``) leaves an on-disk pyoxigraph store in
``<out>/store``.  :func:`open_store` opens it **read-only**, and every query
goes through ``Store.query`` (never ``Store.update``), so no query text can
change the graph: ``DROP ALL`` is a syntax error here, not an update.

Parameters
----------
Values given by users (``--param body=INCB``) never become query text by
concatenation.  Each value is first turned into one RDF term (a
``pyoxigraph`` ``NamedNode`` or ``Literal``, checked by its declared type,
see :mod:`kg.query_params`), then :func:`render` adds one ``VALUES`` row at
the top of the query's ``WHERE`` group, writing each term with
:func:`sparql_term` (IRIs checked against the IRIREF grammar, strings with
every quote and backslash escaped).  The query's structure is whatever the
file says, whatever the value.

>>> from pyoxigraph import Literal, NamedNode
>>> print(render("SELECT ?t WHERE { ?p <http://ex/text> ?t }", {"t": Literal('say "hi" }')}))
SELECT ?t WHERE {
  VALUES (?t) { ("say \\"hi\\" }") }
 ?p <http://ex/text> ?t }

Named queries
-------------
``queries/*.rq`` at the top of the repository; each starts with a comment
header (see :func:`parse_named_query`)::

    # title: Paragraphs by body and topic
    # question: Which paragraphs mention a body and are about a topic?
    # parameters:
    #   body: entity = INCB -- a body (authority id or name)
    #   topic: topic = funding -- a topic id

Results
-------
:class:`Results` holds the variables and rows (pyoxigraph terms);
:mod:`kg.query_format` writes them as an aligned table, SPARQL 1.1 results
JSON, CSV or TSV.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    Store,
    Triple,
)

from kg.errors import KGError
from kg.rdf.namespaces import PREFIXES
from kg.rdf.paths import ROOT

__all__ = [
    "DEFAULT_OUT",
    "QUERIES_DIR",
    "Engine",
    "NamedQuery",
    "OxigraphEngine",
    "Parameter",
    "RdflibEngine",
    "Results",
    "Term",
    "load_named_queries",
    "named_query",
    "open_store",
    "parse_named_query",
    "render",
    "sparql_term",
    "store_path",
]

Term = NamedNode | BlankNode | Literal | Triple

#: Where ``dckg build`` writes by default, and the store folder inside it.
DEFAULT_OUT = Path("out")
STORE_DIR = "store"
#: The named queries shipped with the project.
QUERIES_DIR = ROOT / "queries"

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Characters an IRIREF may not hold (SPARQL 1.1 grammar [139]); the backslash is
# refused too because some engines expand \u escapes before parsing.
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


# ---------------------------------------------------------------- terms


def sparql_term(term: Term) -> str:
    """One RDF term as SPARQL text that cannot break out of its place.

    >>> sparql_term(Literal('a"b\\\\c'))
    '"a\\\\"b\\\\\\\\c"'
    >>> sparql_term(Literal("5", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> sparql_term(NamedNode("https://w3id.org/dckg/body/INCB"))
    '<https://w3id.org/dckg/body/INCB>'
    """
    if isinstance(term, NamedNode):
        if _IRI_FORBIDDEN.search(term.value):
            raise KGError(f"not usable as an IRI in a query: {term.value!r}", where="parameter")
        return f"<{term.value}>"
    if isinstance(term, Literal):
        body = '"' + "".join(_ECHAR.get(c, c) for c in term.value) + '"'
        if term.language:
            if not re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*", term.language):
                raise KGError(f"bad language tag {term.language!r}", where="parameter")
            return f"{body}@{term.language}"
        if term.datatype.value != XSD_STRING:
            return f"{body}^^{sparql_term(term.datatype)}"
        return body
    raise KGError(f"a {type(term).__name__} cannot be a query parameter", where="parameter")


# ------------------------------------------------------ VALUES injection

_TOKEN = re.compile(
    r'''(?P<comment>\#[^\n]*)
      | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
                  |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$][A-Za-z0-9_]+)
      | (?P<pname>[A-Za-z][\w.-]*:[\w.:%-]*|:[\w.:%-]*)
      | (?P<word>[A-Za-z_]+)
      | (?P<open>\{)
      | (?P<close>\})
      | (?P<other>.)''',
    re.VERBOSE | re.DOTALL,
)


UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
UPDATE_REFUSED = (
    "an update, not a query: only SELECT, ASK, CONSTRUCT and DESCRIBE run (the store is read-only)"
)


def query_form(query: str) -> str | None:
    """The first keyword after the prologue: SELECT, ASK, ..., or an update word.

    >>> query_form("PREFIX a: <http://a#> # SELECT\\n drop all"), query_form("select * {}")
    ('DROP', 'SELECT')
    """
    for m in _TOKEN.finditer(query):
        if m.lastgroup == "word" and m.group().upper() not in ("PREFIX", "BASE"):
            return m.group().upper()
    return None


def _where_brace(query: str) -> int:
    """Offset just after the ``{`` that opens the query's WHERE group."""
    form: str | None = None
    after_template = False
    depth = 0
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup
        if kind == "word":
            word = m.group().upper()
            if depth == 0 and form is None and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = word
            elif depth == 0 and word == "WHERE":
                if form == "CONSTRUCT" and not after_template:
                    break  # CONSTRUCT WHERE { ... }: the short form, no group to bind in
                after_template = True
            elif depth == 0 and form is None and word in UPDATE_WORDS:
                raise KGError(UPDATE_REFUSED, where="query")
        elif kind == "open":
            if depth == 0 and form is not None and (form != "CONSTRUCT" or after_template):
                return m.end()
            if depth == 0 and form == "CONSTRUCT":
                after_template = True  # the template; the WHERE group comes next
            depth += 1
        elif kind == "close":
            depth -= 1
    if form == "CONSTRUCT":
        raise KGError("parameters need the long form CONSTRUCT { ... } WHERE { ... }")
    raise KGError("no WHERE group found to bind the parameters in")


def render(query: str, bindings: Mapping[str, Term]) -> str:
    """``query`` with one ``VALUES`` row binding ``bindings`` at the top of its WHERE group.

    The row joins with the whole group, so it also constrains variables that
    are grouped or aggregated away (unlike SEP-0007 substitution, which needs
    them projected).  Variables inside sub-queries are not reached.
    """
    if not bindings:
        return query
    names = sorted(bindings)
    bad = [n for n in names if not _VARNAME.fullmatch(n)]
    if bad:
        raise KGError(f"not a variable name: {bad[0]!r}", where="parameter")
    row = " ".join(sparql_term(bindings[n]) for n in names)
    head = " ".join("?" + n for n in names)
    at = _where_brace(query)
    return f"{query[:at]}\n  VALUES ({head}) {{ ({row}) }}\n{query[at:]}"


def prologue(query: str) -> str:
    """``PREFIX`` lines for the project prefixes the query does not declare itself."""
    declared = {m.group(1) for m in re.finditer(r"(?im)^\s*PREFIX\s+([\w.-]*):", query)}
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared)


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Results:
    """The answer of one query: variables and rows (``None`` = unbound), or a boolean."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]
    boolean: bool | None = None
    seconds: float = 0.0

    def column(self, name: str) -> list[Term | None]:
        i = self.variables.index(name)
        return [row[i] for row in self.rows]

    def values(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings (IRI, lexical form, blank node id).

        >>> Results(("x",), ((Literal("1"),), (None,))).values()
        [{'x': '1'}, {'x': None}]
        """
        return [
            {v: (None if t is None else plain(t)) for v, t in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]


def plain(term: Term) -> str:
    """The plain string of a term: IRI, lexical form, or blank node id."""
    if isinstance(term, Triple):
        return f"<< {plain(term.subject)} {plain(term.predicate)} {plain(term.object)} >>"
    return term.value


class Engine(Protocol):
    """Something that answers SPARQL query text (local store, in-memory graph, endpoint)."""

    name: str

    def run(self, query: str) -> Results: ...


@dataclass
class OxigraphEngine:
    """Queries on a pyoxigraph :class:`Store`, all named graphs seen as one default graph."""

    store: Store
    name: str = "pyoxigraph"
    prefixes: dict[str, str] = field(default_factory=lambda: dict(PREFIXES))

    def run(self, query: str) -> Results:
        started = time.perf_counter()
        try:
            answer = self.store.query(
                query, prefixes=self.prefixes, use_default_graph_as_union=True
            )
        except SyntaxError as exc:
            if query_form(query) in UPDATE_WORDS:
                raise KGError(UPDATE_REFUSED, where="query") from None
            raise KGError(f"not a SPARQL query: {exc}", where="query") from None
        except OSError as exc:
            raise KGError(f"cannot read the store: {exc}", where="query") from None
        if isinstance(answer, QueryBoolean):
            return Results((), (), bool(answer), time.perf_counter() - started)
        if isinstance(answer, QuerySolutions):
            names = tuple(v.value for v in answer.variables)
            rows = tuple(tuple(sol[i] for i in range(len(names))) for sol in answer)
            return Results(names, rows, None, time.perf_counter() - started)
        triples = tuple((t.subject, t.predicate, t.object) for t in answer)
        return Results(
            ("subject", "predicate", "object"), triples, None, time.perf_counter() - started
        )


@dataclass
class RdflibEngine:
    """The same queries on an rdflib graph (for comparison and for graphs not in a store).

    Terms come back as pyoxigraph terms so that results compare equal across engines.
    """

    graph: Any
    name: str = "rdflib"

    def run(self, query: str) -> Results:
        from rdflib import BNode
        from rdflib import Literal as RLiteral

        def term(node: Any) -> Term | None:
            if node is None:
                return None
            if isinstance(node, RLiteral):
                if node.language:
                    return Literal(str(node), language=node.language)
                dt = node.datatype or XSD_STRING
                return Literal(str(node), datatype=NamedNode(str(dt)))
            if isinstance(node, BNode):
                return BlankNode(str(node))
            return NamedNode(str(node))

        started = time.perf_counter()
        try:
            answer = self.graph.query(query, initNs=PREFIXES)
        except Exception as exc:  # rdflib raises pyparsing errors and others
            raise KGError(f"not a SPARQL query: {exc}", where="query") from None
        if answer.type == "ASK":
            return Results((), (), bool(answer.askAnswer), time.perf_counter() - started)
        if answer.type == "SELECT":
            names = tuple(str(v) for v in answer.vars or ())
            rows = tuple(tuple(term(row[i]) for i in range(len(names))) for row in answer)
            return Results(names, rows, None, time.perf_counter() - started)
        triples = tuple(tuple(term(x) for x in t) for t in answer)
        return Results(
            ("subject", "predicate", "object"), triples, None, time.perf_counter() - started
        )


def store_path(out_dir: str | Path = DEFAULT_OUT, store: str | Path | None = None) -> Path:
    """The store folder: ``store`` when given, else ``<out_dir>/store``."""
    return Path(store) if store is not None else Path(out_dir) / STORE_DIR


def open_store(path: str | Path) -> Store:
    """Open a built store **read-only** (:func:`kg.store.open_store`).

    :class:`KGError` when there is none.
    """
    from kg import store as kg_store

    p = Path(path)
    if not p.is_dir():
        raise KGError(
            "no store here; run `dckg build` first (or give --out-dir/--store)", path=str(p)
        )
    return kg_store.open_store(p, read_only=True)


# ------------------------------------------------------------ named queries


@dataclass(frozen=True)
class Parameter:
    """A declared parameter of a named query: ``?name``, its type and default value."""

    name: str
    type: str  # see kg.query_params.PARAMETER_TYPES
    default: str
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A query of ``queries/``: its header and its SPARQL text."""

    name: str
    title: str
    question: str
    parameters: tuple[Parameter, ...]
    text: str
    path: str = ""

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise KeyError(name)


_HEADER = re.compile(r"#\s*(title|question|parameters)\s*:\s*(.*)")
_PARAM = re.compile(r"#\s+(\w+)\s*:\s*([\w-]+)\s*=\s*(.*?)\s*(?:--\s*(.*))?")


def parse_named_query(text: str, name: str, path: str = "") -> NamedQuery:
    """Read the comment header of a ``.rq`` file.

    >>> q = parse_named_query('''# title: T
    ... # question: Which?
    ... # parameters:
    ... #   body: entity = INCB -- the body
    ... SELECT ?p WHERE { ?m <http://ex/m> ?body }''', "t")
    >>> q.title, q.question, q.parameters[0]
    ('T', 'Which?', Parameter(name='body', type='entity', default='INCB', description='the body'))
    """
    fields: dict[str, str] = {}
    params: list[Parameter] = []
    in_params = False
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        head = _HEADER.fullmatch(stripped)
        if head:
            key, value = head.groups()
            fields[key] = value.strip()
            in_params = key == "parameters"
            continue
        pm = _PARAM.fullmatch(line.rstrip())
        if in_params and pm:
            pname, ptype, default, desc = pm.groups()
            params.append(Parameter(pname, ptype, default, (desc or "").strip()))
        elif in_params and fields["parameters"] == "" and not params:
            raise KGError(f"bad parameter line {stripped!r}", path=path or name, where=f"line {n}")
        else:
            in_params = False  # free comment lines may follow the header
    for key in ("title", "question"):
        if not fields.get(key):
            raise KGError(f"header has no '# {key}:'", path=path or name)
    if "parameters" not in fields:
        raise KGError(
            "header has no '# parameters:' (write '# parameters: none')", path=path or name
        )
    return NamedQuery(name, fields["title"], fields["question"], tuple(params), text, path)


def load_named_queries(directory: str | Path | None = None) -> dict[str, NamedQuery]:
    """The named queries of ``directory`` (default :data:`QUERIES_DIR`), by name."""
    folder = Path(directory) if directory is not None else QUERIES_DIR
    out: dict[str, NamedQuery] = {}
    for path in sorted(folder.glob("*.rq")):
        out[path.stem] = parse_named_query(path.read_text(encoding="utf-8"), path.stem, str(path))
    return out


def named_query(name: str, directory: str | Path | None = None) -> NamedQuery:
    """One named query; :class:`KGError` listing the known names when absent."""
    queries = load_named_queries(directory)
    if name not in queries:
        known = ", ".join(sorted(queries)) or "none"
        raise KGError(f"no named query {name!r} (known: {known}; see `dckg query --list`)")
    return queries[name]
