"""What ``dckg ask`` returns, and the lookups that fill it in.

:class:`Answer` / :class:`Evidence` / :class:`AskResult` are the answer model
(``--format json`` is their ``asdict``); :class:`Lookup` runs the small detail
queries of :mod:`kg.ask.sparql` for the answers shown; :func:`symbol_key` and
:func:`paragraph_key` give the deterministic tie-break (resolution symbol, then
printed paragraph numbering); :func:`topic_evidence` finds a topic's words again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from kg.ask.interpret import Interpretation
from kg.ask.sparql import detail_query, resolution_of, resolutions_query, spans_query
from kg.query import Engine, Results, Term, plain
from kg.query_params import TermContext

__all__ = [
    "Answer",
    "AskResult",
    "Evidence",
    "Lookup",
    "paragraph_key",
    "symbol_key",
    "topic_evidence",
]


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


def as_int(term: Term | None) -> int | None:
    text = as_str(term)
    return int(text) if text is not None and re.fullmatch(r"-?\d+", text) else None


def as_str(term: Term | None) -> str | None:
    return None if term is None else plain(term)


def rows_of(results: Results) -> list[dict[str, str | None]]:
    return results.values()


def entity_id(iri: str) -> str:
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


def item_index(iri: str) -> int:
    """The number an item IRI ends with (.../directive/3 -> 3)."""
    tail = iri.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def kind_of(iri: str | None) -> str | None:
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


class Lookup:
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
        for row in rows_of(self.engine.run(spans_query(todo))):
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
            for row in rows_of(self.engine.run(detail_query(todo))):
                self.paragraphs[str(row["p"])] = row

    def load_resolutions(self, resolutions: Iterable[str]) -> None:
        todo = sorted({r for r in resolutions if r} - set(self.resolutions))
        if todo:
            for row in rows_of(self.engine.run(resolutions_query(todo))):
                slot = self.resolutions.setdefault(str(row["res"]), {})
                slot.update({k: v for k, v in row.items() if v is not None})

    def symbol(self, iri: str) -> str:
        """The printed symbol of the resolution an IRI lies under (or is)."""
        res = resolution_of(iri) or iri
        return self.resolutions.get(res, {}).get("symbol") or self.ctx.minter.locate(iri)[0] or res

    def pid(self, iri: str) -> str | None:
        return self.ctx.minter.locate(iri)[1]
