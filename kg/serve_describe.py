"""What ``dckg serve`` says about one IRI: its RDF description and the facts its page shows.

Runs inside a worker process (:mod:`kg.serve_pool`) on the read-only store.

* :func:`description` — the triples served as Turtle / JSON-LD / N-Triples:
  every triple whose subject is the IRI, those of its fragment nodes
  (``<...op/40#evidence>``, ``#position``, ``#quote``) and, for a resolution or
  a paragraph, the triples by which its own parts point to it (``dckg:inParagraph``
  of its mentions, citations and directives; ``eli:is_part_of`` of its
  paragraphs), so that a client can follow them.
* :class:`Lookup` — small reads by triple pattern, labels (cached per worker),
  links (local ``/path`` under the base, ``http(s)`` IRIs elsewhere);
  :mod:`kg.serve_views` turns them into the page views.

Nothing here builds SPARQL from request text: IRIs reach queries as terms
checked by :func:`kg.query.sparql_term`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.query import sparql_term
from kg.rdf.iris import Minter
from kg.rdf.namespaces import DCKG, DCTERMS, OA, PREFIXES, RDF, RDFS, SKOS

__all__ = [
    "SCAN_MAX",
    "Link",
    "Lookup",
    "Term",
    "Value",
    "curie",
    "description",
    "sort_items",
]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

TYPE = str(RDF.type)
#: Properties that name a thing, tried in this order for its label.
LABEL_PROPERTIES: tuple[str, ...] = (
    str(SKOS.prefLabel),
    str(DCKG.symbol),
    str(DCTERMS.title),
    str(RDFS.label),
    str(SKOS.notation),
)
#: Resolutions per query, and at most, when the latest resolutions are searched.
SCAN_BATCH, SCAN_MAX = 10, 10
#: Most statements per property shown on a page or in a description before cutting.
MAX_INBOUND = 2000


@dataclass(frozen=True)
class Link:
    """A node to link to: display label and ``href`` (``None``: not linkable)."""

    label: str
    href: str | None
    iri: str = ""


@dataclass(frozen=True)
class Value:
    """An object of a statement as shown: a link, or literal text with its language/datatype."""

    text: str
    href: str | None = None
    note: str = ""  # "@en", "xsd:integer"


def _iri(term: object) -> str | None:
    return term.value if isinstance(term, ox.NamedNode) else None


def curie(iri: str) -> str:
    """``dckg:Directive`` for a term of a project prefix, else the IRI.

    >>> curie("https://w3id.org/dckg/ontology#strength"), curie("http://ex.org/x")
    ('dckg:strength', 'http://ex.org/x')
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns) and "/" not in iri[len(ns) :]:
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


class Lookup:
    """Pattern reads on the store (all named graphs), with labels and links."""

    def __init__(
        self, store: ox.Store, base: str, cache: dict[str, Any] | None = None, union: bool = False
    ) -> None:
        self.store = store
        self.base = base
        self.union = union
        self.minter = Minter(base)
        self.cache = cache if cache is not None else {}
        self.labels: dict[str, str] = self.cache.setdefault("labels", {})

    # -- reads ---------------------------------------------------------------
    def out(self, iri: str) -> dict[str, list[Term]]:
        """Predicate IRI -> objects (distinct, in a stable order) of the triples about ``iri``."""
        found: dict[str, dict[str, Term]] = {}
        for q in self.store.quads_for_pattern(ox.NamedNode(iri), None, None, None):
            found.setdefault(q.predicate.value, {})[str(q.object)] = q.object
        return {p: [objs[k] for k in sorted(objs)] for p, objs in sorted(found.items())}

    def exists(self, iri: str) -> bool:
        return any(True for _ in self.store.quads_for_pattern(ox.NamedNode(iri), None, None, None))

    def subjects(self, predicate: str, obj: str, limit: int = MAX_INBOUND) -> list[str]:
        """Subjects of ``?s <predicate> <obj>`` (distinct, sorted, at most ``limit``)."""
        pattern = self.store.quads_for_pattern(
            None, ox.NamedNode(predicate), ox.NamedNode(obj), None
        )
        found: set[str] = set()
        for q in pattern:
            if isinstance(q.subject, ox.NamedNode):
                found.add(q.subject.value)
            if len(found) >= limit:
                break
        return sorted(found)

    def select(self, query: str) -> list[dict[str, Term]]:
        """Rows of a SELECT made by the page code (project prefixes; the store's default graph)."""
        answer = self.store.query(
            query, prefixes=dict(PREFIXES), use_default_graph_as_union=self.union
        )
        names = [v.value for v in answer.variables]  # type: ignore[union-attr]
        return [
            {n: s[n] for n in names if s[n] is not None}
            for s in answer  # type: ignore[union-attr]
        ]

    def count(self, pattern: str) -> int:
        """How many solutions a graph pattern has (counted in the store: cheap)."""
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        return int(rows[0]["n"].value) if rows else 0  # type: ignore[union-attr]

    def _texts(self) -> dict[str, tuple[str, str]]:
        """Text node -> (resolution IRI, adoption date or "") of every resolution read."""
        texts: dict[str, tuple[str, str]] | None = self.cache.get("texts")
        if texts is None:
            rows = self.select(
                "SELECT ?r ?t ?d WHERE { ?r dckg:hasText ?t . "
                "OPTIONAL { ?r eli:date_document ?d } }"
            )
            texts = {
                r["t"].value: (r["r"].value, r["d"].value if "d" in r else "")  # type: ignore[union-attr]
                for r in rows
            }
            self.cache["texts"] = texts
        return texts

    def dates(self) -> dict[str, str]:
        """Resolution IRI -> adoption date ("" when unknown) of every resolution read."""
        return {r: d for r, d in self._texts().values()}

    def resolution_of_text(self, text: str) -> str:
        """The resolution a text node (``oa:hasSource`` of evidence) belongs to."""
        return self._texts().get(text, ("", ""))[0]

    def latest_texts(self) -> list[str]:
        """The text nodes of the resolutions read, latest resolution first."""
        texts = self._texts()
        return sorted(texts, key=lambda t: (texts[t][1], texts[t][0]), reverse=True)

    def latest(self) -> list[str]:
        """The resolutions read, latest first."""
        texts = self._texts()
        return [texts[t][0] for t in self.latest_texts()]

    def fields(self, items: list[str], fields: dict[str, str]) -> dict[str, dict[str, list[str]]]:
        """``fields`` (variable -> property path) of many items, read in one query.

        Item IRI -> variable -> values (distinct, in the order read).  One query per
        list rather than several pattern reads per item: a paragraph can hold a
        hundred acts and mentions.
        """
        out: dict[str, dict[str, list[str]]] = {i: {} for i in items}
        optional = " ".join(f"OPTIONAL {{ ?i {path} ?{var} }}" for var, path in fields.items())
        for start in range(0, len(items), 200):
            values = " ".join(self.term(i) for i in items[start : start + 200])
            query = (
                f"SELECT ?i ?{' ?'.join(fields)} WHERE {{ VALUES ?i {{ {values} }} {optional} }}"
            )
            for row in self.select(query):
                got = out[row["i"].value]  # type: ignore[union-attr]
                for var in fields:
                    term = row.get(var)
                    value = term.value if term is not None else ""  # type: ignore[union-attr]
                    if value and value not in got.setdefault(var, []):
                        got[var].append(value)
        return out

    def scan_latest(self, query: Callable[[str], str], enough: int) -> list[dict[str, Term]]:
        """Rows of ``query(VALUES ?src terms)`` over the texts of the latest resolutions.

        For nodes named thousands of times (the General Assembly, Member States),
        reading every match costs seconds (each IRI is read back from the store's
        dictionary); the latest :data:`SCAN_MAX` resolutions are searched instead,
        :data:`SCAN_BATCH` per query, until ``enough`` rows are found.
        """
        rows: list[dict[str, Term]] = []
        latest = self.latest_texts()[:SCAN_MAX]
        for i in range(0, len(latest), SCAN_BATCH):
            rows += self.select(query(" ".join(self.term(t) for t in latest[i : i + SCAN_BATCH])))
            if len(rows) >= enough:
                break
        return rows

    # -- presentation ------------------------------------------------------------
    def href(self, iri: str) -> str | None:
        """Where a browser goes for ``iri``: a local path under the base, else the IRI itself."""
        if iri.startswith(self.base):
            return "/" + iri[len(self.base) :]
        if iri.startswith(("http://", "https://")):
            return iri
        return None

    def label(self, iri: str) -> str:
        """A short name: preferred label, symbol, title, ``A/RES/63/197 op40``, prefixed name."""
        cached = self.labels.get(iri)
        if cached is not None:
            return cached
        symbol, pid = self.minter.locate(iri)
        text: str | None = None
        if symbol and pid and str(self.minter.paragraph(symbol, pid)) == iri:
            text = f"{symbol} {pid}"
        if text is None and iri.startswith(self.base):
            text = self._first_label(iri)
        if text is None:
            text = curie(iri) if not iri.startswith(self.base) else iri[len(self.base) :]
        if len(self.labels) > 50_000:
            self.labels.clear()
        self.labels[iri] = text
        return text

    def one(self, iri: str, predicate: object) -> str | None:
        """The first value (sorted) of one property of ``iri``: one index read, nothing else."""
        found = sorted(
            q.object.value  # type: ignore[union-attr]
            for q in self.store.quads_for_pattern(
                ox.NamedNode(iri), ox.NamedNode(str(predicate)), None, None
            )
        )
        return found[0] if found else None

    def _first_label(self, iri: str) -> str | None:
        """The first of :data:`LABEL_PROPERTIES` ``iri`` has (one index read per property)."""
        for p in LABEL_PROPERTIES:
            found = self.one(iri, p)
            if found is not None:
                return found
        return None

    def link(self, iri: str, label: str | None = None) -> Link:
        return Link(label if label is not None else self.label(iri), self.href(iri), iri)

    def value(self, term: Term) -> Value:
        """How an object is shown on a page."""
        if isinstance(term, ox.NamedNode):
            return Value(self.label(term.value), self.href(term.value))
        if isinstance(term, ox.Literal):
            if term.language:
                return Value(term.value, None, "@" + term.language)
            dt = term.datatype.value
            note = "" if dt.endswith("#string") else curie(dt)
            return Value(term.value, None, note)
        return Value(str(term))

    def statements(self, iri: str) -> list[tuple[Link, list[Value]]]:
        """Every statement about ``iri``: (property link, values), properties sorted by name."""
        props = self.out(iri)
        rows = [
            (Link(curie(p), self.href(p), p), [self.value(o) for o in objs])
            for p, objs in props.items()
        ]
        return sorted(rows, key=lambda r: r[0].label)

    def types(self, iri: str) -> set[str]:
        return {o.value for o in self.out(iri).get(TYPE, []) if isinstance(o, ox.NamedNode)}

    def first(self, props: dict[str, list[Term]], predicate: object) -> str | None:
        """The first object of ``predicate`` among ``props`` as a string (IRI or lexical form)."""
        values = props.get(str(predicate))
        return values[0].value if values else None  # type: ignore[union-attr]

    def all(self, props: dict[str, list[Term]], predicate: object) -> list[str]:
        return [v.value for v in props.get(str(predicate), [])]  # type: ignore[union-attr]

    def quote(self, item: str) -> str:
        """The exact words of an item's evidence (``oa:exact`` of its quote selector)."""
        for ev in self.all(self.out(item), DCKG.evidence):
            for selector in self.all(self.out(ev), OA.hasSelector):
                exact = self.first(self.out(selector), OA.exact)
                if exact is not None:
                    return exact
        return ""

    def term(self, iri: str) -> str:
        """``iri`` as SPARQL text (checked; never pasted raw)."""
        return sparql_term(ox.NamedNode(iri))

    def index(self, iri: str) -> int:
        """The 1-based number at the end of an item IRI (``.../mention/12`` -> 12)."""
        tail = iri.rsplit("/", 1)[-1]
        return int(tail) if tail.isdigit() else 0


def description(store: ox.Store, iri: str, base: str) -> list[ox.Triple]:
    """The triples served for ``iri`` (see the module docstring), sorted."""
    found: dict[str, ox.Triple] = {}
    todo, seen = [iri], {iri}
    while todo:
        subject = todo.pop()
        for q in store.quads_for_pattern(ox.NamedNode(subject), None, None, None):
            found.setdefault(str(q.triple), q.triple)
            o = _iri(q.object)
            if o and o.startswith(iri + "#") and o not in seen:
                seen.add(o)
                todo.append(o)
    if iri.startswith(base + "resolution/"):
        parts = 0
        for q in store.quads_for_pattern(None, None, ox.NamedNode(iri), None):
            s = _iri(q.subject)
            if s and s.startswith(iri + "/"):
                found.setdefault(str(q.triple), q.triple)
                parts += 1
                if parts >= MAX_INBOUND:
                    break
    first = f"<{iri}> "  # the node's own statements first, then its fragments and parts
    return [found[k] for k in sorted(found, key=lambda k: (not k.startswith(first), k))]


def sort_items(iris: Iterable[str], lookup: Lookup) -> list[str]:
    """Item IRIs in their minted order (``mention/2`` before ``mention/10``)."""
    return sorted(iris, key=lambda i: (i.rsplit("/", 2)[-2] if "/" in i else "", lookup.index(i)))
