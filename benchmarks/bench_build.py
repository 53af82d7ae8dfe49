"""Benchmark ``dckg build`` on the AKN corpus, and a single-graph pyshacl baseline.

Each measured run is a fresh process.  For the build it reports wall time,
CPU time, triples, peak memory (the main process and the largest worker) and
the time of every stage (see :mod:`kg.build`; the ``documents.*`` figures are
seconds summed over the worker processes).  The baseline loads the same
triples (the build's ``kg.nt``) into one plain rdflib ``Graph`` and runs
pyshacl once with all the shapes: the approach the build avoids.

Usage::

    python benchmarks/bench_build.py                  # 3 runs + baseline, Markdown out
    python benchmarks/bench_build.py --runs 1 --no-baseline --limit 100

The machine is shared: the load average before and after each run is
printed, since other processes on the two cores slow every figure down.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "akn"


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def child_build(corpus: Path, out: Path, limit: int | None, jobs: int | None) -> dict[str, object]:
    """One build in this (fresh) process."""
    from kg.build import build
    from kg.cli import expand_paths

    files = list(expand_paths((str(corpus),)))[:limit]
    t, c = time.perf_counter(), time.process_time()
    result = build(files, out, jobs=jobs)
    wall = time.perf_counter() - t
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "files": len(files),
        "documents": result.documents,
        "paragraphs": result.paragraphs,
        "directives": result.directives,
        "triples": result.triples,
        "violations": result.violations,
        "wall": wall,
        "cpu_main": time.process_time() - c,
        "cpu_workers": children.ru_utime + children.ru_stime,
        "peak_main_mb": _peak_mb(resource.RUSAGE_SELF),
        "peak_worker_mb": children.ru_maxrss / 1024,
        "stages": result.seconds,
    }


def child_baseline(nt: Path) -> dict[str, object]:
    """Plain rdflib Graph of all the triples + one pyshacl run with all the shapes."""
    from pyshacl import validate
    from rdflib import Graph

    from kg.validate import load_shapes

    t, c = time.perf_counter(), time.process_time()
    g = Graph()
    g.parse(nt, format="nt")
    load, load_cpu = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    conforms, _, _ = validate(
        g, shacl_graph=load_shapes("all"), inference="none", allow_warnings=True
    )
    return {
        "triples": len(g),
        "load": load,
        "load_cpu": load_cpu,
        "validate": time.perf_counter() - t,
        "validate_cpu": time.process_time() - c,
        "conforms": bool(conforms),
        "peak_mb": _peak_mb(resource.RUSAGE_SELF),
    }


def _run_child(args: list[str]) -> dict[str, object]:
    load_before = os.getloadavg()[0]
    proc = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False, cwd=ROOT
    )
    if proc.returncode != 0:
        sys.exit(f"child failed: {proc.stderr.strip().splitlines()[-1:]}")
    data: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    data["loadavg"] = (round(load_before, 1), round(os.getloadavg()[0], 1))
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=3, help="build runs (median reported)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files")
    parser.add_argument(
        "--jobs", type=int, default=None, help="worker processes (default: the build's)"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the pyshacl baseline")
    parser.add_argument("--child", choices=["build", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "build":
        print(json.dumps(child_build(args.corpus, args.out, args.limit, args.jobs)))
        return
    if args.child == "baseline":
        print(json.dumps(child_baseline(args.out)))
        return
    if not args.corpus.is_dir():
        sys.exit(f"corpus not found: {args.corpus}")
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    runs = []
    try:
        for i in range(args.runs):
            out = work / f"out{i}"
            extra = [
                *(["--limit", str(args.limit)] if args.limit else []),
                *(["--jobs", str(args.jobs)] if args.jobs else []),
            ]
            runs.append(
                _run_child(
                    ["--child", "build", "--corpus", str(args.corpus), "--out", str(out), *extra]
                )
            )
            print(
                f"run {i + 1}: {runs[-1]['wall']:.1f} s wall, load average {runs[-1]['loadavg']}",
                file=sys.stderr,
            )
        baseline = None
        if not args.no_baseline:
            baseline = _run_child(["--child", "baseline", "--out", str(work / "out0" / "kg.nt")])
        report(runs, baseline)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _num(data: dict[str, object], key: str) -> float:
    value = data[key]
    assert isinstance(value, int | float)
    return float(value)


def report(runs: list[dict[str, object]], baseline: dict[str, object] | None) -> None:
    """Print the figures as Markdown tables (medians over the runs)."""

    def med(key: str) -> float:
        return statistics.median(_num(r, key) for r in runs)

    first = runs[0]
    stages: dict[str, list[float]] = {}
    for r in runs:
        seconds = r["stages"]
        assert isinstance(seconds, dict)
        for k, v in seconds.items():
            stages.setdefault(k, []).append(v)
    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"Machine: {os.cpu_count()} CPUs, {python}; load average before/after each run:")
    print(f"{[r['loadavg'] for r in runs]}")
    print()
    print("| measure | value |\n|---|---|")
    print(f"| files / documents | {first['files']} / {first['documents']} |")
    paragraphs, directives = _num(first, "paragraphs"), _num(first, "directives")
    print(f"| paragraphs / directives | {paragraphs:,.0f} / {directives:,.0f} |")
    print(f"| triples | {_num(first, 'triples'):,.0f} |")
    print(f"| violations | {first['violations']} |")
    print(f"| wall time (median of {len(runs)}) | {med('wall'):.1f} s |")
    print(f"| CPU time: main + workers | {med('cpu_main'):.1f} s + {med('cpu_workers'):.1f} s |")
    main_mb, worker_mb = med("peak_main_mb"), med("peak_worker_mb")
    print(f"| peak memory: main / largest worker | {main_mb:.0f} MB / {worker_mb:.0f} MB |")
    print()
    print("| stage | seconds (median; documents.*: CPU summed over workers) |\n|---|---|")
    for k, v in stages.items():
        print(f"| {k} | {statistics.median(v):.1f} |")
    if baseline is None:
        return
    ours = sum(statistics.median(stages[k]) for k in ("documents.validate", "reference", "corpus"))
    load, check = _num(baseline, "load_cpu"), _num(baseline, "validate_cpu")
    wall = _num(baseline, "load") + _num(baseline, "validate")
    print()
    print("| validating the same triples | CPU seconds | peak memory |\n|---|---|---|")
    print(f"| build: a pyshacl run per chunk of 8 resolutions | {ours:.1f} | {worker_mb:.0f} MB |")
    print(
        f"| one rdflib Graph (parse {load:.1f} s) + one pyshacl run ({check:.1f} s); "
        f"{wall:.1f} s wall | {load + check:.1f} | {_num(baseline, 'peak_mb'):.0f} MB |"
    )
    print(f"| ratio (one run / per chunk) | {(load + check) / ours:.2f}x | |")


if __name__ == "__main__":
    main()
