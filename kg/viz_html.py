"""A :class:`~kg.viz_select.View` -> one self-contained HTML page (pyvis + vis-network).

pyvis builds the network (:func:`to_pyvis`: nodes, edges, options); the
page is written here rather than by pyvis's own template, because that
template links Bootstrap from a CDN in every mode and pastes its heading
unescaped.  The page has:

* vis-network's JavaScript and CSS (the copy pyvis ships) **inline**, and no
  ``src``/``href`` at all, so it opens offline and makes no request;
* a Content-Security-Policy: no network (``default-src 'none'``), and only
  the page's own two scripts run (``script-src`` by SHA-256 hash), so an
  injected ``<script>`` or ``onerror=`` would not run even if it got in;
* the graph as JSON in a ``<script type="application/json">`` block, with
  ``<``, ``>`` and ``&`` written as ``\\u003c`` ... so no text can close it;
* tooltips as plain strings (vis-network 9 shows a string title with
  ``innerText``), node labels drawn on the canvas, and a side panel filled
  with ``textContent`` only: data never becomes markup;
* a legend of the node kinds and relations present, and the view's notes
  (what was left out).

Above :data:`kg.viz_layout.PHYSICS_MAX` nodes, positions come from
:func:`kg.viz_layout.spring_layout` and physics is off.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any

import networkx as nx

from kg import __version__
from kg.errors import KGError
from kg.viz_layout import PHYSICS_MAX, spring_layout
from kg.viz_select import KIND_NAMES, RELATION_LABELS, View

__all__ = [
    "EDGE_STYLES",
    "NODE_STYLES",
    "STRENGTH_COLOURS",
    "escape_json",
    "render_page",
    "to_pyvis",
    "vis_assets",
]


@dataclass(frozen=True)
class NodeStyle:
    colour: str
    shape: str  # a vis-network shape that draws its label underneath
    size: int


#: Node colour, shape and size by kind (the legend shows the same table).
NODE_STYLES: dict[str, NodeStyle] = {
    "resolution": NodeStyle("#1f4e79", "square", 12),
    "paragraph": NodeStyle("#7fb3d5", "dot", 8),
    "body": NodeStyle("#c0392b", "diamond", 14),
    "instrument": NodeStyle("#27ae60", "triangle", 13),
    "initiative": NodeStyle("#16a085", "triangleDown", 12),
    "actor": NodeStyle("#e67e22", "star", 14),
    "topic": NodeStyle("#8e44ad", "hexagon", 12),
    "document": NodeStyle("#8d6e63", "square", 7),
    "other": NodeStyle("#95a5a6", "dot", 8),
}

#: Edge colour and dashes by relation (directives are coloured by strength).
EDGE_STYLES: dict[str, tuple[str, bool]] = {
    "part of": ("#b0b7bf", False),
    "mentions": ("#9aa5b1", True),
    "directive": ("#c0392b", False),
    "concerns": ("#d4ac0d", True),
    "cites": ("#8d6e63", False),
    "about": ("#b39ddb", False),
    "adopted by": ("#1f4e79", False),
    "derived from": ("#27ae60", True),
    "query": ("#607d8b", False),
    "link": ("#85929e", False),
}

#: Directive strength 0-5 (see kg.extract.directives) -> edge colour, pale to dark.
STRENGTH_COLOURS: tuple[str, ...] = (
    "#d5d8dc",
    "#f5b7b1",
    "#f1948a",
    "#e74c3c",
    "#b03a2e",
    "#641e16",
)
STRENGTH_WORDS: tuple[str, ...] = (
    "0 preambular",
    "1 notes, welcomes",
    "2 encourages, invites",
    "3 urges, calls upon",
    "4 requests a body",
    "5 decides",
)

#: Legend swatches: one small inline SVG per shape ($c is the colour).
_SWATCH: dict[str, str] = {
    "dot": '<circle cx="8" cy="8" r="6" fill="$c"/>',
    "square": '<rect x="2" y="2" width="12" height="12" fill="$c"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8" fill="$c"/>',
    "triangle": '<polygon points="8,1 15,14 1,14" fill="$c"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,15" fill="$c"/>',
    "star": '<polygon points="8,1 10,6 15,6 11,9 13,15 8,11 3,15 5,9 1,6 6,6" fill="$c"/>',
    "hexagon": '<polygon points="4,1 12,1 15,8 12,15 4,15 1,8" fill="$c"/>',
}


def escape_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: nothing in it can close the tag.

    >>> escape_json({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return text


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS as shipped inside the pyvis package (9.1.2)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    folders = sorted(lib.glob("vis-9.*"), key=lambda p: [int(x) for x in p.name[4:].split(".")])
    if not folders:
        raise KGError("pyvis ships no vis-network 9 (templates/lib/vis-9.*)", path=str(lib))
    folder = next((f for f in folders if f.name == "vis-9.1.2"), folders[-1])
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise KGError("vis-network assets cannot be inlined safely", path=str(folder))
    return js, css


# ------------------------------------------------------------- the network


def _node_size(kind: str, degree: int, focus: bool) -> float:
    base = NODE_STYLES.get(kind, NODE_STYLES["other"]).size
    grow = 0.0 if kind == "paragraph" else min(10.0, 1.5 * math.log2(1 + degree))
    return round(base + grow + (8 if focus else 0), 1)


def _tooltip(data: dict[str, Any]) -> str:
    return "\n".join(str(x) for x in data.get("lines") or [data.get("label", "")])


def _edge_style(data: dict[str, Any]) -> dict[str, Any]:
    relation = data.get("relation", "query")
    colour, dashes = EDGE_STYLES.get(relation, EDGE_STYLES["query"])
    width = 1
    if relation == "directive":
        strength = max(0, min(5, int(data.get("strength") or 0)))
        colour, width = STRENGTH_COLOURS[strength], 1 + strength
    return {"color": colour, "dashes": dashes, "value": width}  # value = width, see _options


def layout_needed(g: nx.MultiDiGraph) -> bool:
    """Physics off and positions from Python above :data:`PHYSICS_MAX` nodes."""
    return bool(g.number_of_nodes() > PHYSICS_MAX)


def to_pyvis(view: View, *, seed: int = 1) -> Any:
    """The view as a :class:`pyvis.network.Network` (positions set when physics is off)."""
    from pyvis.network import Network

    g = view.graph
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    order = sorted(g.nodes)
    positions: dict[str, tuple[float, float]] = {}
    physics = not layout_needed(g)
    if not physics:
        positions = spring_layout(order, ((u, v) for u, v, _ in g.edges(keys=True)), seed=seed)
    focus = set(view.focus)
    for n in order:
        data = g.nodes[n]
        kind = data.get("kind") or "other"
        style = NODE_STYLES.get(kind, NODE_STYLES["other"])
        extra: dict[str, Any] = {}
        if n in positions:
            extra.update(x=positions[n][0], y=positions[n][1])
        net.add_node(
            n,
            label=str(data.get("label", n)),
            shape=style.shape,
            color=style.colour,
            title=_tooltip(data),
            value=_node_size(kind, g.degree(n), n in focus),  # value = size, see _options
            borderWidth=3 if n in focus else 1,
            **extra,
        )
    for u, v, key in sorted(g.edges(keys=True)):
        data = g.edges[u, v, key]
        net.add_edge(
            u,
            v,
            label=str(data.get("label", key)),
            title=str(data.get("title") or data.get("label", key)),
            arrows="to",
            **_edge_style(data),
        )
    net.options = _options(physics, g.number_of_nodes())
    return net


def _options(physics: bool, n: int) -> dict[str, Any]:
    """vis-network options.

    Sizes and widths are given as ``value`` so that vis-network's label
    scaling applies: labels smaller than ``drawThreshold`` pixels on screen
    are not drawn, which keeps a zoomed-out view of a big graph legible and
    quick.  The page's script maps each value to itself (node size = value,
    edge width = value) with ``customScalingFunction``, using the ``min`` and
    ``max`` given here.
    """
    opts: dict[str, Any] = {
        "nodes": {
            "font": {"size": 12, "face": "sans-serif"},
            "borderWidth": 1,
            "scaling": {
                "min": 0,
                "max": 100,
                "label": {"enabled": True, "min": 10, "max": 30, "drawThreshold": 6},
            },
        },
        "edges": {
            "font": {"size": 9, "color": "#566573", "strokeWidth": 2, "align": "middle"},
            "smooth": {"type": "continuous"} if physics else False,
            "arrows": {"to": {"scaleFactor": 0.5}},
            "scaling": {
                "min": 1,
                "max": 6,
                "label": {"enabled": True, "min": 9, "max": 11, "drawThreshold": 6},
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": n > PHYSICS_MAX,
            "navigationButtons": False,
            "keyboard": False,
        },
        "layout": {"randomSeed": 1, "improvedLayout": n <= 100},
    }
    if physics:
        opts["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -4000, "springLength": 110, "avoidOverlap": 0.1},
            "stabilization": {"enabled": True, "iterations": 250, "fit": True},
        }
    else:
        opts["physics"] = {"enabled": False}
    return opts


# ------------------------------------------------------------- the page


def _details(view: View) -> dict[str, dict[str, Any]]:
    """What the side panel shows for each node (plain strings; the page uses textContent)."""
    out: dict[str, dict[str, Any]] = {}
    g = view.graph
    for n, data in g.nodes(data=True):
        kind = data.get("kind") or "other"
        links = sorted(
            f"{d.get('label', k)} → {g.nodes[v].get('label', v)}"
            for _, v, k, d in g.out_edges(n, keys=True, data=True)
        ) + sorted(
            f"{g.nodes[u].get('label', u)} → {d.get('label', k)}"
            for u, _, k, d in g.in_edges(n, keys=True, data=True)
        )
        out[n] = {
            "heading": str(data.get("heading") or data.get("label") or n),
            "kind": data.get("what") or KIND_NAMES.get(kind, KIND_NAMES["other"])[0],
            "text": str(data.get("text") or ""),
            "lines": [str(x) for x in (data.get("lines") or [])[: 1 if data.get("text") else None]],
            "links": links[:60] + ([f"… and {len(links) - 60} more"] if len(links) > 60 else []),
            "iri": n,
        }
    return out


def _line_item(colour: str, width: int, dashes: bool, words: str) -> str:
    dash = ' stroke-dasharray="4,3"' if dashes else ""
    line = f'<line x1="0" y1="5" x2="28" y2="5" stroke="{colour}" stroke-width="{width}"{dash}/>'
    svg = f'<svg width="28" height="10" aria-hidden="true">{line}</svg>'
    return f"<li>{svg} {html.escape(words)}</li>"


def _legend(view: View) -> str:
    g = view.graph
    known = {k or "other" for _, k in g.nodes(data="kind")}
    kinds = [k for k in NODE_STYLES if k in known] + (["other"] if known - set(NODE_STYLES) else [])
    items = []
    for kind in kinds:
        style = NODE_STYLES.get(kind, NODE_STYLES["other"])
        svg = Template(_SWATCH.get(style.shape, _SWATCH["dot"])).substitute(c=style.colour)
        n = sum(1 for _, k in g.nodes(data="kind") if (k if k in NODE_STYLES else "other") == kind)
        items.append(
            f'<li><svg width="16" height="16" aria-hidden="true">{svg}</svg> '
            f"{html.escape(KIND_NAMES[kind][1])} ({n:,})</li>"
        )
    relations = sorted({r for *_, r in g.edges(data="relation")} - {"directive"}, key=str)
    for rel in relations:
        colour, dashes = EDGE_STYLES.get(rel, EDGE_STYLES["query"])
        items.append(_line_item(colour, 2, dashes, RELATION_LABELS.get(rel, rel)))
    if any(r == "directive" for *_, r in g.edges(data="relation")):
        items.append("<li><b>acts</b> (label: the verb; width and colour: strength)</li>")
        for s, (colour, words) in enumerate(zip(STRENGTH_COLOURS, STRENGTH_WORDS, strict=True)):
            items.append(_line_item(colour, 1 + s, False, words))
    return "\n".join(items)


def _hash(script: str) -> str:
    return (
        "'sha256-"
        + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        + "'"
    )


def render_page(view: View, *, seed: int = 1) -> str:
    """The whole page as a string (see the module docstring)."""
    from kg.viz_page import PAGE, PAGE_CSS, PAGE_JS

    net = to_pyvis(view, seed=seed)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    g = view.graph
    payload = {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "details": _details(view),
        "physics": not layout_needed(g),
    }
    js, css = vis_assets()
    notes = list(view.notes)
    if view.omitted is not None:
        notes.append(view.omitted.sentence())
    summary = f"{g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges; " + (
        "layout by physics" if payload["physics"] else "layout computed in Python, physics off"
    )
    csp = (
        f"default-src 'none'; script-src {_hash(js)} {_hash(PAGE_JS)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return Template(PAGE).substitute(
        csp=html.escape(csp),
        title=html.escape(view.title),
        summary=html.escape(summary),
        notes="\n".join(f'<p class="note">{html.escape(n)}</p>' for n in notes),
        legend=_legend(view),
        version=html.escape(__version__),
        vis_css=css,
        page_css=PAGE_CSS,
        vis_js=js,
        page_js=PAGE_JS,
        data=escape_json(payload),
    )
