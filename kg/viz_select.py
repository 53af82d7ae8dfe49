"""Graph selection for ``dckg viz``: the built graph -> a typed networkx view.

The RDF graph reifies what a reader wants to see: a mention, a directive
and a citation are nodes of their own, with evidence nodes hanging off them.
This module folds them into direct edges between the things shown —
resolutions, paragraphs, bodies, instruments, initiatives, actor groups,
topics and cited documents — in a :class:`networkx.MultiDiGraph` whose nodes
are IRIs.  Each relation is one SPARQL pattern (:data:`RELATIONS`), asked

* for the whole graph (:func:`project`, read by :mod:`kg.viz_project`: one
  query per relation grouped by target, no joins by look-up; the paragraph
  of a mention or directive is read off its IRI, which
  :meth:`kg.rdf.iris.Minter.item` mints as ``<paragraph>/<kind>/<n>``), or
* around a set of nodes (:func:`around`, :func:`expand`: the same patterns
  with a ``VALUES`` block on either end), so that a focus, resolution or
  topic view of a large store reads only what it shows.

Edge attributes: ``relation`` (a key of :data:`RELATION_LABELS`), ``label``
(shown on the edge), ``strength`` (directives: the strongest act, 0-5),
``title`` (tooltip text) and ``count`` (how many facts the edge folds).  A
``mentions`` edge is dropped where an act of the same paragraph already
addresses or concerns the entry (the act says more).

:func:`cap` keeps the best-linked nodes of a big view and says what it left
out; :mod:`kg.viz_describe` then names the nodes that are left.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx
from pyoxigraph import Literal, NamedNode

from kg.errors import KGError
from kg.query import Engine, Results, prologue, sparql_term
from kg.rdf.iris import ENTITY_PATHS, Minter

__all__ = [
    "DEFAULT_MAX_NODES",
    "EDGES_PER_NODE",
    "KIND_NAMES",
    "RELATIONS",
    "RELATION_LABELS",
    "Omitted",
    "Relation",
    "View",
    "add_parents",
    "around",
    "cap",
    "expand",
    "iri_kind",
    "merge",
    "paragraph_of",
    "project",
    "resolution_parts",
    "run",
    "values",
]

#: Views larger than this are cut to their best-linked nodes (``--max-nodes``).
DEFAULT_MAX_NODES = 1500
#: A capped view keeps at most this many edges per node it may show.
EDGES_PER_NODE = 4
#: IRIs per VALUES block when asking about many nodes at once.
CHUNK = 500

#: What a reader calls each kind of node: (singular, plural).
KIND_NAMES: dict[str, tuple[str, str]] = {
    "resolution": ("resolution", "resolutions"),
    "paragraph": ("paragraph", "paragraphs"),
    "body": ("body", "bodies"),
    "instrument": ("instrument", "instruments"),
    "initiative": ("initiative", "initiatives"),
    "actor": ("actor group", "actor groups"),
    "topic": ("topic", "topics"),
    "document": ("cited document", "cited documents"),
    "other": ("other node", "other nodes"),
}

#: Relations shown, with the words a reader sees on the edge.
RELATION_LABELS: dict[str, str] = {
    "part of": "part of",
    "mentions": "mentions",
    "directive": "asks",  # each edge is labelled with the act's lemma ("urge", "request")
    "concerns": "concerns",
    "cites": "cites",
    "about": "about",
    "adopted by": "adopted by",
    "derived from": "derived from",
}


@dataclass(frozen=True)
class Relation:
    """One relation: a SPARQL pattern binding ``?o`` and ``?s`` (or a reified ``item``)."""

    name: str
    pattern: str
    item: str = ""  # variable of the mention/directive node whose paragraph is ?s
    extras: tuple[str, ...] = ()  # further variables kept (directives: lemma, strength)
    subject: str = "any"  # "paragraph": keep rows whose ?s is a paragraph
    target: str = "any"  # "topic": keep rows whose ?o is a topic
    comment: str = ""


#: Every relation drawn (the data of the projection).
RELATIONS: tuple[Relation, ...] = (
    Relation("part of", "?s eli:is_part_of ?o .", subject="paragraph",
             comment="a paragraph and its resolution; a subparagraph and its paragraph"),
    Relation("mentions", "?m dckg:mentions ?o .", item="m",
             comment="dckg:Mention nodes folded: the paragraph names the entry"),
    Relation("directive", "?d dckg:addressee ?o ; dckg:lemma ?lemma ; dckg:strength ?strength .",
             item="d", extras=("lemma", "strength"),
             comment="dckg:Directive nodes folded: the paragraph asks the addressee"),
    Relation("concerns", "?d dckg:concerns ?o .", item="d",
             comment="an act of the paragraph concerns the entry"),
    Relation("cites", "?s eli:cites ?o .", subject="paragraph",
             comment="resolved citations: resolutions, documents, instruments"),
    Relation("about", "?s eli:is_about ?o .", subject="paragraph", target="topic",
             comment="topics of paragraphs (UNBIS subjects of resolutions are left out)"),
    Relation("adopted by", "?s dckg:hasText ?text ; eli:passed_by ?o .",
             comment="the body that adopted a resolution read from the corpus"),
    Relation("derived from", "?s dckg:derivedFrom ?o .",
             comment="paragraph lineage between resolutions of a series"),
)  # fmt: skip

_ITEM_KINDS = ("mention", "directive")


def run(engine: Engine, sparql: str) -> Results:
    """Run one of the viz queries with the project prefixes declared."""
    return engine.run(prologue(sparql) + sparql)


def values(var: str, iris: Iterable[str]) -> str:
    """A ``VALUES`` block of IRIs (each checked by :func:`kg.query.sparql_term`)."""
    return f"VALUES ?{var} {{ {' '.join(sparql_term(NamedNode(i)) for i in iris)} }}"


def chunks(items: Collection[str]) -> Iterator[list[str]]:
    ordered = sorted(items)
    for i in range(0, len(ordered), CHUNK):
        yield ordered[i : i + CHUNK]


def paragraph_of(item: str) -> str | None:
    """The paragraph IRI of a mention or directive IRI (:meth:`Minter.item`), else None.

    >>> paragraph_of("https://w3id.org/dckg/resolution/A/RES/63/197/op/40/directive/4")
    'https://w3id.org/dckg/resolution/A/RES/63/197/op/40'
    """
    head, _, tail = item.rpartition("/")
    paragraph, _, kind = head.rpartition("/")
    return paragraph if kind in _ITEM_KINDS and tail.isdigit() else None


def iri_kind(minter: Minter, iri: str) -> str:
    """The kind of a node read off its IRI (no query): resolution, paragraph, body, topic ...

    >>> m = Minter()
    >>> op40, incb = m.paragraph("A/RES/63/197", "op40"), m.entity("INCB", "body")
    >>> iri_kind(m, str(op40)), iri_kind(m, str(incb)), iri_kind(m, str(m.resolution("A/RES/1/1")))
    ('paragraph', 'body', 'resolution')
    """
    base = minter.base
    if not iri.startswith(base):
        return "other"
    head = iri[len(base) :].split("/", 1)[0]
    if head == "resolution":
        symbol, pid = minter.locate(iri)
        if pid is not None:
            return "paragraph"
        return "resolution" if iri == str(minter.resolution(symbol or "")) else "other"
    if head in ENTITY_PATHS.values():
        return next(k for k, v in ENTITY_PATHS.items() if v == head)
    return {"topic": "topic", "document": "document"}.get(head, "other")


# ------------------------------------------------------------- edges


def _query(rel: Relation, block: str = "", bound: str = "") -> str:
    """The SELECT of a relation; ``bound`` is "s" or "o" when ``block`` holds VALUES for it."""
    join = f"?{rel.item} dckg:inParagraph ?s . " if rel.item and bound == "s" else ""
    head = "?s" if not rel.item or bound == "s" else f"?{rel.item}"
    select = " ".join([head, "?o", *(f"?{x}" for x in rel.extras)])
    return f"SELECT {select} WHERE {{ {block} {join}{rel.pattern} }}"


def _rows(
    engine: Engine, minter: Minter, rel: Relation, query: str
) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    results = run(engine, query)
    topic_prefix = minter.base + "topic/"
    for row in results.rows:
        first, obj = row[0], row[1]
        if not isinstance(first, NamedNode) or not isinstance(obj, NamedNode):
            continue
        s = first.value if results.variables[0] == "s" else paragraph_of(first.value)
        o = obj.value
        if s is None:
            continue
        if rel.subject == "paragraph" and minter.locate(s)[1] is None:
            continue
        if rel.target == "topic" and not o.startswith(topic_prefix):
            continue
        extras = tuple(t.value if isinstance(t, (NamedNode, Literal)) else "" for t in row[2:])
        yield s, o, extras


def _fold(facts: Iterable[tuple[Relation, str, str, tuple[str, ...]]]) -> nx.MultiDiGraph:
    """One edge per (paragraph, target, relation) — per lemma for directives — with counts.

    A ``mentions`` edge is dropped where the paragraph has another edge to
    the same node (see :class:`kg.viz_project.Projection`).
    """
    from kg.viz_project import Projection

    return Projection.of(facts).graph()


def merge(into: nx.MultiDiGraph, g: nx.MultiDiGraph) -> None:
    """Add the nodes and edges of ``g`` that ``into`` lacks (an edge met twice counts once)."""
    into.add_nodes_from(g)
    for s, o, key, data in g.edges(keys=True, data=True):
        if not into.has_edge(s, o, key):
            into.add_edge(s, o, key=key, **data)
    for s, o in {(s, o) for s, o, k in into.edges(keys=True) if k == "mentions"}:
        if len(into.succ[s][o]) > 1:
            into.remove_edge(s, o, "mentions")


def project(engine: Engine, minter: Minter) -> nx.MultiDiGraph:
    """The whole graph folded into typed edges (see :data:`RELATIONS`).

    Read by :func:`kg.viz_project.whole`: each relation grouped by its target.
    """
    from kg.viz_project import project as whole_graph

    return whole_graph(engine, minter)


def around(
    engine: Engine, minter: Minter, nodes: Collection[str], direction: str = "both"
) -> nx.MultiDiGraph:
    """Every edge with an end in ``nodes``: pointing to them ("in"), from them ("out") or both."""
    g = nx.MultiDiGraph()
    g.add_nodes_from(nodes)
    for bound in {"in": ("o",), "out": ("s",)}.get(direction, ("o", "s")):
        facts = [
            (rel, *row)
            for chunk in chunks(nodes)
            for rel in RELATIONS
            for row in _rows(engine, minter, rel, _query(rel, values(bound, chunk), bound))
        ]
        merge(g, _fold(facts))
    return g


def add_parents(engine: Engine, minter: Minter, g: nx.MultiDiGraph) -> None:
    """Add the paragraphs and resolutions the paragraphs of ``g`` are part of (none floats)."""
    part_of = RELATIONS[0]
    todo = {n for n in g if minter.locate(n)[1] is not None and "part of" not in
            {k for _, _, k in g.out_edges(n, keys=True)}}  # fmt: skip
    while todo:
        facts = [
            (part_of, *row)
            for chunk in chunks(todo)
            for row in _rows(engine, minter, part_of, _query(part_of, values("s", chunk), "s"))
        ]
        before = set(g)
        merge(g, _fold(facts))
        todo = {n for n in set(g) - before if minter.locate(n)[1] is not None}


def expand(engine: Engine, minter: Minter, seeds: Iterable[str], depth: int) -> nx.MultiDiGraph:
    """The nodes within ``depth`` links of ``seeds`` (either direction) and the edges met.

    Paragraphs come with the paragraphs and resolutions they are part of.
    """
    g = nx.MultiDiGraph()
    frontier = set(seeds)
    g.add_nodes_from(frontier)
    for _ in range(depth):
        if not frontier:
            break
        before = set(g)
        merge(g, around(engine, minter, frontier))
        frontier = set(g) - before
    add_parents(engine, minter, g)
    return g


def resolution_parts(engine: Engine, resolution: str) -> set[str]:
    """The paragraphs, subparagraphs, sections and footnotes of a resolution."""
    results = run(
        engine, f"SELECT ?s WHERE {{ {values('r', [resolution])} ?s eli:is_part_of+ ?r }}"
    )
    return {t.value for (t,) in results.rows if isinstance(t, NamedNode)}


# ------------------------------------------------------------- the cap


@dataclass(frozen=True)
class Omitted:
    """What a capped view left out: how many nodes of which kinds, the first few, and edges."""

    shown: int
    total: int
    by_kind: tuple[tuple[str, int], ...] = ()
    examples: tuple[str, ...] = ()
    edges_shown: int = 0
    edges_total: int = 0

    def sentence(self) -> str:
        """One line for the page.

        >>> print(Omitted(2, 5, (("paragraph", 3),), ("op1",)).sentence())
        Showing the 2 best-linked of 5 nodes; left out (fewest links): 3 paragraphs, e.g. op1.
        >>> print(Omitted(5, 5, edges_shown=20, edges_total=31).sentence())
        Showing 20 of 31 edges: each node's strongest links (those that fold the most facts).
        """
        parts = []
        if self.shown < self.total:
            kinds = ", ".join(f"{n:,} {KIND_NAMES[k][n != 1]}" for k, n in self.by_kind)
            eg = f", e.g. {', '.join(self.examples)}" if self.examples else ""
            parts.append(
                f"Showing the {self.shown:,} best-linked of {self.total:,} nodes; "
                f"left out (fewest links): {kinds}{eg}."
            )
        if self.edges_shown < self.edges_total:
            parts.append(
                f"Showing {self.edges_shown:,} of {self.edges_total:,} edges: "
                "each node's strongest links (those that fold the most facts)."
            )
        return " ".join(parts)


def cap(
    g: nx.MultiDiGraph,
    max_nodes: int,
    keep: Iterable[str] = (),
    minter: Minter | None = None,
    max_edges: int | None = None,
) -> tuple[nx.MultiDiGraph, Omitted | None]:
    """The ``max_nodes`` nodes with the most links (``keep`` always kept), and what was cut.

    Then, when more than ``max_edges`` (default :data:`EDGES_PER_NODE` times
    ``max_nodes``) edges remain, each node keeps its strongest few edges (those
    folding the most facts) and the others go, so no node is left bare.  Ties
    are broken by IRI, so the cut is deterministic.  The kinds of the nodes
    left out come from their ``kind`` attribute, else from their IRI.
    """
    if max_nodes < 1:
        raise KGError(f"must be at least 1, got {max_nodes}", where="--max-nodes")
    max_edges = EDGES_PER_NODE * max_nodes if max_edges is None else max_edges
    if g.number_of_nodes() <= max_nodes and g.number_of_edges() <= max_edges:
        return g, None
    kept = [k for k in sorted(set(keep)) if k in g][:max_nodes]
    ranked = sorted((n for n in g if n not in kept), key=lambda n: (-g.degree(n), n))
    room = max_nodes - len(kept)
    shown, dropped = kept + ranked[:room], ranked[room:]
    minter = minter or Minter()
    by_kind = Counter(g.nodes[n].get("kind") or iri_kind(minter, n) for n in dropped)
    out = _induced(g, shown)
    edges_total = out.number_of_edges()
    if edges_total > max_edges:
        out.remove_edges_from(_weak_edges(out, max(1, max_edges // max(1, len(shown)))))
    omitted = Omitted(
        shown=len(shown),
        total=g.number_of_nodes(),
        by_kind=tuple(sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))),
        examples=tuple(_short(minter, n, g.nodes[n].get("label")) for n in dropped[:5]),
        edges_shown=out.number_of_edges(),
        edges_total=edges_total,
    )
    return out, omitted


def _induced(g: nx.MultiDiGraph, nodes: list[str]) -> nx.MultiDiGraph:
    """``g.subgraph(nodes).copy()`` (data copied), built without going through filtered views."""
    keep = set(nodes)
    out = nx.MultiDiGraph()
    out.graph.update(g.graph)
    out.add_nodes_from((n, g.nodes[n].copy()) for n in nodes)
    out.add_edges_from(
        (u, v, k, d.copy()) for u, v, k, d in g.out_edges(nodes, keys=True, data=True) if v in keep
    )
    return out


def _weak_edges(g: nx.MultiDiGraph, per_node: int) -> list[tuple[str, str, str]]:
    """Edges that are among the ``per_node`` strongest of neither end (so no node is left bare).

    Strength: how many facts the edge folds (``count``), then relation order, then IRIs.
    """
    order = {r.name: i for i, r in enumerate(RELATIONS)}

    def rank(e: tuple[str, str, str, dict[str, object]]) -> tuple[object, ...]:
        count = e[3].get("count", 1)
        return (
            -(count if isinstance(count, int) else 1),
            order.get(str(e[3].get("relation")), 99),
            e[:3],
        )

    strong: set[tuple[str, str, str]] = set()
    for n in g:
        edges = [*g.out_edges(n, keys=True, data=True), *g.in_edges(n, keys=True, data=True)]
        strong.update((s, o, k) for s, o, k, _ in sorted(edges, key=rank)[:per_node])
    return sorted(e for e in g.edges(keys=True) if e not in strong)


def _short(minter: Minter, iri: str, label: object) -> str:
    if label:
        return str(label)
    symbol, pid = minter.locate(iri)
    if symbol:
        return f"{symbol} {pid}" if pid else symbol
    return iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class View:
    """A selected, described and capped graph, ready to draw.

    ``focus`` are the nodes the view is about (drawn larger, always kept);
    ``notes`` say what the view shows, ``omitted`` what the cap left out.
    """

    title: str
    graph: nx.MultiDiGraph
    focus: tuple[str, ...] = ()
    omitted: Omitted | None = None
    notes: list[str] = field(default_factory=list)
