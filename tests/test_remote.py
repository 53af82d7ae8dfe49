"""``dckg push`` and ``--endpoint`` against a real Oxigraph server (the ``oxigraph`` wheel).

Each test that needs a server gets a fresh ``oxigraph serve`` on a free
loopback port (in-memory-free: a store folder under tmp), with the default
graph as the union of the named graphs, stopped when the test ends.  The build
of the two sample resolutions is made once per module.  Only 127.0.0.1 is
contacted.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.ask import ask
from kg.ask.cli import ask_command
from kg.build import build
from kg.errors import KGError
from kg.push_cli import push_command
from kg.query import load_named_queries, open_store, render
from kg.query_cli import query_command
from kg.query_params import TermContext, bind_parameters
from kg.rdf.iris import Minter
from kg.remote import RemoteEngine, graph_for, plan_push, push
from kg.sample import sample_paths
from tests.store_engine import StoreEngine

BASE = "https://w3id.org/dckg/"
SYMBOLS = ("A/RES/61/183", "A/RES/63/197")


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).is_file():
        pytest.skip("the oxigraph server is not installed (pip install -e '.[test]')")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Oxigraph:
    """A running ``oxigraph serve``: its query and Graph Store URLs."""

    def __init__(self, folder: Path) -> None:
        self.port = _free_port()
        self.proc = subprocess.Popen(
            [_oxigraph(), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{self.port}",
             "--union-default-graph"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        self.query = f"http://127.0.0.1:{self.port}/query"
        self.store = f"http://127.0.0.1:{self.port}/store"
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + 30
        while True:
            try:
                opener.open(f"http://127.0.0.1:{self.port}/", timeout=2).close()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise AssertionError("oxigraph serve did not start") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc.stderr:
            self.proc.stderr.close()

    def graphs(self) -> dict[str, int]:
        q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        return {r["g"]: int(r["n"]) for r in RemoteEngine(self.query).run(q).values()}  # type: ignore[arg-type, misc]

    def graph_lines(self, graph: str) -> list[str]:
        q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        return sorted(" ".join(str(t) for t in row) for row in RemoteEngine(self.query).run(q).rows)


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[Callable[[], Oxigraph]]:
    started: list[Oxigraph] = []

    def start() -> Oxigraph:
        server = Oxigraph(tmp_path / f"oxigraph{len(started)}")
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in started:
            server.stop()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("remote") / "out"
    build(sample_paths(), folder, jobs=1)
    return folder


@pytest.fixture(scope="module")
def local(out: Path) -> StoreEngine:
    return StoreEngine(open_store(out / "store"))


# Every triple of a build once: its graph, plus the ontology and VoID kept apart.
ALL_DISTINCT = (
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE "
    "{ { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }"
)


def rows(results: object) -> list[str]:
    return sorted(map(str, results.rows))  # type: ignore[attr-defined]


# ------------------------------------------------------------------ push


def test_push_one_graph_per_resolution(out: Path, oxigraph: Callable[[], Oxigraph]) -> None:
    server = oxigraph()
    result = push(out, server.store)
    graphs = server.graphs()
    assert result.graphs == len(graphs) and result.triples == sum(graphs.values())
    for symbol in SYMBOLS:  # the two read resolutions have graphs of their own
        iri = str(Minter(BASE).resolution(symbol))
        lines = server.graph_lines(graph_for(iri, BASE))
        assert lines and all(
            line.startswith((f"<{iri}>", f"<{iri}/", f"<{iri}#")) for line in lines
        )
    for name in ("authority", "topics", "ontology", "void", "build", "data"):
        assert BASE + "graph/" + name in graphs
    # the server's union is the build, each triple once
    remote = RemoteEngine(server.query)
    total = remote.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values()
    assert total == remote.run(ALL_DISTINCT).values()
    assert total == StoreEngine(open_store(out / "store")).run(ALL_DISTINCT).values()


def test_replacing_one_resolution_leaves_the_others(
    out: Path, oxigraph: Callable[[], Oxigraph], tmp_path: Path
) -> None:
    server = oxigraph()
    push(out, server.store)
    old_iri, new_iri = (str(Minter(BASE).resolution(s)) for s in SYMBOLS)
    before = {g: server.graph_lines(g) for g in server.graphs()}
    # A/RES/63/197 changes one word of op40 and is rebuilt alone
    text = sample_paths()[1].read_text(encoding="utf-8")
    changed = text.replace("needs sufficient resources", "needs adequate resources")
    assert changed != text
    edited = tmp_path / "A_RES_63_197.txt"
    edited.write_text(changed, encoding="utf-8")
    build([edited], tmp_path / "out2", jobs=1)
    result = push(tmp_path / "out2", server.store, only=("A/RES/63/197",))
    assert result.graphs == 1
    after = {g: server.graph_lines(g) for g in server.graphs()}
    target = graph_for(new_iri, BASE)
    assert after[target] != before[target]
    assert any("needs adequate resources" in line for line in after[target])
    assert not any("needs sufficient resources" in line for line in after[target])
    assert {g: v for g, v in after.items() if g != target} == {
        g: v for g, v in before.items() if g != target
    }
    assert after[graph_for(old_iri, BASE)] == before[graph_for(old_iri, BASE)]


def test_single_graph(out: Path, oxigraph: Callable[[], Oxigraph], tmp_path: Path) -> None:
    server = oxigraph()
    result = push(out, server.store, per_resolution=False)
    graphs = server.graphs()
    store = open_store(out / "store")
    for g in store.named_graphs():  # the reference graphs as they are
        assert graphs.pop(g.value) == sum(1 for _ in store.quads_for_pattern(None, None, None, g))  # type: ignore[union-attr]
    assert list(graphs) == [BASE + "graph/data"]  # and the rest in one graph
    assert result.graphs == len(list(store.named_graphs())) + 1
    remote = RemoteEngine(server.query)
    assert (
        remote.run("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").values()
        == remote.run(ALL_DISTINCT).values()
    )
    assert remote.run(ALL_DISTINCT).values() == StoreEngine(store).run(ALL_DISTINCT).values()


def test_push_refuses_unknown_symbols_and_bad_urls(out: Path, tmp_path: Path) -> None:
    with pytest.raises(KGError, match="not in this build: A/RES/1/1"):
        plan_push(open_store(out / "store"), True, tmp_path, ("A/RES/1/1",))
    with pytest.raises(KGError, match="not an http"):
        push(out, "ftp://127.0.0.1/store")
    with pytest.raises(KGError, match="failed"):
        push(out, f"http://127.0.0.1:{_free_port()}/store", timeout=5)


def test_push_command(out: Path, oxigraph: Callable[[], Oxigraph]) -> None:
    server = oxigraph()
    dry = CliRunner().invoke(
        push_command, ["--endpoint", server.store, "--out", str(out), "--dry-run"]
    )
    assert dry.exit_code == 0, dry.output
    planned = dict(line.split("\t")[::-1] for line in dry.stdout.splitlines())
    assert server.graphs() == {}  # a dry run sends nothing
    done = CliRunner().invoke(push_command, ["--endpoint", server.store, "--out", str(out), "-q"])
    assert done.exit_code == 0, done.output
    assert server.graphs() == {g: int(n) for g, n in planned.items()}
    bad = CliRunner().invoke(
        push_command, ["--endpoint", server.store, "--out", str(out), "--only", "X/1"]
    )
    assert bad.exit_code == 2 and "X/1" in bad.output


# ------------------------------------------------------------------ querying


@pytest.fixture
def pushed(out: Path, oxigraph: Callable[[], Oxigraph]) -> Oxigraph:
    server = oxigraph()
    push(out, server.store)
    return server


def test_named_queries_give_the_same_rows(pushed: Oxigraph, local: StoreEngine) -> None:
    remote = RemoteEngine(pushed.query)
    ctx = TermContext(Minter(BASE))
    for name, nq in load_named_queries().items():
        text = render(nq.text, bind_parameters(ctx, nq, {}))
        assert rows(remote.run(text)) == rows(local.run(text)), name


@pytest.mark.parametrize(
    "query",
    [
        "ASK { ?d a dckg:Directive ; dckg:strength 4 }",
        "CONSTRUCT { ?d dckg:lemma ?l } WHERE { ?d dckg:addressee ?w ; dckg:lemma ?l . "
        "?w dckg:authorityId 'UNODC' }",
        "SELECT ?t (LANG(?l) AS ?lang) ?l WHERE { ?t a dckg:Topic ; skos:prefLabel ?l }",
    ],
)
def test_result_shapes_match_the_local_engine(
    pushed: Oxigraph, local: StoreEngine, query: str
) -> None:
    a, b = RemoteEngine(pushed.query).run(query), local.run(query)
    assert (a.variables, a.boolean, rows(a)) == (b.variables, b.boolean, rows(b))


def test_ask_on_a_remote_endpoint(pushed: Oxigraph, local: StoreEngine) -> None:
    ctx = TermContext(Minter(BASE))
    question = "which paragraphs address INCB funding"
    here = ask(question, local, ctx)
    there = ask(question, RemoteEngine(pushed.query), ctx)
    assert here.answers and [a.paragraph for a in there.answers] == [
        a.paragraph for a in here.answers
    ]


def test_query_command_with_endpoint(pushed: Oxigraph, out: Path) -> None:
    args = ["incb-funding", "--format", "csv", "-q"]
    remote = CliRunner().invoke(query_command, [*args, "--endpoint", pushed.query])
    here = CliRunner().invoke(query_command, [*args, "--out", str(out)])
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == here.stdout and remote.stdout.count("\n") > 1


def test_ask_command_with_endpoint(pushed: Oxigraph, out: Path) -> None:
    args = ["what is the Board asked to do", "--format", "json", "-q"]
    remote = CliRunner().invoke(ask_command, [*args, "--endpoint", pushed.query])
    here = CliRunner().invoke(ask_command, [*args, "--out", str(out)])
    assert remote.exit_code == 0, remote.output
    answers = json.loads(remote.stdout)["answers"]
    assert answers and answers == json.loads(here.stdout)["answers"]


def test_remote_refusals_and_errors(pushed: Oxigraph) -> None:
    engine = RemoteEngine(pushed.query)
    with pytest.raises(KGError, match="update"):
        engine.run("DROP ALL")  # refused here, never sent
    assert engine.run("ASK { ?s ?p ?o }").boolean is True
    with pytest.raises(KGError, match="answered 400"):
        engine.run("SELEC ?x WHERE { ?x ?y ?z }")
    with pytest.raises(KGError, match="cannot reach"):
        RemoteEngine(f"http://127.0.0.1:{_free_port()}/query", timeout=5).run("ASK {}")


def test_ox_store_written_by_push_opens(pushed: Oxigraph) -> None:
    """The server's store holds the quads it reports (sanity of the GSP round trip)."""
    nt = (
        urllib.request.build_opener(urllib.request.ProxyHandler({}))
        .open(
            urllib.request.Request(
                f"{pushed.store}?graph={BASE}graph/authority",
                headers={"Accept": "application/n-triples"},
            ),
            timeout=10,
        )
        .read()
    )
    parsed = list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    assert len(parsed) == pushed.graphs()[BASE + "graph/authority"]
