"""Past one machine: query a remote SPARQL endpoint, push a build to a Graph Store.

:class:`RemoteEngine` is a :class:`kg.query.Engine` over the SPARQL 1.1
Protocol (POST form, standard library only): ``dckg query --endpoint URL`` and
``dckg ask --endpoint URL`` use it in place of the local store and get the
same :class:`~kg.query.Results` (pyoxigraph terms).  The project prefixes are
declared in the query text (the local engine passes them to pyoxigraph
instead), and updates are refused before anything is sent.  Like the local
store, the named queries expect the endpoint's default graph to be the union
of its named graphs (``oxigraph serve --union-default-graph``; Fuseki
``tdb2:unionDefaultGraph true``).

:func:`push` loads a build into any SPARQL 1.1 Graph Store HTTP Protocol
server with one ``PUT`` per named graph, which *replaces* that graph:

* ``per_resolution=True`` (``--graph-per-resolution``, the default) — the
  build's data are split by resolution: every triple whose subject lies under a
  resolution's IRI (the resolution, its text, paragraphs, mentions, citations,
  directives, evidence) goes to ``<base>graph/resolution/<symbol>``; the rest
  (cited documents, subject headings, source files) to ``<base>graph/data``.
  A changed resolution then replaces only its graph (``--only SYMBOL``);
* ``per_resolution=False`` (``--single-graph``) — all of it in ``graph/data``.

The authority, topics, ontology, VoID and build graphs are pushed as they are
in both modes, and their triples are left out of the data graphs, so that the
server's union of its graphs holds every triple once.

>>> graph_for("https://w3id.org/dckg/resolution/A/RES/63/197", "https://w3id.org/dckg/")
'https://w3id.org/dckg/graph/resolution/A/RES/63/197'
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import tempfile
import time
import urllib.error
import urllib.request
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import pyoxigraph as ox

from kg import __version__
from kg.errors import KGError
from kg.query import UPDATE_REFUSED, UPDATE_WORDS, Engine, Results, Term, prologue, query_form
from kg.rdf.namespaces import DCKG, RDF

__all__ = [
    "GraphPart",
    "GraphStore",
    "PushResult",
    "RemoteEngine",
    "graph_for",
    "open_engine",
    "plan_push",
    "push",
]

USER_AGENT = f"drug-control-kg/{__version__}"
RESULTS_JSON = "application/sparql-results+json"
#: What the engine accepts, best first: SELECT/ASK results, then graphs for CONSTRUCT/DESCRIBE.
ACCEPT = f"{RESULTS_JSON}, application/n-triples;q=0.9, text/turtle;q=0.8"
#: Graphs of the store pushed whole, in this order (names under <base>graph/).
REFERENCE_GRAPHS = ("ontology", "authority", "topics", "void", "build")
#: GraphPart.source of the build's own data (see DataSplit).
DATA = "data"
N_TRIPLES = "application/n-triples"


def _loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_url(url: str, what: str) -> tuple[str, str, int | None, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise KGError(f"not an http(s) URL: {url!r}", where=what)
    path = parts.path or "/"
    return (
        parts.scheme,
        parts.hostname,
        parts.port,
        path + (f"?{parts.query}" if parts.query else ""),
    )


# ------------------------------------------------------------------ querying


def _term(value: dict[str, Any]) -> Term:
    kind = value.get("type")
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return ox.Literal(value["value"], language=value["xml:lang"])
        if "datatype" in value:
            return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(value["value"])
    if kind == "triple":
        inner = value["value"]
        return ox.Triple(_term(inner["subject"]), _term(inner["predicate"]), _term(inner["object"]))  # type: ignore[arg-type]
    raise KGError(f"unknown term type {kind!r} in the endpoint's results")


def results_from_json(doc: dict[str, Any], seconds: float = 0.0) -> Results:
    """SPARQL 1.1 Query Results JSON -> :class:`Results`.

    >>> three = {"type": "literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#int"}
    >>> r = results_from_json({"head": {"vars": ["x"]},
    ...                        "results": {"bindings": [{"x": three}, {}]}})
    >>> r.values()
    [{'x': '3'}, {'x': None}]
    """
    if "boolean" in doc:
        return Results((), (), bool(doc["boolean"]), seconds)
    names = tuple(doc.get("head", {}).get("vars", []))
    rows = tuple(
        tuple(_term(b[n]) if n in b else None for n in names)
        for b in doc.get("results", {}).get("bindings", [])
    )
    return Results(names, rows, None, seconds)


@dataclass
class RemoteEngine:
    """SPARQL queries sent to ``endpoint`` (SPARQL 1.1 Protocol, POST form)."""

    endpoint: str
    timeout: float = 60.0
    default_graphs: tuple[str, ...] = ()
    name: str = "remote"

    def __post_init__(self) -> None:
        _check_url(self.endpoint, "--endpoint")
        handlers = (
            [urllib.request.ProxyHandler({})]
            if _loopback(urlsplit(self.endpoint).hostname or "")
            else []
        )
        self._opener = urllib.request.build_opener(*handlers)
        self.name = f"remote {self.endpoint}"

    def run(self, query: str) -> Results:
        if query_form(query) in UPDATE_WORDS:
            raise KGError(UPDATE_REFUSED, where="query")
        fields = [("query", prologue(query) + query)]
        fields += [("default-graph-uri", g) for g in self.default_graphs]
        request = urllib.request.Request(
            self.endpoint,
            data=urlencode(fields).encode("utf-8"),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": ACCEPT,
                "User-Agent": USER_AGENT,
            },
            method="POST",
        )
        started = time.perf_counter()
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                body = response.read()
                ctype = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            message = detail[0] if detail else exc.reason
            raise KGError(
                f"the endpoint answered {exc.code}: {message}", path=self.endpoint
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise KGError(f"cannot reach the endpoint: {reason}", path=self.endpoint) from None
        seconds = time.perf_counter() - started
        media = ctype.split(";")[0].strip().lower()
        try:
            if media in (RESULTS_JSON, "application/json"):
                return results_from_json(json.loads(body), seconds)
            if media in (N_TRIPLES, "text/turtle", "text/plain"):
                fmt = ox.RdfFormat.TURTLE if media == "text/turtle" else ox.RdfFormat.N_TRIPLES
                triples = tuple(
                    (t.subject, t.predicate, t.object) for t in ox.parse(body, format=fmt)
                )
                return Results(("subject", "predicate", "object"), triples, None, seconds)
        except (ValueError, SyntaxError) as exc:
            raise KGError(
                f"unreadable {media} from the endpoint: {exc}", path=self.endpoint
            ) from None
        raise KGError(f"the endpoint answered in {media or 'no media type'}", path=self.endpoint)


def open_engine(out_dir: Path, store: Path | None, endpoint: str | None) -> Engine:
    """The engine of ``dckg query`` / ``dckg ask``: ``endpoint`` if given, else the local store."""
    if endpoint:
        return RemoteEngine(endpoint)
    from kg.query import OxigraphEngine, open_store, store_path

    return OxigraphEngine(open_store(store_path(out_dir, store)))


# ------------------------------------------------------------------ pushing


def graph_for(resolution_iri: str, base: str) -> str:
    """The named graph of one resolution: ``<base>graph/`` + the resolution's path."""
    return base + "graph/" + resolution_iri[len(base) :]


@dataclass(frozen=True)
class GraphPart:
    """One graph to push: its IRI, where its triples come from, how many there are."""

    name: str
    source: str  # store graph IRI the triples are read from
    triples: int
    resolution: str | None = None  # split key: a resolution IRI, "" the rest of the data


@dataclass
class PushResult:
    """What a push sent."""

    graphs: int = 0
    triples: int = 0
    bytes: int = 0
    seconds: float = 0.0


class GraphStore:
    """A Graph Store HTTP Protocol endpoint: ``PUT`` (replace) graphs over one connection."""

    def __init__(self, endpoint: str, timeout: float = 300.0) -> None:
        self.scheme, self.host, self.port, self.target = _check_url(endpoint, "--endpoint")
        self.endpoint = endpoint
        self.timeout = timeout
        self._conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            cls = (
                http.client.HTTPSConnection
                if self.scheme == "https"
                else http.client.HTTPConnection
            )
            self._conn = cls(self.host, self.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def put(self, graph: str, body: bytes | Path) -> int:
        """Replace ``graph`` with the N-Triples ``body`` (bytes, or a file streamed); its size."""
        sep = "&" if "?" in self.target else "?"
        url = f"{self.target}{sep}graph={quote(graph, safe='')}"
        size = body.stat().st_size if isinstance(body, Path) else len(body)
        headers = {"Content-Type": N_TRIPLES, "User-Agent": USER_AGENT, "Content-Length": str(size)}
        for attempt in (1, 2):
            conn = self._connection()
            try:
                if isinstance(body, Path):
                    with body.open("rb") as f:
                        conn.request("PUT", url, body=f, headers=headers)
                else:
                    conn.request("PUT", url, body=body, headers=headers)
                response = conn.getresponse()
                detail = response.read().decode("utf-8", "replace").strip()
            except (http.client.HTTPException, OSError) as exc:
                self.close()
                if attempt == 2:
                    raise KGError(f"PUT <{graph}> failed: {exc}", path=self.endpoint) from None
                continue
            if response.status not in (200, 201, 204):
                first = detail.splitlines()[0] if detail else response.reason
                raise KGError(f"PUT <{graph}>: {response.status} {first}", path=self.endpoint)
            return size
        return size  # pragma: no cover (the loop returns or raises)


def _base_of(store: ox.Store) -> str:
    for g in store.named_graphs():
        name = getattr(g, "value", "")
        if name.endswith("graph/authority"):
            return name[: -len("graph/authority")]
    raise KGError("the store has no graph/authority graph (not written by dckg build?)")


def _subject(line: bytes) -> str:
    return line[1 : line.index(b">")].decode("utf-8") if line.startswith(b"<") else ""


class DataSplit:
    """The build's own data (not the reference graphs) in a file, indexed by resolution.

    Where the data are: the store's default graph (the resolutions; ``dckg
    build`` keeps each reference graph in a named graph), less any triple also
    kept in a reference graph (stores written for a while held those in both),
    or a ``graph/data`` named graph in older stores.  Only line offsets are
    kept in memory.
    """

    def __init__(self, store: ox.Store, base: str, folder: Path) -> None:
        self.base = base
        names = {getattr(g, "value", "") for g in store.named_graphs()}
        data_graph = base + "graph/data"
        source: ox.NamedNode | ox.DefaultGraph = (
            ox.NamedNode(data_graph) if data_graph in names else ox.DefaultGraph()
        )
        reference: set[bytes] = set()
        if isinstance(source, ox.DefaultGraph):
            for name in REFERENCE_GRAPHS:
                if base + "graph/" + name in names:
                    dump = store.dump(
                        format=ox.RdfFormat.N_TRIPLES,
                        from_graph=ox.NamedNode(base + "graph/" + name),
                    )
                    reference.update((dump or b"").splitlines(keepends=True))
        kind = ox.NamedNode(str(DCKG.Resolution))
        self.resolutions = {
            q.subject.value
            for q in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), kind, source)
            if isinstance(q.subject, ox.NamedNode)
        }
        raw = folder / "dump.nt"
        store.dump(str(raw), format=ox.RdfFormat.N_TRIPLES, from_graph=source)
        self.path = folder / "data.nt"
        self.offsets: dict[str, array[int]] = {}
        prefix = base + "resolution/"
        pos = 0
        with raw.open("rb") as f, self.path.open("wb") as data:
            for line in f:
                if line in reference:
                    continue
                subject = _subject(line)
                key = self._key(subject) if subject.startswith(prefix) else ""
                self.offsets.setdefault(key, array("q")).append(pos)
                data.write(line)
                pos += len(line)
        raw.unlink()
        self.triples = sum(len(v) for v in self.offsets.values())

    def _key(self, subject: str) -> str:
        s = subject.split("#", 1)[0]
        while s not in self.resolutions:
            cut = s.rfind("/")
            if cut <= len(self.base):
                return ""
            s = s[:cut]
        return s

    def lines(self, key: str) -> bytes:
        """The N-Triples of one key (a resolution IRI, or "" for the rest), sorted."""
        out = []
        with self.path.open("rb") as f:
            for pos in self.offsets.get(key, ()):
                f.seek(pos)
                out.append(f.readline())
        return b"".join(sorted(out))


def plan_push(
    store: ox.Store, per_resolution: bool, folder: Path, only: tuple[str, ...] = ()
) -> tuple[list[GraphPart], DataSplit]:
    """The graphs a push sends, in order, and the build's data split by resolution."""
    from kg.rdf.iris import Minter

    base = _base_of(store)
    names = {getattr(g, "value", "") for g in store.named_graphs()}
    split = DataSplit(store, base, folder)
    data = base + "graph/data"
    if only:
        if not per_resolution:
            raise KGError("--only needs --graph-per-resolution")
        minter = Minter(base)
        wanted = [str(minter.resolution(s)) for s in only]
        missing = [s for s, iri in zip(only, wanted, strict=True) if iri not in split.offsets]
        if missing:
            raise KGError(f"not in this build: {', '.join(missing)}", where="--only")
        return [
            GraphPart(graph_for(r, base), DATA, len(split.offsets[r]), r) for r in wanted
        ], split
    parts: list[GraphPart] = []
    for name in REFERENCE_GRAPHS:
        iri = base + "graph/" + name
        if iri in names:
            count = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
            parts.append(GraphPart(iri, iri, count))
    if not per_resolution:
        parts.append(GraphPart(data, DATA, split.triples))
        return parts, split
    for key in sorted(split.offsets):
        target = graph_for(key, base) if key else data
        parts.append(GraphPart(target, DATA, len(split.offsets[key]), key))
    return parts, split


def _body(store: ox.Store, part: GraphPart, split: DataSplit) -> bytes | Path:
    if part.source != DATA:
        return (
            store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(part.source)) or b""
        )
    if part.resolution is None:  # --single-graph: the whole data file, streamed
        return split.path
    return split.lines(part.resolution)


def push(
    out: Path,
    endpoint: str,
    per_resolution: bool = True,
    only: tuple[str, ...] = (),
    timeout: float = 300.0,
    progress: Callable[[int, int], None] | None = None,
) -> PushResult:
    """PUT the graphs of the build in ``out`` to the Graph Store at ``endpoint`` (module doc)."""
    from kg.query import open_store, store_path

    started = time.perf_counter()
    store = open_store(store_path(out))
    target = GraphStore(endpoint, timeout)
    result = PushResult()
    with tempfile.TemporaryDirectory(prefix="dckg-push-") as tmp:
        parts, split = plan_push(store, per_resolution, Path(tmp), only)
        try:
            for i, part in enumerate(parts, 1):
                body = _body(store, part, split)
                result.bytes += target.put(part.name, body)
                result.graphs += 1
                result.triples += part.triples
                if progress:
                    progress(i, len(parts))
        finally:
            target.close()
    result.seconds = time.perf_counter() - started
    return result
