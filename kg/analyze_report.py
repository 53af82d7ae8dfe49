"""Graph analytics, part 2: metrics on the projections and the ``dckg analyze`` report.

Sections of the report (:data:`SECTIONS`), each a ranked table:

* ``instruments`` — most-cited instruments: paragraphs and resolutions that
  cite *or* mention them, and how many of those paragraphs cite (a Treaty
  Series reference) or mention (a name, a group phrase) them;
* ``bodies`` / ``actors`` — the bodies (and actor groups) most often
  addressed by directives: count, mean strength (0-5) and the verb lemmas
  used, leaving out acts the extraction gives to the adopting body itself
  because they name nobody ("Notes that ...");
* ``centrality`` — bodies in the co-mention graph: degree (bodies named in
  the same paragraphs), weighted degree (such pairings, counted by
  paragraph) and PageRank;
* ``resolutions`` — most-cited resolutions: citing resolutions and paragraphs.

PageRank: :func:`pagerank` uses ``networkx.pagerank`` when scipy can be
imported (networkx 3 computes it with scipy only) and otherwise
:func:`power_iteration_pagerank`, a small pure-Python power iteration with the
same definition (damping 0.85, weighted, dangling nodes spread uniformly);
:data:`PAGERANK_METHOD` says which.  scipy is not a dependency of the project.

Tables are :class:`kg.query.Results` of RDF literals, so they are written by
:mod:`kg.query_format` like any query answer (table, SPARQL JSON, CSV).
"""

from __future__ import annotations

import importlib.util
import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from pyoxigraph import Literal, NamedNode, Store

from kg.analyze import addressee_graph, body_comention_graph, citation_graph, instrument_network
from kg.errors import KGError
from kg.query import Results, Term
from kg.query_format import to_csv, to_json, to_table

__all__ = [
    "PAGERANK_METHOD",
    "SECTIONS",
    "Report",
    "Section",
    "addressee_ranking",
    "analyze",
    "body_centrality",
    "format_report",
    "instrument_ranking",
    "pagerank",
    "power_iteration_pagerank",
    "resolution_ranking",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
#: Report sections, in the order printed.
SECTIONS = ("instruments", "bodies", "actors", "centrality", "resolutions")
#: How :func:`pagerank` computes: networkx (with scipy) or the pure-Python power iteration.
PAGERANK_METHOD = (
    "networkx.pagerank (scipy)"
    if importlib.util.find_spec("scipy") is not None
    else "power iteration (pure Python; scipy not installed)"
)

Row = dict[str, object]


# ------------------------------------------------------------------ PageRank


def power_iteration_pagerank(
    graph: nx.Graph,
    alpha: float = 0.85,
    weight: str = "weight",
    tol: float = 1.0e-10,
    max_iter: int = 1000,
) -> dict[Any, float]:
    """PageRank by power iteration, as ``networkx.pagerank`` defines it (no scipy needed).

    An undirected edge links both ways; out-links are weighted by ``weight``
    (1 when absent); a node without out-links (dangling) spreads its rank over
    all nodes; the teleport vector is uniform.  Stops when the L1 change is
    below ``len(graph) * tol``.  Values sum to 1.

    >>> ranks = power_iteration_pagerank(nx.path_graph(3))
    >>> [round(ranks[n], 4) for n in range(3)]
    [0.2568, 0.4865, 0.2568]
    """
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    adjacency = graph.succ if graph.is_directed() else graph.adj
    out: list[list[tuple[int, float]]] = []
    for u in nodes:
        links = [(index[v], float(d.get(weight, 1))) for v, d in adjacency[u].items()]
        total = sum(w for _, w in links)
        out.append([(j, w / total) for j, w in links] if total > 0 else [])
    dangling = [i for i, links in enumerate(out) if not links]
    x = [1.0 / n] * n
    for _ in range(max_iter):
        last = x
        x = [0.0] * n
        for i, links in enumerate(out):
            share = alpha * last[i]
            for j, w in links:
                x[j] += share * w
        spread = (alpha * sum(last[i] for i in dangling) + 1.0 - alpha) / n
        x = [v + spread for v in x]
        if sum(abs(a - b) for a, b in zip(x, last, strict=True)) < n * tol:
            return dict(zip(nodes, x, strict=True))
    raise KGError(f"PageRank did not converge in {max_iter} iterations", where="analyze")


def pagerank(graph: nx.Graph, weight: str = "weight") -> dict[Any, float]:
    """PageRank (damping 0.85): networkx's when scipy is importable, else the power iteration."""
    if PAGERANK_METHOD.startswith("networkx"):  # pragma: no cover - scipy is not installed here
        return dict(nx.pagerank(graph, weight=weight, tol=1.0e-10, max_iter=1000))
    return power_iteration_pagerank(graph, weight=weight)


# ------------------------------------------------------------------- metrics


def _order(rows: list[Row], *keys: str) -> list[Row]:
    """Rows sorted by the given numeric keys (descending), then by ``id``.

    Keys are rounded to 9 decimals first, so that values equal but for float
    noise (PageRank of symmetric nodes) tie and fall back to the next key.
    """
    return sorted(rows, key=lambda r: (*(-round(float(str(r[k])), 9) for k in keys), str(r["id"])))


def instrument_ranking(network: nx.Graph) -> list[Row]:
    """Instruments of :func:`kg.analyze.instrument_network` (resolution level), most used first."""
    rows: list[Row] = []
    for node, data in network.nodes(data=True):
        if data.get("bipartite") != 1:
            continue
        edges = [d for _, _, d in network.edges(node, data=True)]
        rows.append(
            {
                "id": data["id"],
                "label": data["label"],
                "paragraphs": data["paragraphs"],
                "resolutions": data["resolutions"],
                "citing_paragraphs": sum(int(d["cites"]) for d in edges),
                "citing_resolutions": sum(1 for d in edges if d["cites"]),
                "mentioning_paragraphs": sum(int(d["mentions"]) for d in edges),
            }
        )
    return _order(rows, "paragraphs", "resolutions")


def addressee_ranking(
    graph: nx.Graph, types: Sequence[str] = ("body",), lemmas: int = 4
) -> list[Row]:
    """Addressees of :func:`kg.analyze.addressee_graph` of the given types, most addressed first.

    ``by_lemma`` lists the ``lemmas`` most frequent verb lemmas as
    ``"request 14 (4.0)"``: lemma, directives, mean strength.
    """
    rows: list[Row] = []
    for node, data in graph.nodes(data=True):
        if data.get("bipartite") != 0 or data.get("type") not in types:
            continue
        edges = sorted(
            ((graph.nodes[v]["id"], d) for _, v, d in graph.edges(node, data=True)),
            key=lambda e: (-int(e[1]["weight"]), str(e[0])),
        )
        by_lemma = ", ".join(
            f"{lemma} {d['weight']} ({float(d['strength_mean']):.1f})"
            for lemma, d in edges[:lemmas]
        )
        rows.append(
            {
                "id": data["id"],
                "label": data["label"],
                "directives": data["directives"],
                "mean_strength": data["strength_mean"],
                "lemmas": len(edges),
                "by_lemma": by_lemma + (", ..." if len(edges) > lemmas else ""),
            }
        )
    return _order(rows, "directives", "mean_strength")


def body_centrality(comention: nx.Graph) -> list[Row]:
    """Bodies of :func:`kg.analyze.body_comention_graph` by PageRank, with degree and paragraphs."""
    ranks = pagerank(comention)
    rows: list[Row] = [
        {
            "id": data["id"],
            "label": data["label"],
            "paragraphs": data["paragraphs"],
            "degree": comention.degree(node),
            "weighted_degree": comention.degree(node, weight="weight"),
            "pagerank": ranks[node],
        }
        for node, data in comention.nodes(data=True)
    ]
    return _order(rows, "pagerank", "degree")


def resolution_ranking(citations: nx.DiGraph) -> list[Row]:
    """Resolutions of :func:`kg.analyze.citation_graph` cited at least once, most cited first."""
    rows: list[Row] = [
        {
            "id": data["id"],
            "in_corpus": bool(data.get("in_corpus")),
            "citing_resolutions": citations.in_degree(node),
            "citing_paragraphs": citations.in_degree(node, weight="weight"),
        }
        for node, data in citations.nodes(data=True)
        if data["type"] == "resolution" and citations.in_degree(node) > 0
    ]
    return _order(rows, "citing_resolutions", "citing_paragraphs")


# -------------------------------------------------------------------- report


@dataclass(frozen=True)
class Section:
    """One ranked table of the report."""

    name: str
    title: str
    results: Results


@dataclass(frozen=True)
class Report:
    """The report: its sections, the sizes of the graphs behind them, and timings."""

    sections: tuple[Section, ...]
    graphs: tuple[tuple[str, int, int], ...]  # (projection, nodes, edges)
    pagerank: str = PAGERANK_METHOD
    seconds: dict[str, float] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class _Spec:
    title: str
    projection: str
    metric: Callable[[Any], list[Row]]
    columns: tuple[str, ...]


def _projections() -> dict[str, Callable[[Store], nx.Graph]]:
    return {
        "citations": citation_graph,
        "instruments": instrument_network,
        "bodies": body_comention_graph,
        "addressees": lambda store: addressee_graph(store, self_addressed=False),
    }


_SPECS: dict[str, _Spec] = {
    "instruments": _Spec(
        "Most-cited instruments (paragraphs and resolutions citing or mentioning them)",
        "instruments",
        instrument_ranking,
        (
            "id",
            "label",
            "paragraphs",
            "resolutions",
            "citing_paragraphs",
            "citing_resolutions",
            "mentioning_paragraphs",
        ),
    ),
    "bodies": _Spec(
        "Bodies most often addressed (directives; strength 0-5; acts naming nobody left out)",
        "addressees",
        addressee_ranking,
        ("id", "label", "directives", "mean_strength", "lemmas", "by_lemma"),
    ),
    "actors": _Spec(
        "Actor groups most often addressed",
        "addressees",
        lambda g: addressee_ranking(g, types=("actor",)),
        ("id", "label", "directives", "mean_strength", "lemmas", "by_lemma"),
    ),
    "centrality": _Spec(
        "Centrality of bodies in the co-mention graph (same paragraph)",
        "bodies",
        body_centrality,
        ("id", "label", "paragraphs", "degree", "weighted_degree", "pagerank"),
    ),
    "resolutions": _Spec(
        "Most-cited resolutions",
        "citations",
        resolution_ranking,
        ("id", "in_corpus", "citing_resolutions", "citing_paragraphs"),
    ),
}
assert tuple(_SPECS) == SECTIONS


def _term(value: object) -> Literal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return Literal(f"{value:.4f}", datatype=NamedNode(XSD + "decimal"))
    return Literal(str(value))


def _results(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> Results:
    variables = ("rank", *columns)
    out = tuple(
        tuple(_term(v) for v in (rank, *(row.get(c) for c in columns)))
        for rank, row in enumerate(rows, 1)
    )
    return Results(variables, out)


def analyze(store: Store, top: int = 10, sections: Sequence[str] = SECTIONS) -> Report:
    """Project what ``sections`` need (each projection once), rank, keep the ``top`` rows."""
    unknown = [s for s in sections if s not in _SPECS]
    if unknown:
        raise KGError(
            f"unknown section {unknown[0]!r} (known: {', '.join(SECTIONS)})", where="analyze"
        )
    projections = _projections()
    graphs: dict[str, nx.Graph] = {}
    seconds: dict[str, float] = {}
    for name in dict.fromkeys(_SPECS[s].projection for s in sections):
        started = time.perf_counter()
        graphs[name] = projections[name](store)
        seconds[f"projection.{name}"] = time.perf_counter() - started
    out: list[Section] = []
    for name in sections:
        spec = _SPECS[name]
        started = time.perf_counter()
        rows = spec.metric(graphs[spec.projection])
        seconds[f"metric.{name}"] = time.perf_counter() - started
        out.append(Section(name, spec.title, _results(spec.columns, rows[:top])))
    sizes = tuple((n, g.number_of_nodes(), g.number_of_edges()) for n, g in graphs.items())
    return Report(tuple(out), sizes, PAGERANK_METHOD, seconds)


# ------------------------------------------------------------------- output


def format_report(report: Report, fmt: str = "table") -> str:
    """The report as ``table`` (plain text), ``json`` or ``csv``, via :mod:`kg.query_format`.

    * ``json``: ``{"graphs": ..., "pagerank": ..., "sections": [{"name", "title",
      "results"}]}`` where ``results`` is SPARQL 1.1 Query Results JSON;
    * ``csv``: one table, a ``section`` column first, then every column of the
      sections shown (empty where a section has no such column).
    """
    if fmt == "json":
        doc = {
            "graphs": [{"projection": n, "nodes": v, "edges": e} for n, v, e in report.graphs],
            "pagerank": report.pagerank,
            "sections": [
                {"name": s.name, "title": s.title, "results": json.loads(to_json(s.results))}
                for s in report.sections
            ],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        columns = list(dict.fromkeys(v for s in report.sections for v in s.results.variables))
        rows: list[tuple[Term | None, ...]] = []
        for s in report.sections:
            where = {v: i for i, v in enumerate(s.results.variables)}
            for row in s.results.rows:
                cells = [row[where[c]] if c in where else None for c in columns]
                rows.append((Literal(s.name), *cells))
        return to_csv(Results(("section", *columns), tuple(rows)))
    if fmt != "table":
        raise KGError(f"unknown format {fmt!r} (table, json, csv)", where="analyze")
    sizes = "; ".join(f"{n} {v:,} nodes, {e:,} edges" for n, v, e in report.graphs)
    parts = [f"Graphs: {sizes}", f"PageRank: {report.pagerank}"]
    for s in report.sections:
        parts.append(f"{s.title}\n{to_table(s.results)}")
    return "\n\n".join(parts) + "\n"
