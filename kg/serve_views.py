"""The pages of ``dckg serve``: what each kind of node shows, gathered from the store.

:class:`ResourceJob` answers ``GET /<path>`` for the IRI ``<base><path>`` in a
worker process: 404 when the store says nothing about it, else the page
(HTML, :mod:`kg.serve_pages`) or its RDF description
(:func:`kg.serve_describe.description`).  The page depends on the node's type:

* paragraph — text, directives (verb, strength, addressees), mentions,
  citations, topics, the parent, children, previous and next paragraphs, the
  resolution, and lineage (``dckg:derivedFrom``) both ways when present;
* resolution — metadata, the paragraphs in reading order under their section
  headings, and who cites it;
* authority entry and topic — :mod:`kg.serve_entities`;
* anything else — its statements.

``GET /`` is :mod:`kg.serve_landing`.
Lists are cut at :data:`LIST_LIMIT` rows (the page says how many there are).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.rdf.namespaces import DCKG, DCTERMS, ELI, PROV, RDFS, SKOS
from kg.serve_describe import (
    Link,
    Lookup,
    Term,
    Value,
    curie,
    description,
    sort_items,
)
from kg.serve_pool import Reply, WorkerContext, text_reply

__all__ = [
    "DIRECT_LIMIT",
    "LIST_LIMIT",
    "Act",
    "ResourceJob",
    "Row",
    "View",
    "acts_of",
    "camel_words",
    "cell",
    "cut",
    "limit_note",
    "link_values",
    "rdf_reply",
    "text_values",
    "view_for",
]

#: Longest list on a page (directives addressed to a body, paragraphs about a topic...).
LIST_LIMIT = 100
#: Up to this many matches a list reads them all; beyond, the latest resolutions are searched.
DIRECT_LIMIT = 500


@dataclass(frozen=True)
class Row:
    """One line of a list: a link, words beside it, and short facts."""

    link: Link
    text: str = ""
    facts: tuple[str, ...] = ()
    depth: int = 0
    heading: str = ""  # a section heading shown before this row


@dataclass(frozen=True)
class Act:
    """A directive as shown: verb, lemma, strength, who is asked, what it concerns."""

    link: Link
    verb: str
    lemma: str
    strength: str
    addressees: tuple[Link, ...]
    concerns: tuple[Link, ...]
    action: str


@dataclass
class View:
    """Everything one page shows; ``sections`` hold the kind-specific lists."""

    iri: str
    kind: str  # paragraph | resolution | entity | topic | resource | dataset
    title: str
    subtitle: str = ""
    text: str = ""
    facts: list[tuple[str, list[Value]]] = field(default_factory=list)
    neighbours: list[tuple[str, Link]] = field(default_factory=list)
    acts: list[Act] = field(default_factory=list)
    sections: list[tuple[str, str, list[Row]]] = field(default_factory=list)  # title, note, rows
    statements: list[tuple[Link, list[Value]]] = field(default_factory=list)


def text_values(text: str | None) -> list[Value]:
    return [Value(text)] if text else []


def link_values(lk: Lookup, iris: list[str]) -> list[Value]:
    return [Value(lk.label(i), lk.href(i)) for i in iris]


def cell(row: dict[str, Term], name: str) -> str:
    """A cell of a row as a string ("" when unbound)."""
    term = row.get(name)
    return term.value if term is not None else ""  # type: ignore[union-attr]


def cut(text: str, width: int = 240) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


# ------------------------------------------------------------------ paragraph


def _resolution_of(lk: Lookup, iri: str) -> str | None:
    symbol, _ = lk.minter.locate(iri)
    if symbol:  # the IRI says which; the store confirms
        res = str(lk.minter.resolution(symbol))
        if lk.one(res, DCKG.symbol) is not None:
            return res
    node: str | None = iri
    for _ in range(8):
        if node is None:
            return None
        if str(DCKG.Resolution) in lk.types(node):
            return node
        node = lk.first(lk.out(node), ELI.is_part_of)
    return None


def _one(values: dict[str, list[str]], var: str) -> str:
    return values.get(var, [""])[0]


EXACT = "dckg:evidence/oa:hasSelector/oa:exact"
#: What a mention shows, and where each field is read from.
MENTION_FIELDS = {
    "e": "dckg:mentions",
    "type": "dckg:mentionType",
    "via": "dckg:mentionVia",
    "exact": EXACT,
}
#: What a citation shows.
CITATION_FIELDS = {
    "cited": "dckg:citedResource",
    "target": "dckg:targetSymbol",
    "kind": "dckg:citationKind",
    "resolved": "dckg:resolved",
    "exact": EXACT,
}
#: What a directive shows.
ACT_FIELDS = {
    "p": "dckg:inParagraph",
    "verb": "dckg:verb",
    "lemma": "dckg:lemma",
    "st": "dckg:strength",
    "action": "dckg:action",
}


def acts_of(lk: Lookup, iris: list[str], where: bool = False) -> list[Act]:
    """Directives as shown; ``where``: labels name the paragraph (lists outside it)."""
    fields = lk.fields(iris, ACT_FIELDS)
    people = lk.fields(iris, {"who": "dckg:addressee"})
    about = lk.fields(iris, {"about": "dckg:concerns"})
    acts = []
    for iri in iris:
        f = fields[iri]
        place = f"{lk.label(_one(f, 'p'))}, " if where and _one(f, "p") else ""
        acts.append(
            Act(
                lk.link(iri, f"{place}act {lk.index(iri)}"),
                _one(f, "verb"),
                _one(f, "lemma"),
                _one(f, "st"),
                tuple(lk.link(a) for a in sorted(people[iri].get("who", []))),
                tuple(lk.link(c) for c in sorted(about[iri].get("about", []))),
                _one(f, "action"),
            )
        )
    return acts


def paragraph_view(lk: Lookup, iri: str) -> View:
    p = lk.out(iri)
    res = _resolution_of(lk, iri)
    symbol, pid = lk.minter.locate(iri)
    kinds = [curie(t).split(":")[-1] for t in lk.types(iri) if t.startswith(str(DCKG))]
    kind = next((k for k in sorted(kinds) if k != "Paragraph"), "Paragraph")
    title = f"{symbol} {pid}" if symbol and pid else lk.label(iri)
    v = View(iri, "paragraph", title, subtitle=(lk.one(res, DCTERMS.title) if res else "") or "")
    v.text = lk.first(p, DCKG.text) or ""
    v.facts = [
        ("Kind", text_values(" ".join(w.lower() for w in camel_words(kind)))),
        ("Printed number", text_values(lk.first(p, ELI.number) or lk.first(p, DCKG.printedLabel))),
        ("Opening words", text_values(lk.first(p, DCKG.lead))),
        ("Topics", link_values(lk, lk.all(p, ELI.is_about))),
    ]
    # neighbours: resolution, section, parent, previous, next, children
    if res:
        v.neighbours.append(("resolution", lk.link(res)))
    for section in lk.all(p, DCKG.inSection):
        sp = lk.out(section)
        number, head = lk.first(sp, ELI.number), lk.first(sp, DCTERMS.title)
        v.neighbours.append(("section", lk.link(section, " ".join(x for x in (number, head) if x))))
    parent = lk.first(p, ELI.is_part_of)
    if parent and parent != res:
        v.neighbours.append(("parent", lk.link(parent)))
    order = lk.first(p, DCKG.order)
    if res and order and order.isdigit():
        near = lk.select(
            f"SELECT ?p ?o WHERE {{ ?p eli:is_part_of+ {lk.term(res)} ; dckg:order ?o . "
            f"FILTER(?o = {int(order) - 1} || ?o = {int(order) + 1}) }}"
        )
        for row in sorted(near, key=lambda r: int(r["o"].value)):  # type: ignore[union-attr]
            rel = "previous" if int(row["o"].value) < int(order) else "next"  # type: ignore[union-attr]
            v.neighbours.append((rel, lk.link(row["p"].value)))  # type: ignore[union-attr]
    children = lk.select(
        f"SELECT ?c ?o WHERE {{ ?c eli:is_part_of {lk.term(iri)} ; dckg:order ?o }}"
    )
    for row in sorted(children, key=lambda r: int(cell(r, "o"))):
        v.neighbours.append(("child", lk.link(cell(row, "c"))))
    # what was found in it: items by type, their fields in one query per kind
    by_type: dict[str, list[str]] = {}
    for row in lk.select(f"SELECT ?i ?t WHERE {{ ?i dckg:inParagraph {lk.term(iri)} ; a ?t }}"):
        by_type.setdefault(cell(row, "t"), []).append(cell(row, "i"))
    v.acts = acts_of(lk, sort_items(by_type.get(str(DCKG.Directive), []), lk))
    found = sort_items(by_type.get(str(DCKG.Mention), []), lk)
    fields = lk.fields(found, MENTION_FIELDS)
    mentions = []
    for m in found:
        f = fields[m]
        facts = tuple(x for x in (_one(f, "type"), _one(f, "via")) if x)
        target = lk.link(_one(f, "e")) if _one(f, "e") else Link("unknown", None)
        mentions.append(Row(target, _one(f, "exact"), facts))
    v.sections.append(("Mentions", "bodies, instruments and actor groups named", mentions))
    found = sort_items(by_type.get(str(DCKG.Citation), []), lk)
    fields = lk.fields(found, CITATION_FIELDS)
    citations = []
    for c in found:
        f = fields[c]
        cited, symbol_text = _one(f, "cited"), _one(f, "target")
        target = lk.link(cited, symbol_text or None) if cited else Link(symbol_text, None)
        facts = (_one(f, "kind"), "unresolved" if _one(f, "resolved") == "false" else "")
        citations.append(Row(target, _one(f, "exact"), tuple(x for x in facts if x)))
    v.sections.append(("Citations", "what the paragraph refers to", citations))
    v.sections.append(("Lineage", "earlier paragraphs it derives from, later ones derived from it",
                       _lineage(lk, iri, p)))  # fmt: skip
    v.statements = lk.statements(iri)
    return v


def camel_words(camel: str) -> list[str]:
    out: list[str] = []
    for ch in camel:
        if ch.isupper() and out:
            out.append(" ")
        out.append(ch)
    return "".join(out).split()


def _lineage(lk: Lookup, iri: str, p: dict[str, list[Term]]) -> list[Row]:
    rows: list[Row] = []
    qualified: set[str] = set()
    for q in lk.all(p, DCKG.qualifiedDerivation):
        qp = lk.out(q)
        old = lk.first(qp, PROV.entity)
        if old:
            qualified.add(old)
            facts = tuple(
                x for x in (lk.first(qp, DCKG.derivationClass), lk.first(qp, DCKG.score)) if x
            )
            rows.append(Row(lk.link(old), "derived from", facts))
    for old in lk.all(p, DCKG.derivedFrom):
        if old not in qualified:
            rows.append(Row(lk.link(old), "derived from"))
    for new in lk.subjects(str(DCKG.derivedFrom), iri):
        rows.append(Row(lk.link(new), "derived into"))
    return rows


# ------------------------------------------------------------------ resolution


def resolution_view(lk: Lookup, iri: str) -> View:
    p = lk.out(iri)
    v = View(iri, "resolution", lk.first(p, DCKG.symbol) or lk.label(iri),
             subtitle=lk.first(p, DCTERMS.title) or "")  # fmt: skip
    v.facts = [
        ("Adopted", text_values(lk.first(p, ELI.date_document))),
        ("Adopted by", link_values(lk, lk.all(p, ELI.passed_by))),
        ("Session", text_values(lk.first(p, DCKG.session))),
        ("Agenda item", text_values(lk.first(p, DCKG.agendaItem))),
        ("Committee", text_values(lk.first(p, DCKG.committee))),
        ("Committee report", text_values(lk.first(p, DCKG.committeeReport))),
        ("Meeting", text_values(lk.first(p, DCKG.meeting))),
        ("Draft", text_values(lk.first(p, DCKG.draft))),
        ("Official text", link_values(lk, lk.all(p, RDFS.seeAlso))),
        ("Subjects", link_values(lk, lk.all(p, ELI.is_about))),
    ]
    t = lk.term(iri)
    strengths = {
        r["p"].value: (r["n"].value, r["s"].value)  # type: ignore[union-attr]
        for r in lk.select(
            f"SELECT ?p (COUNT(?d) AS ?n) (MAX(?st) AS ?s) WHERE {{ ?p eli:is_part_of+ {t} . "
            "?d dckg:inParagraph ?p ; dckg:strength ?st } GROUP BY ?p"
        )
    }
    rows = lk.select(
        f"SELECT ?p ?o ?text ?sec WHERE {{ ?p eli:is_part_of+ {t} ; dckg:order ?o ; "
        "dckg:text ?text . "
        "OPTIONAL { ?p dckg:inSection ?sec } } ORDER BY ?o"
    )
    paragraphs, last_section = [], None
    for r in rows:
        para = r["p"].value  # type: ignore[union-attr]
        section = r["sec"].value if "sec" in r else None  # type: ignore[union-attr]
        heading = ""
        if section and section != last_section:
            sp = lk.out(section)
            heading = " ".join(
                x for x in (lk.first(sp, ELI.number), lk.first(sp, DCTERMS.title)) if x
            )
        last_section = section or last_section
        pid = lk.minter.locate(para)[1] or ""
        facts: tuple[str, ...] = ()
        if para in strengths:
            n, s = strengths[para]
            facts = (f"{n} act(s)", f"strength up to {s}")
        paragraphs.append(Row(lk.link(para, pid or None), cut(r["text"].value, 400), facts,  # type: ignore[union-attr]
                              depth=pid.count("."), heading=heading))  # fmt: skip
    v.sections.append(("Paragraphs", f"{len(paragraphs)} in reading order", paragraphs))
    citing = lk.select(
        f"SELECT DISTINCT ?p WHERE {{ ?c dckg:citedResource {t} ; dckg:inParagraph ?p }} "
        f"LIMIT {DIRECT_LIMIT}"
    )
    cited_by = [Row(lk.link(p)) for p in sorted(cell(r, "p") for r in citing)]
    v.sections.append(("Cited by", limit_note(len(cited_by)), cited_by[:LIST_LIMIT]))
    v.statements = [s for s in lk.statements(iri) if s[0].iri != str(ELI.has_part)]
    return v


def limit_note(n: int, total: int | None = None) -> str:
    if total is not None and total > n:
        return f"{n} of {total} shown"
    return f"first {LIST_LIMIT} shown" if n > LIST_LIMIT else ""


# ------------------------------------------------------------------ anything


def resource_view(lk: Lookup, iri: str) -> View:
    v = View(iri, "resource", lk.label(iri))
    v.statements = lk.statements(iri)
    inbound = lk.select(f"SELECT ?s ?p WHERE {{ ?s ?p {lk.term(iri)} }} LIMIT {LIST_LIMIT + 1}")
    pairs = sorted((curie(cell(r, "p")), cell(r, "s")) for r in inbound)
    rows = [Row(lk.link(subject), prop) for prop, subject in pairs]
    v.sections.append(("Pointing here", limit_note(len(rows)), rows[:LIST_LIMIT]))
    return v


def view_for(lk: Lookup, iri: str) -> View:
    """The page view for ``iri``, by its type."""
    types = lk.types(iri)
    if str(DCKG.Paragraph) in types:
        return paragraph_view(lk, iri)
    if str(DCKG.Resolution) in types:
        return resolution_view(lk, iri)
    if str(DCKG.AuthorityEntry) in types or str(SKOS.Concept) in types:
        from kg.serve_entities import entity_view, topic_view

        return entity_view(lk, iri) if str(DCKG.AuthorityEntry) in types else topic_view(lk, iri)
    return resource_view(lk, iri)


# ------------------------------------------------------------------ jobs


def rdf_reply(triples: list[ox.Triple], fmt: str) -> Reply:
    from kg.query import Results
    from kg.serve_sparql import GRAPH, format_named, serialize

    f = format_named(fmt, GRAPH)
    rows = tuple((t.subject, t.predicate, t.object) for t in triples)
    body = serialize(Results(("subject", "predicate", "object"), rows), f, "", "", False)
    ctype = f.media_type + ("; charset=utf-8" if f.media_type.startswith("text/") else "")
    return Reply(200, ctype, body)


@dataclass(frozen=True)
class ResourceJob:
    """``GET`` of one IRI under the base, as HTML (``fmt="html"``) or an RDF format name."""

    iri: str
    fmt: str

    def run(self, context: WorkerContext) -> Reply:
        lk = Lookup(context.store, context.base, context.cache, context.union)
        if not lk.exists(self.iri):
            return text_reply(404, f"nothing is known about <{self.iri}> in this graph")
        if self.fmt != "html":
            return rdf_reply(description(context.store, self.iri, context.base), self.fmt)
        from kg.serve_pages import resource_page

        html = resource_page(view_for(lk, self.iri), context.base)
        return Reply(200, "text/html; charset=utf-8", html.encode("utf-8"))
