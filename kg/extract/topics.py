"""Topics: which concepts of the SKOS topic scheme each paragraph is about.

The scheme is data, ``kg/data/topics.jsonl``: one concept per line with
``id``, ``prefLabel``, ``altLabels``, ``definition`` (scope note),
``broader``, ``unbis`` (UNBIS Thesaurus IRIs found in the AKN corpus
``<classification>`` keywords), ``unbisLabels`` (UNBIS subject labels seen
without an IRI) and the lexical evidence: ``patterns`` (regexes, each with a
comment) and ``guards`` (regexes whose matches cancel any pattern hit they
overlap: "equal treatment" is not drug treatment, "United Nations funds and
programmes" is not funding).  A concept may also name a ``context`` (a regex
with a comment): its patterns marked ``"context": true`` are words too
ambiguous on their own (bare "trafficking", "smuggling", "transit
countries") and count only in a paragraph where the context matches
somewhere (for trafficking: drugs named other than in "Office on Drugs and
Crime"); contexts are case-insensitive.  Grouping concepts have no patterns
and are never assigned directly.

Matching is case-insensitive unless a pattern says ``"case": true`` (AIDS vs
"aids").  Flat-text renderings lose hyphens ("moneylaundering",
"capacitybuilding", "generalpurpose"), so every hyphen inside a pattern may
be missing, doubled by a space or replaced by one, and a space may be a
hyphen (:func:`hyphen_tolerant`).

One :class:`~kg.model.TopicHit` per (paragraph, topic).  Its evidence is the
FIRST match in reading order (the longest one when several start at the same
offset); ``doc.text[hit.span[0]:hit.span[1]] == hit.evidence``.  Hits are
sorted by span, then topic id.  Broader concepts are not added: the graph's
``skos:broader`` links do that at query time.

>>> from kg.model import Metadata
>>> from kg.read.assemble import ParagraphDraft, assemble
>>> doc = assemble(Metadata(symbol="A/RES/1/1", body="GA"), [ParagraphDraft(
...     kind="operative", number="1", text="Urges States to combat moneylaundering;")], [])
>>> [(h.topic, h.evidence) for h in topics_for_document(doc)["op1"]]
[('money-laundering', 'moneylaundering')]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.errors import KGError
from kg.model import Document, Span, TopicHit

_PATH = "kg/data/topics.jsonl"
_HYPHEN = r"(?:[-\u2010\u2011]\s?|\s)?"
_SPACE = r"(?:\s+|\s*[-\u2010\u2011]\s*)"


def hyphen_tolerant(regex: str, spaces: bool = False) -> str:
    """Let a hyphen between letters be missing ('money-laundering' ~ 'moneylaundering').

    Hyphens inside character classes are left alone.  With ``spaces=True`` a
    literal space may also be a hyphen ('demand reduction' ~ 'demand-reduction').

    >>> bool(re.fullmatch(hyphen_tolerant("general-purpose"), "generalpurpose"))
    True
    >>> bool(re.fullmatch(hyphen_tolerant(r"re\\-emphasizes"), "re-emphasizes"))
    True
    >>> bool(re.fullmatch(hyphen_tolerant("[a-z]+"), "abc"))
    True
    """
    out: list[str] = []
    i, in_class = 0, False
    while i < len(regex):
        c = regex[i]
        if c == "\\" and i + 1 < len(regex):
            pair = regex[i : i + 2]
            if pair == "\\-" and not in_class and _wordy(regex, i, i + 2):
                out.append(_HYPHEN)
            elif pair == "\\ " and spaces and not in_class:
                out.append(_SPACE)
            else:
                out.append(pair)
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        if c == "-" and not in_class and _wordy(regex, i, i + 1):
            out.append(_HYPHEN)
        elif c == " " and spaces and not in_class:
            out.append(_SPACE)
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _wordy(regex: str, start: int, end: int) -> bool:
    """Is the hyphen at regex[start:end] between two letters?"""
    return start > 0 and end < len(regex) and regex[start - 1].isalpha() and regex[end].isalpha()


@dataclass(frozen=True)
class Rules:
    """Compiled regexes of one concept, for one case mode.

    ``folded`` rules are lower-cased and run on the lower-cased text (faster than
    re.IGNORECASE); ``exact`` ones ("case": true) run on the text as printed.
    """

    first: re.Pattern[str] | None = None  # all patterns as one alternation: earliest start
    each: tuple[re.Pattern[str], ...] = ()  # one by one: the longest match at that start
    guards: re.Pattern[str] | None = None  # they cancel hits of both modes
    weak: tuple[bool, ...] = ()  # per pattern of ``each``: counts only in the concept's context


@dataclass(frozen=True)
class Concept:
    """A compiled concept of the topic scheme."""

    id: str
    broader: tuple[str, ...]
    folded: Rules
    exact: Rules
    context: re.Pattern[str] | None = None  # searched in the lower-cased paragraph

    @property
    def assignable(self) -> bool:
        return self.folded.first is not None or self.exact.first is not None


def _fold(regex: str) -> str:
    """Lower-case a regex outside its escapes (``\\W`` stays ``\\W``)."""
    out, i = [], 0
    while i < len(regex):
        if regex[i] == "\\":
            out.append(regex[i : i + 2])
            i += 2
        else:
            out.append(regex[i].lower())
            i += 1
    return "".join(out)


def _rules(
    recs: list[dict[str, Any]], guards: list[dict[str, Any]], case: bool, where: str
) -> Rules:
    def source(r: dict[str, Any]) -> str:
        rx = r.get("re")
        if not isinstance(rx, str):
            raise KGError("pattern without 're'", path="kg/data/topics.jsonl", where=where)
        rx = hyphen_tolerant(rx, spaces=True)
        return rx if case else _fold(rx)

    def compile_(sources: list[str]) -> re.Pattern[str] | None:
        if not sources:
            return None
        try:
            return re.compile(r"\b(?:" + "|".join(sources) + r")\b")
        except re.error as exc:
            raise KGError(f"bad regex: {exc}", path="kg/data/topics.jsonl", where=where) from None

    mine = [r for r in recs if bool(r.get("case")) == case]
    sources = [source(r) for r in mine]
    return Rules(
        first=compile_(sources),
        each=tuple(p for p in (compile_([m]) for m in sources) if p is not None),
        guards=compile_([source(g) for g in guards if bool(g.get("case")) == case]),
        weak=tuple(bool(r.get("context")) for r in mine),
    )


def load_scheme() -> list[dict[str, Any]]:
    """The raw concept records of ``kg/data/topics.jsonl``."""
    path = resources.files("kg.data").joinpath("topics.jsonl")
    recs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                recs.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise KGError(f"bad JSON: {exc.msg}", path=str(path), where=f"line {n}") from None
    return recs


@lru_cache(maxsize=1)
def scheme() -> tuple[Concept, ...]:
    """The compiled topic scheme (cached), in file order."""
    out = []
    for rec in load_scheme():
        cid = str(rec["id"])
        pats = rec.get("patterns") or []
        guards = rec.get("guards") or []
        if not isinstance(pats, list) or not isinstance(guards, list):
            raise KGError("patterns/guards must be lists", path="kg/data/topics.jsonl", where=cid)
        ctx = rec.get("context")
        if ctx is not None and not isinstance(ctx, dict):
            raise KGError("context must be a {re, comment} object", path=_PATH, where=cid)
        context = _rules([{**ctx, "case": False}], [], False, cid).first if ctx else None
        if context is None and any(p.get("context") for p in pats):
            raise KGError("'context' pattern without a context", path=_PATH, where=cid)
        out.append(
            Concept(
                id=cid,
                broader=tuple(str(b) for b in rec.get("broader") or []),
                folded=_rules(pats, guards, False, cid),
                exact=_rules(pats, guards, True, cid),
                context=context,
            )
        )
    return tuple(out)


def _lower(text: str) -> str:
    """Lower-cased text with the same length (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _hit(c: Concept, text: str, low: str) -> Span | None:
    """Earliest match of ``c`` not overlapping a guard match (the longest at that offset).

    A match by a context-bound pattern only counts when the concept's context is
    in the paragraph.
    """
    blocked: list[Span] | None = None  # guards only run once a pattern matched
    in_context: bool | None = None  # the context is searched once, when first needed
    best: Span | None = None
    for rules, src in ((c.folded, low), (c.exact, text)):
        pos = 0
        while rules.first is not None and (m := rules.first.search(src, pos)) is not None:
            s = m.start()
            if best is not None and s > best[0]:
                break
            ends = [
                (x.end(), w)
                for p, w in zip(rules.each, rules.weak, strict=True)
                if (x := p.match(src, s))
            ]
            if any(w for _, w in ends) and in_context is None:
                in_context = c.context is not None and c.context.search(low) is not None
            e = max((end for end, w in ends if in_context or not w), default=s)
            if e <= s:  # only context-bound patterns matched here, out of their context
                pos = s + 1
                continue
            if blocked is None:
                blocked = [
                    g.span()
                    for r, t in ((c.folded, low), (c.exact, text))
                    if r.guards is not None
                    for g in r.guards.finditer(t)
                ]
            if not any(bs < e and s < be for bs, be in blocked):
                if best is None or (s, -e) < (best[0], -best[1]):
                    best = (s, e)
                break
            pos = s + 1
    return best


def topic_hits(text: str, offset: int = 0) -> list[TopicHit]:
    """Topic hits of one text; spans are ``offset`` + positions in ``text``.

    >>> [(h.topic, h.span) for h in topic_hits("equal treatment and drug treatment")]
    [('treatment', (25, 34))]
    >>> [[h.evidence for h in topic_hits(t)] for t in ("trafficking", "trafficking in cocaine")]
    [[], ['trafficking']]
    """
    low = _lower(text)
    hits = []
    for c in scheme():
        found = _hit(c, text, low)
        if found is not None:
            s, e = found
            hits.append(TopicHit(c.id, text[s:e], (offset + s, offset + e)))
    hits.sort(key=lambda h: (h.span, h.topic))
    return hits


def topics_for_document(doc: Document) -> dict[str, tuple[TopicHit, ...]]:
    """Topic hits per paragraph id (paragraphs without any are left out)."""
    out: dict[str, tuple[TopicHit, ...]] = {}
    for p in doc.paragraphs:
        hits = topic_hits(p.text, p.span[0])
        if hits:
            out[p.id] = tuple(hits)
    return out
