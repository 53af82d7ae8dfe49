"""Pages of ``dckg serve`` for what resolutions talk about: authority entries and topics.

* authority entry (body, instrument, initiative, actor group) — names, counts,
  the latest directives addressed to it, the resolutions that mention it;
* topic or subject heading (``skos:Concept``) — definition, broader and
  narrower concepts, the latest paragraphs or resolutions about it.

Nodes named thousands of times (the General Assembly, Member States) are
counted in the store and their lists taken from the latest resolutions
(:meth:`kg.serve_describe.Lookup.scan_latest`): reading every match back from
the store would take seconds.
"""

from __future__ import annotations

from kg.rdf.namespaces import DCKG, DCTERMS, OWL, SKOS
from kg.serve_describe import SCAN_MAX, Lookup, Value, curie
from kg.serve_views import (
    DIRECT_LIMIT,
    LIST_LIMIT,
    Row,
    View,
    acts_of,
    camel_words,
    cell,
    cut,
    limit_note,
    link_values,
    text_values,
)

__all__ = ["entity_view", "topic_view"]


def _mentioned_in(lk: Lookup, t: str) -> tuple[str, str, list[Row]]:
    """The resolutions that mention a node: the most mentions first, or the latest."""
    pattern = f"?m dckg:mentions {t} ; dckg:evidence/oa:hasSource ?src ."
    if lk.count(f"?m dckg:mentions {t}") <= DIRECT_LIMIT:
        found = lk.select(f"SELECT ?src (COUNT(?m) AS ?n) WHERE {{ {pattern} }} GROUP BY ?src")
        title, note, most = "Resolutions that mention it most", "", True
    else:
        found = lk.scan_latest(
            lambda values: (
                f"SELECT ?src (COUNT(?m) AS ?n) WHERE {{ VALUES ?src {{ {values} }} {pattern} }} "
                "GROUP BY ?src"
            ),
            LIST_LIMIT // 4,
        )
        title, note, most = "Latest resolutions that mention it", f"in the latest {SCAN_MAX}", False
    dates = lk.dates()
    counted = [(lk.resolution_of_text(cell(r, "src")), int(cell(r, "n"))) for r in found]
    counted = [(res, n) for res, n in counted if res]
    if most:
        counted.sort(key=lambda x: (-x[1], x[0]))
    else:
        counted.sort(key=lambda x: (dates.get(x[0], ""), x[0]), reverse=True)
    rows = [Row(lk.link(res), "", (f"{n} mention(s)", dates.get(res, ""))) for res, n in counted]
    return title, note, rows[:LIST_LIMIT]


# ------------------------------------------------------------------ entity


def entity_view(lk: Lookup, iri: str) -> View:
    p = lk.out(iri)
    kinds = sorted(curie(t).split(":")[-1] for t in lk.types(iri) if t.startswith(str(DCKG)))
    kind = next((k for k in kinds if k != "AuthorityEntry"), "AuthorityEntry")
    v = View(iri, "entity", lk.label(iri), subtitle=" ".join(camel_words(kind)).capitalize())
    t = lk.term(iri)
    v.facts = [
        ("Identifier", text_values(lk.first(p, DCKG.authorityId))),
        ("Also called", [Value(x) for x in lk.all(p, SKOS.altLabel)]),
        ("Short forms", [Value(x) for x in lk.all(p, SKOS.hiddenLabel)]),
        ("Note", text_values(lk.first(p, SKOS.scopeNote) or lk.first(p, SKOS.definition))),
        ("Treaty Series", text_values(lk.first(p, DCKG.treatySeries))),
        ("Adopted in", link_values(lk, lk.all(p, DCKG.adoptedIn))),
        ("Same as", link_values(lk, lk.all(p, OWL.sameAs))),
        ("Mentions", text_values(str(lk.count(f"?m dckg:mentions {t}")))),
        ("Directives addressed to it", text_values(str(lk.count(f"?d dckg:addressee {t}")))),
        ("Directives concerning it", text_values(str(lk.count(f"?d dckg:concerns {t}")))),
    ]
    pattern = f"?d dckg:addressee {t} ; dckg:strength ?st ; dckg:evidence/oa:hasSource ?src ."
    if lk.count(f"?d dckg:addressee {t}") <= DIRECT_LIMIT:  # all, with where each stands
        found = lk.select(f"SELECT ?d ?st ?src WHERE {{ {pattern} }}")
    else:  # too many to read: the latest resolutions' acts
        found = lk.scan_latest(
            lambda values: f"SELECT ?d ?st ?src WHERE {{ VALUES ?src {{ {values} }} {pattern} }}",
            LIST_LIMIT,
        )
    dates = lk.dates()
    found.sort(
        key=lambda r: (
            dates.get(lk.resolution_of_text(cell(r, "src")), ""),
            int(cell(r, "st") or 0),
            cell(r, "d"),
        ),
        reverse=True,
    )
    v.acts = acts_of(lk, [cell(r, "d") for r in found[:LIST_LIMIT]], where=True)
    v.sections.append(_mentioned_in(lk, t))
    v.statements = lk.statements(iri)
    return v


# ------------------------------------------------------------------ topic


def topic_view(lk: Lookup, iri: str) -> View:
    p = lk.out(iri)
    v = View(
        iri,
        "topic",
        lk.label(iri),
        subtitle="Topic" if str(DCKG.Topic) in lk.types(iri) else "Subject",
    )
    t = lk.term(iri)
    total = lk.count(f"?x eli:is_about {t}")
    v.facts = [
        ("Identifier", text_values(lk.first(p, SKOS.notation))),
        ("Definition", text_values(lk.first(p, SKOS.definition))),
        ("Also called", [Value(x) for x in lk.all(p, SKOS.altLabel)]),
        ("Broader", link_values(lk, lk.all(p, SKOS.broader))),
        ("Narrower", link_values(lk, lk.subjects(str(SKOS.broader), iri))),
        ("Matches", link_values(lk, lk.all(p, SKOS.closeMatch) + lk.all(p, SKOS.exactMatch))),
        ("Paragraphs and resolutions about it", text_values(str(total))),
    ]
    if total <= DIRECT_LIMIT:
        found = lk.select(
            f"SELECT ?x ?src WHERE {{ {{ ?x eli:is_about {t} ; dckg:evidence/oa:hasSource ?src }} "
            f"UNION {{ ?x eli:is_about {t} ; dckg:hasText ?src }} }}"
        )
    else:
        found = lk.scan_latest(
            lambda values: (
                f"SELECT ?x ?src WHERE {{ {{ VALUES ?src {{ {values} }} ?x eli:is_about {t} ; "
                f"dckg:evidence/oa:hasSource ?src }} UNION {{ VALUES ?src {{ {values} }} "
                f"?x dckg:hasText ?src ; eli:is_about {t} }} }}"
            ),
            LIST_LIMIT,
        )
    dates = lk.dates()
    found.sort(
        key=lambda r: (dates.get(lk.resolution_of_text(cell(r, "src")), ""), cell(r, "x")),
        reverse=True,
    )
    rows = []
    for r in found[:LIST_LIMIT]:
        x = cell(r, "x")
        props = lk.out(x)
        words = lk.first(props, DCKG.text) or lk.first(props, DCTERMS.title) or ""
        date = dates.get(lk.resolution_of_text(cell(r, "src")), "")
        rows.append(Row(lk.link(x), cut(words), (date,) if date else ()))
    v.sections.append(("Latest about it", limit_note(len(rows), total), rows))
    v.statements = lk.statements(iri)
    return v
