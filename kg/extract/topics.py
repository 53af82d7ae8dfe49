"""Topics: which concepts of the SKOS topic scheme each paragraph is about.

The scheme is data, ``kg/data/topics.jsonl``: one concept per line with
``id``, ``prefLabel``, ``altLabels``, ``definition`` (scope note),
``broader``, ``unbis`` (UNBIS Thesaurus IRIs found in the AKN corpus
``<classification>`` keywords), ``unbisLabels`` (UNBIS subject labels seen
without an IRI) and the lexical evidence: ``patterns`` (regexes, each with a
comment) and ``guards`` (regexes whose matches cancel any pattern hit they
overlap: "equal treatment" is not drug treatment, "United Nations funds and
programmes" is not funding).  Grouping concepts have no patterns and are
never assigned directly.

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
from kg.model import Document, TopicHit

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
class Concept:
    """A compiled concept of the topic scheme."""

    id: str
    broader: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    guards: tuple[re.Pattern[str], ...]


def _compile(rec: dict[str, Any], where: str) -> re.Pattern[str]:
    rx = rec.get("re")
    if not isinstance(rx, str):
        raise KGError("pattern without 're'", path="kg/data/topics.jsonl", where=where)
    flags = 0 if rec.get("case") else re.IGNORECASE
    try:
        return re.compile(r"\b(?:" + hyphen_tolerant(rx, spaces=True) + r")\b", flags)
    except re.error as exc:
        raise KGError(
            f"bad regex {rx!r}: {exc}", path="kg/data/topics.jsonl", where=where
        ) from None


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
        out.append(
            Concept(
                id=cid,
                broader=tuple(str(b) for b in rec.get("broader") or []),
                patterns=tuple(_compile(p, f"{cid} pattern {i}") for i, p in enumerate(pats)),
                guards=tuple(_compile(g, f"{cid} guard {i}") for i, g in enumerate(guards)),
            )
        )
    return tuple(out)


def topic_hits(text: str, offset: int = 0) -> list[TopicHit]:
    """Topic hits of one text; spans are ``offset`` + positions in ``text``.

    >>> [(h.topic, h.span) for h in topic_hits("equal treatment and drug treatment")]
    [('treatment', (25, 34))]
    """
    hits: list[TopicHit] = []
    for c in scheme():
        if not c.patterns:
            continue
        blocked = [m.span() for g in c.guards for m in g.finditer(text)]
        best: tuple[int, int] | None = None
        for rx in c.patterns:
            for m in rx.finditer(text):
                s, e = m.span()
                if s == e or any(bs < e and s < be for bs, be in blocked):
                    continue
                if best is None or (s, -e) < (best[0], -best[1]):
                    best = (s, e)
                break  # later matches of this pattern start later
        if best is not None:
            hits.append(
                TopicHit(c.id, text[best[0] : best[1]], (offset + best[0], offset + best[1]))
            )
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
