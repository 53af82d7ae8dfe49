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

import re
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from kg.ask.interpret import Interpretation, interpret
from kg.ask.sparql import (
    AskQuery,
    build,
    concerns_query,
    detail_query,
    resolution_of,
    resolution_rows_query,
    resolution_window_query,
    resolutions_query,
    rows_query,
    spans_query,
    strength_query,
    total_query,
    who_examples_query,
    window_query,
)
from kg.query import Engine, Results, Term, plain
from kg.query_params import TermContext

__all__ = ["Answer", "AskResult", "Evidence", "ask", "paragraph_key", "symbol_key"]

DEFAULT_LIMIT = 10
EXAMPLES_SHOWN = 5  # acts listed under one addressee
PARAGRAPHS_SHOWN = 3  # paragraphs whose evidence a resolution answer lists
EXACT_CANDIDATES = 500  # up to this many candidate paragraphs are ranked exactly, here
STRENGTH_CANDIDATES = 500  # most paragraphs whose strongest act is looked up for ranking
TEXT_CANDIDATES = 500  # most acts whose words are read to rank by topic


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
    entity: str | None = None  # the addressee's authority id (kind "addressee")


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


# ------------------------------------------------------------------ helpers


def symbol_key(symbol: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a symbol: numbers as numbers ("A/RES/9/1" before "A/RES/10/1").

    >>> sorted(["A/RES/63/197", "A/RES/61/183", "A/RES/S-20/2"], key=symbol_key)
    ['A/RES/61/183', 'A/RES/63/197', 'A/RES/S-20/2']
    """
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", symbol) if p)


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _roman(text: str) -> int:
    values = [_ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def paragraph_key(pid: str | None) -> tuple[tuple[int, int, str], ...]:
    """Sort key of a paragraph id in printed order: preamble, body, (a), (b), (i), (ii) ...

    >>> sorted(["op10", "op9.b", "pp2", "op9.a.ii", "op9.a.i", "op9"], key=paragraph_key)
    ['pp2', 'op9', 'op9.a.i', 'op9.a.ii', 'op9.b', 'op10']
    """
    out: list[tuple[int, int, str]] = []
    for comp in (pid or "").split("."):
        m = re.fullmatch(r"(op|pp)(\d+)", comp)
        if m:
            out.append((0 if m.group(1) == "pp" else 1, int(m.group(2)), ""))
        elif comp.isdigit():
            out.append((2, int(comp), ""))
        elif len(out) >= 2 and re.fullmatch(r"[ivxlc]+", comp):
            out.append((2, _roman(comp), ""))
        else:
            out.append((3, 0, comp))
    return tuple(out)


def _int(term: Term | None) -> int | None:
    text = _str(term)
    return int(text) if text is not None and re.fullmatch(r"-?\d+", text) else None


def _str(term: Term | None) -> str | None:
    return None if term is None else plain(term)


def _rows(results: Results) -> list[dict[str, str | None]]:
    return results.values()


def _entity_id(iri: str) -> str:
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


def _index(iri: str) -> int:
    """The number an item IRI ends with (.../directive/3 -> 3)."""
    tail = iri.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _kind(iri: str | None) -> str | None:
    if iri is None:
        return None
    name = iri.rsplit("#", 1)[-1]
    return {"PreambularParagraph": "preambular", "OperativeParagraph": "operative"}.get(
        name, "subparagraph"
    )


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
    return [
        Evidence("topic", w, h.evidence, h.span)
        for h in topic_hits(text, start)
        for w in goals
        if _under(h.topic, w)
    ]


class _Lookup:
    """Detail queries for the answers shown, and what they found."""

    def __init__(self, engine: Engine, ctx: TermContext) -> None:
        self.engine = engine
        self.ctx = ctx
        self.spans: dict[str, tuple[tuple[int, int] | None, str, str | None]] = {}
        self.paragraphs: dict[str, dict[str, str | None]] = {}
        self.resolutions: dict[str, dict[str, str | None]] = {}

    def load_spans(self, nodes: Iterable[str]) -> None:
        todo = sorted(set(nodes) - set(self.spans))
        if not todo:
            return
        found: dict[str, dict[str, str | None]] = {}
        for row in _rows(self.engine.run(spans_query(todo))):
            slot = found.setdefault(str(row["node"]), {})
            slot.update({k: v for k, v in row.items() if v is not None})
        for node in todo:
            r = found.get(node, {})
            start, end = r.get("start"), r.get("end")
            span = (int(start), int(end)) if start is not None and end is not None else None
            self.spans[node] = (span, r.get("exact") or "", r.get("action"))

    def load_paragraphs(self, paragraphs: Iterable[str]) -> None:
        todo = sorted(set(paragraphs) - set(self.paragraphs))
        if todo:
            for row in _rows(self.engine.run(detail_query(todo))):
                self.paragraphs[str(row["p"])] = row

    def load_resolutions(self, resolutions: Iterable[str]) -> None:
        todo = sorted({r for r in resolutions if r} - set(self.resolutions))
        if todo:
            for row in _rows(self.engine.run(resolutions_query(todo))):
                slot = self.resolutions.setdefault(str(row["res"]), {})
                slot.update({k: v for k, v in row.items() if v is not None})

    def symbol(self, iri: str) -> str:
        """The printed symbol of the resolution an IRI lies under (or is)."""
        res = resolution_of(iri) or iri
        return self.resolutions.get(res, {}).get("symbol") or self.ctx.minter.locate(iri)[0] or res

    def pid(self, iri: str) -> str | None:
        return self.ctx.minter.locate(iri)[1]


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


def _hits(i: Interpretation, results: Results, lookup: _Lookup) -> list[_Hit]:
    hits: dict[str, _Hit] = {}
    adverb = i.adverb.value.lower() if i.adverb else None
    for r in _rows(results):
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
    rows = _rows(engine.run(strength_query([h.iri for h in contenders])))
    found = {str(r["p"]): int(str(r["strength"])) for r in rows}
    for h in contenders:
        h.strength = found.get(h.iri, 0)


def _evidence(q: AskQuery, hit: _Hit, lookup: _Lookup, symbol: str | None = None) -> list[Evidence]:
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
    return (_int(rows[0][0]) or 0) if rows else 0


def _paragraph_answers(
    lookup: _Lookup, i: Interpretation, q: AskQuery, limit: int
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
        results = engine.run(rows_query(ctx, i, [str(_str(r[0])) for r in window.rows]))
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
                paragraph_kind=_kind(info.get("kind")),
            )
        )
    return out, total


def _resolution_answers(
    lookup: _Lookup, i: Interpretation, q: AskQuery, limit: int
) -> tuple[list[Answer], int]:
    engine, ctx = lookup.engine, lookup.ctx
    total = _count_of(engine, total_query(ctx, i, "?res"))
    best = [str(_str(r[0])) for r in engine.run(resolution_window_query(ctx, i, limit)).rows]
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


# -------------------------------------------------------------- directives


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
    i: Interpretation, results: Results, lookup: _Lookup, who: str | None = None
) -> list[_Act]:
    acts: dict[str, _Act] = {}
    adverb = i.adverb.value.lower() if i.adverb else None
    for r in _rows(results):
        ev, p = r["ev"], r["p"]
        if ev is None or p is None:
            continue
        act = acts.get(ev)
        if act is None:
            verb = r.get("verb") or ""
            act = acts[ev] = _Act(ev, p, r.get("lemma") or "", verb, int(str(r["strength"])))
            act.adverb = bool(adverb and adverb in verb.lower())
            symbol, pid = lookup.ctx.minter.locate(p)
            act.order = (symbol_key(symbol or ""), paragraph_key(pid), _index(ev))
        addressee = r.get("who") or who
        if addressee:
            act.who.add(_entity_id(addressee))
    return list(acts.values())


def _act_evidence(act: _Act, lookup: _Lookup, topics: list[str]) -> list[Evidence]:
    span, exact, _ = lookup.spans.get(act.iri, (None, "", None))
    symbol, pid = lookup.symbol(act.iri), lookup.pid(act.paragraph)
    out = [Evidence("directive", act.lemma, exact, span, symbol, pid, act.verb, act.strength)]
    if topics and span is not None:
        found = topic_evidence(exact, span[0], topics)
        out += [replace(e, resolution=symbol, paragraph=pid) for e in found]
    return out


def _directive_answers(
    lookup: _Lookup, i: Interpretation, results: Results, limit: int
) -> tuple[list[Answer], int]:
    """What one addressee is asked to do: its acts, ranked."""
    acts = _acts(i, results, lookup)
    topics = [t.value for t in i.topics]
    extra = [m.value for m in i.entities if m.role in ("concern", "mention")]
    concerns: dict[str, set[str]] = {}
    if extra and acts:
        for r in _rows(lookup.engine.run(concerns_query(lookup.ctx, extra))):
            concerns.setdefault(str(r["ev"]), set()).add(_entity_id(str(r["concern"])))
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


def _who_answers(
    lookup: _Lookup, i: Interpretation, results: Results, limit: int
) -> tuple[list[Answer], int]:
    """Addressees counted in the store; the strongest acts of each shown as evidence."""
    from kg.extract.authority import load_authority

    authority = load_authority()
    shown = [(str(_str(w)), _int(n) or 0, _int(s)) for w, n, s in results.rows[:limit]]
    acts: list[_Act] = []
    if sum(n for _, n, _ in shown) <= EXACT_CANDIDATES:
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
        who = _entity_id(iri)
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


def _count_answers(
    lookup: _Lookup, i: Interpretation, results: Results, limit: int
) -> list[Answer]:
    """The total, then the resolutions with the most (at most ``limit``)."""
    per_res = [(str(_str(r[0])), _int(r[1]) or 0) for r in results.rows]
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
    lookup = _Lookup(engine, ctx)
    if q.kind == "evidence":
        answers, total = _paragraph_answers(lookup, i, q, limit)
    elif q.kind == "count":
        answers = _count_answers(lookup, i, engine.run(q.sparql), limit)
        total = len(answers)
    elif q.kind == "directives":
        answers, total = _directive_answers(lookup, i, engine.run(q.sparql), limit)
    elif q.kind == "who":
        answers, total = _who_answers(lookup, i, engine.run(q.sparql), limit)
    else:
        found = sorted(str(r["res"]) for r in _rows(engine.run(q.sparql)))
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
