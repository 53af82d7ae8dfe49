"""Benchmark paragraph lineage (kg.lineage.align): median time per resolution pair.

Each run is a fresh process that reads the two resolutions (timed apart) and
aligns them twice: ``align`` is the first call in the process (cold caches, what
``dckg lineage`` pays; wall-clock and CPU time), ``warm`` the second.  The
default pairs are the annual "world drug problem" series: A/RES/75/198 ->
76/188 (120 -> 114 operative paragraphs, 161 -> 155 in all), 76/188 -> 77/238,
and the bundled sample 61/183 -> 63/197.

    python benchmarks/bench_lineage.py            # 5 runs per pair
    python benchmarks/bench_lineage.py --runs 9 --json
    python benchmarks/bench_lineage.py --series   # series_pairs over the AKN corpus, once
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AKN = ROOT / ".." / "shared" / "corpus" / "akn"
PAIRS = {
    "75/198 -> 76/188": (AKN / "75/75_198_E.xml", AKN / "76/A_RES_76_188-2119245E.xml"),
    "76/188 -> 77/238": (
        AKN / "76/A_RES_76_188-2119245E.xml",
        AKN / "77/A_RES_77_238-2229004E.xml",
    ),
    "61/183 -> 63/197 (sample)": (
        ROOT / "kg/sample/A_RES_61_183.txt",
        ROOT / "kg/sample/A_RES_63_197.txt",
    ),
}


def child(old: str, new: str) -> dict[str, object]:
    """One measurement in this process."""
    from kg.lineage import align
    from kg.read import read_path

    t0 = time.perf_counter()
    a, b = read_path(old), read_path(new)
    t1 = time.perf_counter()
    c1 = time.process_time()
    lineage = align(a, b)
    c2 = time.process_time()
    t2 = time.perf_counter()
    align(a, b)
    t3 = time.perf_counter()
    return {
        "read": t1 - t0,
        "align": t2 - t1,
        "align_cpu": c2 - c1,
        "warm": t3 - t2,
        "paragraphs": [len(a.paragraphs), len(b.paragraphs)],
        "operative": [len(a.operative), len(b.operative)],
        "counts": lineage.counts(),
    }


def series() -> None:
    """Time kg.lineage.series_pairs over every AKN file of the corpus (one run)."""
    from kg.errors import KGError
    from kg.lineage import series_pairs
    from kg.read import read_path

    t0 = time.perf_counter()
    docs = []
    for path in sorted(AKN.glob("7?/*.xml")):
        try:
            docs.append(read_path(path))
        except KGError:
            continue
    t1 = time.perf_counter()
    pairs = series_pairs(docs)
    t2 = time.perf_counter()
    print(f"{len(docs)} documents read in {t1 - t0:.1f} s; "
          f"series_pairs: {len(pairs)} pairs in {t2 - t1:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per pair")
    parser.add_argument("--json", action="store_true", help="print the medians as JSON")
    parser.add_argument("--series", action="store_true", help="time series_pairs on the corpus")
    parser.add_argument("--child", nargs=2, metavar=("OLD", "NEW"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    if args.series:
        series()
        return
    results: dict[str, dict[str, object]] = {}
    for name, (old, new) in PAIRS.items():
        if not (old.exists() and new.exists()):
            print(f"skip {name}: {old if not old.exists() else new} not found", file=sys.stderr)
            continue
        runs = []
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(old), str(new)],
                check=True, capture_output=True, text=True, cwd=ROOT,
            )
            runs.append(json.loads(out.stdout))
        results[name] = {
            key: round(statistics.median(float(r[key]) for r in runs) * 1000, 1)
            for key in ("read", "align", "align_cpu", "warm")
        } | {"paragraphs": runs[0]["paragraphs"], "operative": runs[0]["operative"],
             "counts": runs[0]["counts"], "runs": args.runs}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'pair':28} {'paragraphs':>11} {'read ms':>8} {'align ms':>9} {'CPU ms':>7}"
          f" {'warm ms':>8}")
    for name, r in results.items():
        paras = "{}->{}".format(*r["paragraphs"])  # type: ignore[misc]
        print(f"{name:28} {paras:>11} {r['read']:>8} {r['align']:>9} {r['align_cpu']:>7}"
              f" {r['warm']:>8}")


if __name__ == "__main__":
    main()
