"""The landing page of ``dckg serve`` (``GET /``): the dataset, where to start, what to ask.

Shows the VoID description of the build (title, description, figures, class
partitions, downloads), example links found in the data (the latest
resolution, the paragraph with most acts, the body addressed most, the
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
        lk = Lookup(
            context.store, context.base, context.cache.setdefault("labels", {}), context.union
        )
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
        "SELECT ?c ?n WHERE { GRAPH ?g { ?part void:class ?c ; void:entities ?n } } "
        "ORDER BY DESC(?n) ?c"
    )
    v.sections.append(("Classes", "instances per class (VoID class partitions)",
                       [Row(lk.link(r["c"].value, curie(r["c"].value)), "", (r["n"].value,))  # type: ignore[union-attr]
                        for r in classes]))  # fmt: skip
    v.neighbours = _examples(lk)
    resolutions = lk.select(
        "SELECT ?r ?date ?title WHERE { ?r dckg:hasText ?x . "
        "OPTIONAL { ?r eli:date_document ?date } "
        "OPTIONAL { ?r dct:title ?title } } ORDER BY DESC(?date) ?r"
    )
    rows = [
        Row(lk.link(r["r"].value), r["title"].value if "title" in r else "",  # type: ignore[union-attr]
            (r["date"].value,) if "date" in r else ())  # type: ignore[union-attr]
        for r in resolutions
    ]  # fmt: skip
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


def _examples(lk: Lookup) -> list[tuple[str, Link]]:
    """Links to show on the landing page, found in the data (the busiest of each kind)."""
    picks = (
        ("a resolution",
         "SELECT ?x WHERE { ?x dckg:hasText ?t ; eli:date_document ?d } "
         "ORDER BY DESC(?d) ?x LIMIT 1"),
        ("a paragraph with many acts",
         "SELECT ?x (COUNT(?d) AS ?n) WHERE { ?d dckg:inParagraph ?x } "
         "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1"),
        ("the body addressed most",
         "SELECT ?x (COUNT(?d) AS ?n) WHERE { ?d dckg:addressee ?x . ?x a dckg:Body } "
         "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1"),
        ("the instrument mentioned most",
         "SELECT ?x (COUNT(?m) AS ?n) WHERE { ?m dckg:mentions ?x . ?x a dckg:Instrument } "
         "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1"),
        ("the commonest topic",
         "SELECT ?x (COUNT(?p) AS ?n) WHERE { ?p eli:is_about ?x . ?x a dckg:Topic } "
         "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1"),
    )  # fmt: skip
    out: list[tuple[str, Link]] = []
    for caption, query in picks:
        rows = lk.select(query)
        if rows:
            out.append((caption, lk.link(rows[0]["x"].value)))  # type: ignore[union-attr]
    return out
