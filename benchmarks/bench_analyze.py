"""Analytics at corpus scale: every networkx projection and metric of kg.analyze, timed.

The AKN corpus (``../shared/corpus/akn``) is built with :func:`kg.build.build`
into ``--out`` (default ``/tmp/dckg-bench-analyze``): once whole, and once per
fraction given (default a half and a quarter: every second or fourth file in
sorted order, so that all three sessions stay represented).  A build is reused when its folder holds
a store made from the same file list.  Then each run is a fresh process
pinned to one core that opens the store read-only, as ``dckg analyze`` does,
and times, in order:

* two baselines that involve no projection: counting every triple, and
  streaming the rows of one triple pattern (``?d dckg:addressee ?who``);
* each projection (one SPARQL SELECT streamed into a networkx graph), with its
  node and edge counts;
* each metric on those graphs (rankings, PageRank);

and the same again on an in-memory copy (the build's ``kg.nt`` bulk-loaded
into pyoxigraph's memory store), which separates the cost of the projections
from that of the on-disk store's lookups (unless ``--no-memory``).

Figures are medians over ``--runs`` runs (default 3); the table gives the
triples in the store and, per step, wall-clock and CPU seconds and CPU
microseconds per triple (CPU time is the steadier figure on a shared
machine), so that the full and partial builds show whether time grows
linearly.

    python benchmarks/bench_analyze.py                    # whole corpus, a half, a quarter
    python benchmarks/bench_analyze.py --fractions 0.5 --runs 5
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
AKN = ROOT / ".." / "shared" / "corpus" / "akn"
DEFAULT_OUT = Path("/tmp/dckg-bench-analyze")
STAMP = "bench-files.sha256"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SCAN = "SELECT ?d ?who WHERE { ?d dckg:addressee ?who }"


# ------------------------------------------------------------------ builds


def corpus_files(corpus: Path, fraction: float) -> list[Path]:
    """Every file for 1.0; for a fraction, an evenly spread selection in sorted order."""
    files = sorted(corpus.glob("*/*.xml"))
    if fraction >= 1:
        return files
    step = 1 / fraction
    picked = sorted({int(i * step) for i in range(int(len(files) * fraction))})
    return [files[i] for i in picked]


def ensure_build(files: list[Path], out: Path, jobs: int) -> float | None:
    """Build ``files`` into ``out`` unless a build of the same files is there; build seconds."""
    digest = hashlib.sha256("\n".join(str(f) for f in files).encode()).hexdigest()
    stamp = out / STAMP
    if (out / "store" / "CURRENT").exists() and stamp.exists() and stamp.read_text() == digest:
        return None
    from kg.build import build

    started = time.perf_counter()
    build(files, out, jobs=jobs)
    seconds = time.perf_counter() - started
    stamp.write_text(digest)
    return seconds


# --------------------------------------------------------------- one run


def one_run(build_dir: Path, memory: bool) -> dict[str, Any]:
    """Open the build's store (or load its kg.nt into memory), time every step once."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    import networkx as nx
    import pyoxigraph as ox

    # importlib: kg/__init__ exports the function analyze(), which shadows the module
    a = importlib.import_module("kg.analyze")
    r = importlib.import_module("kg.analyze_report")
    from kg.query import open_store

    started = time.perf_counter()
    if memory:
        store = ox.Store()
        store.bulk_load(path=str(build_dir / "kg.nt"), format=ox.RdfFormat.N_TRIPLES)
    else:
        store = open_store(build_dir / "store")
    out: dict[str, Any] = {
        "triples": len(store),
        "steps": {},
        "open": time.perf_counter() - started,
    }

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        cpu, wall = time.process_time(), time.perf_counter()
        value = fn()
        step = {"seconds": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
        if isinstance(value, nx.Graph):
            step.update(nodes=value.number_of_nodes(), edges=value.number_of_edges())
        out["steps"][name] = step
        return value

    # baselines: what the store itself costs, whatever the projection
    timed("baseline: COUNT of all triples", lambda: list(a.select(store, COUNT_ALL)))
    timed("baseline: one-pattern scan (dckg:addressee)", lambda: list(a.select(store, SCAN)))
    timed("authority index (shared by all)", lambda: a.authority_index(store))
    cit = timed("projection: citations", lambda: a.citation_graph(store))
    ins = timed("projection: instruments (resolution level)", lambda: a.instrument_network(store))
    timed(
        "projection: instruments (paragraph level)",
        lambda: a.instrument_network(store, "paragraph"),
    )
    timed("projection: instrument co-occurrence", lambda: a.instrument_cooccurrence(store))
    bod = timed("projection: body co-mention", lambda: a.body_comention_graph(store))
    adr = timed("projection: addressees (all acts)", lambda: a.addressee_graph(store))
    ads = timed(
        "projection: addressees (self-addressed left out)", lambda: a.addressee_graph(store, False)
    )
    timed("metric: instrument ranking", lambda: r.instrument_ranking(ins))
    timed("metric: addressee ranking", lambda: r.addressee_ranking(ads, ("body", "actor")))
    timed("metric: body centrality (degree + PageRank)", lambda: r.body_centrality(bod))
    timed("metric: resolution ranking", lambda: r.resolution_ranking(cit))
    timed("metric: PageRank of the citation graph", lambda: r.pagerank(cit))
    timed("metric: PageRank of the addressee graph", lambda: r.pagerank(adr))
    timed("report: dckg analyze (all sections)", lambda: r.format_report(r.analyze(store), "table"))
    out["peak_mib"] = peak_mib()
    return out


def peak_mib() -> float:
    """Peak resident memory of this process (VmHWM: ru_maxrss would count the forking parent)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_runs(build_dir: Path, runs: int, memory: bool) -> dict[str, Any]:
    results = []
    for _ in range(max(1, runs)):
        extra = ["--memory"] if memory else []
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(build_dir), *extra],
            capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode != 0:
            raise SystemExit(f"bench_analyze: a run on {build_dir} failed:\n{done.stderr}")
        results.append(json.loads(done.stdout))
    first = results[0]
    steps = {}
    for name, step in first["steps"].items():
        steps[name] = {
            **step,
            "seconds": statistics.median(r["steps"][name]["seconds"] for r in results),
            "cpu": statistics.median(r["steps"][name]["cpu"] for r in results),
        }
    return {
        "triples": first["triples"],
        "steps": steps,
        "open": statistics.median(r["open"] for r in results),
        "peak_mib": statistics.median(r["peak_mib"] for r in results),
    }


# ------------------------------------------------------------------ table


def machine() -> str:
    cpu = platform.processor()
    info = Path("/proc/cpuinfo")
    if info.exists():
        cpu = next(
            (ln.split(":", 1)[1].strip() for ln in info.read_text().splitlines()
             if ln.startswith("model name")),
            cpu,
        )  # fmt: skip
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    import networkx

    return (
        f"machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"networkx {networkx.__version__}, 1 core per run, load average {load:.1f}"
    )


def table(results: dict[str, dict[str, Any]]) -> list[str]:
    """Markdown: per step and build, wall and CPU seconds and CPU microseconds per triple."""
    labels = list(results)
    full = results[labels[0]]
    cols = " | ".join(f"{lb}: wall s | CPU s | CPU µs/triple" for lb in labels)
    lines = [f"| step | {cols} | nodes / edges ({labels[0]}) |"]
    lines.append("|---|" + "---:|---:|---:|" * len(labels) + "---:|")
    lines.append(
        "| triples in the store | "
        + " | ".join(f"{results[lb]['triples']:,} | | " for lb in labels)
        + " | |"
    )
    for name, step in full["steps"].items():
        cells = []
        for lb in labels:
            s = results[lb]["steps"][name]
            per = s["cpu"] / results[lb]["triples"] * 1e6
            cells.append(f"{s['seconds']:.3f} | {s['cpu']:.3f} | {per:.3f}")
        size = f"{step['nodes']:,} / {step['edges']:,}" if "nodes" in step else "-"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {size} |")
    return lines


def linearity(results: dict[str, dict[str, Any]]) -> list[str]:
    """For each smaller build: how much more triples and CPU time the full build has."""
    labels = list(results)
    full = results[labels[0]]
    lines = []
    for lb in labels[1:]:
        part = results[lb]
        ratio_t = full["triples"] / part["triples"]
        steps = [n for n in part["steps"] if n.startswith("projection")]
        cpu = [full["steps"][n]["cpu"] / part["steps"][n]["cpu"] for n in steps]
        total = sum(full["steps"][n]["cpu"] for n in steps) / sum(
            part["steps"][n]["cpu"] for n in steps
        )
        scan = "baseline: one-pattern scan (dckg:addressee)"
        ratio_scan = full["steps"][scan]["cpu"] / part["steps"][scan]["cpu"]
        lines.append(
            f"{labels[0]} / {lb}: triples x{ratio_t:.2f}; CPU of all projections x{total:.2f} "
            f"(each projection x{min(cpu):.2f} to x{max(cpu):.2f}; "
            f"one-pattern scan x{ratio_scan:.2f})"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh-process runs per build (median)")
    parser.add_argument("--corpus", type=Path, default=AKN, help="AKN folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the builds go")
    parser.add_argument(
        "--fractions",
        type=float,
        nargs="*",
        default=[0.5, 0.25],
        help="partial corpora besides the whole (default: 0.5 0.25)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="build worker processes")
    parser.add_argument(
        "--no-memory",
        action="store_true",
        help="skip the runs on an in-memory copy (kg.nt loaded into pyoxigraph's memory store)",
    )
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_run(args.one, args.memory)))
        return 0
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"bench_analyze: corpus not found: {corpus}", file=sys.stderr)
        return 2
    disk: dict[str, dict[str, Any]] = {}
    memory: dict[str, dict[str, Any]] = {}
    for fraction in [1.0, *args.fractions]:
        files = corpus_files(corpus, fraction)
        label = "full" if fraction >= 1 else f"{fraction:g}"
        out = args.out / label
        built = ensure_build(files, out, args.jobs)
        note = f"built in {built:.0f} s" if built is not None else "reused"
        print(f"{label}: {len(files)} files -> {out} ({note})", file=sys.stderr)
        disk[f"{label} ({len(files)} files)"] = median_runs(out, args.runs, memory=False)
        if not args.no_memory:
            memory[f"{label} ({len(files)} files)"] = median_runs(out, args.runs, memory=True)
    print(machine())
    print(f"runs: {args.runs} per build (median, fresh process each), corpus: {corpus}")
    for title, results in (("on-disk store (as dckg analyze runs)", disk), ("in memory", memory)):
        if not results:
            continue
        first = next(iter(results.values()))
        opened, peak = first["open"], first["peak_mib"]
        print(f"\n{title}: opened/loaded in {opened:.2f} s, peak RSS {peak:.0f} MiB")
        print()
        print("\n".join(table(results)))
        print()
        print("\n".join(linearity(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
