"""Answers made of acts: "what is X asked to do", "who is asked ...", "how many ...".

* :func:`directive_answers` — the acts addressed to one addressee, ranked by the
  question's other conditions (topic words in the act, entities it concerns),
  the asked adverb, strength, then symbol and printed order;
* :func:`who_answers` — addressees counted inside the store, each with its
  strongest acts as evidence;
* :func:`count_answers` — a total, then the resolutions that hold the most.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from kg.ask.interpret import Interpretation
from kg.ask.results import (
    Answer,
    Evidence,
    Lookup,
    as_int,
    as_str,
    entity_id,
    item_index,
    paragraph_key,
    rows_of,
    symbol_key,
    topic_evidence,
)
from kg.ask.sparql import concerns_query, resolution_of, who_examples_query
from kg.query import Results

__all__ = ["count_answers", "directive_answers", "who_answers"]

EXAMPLES_SHOWN = 5  # acts listed under one addressee
EXAMPLE_ACTS = 500  # up to this many acts of the addressees shown are read at once
TEXT_CANDIDATES = 500  # most acts whose words are read to rank by topic


@dataclass
class _Act:
    iri: str
    paragraph: str
    lemma: str
    verb: str
    strength: int
    who: set[str] = field(default_factory=set)
    score: int = 0
    adverb: bool = False
    order: tuple[Any, ...] = ()


def _acts(
    i: Interpretation, results: Results, lookup: Lookup, who: str | None = None
) -> list[_Act]:
    acts: dict[str, _Act] = {}
    adverb = i.adverb.value.lower() if i.adverb else None
    for r in rows_of(results):
        ev, p = r["ev"], r["p"]
        if ev is None or p is None:
            continue
        act = acts.get(ev)
        if act is None:
            verb = r.get("verb") or ""
            act = acts[ev] = _Act(ev, p, r.get("lemma") or "", verb, int(str(r["strength"])))
            act.adverb = bool(adverb and adverb in verb.lower())
            symbol, pid = lookup.ctx.minter.locate(p)
            act.order = (symbol_key(symbol or ""), paragraph_key(pid), item_index(ev))
        addressee = r.get("who") or who
        if addressee:
            act.who.add(entity_id(addressee))
    return list(acts.values())


def _act_evidence(act: _Act, lookup: Lookup, topics: list[str]) -> list[Evidence]:
    span, exact, _ = lookup.spans.get(act.iri, (None, "", None))
    symbol, pid = lookup.symbol(act.iri), lookup.pid(act.paragraph)
    out = [Evidence("directive", act.lemma, exact, span, symbol, pid, act.verb, act.strength)]
    if topics and span is not None:
        found = topic_evidence(exact, span[0], topics)
        out += [replace(e, resolution=symbol, paragraph=pid) for e in found]
    return out


def directive_answers(
    lookup: Lookup, i: Interpretation, results: Results, limit: int
) -> tuple[list[Answer], int]:
    """What one addressee is asked to do: its acts, ranked."""
    acts = _acts(i, results, lookup)
    topics = [t.value for t in i.topics]
    extra = [m.value for m in i.entities if m.role in ("concern", "mention")]
    concerns: dict[str, set[str]] = {}
    if extra and acts:
        for r in rows_of(lookup.engine.run(concerns_query(lookup.ctx, extra))):
            concerns.setdefault(str(r["ev"]), set()).add(entity_id(str(r["concern"])))
    if topics and len(acts) <= TEXT_CANDIDATES:
        lookup.load_spans(a.iri for a in acts)
    for a in acts:
        found = {e.id for e in _act_evidence(a, lookup, topics) if e.type == "topic"}
        a.score = len(found) + len(concerns.get(a.iri, ()))

    def key(a: _Act) -> tuple[Any, ...]:
        if i.strongest_first:
            return (-a.strength, -a.score, -int(a.adverb), *a.order)
        return (-a.score, -int(a.adverb), -a.strength, *a.order)

    ranked = sorted(acts, key=key)
    top = ranked[:limit]
    lookup.load_spans(a.iri for a in top)
    lookup.load_resolutions(resolution_of(a.iri) or "" for a in top)
    out = [
        Answer(
            resolution=lookup.symbol(a.iri),
            paragraph=lookup.pid(a.paragraph),
            kind="directive",
            text=lookup.spans[a.iri][2] or lookup.spans[a.iri][1],
            evidence=tuple(_act_evidence(a, lookup, topics)),
            matched=tuple(sorted(concerns.get(a.iri, ()))),
            score=a.score,
            strength=a.strength,
        )
        for a in top
    ]
    return out, len(ranked)


def who_answers(
    lookup: Lookup, i: Interpretation, results: Results, limit: int
) -> tuple[list[Answer], int]:
    """Addressees counted in the store; the strongest acts of each shown as evidence."""
    from kg.extract.authority import load_authority

    authority = load_authority()
    shown = [(str(as_str(w)), as_int(n) or 0, as_int(s)) for w, n, s in results.rows[:limit]]
    acts: list[_Act] = []
    if sum(n for _, n, _ in shown) <= EXAMPLE_ACTS:
        acts = _acts(
            i,
            lookup.engine.run(who_examples_query(lookup.ctx, i, [w for w, _, _ in shown], None)),
            lookup,
        )
    else:  # some addressee has very many acts: its strongest only
        for w, _, _ in shown:
            found = lookup.engine.run(who_examples_query(lookup.ctx, i, [w], 4 * EXAMPLES_SHOWN))
            acts += _acts(i, found, lookup)
    examples: dict[str, list[_Act]] = {}
    for act in sorted(acts, key=lambda a: (-a.strength, *a.order)):
        for who in act.who:
            examples.setdefault(who, [])
            if len(examples[who]) < EXAMPLES_SHOWN:
                examples[who].append(act)
    chosen = [a for group in examples.values() for a in group]
    lookup.load_spans(a.iri for a in chosen)
    lookup.load_resolutions(resolution_of(a.iri) or "" for a in chosen)
    out = []
    for iri, n, strength in shown:
        who = entity_id(iri)
        mine = examples.get(who, [])
        label = authority.get(who).label if who in authority else who
        first = mine[0] if mine else None
        out.append(
            Answer(
                resolution=lookup.symbol(first.iri) if first else None,
                paragraph=lookup.pid(first.paragraph) if first else None,
                kind="addressee",
                text=f"{who} ({label})" if label != who else who,
                evidence=tuple(_act_evidence(a, lookup, [])[0] for a in mine),
                score=n,
                strength=strength,
                count=n,
                entity=who,
            )
        )
    return out, len(results.rows)


# ------------------------------------------------------------------ counts


def count_answers(lookup: Lookup, i: Interpretation, results: Results, limit: int) -> list[Answer]:
    """The total, then the resolutions with the most (at most ``limit``)."""
    per_res = [(str(as_str(r[0])), as_int(r[1]) or 0) for r in results.rows]
    total = sum(n for _, n in per_res)
    what = i.count_what or "paragraphs"
    noun = what if total != 1 else what.rstrip("s")
    out = [Answer(None, None, "count", f"{total} {noun}", count=total, score=total)]
    biggest = sorted(per_res, key=lambda kv: (-kv[1], kv[0]))[:limit]
    lookup.load_resolutions(res for res, _ in biggest)
    for res, n in sorted(biggest, key=lambda kv: (-kv[1], symbol_key(lookup.symbol(kv[0])))):
        symbol = lookup.symbol(res)
        out.append(Answer(symbol, None, "count", f"{n} in {symbol}", count=n, score=n))
    return out
