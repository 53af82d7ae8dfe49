"""Benchmark questions: every named query and a set of ``dckg ask`` questions.

The AKN dev corpus (``../shared/corpus/akn``) is built once with :func:`kg.build.build`
into ``--out`` (default ``/tmp/dckg-bench-akn``; reused when it holds a store).
Then, in this process, after one warm-up run each:

* pyoxigraph — the on-disk store opened read-only, as ``dckg query`` / ``dckg ask``
  use it: median of ``--runs`` runs;
* rdflib — the same SPARQL (and the same ``ask`` pipeline) on an in-memory
  ``rdflib.Graph`` loaded from the Turtle export ``kg.ttl``: median of up to
  ``--rdflib-runs`` runs (one when a run takes over 10 s);
* cold — the first question in a fresh process (imports, data files, store
  opening), ``dckg ask`` end to end minus the interpreter start-up: median of 3.

Prints Markdown tables (the "Questions" section of BENCHMARKS.md).

    python benchmarks/bench_query.py
    python benchmarks/bench_query.py --runs 9 --no-rdflib
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AKN = ROOT / ".." / "shared" / "corpus" / "akn"
QUESTIONS = (
    "which paragraphs address INCB funding",
    "what is UNODC requested to do",
    "how many directives are addressed to the Office on Drugs and Crime",
    "which paragraphs strongly urge States to ratify the conventions",
    "who is urged to provide budgetary resources to the Board",
    "what does resolution 76/188 say about alternative development",
    "which resolutions cite resolution 74/178",
    "which paragraphs mention the Paris Pact in 2021",
    "what is the Weather in Paris",
)
SLOW = 10.0  # seconds: one rdflib run is enough beyond this
TIMEOUT = 180.0  # seconds: an rdflib query still running then is reported as "> 180 000 ms"


def median_ms(fn: Callable[[], object], runs: int, warm: bool = True) -> tuple[float, int]:
    """Median wall-clock milliseconds of ``fn`` and the number of runs made."""
    if warm:
        fn()
    times: list[float] = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
        if times[-1] > SLOW:
            break
    return statistics.median(times) * 1000, len(times)


def bounded_ms(fn: Callable[[], object], runs: int, timeout: float) -> float | None:
    """Median milliseconds of ``fn`` measured in a forked child (after a warm-up run; the
    warm-up alone when it is slow), or None when it takes longer than ``timeout`` seconds."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)

    def child() -> None:
        started = time.perf_counter()
        fn()  # the warm-up run, unless it is already slow
        first = time.perf_counter() - started
        send.send(first * 1000 if first > SLOW else median_ms(fn, runs, warm=False)[0])

    proc = ctx.Process(target=child, daemon=True)
    proc.start()
    got = recv.poll(timeout)
    proc.kill() if not got else None
    value = recv.recv() if got else None
    proc.join()
    return value


def ensure_build(out: Path, corpus: Path) -> float | None:
    """Build the corpus into ``out`` unless a store is there; seconds taken or None."""
    if (out / "store").is_dir():
        return None
    from kg.build import build
    from kg.cli import expand_paths

    files = list(expand_paths((str(corpus),)))
    started = time.perf_counter()
    build(files, out)
    return time.perf_counter() - started


def cold_ask(out: Path, question: str) -> float:
    """Milliseconds of one ask in a fresh process, interpreter start-up excluded."""
    code = (
        "import time; t=time.perf_counter()\n"
        "from kg.ask import ask\nfrom kg.query import OxigraphEngine, open_store\n"
        "from kg.query_params import TermContext, detect_base\nfrom kg.rdf.iris import Minter\n"
        f"e=OxigraphEngine(open_store({str(out / 'store')!r}))\n"
        f"ask({question!r}, e, TermContext(Minter(detect_base(e))))\n"
        "print(time.perf_counter()-t)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip()) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=AKN)
    parser.add_argument("--out", type=Path, default=Path("/tmp/dckg-bench-akn"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rdflib-runs", type=int, default=3)
    parser.add_argument("--no-rdflib", action="store_true", help="pyoxigraph only")
    args = parser.parse_args()
    if not (args.corpus.is_dir() or (args.out / "store").is_dir()):
        sys.exit(f"corpus not found: {args.corpus}")

    import pyoxigraph
    import rdflib

    from kg.ask import ask
    from kg.query import OxigraphEngine, RdflibEngine, load_named_queries, open_store, render
    from kg.query_params import TermContext, bind_parameters, detect_base
    from kg.rdf.iris import Minter

    built = ensure_build(args.out, args.corpus)
    ox = OxigraphEngine(open_store(args.out / "store"))
    ctx = TermContext(Minter(detect_base(ox)))
    triples = ox.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
    resolutions = ox.run(
        "SELECT (COUNT(*) AS ?n) WHERE { ?r <https://w3id.org/dckg/ontology#hasText> ?t }"
    )
    rd: RdflibEngine | None = None
    load_s = 0.0
    if not args.no_rdflib:
        graph = rdflib.Graph()
        t = time.perf_counter()
        graph.parse(args.out / "kg.ttl", format="turtle")
        load_s = time.perf_counter() - t
        rd = RdflibEngine(graph)

    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, "
        f"pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}."
    )
    print(
        f"Graph: {resolutions.rows[0][0].value if resolutions.rows else '?'} resolutions, "  # type: ignore[union-attr]
        f"{triples.value if triples else '?'} triples in the store"  # type: ignore[union-attr]
        + (f"; built in {built:.0f} s" if built else "")
        + (f"; rdflib load of kg.ttl {load_s:.1f} s" if rd else "")
        + ".\n"
    )

    def versus(fast: float, fn: Callable[[], object] | None) -> str:
        """The rdflib cells: milliseconds and the ratio to pyoxigraph."""
        if fn is None:
            return "- | -"
        slow = bounded_ms(fn, args.rdflib_runs, TIMEOUT)
        if slow is None:
            return f"> {TIMEOUT * 1000:,.0f} | > {TIMEOUT * 1000 / fast:,.0f}\u00d7"
        return f"{slow:,.0f} | {slow / fast:,.0f}\u00d7"

    print("| named query | rows | pyoxigraph (ms) | rdflib (ms) | rdflib / pyoxigraph |")
    print("|---|---:|---:|---:|---:|", flush=True)
    for name, q in load_named_queries().items():
        text = render(q.text, bind_parameters(ctx, q, {}))
        rows = len(ox.run(text).rows)
        fast, _ = median_ms(lambda text=text: ox.run(text), args.runs)
        other = (lambda text=text: rd.run(text)) if rd else None
        print(f"| `{name}` | {rows} | {fast:.1f} | {versus(fast, other)} |", flush=True)

    print("\n| question | answers | pyoxigraph (ms) | cold process (ms) | rdflib (ms) ", end="")
    print("| rdflib / pyoxigraph |")
    print("|---|---:|---:|---:|---:|---:|", flush=True)
    for question in QUESTIONS:
        result = ask(question, ox, ctx)
        fast, _ = median_ms(lambda q=question: ask(q, ox, ctx), args.runs)
        cold = statistics.median(cold_ask(args.out, question) for _ in range(3))
        other = (lambda q=question: ask(q, rd, ctx)) if rd and not result.refused else None
        shown = "refused" if result.refused else str(result.total)
        print(
            f"| {question} | {shown} | {fast:.1f} | {cold:.0f} | {versus(fast, other)} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
