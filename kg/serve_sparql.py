"""The SPARQL 1.1 Protocol of ``dckg serve``: requests, refusals, result formats.

What a request may be (SPARQL 1.1 Protocol, section 2.1):

* ``GET /sparql?query=...`` — the query in the URL;
* ``POST /sparql`` with ``application/x-www-form-urlencoded`` — ``query=...``
  in the body;
* ``POST /sparql`` with ``application/sparql-query`` — the body is the query.

Each may carry ``default-graph-uri`` / ``named-graph-uri`` (repeatable; with
none, the default graph is the union of the store's graphs, the whole graph) and a
non-standard ``format`` parameter that overrides ``Accept`` (``json``,
``xml``, ``csv``, ``tsv``, ``html``; ``turtle``, ``ntriples``, ``jsonld``,
``rdfxml`` for CONSTRUCT and DESCRIBE).  The project prefixes
(``dckg:``, ``eli:``, ...) are predeclared.

Refused, before anything runs: updates (``update=`` or
``application/sparql-update`` bodies, or query text that is an update) with
403; ``SERVICE`` (federated query: the engine would fetch from any host the
query names) with 403; queries over :data:`MAX_QUERY_BYTES` with 413.  More
than ``max_results`` rows (or triples) are cut, and the reply says so in the
``X-SPARQL-MaxRows`` header (the name Virtuoso uses).

>>> check_query("PREFIX ex: <http://ex/service#> SELECT ?service { ?service ex:SERVICE 'SERVICE' }")
'solutions'
>>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.serve_sparql.ProtocolError: 403: federated queries (SERVICE) are refused: ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from urllib.parse import parse_qs

import pyoxigraph as ox

from kg.query import UPDATE_REFUSED, UPDATE_WORDS, Results, plain, query_form
from kg.query_format import to_csv, to_json, to_tsv
from kg.rdf.namespaces import PREFIXES
from kg.serve_pool import Reply, WorkerContext, text_reply

__all__ = [
    "FORMATS",
    "MAX_QUERY_BYTES",
    "Format",
    "ProtocolError",
    "QueryJob",
    "SparqlRequest",
    "check_query",
    "formats_for",
    "parse_request",
    "to_xml",
]

#: Longest query text accepted (bytes); longer requests get 413.
MAX_QUERY_BYTES = 256 * 1024
SOLUTIONS, GRAPH = "solutions", "graph"


class ProtocolError(Exception):
    """A request the endpoint refuses: HTTP status and a one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(f"{status}: {message}")


@dataclass(frozen=True)
class Format:
    """A result format: its ``format=`` name, media type, and which results it can carry."""

    name: str
    media_type: str
    kind: str  # SOLUTIONS (SELECT, ASK) or GRAPH (CONSTRUCT, DESCRIBE)
    aliases: tuple[str, ...] = ()  # other names and media types meaning the same
    rdf: ox.RdfFormat | None = None


#: Result formats, preferred first within each kind (first = default for ``*/*``).
FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", SOLUTIONS, ("application/json",)),
    Format("xml", "application/sparql-results+xml", SOLUTIONS, ("application/xml", "text/xml")),
    Format("csv", "text/csv", SOLUTIONS),
    Format("tsv", "text/tab-separated-values", SOLUTIONS),
    Format("html", "text/html", SOLUTIONS),
    Format("turtle", "text/turtle", GRAPH, ("ttl",), ox.RdfFormat.TURTLE),
    Format(
        "ntriples", "application/n-triples", GRAPH, ("nt", "text/plain"), ox.RdfFormat.N_TRIPLES
    ),
    Format("jsonld", "application/ld+json", GRAPH, ("json-ld",), ox.RdfFormat.JSON_LD),
    Format("rdfxml", "application/rdf+xml", GRAPH, ("rdf", "xml"), ox.RdfFormat.RDF_XML),
    Format("html", "text/html", GRAPH),
)


def formats_for(kind: str) -> tuple[Format, ...]:
    """The formats that can carry ``kind`` results, preferred first."""
    return tuple(f for f in FORMATS if f.kind == kind)


def format_named(name: str, kind: str) -> Format:
    """The format a ``format=`` value names for ``kind`` results (:class:`ProtocolError` if none).

    >>> format_named("application/sparql-results+xml", "solutions").name
    'xml'
    """
    wanted = name.strip().lower()
    for f in formats_for(kind):
        if wanted in (f.name, f.media_type, *f.aliases):
            return f
    known = ", ".join(f.name for f in formats_for(kind))
    raise ProtocolError(400, f"unknown format {name!r} for these results (known: {known})")


# ----------------------------------------------------------------- checks

#: What the keyword scan skips, in the order tried: (name, pattern, why).
_SKIPPED: tuple[tuple[str, str, str], ...] = (
    ("iri", r"<[^<>\"{}|^`\\\x00-\x20]*>", "an IRI may hold any word: <http://ex/SERVICE>"),
    ("comment", r"\#[^\n]*", "a comment is not part of the query"),
    ("long string", r'"""(?:[^"\\]|\\.|"(?!""))*"""' + r"|'''(?:[^'\\]|\\.|'(?!''))*'''",
     "literal text is not a keyword"),
    ("string", r'"(?:[^"\\\n]|\\.)*"' + r"|'(?:[^'\\\n]|\\.)*'", "literal text is not a keyword"),
    ("variable", r"[?$][A-Za-z0-9_]+", "?service is a variable"),
    ("prefixed name", r"[A-Za-z][\w.-]*:[\w.:%-]*|:[\w.:%-]*", "ex:SERVICE is a name"),
)  # fmt: skip
_TOKENS = re.compile(
    "|".join(f"(?:{pattern})" for _, pattern, _ in _SKIPPED) + r"|(?P<word>[A-Za-z_]+)|.",
    re.DOTALL,
)

#: Keywords refused anywhere in a query: (keyword, status, reason).
REFUSED_KEYWORDS: tuple[tuple[str, int, str], ...] = (
    ("SERVICE", 403,
     "federated queries (SERVICE) are refused: this endpoint answers from its own graph only"),
)  # fmt: skip


def check_query(text: str) -> str:
    """What ``text`` returns (``"solutions"`` or ``"graph"``); refuse what must not run."""
    if len(text.encode("utf-8")) > MAX_QUERY_BYTES:
        raise ProtocolError(413, f"query longer than {MAX_QUERY_BYTES} bytes")
    form = query_form(text)
    if form in UPDATE_WORDS:
        raise ProtocolError(403, f"read-only endpoint: {UPDATE_REFUSED}")
    refused = {word: (status, why) for word, status, why in REFUSED_KEYWORDS}
    for m in _TOKENS.finditer(text):
        word = m.group("word")
        if word and word.upper() in refused:
            status, why = refused[word.upper()]
            raise ProtocolError(status, why)
    return GRAPH if form in ("CONSTRUCT", "DESCRIBE") else SOLUTIONS


# ----------------------------------------------------------------- requests


@dataclass(frozen=True)
class SparqlRequest:
    """A protocol request: the query (empty when none was given) and its dataset and format."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None


def _params(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(400, "parameters are not UTF-8") from None


def parse_request(method: str, url_query: str, content_type: str, body: bytes) -> SparqlRequest:
    """Read a protocol request (see the module docstring); :class:`ProtocolError` when refused.

    >>> parse_request("GET", "query=ASK%20%7B%7D&format=xml", "", b"")
    SparqlRequest(query='ASK {}', default_graphs=(), named_graphs=(), format='xml')
    >>> parse_request("POST", "", "application/sparql-update", b"DROP ALL")
    Traceback (most recent call last):
    ...
    kg.serve_sparql.ProtocolError: 403: read-only endpoint: SPARQL Update is refused
    """
    params = _params(url_query)
    media = content_type.split(";")[0].strip().lower()
    query: list[str] = params.get("query", [])
    if method == "POST":
        if media == "application/sparql-update" or "update" in params:
            raise ProtocolError(403, "read-only endpoint: SPARQL Update is refused")
        if media == "application/x-www-form-urlencoded":
            form = _params(_utf8(body))
            if "update" in form:
                raise ProtocolError(403, "read-only endpoint: SPARQL Update is refused")
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            query = params.get("query", [])
        elif media == "application/sparql-query":
            if query:
                raise ProtocolError(400, "a query both in the URL and in the body")
            query = [_utf8(body)]
        else:
            raise ProtocolError(
                415,
                "POST a form (application/x-www-form-urlencoded) or a query "
                f"(application/sparql-query), not {media or 'no Content-Type'}",
            )
    if len(query) > 1:
        raise ProtocolError(400, "more than one query parameter")
    formats = params.get("format", [])
    return SparqlRequest(
        query[0] if query else "",
        tuple(params.get("default-graph-uri", [])),
        tuple(params.get("named-graph-uri", [])),
        formats[-1] if formats else None,
    )


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not UTF-8") from None


# ----------------------------------------------------------------- running


def _graphs(iris: tuple[str, ...]) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(iri) for iri in iris]
    except ValueError as exc:
        raise ProtocolError(400, f"bad graph IRI: {exc}") from None


@dataclass(frozen=True)
class QueryJob:
    """One query to run in a worker: the text, the chosen format and the limits."""

    query: str
    format: str  # a Format.name of the kind check_query found
    max_results: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def run(self, context: WorkerContext) -> Reply:
        kwargs: dict[str, object] = {"prefixes": dict(PREFIXES)}
        try:
            if self.default_graphs:
                kwargs["default_graph"] = _graphs(self.default_graphs)
            elif context.union:
                kwargs["use_default_graph_as_union"] = True
            if self.named_graphs:
                kwargs["named_graphs"] = _graphs(self.named_graphs)
        except ProtocolError as exc:
            return text_reply(exc.status, exc.message)
        try:
            answer = context.store.query(self.query, **kwargs)  # type: ignore[arg-type]
            return self._reply(answer, context.base)
        except SyntaxError as exc:
            return text_reply(400, f"not a SPARQL query: {exc}")
        except OSError as exc:
            return text_reply(500, f"query failed: {exc}")

    def _reply(self, answer: object, base: str) -> Reply:
        headers: list[tuple[str, str]] = []
        if isinstance(answer, ox.QueryBoolean):
            results = Results((), (), bool(answer))
            kind = SOLUTIONS
        else:
            kind = GRAPH if isinstance(answer, ox.QueryTriples) else SOLUTIONS
            items = list(islice(answer, self.max_results + 1))  # type: ignore[call-overload]
            if len(items) > self.max_results:
                items = items[: self.max_results]
                headers.append(("X-SPARQL-MaxRows", str(self.max_results)))
            if kind == GRAPH:
                results = Results(
                    ("subject", "predicate", "object"),
                    tuple((t.subject, t.predicate, t.object) for t in items),
                )
            else:
                names = tuple(v.value for v in answer.variables)  # type: ignore[attr-defined]
                results = Results(
                    names, tuple(tuple(s[i] for i in range(len(names))) for s in items)
                )
        try:
            fmt = format_named(self.format, kind)
        except ProtocolError:
            fmt = formats_for(kind)[0]  # the text fooled check_query; answer in the default
        body = serialize(results, fmt, self.query, base, truncated=bool(headers))
        ctype = fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else "")
        return Reply(200, ctype, body, tuple(headers))


def serialize(results: Results, fmt: Format, query: str, base: str, truncated: bool) -> bytes:
    """``results`` in ``fmt`` as bytes."""
    if fmt.name == "html":
        from kg.serve_pages import results_page

        return results_page(results, query, base, truncated).encode("utf-8")
    if fmt.rdf is not None:
        triples = [ox.Triple(*row) for row in results.rows]  # type: ignore[arg-type]
        prefixes = (
            dict(PREFIXES) if fmt.rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        )
        return ox.serialize(triples, format=fmt.rdf, prefixes=prefixes) or b""
    if fmt.name == "xml":
        return to_xml(results).encode("utf-8")
    if fmt.name == "csv":
        return to_csv(results).encode("utf-8")
    if fmt.name == "tsv":
        return to_tsv(results).encode("utf-8")
    return to_json(results, indent=None).encode("utf-8")


# ----------------------------------------------------------------- XML results

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_XML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def _x(text: str) -> str:
    """Text for XML content or a double-quoted attribute (characters XML 1.0 forbids dropped)."""
    return "".join(_XML_ESCAPES.get(c, c) for c in _NOT_XML.sub("\ufffd", text))


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_x(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_x(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f'<literal xml:lang="{_x(term.language)}">{_x(term.value)}</literal>'
        if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f'<literal datatype="{_x(term.datatype.value)}">{_x(term.value)}</literal>'
        return f"<literal>{_x(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        parts = zip(
            ("subject", "predicate", "object"),
            (term.subject, term.predicate, term.object),
            strict=True,
        )
        return "<triple>" + "".join(f"<{n}>{_xml_term(t)}</{n}>" for n, t in parts) + "</triple>"
    return f"<literal>{_x(plain(term))}</literal>"  # type: ignore[arg-type]


def to_xml(results: Results) -> str:
    """SPARQL Query Results XML Format.

    >>> print(to_xml(Results(("x",), ((ox.Literal("a<b"),),))), end="")
    <?xml version="1.0" encoding="utf-8"?>
    <sparql xmlns="http://www.w3.org/2005/sparql-results#">
    <head><variable name="x"/></head>
    <results>
    <result><binding name="x"><literal>a&lt;b</literal></binding></result>
    </results>
    </sparql>
    """
    head = "".join(f'<variable name="{_x(v)}"/>' for v in results.variables)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
        f"<head>{head}</head>",
    ]
    if results.boolean is not None:
        lines.append(f"<boolean>{'true' if results.boolean else 'false'}</boolean>")
    else:
        lines.append("<results>")
        for row in results.rows:
            cells = "".join(
                f'<binding name="{_x(v)}">{_xml_term(t)}</binding>'
                for v, t in zip(results.variables, row, strict=True)
                if t is not None
            )
            lines.append(f"<result>{cells}</result>")
        lines.append("</results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"
