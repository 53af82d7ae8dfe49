"""Interpretation -> SPARQL, built from fixed fragments and VALUES rows of typed terms.

The question's own words never reach the query.  What the interpreter
recognised becomes RDF terms here — entity, topic and resolution IRIs minted
by :class:`kg.rdf.iris.Minter` (the build's base), lemma, adverb and session
strings as escaped literals (:func:`kg.query.sparql_term`), years and
strengths as Python ints — and these fill ``VALUES`` rows and ``FILTER``
bounds of the fragments written below.

Shapes (``AskQuery.kind``; ``AskQuery.sparql`` is the query ``--explain`` shows):

* ``evidence`` — paragraph questions (intents paragraphs, about, resolutions):
  one ``UNION`` branch per *soft* condition (an entity mentioned, a topic or a
  narrower one, a directive with its addressee/verb, a cited resolution), each
  binding the condition number ``?c``, the paragraph ``?p`` and the matching
  node ``?ev``.  :func:`total_query` counts the candidates; few are ranked
  exactly in :mod:`kg.ask.answer`, many through :func:`window_query`, which
  ranks them inside the store (numbers only) and returns the best;
* ``resolutions`` — no condition but the scope: the resolutions themselves;
* ``directives`` — "what is X asked to do": the acts addressed to X;
* ``who`` — addressees counted inside the store (``GROUP BY ?who``);
* ``count`` — counts per resolution, every condition required.

Scope — conditions on the resolution (symbol, years, session, adopting body) —
is joined on the resolution IRI taken from the paragraph's IRI (IRIs are
built from printed identifiers by :mod:`kg.rdf.iris`: a paragraph's extends
its resolution's with ``/op/``, ``/pp/`` or ``/part/``).

Patterns are written to be cheap on a large on-disk store: two big scans are
joined as sub-selects (a hash join) rather than row by row, and there is no
``OPTIONAL`` (Oxigraph evaluates its right side on its own, a scan of the
graph); texts and spans come from small :func:`detail_query`,
:func:`spans_query` and :func:`resolutions_query` calls restricted by
``VALUES`` rows of the answers shown.

>>> from kg.ask.interpret import interpret
>>> q = build(interpret("which paragraphs address INCB funding"))
>>> q.kind, [c.label for c in q.constraints]
('evidence', ['mentions INCB', 'about funding'])
>>> "<https://w3id.org/dckg/body/INCB>" in q.sparql
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import Literal, NamedNode

from kg.ask.interpret import Interpretation
from kg.query import sparql_term
from kg.query_params import TermContext

__all__ = [
    "AskQuery",
    "Constraint",
    "build",
    "concerns_query",
    "constraints",
    "detail_query",
    "narrower",
    "resolution_of",
    "resolutions_query",
    "rows_query",
    "spans_query",
    "strength_query",
    "total_query",
    "who_examples_query",
    "window_query",
]

PREFIXES = """PREFIX dckg: <https://w3id.org/dckg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dct: <http://purl.org/dc/terms/>
"""
ASKED_STRENGTH = 2  # "who is asked ...": acts that ask someone to act
ACT_STRENGTH = 1  # a verb asked about means an act: preambular openers (strength 0) are not
RESOLUTION_OF = 'BIND(IRI(REPLACE(STR(?p), "/(?:op|pp|part)/.*$", "")) AS ?res)'
_UNDER = re.compile(r"^(.*?/resolution/.+?)/(?:op|pp|part)/")


def resolution_of(iri: str) -> str | None:
    """The IRI of the resolution a paragraph or item IRI lies under.

    >>> resolution_of("https://w3id.org/dckg/resolution/A/RES/75/101A-B/part/B/op/88")
    'https://w3id.org/dckg/resolution/A/RES/75/101A-B'
    """
    m = _UNDER.match(iri)
    return m.group(1) if m else None


@lru_cache(maxsize=64)
def narrower(topic: str) -> tuple[str, ...]:
    """``topic`` and every concept under it in the topic scheme (skos:broader, transitively).

    >>> narrower("related-crime")[:3]
    ('corruption', 'cybercrime', 'firearms')
    """
    from kg.extract.topics import scheme

    broader = {c.id: c.broader for c in scheme()}
    out = {topic}
    changed = True
    while changed:
        changed = False
        for cid, ups in broader.items():
            if cid not in out and any(u in out for u in ups):
                out.add(cid)
                changed = True
    return tuple(sorted(out))


@dataclass(frozen=True)
class Constraint:
    """One soft condition of a paragraph question: kind, ids, and a label for people."""

    key: int
    kind: str  # mention | topic | directive | citation
    values: tuple[str, ...]  # entity / topic ids, symbols, or addressee ids (directive)
    label: str
    lemmas: tuple[str, ...] = ()
    min_strength: int | None = None


@dataclass(frozen=True)
class AskQuery:
    """The main SPARQL of one interpretation and the soft conditions it numbers."""

    kind: str  # evidence | resolutions | directives | who | count
    sparql: str
    constraints: tuple[Constraint, ...] = ()


def _values(var: str, terms: list[str]) -> str:
    return f"VALUES {var} {{ {' '.join(terms)} }}"


def _nodes(iris: list[str]) -> str:
    return " ".join(sparql_term(NamedNode(x)) for x in iris)


def _select(head: str, body: list[str], tail: str = "") -> str:
    text = f"{PREFIXES}\n{head}\nWHERE {{\n  " + "\n  ".join(body) + "\n}"
    return text + (f"\n{tail}" if tail else "")


def constraints(i: Interpretation) -> list[Constraint]:
    """The soft conditions of a paragraph question, numbered from 1."""
    out: list[Constraint] = []
    for m in i.role("mention"):
        out.append(Constraint(len(out) + 1, "mention", (m.value,), f"mentions {m.value}"))
    addressees = tuple(m.value for m in i.role("addressee"))
    if addressees or i.verbs:
        verb = "/".join(i.lemmas) if i.lemmas else ("asks" if i.min_strength else "any act")
        label = verb + (f" -> {', '.join(addressees)}" if addressees else "")
        out.append(Constraint(len(out) + 1, "directive", addressees, label, i.lemmas, _floor(i)))
    for m in i.topics:
        out.append(Constraint(len(out) + 1, "topic", (m.value,), f"about {m.value}"))
    for s in i.cited_symbols():
        out.append(Constraint(len(out) + 1, "citation", (s,), f"cites {s}"))
    return out


def _floor(i: Interpretation) -> int:
    """The weakest act a question about verbs counts: "asked" 2, a named verb 1."""
    return int(i.min_strength) if i.min_strength is not None else ACT_STRENGTH


def _terms(ctx: TermContext, c: Constraint) -> list[str]:
    if c.kind == "topic":
        return [sparql_term(ctx.topic(t)) for v in c.values for t in narrower(v)]
    if c.kind == "citation":
        return [sparql_term(ctx.resolution(v)) for v in c.values]
    return [sparql_term(ctx.entity(v)) for v in c.values]


def _acts(
    ctx: TermContext, c: Constraint, ev: str = "?ev", p: str = "?p", who: str = "?who"
) -> list[str]:
    """The acts of a directive condition (addressee and lemma joined as two scans)."""
    lines: list[str] = []
    if c.values:
        addressees = _values(who, _terms(ctx, c))
        lines.append(f"{{ SELECT {ev} {who} WHERE {{ {addressees} {ev} dckg:addressee {who} }} }}")
    if c.lemmas:
        lemmas = _values("?lemma", [sparql_term(Literal(x)) for x in c.lemmas])
        lines.append(f"{{ SELECT {ev} ?lemma WHERE {{ {lemmas} {ev} dckg:lemma ?lemma }} }}")
    if not lines:
        lines.append(f"{ev} a dckg:Directive .")
    lines.append(f"{ev} dckg:inParagraph {p} ; dckg:strength ?strength ; dckg:verb ?verb .")
    if c.min_strength is not None:
        lines.append(f"FILTER(?strength >= {int(c.min_strength)})")
    return lines


def _branch(ctx: TermContext, c: Constraint, restrict: str | None) -> str:
    """One UNION branch binding ?c ?p ?ev ?what (and ?verb ?strength for acts)."""
    body = [f"VALUES ?c {{ {int(c.key)} }}"] + ([restrict] if restrict else [])
    if c.kind == "mention":
        body += [
            _values("?what", _terms(ctx, c)),
            "?ev dckg:mentions ?what ; dckg:inParagraph ?p .",
        ]
    elif c.kind == "topic":
        body += [_values("?what", _terms(ctx, c)), "?p eli:is_about ?what ."]
    elif c.kind == "citation":
        body += [
            _values("?what", _terms(ctx, c)),
            "?ev dckg:citedResource ?what ; dckg:inParagraph ?p .",
        ]
    else:
        body += _acts(ctx, c, who="?what")
    return "{\n    " + "\n    ".join(body) + "\n  }"


def _scope(ctx: TermContext, i: Interpretation, derive: bool) -> list[str]:
    """The resolution conditions, on ?res (derived from ?p first when ``derive``)."""
    lines: list[str] = []
    scope = i.scope_symbols()
    if scope:
        lines.append(_values("?res", [sparql_term(ctx.resolution(s)) for s in scope]))
    adopters = [sparql_term(ctx.entity(m.value)) for m in i.role("adopter")]
    if adopters:
        lines.append(
            f"{{ SELECT ?res WHERE {{ {_values('?by', adopters)} ?res eli:passed_by ?by }} }}"
        )
    if i.sessions:
        sessions = _values("?session", [sparql_term(Literal(m.value)) for m in i.sessions])
        lines.append(f"{{ SELECT ?res WHERE {{ {sessions} ?res dckg:session ?session }} }}")
    if i.years is not None:
        lo, hi = (int(y) for y in i.years)
        years = f"FILTER(YEAR(?date) >= {lo} && YEAR(?date) <= {hi})"
        lines.append(f"{{ SELECT ?res WHERE {{ ?res eli:date_document ?date {years} }} }}")
    return ([RESOLUTION_OF] if derive and lines else []) + lines


def _evidence(ctx: TermContext, i: Interpretation, restrict: str | None = None) -> list[str]:
    branches = "\n  UNION ".join(_branch(ctx, c, restrict) for c in constraints(i))
    return [branches, *_scope(ctx, i, derive=True)]


def rows_query(ctx: TermContext, i: Interpretation, paragraphs: list[str] | None = None) -> str:
    """Every (condition, paragraph, node) row; only of ``paragraphs`` when given."""
    restrict = _values("?p", [_nodes(paragraphs)]) if paragraphs is not None else None
    return _select("SELECT ?c ?p ?ev ?what ?verb ?strength", _evidence(ctx, i, restrict))


def total_query(ctx: TermContext, i: Interpretation, unit: str = "?p") -> str:
    """How many paragraphs (or resolutions, ``unit="?res"``) meet a condition."""
    body = _evidence(ctx, i)
    if unit == "?res" and RESOLUTION_OF not in body:
        body.append(RESOLUTION_OF)
    return _select(f"SELECT (COUNT(DISTINCT {unit}) AS ?n)", body)


def window_query(ctx: TermContext, i: Interpretation, size: int) -> str:
    """The best ``size`` paragraphs, ranked in the store by numbers only (see kg.ask.answer)."""
    adverb = sparql_term(Literal(i.adverb.value.lower())) if i.adverb else '""'
    head = (
        "SELECT ?p (COUNT(DISTINCT ?c) AS ?cov) (MAX(COALESCE(?strength, 0)) AS ?s)\n"
        f'  (MAX(IF(STRLEN({adverb}) > 0 && CONTAINS(LCASE(COALESCE(?verb, "")), {adverb}),\n'
        "          1, 0)) AS ?adv)\n"
        "  (COUNT(DISTINCT ?ev) AS ?n)"
    )
    order = "DESC(?s) DESC(?cov)" if i.strongest_first else "DESC(?cov)"
    tail = f"GROUP BY ?p\nORDER BY {order} DESC(?adv) DESC(?s) DESC(?n)\nLIMIT {int(size)}"
    return _select(head, _evidence(ctx, i), tail)


def resolution_window_query(ctx: TermContext, i: Interpretation, size: int) -> str:
    """The best ``size`` resolutions: most conditions met, then most paragraphs."""
    body = _evidence(ctx, i)
    if RESOLUTION_OF not in body:
        body.append(RESOLUTION_OF)
    head = "SELECT ?res (COUNT(DISTINCT ?c) AS ?cov) (COUNT(DISTINCT ?p) AS ?n)"
    return _select(head, body, f"GROUP BY ?res\nORDER BY DESC(?cov) DESC(?n)\nLIMIT {int(size)}")


def resolution_rows_query(ctx: TermContext, i: Interpretation, resolutions: list[str]) -> str:
    """The evidence rows of the given resolutions' paragraphs."""
    body = _evidence(ctx, i)
    if RESOLUTION_OF not in body:
        body.append(RESOLUTION_OF)
    body.append(_values("?res", [_nodes(resolutions)]))
    return _select("SELECT ?c ?p ?ev ?what ?verb ?strength", body)


def build(i: Interpretation, ctx: TermContext | None = None) -> AskQuery:
    """The main query of an understood interpretation."""
    ctx = ctx or TermContext()
    if i.intent == "count":
        return _count(ctx, i)
    if i.intent == "who":
        return AskQuery("who", _who(ctx, i))
    if i.intent == "tasks":
        return AskQuery("directives", _tasks(ctx, i))
    conditions = tuple(constraints(i))
    if not conditions:
        body = ["?res dckg:hasText ?text .", *_scope(ctx, i, derive=False)]
        return AskQuery("resolutions", _select("SELECT DISTINCT ?res", body))
    return AskQuery("evidence", rows_query(ctx, i), conditions)


def _act_conditions(
    ctx: TermContext, i: Interpretation, addressees: list[str], detail: bool
) -> list[str]:
    """The acts of who / tasks questions: ``?ev ?who ?strength`` (and ``?p ?verb ?lemma``).

    Selective conditions come first; an act set with no addressee, verb, concern
    or topic given is read as whole-column scans joined by hash (one pass each).
    """
    body: list[str] = []
    narrowed = bool(addressees or i.lemmas)
    if i.intent == "who":
        for m in (m for m in i.entities if m.role in ("concern", "mention")):
            body.append(f"?ev dckg:concerns {sparql_term(ctx.entity(m.value))} .")
            narrowed = True
        for n, t in enumerate(i.topics, 1):
            topics = _values(f"?topic{n}", [sparql_term(ctx.topic(x)) for x in narrower(t.value)])
            body.append(f"{{ SELECT ?p WHERE {{ {topics} ?p eli:is_about ?topic{n} }} }}")
            narrowed = True
    if addressees:
        who = _values("?who", addressees)
        body.append(f"{{ SELECT ?ev ?who WHERE {{ {who} ?ev dckg:addressee ?who }} }}")
    if i.lemmas:
        lemmas = _values("?lemma", [sparql_term(Literal(x)) for x in i.lemmas])
        body.append(f"{{ SELECT ?ev ?lemma WHERE {{ {lemmas} ?ev dckg:lemma ?lemma }} }}")
    weakest = _floor(i) if i.lemmas else int(i.min_strength or ASKED_STRENGTH)
    at_least = f"FILTER(?strength >= {weakest})"
    if narrowed:
        body.append(f"?ev dckg:strength ?strength . {at_least}".strip())
        if not addressees:
            body.append("?ev dckg:addressee ?who .")
    else:
        body.append(
            f"{{ SELECT ?ev ?strength WHERE {{ ?ev dckg:strength ?strength {at_least} }} }}"
        )
        body.append("{ SELECT ?ev ?who WHERE { ?ev dckg:addressee ?who } }")
    scope = _scope(ctx, i, derive=True)
    if detail or i.topics or scope:
        body.append("?ev dckg:inParagraph ?p .")
    if detail:
        body.append("?ev dckg:verb ?verb ." + ("" if i.lemmas else " ?ev dckg:lemma ?lemma ."))
    return [*body, *scope]


def _tasks(ctx: TermContext, i: Interpretation) -> str:
    addressees = [sparql_term(ctx.entity(m.value)) for m in i.role("addressee")]
    body = _act_conditions(ctx, i, addressees, detail=True)
    return _select("SELECT ?ev ?who ?p ?lemma ?verb ?strength", body)


def _who(ctx: TermContext, i: Interpretation) -> str:
    head = "SELECT ?who (COUNT(DISTINCT ?ev) AS ?n) (MAX(?strength) AS ?s)"
    tail = "GROUP BY ?who\nORDER BY DESC(?n) DESC(?s) ?who"
    return _select(head, _act_conditions(ctx, i, [], detail=False), tail)


def who_examples_query(
    ctx: TermContext, i: Interpretation, whos: list[str], size: int | None
) -> str:
    """The acts of some addressees of a who question (the strongest ``size`` when given)."""
    head = "SELECT ?ev ?who ?p ?lemma ?verb ?strength"
    if not size:  # all their acts: start from the addressees
        return _select(head, _act_conditions(ctx, i, [_nodes(whos)], detail=True))
    # many acts: pick the strongest in one pass over the columns, then read their details
    acts = [*_act_conditions(ctx, i, [], detail=False), _values("?who", [_nodes(whos)])]
    inner = "\n    ".join(acts)
    pick = f"ORDER BY DESC(?strength) LIMIT {int(size)}"
    return _select(
        head,
        [
            f"{{ SELECT ?ev ?who ?strength WHERE {{\n    {inner}\n  }} {pick} }}",
            "?ev dckg:inParagraph ?p ; dckg:verb ?verb ; dckg:lemma ?lemma .",
        ],
    )


def _count(ctx: TermContext, i: Interpretation) -> AskQuery:
    """Counts per resolution; every condition must hold.

    Acts: all conditions on the act.  Paragraphs: one paragraph meets them
    all.  Resolutions: each is met by some paragraph of the resolution.
    """
    what = i.count_what or "paragraphs"
    if what == "directives":
        c = Constraint(
            0,
            "directive",
            tuple(m.value for m in i.role("addressee")),
            "",
            i.lemmas,
            _floor(i),
        )
        body = _acts(ctx, c)
        for m in i.role("mention"):
            body.append(f"?ev dckg:addressee|dckg:concerns {sparql_term(ctx.entity(m.value))} .")
        for n, t in enumerate(i.topics, 1):
            topics = _values(f"?topic{n}", [sparql_term(ctx.topic(x)) for x in narrower(t.value)])
            body.append(f"{{ SELECT ?p WHERE {{ {topics} ?p eli:is_about ?topic{n} }} }}")
        body += _scope(ctx, i, derive=True) or [RESOLUTION_OF]
        return AskQuery(
            "count", _select("SELECT ?res (COUNT(DISTINCT ?ev) AS ?n)", body, "GROUP BY ?res")
        )
    conditions = constraints(i)
    needed = len(conditions)
    if not conditions:
        if what == "resolutions":
            body = ["?res dckg:hasText ?text .", *_scope(ctx, i, derive=False)]
            return AskQuery("count", _select("SELECT ?res (1 AS ?n)", body))
        body = ["?p a dckg:Paragraph .", *(_scope(ctx, i, derive=True) or [RESOLUTION_OF])]
        return AskQuery("count", _select("SELECT ?res (COUNT(?p) AS ?n)", body, "GROUP BY ?res"))
    union = "\n  UNION ".join(_branch(ctx, c, None) for c in conditions)
    scope = _scope(ctx, i, derive=True) or [RESOLUTION_OF]
    if what == "resolutions":
        tail = f"GROUP BY ?res\nHAVING (COUNT(DISTINCT ?c) = {needed})"
        return AskQuery(
            "count", _select("SELECT ?res (1 AS ?n)", [union, *scope], tail), tuple(conditions)
        )
    having = f"GROUP BY ?p HAVING (COUNT(DISTINCT ?c) = {needed})"
    inner = f"{{ SELECT ?p WHERE {{\n  {union}\n  }} {having} }}"
    query = _select("SELECT ?res (COUNT(?p) AS ?n)", [inner, *scope], "GROUP BY ?res")
    return AskQuery("count", query, tuple(conditions))


# ------------------------------------------------------------ detail queries


def detail_query(paragraphs: list[str]) -> str:
    """Class, text and start offset of the paragraphs shown."""
    return _select(
        "SELECT ?p ?kind ?text ?start",
        [
            f"VALUES ?p {{ {_nodes(paragraphs)} }}",
            "?p a ?kind ; dckg:text ?text ; dckg:evidence ?sr . ?sr oa:hasSelector ?pos .",
            "?pos oa:start ?start .",
            "FILTER(?kind IN (dckg:PreambularParagraph, dckg:OperativeParagraph,\n"
            "                 dckg:Subparagraph))",
        ],
    )


def spans_query(nodes: list[str]) -> str:
    """Span (start, end, exact words) of mentions, citations and acts, and the acts' action."""
    values = f"VALUES ?node {{ {_nodes(nodes)} }}"
    span = (
        f"{{ {values} ?node dckg:evidence ?sr . ?sr oa:hasSelector ?pos , ?quote .\n"
        "    ?pos oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact . }"
    )
    action = f"UNION {{ {values} ?node dckg:action ?action }}"
    return _select("SELECT ?node ?start ?end ?exact ?action", [span, action])


def strength_query(paragraphs: list[str]) -> str:
    """The strongest act of each paragraph (for ranking when no act was asked about)."""
    return _select(
        "SELECT ?p (MAX(?s) AS ?strength)",
        [f"VALUES ?p {{ {_nodes(paragraphs)} }}", "?d dckg:inParagraph ?p ; dckg:strength ?s ."],
        "GROUP BY ?p",
    )


def resolutions_query(resolutions: list[str]) -> str:
    """Symbol, title and date of the resolutions shown."""
    values = f"VALUES ?res {{ {_nodes(resolutions)} }}"
    return _select(
        "SELECT ?res ?symbol ?title ?date",
        [
            f"{{ {values} ?res dckg:symbol ?symbol . }}",
            f"UNION {{ {values} ?res dct:title ?title . }}",
            f"UNION {{ {values} ?res eli:date_document ?date . }}",
        ],
    )


def concerns_query(ctx: TermContext, entities: list[str]) -> str:
    """The acts that concern the given entities (to rank "what is X asked to do about Y")."""
    values = _values("?concern", [sparql_term(ctx.entity(e)) for e in entities])
    return _select("SELECT ?ev ?concern", [values, "?ev dckg:concerns ?concern ."])
