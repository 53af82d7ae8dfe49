"""``dckg serve`` over real HTTP: SPARQL 1.1 Protocol, refusals, limits, linked-data pages.

One build per module (the two sample resolutions, plus a snippet whose text
holds markup, plus the lineage A/RES/61/183 -> A/RES/63/197 from
:func:`kg.lineage.align` added to the store), one real ``dckg serve`` process
on a free loopback port (``--port 0``), stopped at the end.  Expected answers
come from the same store read locally, as the server reads it (its default graph).
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import csv
import html
import http.client
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.export import nt_line
from kg.lineage import align
from kg.query import Results, load_named_queries, open_store, render
from kg.query_params import TermContext, bind_parameters
from kg.rdf.iris import Minter
from kg.rdf.mapping import derivation_triples
from kg.read import read_path
from kg.remote import RemoteEngine
from kg.sample import sample_paths
from kg.serve import negotiate
from tests.store_engine import StoreEngine

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/dckg/"
ORIGIN = "https://example.org"
TIMEOUT = 2.0  # dckg serve --timeout
MAX_RESULTS = 40  # dckg serve --max-results
SPARQL_NS = "{http://www.w3.org/2005/sparql-results#}"

# A snippet resolution (not a UN text) whose words are markup, to check escaping.
SNIPPET = (
    "Resolution adopted by the General Assembly on 20 December 2021 [on the report of the "
    "Third Committee (A/76/999)] 76/999. Markup in resolution texts The General Assembly, "
    "Recalling that texts may hold characters such as <, > and & (\"quoted\" and 'single'), "
    '1. Urges Member States to treat the string <script>alert("x")</script> & <b>bold</b> '
    "as plain words; 2. Decides to remain seized of the matter.\n"
)


# ------------------------------------------------------------------ fixtures


@dataclass
class Served:
    out: Path
    port: int
    local: StoreEngine
    lineage: list[tuple[str, str]]  # (new paragraph IRI, old paragraph IRI)


def _add_lineage(out: Path) -> list[tuple[str, str]]:
    """Paragraph lineage of the two sample resolutions, written into the built store."""
    old, new = (read_path(p) for p in sample_paths())
    minter = Minter(BASE)
    lines: list[str] = []
    pairs: list[tuple[str, str]] = []
    for link in align(old, new).links:
        for n in link.new:
            for i, o in enumerate(link.old, 1):
                triples = derivation_triples(
                    minter, (new.meta.symbol, n), (old.meta.symbol, o), link.kind, link.score, i
                )
                lines += [nt_line(t) for t in triples]
                pairs.append(
                    (
                        str(minter.paragraph(new.meta.symbol, n)),
                        str(minter.paragraph(old.meta.symbol, o)),
                    )
                )
    store = ox.Store(str(out / "store"))
    graph = None  # beside the resolutions, as dckg build puts it
    store.load("\n".join(lines) + "\n", format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    store.flush()
    del store
    return pairs


def _start(out: Path, *extra: str) -> tuple[subprocess.Popen[str], int, list[str]]:
    cmd = [
        sys.executable,
        "-m",
        "kg.serve_cli",
        "--out",
        str(out),
        "--port",
        "0",
        "--quiet",
        *extra,
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env
    )
    lines: list[str] = []
    found = threading.Event()

    def drain() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            if "dckg serve: http://" in line:
                found.set()

    threading.Thread(target=drain, daemon=True).start()
    if not found.wait(90):
        _stop(proc)
        raise AssertionError("dckg serve did not start: " + "".join(lines))
    port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", "".join(lines)).group(1))  # type: ignore[union-attr]
    return proc, port, lines


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("serve")
    snippet = folder / "A_RES_76_999.txt"
    snippet.write_text(SNIPPET, encoding="utf-8")
    out = folder / "out"
    build([*sample_paths(), snippet], out, jobs=1)
    lineage = _add_lineage(out)
    proc, port, _ = _start(
        out,
        "--cors",
        ORIGIN,
        "--timeout",
        str(TIMEOUT),
        "--max-results",
        str(MAX_RESULTS),
        "--workers",
        "2",
    )
    try:
        yield Served(out, port, StoreEngine(open_store(out / "store")), lineage)
    finally:
        _stop(proc)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def media(self) -> str:
        return self.headers.get("content-type", "").split(";")[0]


def request(
    served: Served,
    path: str,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        return Answer(r.status, {k.lower(): v for k, v in r.getheaders()}, data)
    finally:
        conn.close()


def sparql_get(served: Served, query: str, accept: str = "", **params: str) -> Answer:
    path = "/sparql?" + urlencode({"query": query, **params})
    return request(served, path, headers={"Accept": accept} if accept else {})


def values(results: Results) -> list[dict[str, str]]:
    return sorted(
        ({k: v for k, v in row.items() if v is not None} for row in results.values()),
        key=lambda d: sorted(d.items()),
    )


# ------------------------------------------------------------------ parsers of each format


def from_json(a: Answer) -> list[dict[str, str]]:
    doc = json.loads(a.body)
    rows = [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]
    return sorted(rows, key=lambda d: sorted(d.items()))


def from_xml(a: Answer) -> list[dict[str, str]]:
    root = ET.fromstring(a.body)
    rows = []
    for result in root.iter(f"{SPARQL_NS}result"):
        row = {}
        for binding in result:
            row[binding.get("name", "")] = binding[0].text or ""
        rows.append(row)
    return sorted(rows, key=lambda d: sorted(d.items()))


def from_csv(a: Answer) -> list[dict[str, str]]:
    rows = [{k: v for k, v in r.items() if v != ""} for r in csv.DictReader(io.StringIO(a.text))]
    return sorted(rows, key=lambda d: sorted(d.items()))


def from_tsv(a: Answer) -> list[dict[str, str]]:
    lines = a.text.rstrip("\n").split("\n")
    names = [h.lstrip("?") for h in lines[0].split("\t")]
    rows = []
    for line in lines[1:]:
        row = {}
        for name, cell in zip(names, line.split("\t"), strict=True):
            if cell.startswith("<"):
                row[name] = cell[1:-1]
            elif cell.startswith('"'):
                row[name] = json.loads(cell[: cell.rindex('"') + 1])
            elif cell:
                row[name] = cell
        rows.append(row)
    return sorted(rows, key=lambda d: sorted(d.items()))


# What op40 of A/RES/63/197 holds, per the team brief ("63/197 op 40 holds six").
DIRECTIVES_QUERY = """SELECT ?d ?verb ?strength ?who WHERE {
  ?d dckg:inParagraph <https://w3id.org/dckg/resolution/A/RES/63/197/op/40> ;
     dckg:verb ?verb ; dckg:strength ?strength ; dckg:addressee ?who }"""

FORMATS = [
    # (Accept header, format parameter, media type, parser)
    ("application/sparql-results+json", "", "application/sparql-results+json", from_json),
    ("application/json", "", "application/sparql-results+json", from_json),
    ("application/sparql-results+xml", "", "application/sparql-results+xml", from_xml),
    ("text/csv", "", "text/csv", from_csv),
    ("text/tab-separated-values", "", "text/tab-separated-values", from_tsv),
    ("", "", "application/sparql-results+json", from_json),  # no Accept: JSON
    ("text/csv", "xml", "application/sparql-results+xml", from_xml),  # format= wins
    ("", "tsv", "text/tab-separated-values", from_tsv),
]


@pytest.mark.parametrize(("accept", "fmt", "media", "parse"), FORMATS)
def test_select_in_every_format(served: Served, accept, fmt, media, parse) -> None:  # type: ignore[no-untyped-def]
    params = {"format": fmt} if fmt else {}
    a = sparql_get(served, DIRECTIVES_QUERY, accept, **params)
    assert a.status == 200, a.text
    assert a.media == media
    assert a.headers["vary"] == "Accept"
    assert parse(a) == values(served.local.run(DIRECTIVES_QUERY))


@pytest.mark.parametrize(
    ("method", "content_type", "make"),
    [
        ("GET", "", None),
        ("POST", "application/x-www-form-urlencoded", lambda q: urlencode({"query": q}).encode()),
        ("POST", "application/sparql-query", lambda q: q.encode("utf-8")),
    ],
)
def test_get_and_both_posts_agree(served: Served, method, content_type, make) -> None:  # type: ignore[no-untyped-def]
    if method == "GET":
        a = sparql_get(served, DIRECTIVES_QUERY, "application/sparql-results+json")
    else:
        headers = {"Content-Type": content_type, "Accept": "application/sparql-results+json"}
        a = request(served, "/sparql", "POST", headers, make(DIRECTIVES_QUERY))
    assert a.status == 200, a.text
    rows = from_json(a)
    assert rows == values(served.local.run(DIRECTIVES_QUERY))
    # the six acts of 63/197 op40, in the brief's words
    verbs = sorted({r["verb"] for r in rows})
    assert verbs == sorted(["notes", "reaffirms", "encourages", "urges", "emphasizes", "calls for"])


def test_ask_in_json_and_xml(served: Served) -> None:
    q = "ASK { ?d a dckg:Directive ; dckg:strength 5 }"
    expected = served.local.run(q).boolean
    assert json.loads(sparql_get(served, q).body)["boolean"] is expected
    root = ET.fromstring(sparql_get(served, q, "application/sparql-results+xml").body)
    assert root.find(f"{SPARQL_NS}boolean").text == str(expected).lower()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_construct_in_rdf_formats(served: Served, accept: str, rdf_format: ox.RdfFormat) -> None:
    q = (
        "CONSTRUCT { ?d dckg:verb ?v } WHERE { ?d dckg:addressee ?w ; dckg:verb ?v . "
        "?w dckg:authorityId 'INCB' }"
    )
    a = sparql_get(served, q, accept)
    assert a.status == 200, a.text
    assert a.media == accept
    got = {str(t.triple) for t in ox.parse(a.body, format=rdf_format)}
    want = {f"{s} {p} {o}" for s, p, o in served.local.run(q).rows}
    assert got == want and got


# ------------------------------------------------------------------ refusals and limits

UPDATES = [
    ("GET", "", {"query": "DROP ALL"}),
    ("POST", "application/x-www-form-urlencoded", {"update": "DROP ALL"}),
    ("POST", "application/x-www-form-urlencoded", {"query": "INSERT DATA { <a:x> <a:y> 1 }"}),
    ("POST", "application/sparql-update", "CLEAR DEFAULT"),
]


@pytest.mark.parametrize(("method", "content_type", "payload"), UPDATES)
def test_updates_are_refused(served: Served, method, content_type, payload) -> None:  # type: ignore[no-untyped-def]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = from_json(sparql_get(served, count))
    if method == "GET":
        a = request(served, "/sparql?" + urlencode(payload))
    else:
        body = urlencode(payload).encode() if isinstance(payload, dict) else payload.encode()
        a = request(served, "/sparql", "POST", {"Content-Type": content_type}, body)
    assert a.status == 403
    assert "read-only" in a.text
    assert from_json(sparql_get(served, count)) == before


def test_service_is_refused(served: Served) -> None:
    a = sparql_get(served, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert a.status == 403 and "SERVICE" in a.text
    # the word inside a literal, an IRI or a variable is not the keyword
    ok = sparql_get(served, "SELECT ?service WHERE { BIND('SERVICE' AS ?service) }")
    assert ok.status == 200


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("SELEC * WHERE { ?s ?p ?o }", 400, "not a SPARQL query"),
        ("", 400, "no query"),
    ],
)
def test_bad_queries(served: Served, query: str, status: int, words: str) -> None:
    a = sparql_get(served, query, "application/json")
    assert a.status == status and words in a.text


def test_timeout_stops_a_query_and_the_server_goes_on(served: Served) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    a = sparql_get(served, slow)
    took = time.monotonic() - started
    assert a.status == 503 and "timed out" in a.text
    assert TIMEOUT <= took < TIMEOUT + 10
    for i in range(3):  # the workers answer again (the killed one is replaced)
        a = sparql_get(served, f"ASK {{ FILTER({i} = {i}) }}")
        assert a.status == 200 and a.headers["x-cache"] == "miss"
    assert sparql_get(served, slow).headers["x-cache"] == "miss"  # a 503 is not kept


def test_answers_are_kept_and_served_again(served: Served) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?d dckg:lemma 'urge' }"
    first, again = sparql_get(served, q), sparql_get(served, q)
    assert (first.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit")
    assert first.body == again.body
    other = sparql_get(served, q, "text/csv")  # another format is another answer
    assert other.headers["x-cache"] == "miss" and other.media == "text/csv"
    page = [request(served, OP40, headers={"Accept": "text/turtle"}) for _ in range(2)]
    assert page[1].headers["x-cache"] == "hit" and page[0].body == page[1].body


@pytest.mark.parametrize(
    "query",
    ["SELECT * WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"],
)
def test_result_limit_cuts_and_says_so(served: Served, query: str) -> None:
    a = sparql_get(served, query, "application/sparql-results+json, application/n-triples")
    assert a.status == 200
    assert a.headers["x-sparql-maxrows"] == str(MAX_RESULTS)
    n = len(from_json(a)) if "results" in a.media else len(a.text.strip().splitlines())
    assert n == MAX_RESULTS
    small = sparql_get(served, query + " LIMIT 5", "application/sparql-results+json, text/turtle")
    assert "x-sparql-maxrows" not in small.headers


def test_sparql_negotiation_and_form(served: Served) -> None:
    assert sparql_get(served, "ASK {}", "image/png").status == 406
    assert sparql_get(served, "ASK {}", format="yaml").status == 400
    form = request(served, "/sparql", headers={"Accept": "text/html"})
    assert form.status == 200 and form.media == "text/html" and "<textarea" in form.text
    table = sparql_get(served, DIRECTIVES_QUERY, "text/html,*/*;q=0.8")
    assert table.media == "text/html" and "calls for" in table.text


def test_default_graph_uri_narrows_the_dataset(served: Served) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?d a dckg:Directive }"
    everything = from_json(sparql_get(served, q))[0]["n"]
    authority = from_json(sparql_get(served, q, **{"default-graph-uri": BASE + "graph/authority"}))[
        0
    ]["n"]
    assert int(everything) > 0 and authority == "0"


def test_remote_engine_speaks_to_dckg_serve(served: Served) -> None:
    engine = RemoteEngine(f"http://127.0.0.1:{served.port}/sparql")
    ctx = TermContext(Minter(BASE))
    for nq in load_named_queries().values():
        text = render(nq.text, bind_parameters(ctx, nq, {}))
        assert values(engine.run(text)) == values(served.local.run(text)), nq.name


# ------------------------------------------------------------------ pages

OP40 = "/resolution/A/RES/63/197/op/40"


@pytest.mark.parametrize(
    ("accept", "media", "rdf_format"),
    [
        ("text/html", "text/html", None),
        ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        (
            "text/turtle;q=0.5, application/n-triples",
            "application/n-triples",
            ox.RdfFormat.N_TRIPLES,
        ),
        ("application/xhtml+xml", "text/html", None),
    ],
)
def test_paragraph_content_negotiation(served: Served, accept, media, rdf_format) -> None:  # type: ignore[no-untyped-def]
    a = request(served, OP40, headers={"Accept": accept})
    assert a.status == 200 and a.media == media
    assert a.headers["vary"] == "Accept"
    text = served.local.run(f"SELECT ?t WHERE {{ <{BASE}{OP40[1:]}> dckg:text ?t }}").rows[0][0]
    if rdf_format is None:
        assert html.escape(text.value) in a.text  # type: ignore[union-attr]
        return
    triples = {str(t.triple) for t in ox.parse(a.body, format=rdf_format)}
    assert f"<{BASE}{OP40[1:]}> <https://w3id.org/dckg/ontology#text> {text}" in triples
    # its evidence and the directives found in it come along
    assert any(f"{OP40[1:]}#quote>" in t for t in triples)
    assert any(f"{OP40[1:]}/directive/6>" in t for t in triples)


@pytest.mark.parametrize(
    ("path", "accept", "status"),
    [
        ("/resolution/A/RES/99/999", "text/html", 404),
        ("/resolution/A/RES/63/197/op/400", "text/turtle", 404),
        ("/body/NOSUCHBODY", "application/ld+json", 404),
        (OP40, "image/png", 406),
        (OP40 + "?format=turtle", "image/png", 200),  # ?format= wins over Accept
        (OP40 + "?format=yaml", "", 400),
        ("/dckg" + OP40, "text/turtle", 200),  # the base's own path is accepted too
    ],
)
def test_status_codes(served: Served, path: str, accept: str, status: int) -> None:
    a = request(served, path, headers={"Accept": accept} if accept else {})
    assert a.status == status, a.text
    if status in (200, 406):
        assert a.headers["vary"] == "Accept"


def _hrefs(page: str) -> set[str]:
    return {html.unescape(h) for h in re.findall(r'href="([^"]*)"', page)}


def test_paragraph_page_shows_acts_and_neighbours(served: Served) -> None:
    page = request(served, OP40, headers={"Accept": "text/html"}).text
    rows = served.local.run(DIRECTIVES_QUERY).values()
    for row in rows:
        assert f"<td>{html.escape(row['verb'])}</td>" in page
        assert f'<td class="strength">{row["strength"]}</td>' in page
        assert "/" + row["who"][len(BASE) :] in _hrefs(page)
    res = BASE + "resolution/A/RES/63/197"
    order = served.local.run(f"SELECT ?o WHERE {{ <{BASE}{OP40[1:]}> dckg:order ?o }}").values()
    near = served.local.run(
        f"SELECT ?p WHERE {{ ?p eli:is_part_of+ <{res}> ; dckg:order ?o . "
        f"FILTER(?o = {int(order[0]['o']) - 1} || ?o = {int(order[0]['o']) + 1}) }}"
    ).values()
    links = _hrefs(page)
    assert "/resolution/A/RES/63/197" in links
    assert len(near) == 2 and all("/" + r["p"][len(BASE) :] in links for r in near)
    topics = served.local.run(f"SELECT ?t WHERE {{ <{BASE}{OP40[1:]}> eli:is_about ?t }}").values()
    assert topics and all("/" + r["t"][len(BASE) :] in links for r in topics)
    assert "Economic and Social Council resolution 1996/20" in page  # the citation's words


def test_subparagraphs_link_parent_and_children(served: Served) -> None:
    # 61/183 op33: "requests the Office to continue: (a) ... (l)" -> 12 subparagraphs
    parent = request(served, "/resolution/A/RES/61/183/op/33", headers={"Accept": "text/html"})
    children = sorted(
        h for h in _hrefs(parent.text) if re.fullmatch(r"/resolution/A/RES/61/183/op/33/\w", h)
    )
    assert len(children) == 12
    child = request(served, children[0], headers={"Accept": "text/html"}).text
    assert "/resolution/A/RES/61/183/op/33" in _hrefs(child)
    assert "parent:" in child


def test_lineage_links_both_ways(served: Served) -> None:
    assert served.lineage
    new, old = served.lineage[len(served.lineage) // 2]
    page = request(served, "/" + new[len(BASE) :], headers={"Accept": "text/html"}).text
    assert "/" + old[len(BASE) :] in _hrefs(page) and "derived from" in page
    back = request(served, "/" + old[len(BASE) :], headers={"Accept": "text/html"}).text
    assert "/" + new[len(BASE) :] in _hrefs(back) and "derived into" in back


def test_markup_in_text_is_escaped(served: Served) -> None:
    page = request(served, "/resolution/A/RES/76/999/op/1", headers={"Accept": "text/html"})
    assert page.status == 200
    assert "<script>" not in page.text and "<b>bold" not in page.text
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
        in page.text
    )
    res = request(served, "/resolution/A/RES/76/999", headers={"Accept": "text/html"}).text
    assert "&#x27;single&#x27;" in res and "'single'" not in res


@pytest.mark.parametrize(
    "path", ["/", OP40, "/resolution/A/RES/61/183", "/body/INCB", "/topic/funding"]
)
def test_pages_are_self_contained(served: Served, path: str) -> None:
    a = request(served, path, headers={"Accept": "text/html"})
    assert a.status == 200
    assert "default-src 'none'" in a.headers["content-security-policy"]
    assert not re.search(r"<(script|img|iframe|object)\b|\bsrc=|@import|url\(", a.text)
    assert re.search(r"<link [^>]*stylesheet", a.text) is None


def test_resolution_page_lists_every_paragraph(served: Served) -> None:
    page = request(served, "/resolution/A/RES/63/197", headers={"Accept": "text/html"}).text
    rows = served.local.run(
        f"SELECT ?p WHERE {{ ?p eli:is_part_of+ <{BASE}resolution/A/RES/63/197> ; dckg:text ?t }}"
    ).values()
    links = _hrefs(page)
    assert rows and all("/" + r["p"][len(BASE) :] in links for r in rows)
    assert "International cooperation against the world drug problem" in page


def test_body_and_topic_pages(served: Served) -> None:
    incb = request(served, "/body/INCB", headers={"Accept": "text/html"}).text
    assert "International Narcotics Control Board" in incb
    n = served.local.run(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?m dckg:mentions <{BASE}body/INCB> }}"
    ).values()[0]["n"]
    assert f"<dt>Mentions</dt><dd>{n}</dd>" in incb
    topic = request(served, "/topic/funding", headers={"Accept": "text/html"}).text
    about = served.local.run(
        f"SELECT ?p WHERE {{ ?p eli:is_about <{BASE}topic/funding> }}"
    ).values()
    assert about and all("/" + r["p"][len(BASE) :] in _hrefs(topic) for r in about)


def test_landing_page_and_void(served: Served) -> None:
    page = request(served, "/", headers={"Accept": "text/html"}).text
    triples = served.local.run(
        f"SELECT ?n WHERE {{ GRAPH ?g {{ <{BASE}dataset> void:triples ?n }} }}"
    ).values()[0]["n"]
    assert f"<dt>Triples</dt><dd>{triples}</dd>" in page
    assert "/sparql" in _hrefs(page) and "/resolution/A/RES/63/197" in _hrefs(page)
    named = [h for h in _hrefs(page) if h.startswith("/sparql?query=")]
    assert len(named) == len(load_named_queries())
    ttl = request(served, "/", headers={"Accept": "text/turtle"})
    void = {str(t.triple) for t in ox.parse(ttl.body, format=ox.RdfFormat.TURTLE)}
    assert any("http://rdfs.org/ns/void#triples" in t for t in void)


def test_cors_only_for_the_allowed_origin(served: Served) -> None:
    ok = request(served, "/sparql?" + urlencode({"query": "ASK {}"}), headers={"Origin": ORIGIN})
    assert ok.headers["access-control-allow-origin"] == ORIGIN
    other = request(served, "/sparql?query=ASK%7B%7D", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    pre = request(
        served, "/sparql", "OPTIONS", {"Origin": ORIGIN, "Access-Control-Request-Method": "POST"}
    )
    assert pre.status == 204
    assert "POST" in pre.headers["access-control-allow-methods"]


def test_head_delete_and_dumps(served: Served) -> None:
    head = request(served, OP40, "HEAD", {"Accept": "text/turtle"})
    assert head.status == 200 and head.body == b"" and int(head.headers["content-length"]) > 0
    assert request(served, OP40, "DELETE").status == 405
    assert request(served, OP40, "POST", {"Content-Type": "text/plain"}, b"x").status == 405
    dump = request(served, "/dump/kg.nt")
    assert dump.body == (served.out / "kg.nt").read_bytes()


def test_quoted_path_segments_find_the_same_iri(served: Served) -> None:
    plain = request(served, OP40, headers={"Accept": "application/n-triples"})
    encoded = request(
        served, quote(OP40).replace("/op/", "/%6Fp/"), headers={"Accept": "application/n-triples"}
    )
    assert encoded.status == 200 and encoded.body == plain.body


# ------------------------------------------------------------------ negotiation (no server)


@pytest.mark.parametrize(
    ("accept", "offers", "chosen"),
    [
        (None, ["text/html", "text/turtle"], "text/html"),
        ("*/*", ["text/html", "text/turtle"], "text/html"),
        ("text/*;q=0.5, text/turtle", ["text/html", "text/turtle"], "text/turtle"),
        ("text/turtle;q=0, */*", ["text/turtle", "application/n-triples"], "application/n-triples"),
        ("application/*", ["text/html", "application/ld+json"], "application/ld+json"),
        ("image/png, image/*", ["text/html"], None),
        ("text/html;level=1;q=0.2, text/turtle;q=0.3", ["text/html", "text/turtle"], "text/turtle"),
    ],
)
def test_negotiate(accept: str | None, offers: list[str], chosen: str | None) -> None:
    assert negotiate(accept, offers) == chosen
