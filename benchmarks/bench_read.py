"""Reading speed: the whole AKN corpus (and the two bundled seeds) through kg.read.

Each run is a fresh Python process pinned to one core; the figures printed
are medians over ``--runs`` runs (default 3): documents per second, total
wall-clock and CPU seconds (CPU time is steadier on a shared machine) and
peak resident memory (``ru_maxrss``) of the reading process.

    python benchmarks/bench_read.py                 # ../shared/corpus/akn, 3 runs
    python benchmarks/bench_read.py --runs 5 --corpus /path/to/akn
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "akn"


def one_run(corpus: Path) -> dict[str, float | int | list[str]]:
    """Read every file once in this process; return timings and peak memory."""
    from kg.errors import KGError
    from kg.read import read_path
    from kg.sample import sample_paths

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    akn = sorted(corpus.glob("*/*.xml"))
    failed: list[str] = []
    start, cpu = time.perf_counter(), time.process_time()
    paragraphs = 0
    for path in akn:
        try:
            paragraphs += len(read_path(path).paragraphs)
        except KGError as exc:
            failed.append(f"{path.name}: {exc}")
    akn_seconds = time.perf_counter() - start
    akn_cpu = time.process_time() - cpu
    start = time.perf_counter()
    seeds = 0
    for path in sample_paths():
        try:
            read_path(path)
            seeds += 1
        except (KGError, ImportError) as exc:  # text readers may not exist yet
            failed.append(f"{Path(path).name}: {exc}")
    seed_seconds = time.perf_counter() - start
    return {
        "akn_files": len(akn),
        "paragraphs": paragraphs,
        "akn_seconds": akn_seconds,
        "akn_cpu": akn_cpu,
        "seed_files": seeds,
        "seed_seconds": seed_seconds,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "failed": failed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs (fresh processes); default 3")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="AKN folder")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    if args.one:
        print(json.dumps(one_run(corpus)))
        return 0
    if not corpus.is_dir():
        print(f"bench_read: corpus not found: {corpus}", file=sys.stderr)
        return 2
    runs = []
    for _ in range(max(1, args.runs)):
        out = subprocess.run(
            [sys.executable, __file__, "--one", "--corpus", str(corpus)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        runs.append(json.loads(out.stdout))
    first = runs[0]
    akn_s = statistics.median(r["akn_seconds"] for r in runs)
    akn_cpu = statistics.median(r["akn_cpu"] for r in runs)
    seed_s = statistics.median(r["seed_seconds"] for r in runs)
    peak = statistics.median(r["peak_mib"] for r in runs)
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
         if ln.startswith("model name")),
        platform.processor(),
    ) if Path("/proc/cpuinfo").exists() else platform.processor()  # fmt: skip
    version = platform.python_version()
    print(f"machine: {os.cpu_count()} cores ({cpu}), Python {version}, 1 core used")
    print(f"runs: {len(runs)} (median), corpus: {corpus}")
    print("| input | files | paragraphs | seconds | CPU seconds | documents/s | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(
        f"| AKN corpus | {first['akn_files']:,} | {first['paragraphs']:,} | {akn_s:.2f} | "
        f"{akn_cpu:.2f} | {first['akn_files'] / akn_s:,.0f} | {peak:.0f} MiB |"
    )
    if first["seed_files"]:
        print(
            f"| seeds (flat + PDF text) | {first['seed_files']} | - | {seed_s:.3f} | - | "
            f"{first['seed_files'] / seed_s:,.0f} | - |"
        )
    for line in first["failed"]:
        print(f"failed: {line}", file=sys.stderr)
    return 1 if first["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
