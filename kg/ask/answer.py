"""Run the SPARQL of a question, rank what comes back, and shape the answers.

Ranking of paragraphs (deterministic):

1. how many of the question's conditions a paragraph meets (an entity named
   *and* the topic beat either alone) — with "most strongly", the strength of
   the matched act comes first;
2. whether a matched act is printed with the asked adverb ("strongly urges");
3. the strength of the matched act (5 decides ... 1 notes) — when the question
   names no act, the strength of the paragraph's strongest act (looked up for
   the candidates that can reach the answers shown, when they are at most
   :data:`STRENGTH_CANDIDATES`);
4. how many evidence items matched;
5. the resolution symbol (numbers compared as numbers), then the paragraph's
   printed numbering.

Every answer carries its evidence: the mentions, acts, citations and topic
words that matched, each with its text and its span (offsets into the
resolution's normalised text, as ``dckg extract`` reports them).  Topic
evidence is found again with the extraction's own patterns
(:func:`kg.extract.topics.topic_hits`) in the paragraph, since the graph
records a paragraph's topics but not their words.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any

from kg.ask.acts import count_answers, directive_answers, who_answers
from kg.ask.interpret import Interpretation, interpret
from kg.ask.results import (
    Answer,
    AskResult,
    Evidence,
    Lookup,
    as_int,
    as_str,
    kind_of,
    paragraph_key,
    rows_of,
    symbol_key,
    topic_evidence,
)
from kg.ask.sparql import (
    AskQuery,
    build,
    resolution_of,
    resolution_rows_query,
    resolution_window_query,
    rows_query,
    strength_query,
    total_query,
    window_query,
)
from kg.query import Engine, Results
from kg.query_params import TermContext

__all__ = ["Answer", "AskResult", "Evidence", "ask", "refusal"]

DEFAULT_LIMIT = 10
PARAGRAPHS_SHOWN = 3  # paragraphs whose evidence a resolution answer lists
EXACT_CANDIDATES = 500  # up to this many candidate paragraphs are ranked exactly, here
STRENGTH_CANDIDATES = 500  # most paragraphs whose strongest act is looked up for ranking

# ------------------------------------------------------------- paragraphs


@dataclass
class _Hit:
    """What matched in one paragraph (mutable while rows are read)."""

    iri: str
    keys: set[int] = field(default_factory=set)
    nodes: dict[str, int] = field(default_factory=dict)  # matched node -> condition
    acts: dict[str, tuple[str, int]] = field(default_factory=dict)  # act -> (verb, strength)
    strength: int = 0
    adverb: bool = False
    order: tuple[Any, ...] = ()

    @property
    def evidence_count(self) -> int:
        return len(self.nodes) + len(self.keys - set(self.nodes.values()))


def _hits(i: Interpretation, results: Results, lookup: Lookup) -> list[_Hit]:
    hits: dict[str, _Hit] = {}
    adverb = i.adverb.value.lower() if i.adverb else None
    for r in rows_of(results):
        p, key = r["p"], r["c"]
        if p is None or key is None:
            continue
        hit = hits.setdefault(p, _Hit(p))
        hit.keys.add(int(key))
        ev = r.get("ev")
        if ev is None:
            continue
        hit.nodes[ev] = int(key)
        if r.get("strength") is not None:
            verb, strength = r.get("verb") or "", int(str(r["strength"]))
            hit.acts[ev] = (verb, strength)
            hit.strength = max(hit.strength, strength)
            hit.adverb = hit.adverb or bool(adverb and adverb in verb.lower())
    for hit in hits.values():
        symbol, pid = lookup.ctx.minter.locate(hit.iri)
        hit.order = (symbol_key(symbol or ""), paragraph_key(pid))
    return list(hits.values())


def _rank_key(i: Interpretation, hit: _Hit) -> tuple[Any, ...]:
    rest = (-int(hit.adverb), -hit.strength, -hit.evidence_count, *hit.order)
    if i.strongest_first:
        return (-hit.strength, -len(hit.keys), *rest)
    return (-len(hit.keys), *rest)


def _paragraph_strengths(engine: Engine, q: AskQuery, hits: list[_Hit], limit: int) -> None:
    """Without a directive condition, rank by the paragraph's strongest act instead."""
    if any(c.kind == "directive" for c in q.constraints) or not hits:
        return
    hits.sort(key=lambda h: -len(h.keys))
    floor = len(hits[min(limit, len(hits)) - 1].keys)
    contenders = [h for h in hits if len(h.keys) >= floor]
    if len(contenders) > STRENGTH_CANDIDATES:
        return
    rows = rows_of(engine.run(strength_query([h.iri for h in contenders])))
    found = {str(r["p"]): int(str(r["strength"])) for r in rows}
    for h in contenders:
        h.strength = found.get(h.iri, 0)


def _evidence(q: AskQuery, hit: _Hit, lookup: Lookup, symbol: str | None = None) -> list[Evidence]:
    by_key = {c.key: c for c in q.constraints}
    out: list[Evidence] = []
    pid = lookup.pid(hit.iri) if symbol else None
    for node, key in hit.nodes.items():
        c = by_key[key]
        span, exact, _ = lookup.spans.get(node, (None, "", None))
        if c.kind == "directive":
            verb, strength = hit.acts.get(node, ("", 0))
            ident = "/".join(c.lemmas) or verb
            out.append(Evidence("directive", ident, exact, span, symbol, pid, verb, strength))
        else:
            out.append(Evidence(c.kind, c.values[0], exact, span, symbol, pid))
    topics = [c.values[0] for c in q.constraints if c.kind == "topic" and c.key in hit.keys]
    info = lookup.paragraphs.get(hit.iri, {})
    if topics and info.get("text") is not None and info.get("start") is not None:
        found = topic_evidence(str(info["text"]), int(str(info["start"])), topics)
        out += [replace(e, resolution=symbol, paragraph=pid) for e in found]
    return sorted(out, key=lambda e: (e.span or (0, 0), e.type, e.id))


def _labels(q: AskQuery, keys: set[int]) -> tuple[str, ...]:
    return tuple(c.label for c in q.constraints if c.key in keys)


def _count_of(engine: Engine, query: str) -> int:
    rows = engine.run(query).rows
    return (as_int(rows[0][0]) or 0) if rows else 0


def _paragraph_answers(
    lookup: Lookup, i: Interpretation, q: AskQuery, limit: int
) -> tuple[list[Answer], int]:
    if i.intent == "resolutions":
        return _resolution_answers(lookup, i, q, limit)
    engine, ctx = lookup.engine, lookup.ctx
    total = _count_of(engine, total_query(ctx, i))
    if total == 0:
        return [], 0
    if total <= EXACT_CANDIDATES:
        results = engine.run(q.sparql)
    else:  # ranked inside the store first; the best are read and ranked again here
        window = engine.run(window_query(ctx, i, max(3 * limit, 30)))
        results = engine.run(rows_query(ctx, i, [str(as_str(r[0])) for r in window.rows]))
    hits = _hits(i, results, lookup)
    _paragraph_strengths(engine, q, hits, limit)
    hits.sort(key=lambda h: _rank_key(i, h))
    top = hits[:limit]
    lookup.load_paragraphs(h.iri for h in top)
    lookup.load_spans(n for h in top for n in h.nodes)
    lookup.load_resolutions(resolution_of(h.iri) or "" for h in top)
    out = []
    for h in top:
        info = lookup.paragraphs.get(h.iri, {})
        out.append(
            Answer(
                resolution=lookup.symbol(h.iri),
                paragraph=lookup.pid(h.iri),
                kind="paragraph",
                text=info.get("text") or "",
                evidence=tuple(_evidence(q, h, lookup)),
                matched=_labels(q, h.keys),
                score=len(h.keys),
                strength=h.strength if h.strength or h.acts else None,
                paragraph_kind=kind_of(info.get("kind")),
            )
        )
    return out, total


def _resolution_answers(
    lookup: Lookup, i: Interpretation, q: AskQuery, limit: int
) -> tuple[list[Answer], int]:
    engine, ctx = lookup.engine, lookup.ctx
    total = _count_of(engine, total_query(ctx, i, "?res"))
    best = [str(as_str(r[0])) for r in engine.run(resolution_window_query(ctx, i, limit)).rows]
    hits = _hits(i, engine.run(resolution_rows_query(ctx, i, best)), lookup) if best else []
    hits.sort(key=lambda h: _rank_key(i, h))
    groups: dict[str, list[_Hit]] = {}
    for h in hits:  # ranked: a resolution's first hit is its best paragraph
        groups.setdefault(resolution_of(h.iri) or h.iri, []).append(h)

    def key(item: tuple[str, list[_Hit]]) -> tuple[Any, ...]:
        res, hs = item
        keys = set().union(*(h.keys for h in hs))
        return (-len(keys), -len(hs), hs[0].order[0], res)

    ranked = sorted(groups.items(), key=key)
    shown = [h for _, hs in ranked for h in hs[:PARAGRAPHS_SHOWN]]
    lookup.load_resolutions(res for res, _ in ranked)
    lookup.load_paragraphs(h.iri for h in shown)
    lookup.load_spans(n for h in shown for n in h.nodes)
    out = []
    for res, hs in ranked:
        keys: set[int] = set().union(*(h.keys for h in hs))
        symbol = lookup.symbol(res)
        evidence = [e for h in hs[:PARAGRAPHS_SHOWN] for e in _evidence(q, h, lookup, symbol)]
        out.append(
            Answer(
                resolution=symbol,
                paragraph=lookup.pid(hs[0].iri),
                kind="resolution",
                text=lookup.resolutions.get(res, {}).get("title") or "",
                evidence=tuple(evidence),
                matched=_labels(q, keys),
                score=len(keys),
                count=len(hs),
            )
        )
    return out, total


# --------------------------------------------------------------------- ask


def refusal(i: Interpretation) -> str:
    """A helpful message for a question that cannot be answered."""
    from kg.ask.interpret import lexicon

    lines = [f"Sorry, I cannot answer that: {' '.join(i.problems)}"]
    if i.matches:
        lines.append("What I understood:")
        lines += [f"  {ln}" for ln in i.describe() if not ln.startswith("intent: (none)")]
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
    lookup = Lookup(engine, ctx)
    if q.kind == "evidence":
        answers, total = _paragraph_answers(lookup, i, q, limit)
    elif q.kind == "count":
        answers = count_answers(lookup, i, engine.run(q.sparql), limit)
        total = len(answers)
    elif q.kind == "directives":
        answers, total = directive_answers(lookup, i, engine.run(q.sparql), limit)
    elif q.kind == "who":
        answers, total = who_answers(lookup, i, engine.run(q.sparql), limit)
    else:
        found = sorted(str(r["res"]) for r in rows_of(engine.run(q.sparql)))
        lookup.load_resolutions(found)

        def when(res: str) -> tuple[Any, ...]:
            return (
                lookup.resolutions.get(res, {}).get("date") or "",
                symbol_key(lookup.symbol(res)),
            )

        answers = [
            Answer(
                lookup.symbol(r),
                None,
                "resolution",
                lookup.resolutions.get(r, {}).get("title") or "",
            )
            for r in sorted(found, key=when)[:limit]
        ]
        total = len(found)
    message = ""
    if not answers:
        said = "; ".join(ln for ln in i.describe()[1:] if not ln.startswith("intent"))
        message = f"No answers: nothing in the graph meets {said}."
    return AskResult(
        question, i, q.sparql, tuple(answers), total, message, time.perf_counter() - started
    )
