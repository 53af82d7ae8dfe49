"""The whole graph for ``dckg viz``: facts read in few string look-ups, folded in plain dicts.

:func:`kg.viz_select.project` draws every fact of :data:`kg.viz_select.RELATIONS`.
On an on-disk store most of the time of a row-by-row scan goes into turning
the store's term ids back into IRIs (one look-up per IRI per row) and into
the joins of the directive pattern (one index look-up per row).  So
:func:`whole` asks each relation

* grouped by its target (and extras): the target IRI is spelt once per
  group, and the subjects (or mention/directive nodes) of the group come
  back as one ``GROUP_CONCAT`` of their IRIs, with their ``COUNT`` to check
  the split (:func:`grouped_query`);
* with a multi-pattern relation (directives) cut into one sub-query per
  triple pattern, which Oxigraph joins by hash rather than by a look-up per
  row;
* for topics only, asking for the relation's topics first (``eli:is_about``
  also points to UNBIS subjects, whose resolutions need not be spelt out).

The facts are those of the row-by-row scan (:func:`kg.viz_select._rows`):
a relation whose concatenation does not split back into as many IRIs as it
counts (a blank node, a space in an IRI) is read row by row, and so are the
``part of`` links when a node has more than one parent (the first parent
found names the node's resolution, so they come in the store's order).

They are folded into a :class:`Projection` (plain dicts, in the order a
:class:`networkx.MultiDiGraph` keeps), which becomes a graph only when it is
drawn as it is: a whole graph too big for that goes straight to
:func:`fold_projection`, each resolution standing for its paragraphs.

>>> from kg.viz import open_engine
>>> whole(open_engine([]), Minter()).graph().number_of_nodes()
0
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from pyoxigraph import Literal, NamedNode

from kg.query import Engine
from kg.rdf.iris import Minter
from kg.viz_select import (
    RELATION_LABELS,
    RELATIONS,
    Relation,
    _query,
    _rows,
    paragraph_of,
    run,
    values,
)

__all__ = [
    "ROW_BY_ROW",
    "Projection",
    "fold_paragraphs",
    "fold_projection",
    "grouped_query",
    "project",
    "whole",
]

Group = tuple[Relation, str, tuple[str, ...], list[str]]  # relation, target, extras, subjects
Edge = tuple[str, str, str, dict[str, Any]]

#: Relations read row by row: their targets are about as many as their facts (paragraph
#: lineage links paragraphs one to one), and a group per fact costs more than a row.
ROW_BY_ROW = frozenset({"derived from"})

_VARIABLE = re.compile(r"\?\w+")


# ------------------------------------------------------------- folded facts


@dataclass
class Projection:
    """Folded facts: ``pairs[(s, o)][key]`` is an edge's data, in the order they were met.

    ``nodes`` are every end of a fact (also those whose only edge was a
    ``mentions`` edge left out because an act of the paragraph says more);
    ``located`` caches :meth:`is_paragraph`.
    """

    nodes: dict[str, None] = field(default_factory=dict)
    pairs: dict[tuple[str, str], dict[str, dict[str, Any]]] = field(default_factory=dict)
    located: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def of(cls, facts: Iterable[tuple[Relation, str, str, tuple[str, ...]]]) -> Projection:
        """One edge per (paragraph, target, relation) — per lemma for directives — with counts."""
        return cls.of_groups((rel, o, extras, [s]) for rel, s, o, extras in facts)

    @classmethod
    def of_groups(cls, groups: Iterable[Group]) -> Projection:
        """:meth:`of` the facts (rel, s, o, extras) of each group, s in order."""
        nodes: dict[str, None] = {}
        pairs: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
        for rel, o, extras, subjects in groups:
            if not subjects:
                continue
            lemma, strength = (
                (extras[0] or "?", int(extras[1] or 0)) if rel.name == "directive" else ("", -1)
            )
            key = f"directive:{lemma}" if rel.name == "directive" else rel.name
            first = {"relation": rel.name, "count": 1, "label": lemma or RELATION_LABELS[rel.name],
                     "strength": strength if lemma else None}  # fmt: skip
            nodes.update(dict.fromkeys([subjects[0], o, *subjects[1:]]))  # as met: s, o, s ...
            for s in subjects:
                keyed = pairs.get((s, o))
                if keyed is None:
                    pairs[(s, o)] = {key: first.copy()}
                elif key not in keyed:
                    keyed[key] = first.copy()
                else:
                    data = keyed[key]
                    data["count"] += 1
                    if lemma:
                        data["strength"] = max(data["strength"], strength)
        for keyed in pairs.values():
            if len(keyed) > 1:
                keyed.pop("mentions", None)  # an act of the paragraph says more
        return cls(nodes, pairs)

    def count(self, key: str) -> int:
        """How many edges have this key."""
        return sum(1 for keyed in self.pairs.values() if key in keyed)

    def is_paragraph(self, minter: Minter, node: str) -> bool:
        """Whether ``node`` is a paragraph's IRI (:func:`kg.viz_select.iri_kind` says so)."""
        return _located(minter, self.located, node)

    def graph(self) -> nx.MultiDiGraph:
        """The graph: nodes, pairs and keys added in the order they were met; edges titled."""
        edges = []
        for (s, o), keyed in self.pairs.items():
            for key, data in keyed.items():
                times = f" ({data['count']} times)" if data["count"] > 1 else ""
                said = f": strength {data['strength']}" if data["relation"] == "directive" else ""
                data["title"] = f"{data['label']}{said}{times}"
                edges.append((s, o, key, data))
        g = nx.MultiDiGraph()
        g.add_nodes_from(self.nodes)
        g.add_edges_from(edges)
        return g


def _located(minter: Minter, cache: dict[str, bool], node: str) -> bool:
    """Whether :meth:`Minter.locate` finds a paragraph id in ``node`` (its kind is "paragraph")."""
    found = cache.get(node)
    if found is None:
        found = cache[node] = minter.locate(node)[1] is not None
    return found


# ------------------------------------------------------------- reading the store


def _joined(pattern: str) -> str:
    """``?d p ?o ; q ?x .`` as one sub-query per triple pattern (joined by hash, not per row).

    >>> print(_joined("?d dckg:addressee ?o ; dckg:lemma ?x ."))
    { SELECT ?d ?o WHERE { ?d dckg:addressee ?o } } { SELECT ?d ?x WHERE { ?d dckg:lemma ?x } }
    >>> _joined("?s eli:cites ?o .")
    '?s eli:cites ?o .'
    """
    parts = [p.strip() for p in pattern.strip().removesuffix(".").split(" ; ")]
    if len(parts) == 1:
        return pattern
    subject = parts[0].split()[0]
    triples = [parts[0], *(f"{subject} {p}" for p in parts[1:])]
    return " ".join(
        f"{{ SELECT {' '.join(dict.fromkeys(_VARIABLE.findall(t)))} WHERE {{ {t} }} }}"
        for t in triples
    )


def grouped_query(rel: Relation, targets: Iterable[str] | None = None) -> str:
    """The SELECT of a relation grouped by target and extras, its subjects concatenated.

    ``targets`` limits the targets (a ``VALUES`` block).  No
    ``FILTER(isIRI(...))``: Oxigraph spells a term out to test it.  A subject
    is an IRI or a blank node, and ``STR`` of a blank node leaves the group's
    concatenation unbound; objects are tested in Python, once per group.
    """
    head = f"?{rel.item or 's'}"
    keys = " ".join(["?o", *(f"?{x}" for x in rel.extras)])
    block = "" if targets is None else values("o", targets) + " "
    return (
        f"SELECT {keys} (COUNT({head}) AS ?n) "
        f'(GROUP_CONCAT(STR({head}); separator=" ") AS ?heads) '
        f"WHERE {{ {block}{_joined(rel.pattern)} }} GROUP BY {keys}"
    )


def _topics(engine: Engine, minter: Minter, rel: Relation) -> list[str]:
    """The topics a relation points to (so that no other target's subjects are spelt out)."""
    results = run(engine, f"SELECT DISTINCT ?o WHERE {{ {rel.pattern} }}")
    prefix = minter.base + "topic/"
    return sorted(
        t.value for (t,) in results.rows if isinstance(t, NamedNode) and t.value.startswith(prefix)
    )


def _grouped(
    engine: Engine, minter: Minter, rel: Relation, located: dict[str, bool]
) -> list[Group] | None:
    """The facts of a relation from :func:`grouped_query`; None if a group does not split.

    ``located`` caches whether an IRI is a paragraph's (:meth:`Minter.locate`).
    """
    targets = _topics(engine, minter, rel) if rel.target == "topic" else None
    if targets == []:
        return []
    results = run(engine, grouped_query(rel, targets))
    topic_prefix = minter.base + "topic/"
    groups: list[Group] = []
    for row in results.rows:
        obj, *extra_terms, count, heads = row
        if not isinstance(obj, NamedNode):
            continue  # as in the row-by-row scan: facts link IRIs
        if not isinstance(heads, Literal) or not isinstance(count, Literal):
            return None  # a subject is not an IRI (STR failed)
        names = heads.value.split(" ")
        if str(len(names)) != count.value or "" in names:
            return None
        if rel.target == "topic" and not obj.value.startswith(topic_prefix):
            continue
        if rel.item:
            subjects = [s for s in map(paragraph_of, names) if s is not None]
        elif rel.subject == "paragraph":
            subjects = [s for s in names if _located(minter, located, s)]
        else:
            subjects = names
        extras = tuple(t.value if isinstance(t, (NamedNode, Literal)) else "" for t in extra_terms)
        groups.append((rel, obj.value, extras, subjects))
    return groups


def _several_parents(groups: Iterable[Group]) -> bool:
    parent: dict[str, str] = {}
    return any(parent.setdefault(s, o) != o for _, o, _, subjects in groups for s in subjects)


def _groups(engine: Engine, minter: Minter, located: dict[str, bool]) -> Iterator[Group]:
    for rel in RELATIONS:
        groups = None if rel.name in ROW_BY_ROW else _grouped(engine, minter, rel, located)
        if groups is None or (rel.name == "part of" and _several_parents(groups)):
            rows = _rows(engine, minter, rel, _query(rel))
            groups = [(rel, o, extras, [s]) for s, o, extras in rows]
        yield from groups


def whole(engine: Engine, minter: Minter) -> Projection:
    """Every fact of :data:`kg.viz_select.RELATIONS` in the store, folded."""
    located: dict[str, bool] = {}
    folded = Projection.of_groups(_groups(engine, minter, located))
    folded.located = located
    return folded


def project(engine: Engine, minter: Minter) -> nx.MultiDiGraph:
    """The whole graph folded into typed edges (see :data:`kg.viz_select.RELATIONS`)."""
    return whole(engine, minter).graph()


# ------------------------------------------------------------- resolutions for paragraphs


def fold_paragraphs(g: nx.MultiDiGraph, minter: Minter) -> nx.MultiDiGraph:
    """Each resolution stands for its paragraphs: their links become the resolution's.

    Edges keep their relation and add up their ``count``; a resolution's acts
    towards one addressee become one ``directive`` edge with the strongest
    strength and the lemmas in its tooltip.  Links inside one resolution
    (and ``part of``) disappear.
    """
    located: dict[str, bool] = {}
    parents = {
        n: next((o for _, o, k in g.out_edges(n, keys=True) if k == "part of"), None) for n in g
    }
    owners = _resolutions(g, parents, lambda n: _located(minter, located, n))
    return _fold_links(g.edges(keys=True, data=True), owners)


def fold_projection(whole: Projection, minter: Minter) -> nx.MultiDiGraph:
    """:func:`fold_paragraphs` of ``whole.graph()``, without making that graph.

    The edges are the same; they may be added in another order.
    """
    parents: dict[str, str | None] = {}
    for (s, o), keyed in whole.pairs.items():
        if "part of" in keyed:
            parents.setdefault(s, o)  # the first, as in the graph's out_edges(s)
    owners = _resolutions(whole.nodes, parents, lambda n: whole.is_paragraph(minter, n))
    edges = (
        (s, o, key, data) for (s, o), keyed in whole.pairs.items() for key, data in keyed.items()
    )
    return _fold_links(edges, owners)


def _resolutions(
    nodes: Iterable[str], parents: dict[str, str | None], is_paragraph: Callable[[str], bool]
) -> dict[str, str | None]:
    """The resolution (or None) of each paragraph: up its first ``part of`` links."""
    owner: dict[str, str | None] = {}

    def resolution_of(node: str) -> str | None:
        if node not in owner:
            owner[node] = None  # guards against cycles
            up = parents.get(node)
            owner[node] = up if up is None or not is_paragraph(up) else resolution_of(up)
        return owner[node]

    return {n: resolution_of(n) for n in nodes if is_paragraph(n)}


def _fold_links(edges: Iterable[Edge], owners: dict[str, str | None]) -> nx.MultiDiGraph:
    """Fold the links of paragraphs into links of their resolutions (``owners``)."""
    links: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    lemmas: dict[tuple[str, str], dict[str, int]] = {}
    for s, o, _, data in edges:
        rel = data["relation"]
        if rel == "part of":
            continue
        a = owners.get(s, s)
        b = owners.get(o, o)
        if a is None or b is None or a == b:
            continue
        keyed = links.get((a, b))
        if keyed is None:
            keyed = links[(a, b)] = {}
        edge = keyed.get(rel)
        if edge is not None:
            edge["count"] += data["count"]
            if rel == "directive":
                edge["strength"] = max(edge["strength"], data["strength"])
        else:
            keyed[rel] = {"relation": rel, "count": data["count"], "strength": data["strength"]}
        if rel == "directive":
            counts = lemmas.setdefault((a, b), {})
            counts[data["label"]] = counts.get(data["label"], 0) + data["count"]
    for (a, b), keyed in links.items():
        for rel, data in keyed.items():
            n = data["count"]
            data["label"] = f"{RELATION_LABELS[rel]} ({n})" if n > 1 else RELATION_LABELS[rel]
            if rel == "directive":
                said = ", ".join(
                    f"{lem} {k}"
                    for lem, k in sorted(lemmas[(a, b)].items(), key=lambda kv: (-kv[1], kv[0]))
                )
                data["title"] = f"{said} (strongest: {data['strength']})"
            else:
                data["title"] = f"{RELATION_LABELS[rel]}: {n} paragraph link(s)"
        if len(keyed) > 1:
            keyed.pop("mentions", None)
    out = nx.MultiDiGraph()
    out.add_edges_from(
        (a, b, rel, data) for (a, b), keyed in links.items() for rel, data in keyed.items()
    )
    return out
