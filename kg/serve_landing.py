"""The landing page of ``dckg serve`` (``GET /``): the dataset, where to start, what to ask.

Shows the VoID description of the build (title, description, figures, class
partitions, downloads), example links found in the data (the latest
resolution and its paragraph with most acts, the body addressed most, the
instrument mentioned most, the commonest topic), every resolution read, and
the named queries as links to ``/sparql``.  As RDF (``Accept: text/turtle``...)
it is the VoID graph itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.rdf.namespaces import DCTERMS, VOID
from kg.serve_describe import Link, Lookup, curie
from kg.serve_pool import Reply, WorkerContext
from kg.serve_views import Row, View, link_values, rdf_reply, text_values

__all__ = ["LandingJob", "dataset_view"]


@dataclass(frozen=True)
class LandingJob:
    """``GET /``: the dataset description (VoID) as a page or as RDF."""

    fmt: str

    def run(self, context: WorkerContext) -> Reply:
        lk = Lookup(context.store, context.base, context.cache, context.union)
        graph = ox.NamedNode(lk.minter.graph("void"))
        if self.fmt != "html":
            triples = sorted(
                {
                    str(q.triple): q.triple
                    for q in context.store.quads_for_pattern(None, None, None, graph)
                }.items()
            )
            return rdf_reply([t for _, t in triples], self.fmt)
        from kg.serve_pages import landing_page

        view = context.cache.get("landing")
        if view is None:
            view = context.cache["landing"] = dataset_view(lk)
        return Reply(
            200, "text/html; charset=utf-8", landing_page(view, context.base).encode("utf-8")
        )


def dataset_view(lk: Lookup) -> View:
    """The landing page: VoID figures, example links, the resolutions, the named queries."""
    ds = str(lk.minter.dataset())
    p = lk.out(ds)
    v = View(ds, "dataset", lk.first(p, DCTERMS.title) or "drug-control-kg",
             subtitle=lk.first(p, DCTERMS.description) or "")  # fmt: skip
    v.facts = [
        ("Triples", text_values(lk.first(p, VOID.triples))),
        ("Distinct subjects", text_values(lk.first(p, VOID.distinctSubjects))),
        ("Classes", text_values(lk.first(p, VOID.classes))),
        ("Properties", text_values(lk.first(p, VOID.properties))),
        ("Rights", text_values(lk.first(p, DCTERMS.rights))),
        ("Downloads", link_values(lk, lk.all(p, VOID.dataDump))),
    ]
    classes = lk.select(
        "SELECT ?c ?n WHERE { GRAPH ?g { ?part void:class ?c ; void:entities ?n } }"
    )
    classes.sort(key=lambda r: (-int(r["n"].value), r["c"].value))  # type: ignore[union-attr]
    v.sections.append(("Classes", "instances per class (VoID class partitions)",
                       [Row(lk.link(r["c"].value, curie(r["c"].value)), "", (r["n"].value,))  # type: ignore[union-attr]
                        for r in classes]))  # fmt: skip
    v.neighbours = _examples(lk)
    titles = {
        r["r"].value: r["t"].value  # type: ignore[union-attr]
        for r in lk.select("SELECT ?r ?t WHERE { ?r dckg:hasText ?x ; dct:title ?t }")
    }
    dates = lk.dates()
    rows = [
        Row(lk.link(r), titles.get(r, ""), (dates[r],) if dates[r] else ()) for r in lk.latest()
    ]
    v.sections.append(("Resolutions", f"{len(rows)} read, latest first", rows))
    v.sections.append(("Named queries", "the queries of dckg query, with their default parameters",
                       _named_queries(lk)))  # fmt: skip
    return v


def _named_queries(lk: Lookup) -> list[Row]:
    from urllib.parse import quote

    from kg.errors import KGError
    from kg.query import load_named_queries, render
    from kg.query_params import TermContext, bind_parameters

    rows = []
    for name, nq in load_named_queries().items():
        try:
            text = render(nq.text, bind_parameters(TermContext(lk.minter), nq, {}))
        except KGError:
            continue
        rows.append(Row(Link(name, "/sparql?query=" + quote(text, safe="")), nq.question))
    return rows


#: Examples on the landing page: (caption, SELECT of ?x and its count ?n over a few groups).
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("the body addressed most",
     "SELECT ?x (COUNT(?d) AS ?n) WHERE { ?x a dckg:Body . ?d dckg:addressee ?x } GROUP BY ?x"),
    ("the instrument mentioned most",
     "SELECT ?x (COUNT(?m) AS ?n) WHERE { ?x a dckg:Instrument . ?m dckg:mentions ?x } "
     "GROUP BY ?x"),
    ("the commonest topic",
     "SELECT ?x (COUNT(?p) AS ?n) WHERE { ?x a dckg:Topic . ?p eli:is_about ?x } GROUP BY ?x"),
)  # fmt: skip


def _busiest(rows: list[dict[str, object]]) -> str | None:
    """``?x`` of the row with the largest ``?n`` (ties: the first IRI)."""
    best = sorted(rows, key=lambda r: (-int(r["n"].value), r["x"].value))  # type: ignore[attr-defined]
    return best[0]["x"].value if best else None  # type: ignore[attr-defined]


def _examples(lk: Lookup) -> list[tuple[str, Link]]:
    """Links to start from, found in the data: the latest resolution, its busiest paragraph,
    the body addressed most, the instrument mentioned most, the commonest topic.

    Counted in the store and ranked here (ordering by IRI inside Oxigraph reads every
    IRI back from its dictionary, which costs seconds on the corpus).
    """
    out: list[tuple[str, Link]] = []
    latest = lk.latest()
    if latest:
        out.append(("the latest resolution", lk.link(latest[0])))
        busiest = _busiest(
            lk.select(  # type: ignore[arg-type]
                f"SELECT ?x (COUNT(?d) AS ?n) WHERE {{ ?x eli:is_part_of+ {lk.term(latest[0])} . "
                "?d dckg:inParagraph ?x } GROUP BY ?x"
            )
        )
        if busiest:
            out.append(("its paragraph with most acts", lk.link(busiest)))
    for caption, query in EXAMPLES:
        found = _busiest(lk.select(query))  # type: ignore[arg-type]
        if found:
            out.append((caption, lk.link(found)))
    return out
