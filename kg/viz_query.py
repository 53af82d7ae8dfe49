"""Any SPARQL result as a graph, for ``dckg viz --query``.

The query is found and its parameters bound exactly as ``dckg query`` does
(:func:`kg.query_cli.resolve_query`, :func:`kg.query_params.bind_parameters`,
:func:`kg.query.render`: values become typed RDF terms, never query text).
Then:

* **CONSTRUCT / DESCRIBE** — each triple whose object is an IRI (or blank
  node) is an edge named by its predicate; ``rdf:type`` and literal objects
  become details of the subject (``dckg:text`` its text);
* **SELECT** — in each row, the IRIs are nodes, and so are the first short
  texts while the row has fewer than two nodes; in column order, each node
  links to the next, the edge named by the column it points to.  A short
  text is a node *in the context of the node before it* ("op7" of
  A/RES/61/183 is not "op7" of A/RES/63/197).  Every other value (long
  texts, numbers, later short texts) is a detail of the node before it (or
  of the row's first node): so ``?symbol ?paragraph ?verb ?text`` draws
  resolutions linked to their paragraphs, each with its verb and text;
* **ASK** — refused: a yes/no answer is not a graph.

>>> from pyoxigraph import Literal, NamedNode
>>> from kg.query import Results
>>> row = (Literal("A/RES/1/1"), Literal("op7"), Literal("urges"), Literal("Urges all States ..."))
>>> g = results_graph(Results(("symbol", "paragraph", "verb", "text"), (row,)))
>>> sorted(d["label"] for _, d in g.nodes(data=True)), [d["label"] for *_, d in g.edges(data=True)]
(['A/RES/1/1', 'op7'], ['paragraph'])
>>> [d.get("extra") for _, d in g.nodes(data=True)][1]
['?paragraph = op7', '?verb: urges', '?text: Urges all States ...']
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.errors import KGError
from kg.query import Engine, Results, Term, query_form, render
from kg.query_format import compact
from kg.rdf.iris import Minter

__all__ = ["SHORT", "results_graph", "run_query"]

#: Texts up to this many characters are nodes; longer ones are details.
SHORT = 80
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
TEXT = "https://w3id.org/dckg/ontology#text"
_STRINGS = (
    "http://www.w3.org/2001/XMLSchema#string",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
)


def run_query(
    engine: Engine, query: str, params: Mapping[str, str], minter: Minter
) -> tuple[str, Results]:
    """(title, results) of a .rq file, a named query or query text, parameters bound."""
    from kg.query_cli import resolve_query
    from kg.query_params import TermContext, bind_parameters

    nq = resolve_query(query)
    text = render(nq.text, bind_parameters(TermContext(minter), nq, dict(params)))
    if query_form(text) == "ASK":
        raise KGError(
            "an ASK query answers yes or no; give a SELECT or CONSTRUCT query", where="--query"
        )
    results = engine.run(text)
    if results.boolean is not None:
        raise KGError(
            "the query answered yes or no; give a SELECT or CONSTRUCT query", where="--query"
        )
    return nq.title or nq.name, results


def _node_id(term: Term) -> str | None:
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return None


def _is_short_text(term: Term) -> bool:
    return (
        isinstance(term, Literal)
        and term.datatype.value in _STRINGS
        and 0 < len(term.value) <= SHORT
        and "\n" not in term.value
    )


def _detail(g: nx.MultiDiGraph, node: str, name: str, value: str, is_text: bool) -> None:
    data = g.nodes[node]
    if is_text and not data.get("text"):
        data["text"] = value
    else:
        data.setdefault("extra", []).append(f"{name}: {value}")


def _triples(g: nx.MultiDiGraph, rows: tuple[tuple[Term | None, ...], ...]) -> None:
    for s, p, o in rows:
        sid = _node_id(s) if s is not None else None
        if sid is None or not isinstance(p, NamedNode) or o is None or isinstance(o, Triple):
            continue
        g.add_node(sid)
        pred = compact(p)
        oid = _node_id(o)
        if p.value == RDF_TYPE:
            _detail(g, sid, "type", compact(o), False)
        elif oid is not None:
            g.add_edge(sid, oid, key=pred, relation="query", label=pred, title=pred)
        else:
            _detail(g, sid, pred, o.value, p.value == TEXT or len(o.value) > SHORT)


def _selected(
    g: nx.MultiDiGraph, variables: tuple[str, ...], rows: tuple[tuple[Term | None, ...], ...]
) -> None:
    for row in rows:
        previous: str | None = None
        pending: list[tuple[str, str, bool]] = []  # details met before the row's first node
        nodes = 0
        for var, term in zip(variables, row, strict=True):
            if term is None or isinstance(term, Triple):
                continue
            node = _node_id(term)
            if node is None and _is_short_text(term) and nodes < 2:
                node = (
                    f"value:{previous or ''}\x1f{var}\x1f{term.value}"
                    if previous
                    else f"value:{var}\x1f{term.value}"
                )
                g.add_node(node, label=term.value, extra=[f"?{var} = {term.value}"])
            if node is None:
                if previous is None:
                    pending.append((f"?{var}", term.value, len(term.value) > SHORT))
                else:
                    _detail(g, previous, f"?{var}", term.value, len(term.value) > SHORT)
                continue
            g.add_node(node)
            nodes += 1
            if previous is not None and previous != node:
                g.add_edge(previous, node, key=var, relation="query", label=var, title=f"?{var}")
            for detail in pending:
                _detail(g, node, *detail)
            pending = []
            previous = node


def results_graph(results: Results) -> nx.MultiDiGraph:
    """The graph of a query's results (see the module docstring)."""
    g = nx.MultiDiGraph()
    if results.variables == ("subject", "predicate", "object"):
        _triples(g, results.rows)
    else:
        _selected(g, results.variables, results.rows)
    return g
