"""``dckg serve``: a read-only SPARQL endpoint and dereferenceable IRIs over the built store.

Design
------
One Python process answers HTTP with the standard library's
:class:`http.server.ThreadingHTTPServer`; every read of the store happens in a
small pool of worker processes (:mod:`kg.serve_pool`), each holding the
Oxigraph store of ``out/store`` open read-only through pyoxigraph.

Why not ``oxigraph serve-read-only`` (the ``oxigraph`` wheel) behind a Python
front: it is fast (~3,300 requests/s on loopback), but it would still need a
Python front for the pages, and for /sparql it cannot do what this endpoint
must: it has no result-size limit, allows ``SERVICE`` to any host (the engine
would fetch from wherever a query says), and its CORS switch is all-or-nothing.
Putting it behind a filtering proxy costs the proxy's parsing anyway and adds a
second server and a binary dependency to run.  pyoxigraph is already a
dependency, so this module adds none.  Why processes: pyoxigraph holds the
GIL while it evaluates and ``Store.query`` has no timeout, so a slow query in a
thread would stall the whole server and could not be stopped; a worker can be
killed when its time is up.  The store does not change while it is served, so
finished answers are kept (:class:`kg.serve_pool.ReplyCache`, ``--cache-mb``)
and a query or page asked again is answered without a worker (``X-Cache:
hit``).  Loopback figures are in BENCHMARKS.md, "Serving".

Routes
------
* ``/sparql`` — SPARQL 1.1 Protocol (:mod:`kg.serve_sparql`): GET, POST form,
  POST ``application/sparql-query``; results by ``Accept`` or ``format``.
* ``/`` — the dataset (VoID) as a page, or as RDF by ``Accept``.
* ``/dump/kg.ttl`` (``kg.nt``, ``kg.jsonld``) and ``/ontology`` — the files of the build.
* any other path ``P`` — the IRI ``<base>P`` (:mod:`kg.serve_views`): HTML,
  Turtle, JSON-LD, N-Triples or RDF/XML by ``Accept`` (``Vary: Accept``) or
  ``?format=``; 404 when the graph says nothing about it; 406 when no format
  fits.  Requests may also carry the base's own path (``/dckg/body/INCB`` for
  the base ``https://w3id.org/dckg/``), for a proxy that forwards it.

>>> negotiate("text/html;q=0.9, text/turtle", ["text/html", "text/turtle"])
'text/turtle'
>>> negotiate("image/png", ["text/html"]) is None
True
"""

from __future__ import annotations

import signal
import socket
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from kg import __version__
from kg.errors import KGError
from kg.serve_landing import LandingJob
from kg.serve_pool import Job, Reply, ReplyCache, WorkerPool
from kg.serve_sparql import (
    GRAPH,
    ProtocolError,
    QueryJob,
    check_query,
    format_named,
    formats_for,
    parse_request,
)
from kg.serve_views import ResourceJob

__all__ = ["App", "Response", "ServeConfig", "make_server", "negotiate", "serve"]

HIT, MISS = ("X-Cache", "hit"), ("X-Cache", "miss")
#: Largest request body read (a form or a query); larger gets 413.
MAX_BODY = 1024 * 1024
#: Characters kept in path segments, as kg.rdf.iris mints them.
SAFE = "-._~!$&'()*+,;=:@"
#: Files of the build served as they are: path -> (file under --out, media type).
STATIC: dict[str, tuple[str, str]] = {
    "/dump/kg.ttl": ("kg.ttl", "text/turtle; charset=utf-8"),
    "/dump/kg.nt": ("kg.nt", "application/n-triples"),
    "/dump/kg.jsonld": ("kg.jsonld", "application/ld+json"),
    "/ontology/dckg.ttl": ("ontology/dckg.ttl", "text/turtle; charset=utf-8"),
    "/ontology/context.jsonld": ("ontology/context.jsonld", "application/ld+json"),
}
#: The ontology's page and Turtle, by Accept: media type -> file under --out.
ONTOLOGY: dict[str, str] = {"text/html": "ontology/index.html", "text/turtle": "ontology/dckg.ttl"}
#: Headers on HTML: the pages load nothing from anywhere (inline CSS only).
HTML_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class ServeConfig:
    """Options of ``dckg serve``."""

    out: Path = Path("out")
    host: str = "127.0.0.1"
    port: int = 8000
    base: str | None = None  # None: the base the build used
    cors: tuple[str, ...] = ()  # allowed origins; "*" for any
    timeout: float = 10.0
    max_results: int = 10_000
    workers: int = 2
    cache_mb: int = 64  # replies kept for asking again (0: none)
    quiet: bool = False


@dataclass
class Response:
    """An HTTP response: status, body (or a file to stream), media type and headers."""

    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    file: Path | None = None


def _text(status: int, message: str, **headers: str) -> Response:
    body = (message.rstrip() + "\n").encode("utf-8")
    return Response(status, body, "text/plain; charset=utf-8", list(headers.items()))


def _accept_ranges(accept: str) -> list[tuple[str, str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        main, sub = media.split("/", 1)
        ranges.append((main, sub, q))
    return ranges


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer ``Accept`` prefers (the most specific range gives its q; ties: offer order)."""
    if not accept or not accept.strip():
        return offers[0] if offers else None
    ranges = _accept_ranges(accept)
    best, best_q = None, 0.0
    for offer in offers:
        main, sub = offer.split("/", 1)
        found: tuple[int, float] | None = None
        for rmain, rsub, q in ranges:
            if (rmain, rsub) == (main, sub):
                spec = 2
            elif (rmain, rsub) == (main, "*"):
                spec = 1
            elif (rmain, rsub) == ("*", "*"):
                spec = 0
            else:
                continue
            if found is None or spec > found[0]:
                found = (spec, q)
        if found and found[1] > best_q:
            best, best_q = offer, found[1]
    return best


def _offers(kind: str) -> dict[str, str]:
    """Media type -> format name for ``kind`` results (aliases included), preferred first."""
    out: dict[str, str] = {}
    for f in formats_for(kind):
        for media in (f.media_type, *f.aliases):
            if "/" in media:
                out.setdefault(media, f.name)
    return out


class App:
    """Routes requests to the worker pool, the build's files or refusals (no sockets here)."""

    def __init__(self, config: ServeConfig, pool: WorkerPool, base: str) -> None:
        self.config = config
        self.pool = pool
        self.base = base
        self.base_path = urlsplit(base).path or "/"
        self.cache = ReplyCache(config.cache_mb * 1024 * 1024)

    def run(self, job: Job) -> Reply:
        """The reply to ``job``: kept from an earlier request, or from a worker (header X-Cache)."""
        reply = self.cache.get(job)
        if reply is not None:
            return Reply(reply.status, reply.content_type, reply.body, (*reply.headers, HIT))
        reply = self.pool.run(job)
        self.cache.put(job, reply)
        return Reply(reply.status, reply.content_type, reply.body, (*reply.headers, MISS))

    # -- entry --------------------------------------------------------------
    def handle(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> Response:
        path, _, query_string = target.partition("?")
        if method == "OPTIONS":
            response = Response(204, headers=[("Allow", "GET, HEAD, POST, OPTIONS")])
        else:
            try:
                response = self._route(method, path, query_string, headers, body)
            except ProtocolError as exc:
                response = _text(exc.status, exc.message)
            except KGError as exc:
                response = _text(400, str(exc))
        response.headers += self._cors(headers.get("Origin"), method == "OPTIONS")
        response.headers.append(("X-Content-Type-Options", "nosniff"))
        if (response.content_type or "").startswith("text/html"):
            response.headers.append(("Content-Security-Policy", HTML_POLICY))
        return response

    def _cors(self, origin: str | None, preflight: bool) -> list[tuple[str, str]]:
        allowed = self.config.cors
        if not allowed:
            return []
        if "*" in allowed:
            out = [("Access-Control-Allow-Origin", "*")]
        elif origin and origin in allowed:
            out = [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
        else:
            return []
        out.append(("Access-Control-Expose-Headers", "X-SPARQL-MaxRows"))
        if preflight:
            out += [
                ("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS"),
                ("Access-Control-Allow-Headers", "Accept, Content-Type"),
                ("Access-Control-Max-Age", "86400"),
            ]
        return out

    def _route(
        self, method: str, path: str, query_string: str, headers: Mapping[str, str], body: bytes
    ) -> Response:
        if path == "/sparql":
            return self.sparql(method, query_string, headers, body)
        if method not in ("GET", "HEAD"):
            return _text(405, f"{method} is not allowed here (read-only)", Allow="GET, HEAD")
        if path in STATIC:
            name, media = STATIC[path]
            return self._file(self.config.out / name, media)
        if path == "/ontology":
            chosen = negotiate(headers.get("Accept"), list(ONTOLOGY))
            if chosen is None:
                return self._not_acceptable(list(ONTOLOGY))
            response = self._file(self.config.out / ONTOLOGY[chosen], chosen + "; charset=utf-8")
            response.headers.append(("Vary", "Accept"))
            return response
        fmt = self._resource_format(query_string, headers)
        if isinstance(fmt, Response):
            return fmt
        if path == "/":
            return self._reply(self.run(LandingJob(fmt)), vary=True)
        iri = self.iri_for(path)
        return self._reply(self.run(ResourceJob(iri, fmt)), vary=True)

    # -- pieces -------------------------------------------------------------
    def iri_for(self, path: str) -> str:
        """The IRI a request path stands for (segments re-encoded as the IRIs are minted)."""
        rel = path
        if self.base_path != "/" and path.startswith(self.base_path):
            rel = path[len(self.base_path) :]
        segments = rel.lstrip("/").split("/")
        return self.base + "/".join(quote(unquote(s), safe=SAFE) for s in segments)

    def _resource_format(self, query_string: str, headers: Mapping[str, str]) -> str | Response:
        params = parse_qs(query_string)
        if params.get("format"):
            return format_named(params["format"][-1], GRAPH).name
        offers = {"text/html": "html", "application/xhtml+xml": "html", **_offers(GRAPH)}
        media = negotiate(headers.get("Accept"), list(offers))
        if media is None:
            return self._not_acceptable(list(offers))
        return offers[media]

    def _not_acceptable(self, offers: list[str]) -> Response:
        response = _text(406, "no representation matches Accept; available: " + ", ".join(offers))
        response.headers.append(("Vary", "Accept"))
        return response

    def _file(self, path: Path, media: str) -> Response:
        if not path.is_file():
            return _text(404, f"this build has no {path.name}")
        return Response(200, b"", media, [], file=path)

    @staticmethod
    def _reply(reply: Reply, vary: bool = False) -> Response:
        headers = list(reply.headers) + ([("Vary", "Accept")] if vary else [])
        return Response(reply.status, reply.body, reply.content_type, headers)

    def sparql(
        self, method: str, query_string: str, headers: Mapping[str, str], body: bytes
    ) -> Response:
        """One SPARQL 1.1 Protocol request."""
        if method not in ("GET", "HEAD", "POST"):
            return _text(405, f"{method} is not allowed on /sparql", Allow="GET, HEAD, POST")
        req = parse_request(method, query_string, headers.get("Content-Type", ""), body)
        accept = headers.get("Accept")
        if not req.query.strip():
            if method != "POST" and negotiate(accept, ["text/html"]):
                from kg.serve_pages import query_form_page

                page = query_form_page()
                return Response(
                    200, page.encode("utf-8"), "text/html; charset=utf-8", [("Vary", "Accept")]
                )
            return _text(400, "no query: send ?query=... or POST one (SPARQL 1.1 Protocol)")
        kind = check_query(req.query)
        if req.format:
            fmt = format_named(req.format, kind).name
        else:
            offers = _offers(kind)
            media = negotiate(accept, list(offers))
            if media is None:
                return self._not_acceptable(list(offers))
            fmt = offers[media]
        job = QueryJob(
            req.query, fmt, self.config.max_results, req.default_graphs, req.named_graphs
        )
        return self._reply(self.run(job), vary=True)


# ------------------------------------------------------------------ HTTP


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = f"dckg/{__version__}"
    sys_version = ""
    timeout = 60  # seconds an idle kept-alive connection may wait
    server: _Server

    def setup(self) -> None:
        super().setup()
        # headers and body go out as two writes: without this, Nagle's algorithm and the
        # client's delayed ACK hold the body back ~40 ms on every kept-alive request
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _dispatch(self, method: str) -> None:
        if "Transfer-Encoding" in self.headers and "Content-Length" not in self.headers:
            self._send(_text(411, "send a Content-Length"), method)
            self.close_connection = True
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self._send(_text(413, f"request body over {MAX_BODY} bytes"), method)
            self.close_connection = True
            return
        body = self.rfile.read(length) if length else b""
        try:
            response = self.server.app.handle(method, self.path, self.headers, body)  # type: ignore[arg-type]
        except Exception as exc:  # never leave the client without an answer
            self.log_error("internal error: %r", exc)
            response = _text(500, f"internal error: {type(exc).__name__}")
        self._send(response, method)

    def _send(self, response: Response, method: str) -> None:
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        if response.content_type:
            self.send_header("Content-Type", response.content_type)
        size = response.file.stat().st_size if response.file else len(response.body)
        self.send_header("Content-Length", str(size))
        self.end_headers()
        if method == "HEAD" or response.status in (204, 304):
            return
        if response.file:
            with response.file.open("rb") as f:
                while chunk := f.read(1 << 16):
                    self.wfile.write(chunk)
        else:
            self.wfile.write(response.body)

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_OPTIONS(self) -> None:
        self._dispatch("OPTIONS")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.app.config.quiet:
            super().log_message(format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    app: App


def _detect_base(out: Path) -> str:
    from kg.query import OxigraphEngine, open_store, store_path
    from kg.query_params import detect_base

    store = open_store(store_path(out))
    try:
        return detect_base(OxigraphEngine(store))
    finally:
        del store


def make_server(config: ServeConfig) -> tuple[ThreadingHTTPServer, WorkerPool]:
    """The listening server and its started worker pool (:class:`KGError` on bad options)."""
    from kg.rdf.iris import check_base

    if config.timeout <= 0:
        raise KGError("must be more than 0 seconds", where="--timeout")
    if config.max_results < 1:
        raise KGError("must be at least 1", where="--max-results")
    built = _detect_base(config.out)
    base = check_base(config.base) if config.base else built
    if base != built:
        raise KGError(
            f"the build in {config.out} mints IRIs under {built}, not {base}", where="--base"
        )
    pool = WorkerPool(config.out / "store", base, config.workers, config.timeout)
    pool.start()
    try:
        server = _Server((config.host, config.port), _Handler)
    except OSError as exc:
        pool.close()
        raise KGError(f"cannot listen on {config.host}:{config.port}: {exc.strerror}") from None
    server.app = App(config, pool, base)
    return server, pool


def serve(config: ServeConfig, ready: Callable[[str, str], None] | None = None) -> None:
    """Serve until Ctrl-C or SIGTERM; ``ready(url, base)`` is called once listening."""
    server, pool = make_server(config)
    host, port = server.server_address[:2]
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    try:
        if ready:
            ready(f"http://{_url_host(str(host))}:{port}/", server.app.base)  # type: ignore[attr-defined]
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("dckg serve: stopping", file=sys.stderr)
    finally:
        server.server_close()
        pool.close()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
