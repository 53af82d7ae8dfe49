"""Run the SPARQL of a question, rank what comes back, and shape the answers.

Ranking (deterministic):

1. how many of the question's conditions a paragraph meets (an entity named
   *and* the topic beat either alone) — with "most strongly", the strength of
   the matched act comes first;
2. whether a matched act is printed with the asked adverb ("strongly urges");
3. the strength of the matched act (5 decides ... 1 notes);
4. how many evidence items matched;
5. the resolution symbol (numeric parts compared as numbers), then reading order.

Every answer carries its evidence: the mentions, acts, citations and topic
words that matched, each with its text and its span (offsets into the
resolution's normalised text, as ``dckg extract`` reports them).  Topic
evidence is recomputed with the extraction's own patterns
(:func:`kg.extract.topics.topic_hits`) on the paragraph, since the graph
records a paragraph's topics but not their words.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from kg.ask.interpret import Interpretation, interpret
from kg.ask.sparql import AskQuery, Constraint, build, detail_query, strength_query
from kg.query import Engine, Results, Term, plain
from kg.query_params import TermContext

__all__ = ["Answer", "AskResult", "Evidence", "ask", "symbol_key"]

DEFAULT_LIMIT = 10
EXAMPLES_SHOWN = 5  # evidence acts listed under one addressee


@dataclass(frozen=True)
class Evidence:
    """A span that made an answer match: what it is, its id, its words and offsets."""

    type: str  # mention | topic | directive | citation
    id: str  # entity or topic id, lemma, cited symbol
    text: str
    span: tuple[int, int] | None
    resolution: str | None = None
    paragraph: str | None = None
    verb: str | None = None
    strength: int | None = None


@dataclass(frozen=True)
class Answer:
    """One answer: a paragraph, resolution, act, addressee or count."""

    resolution: str | None
    paragraph: str | None  # paragraph id as in `dckg extract` ("op40", "op33.a")
    kind: str  # paragraph | resolution | directive | addressee | count
    text: str
    evidence: tuple[Evidence, ...] = ()
    matched: tuple[str, ...] = ()  # the conditions met, as labels
    score: int = 0  # number of conditions met
    strength: int | None = None
    count: int | None = None
    paragraph_kind: str | None = None  # operative | preambular | subparagraph


@dataclass(frozen=True)
class AskResult:
    """The question, how it was understood, the SPARQL run and the ranked answers."""

    question: str
    interpretation: Interpretation
    sparql: str | None
    answers: tuple[Answer, ...]
    total: int = 0  # answers found before the limit
    message: str = ""
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return not self.interpretation.understood

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "interpretation": self.interpretation.to_dict(),
            "sparql": self.sparql,
            "answers": [asdict(a) for a in self.answers],
            "total": self.total,
            "message": self.message,
        }


def symbol_key(symbol: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a symbol: numbers as numbers ("A/RES/9/1" before "A/RES/10/1").

    >>> sorted(["A/RES/63/197", "A/RES/61/183", "A/RES/S-20/2"], key=symbol_key)
    ['A/RES/61/183', 'A/RES/63/197', 'A/RES/S-20/2']
    """
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", symbol) if p)


def _int(term: Term | None) -> int | None:
    text = _str(term)
    return int(text) if text is not None and re.fullmatch(r"-?\d+", text) else None


def _str(term: Term | None) -> str | None:
    return None if term is None else plain(term)


def _row(results: Results, row: tuple[Term | None, ...]) -> dict[str, Term | None]:
    return dict(zip(results.variables, row, strict=True))


@lru_cache(maxsize=1)
def _broader() -> dict[str, tuple[str, ...]]:
    from kg.extract.topics import scheme

    return {c.id: c.broader for c in scheme()}


def _under(topic: str, wanted: str) -> bool:
    """Is ``topic`` ``wanted`` or a narrower concept of it?"""
    seen, todo = set(), [topic]
    while todo:
        t = todo.pop()
        if t == wanted:
            return True
        if t not in seen:
            seen.add(t)
            todo.extend(_broader().get(t, ()))
    return False


def topic_evidence(text: str, start: int, wanted: Iterable[str]) -> list[Evidence]:
    """The words of ``text`` (at offset ``start``) that make it about the wanted topics."""
    from kg.extract.topics import topic_hits

    goals = list(wanted)
    out = []
    for h in topic_hits(text, start):
        for w in goals:
            if _under(h.topic, w):
                out.append(Evidence("topic", w, h.evidence, h.span))
    return out


def _entity_id(iri: str) -> str:
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


def _kind(iri: str | None) -> str | None:
    if iri is None:
        return None
    name = iri.rsplit("#", 1)[-1]
    return {"PreambularParagraph": "preambular", "OperativeParagraph": "operative"}.get(
        name, "subparagraph"
    )


# ---------------------------------------------------------------- evidence


@dataclass
class _Hit:
    """What matched in one paragraph (mutable while rows are read)."""

    iri: str
    symbol: str
    order: int
    keys: set[int] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)
    strength: int = 0
    adverb: bool = False
    title: str | None = None
    topic_text: tuple[str, int] | None = None


def _hits(i: Interpretation, q: AskQuery, results: Results) -> dict[str, _Hit]:
    by_key = {c.key: c for c in q.constraints}
    hits: dict[str, _Hit] = {}
    seen: set[tuple[str, str | None, int]] = set()
    adverb = i.adverb.value.lower() if i.adverb else None
    for raw in results.rows:
        r = _row(results, raw)
        p, key = _str(r["p"]), _int(r["c"])
        if p is None or key is None:
            continue
        c: Constraint = by_key[key]
        hit = hits.setdefault(p, _Hit(p, _str(r["symbol"]) or "", _int(r["order"]) or 0))
        hit.keys.add(key)
        hit.title = _str(r.get("title")) or hit.title
        start, end, exact = _int(r["start"]), _int(r["end"]), _str(r["exact"])
        if c.kind == "topic":
            if exact is not None and start is not None:
                hit.topic_text = (exact, start)
            continue
        ev_id = _str(r["ev"])
        if (p, ev_id, key) in seen:
            continue
        seen.add((p, ev_id, key))
        what = _str(r["what"])
        span = (start, end) if start is not None and end is not None else None
        if c.kind == "directive":
            verb, strength = _str(r["verb"]) or "", _int(r["strength"]) or 0
            hit.strength = max(hit.strength, strength)
            hit.adverb = hit.adverb or bool(adverb and adverb in verb.lower())
            lemma = "/".join(c.lemmas) or verb
            hit.evidence.append(
                Evidence("directive", lemma, exact or "", span, verb=verb, strength=strength)
            )
        else:
            ident = c.values[0] if c.kind == "citation" else _entity_id(what or "")
            hit.evidence.append(Evidence(c.kind, ident, exact or "", span))
    topics = [c for c in q.constraints if c.kind == "topic"]
    for hit in hits.values():
        if hit.topic_text is not None:
            wanted = [c.values[0] for c in topics if c.key in hit.keys]
            hit.evidence.extend(topic_evidence(*hit.topic_text, wanted))
    return hits


def _paragraph_strengths(engine: Engine, q: AskQuery, hits: dict[str, _Hit]) -> None:
    """Without a directive condition, rank by the paragraph's strongest act instead."""
    if any(c.kind == "directive" for c in q.constraints) or not hits:
        return
    res = engine.run(strength_query(sorted(hits)))
    for p, strength in res.rows:
        iri = _str(p)
        if iri is not None and iri in hits:
            hits[iri].strength = _int(strength) or 0


def _rank_key(i: Interpretation, hit: _Hit) -> tuple[Any, ...]:
    coverage = (-len(hit.keys),)
    rest = (-int(hit.adverb), -hit.strength, -len(hit.evidence), symbol_key(hit.symbol), hit.order)
    return (-hit.strength, *coverage, *rest) if i.strongest_first else (*coverage, *rest)


def _labels(q: AskQuery, keys: set[int]) -> tuple[str, ...]:
    return tuple(c.label for c in q.constraints if c.key in keys)


def _paragraph_answers(
    engine: Engine, ctx: TermContext, i: Interpretation, q: AskQuery, results: Results, limit: int
) -> tuple[list[Answer], int]:
    found = _hits(i, q, results)
    _paragraph_strengths(engine, q, found)
    hits = sorted(found.values(), key=lambda h: _rank_key(i, h))
    if i.intent == "resolutions":
        return _resolution_answers(ctx, q, hits, limit)
    top = hits[:limit]
    details: dict[str, dict[str, Term | None]] = {}
    if top:
        d = engine.run(detail_query([h.iri for h in top]))
        details = {str(_str(r[0])): _row(d, r) for r in d.rows}
    out = []
    for h in top:
        info = details.get(h.iri, {})
        symbol, pid = ctx.minter.locate(h.iri)
        out.append(
            Answer(
                resolution=symbol or h.symbol,
                paragraph=pid,
                kind="paragraph",
                text=_str(info.get("text")) or "",
                evidence=tuple(sorted(h.evidence, key=lambda e: (e.span or (0, 0), e.type, e.id))),
                matched=_labels(q, h.keys),
                score=len(h.keys),
                strength=_int(info.get("strength")),
                paragraph_kind=_kind(_str(info.get("kind"))),
            )
        )
    return out, len(hits)


def _resolution_answers(
    ctx: TermContext, q: AskQuery, hits: list[_Hit], limit: int
) -> tuple[list[Answer], int]:
    groups: dict[str, list[_Hit]] = {}
    for h in hits:  # already ranked: a resolution's first hit is its best paragraph
        groups.setdefault(h.symbol, []).append(h)

    def key(item: tuple[str, list[_Hit]]) -> tuple[Any, ...]:
        symbol, hs = item
        keys = set().union(*(h.keys for h in hs))
        return (-len(keys), -len(hs), symbol_key(symbol))

    out = []
    for symbol, hs in sorted(groups.items(), key=key)[:limit]:
        keys: set[int] = set().union(*(h.keys for h in hs))
        evidence = []
        for h in hs[:3]:
            pid = ctx.minter.locate(h.iri)[1]
            evidence += [
                Evidence(**{**asdict(e), "resolution": symbol, "paragraph": pid})
                for e in h.evidence
            ]
        out.append(
            Answer(
                resolution=symbol,
                paragraph=ctx.minter.locate(hs[0].iri)[1],
                kind="resolution",
                text=hs[0].title or "",
                evidence=tuple(evidence),
                matched=_labels(q, keys),
                score=len(keys),
                count=len(hs),
            )
        )
    return out, len(groups)


# -------------------------------------------------------------- directives


def _directive_answers(
    ctx: TermContext, i: Interpretation, results: Results, limit: int
) -> tuple[list[Answer], int]:
    acts: dict[str, dict[str, Any]] = {}
    wanted_topics = [t.value for t in i.topics]
    adverb = i.adverb.value.lower() if i.adverb else None
    for raw in results.rows:
        r = _row(results, raw)
        ev = _str(r["ev"]) or ""
        act = acts.get(ev)
        if act is None:
            start, end = _int(r["start"]), _int(r["end"])
            exact = _str(r["exact"]) or ""
            symbol, pid = ctx.minter.locate(_str(r["p"]) or "")
            verb = _str(r["verb"]) or ""
            strength = _int(r["strength"]) or 0
            span = (start, end) if start is not None and end is not None else None
            evidence = [
                Evidence(
                    "directive", _str(r["lemma"]) or "", exact, span, symbol, pid, verb, strength
                )
            ]
            if wanted_topics and start is not None:
                evidence += topic_evidence(exact, start, wanted_topics)
            act = acts[ev] = {
                "who": set(),
                "symbol": symbol or _str(r["symbol"]) or "",
                "paragraph": pid,
                "order": _int(r["order"]) or 0,
                "start": start or 0,
                "strength": strength,
                "verb": verb,
                "action": _str(r["action"]) or exact,
                "evidence": evidence,
                "adverb": bool(adverb and adverb in verb.lower()),
                "concerns": set(),
            }
        act["who"].add(_entity_id(_str(r["who"]) or ""))
        if r.get("concern") is not None:
            act["concerns"].add(_entity_id(_str(r["concern"]) or ""))
    if i.intent == "who":
        return _who_answers(acts, limit)
    for act in acts.values():
        topics = {e.id for e in act["evidence"] if e.type == "topic"}
        act["score"] = len(topics) + len(act["concerns"])

    def key(a: dict[str, Any]) -> tuple[Any, ...]:
        order = (symbol_key(a["symbol"]), a["order"], a["start"])
        if i.strongest_first:
            return (-a["strength"], -a["score"], -int(a["adverb"]), *order)
        return (-a["score"], -int(a["adverb"]), -a["strength"], *order)

    ranked = sorted(acts.values(), key=key)
    out = [
        Answer(
            resolution=a["symbol"],
            paragraph=a["paragraph"],
            kind="directive",
            text=a["action"],
            evidence=tuple(a["evidence"]),
            matched=tuple(sorted(a["concerns"])),
            score=a["score"],
            strength=a["strength"],
        )
        for a in ranked[:limit]
    ]
    return out, len(ranked)


def _who_answers(acts: dict[str, dict[str, Any]], limit: int) -> tuple[list[Answer], int]:
    from kg.extract.authority import load_authority

    authority = load_authority()
    groups: dict[str, list[dict[str, Any]]] = {}
    for act in acts.values():
        for who in act["who"]:
            groups.setdefault(who, []).append(act)
    out = []
    for who, group in groups.items():
        group.sort(key=lambda a: (-a["strength"], symbol_key(a["symbol"]), a["order"], a["start"]))
        label = authority.get(who).label if who in authority else who
        first = group[0]
        out.append(
            Answer(
                resolution=first["symbol"],
                paragraph=first["paragraph"],
                kind="addressee",
                text=f"{who} ({label})" if label != who else who,
                evidence=tuple(a["evidence"][0] for a in group[:EXAMPLES_SHOWN]),
                score=len(group),
                strength=max(a["strength"] for a in group),
                count=len(group),
            )
        )
    out.sort(key=lambda a: (-(a.count or 0), -(a.strength or 0), a.text))
    return out[:limit], len(out)


# --------------------------------------------------------------------- ask


def _count_answers(i: Interpretation, results: Results) -> list[Answer]:
    rows = [(_str(r[0]) or "", _int(r[1]) or 0) for r in results.rows]
    total = sum(n for _, n in rows)
    what = i.count_what or "paragraphs"
    noun = what if total != 1 else what.rstrip("s")
    out = [Answer(None, None, "count", f"{total} {noun}", count=total, score=total)]
    for symbol, n in sorted(rows, key=lambda t: symbol_key(t[0])):
        out.append(Answer(symbol, None, "count", f"{n} in {symbol}", count=n, score=n))
    return out


def refusal(i: Interpretation) -> str:
    """A helpful message for a question that cannot be answered."""
    from kg.ask.interpret import lexicon

    lines = [f"Sorry, I cannot answer that: {' '.join(i.problems)}"]
    understood = [ln for ln in i.describe() if not ln.startswith("intent: (none)")]
    if i.matches:
        lines.append("What I understood:")
        lines += [f"  {ln}" for ln in understood]
    lines.append("Questions I can answer look like:")
    lines += [f'  dckg ask "{q}"' for q in lexicon()["examples"]]
    return "\n".join(lines)


def ask(
    question: str, engine: Engine, ctx: TermContext | None = None, limit: int = DEFAULT_LIMIT
) -> AskResult:
    """Interpret ``question``, run its SPARQL on ``engine`` and rank the answers."""
    started = time.perf_counter()
    ctx = ctx or TermContext()
    i = interpret(question)
    if not i.understood:
        return AskResult(question, i, None, (), 0, refusal(i), time.perf_counter() - started)
    q = build(i, ctx)
    results = engine.run(q.sparql)
    if q.kind == "count":
        answers = _count_answers(i, results)
        total = len(answers)
    elif q.kind == "directives":
        answers, total = _directive_answers(ctx, i, results, limit)
    elif q.kind == "evidence":
        answers, total = _paragraph_answers(engine, ctx, i, q, results, limit)
    else:
        answers = [
            Answer(_str(r[1]), None, "resolution", _str(r[3]) or "", strength=None)
            for r in results.rows
        ][:limit]
        total = len(results.rows)
    message = (
        ""
        if answers
        else "No answers: nothing in the graph meets "
        + "; ".join(ln for ln in i.describe()[1:] if not ln.startswith("intent"))
        + "."
    )
    return AskResult(
        question, i, q.sparql, tuple(answers), total, message, time.perf_counter() - started
    )
