"""Benchmark dckg viz pages: Python time, HTML size and time to first render in Chromium.

For each size (default 100, 1,000 and 5,000 nodes) the whole-graph view of a
built store is drawn with ``--max-nodes`` that size (above the size the
paragraphs are folded into their resolutions and the best-linked nodes
kept; see :func:`kg.viz.whole_view`).  Measured:

* ``select`` — projection, cap and naming (Python, wall and CPU seconds);
* ``render`` — pyvis network, layout (above 300 nodes) and HTML (CPU seconds);
* ``size`` — the page in MB (everything inline);
* ``first draw`` — headless Chromium (Debian's, driven by Playwright), a fresh
  browser context per load, ``file://``, every other request aborted: time
  from navigation start to vis-network's first ``afterDrawing`` event
  (``window.dckgFirstDraw``), median of ``--runs`` loads; with physics (up to
  300 nodes) also the time until the layout has settled.

    python benchmarks/bench_viz.py --store /tmp/aknout           # a build of ../shared/corpus/akn
    python benchmarks/bench_viz.py --store out --sizes 100 200
    python benchmarks/bench_viz.py --screenshot docs/img/incb.png  # the README picture (sample)
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
VIEWPORT = {"width": 1400, "height": 900}


def load(browser: Any, page_path: Path, settle: bool) -> dict[str, float]:
    """Open one page in a fresh context; times in seconds from navigation start."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    url = page_path.resolve().as_uri()
    page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
    page.goto(url)
    page.wait_for_selector("body[data-drawn]", state="attached", timeout=600_000)
    out = {"first_draw": page.evaluate("window.dckgFirstDraw") / 1000}
    if settle:
        page.wait_for_selector("body[data-stable]", state="attached", timeout=600_000)
        out["settled"] = page.evaluate("performance.now()") / 1000
    context.close()
    return out


def measure(store: Path, sizes: list[int], runs: int) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    from kg.viz import open_engine, render_html, whole_view
    from kg.viz_html import layout_needed

    rows = []
    folder = Path(tempfile.mkdtemp(prefix="bench-viz-"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for size in sizes:
            engine = open_engine(store)
            w0, c0 = time.perf_counter(), time.process_time()
            view = whole_view(engine, max_nodes=size)
            w1, c1 = time.perf_counter(), time.process_time()
            html = render_html(view)
            c2 = time.process_time()
            path = folder / f"viz-{size}.html"
            path.write_text(html, encoding="utf-8")
            physics = not layout_needed(view.graph)
            loads = [load(browser, path, physics) for _ in range(runs)]
            row = {
                "size": size,
                "nodes": view.graph.number_of_nodes(),
                "edges": view.graph.number_of_edges(),
                "select_s": round(w1 - w0, 2),
                "select_cpu_s": round(c1 - c0, 2),
                "render_cpu_s": round(c2 - c1, 2),
                "mb": round(len(html.encode("utf-8")) / 1e6, 2),
                "physics": physics,
                "first_draw_s": round(statistics.median(x["first_draw"] for x in loads), 2),
                "first_draw_all": [round(x["first_draw"], 2) for x in loads],
            }
            if physics:
                row["settled_s"] = round(statistics.median(x["settled"] for x in loads), 2)
            rows.append(row)
            print(json.dumps(row), flush=True)
        browser.close()
    return rows


def screenshot(out: Path) -> None:
    """The INCB view of the bundled sample, drawn and settled, as a PNG."""
    from playwright.sync_api import sync_playwright

    from kg.build import build
    from kg.sample import sample_paths
    from kg.viz import focus_view, open_engine, render_html

    folder = Path(tempfile.mkdtemp(prefix="bench-viz-"))
    build(sample_paths(), folder / "out", jobs=1)
    page_path = folder / "incb.html"
    page_path.write_text(
        render_html(focus_view(open_engine(folder / "out"), "INCB", 2)), encoding="utf-8"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        url = page_path.resolve().as_uri()
        page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
        page.goto(url)
        page.wait_for_selector("body[data-stable]", state="attached", timeout=120_000)
        op40 = "https://w3id.org/dckg/resolution/A/RES/63/197/op/40"
        page.evaluate(
            "(id) => { window.dckgNetwork.selectNodes([id]); window.dckgShow(id); }", op40
        )
        page.wait_for_timeout(300)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()
    print(f"wrote {out}")


def table(rows: list[dict[str, Any]]) -> str:
    head = ("nodes", "edges", "layout", "select (s)", "render CPU (s)", "HTML (MB)",
            "first draw (s)", "settled (s)")  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "|---:|---:|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        cells = (
            f"{r['nodes']:,}", f"{r['edges']:,}",
            "physics" if r["physics"] else "Python, physics off",
            f"{r['select_s']} ({r['select_cpu_s']} CPU)", r["render_cpu_s"], r["mb"],
            r["first_draw_s"], r.get("settled_s", "-"),
        )  # fmt: skip
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--store", type=Path, help="A build folder (or its store/) to draw.")
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--runs", type=int, default=3, help="Browser loads per size (median).")
    ap.add_argument(
        "--screenshot", type=Path, help="Write the sample's INCB view as a PNG and stop."
    )
    ap.add_argument(
        "--json", action="store_true", help="Print the rows as JSON, not a Markdown table."
    )
    args = ap.parse_args()
    if args.screenshot:
        screenshot(args.screenshot)
        return
    if not args.store:
        ap.error("give --store (e.g. a build of ../shared/corpus/akn) or --screenshot")
    rows = measure(args.store, args.sizes, args.runs)
    print(json.dumps(rows, indent=2) if args.json else table(rows))


if __name__ == "__main__":
    main()
