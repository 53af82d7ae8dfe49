"""Graph analytics, part 1: project the built RDF store into networkx graphs.

Each projection finds its links with **one** SPARQL ``SELECT`` on the
pyoxigraph store (the default graph being the union of the named graphs) and
streams the rows into counters; the counters are then added to a networkx
graph in sorted order, so the order of nodes and edges, and every report made
from them, is deterministic.  Names come from two lookups that do not grow
with the links: the authority graph (:func:`authority_index`, labels and
types of bodies, instruments and actor groups) and the symbols of
resolutions and documents (:func:`documents`).  Work is linear in the number
of rows, i.e. in the size of the graph (see BENCHMARKS.md, "Analytics").

Query shapes are chosen for Oxigraph's planner: the links are selected in a
sub-query and joined to the paragraph's resolution (``eli:is_part_of+``)
outside it, and exclusions use ``MINUS`` (``FILTER NOT EXISTS`` is evaluated
row by row): on the corpus build these shapes ran up to six times faster.

Only links between resources are projected, never literals: rdflib's
``external_graph_libs`` would make every literal a node (see the project's
stack measurements).

Projections
-----------
* :func:`citation_graph` — ``DiGraph`` resolution -> cited resolution or
  document; ``weight`` = number of citing paragraphs (footnotes count for the
  paragraph they are anchored in);
* :func:`instrument_network` — bipartite ``Graph`` resolution (or paragraph)
  <-> instrument cited or mentioned; ``weight`` = paragraphs, ``cites`` and
  ``mentions`` = paragraphs citing / mentioning;
* :func:`instrument_cooccurrence` — ``Graph`` instrument <-> instrument;
  ``weight`` = paragraphs (or resolutions) holding both;
* :func:`body_comention_graph` — ``Graph`` body <-> body; ``weight`` =
  paragraphs mentioning both;
* :func:`addressee_graph` — bipartite ``Graph`` addressee <-> verb lemma;
  ``weight`` = directives, ``strength_sum``, ``strength_mean``.

Node keys are IRIs, except verb lemmas (``"lemma:urge"``).  Every node has
``label`` (a name for people), ``id`` (authority id, symbol, lemma) and
``type`` (``body``, ``instrument``, ``initiative``, ``actor``,
``resolution``, ``document``, ``paragraph``, ``lemma``); bipartite graphs
also set ``bipartite`` (0 for the first side, 1 for the second).

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.load(input=EXAMPLE, format=ox.RdfFormat.TURTLE)
>>> g = body_comention_graph(store)
>>> list(g.nodes(data="id")), list(g.edges(data="weight"))
([('https://w3id.org/dckg/body/CND', 'CND'), ('https://w3id.org/dckg/body/INCB', 'INCB')], \
[('https://w3id.org/dckg/body/CND', 'https://w3id.org/dckg/body/INCB', 1)])
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Literal as Lit

import networkx as nx
from pyoxigraph import Literal, NamedNode, QuerySolution, QuerySolutions, Store

from kg.errors import KGError
from kg.rdf.iris import ENTITY_PATHS, Minter
from kg.rdf.namespaces import DCKG, PREFIXES

__all__ = [
    "EXAMPLE",
    "AuthorityIndex",
    "Documents",
    "Entry",
    "addressee_graph",
    "authority_index",
    "body_comention_graph",
    "citation_graph",
    "documents",
    "instrument_cooccurrence",
    "instrument_network",
    "lemma_node",
    "select",
]

#: A tiny graph for the examples: one paragraph mentioning CND and INCB.
EXAMPLE = """
@prefix dckg: <https://w3id.org/dckg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/dckg/body/CND> a dckg:Body ; dckg:authorityId "CND" ;
    skos:prefLabel "Commission on Narcotic Drugs"@en .
<https://w3id.org/dckg/body/INCB> a dckg:Body ; dckg:authorityId "INCB" ;
    skos:prefLabel "International Narcotics Control Board"@en .
<x:op30/mention/1> dckg:mentions <https://w3id.org/dckg/body/CND> ;
    dckg:inParagraph <x:op30> ; dckg:mentionVia "name" .
<x:op30/mention/2> dckg:mentions <https://w3id.org/dckg/body/INCB> ;
    dckg:inParagraph <x:op30> ; dckg:mentionVia "name" .
"""

#: Class of an authority entry -> its type (the path segments of kg.rdf.iris).
_CLASS_TYPES = {
    str(DCKG.Body): "body",
    str(DCKG.Instrument): "instrument",
    str(DCKG.Initiative): "initiative",
    str(DCKG.ActorGroup): "actor",
}
assert set(_CLASS_TYPES.values()) == set(ENTITY_PATHS)

# The resolution a paragraph (or subparagraph) belongs to.
_IN_RESOLUTION = "eli:is_part_of+ ?res . ?res a dckg:Resolution ."


# ------------------------------------------------------------------ queries


def select(store: Store, sparql: str) -> Iterator[QuerySolution]:
    """Stream the rows of a SELECT (project prefixes known; union default graph)."""
    try:
        answer = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:  # a bug here, not user input
        raise KGError(f"analytics query rejected: {exc}", where="analyze") from None
    except OSError as exc:
        raise KGError(f"cannot read the store: {exc}", where="analyze") from None
    if not isinstance(answer, QuerySolutions):
        raise KGError("analytics query is not a SELECT", where="analyze")
    return iter(answer)


def _value(term: object) -> str:
    if isinstance(term, NamedNode | Literal):
        return term.value
    raise KGError(f"unexpected term {term!r} in an analytics query", where="analyze")


def _int(term: object) -> int:
    return int(_value(term))


# ---------------------------------------------------------------- authority


@dataclass(frozen=True)
class Entry:
    """What the graph says of an authority entry: id, English label, type."""

    id: str
    label: str
    type: str  # "body" | "instrument" | "initiative" | "actor"


class AuthorityIndex(Mapping[str, Entry]):
    """Authority entries by IRI; an IRI the authority graph lacks gets a fallback entry."""

    def __init__(self, entries: Mapping[str, Entry]) -> None:
        self._entries = dict(entries)

    def __getitem__(self, iri: str) -> Entry:
        return self._entries[iri]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def entry(self, iri: str) -> Entry:
        """The entry of ``iri``, else one named after the IRI's last segment (type ``unknown``)."""
        found = self._entries.get(iri)
        if found is not None:
            return found
        tail = iri.rstrip("/").rsplit("/", 1)[-1]
        return Entry(tail, tail, "unknown")

    def attributes(self, iri: str) -> dict[str, object]:
        e = self.entry(iri)
        return {"label": e.label, "id": e.id, "type": e.type}


def authority_index(store: Store) -> AuthorityIndex:
    """Every authority entry of the store: IRI -> :class:`Entry` (English label preferred)."""
    found: dict[str, Entry] = {}
    rows = select(
        store,
        """
        SELECT ?e ?id ?label ?class WHERE {
          VALUES ?class { dckg:Body dckg:Instrument dckg:Initiative dckg:ActorGroup }
          ?e a ?class ; dckg:authorityId ?id .
          OPTIONAL { ?e skos:prefLabel ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
        }""",
    )
    for row in rows:
        iri, ident = _value(row["e"]), _value(row["id"])
        label = _value(row["label"]) if row["label"] is not None else ident
        new = Entry(ident, label, _CLASS_TYPES[_value(row["class"])])
        old = found.get(iri)
        found[iri] = new if old is None else min(old, new, key=lambda x: (x.label, x.type))
    return AuthorityIndex(found)


# ------------------------------------------------------------- graph helpers


def _fill(
    graph: nx.Graph,
    nodes: Mapping[str, Mapping[str, object]],
    edges: Mapping[tuple[str, str], Mapping[str, object]],
) -> nx.Graph:
    """Add nodes and edges in sorted order (the graph's iteration order is then fixed)."""
    for key in sorted(nodes):
        graph.add_node(key, **nodes[key])
    for u, v in sorted(edges):
        graph.add_edge(u, v, **edges[(u, v)])
    return graph


# ------------------------------------------------------------- projections


@dataclass(frozen=True)
class Documents:
    """Symbol of every resolution and document in the graph, and which texts were read."""

    symbol: Mapping[str, str]  # IRI -> symbol
    read: frozenset[str]  # IRIs of the resolutions whose text is in the graph

    def symbol_of(self, iri: str) -> str:
        return self.symbol.get(iri) or iri.rsplit("/", 1)[-1]


def documents(store: Store) -> Documents:
    """Symbols and read texts: one row per resolution or document node.

    Kept apart from the projections' link queries: joining the symbols there
    (``MIN`` over ``OPTIONAL`` symbols) doubled their time.
    """
    symbol: dict[str, str] = {}
    read: set[str] = set()
    rows = select(
        store, "SELECT ?r ?s ?t WHERE { ?r dckg:symbol ?s OPTIONAL { ?r dckg:hasText ?t } }"
    )
    for row in rows:
        iri, sym = _value(row["r"]), _value(row["s"])
        symbol[iri] = min(sym, symbol.get(iri, sym))  # several symbols: the least, for stability
        if row["t"] is not None:
            read.add(iri)
    return Documents(symbol, frozenset(read))


def citation_graph(store: Store) -> nx.DiGraph:
    """Resolution -> cited resolution or document; ``weight`` = citing paragraphs.

    Nodes are the resolutions and documents that take part in a citation
    (``type`` ``resolution`` or ``document``); ``in_corpus`` says whether a
    resolution's text is in the graph (a cited resolution may be only a
    symbol).  Instruments cited by Treaty Series number are left to
    :func:`instrument_network`.
    """
    rows = select(
        store,
        f"""
        SELECT ?res ?target ?class (COUNT(?p) AS ?n) WHERE {{
          {{ SELECT DISTINCT ?p ?target ?class WHERE {{
            VALUES ?class {{ dckg:Resolution dckg:CitedDocument }}
            ?p eli:cites ?target . ?target a ?class .
          }} }}
          ?p {_IN_RESOLUTION}
        }} GROUP BY ?res ?target ?class""",
    )
    docs = documents(store)
    nodes: dict[str, dict[str, object]] = {}
    edges: dict[tuple[str, str], dict[str, object]] = {}
    for row in rows:
        res, target = _value(row["res"]), _value(row["target"])
        kind = "resolution" if _value(row["class"]) == str(DCKG.Resolution) else "document"
        for iri, node_type in ((res, "resolution"), (target, kind)):
            sym = docs.symbol_of(iri)
            node: dict[str, object] = {"label": sym, "id": sym, "type": node_type}
            if node_type == "resolution":
                node["in_corpus"] = iri in docs.read
            nodes[iri] = node
        edges[(res, target)] = {"weight": _int(row["n"])}
    return _fill(nx.DiGraph(), nodes, edges)


Level = Lit["resolution", "paragraph"]


@dataclass
class _Links:
    """Instrument occurrences: (paragraph, instrument) -> how, and where each paragraph lies."""

    how: dict[tuple[str, str], set[str]]
    resolution_of: dict[str, str]  # paragraph -> resolution


def _instrument_links(store: Store) -> _Links:
    """Every paragraph citing or mentioning an instrument.

    A paragraph cites an instrument when it ``eli:cites`` it (a Treaty Series
    reference) or the resolution that adopted it (``dckg:adoptedIn``: "See
    resolution 55/2" for the Millennium Declaration); it mentions it when one
    of its mentions (``dckg:mentions``) names it.
    """
    rows = select(
        store,
        f"""
        SELECT DISTINCT ?p ?res ?inst ?how WHERE {{
          {{ SELECT ?p ?inst ?how WHERE {{
            {{ ?m dckg:mentions ?inst ; dckg:inParagraph ?p . ?inst a dckg:Instrument .
               BIND("mentions" AS ?how) }}
            UNION
            {{ ?p eli:cites ?inst . ?inst a dckg:Instrument . BIND("cites" AS ?how) }}
            UNION
            {{ ?inst dckg:adoptedIn ?adopting ; a dckg:Instrument . ?p eli:cites ?adopting .
               BIND("cites" AS ?how) }}
          }} }}
          ?p {_IN_RESOLUTION}
        }}""",
    )
    links = _Links(defaultdict(set), {})
    for row in rows:
        p, res, inst = _value(row["p"]), _value(row["res"]), _value(row["inst"])
        links.how[(p, inst)].add(_value(row["how"]))
        links.resolution_of[p] = res
    return links


def _paragraph_ids(store: Store, paragraphs: Iterable[str]) -> dict[str, str]:
    """The paragraph id (``op30``, ``op33.a``) of each paragraph IRI, read back by the minter."""
    from kg.query import OxigraphEngine
    from kg.query_params import detect_base

    minter = Minter(detect_base(OxigraphEngine(store)))
    return {p: minter.locate(p)[1] or p.rsplit("/", 1)[-1] for p in paragraphs}


def instrument_network(store: Store, level: Level = "resolution") -> nx.Graph:
    """Bipartite graph: resolutions (or paragraphs) <-> instruments they cite or mention.

    ``level="resolution"``: one node per resolution (``bipartite=0``); edge
    attributes ``weight`` (paragraphs citing or mentioning the instrument),
    ``cites`` and ``mentions`` (paragraphs doing each; a paragraph may do
    both).  Citing the resolution that adopted an instrument counts as citing
    the instrument (``dckg:adoptedIn`` in the authority graph; a resolution
    adopting several, as 55/25 did the Convention against Transnational
    Organized Crime and its protocols, counts for each).
    ``level="paragraph"``: one node per paragraph (with its ``resolution``),
    every ``weight`` 1.  Instruments (``bipartite=1``) carry
    ``paragraphs`` and ``resolutions``: how many hold them.  A group phrase
    ("the three international drug control conventions") counts for each
    instrument of the group.
    """
    index = authority_index(store)
    links = _instrument_links(store)
    weight: Counter[tuple[str, str]] = Counter()
    count: dict[str, Counter[tuple[str, str]]] = {"cites": Counter(), "mentions": Counter()}
    inst_paragraphs: Counter[str] = Counter()
    inst_resolutions: dict[str, set[str]] = defaultdict(set)
    for (p, inst), hows in links.how.items():
        res = links.resolution_of[p]
        inst_paragraphs[inst] += 1
        inst_resolutions[inst].add(res)
        key = (p if level == "paragraph" else res, inst)
        weight[key] += 1
        for how in hows:
            count[how][key] += 1
    nodes: dict[str, dict[str, object]] = {}
    docs = documents(store)
    if level == "paragraph":
        pids = _paragraph_ids(store, links.resolution_of)
        for p, res in links.resolution_of.items():
            sym = docs.symbol_of(res)
            label = f"{sym} {pids[p]}"
            nodes[p] = {
                "label": label,
                "id": label,
                "type": "paragraph",
                "resolution": sym,
                "bipartite": 0,
            }
    else:
        for res in set(links.resolution_of.values()):
            sym = docs.symbol_of(res)
            nodes[res] = {"label": sym, "id": sym, "type": "resolution", "bipartite": 0}
    for inst, n in inst_paragraphs.items():
        nodes[inst] = {
            **index.attributes(inst),
            "bipartite": 1,
            "paragraphs": n,
            "resolutions": len(inst_resolutions[inst]),
        }
    edges = {
        key: {"weight": w, "cites": count["cites"][key], "mentions": count["mentions"][key]}
        for key, w in weight.items()
    }
    return _fill(nx.Graph(), nodes, edges)


def instrument_cooccurrence(store: Store, within: Level = "paragraph") -> nx.Graph:
    """Instrument <-> instrument cited or mentioned together; ``weight`` = paragraphs.

    With ``within="resolution"`` two instruments co-occur when one resolution
    holds both, anywhere, and ``weight`` counts resolutions.  Nodes are all
    instruments that occur (some without partner), with ``paragraphs`` and
    ``resolutions`` as in :func:`instrument_network`.
    """
    index = authority_index(store)
    links = _instrument_links(store)
    groups: dict[str, set[str]] = defaultdict(set)  # paragraph or resolution -> instruments
    inst_resolutions: dict[str, set[str]] = defaultdict(set)
    inst_paragraphs: Counter[str] = Counter()
    for p, inst in links.how:
        res = links.resolution_of[p]
        groups[p if within == "paragraph" else res].add(inst)
        inst_paragraphs[inst] += 1
        inst_resolutions[inst].add(res)
    weight = _pair_counts(groups.values())
    nodes: dict[str, dict[str, object]] = {}
    for inst, n in inst_paragraphs.items():
        resolutions = len(inst_resolutions[inst])
        nodes[inst] = {**index.attributes(inst), "paragraphs": n, "resolutions": resolutions}
    return _fill(nx.Graph(), nodes, {pair: {"weight": w} for pair, w in weight.items()})


def _pair_counts(groups: Iterable[set[str]]) -> Counter[tuple[str, str]]:
    """How many groups hold each unordered pair of members (pairs sorted).

    >>> sorted(_pair_counts([{"a", "b", "c"}, {"b", "a"}]).items())
    [(('a', 'b'), 2), (('a', 'c'), 1), (('b', 'c'), 1)]
    """
    out: Counter[tuple[str, str]] = Counter()
    for members in groups:
        out.update(combinations(sorted(members), 2))
    return out


def body_comention_graph(store: Store, include_self: bool = False) -> nx.Graph:
    """Body <-> body mentioned in the same paragraph; ``weight`` = such paragraphs.

    Every mention counts (name, acronym, short form "the Board", pronoun
    "it"), except, unless ``include_self``, the adopting body referring to
    itself ("Reaffirms its resolve", via ``self``), which would tie the
    adopting body to every body it names.  Nodes are all bodies mentioned,
    with ``paragraphs``: how many paragraphs mention them.
    """
    index = authority_index(store)
    self_filter = "" if include_self else '?m dckg:mentionVia ?via FILTER(?via != "self")'
    rows = select(
        store,
        f"""
        SELECT DISTINCT ?p ?body WHERE {{
          ?m dckg:mentions ?body ; dckg:inParagraph ?p .
          ?body a dckg:Body .
          {self_filter}
        }}""",
    )
    groups: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        groups[_value(row["p"])].add(_value(row["body"]))
    paragraphs: Counter[str] = Counter(b for bodies in groups.values() for b in bodies)
    nodes = {b: {**index.attributes(b), "paragraphs": n} for b, n in paragraphs.items()}
    weight = _pair_counts(groups.values())
    return _fill(nx.Graph(), nodes, {pair: {"weight": w} for pair, w in weight.items()})


def lemma_node(lemma: str) -> str:
    """The node key of a verb lemma in :func:`addressee_graph`.

    >>> lemma_node("call upon")
    'lemma:call upon'
    """
    return f"lemma:{lemma}"


def addressee_graph(store: Store, self_addressed: bool = True) -> nx.Graph:
    """Bipartite graph: addressee (``bipartite=0``) <-> verb lemma (``bipartite=1``).

    Edge attributes: ``weight`` (directives with that addressee and lemma),
    ``strength_sum`` and ``strength_mean`` (on the 0-5 scale).  A directive
    with several addressees counts for each.  Acts that name nobody are given
    to the adopting body itself by the extraction ("Notes that ..." -> GA);
    ``self_addressed=False`` leaves out every directive addressed to the body
    that adopted its resolution.  Nodes carry ``directives`` and
    ``strength_mean`` over their edges.
    """
    index = authority_index(store)
    # MINUS, not FILTER NOT EXISTS: Oxigraph evaluates the latter row by row (10x slower)
    self_filter = (
        ""
        if self_addressed
        else (f"MINUS {{ ?d dckg:inParagraph ?p . ?p {_IN_RESOLUTION} ?res eli:passed_by ?who }}")
    )
    rows = select(
        store,
        f"""
        SELECT ?who ?lemma (COUNT(?d) AS ?n) (SUM(?s) AS ?total) WHERE {{
          ?d dckg:addressee ?who ; dckg:lemma ?lemma ; dckg:strength ?s .
          {self_filter}
        }} GROUP BY ?who ?lemma""",
    )
    edges: dict[tuple[str, str], dict[str, object]] = {}
    nodes: dict[str, dict[str, object]] = {}
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # node -> [directives, strength]
    for row in rows:
        who, lemma = _value(row["who"]), _value(row["lemma"])
        n, total = _int(row["n"]), _int(row["total"])
        key = lemma_node(lemma)
        edges[(who, key)] = {"weight": n, "strength_sum": total, "strength_mean": total / n}
        nodes.setdefault(who, {**index.attributes(who), "bipartite": 0})
        nodes.setdefault(key, {"label": lemma, "id": lemma, "type": "lemma", "bipartite": 1})
        for node in (who, key):
            totals[node][0] += n
            totals[node][1] += total
    for node, (n, total) in totals.items():
        nodes[node].update(directives=n, strength_mean=total / n)
    return _fill(nx.Graph(), nodes, edges)
