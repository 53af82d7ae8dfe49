"""See the graph: interactive, self-contained HTML pages of a built graph.

One page per view, drawn with pyvis / vis-network and working offline
(everything inline, no request at all; see :mod:`kg.viz_html`):

* the whole graph (:func:`whole_view`; also :func:`write_overview`, which
  ``dckg build`` calls);
* an entity's neighbourhood (:func:`focus_view`: ``--focus INCB --depth 2``;
  an authority id or name, a topic, a symbol or an IRI);
* one resolution with its paragraphs and what they link to
  (:func:`resolution_view`);
* a topic: the paragraphs about it or a narrower topic, and their links
  (:func:`topic_view`);
* any SPARQL result (:func:`query_view`, see :mod:`kg.viz_query`);
* any networkx graph, e.g. a projection of :mod:`kg.analyze` (:func:`graph_view`).

Nodes are typed and styled by kind (resolution, paragraph, body, instrument,
initiative, actor group, topic, cited document) with a legend; edges carry
their relation, directives their lemma and strength.  A whole graph with
more than ``max_nodes`` nodes folds each resolution's paragraphs into it;
any view still above ``max_nodes`` keeps its best-linked nodes, and the page
says what was left out.

Sources (:func:`open_engine`): the store folder ``dckg build`` wrote (or the
build folder holding it), a ``pyoxigraph.Store``, an rdflib graph, triples,
or any :class:`kg.query.Engine`.

>>> engine = open_engine([])
>>> view = whole_view(engine)
>>> view.graph.number_of_nodes()
0
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from pyoxigraph import NamedNode

from kg.errors import KGError
from kg.query import Engine, OxigraphEngine
from kg.rdf.iris import Minter
from kg.viz_describe import add_texts, describe
from kg.viz_project import fold_projection, whole
from kg.viz_select import (
    DEFAULT_MAX_NODES,
    View,
    add_parents,
    around,
    cap,
    expand,
    iri_kind,
    merge,
    resolution_parts,
    run,
    values,
)

__all__ = [
    "DEFAULT_DEPTH",
    "DEFAULT_MAX_NODES",
    "View",
    "focus_view",
    "graph_view",
    "open_engine",
    "query_view",
    "render_html",
    "resolution_view",
    "resolve_focus",
    "select_view",
    "topic_view",
    "whole_view",
    "write_html",
    "write_overview",
]

DEFAULT_DEPTH = 2


# ------------------------------------------------------------- sources


def open_engine(source: Any) -> Engine:
    """Something to run SPARQL on, from what the caller has.

    ``source`` may be a :class:`kg.query.Engine`, a ``pyoxigraph.Store``, a
    folder (the store itself, or the build folder with ``store/`` inside), an
    rdflib ``Graph``/``Dataset``, or an iterable of rdflib triples (as
    :func:`kg.rdf.mapping.map_document` returns).
    """
    import pyoxigraph as ox

    if hasattr(source, "run") and hasattr(source, "name"):
        return source  # type: ignore[no-any-return]
    if isinstance(source, ox.Store):
        return OxigraphEngine(source)
    if isinstance(source, (str, os.PathLike)):
        from kg.query import open_store

        folder = Path(source)
        if not (folder / "CURRENT").exists() and (folder / "store").is_dir():
            folder = folder / "store"
        return OxigraphEngine(open_store(folder))
    store = ox.Store()
    if hasattr(source, "serialize") and hasattr(source, "triples"):
        is_quads = hasattr(source, "quads") and hasattr(source, "graph")
        fmt = "nquads" if is_quads else "nt"
        data = source.serialize(format=fmt, encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_QUADS if is_quads else ox.RdfFormat.N_TRIPLES)
        return OxigraphEngine(store)
    if isinstance(source, Iterable):
        from kg.export import nt_line

        lines = sorted({nt_line(t) for t in source})
        if lines:
            store.load("\n".join(lines) + "\n", format=ox.RdfFormat.N_TRIPLES)
        return OxigraphEngine(store)
    raise KGError(f"cannot draw a {type(source).__name__}: give a store folder, a Store or a graph")


def _minter(engine: Engine) -> Minter:
    from kg.query_params import detect_base

    return Minter(detect_base(engine))


# ------------------------------------------------------------- views


def _finish(engine: Engine, minter: Minter, g: nx.MultiDiGraph, view: View, max_nodes: int) -> View:
    """Cap (keeping the focus), then name the nodes kept and fetch their paragraphs' texts."""
    capped, omitted = cap(g, max_nodes, keep=view.focus, minter=minter)
    describe(engine, capped, minter)
    add_texts(engine, capped)
    view.graph, view.omitted = capped, omitted
    return view


def whole_view(engine: Engine, max_nodes: int = DEFAULT_MAX_NODES) -> View:
    """Every resolution, paragraph, entry and topic that is linked to something.

    A graph with more than ``max_nodes`` nodes is folded into resolutions
    (:func:`kg.viz_project.fold_projection`) without being made first.
    """
    minter = _minter(engine)
    facts = whole(engine, minter)
    read = facts.count("adopted by")
    notes = [f"{read:,} resolution(s) read; the resolutions and documents they cite are nodes too."]
    if len(facts.nodes) > max_nodes:
        paragraphs = sum(1 for n in facts.nodes if facts.is_paragraph(minter, n))
        g = fold_projection(facts, minter)
        notes.append(
            f"The graph has {paragraphs:,} paragraphs, more than --max-nodes ({max_nodes:,}) "
            "allows: each resolution stands for its paragraphs, and edges count their links. "
            "Draw one resolution (--resolution) or entity (--focus) to see paragraphs."
        )
    else:
        g = facts.graph()
    view = View("drug-control-kg: the whole graph", g, notes=notes)
    return _finish(engine, minter, g, view, max_nodes)


def _existing(engine: Engine, iris: list[str]) -> set[str]:
    """Those of ``iris`` that are the subject of some triple."""
    found: set[str] = set()
    if iris:
        rows = run(engine, f"SELECT DISTINCT ?x WHERE {{ {values('x', iris)} ?x ?p ?y }}").rows
        found = {t.value for (t,) in rows if isinstance(t, NamedNode)}
    return found


def resolve_focus(engine: Engine, text: str, minter: Minter | None = None) -> str:
    """The node ``text`` names: an authority id or name, a topic, a resolution symbol or an IRI.

    Names are looked up with :func:`kg.query_params.resolve_entity` (ids,
    names, acronyms, short forms), then in free text with
    :func:`kg.extract.authority.entity_lookup`; the first that is in the
    graph wins.
    """
    from kg.extract.authority import entity_lookup
    from kg.query_params import TermContext, normalize_symbol, resolve_entity, resolve_topic

    ctx = TermContext(minter or _minter(engine))
    value = " ".join(text.split()).removeprefix("<").removesuffix(">")
    candidates: list[str] = []
    if value.startswith(("http://", "https://")):
        candidates.append(value)
    finders: list[Callable[[], list[str]]] = [
        lambda: [ctx.entity(resolve_entity(value)).value],
        lambda: [ctx.entity(e).value for e in entity_lookup(value)],
        lambda: [ctx.topic(resolve_topic(value)).value],
        lambda: [ctx.resolution(normalize_symbol(value)).value],
    ]
    for find in finders:
        try:
            candidates += find()
        except KGError:
            continue
    existing = _existing(engine, candidates)
    for iri in candidates:
        if iri in existing:
            return iri
    raise KGError(
        f"nothing named {text!r}: give an authority id or name (INCB, 'the Board'), "
        "a topic (funding), a resolution symbol (A/RES/63/197) or an IRI",
        where="--focus",
    )


def focus_view(
    engine: Engine, focus: str, depth: int = DEFAULT_DEPTH, max_nodes: int = DEFAULT_MAX_NODES
) -> View:
    """Everything within ``depth`` links of one node, with the resolutions of its paragraphs."""
    if depth < 1:
        raise KGError(f"must be 1 or more, got {depth}", where="--depth")
    minter = _minter(engine)
    center = resolve_focus(engine, focus, minter)
    g = expand(engine, minter, [center], depth)
    if g.degree(center) == 0:
        raise KGError(f"{focus!r} ({center}) is linked to nothing in this graph", where="--focus")
    describe(engine, g, minter, [center])
    name = g.nodes[center]["label"]
    view = View(f"{name} and its neighbourhood (depth {depth})", g, focus=(center,))
    view.notes.append(
        f"Nodes within {depth} link(s) of {g.nodes[center]['heading']}, "
        "with the paragraphs and resolutions their paragraphs belong to."
    )
    return _finish(engine, minter, g, view, max_nodes)


def resolution_view(engine: Engine, symbol: str, max_nodes: int = DEFAULT_MAX_NODES) -> View:
    """One resolution, its paragraphs, and the entries, topics and texts they link to."""
    from kg.query_params import TermContext, normalize_symbol

    minter = _minter(engine)
    iri = TermContext(minter).resolution(normalize_symbol(symbol)).value
    if not run(engine, f"SELECT ?t WHERE {{ {values('r', [iri])} ?r dckg:hasText ?t }}").rows:
        raise KGError(f"{symbol!r} is not a resolution read into this graph", where="--resolution")
    parts = {p for p in resolution_parts(engine, iri) if iri_kind(minter, p) == "paragraph"}
    g = around(engine, minter, parts)
    merge(g, around(engine, minter, [iri], "out"))
    add_parents(engine, minter, g)
    describe(engine, g, minter, [iri])
    data = g.nodes[iri]
    title = data["label"] + (f": {data['doc_title']}" if data.get("doc_title") else "")
    view = View(title, g, focus=(iri,))
    view.notes.append(
        "The resolution, its paragraphs, and what they mention, ask, cite and are about."
    )
    return _finish(engine, minter, g, view, max_nodes)


def topic_view(engine: Engine, topic: str, max_nodes: int = DEFAULT_MAX_NODES) -> View:
    """The paragraphs about a topic (narrower topics count) and what they link to."""
    from kg.query_params import TermContext, resolve_topic

    minter = _minter(engine)
    tid = resolve_topic(topic)
    iri = TermContext(minter).topic(tid).value
    narrower = run(
        engine, f"SELECT DISTINCT ?n WHERE {{ {values('t', [iri])} ?n skos:broader+ ?t }}"
    )
    topics = [iri, *sorted(t.value for (t,) in narrower.rows if isinstance(t, NamedNode))]
    g = expand(engine, minter, topics, 2)
    if g.degree(iri) == 0 and all(g.degree(t) == 0 for t in topics):
        raise KGError(f"no paragraph is about {tid!r} in this graph", where="--topic")
    describe(engine, g, minter, [iri])
    view = View(f"Topic {g.nodes[iri]['heading']}", g, focus=(iri,))
    names = [t.rsplit("/", 1)[-1] for t in topics[1:]]
    view.notes.append(
        f"Paragraphs about {tid}"
        + (f" or a narrower topic ({', '.join(names)})" if names else "")
        + ", with their resolutions and what they link to."
    )
    return _finish(engine, minter, g, view, max_nodes)


def query_view(
    engine: Engine,
    query: str,
    params: dict[str, str] | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> View:
    """A SPARQL result as a graph; ``query`` is a .rq file, a named query or query text."""
    from kg.viz_query import results_graph, run_query

    minter = _minter(engine)
    title, results = run_query(engine, query, params or {}, minter)
    g = results_graph(results)
    view = View(f"Query: {title}", g)
    view.notes.append(
        f"{len(results.rows):,} result row(s). IRIs are nodes (and, in a row with fewer than "
        "two, its first short texts); each links to the next, the edge named by the column; "
        "other values are details of the node before them."
    )
    capped, omitted = cap(g, max_nodes, minter=minter)
    describe(engine, capped, minter, [n for n in capped if not n.startswith("value:")])
    for n, data in capped.nodes(data=True):
        if n.startswith("value:"):
            data.update(kind="other", heading=data["label"], lines=data.get("extra", []))
    add_texts(engine, capped)
    view.graph, view.omitted = capped, omitted
    return view


def graph_view(
    g: nx.Graph, title: str, max_nodes: int = DEFAULT_MAX_NODES, weight: str = "weight"
) -> View:
    """Any networkx graph as a view, e.g. a projection of :mod:`kg.analyze`.

    Node attributes used: ``type`` (a node kind: body, instrument, resolution,
    ...; anything else is drawn as "other"), ``id`` or ``label`` for the
    label, ``label`` for the tooltip.  The edge attribute ``weight`` labels
    the edges.

    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", weight=3)
    >>> v = graph_view(g, "two nodes")
    >>> [d["label"] for *_, d in v.graph.edges(data=True)]
    ['3']
    """
    from kg.viz_html import NODE_STYLES

    out = nx.MultiDiGraph()
    for n, data in g.nodes(data=True):
        kind = data.get("type") if data.get("type") in NODE_STYLES else "other"
        label = str(data.get("id") or data.get("label") or n)
        lines = [str(data["label"])] if data.get("label") and data.get("label") != label else []
        out.add_node(str(n), kind=kind, label=label, heading=label, lines=lines or [label])
    for u, v, data in g.edges(data=True):
        w = data.get(weight)
        text = "" if w is None else (f"{w:g}" if isinstance(w, float) else str(w))
        out.add_edge(
            str(u),
            str(v),
            key="link",
            relation="link",
            label=text,
            title=f"{weight} {text}".strip(),
        )
    view = View(title, out)
    view.graph, view.omitted = cap(out, max_nodes)
    return view


def select_view(
    engine: Engine,
    *,
    focus: str | None = None,
    depth: int = DEFAULT_DEPTH,
    resolution: str | None = None,
    topic: str | None = None,
    query: str | None = None,
    params: dict[str, str] | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> View:
    """The view the options ask for (at most one of focus, resolution, topic, query)."""
    chosen = [
        name
        for name, v in (
            ("--focus", focus),
            ("--resolution", resolution),
            ("--topic", topic),
            ("--query", query),
        )
        if v
    ]
    if len(chosen) > 1:
        raise KGError(f"give one of {', '.join(chosen)}, not several")
    if focus:
        return focus_view(engine, focus, depth, max_nodes)
    if resolution:
        return resolution_view(engine, resolution, max_nodes)
    if topic:
        return topic_view(engine, topic, max_nodes)
    if query:
        return query_view(engine, query, params, max_nodes)
    return whole_view(engine, max_nodes)


# ------------------------------------------------------------- output


def render_html(view: View, seed: int = 1) -> str:
    """The self-contained HTML page of a view."""
    from kg.viz_html import render_page

    return render_page(view, seed=seed)


def write_html(text: str, path: str | os.PathLike[str]) -> Path:
    """Write a page atomically (a temporary file renamed into place)."""
    out = Path(path)
    if out.is_dir():
        raise KGError("is a folder; give a file name such as graph.html", path=str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def write_overview(
    store_or_graph: Any, out_path: str | os.PathLike[str], max_nodes: int = DEFAULT_MAX_NODES
) -> View:
    """Write the whole-graph page of a store or graph to ``out_path``; return the view drawn.

    ``store_or_graph`` is anything :func:`open_engine` takes (``dckg build``
    passes its ``store/`` folder).
    """
    view = whole_view(open_engine(store_or_graph), max_nodes)
    write_html(render_html(view), out_path)
    return view
