"""Benchmark ``dckg build`` at 1 and 2 jobs, and incremental rebuilds.

The corpus is copied into a temporary folder (so one file can be changed).
Each measured build is a fresh process running :func:`kg.build.build`:

* **clean, N jobs** — no cache (``incremental=False``), for each ``--jobs``;
* **rebuild, nothing changed** — every document from the cache;
* **rebuild, one file changed** — one resolution's text edited (a word of
  an operative paragraph), so it is read, extracted, mapped and validated
  again and its series pairs re-aligned; the other documents come from the
  cache; every whole-graph output (kg.nt, kg.ttl, kg.jsonld, the store, the
  overview page) is written again.

It reports the median wall time, documents/s, and the time of each stage.

Usage::

    python benchmarks/bench_incremental.py                 # Markdown tables
    python benchmarks/bench_incremental.py --runs 1 --limit 100
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "akn"


def child(corpus: Path, out: Path, jobs: int, incremental: bool) -> dict[str, object]:
    """One build in this (fresh) process."""
    from kg.build import build
    from kg.cli import expand_paths

    files = list(expand_paths((str(corpus),)))
    t = time.perf_counter()
    result = build(files, out, jobs=jobs, incremental=incremental)
    return {
        "wall": time.perf_counter() - t,
        "documents": result.documents,
        "reused": result.reused,
        "aligned": result.aligned,
        "triples": result.triples,
        "stages": result.seconds,
    }


def _run(args: list[str]) -> dict[str, object]:
    load = os.getloadavg()[0]
    proc = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False, cwd=ROOT
    )
    if proc.returncode != 0:
        sys.exit(f"child failed: {proc.stderr.strip().splitlines()[-3:]}")
    data: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    data["load"] = round(load, 1)
    return data


def _edit(path: Path, n: int) -> None:
    """Change one word of the file (a different word each time)."""
    text = path.read_text(encoding="utf-8")
    text, done = re.subn(
        r"\b(Requests|Urges|Invites|Encourages)\b", f"Decides{n} \\1", text, count=1
    )
    if not done:
        sys.exit(f"nothing to edit in {path}")
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind (median)")
    parser.add_argument("--clean-runs", type=int, default=2, help="runs of each clean build")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, default=None, help="copy only the first N files")
    parser.add_argument(
        "--edit", default="77/A_RES_77_238-2229004E.xml", help="file changed (under corpus)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--incremental", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.corpus, args.out, args.jobs[0], args.incremental)))
        return
    if not args.corpus.is_dir():
        sys.exit(f"corpus not found: {args.corpus}")
    work = Path(tempfile.mkdtemp(prefix="bench-incr-"))
    try:
        corpus = work / "akn"
        files = sorted(p for p in args.corpus.rglob("*") if p.is_file())[: args.limit]
        for f in files:
            (corpus / f.relative_to(args.corpus)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, corpus / f.relative_to(args.corpus))
        edit = corpus / args.edit
        if not edit.is_file():
            edit = next(p for p in sorted(corpus.rglob("*.xml")))
        out = work / "out"
        rows: dict[str, list[dict[str, object]]] = {}

        def run(label: str, jobs: int, incremental: bool) -> None:
            extra = ["--jobs", str(jobs), *(["--incremental"] if incremental else [])]
            data = _run(["--child", "--corpus", str(corpus), "--out", str(out), *extra])
            rows.setdefault(label, []).append(data)
            print(f"{label}: {data['wall']:.1f} s (load {data['load']})", file=sys.stderr)

        for jobs in args.jobs:
            for _ in range(args.clean_runs):
                run(f"clean, {jobs} job(s)", jobs, False)
        jobs = max(args.jobs)
        for i in range(args.runs):
            run("rebuild, nothing changed", jobs, True)
            _edit(edit, i)
            run("rebuild, one file changed", jobs, True)
        report(rows, edit.relative_to(corpus))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(rows: dict[str, list[dict[str, object]]], edited: Path) -> None:
    def med(runs: list[dict[str, object]], key: str) -> float:
        return statistics.median(float(r[key]) for r in runs)  # type: ignore[arg-type]

    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"Machine: {os.cpu_count()} CPUs, {python}; edited file: {edited}")
    print()
    print("| build | runs | wall (median) | documents/s | reused | pairs aligned | load avg |")
    print("|---|---|---|---|---|---|---|")
    for label, runs in rows.items():
        wall, docs = med(runs, "wall"), med(runs, "documents")
        loads = ", ".join(str(r["load"]) for r in runs)
        print(
            f"| {label} | {len(runs)} | {wall:.1f} s | {docs / wall:.1f} | "
            f"{med(runs, 'reused'):.0f} | {med(runs, 'aligned'):.0f} | {loads} |"
        )
    stages = sorted({k for runs in rows.values() for r in runs for k in r["stages"]})  # type: ignore[attr-defined]
    print()
    print("| stage (median seconds) | " + " | ".join(rows) + " |")
    print("|---|" + "---|" * len(rows))
    for stage in stages:
        cells = []
        for runs in rows.values():
            values = [r["stages"].get(stage, 0.0) for r in runs]  # type: ignore[attr-defined]
            cells.append(f"{statistics.median(values):.1f}")
        print(f"| {stage} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
