"""Load test of ``dckg serve`` on loopback: every named query and the page kinds over HTTP.

For each build — the bundled sample (built into a temporary folder) and, when
``../shared/corpus/akn`` is present, the AKN corpus (built once with
:func:`kg.build.build` into ``--akn-out``, reused when it holds a store) — a
real ``dckg serve`` is started on a free 127.0.0.1 port, then:

1. **one client** — each request ``--single`` times in a row (after one
   warm-up), one kept-alive connection, the reply cache off (``--cache-mb
   0``): the time to answer, every query evaluated;
2. **N clients** — ``--requests`` requests (default 2,000) from ``--clients``
   threads (default 8), each with its own kept-alive ``http.client``
   connection, taking the requests round-robin from one shared list:
   throughput and p50/p95 latency per request under load, once with the reply
   cache off and once with it on (the default: repeated requests are answered
   from memory).

The requests: every named query of ``queries/`` with its default parameters
(SPARQL JSON, ``GET /sparql``), and the pages: a paragraph (HTML and Turtle),
a resolution, a body, a topic, the landing page.  Any answer other than 200 is
an error and the script exits 1.  Prints Markdown (the "Serving" section of
BENCHMARKS.md).

    python benchmarks/bench_serve.py
    python benchmarks/bench_serve.py --sample-only --requests 500
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
AKN = ROOT / ".." / "shared" / "corpus" / "akn"
sys.path.insert(0, str(ROOT))

from kg.build import build  # noqa: E402
from kg.query import load_named_queries, render  # noqa: E402
from kg.query_params import TermContext, bind_parameters  # noqa: E402
from kg.rdf.iris import Minter  # noqa: E402
from kg.sample import sample_paths  # noqa: E402

BUSIEST_PARAGRAPH = (
    "SELECT ?x (COUNT(?d) AS ?n) WHERE { ?d dckg:inParagraph ?x } "
    "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1"
)
# Pages to fetch, found in the data: (name, SPARQL giving ?x, Accept).
PAGES: tuple[tuple[str, str, str], ...] = (
    ("page: paragraph (HTML)", BUSIEST_PARAGRAPH, "text/html"),
    ("page: paragraph (Turtle)", BUSIEST_PARAGRAPH, "text/turtle"),
    ("page: resolution",
     "SELECT ?x (COUNT(?p) AS ?n) WHERE { ?x eli:has_part ?p ; dckg:hasText ?t } "
     "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1",
     "text/html"),
    ("page: body", "SELECT ?x WHERE { ?x dckg:authorityId 'INCB' } LIMIT 1", "text/html"),
    ("page: topic", "SELECT ?x WHERE { ?x skos:notation 'funding' } LIMIT 1", "text/html"),
)  # fmt: skip


def start(out: Path, workers: int, cache_mb: int) -> tuple[subprocess.Popen[str], int]:
    cmd = [sys.executable, "-m", "kg.serve_cli", "--out", str(out), "--port", "0", "--quiet",
           "--timeout", "60", "--max-results", "100000", "--workers", str(workers),
           "--cache-mb", str(cache_mb)]  # fmt: skip
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert proc.stderr is not None
    deadline = time.monotonic() + 120
    for line in proc.stderr:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            threading.Thread(target=proc.stderr.read, daemon=True).start()
            return proc, int(m.group(1))
        if time.monotonic() > deadline:
            break
    proc.kill()
    raise SystemExit("dckg serve did not start")


def stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


def fetch(conn: http.client.HTTPConnection, path: str, accept: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Accept": accept})
    r = conn.getresponse()
    return r.status, r.read()


def requests_for(port: int) -> list[tuple[str, str, str]]:
    """(name, path, Accept) of every request measured."""
    import json

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    base = Minter().base
    ctx = TermContext(Minter(base))
    out: list[tuple[str, str, str]] = []
    for name, nq in load_named_queries().items():
        text = render(nq.text, bind_parameters(ctx, nq, {}))
        out.append(
            (
                f"query: {name}",
                "/sparql?" + urlencode({"query": text}),
                "application/sparql-results+json",
            )
        )
    for name, query, accept in PAGES:
        status, body = fetch(conn, "/sparql?" + urlencode({"query": query}), "application/json")
        rows = json.loads(body)["results"]["bindings"] if status == 200 else []
        if rows:
            iri = rows[0]["x"]["value"]
            out.append((name, "/" + iri[len(base) :], accept))
    out.append(("page: landing", "/", "text/html"))
    conn.close()
    return out


def single(port: int, reqs: list[tuple[str, str, str]], runs: int) -> dict[str, list[float]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    times: dict[str, list[float]] = defaultdict(list)
    for name, path, accept in reqs:
        fetch(conn, path, accept)  # warm-up
        for _ in range(runs):
            t = time.perf_counter()
            status, _ = fetch(conn, path, accept)
            times[name].append(time.perf_counter() - t)
            if status != 200:
                raise SystemExit(f"{name}: HTTP {status}")
    conn.close()
    return times


def load(
    port: int, reqs: list[tuple[str, str, str]], total: int, clients: int
) -> tuple[dict[str, list[float]], int, float]:
    jobs = [reqs[i % len(reqs)] for i in range(total)]
    lock = threading.Lock()
    times: dict[str, list[float]] = defaultdict(list)
    errors = [0]
    position = [0]

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                if position[0] >= len(jobs):
                    break
                name, path, accept = jobs[position[0]]
                position[0] += 1
            t = time.perf_counter()
            try:
                status, _ = fetch(conn, path, accept)
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            took = time.perf_counter() - t
            with lock:
                times[name].append(took)
                if status != 200:
                    errors[0] += 1
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return times, errors[0], time.perf_counter() - started


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


Run = tuple[str, dict[str, list[float]], int, float]  # name, times by request, errors, seconds


def report(
    label: str, one: dict[str, list[float]], runs: list[Run], total: int, clients: int
) -> None:
    print(f"\n### {label}\n")
    for name, _, errors, seconds in runs:
        print(f"- {name}: {total} requests from {clients} clients in {seconds:.1f} s, "
              f"**{total / seconds:.0f} requests/s**, {errors} errors.")  # fmt: skip
    head = " | ".join(f"{name}: p50 ms | p95 ms" for name, *_ in runs)
    print(f"\n| request | 1 client, no cache: p50 ms | {head} |")
    print("|---|---:|" + "---:|---:|" * len(runs))
    for name in one:
        cells = []
        for _, many, _, _ in runs:
            m = many.get(name, [0.0])
            cells.append(f"{pct(m, 50):.1f} | {pct(m, 95):.1f}")
        print(f"| {name} | {statistics.median(one[name]) * 1000:.1f} | {' | '.join(cells)} |")


def run(label: str, out: Path, args: argparse.Namespace) -> int:
    """One client then N clients without the reply cache, then N clients with it."""
    runs = []
    one: dict[str, list[float]] = {}
    for name, cache_mb in ((f"{args.clients} clients, no cache", 0),
                           (f"{args.clients} clients, cache", 64)):  # fmt: skip
        proc, port = start(out, args.workers, cache_mb)
        try:
            reqs = requests_for(port)
            # without the cache: one client; with it: each request once first (to keep it)
            measured = single(port, reqs, 0 if cache_mb else args.single)
            one = one or measured
            many, errors, seconds = load(port, reqs, args.requests, args.clients)
        finally:
            stop(proc)
        runs.append((name, many, errors, seconds))
    report(label, one, runs, args.requests, args.clients)
    return sum(r[2] for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--requests", type=int, default=2000, help="requests in the concurrent run")
    ap.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    ap.add_argument("--single", type=int, default=20, help="runs of each request with one client")
    ap.add_argument("--workers", type=int, default=2, help="dckg serve --workers")
    ap.add_argument("--sample-only", action="store_true", help="skip the AKN corpus")
    ap.add_argument("--akn-out", type=Path, default=Path("/tmp/dckg-bench-serve-akn"))
    args = ap.parse_args()
    print(f"Machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at start; "
          f"dckg serve --workers {args.workers}.")  # fmt: skip
    errors = 0
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "out"
        build(sample_paths(), sample, jobs=1)
        errors += run("Sample build (2 resolutions)", sample, args)
    if not args.sample_only and AKN.is_dir():
        if not (args.akn_out / "store").is_dir():
            files = sorted(p for p in AKN.glob("*/*.xml"))
            t = time.perf_counter()
            result = build(files, args.akn_out, jobs=2)
            print(f"\n(built {result.documents} AKN files, {result.triples} triples, "
                  f"in {time.perf_counter() - t:.0f} s)")  # fmt: skip
        errors += run(f"AKN corpus build ({args.akn_out})", args.akn_out, args)
    print(f"\nLoad average {os.getloadavg()[0]:.1f} at the end.")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
