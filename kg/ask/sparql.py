"""Interpretation -> SPARQL, built from fixed fragments and VALUES rows of typed terms.

The question's own words never reach the query.  What the interpreter
recognised becomes RDF terms here — entity, topic and resolution IRIs minted
by :class:`kg.rdf.iris.Minter` (the build's base), lemma and session strings
as escaped literals (:func:`kg.query.sparql_term`), years and strengths as
Python ints — and these fill ``VALUES`` rows and ``FILTER`` bounds of
fragments written below.

Query shapes (``AskQuery.kind``):

* ``evidence`` — paragraph questions (intents paragraphs, about, resolutions):
  one ``UNION`` branch per *soft* constraint (an entity mentioned, a topic, a
  directive with its addressee/verb, a cited resolution), each binding the
  constraint number ``?c``, the paragraph ``?p`` and the evidence node
  ``?ev`` with its span; *hard* filters (resolution, years, session, adopting
  body) apply to all.  Ranking happens in :mod:`kg.ask.answer`.
* ``resolutions`` — resolutions chosen by hard filters only.
* ``directives`` — intents who / tasks: the acts, with addressee, verb, span.
* ``count`` — ``COUNT(DISTINCT ...)`` per resolution, every constraint required.

>>> from kg.ask.interpret import interpret
>>> q = build(interpret("which paragraphs address INCB funding"))
>>> q.kind, [c.label for c in q.constraints]
('evidence', ['mentions INCB', 'about funding'])
>>> "<https://w3id.org/dckg/body/INCB>" in q.sparql
True
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from kg.ask.interpret import Interpretation
from kg.query import sparql_term
from kg.query_params import TermContext

__all__ = ["AskQuery", "Constraint", "build", "detail_query", "strength_query"]

PREFIXES = """PREFIX dckg: <https://w3id.org/dckg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
"""
ASKED_STRENGTH = 2  # "who is asked ...": acts that ask someone to act


@dataclass(frozen=True)
class Constraint:
    """One soft condition of an evidence query: kind, ids, and a label for people."""

    key: int
    kind: str  # mention | topic | directive | citation
    values: tuple[str, ...]  # entity / topic ids, symbols, or addressee ids (directive)
    label: str
    lemmas: tuple[str, ...] = ()
    min_strength: int | None = None


@dataclass(frozen=True)
class AskQuery:
    """The SPARQL for one interpretation, and what its soft constraints are."""

    kind: str  # evidence | resolutions | directives | count
    sparql: str
    constraints: tuple[Constraint, ...] = ()


def _values(var: str, terms: list[str]) -> str:
    return f"VALUES {var} {{ {' '.join(terms)} }}"


def _constraints(i: Interpretation) -> list[Constraint]:
    out: list[Constraint] = []
    for m in i.role("mention"):
        out.append(Constraint(len(out) + 1, "mention", (m.value,), f"mentions {m.value}"))
    addressees = tuple(m.value for m in i.role("addressee"))
    if addressees or i.verbs:
        verb = "/".join(i.lemmas) if i.lemmas else ("asks" if i.min_strength else "any act")
        who = f" -> {', '.join(addressees)}" if addressees else ""
        out.append(
            Constraint(
                len(out) + 1, "directive", addressees, f"{verb}{who}", i.lemmas, i.min_strength
            )
        )
    for m in i.topics:
        out.append(Constraint(len(out) + 1, "topic", (m.value,), f"about {m.value}"))
    for s in i.cited_symbols():
        out.append(Constraint(len(out) + 1, "citation", (s,), f"cites {s}"))
    return out


def _terms(ctx: TermContext, c: Constraint) -> list[str]:
    if c.kind == "topic":
        return [sparql_term(ctx.topic(v)) for v in c.values]
    if c.kind == "citation":
        return [sparql_term(ctx.resolution(v)) for v in c.values]
    return [sparql_term(ctx.entity(v)) for v in c.values]


def _directive_lines(c: Constraint, ev: str, p: str, who: str, lemma: str) -> list[str]:
    lines = [
        f"{ev} a dckg:Directive ; dckg:inParagraph {p} ;",
        f"    dckg:lemma {lemma} ; dckg:strength ?strength .",
    ]
    if c.lemmas:
        lines.insert(0, _values(lemma, [sparql_term(Literal(x)) for x in c.lemmas]))
    if c.min_strength is not None:
        lines.append(f"FILTER(?strength >= {int(c.min_strength)})")
    if c.values:
        lines.append(f"{ev} dckg:addressee {who} .")
    return lines


def _span(node: str) -> str:
    """The evidence span of ``node`` (every mapped node has one; no OPTIONAL, which is slow)."""
    return (
        f"{node} dckg:evidence ?sr . ?sr oa:hasSelector ?pos , ?quote .\n"
        "    ?pos oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact ."
    )


def _branch(ctx: TermContext, c: Constraint) -> str:
    """One UNION branch binding ?c ?p ?ev ?what and the span (and ?verb ?strength for acts).

    A topic branch's span is the paragraph's own (its words are found again in Python).
    """
    body = [f"VALUES ?c {{ {int(c.key)} }}"]
    if c.kind == "mention":
        body += [
            _values("?what", _terms(ctx, c)),
            "?ev dckg:inParagraph ?p ; dckg:mentions ?what .",
            _span("?ev"),
        ]
    elif c.kind == "topic":
        body += [
            _values("?what", _terms(ctx, c)),
            "?p eli:is_about/skos:broader* ?what .",
            _span("?p"),
        ]
    elif c.kind == "citation":
        body += [
            _values("?what", _terms(ctx, c)),
            "?ev dckg:inParagraph ?p ; dckg:citedResource ?what .",
            _span("?ev"),
        ]
    else:
        body += ([_values("?what", _terms(ctx, c))] if c.values else []) + _directive_lines(
            c, "?ev", "?p", "?what", "?lemma"
        )
        body += ["?ev dckg:verb ?verb .", _span("?ev")]
    return "{\n    " + "\n    ".join(body) + "\n  }"


def _hard(ctx: TermContext, i: Interpretation, res: str = "?res") -> list[str]:
    """Filters every answer must pass: resolution, adopting body, session, years."""
    lines = [f"{res} a dckg:Resolution ; dckg:symbol ?symbol ."]
    scope = i.scope_symbols()
    if scope:
        lines.insert(0, _values(res, [sparql_term(ctx.resolution(s)) for s in scope]))
    adopters = [m.value for m in i.role("adopter")]
    if adopters:
        lines.append(_values("?adopter", [sparql_term(ctx.entity(a)) for a in adopters]))
        lines.append(f"{res} eli:passed_by ?adopter .")
    if i.sessions:
        lines.append(_values("?session", [sparql_term(Literal(m.value)) for m in i.sessions]))
        lines.append(f"{res} dckg:session ?session .")
    if i.years is not None:
        lo, hi = (int(y) for y in i.years)
        lines.append(f"{res} eli:date_document ?date .")
        lines.append(f"FILTER(YEAR(?date) >= {lo} && YEAR(?date) <= {hi})")
    return lines


def _select(head: str, body: list[str], tail: str = "") -> str:
    text = f"{PREFIXES}\n{head}\nWHERE {{\n  " + "\n  ".join(body) + "\n}"
    return text + (f"\n{tail}" if tail else "")


def build(i: Interpretation, ctx: TermContext | None = None) -> AskQuery:
    """The SPARQL for an understood interpretation."""
    ctx = ctx or TermContext()
    if i.intent == "count":
        return AskQuery("count", _count(ctx, i))
    if i.intent in ("who", "tasks"):
        return AskQuery("directives", _directives(ctx, i))
    constraints = _constraints(i)
    if not constraints:
        body = [*_hard(ctx, i), "?res dckg:hasText ?text .", "OPTIONAL { ?res dct:title ?title }"]
        if i.years is None:
            body.append("OPTIONAL { ?res eli:date_document ?date }")
        return AskQuery(
            "resolutions",
            _select("SELECT ?res ?symbol ?date ?title", body, "ORDER BY ?date ?symbol"),
        )
    branches = "\n  UNION ".join(_branch(ctx, c) for c in constraints)
    body = [branches, "?p dckg:order ?order ; eli:is_part_of+ ?res .", *_hard(ctx, i)]
    if i.intent == "resolutions":
        body.append("OPTIONAL { ?res dct:title ?title }")
    head = "SELECT ?c ?p ?symbol ?order ?what ?ev ?start ?end ?exact ?verb ?strength"
    if i.intent == "resolutions":
        head += " ?title"
    return AskQuery("evidence", _select(head, body), tuple(constraints))


def _directives(ctx: TermContext, i: Interpretation) -> str:
    """The acts for who / tasks questions (tasks: one addressee; who: any)."""
    lemmas = [sparql_term(Literal(x)) for x in i.lemmas]
    body = [
        "?ev a dckg:Directive ; dckg:inParagraph ?p ; dckg:addressee ?who ;",
        "    dckg:lemma ?lemma ; dckg:verb ?verb ; dckg:strength ?strength .",
    ]
    if i.intent == "tasks":
        body.insert(
            0, _values("?who", [sparql_term(ctx.entity(m.value)) for m in i.role("addressee")])
        )
    if lemmas:
        body.insert(0, _values("?lemma", lemmas))
    else:
        body.append(f"FILTER(?strength >= {int(i.min_strength or ASKED_STRENGTH)})")
    extra = [m for m in i.entities if m.role in ("concern", "mention")]
    if i.intent == "who":
        for m in extra:
            body.append(f"?ev dckg:concerns {sparql_term(ctx.entity(m.value))} .")
        for n, t in enumerate(i.topics, 1):
            body.append(f"?p eli:is_about/skos:broader* ?topic{n} .")
            body.insert(0, _values(f"?topic{n}", [sparql_term(ctx.topic(t.value))]))
    body += [
        "?p dckg:order ?order ; eli:is_part_of+ ?res .",
        *_hard(ctx, i),
        _span("?ev"),
        "OPTIONAL { ?ev dckg:action ?action }",
    ]
    head = "SELECT ?ev ?who ?p ?symbol ?order ?verb ?lemma ?strength ?start ?end ?exact ?action"
    if i.intent == "tasks" and extra:
        body.append(
            "OPTIONAL { "
            + _values("?concern", [sparql_term(ctx.entity(m.value)) for m in extra])
            + " ?ev dckg:concerns ?concern . }"
        )
        head += " ?concern"
    return _select(head, body)


def _count(ctx: TermContext, i: Interpretation) -> str:
    """COUNT per resolution; every recognised condition must hold."""
    what = i.count_what or "paragraphs"
    body: list[str] = []
    if what == "directives":
        c = Constraint(
            0,
            "directive",
            tuple(m.value for m in i.role("addressee")),
            "",
            i.lemmas,
            i.min_strength,
        )
        if c.values:
            body.append(_values("?who", [sparql_term(ctx.entity(v)) for v in c.values]))
        body += _directive_lines(c, "?ev", "?p", "?who", "?lemma")
        for m in i.role("mention"):
            body.append(f"?ev dckg:addressee|dckg:concerns {sparql_term(ctx.entity(m.value))} .")
    else:
        per = "?p" if what == "paragraphs" else None
        for n, c in enumerate(_constraints(i), 1):
            p = per or f"?p{n}"
            terms = _terms(ctx, c)
            if c.kind == "mention":
                body.append(f"?m{n} dckg:inParagraph {p} ; dckg:mentions {terms[0]} .")
            elif c.kind == "topic":
                body.append(f"{p} eli:is_about/skos:broader* {terms[0]} .")
            elif c.kind == "citation":
                body.append(f"{p} eli:cites {terms[0]} .")
            else:
                if c.values:
                    body.append(_values(f"?who{n}", terms))
                body += _directive_lines(c, f"?d{n}", p, f"?who{n}", f"?lemma{n}")
            if per is None:
                body.append(f"{p} eli:is_part_of+ ?res .")
        if per is None and not body:
            body.append("?res dckg:hasText ?text .")
    target = {"directives": "?ev", "paragraphs": "?p", "resolutions": "?res"}[what]
    if what != "resolutions":
        body.append("?p eli:is_part_of+ ?res .")
    if what == "paragraphs" and len(body) == 1:
        body.insert(0, "?p a dckg:Paragraph .")
    body += _hard(ctx, i)
    head = f"SELECT ?symbol (COUNT(DISTINCT {target}) AS ?n)"
    return _select(head, body, "GROUP BY ?symbol\nORDER BY ?symbol")


def detail_query(paragraphs: list[str]) -> str:
    """Text, class, start offset and strongest act of the paragraphs to show."""
    rows = " ".join(sparql_term(NamedNode(p)) for p in paragraphs)
    return _select(
        "SELECT ?p ?kind ?text ?start (MAX(?s) AS ?strength)",
        [
            f"VALUES ?p {{ {rows} }}",
            "?p a ?kind ; dckg:text ?text ; dckg:evidence/oa:hasSelector ?pos .",
            "?pos oa:start ?start .",
            "FILTER(?kind IN (dckg:PreambularParagraph, dckg:OperativeParagraph,",
            "                 dckg:Subparagraph))",
            "OPTIONAL { ?d a dckg:Directive ; dckg:inParagraph ?p ; dckg:strength ?s }",
        ],
        "GROUP BY ?p ?kind ?text ?start",
    )


def strength_query(paragraphs: list[str]) -> str:
    """The strongest act of each paragraph (for ranking when no act was asked about)."""
    rows = " ".join(sparql_term(NamedNode(p)) for p in paragraphs)
    return _select(
        "SELECT ?p (MAX(?s) AS ?strength)",
        [f"VALUES ?p {{ {rows} }}", "?d dckg:inParagraph ?p ; dckg:strength ?s ."],
        "GROUP BY ?p",
    )
