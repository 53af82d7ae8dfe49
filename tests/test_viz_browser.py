"""dckg viz pages in a real browser: Debian's Chromium, headless, driven by Playwright.

Why Playwright (with the system Chromium, never ``playwright install``)
rather than Chromium's own ``--dump-dom`` / ``--screenshot`` flags: the
tests must see every request the page makes (and block it), read console
errors, run JavaScript in the page (vis-network's node positions, canvas
pixels) and move the mouse (tooltips, clicks).  The flags can do none of
that; Playwright speaks the DevTools protocol to the same binary.

Each page is opened from ``file://`` with every request recorded and every
request other than the page itself aborted; the tests assert that the canvas
drew every node, that no console error occurred and that the page asked for
nothing but itself.  The tests skip, saying why, when Playwright or Chromium
is missing (``.ci/run`` installs Chromium, so CI runs them).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.extract import annotate
from kg.extract.authority import load_authority
from kg.extract.topics import load_scheme
from kg.model import Document
from kg.query import Engine
from kg.rdf.iris import Minter
from kg.rdf.mapping import MapContext, Triple, map_document
from kg.rdf.reference import authority_triples, topic_triples
from kg.read import read_path
from kg.sample import sample_paths
from kg.viz import (
    View,
    focus_view,
    open_engine,
    query_view,
    render_html,
    resolution_view,
    topic_view,
    whole_view,
)
from kg.viz_layout import PHYSICS_MAX

CHROMIUM = os.environ.get("DCKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PAYLOADS = ("<script>window.__pwned=1</script>", '"><img src=x onerror="window.__pwned=1">')
M = Minter()
TIMEOUT_MS = 120_000


# ------------------------------------------------------------------ browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set DCKG_CHROMIUM)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Opened:
    """A page loaded in the browser, with what it asked for and what it complained about."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def check_clean(self) -> None:
        assert self.requests == [self.url], f"the page asked for more than itself: {self.requests}"
        assert not self.errors, self.errors


def open_page(browser: Any, html: str, folder: Path, name: str, bypass_csp: bool = False) -> Opened:
    """Load a page; ``bypass_csp`` ignores its Content-Security-Policy (then escaping alone
    must keep injected text inert)."""
    path = folder / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=bypass_csp)
    page = context.new_page()
    opened = Opened(page, path.resolve().as_uri())
    page.on("request", lambda r: opened.requests.append(r.url))
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))

    def route(r: Any) -> None:
        if r.request.url == opened.url:
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    page.goto(opened.url)
    page.wait_for_selector("body[data-drawn]", state="attached", timeout=TIMEOUT_MS)
    return opened


def wait_still(opened: Opened) -> None:
    """With physics, wait until the layout has settled (physics then turns itself off)."""
    if opened.page.evaluate("JSON.parse(document.getElementById('dckg-data').textContent).physics"):
        opened.page.wait_for_selector("body[data-stable]", state="attached", timeout=TIMEOUT_MS)


DRAWN = """() => {
  const canvas = document.querySelector('#dckg-network canvas');
  const ctx = canvas.getContext('2d');
  const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) { inked++; } }
  return {inked: inked, total: px.length / 4,
          positions: Object.keys(window.dckgNetwork.getPositions()).length};
}"""

ZOOM_TO = """(id) => {
  const net = window.dckgNetwork;
  net.moveTo({position: net.getPositions([id])[id], scale: 2.5, animation: false});
  const box = document.getElementById('dckg-network').getBoundingClientRect();
  const dom = net.canvasToDOM(net.getPositions([id])[id]);
  return {x: box.left + dom.x, y: box.top + dom.y, at: net.getNodeAt(dom)};
}"""


def assert_drawn(opened: Opened, nodes: int) -> None:
    drawn = opened.page.evaluate(DRAWN)
    assert drawn["positions"] == nodes
    assert drawn["inked"] > 0.005 * drawn["total"], drawn  # the canvas is not blank


def point_at(opened: Opened, node: str) -> tuple[float, float]:
    """Zoom onto a node and return its place on the screen (checking it is on top there)."""
    spot = opened.page.evaluate(ZOOM_TO, node)
    assert spot["at"] == node
    return spot["x"], spot["y"]


# ------------------------------------------------------------------ graphs


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {d.meta.symbol: d for d in (annotate(read_path(p)) for p in sample_paths())}


def graph_triples(documents: list[Document]) -> list[Triple]:
    entries = load_authority().entries
    ctx = MapContext(M, {e.id: e.type for e in entries})
    out = [t for d in documents for t in map_document(d, ctx)]
    return out + authority_triples(entries, M) + topic_triples(load_scheme(), M)


@pytest.fixture(scope="module")
def engine(docs: dict[str, Document]) -> Engine:
    return open_engine(graph_triples(list(docs.values())))


VIEWS = {
    "whole": lambda e: whole_view(e),
    "incb": lambda e: focus_view(e, "INCB", 2),
    "resolution": lambda e: resolution_view(e, "A/RES/61/183"),
    "topic": lambda e: topic_view(e, "funding"),
    "query": lambda e: query_view(e, "who-is-asked-what"),
}


# ------------------------------------------------------------------ tests


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_views_draw_offline(browser: Any, engine: Engine, tmp_path: Path, name: str) -> None:
    view = VIEWS[name](engine)
    opened = open_page(browser, render_html(view), tmp_path, name)
    assert_drawn(opened, view.graph.number_of_nodes())
    legend = opened.page.inner_text("#legend")
    assert "paragraphs" in legend or name == "query"
    opened.check_clean()


def test_large_view_keeps_python_positions(browser: Any, tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    for i in range(PHYSICS_MAX + 100):
        g.add_node(
            f"n{i}", kind="paragraph" if i % 8 else "body", label=f"n{i}", lines=[f"node {i}"]
        )
        g.add_edge(f"n{i}", f"n{i - i % 8}", key="part of", relation="part of", label="part of")
    view = View("a large view", g)
    html = render_html(view)
    opened = open_page(browser, html, tmp_path, "large")
    assert_drawn(opened, g.number_of_nodes())
    placed = opened.page.evaluate("""() => {
      const data = JSON.parse(document.getElementById('dckg-data').textContent);
      const pos = window.dckgNetwork.getPositions();
      return data.nodes.every(n => pos[n.id].x === n.x && pos[n.id].y === n.y);
    }""")
    assert placed  # physics off: the browser drew the positions computed in Python
    opened.check_clean()


def test_hover_and_click_show_the_paragraph(
    browser: Any, engine: Engine, docs: dict[str, Document], tmp_path: Path
) -> None:
    opened = open_page(browser, render_html(focus_view(engine, "INCB", 1)), tmp_path, "click")
    wait_still(opened)
    node = str(M.paragraph("A/RES/63/197", "op40"))
    x, y = point_at(opened, node)
    page = opened.page
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    assert page.inner_text("div.vis-tooltip").startswith("A/RES/63/197 op40 (operative paragraph)")
    page.mouse.click(x, y)
    assert page.text_content("#panel-heading") == "A/RES/63/197 op40"
    assert page.text_content("#panel-text") == docs["A/RES/63/197"].paragraph("op40").text
    opened.check_clean()


def injected(docs: dict[str, Document]) -> Document:
    """A copy of A/RES/63/197 whose op40 text and title carry script payloads."""
    doc = docs["A/RES/63/197"]
    p = doc.paragraph("op40")
    text = f"Notes {PAYLOADS[0]} that {PAYLOADS[1]} & </script> end"
    span = (p.span[0], p.span[0] + len(text))
    para = replace(p, text=text, span=span, mentions=(), citations=(), directives=(), topics=())
    meta = replace(doc.meta, title=f"Title {PAYLOADS[0]}", subjects=())
    return replace(doc, text=doc.text[: p.span[0]] + text, paragraphs=(para,), sections=(),
                   footnotes=(), meta=meta)  # fmt: skip


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_injected_text_does_not_run(
    browser: Any, docs: dict[str, Document], tmp_path: Path, bypass_csp: bool
) -> None:
    doc = injected(docs)
    view = resolution_view(open_engine(graph_triples([doc])), doc.meta.symbol)
    opened = open_page(browser, render_html(view), tmp_path, "injected", bypass_csp)
    wait_still(opened)
    page = opened.page
    node = str(M.paragraph(doc.meta.symbol, "op40"))
    x, y = point_at(opened, node)
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    tooltip = page.inner_text("div.vis-tooltip")
    page.mouse.click(x, y)
    page.wait_for_timeout(500)  # an injected onerror= would have fired by now
    assert page.evaluate("window.__pwned") is None  # undefined: nothing ran
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.text_content("#panel-text") == doc.paragraphs[0].text  # shown literally
    for payload in PAYLOADS:
        assert payload in tooltip
    assert PAYLOADS[0] in page.text_content("h1")
    assert page.title().endswith(f"Title {PAYLOADS[0]}")
    opened.check_clean()
