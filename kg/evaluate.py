"""Score an annotated document against hand-made gold annotations.

The gold files (``tests/data/gold/<symbol with _>.json``, guidelines in
``tests/data/gold/README.md``) hold, for every operative paragraph and
subparagraph of a resolution, its directives, mentions, citations and topics.
:func:`score_document` compares a :class:`~kg.model.Document` that went
through :func:`kg.extract.annotate` with one gold file and returns a
:class:`ScoreTable` of precision / recall / F1 per field:

* ``directives`` — per paragraph, the multiset of lemmas (order-insensitive);
* ``strength``, ``addressees``, ``concerns`` — on *matched* directives only
  (pairs of a gold and a predicted directive with the same lemma in the same
  paragraph): strength counts a pair right or wrong, addressees and concerns
  count ids (micro-averaged over the pairs);
* ``mentions``, ``citations``, ``topics`` — paragraph x id sets, micro-averaged.

Only operative paragraphs and subparagraphs are scored (preambular ones are
not in the gold); a predicted operative paragraph that is missing from the
gold counts its items as false positives, a gold paragraph missing from the
document counts its items as false negatives.  Mentions of the entity
``"unknown"`` are not ids and are ignored.  A citation found in a footnote
(``Citation.in_footnote`` = marker) counts for every paragraph where that
marker stands (``Footnote.paragraph`` and ``Footnote.refs``), wherever the
extractor stored it.

>>> fs = FieldScore("topics", tp=3, fp=1, fn=0)
>>> fs.precision, fs.recall, round(fs.f1, 3)
(0.75, 1.0, 0.857)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import permutations
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.model import Directive, Document, Paragraph

FIELDS: tuple[str, ...] = (
    "directives",
    "strength",
    "addressees",
    "concerns",
    "mentions",
    "citations",
    "topics",
)
SET_FIELDS: tuple[str, ...] = ("mentions", "citations", "topics")
SCORED_KINDS = frozenset({"operative", "subparagraph"})
_PARAGRAPH_ID = re.compile(r"^op\d+(\.[a-z]+)*$")
_MAX_PERMUTED = 6  # larger same-lemma groups are paired in reading order


# --------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldDirective:
    """One hand-annotated act: printed verb, lemma, strength, who, about what."""

    verb: str
    lemma: str
    strength: int
    addressees: frozenset[str]
    concerns: frozenset[str]


@dataclass(frozen=True)
class GoldParagraph:
    """Hand annotations of one operative paragraph or subparagraph."""

    id: str
    starts: str  # first 60 characters of the paragraph text, for alignment
    directives: tuple[GoldDirective, ...]
    mentions: frozenset[str]
    citations: frozenset[str]
    topics: frozenset[str]


@dataclass(frozen=True)
class Gold:
    """A gold file: the resolution symbol and its annotated paragraphs."""

    symbol: str
    paragraphs: tuple[GoldParagraph, ...]

    def paragraph(self, pid: str) -> GoldParagraph:
        """Return the gold paragraph ``pid`` (KeyError if absent)."""
        for p in self.paragraphs:
            if p.id == pid:
                return p
        raise KeyError(pid)


def gold_file_name(symbol: str) -> str:
    """File name of the gold annotations of ``symbol``.

    >>> gold_file_name("A/RES/61/183")
    'A_RES_61_183.json'
    """
    return symbol.replace("/", "_") + ".json"


def _str_list(value: Any, where: str, path: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KGError("expected a list of strings", path=path, where=where)
    if len(set(value)) != len(value):
        raise KGError("duplicate ids", path=path, where=where)
    return frozenset(value)


def _directive(raw: Any, where: str, path: str) -> GoldDirective:
    if not isinstance(raw, dict):
        raise KGError("a directive must be an object", path=path, where=where)
    verb, lemma, strength = raw.get("verb"), raw.get("lemma"), raw.get("strength")
    if not isinstance(verb, str) or not verb or verb != verb.lower():
        raise KGError("verb must be a non-empty lowercase string", path=path, where=where)
    if not isinstance(lemma, str) or not lemma:
        raise KGError("lemma must be a non-empty string", path=path, where=where)
    if isinstance(strength, bool) or not isinstance(strength, int) or not 0 <= strength <= 5:
        raise KGError(f"strength must be an integer 0-5, not {strength!r}", path=path, where=where)
    addressees = _str_list(raw.get("addressees"), f"{where}: addressees", path)
    if not addressees:
        raise KGError("a directive needs at least one addressee", path=path, where=where)
    return GoldDirective(
        verb=verb,
        lemma=lemma,
        strength=strength,
        addressees=addressees,
        concerns=_str_list(raw.get("concerns"), f"{where}: concerns", path),
    )


def parse_gold(data: Any, path: str = "<gold>") -> Gold:
    """Check the shape of decoded gold JSON and build a :class:`Gold`.

    Raises :class:`~kg.errors.KGError` naming the paragraph at fault.

    >>> g = parse_gold({"symbol": "A/RES/1/1", "paragraphs": {"op1": {
    ...     "starts": "Decides to ...", "mentions": ["GA"], "citations": [], "topics": [],
    ...     "directives": [{"verb": "decides", "lemma": "decide", "strength": 5,
    ...                     "addressees": ["GA"], "concerns": []}]}}})
    >>> g.paragraph("op1").directives[0].strength
    5
    """
    if not isinstance(data, dict):
        raise KGError("gold must be a JSON object", path=path)
    symbol, paras = data.get("symbol"), data.get("paragraphs")
    if not isinstance(symbol, str) or not symbol:
        raise KGError("missing 'symbol'", path=path)
    if not isinstance(paras, dict) or not paras:
        raise KGError("missing 'paragraphs'", path=path)
    out: list[GoldParagraph] = []
    for pid, raw in paras.items():
        if not _PARAGRAPH_ID.match(pid):
            raise KGError(f"bad paragraph id {pid!r}", path=path)
        if not isinstance(raw, dict):
            raise KGError("a paragraph must be an object", path=path, where=pid)
        starts, directives = raw.get("starts"), raw.get("directives")
        if not isinstance(starts, str) or not starts:
            raise KGError("missing 'starts'", path=path, where=pid)
        if not isinstance(directives, list):
            raise KGError("'directives' must be a list", path=path, where=pid)
        out.append(
            GoldParagraph(
                id=pid,
                starts=starts,
                directives=tuple(
                    _directive(d, f"{pid}: directive {i + 1}", path)
                    for i, d in enumerate(directives)
                ),
                mentions=_str_list(raw.get("mentions"), f"{pid}: mentions", path),
                citations=_str_list(raw.get("citations"), f"{pid}: citations", path),
                topics=_str_list(raw.get("topics"), f"{pid}: topics", path),
            )
        )
    return Gold(symbol=symbol, paragraphs=tuple(out))


def load_gold(path: str | Path) -> Gold:
    """Read and check one gold file."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KGError(exc.strerror or "cannot read", path=str(p)) from None
    except json.JSONDecodeError as exc:
        raise KGError(f"invalid JSON: {exc.msg}", path=str(p), where=f"line {exc.lineno}") from None
    return parse_gold(data, str(p))


# ------------------------------------------------------------------- scores


@dataclass(frozen=True)
class FieldScore:
    """True/false positives and false negatives of one field."""

    field: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        """tp / predicted; 1.0 when nothing was predicted and nothing was due."""
        if self.predicted:
            return self.tp / self.predicted
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        """tp / gold; 1.0 when the gold is empty and nothing was predicted."""
        if self.gold:
            return self.tp / self.gold
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: FieldScore) -> FieldScore:
        return FieldScore(self.field, self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class ScoreTable:
    """Scores of every field (in :data:`FIELDS` order) over some documents."""

    documents: tuple[str, ...]
    rows: tuple[FieldScore, ...]

    def row(self, field: str) -> FieldScore:
        """The score of ``field`` (KeyError if unknown)."""
        for r in self.rows:
            if r.field == field:
                return r
        raise KeyError(field)


def combine(tables: Iterable[ScoreTable]) -> ScoreTable:
    """Sum the counts of several tables (micro-average over documents).

    >>> a = ScoreTable(("A",), (FieldScore("topics", 1, 0, 1),))
    >>> b = ScoreTable(("B",), (FieldScore("topics", 2, 1, 0),))
    >>> combine([a, b]).row("topics")
    FieldScore(field='topics', tp=3, fp=1, fn=1)
    """
    docs: list[str] = []
    totals = {f: FieldScore(f) for f in FIELDS}
    for t in tables:
        docs.extend(t.documents)
        for r in t.rows:
            totals[r.field] = totals.get(r.field, FieldScore(r.field)) + r
    return ScoreTable(tuple(docs), tuple(totals.values()))


def _set_score(name: str, pred: frozenset[str], gold: frozenset[str]) -> FieldScore:
    return FieldScore(name, len(pred & gold), len(pred - gold), len(gold - pred))


def _agreement(g: GoldDirective, d: Directive) -> int:
    return (
        int(g.strength == d.strength)
        + len(g.addressees & set(d.addressees))
        + len(g.concerns & set(d.concerns))
    )


def match_directives(
    gold: Sequence[GoldDirective], pred: Sequence[Directive]
) -> list[tuple[GoldDirective, Directive]]:
    """Pair gold and predicted directives of one paragraph with the same lemma.

    Within a lemma, the pairing that agrees best on strength, addressees and
    concerns wins (ties: reading order); unpaired directives are misses or
    false alarms.

    >>> g = [GoldDirective("urges", "urge", 3, frozenset({"States"}), frozenset())]
    >>> d = Directive("notes", "note", 1, ("GA",), (), "", (0, 5))
    >>> match_directives(g, [d])
    []
    """
    pairs: list[tuple[GoldDirective, Directive]] = []
    for lemma in sorted({g.lemma for g in gold}):
        gs = [g for g in gold if g.lemma == lemma]
        ds = [d for d in pred if d.lemma == lemma]
        k = min(len(gs), len(ds))
        if k == 0:
            continue
        if max(len(gs), len(ds)) > _MAX_PERMUTED:
            pairs.extend(zip(gs, ds, strict=False))
            continue
        best: list[tuple[GoldDirective, Directive]] = []
        best_score = -1
        if len(gs) <= len(ds):
            candidates = (
                [(g, d) for g, d in zip(gs, perm, strict=True)] for perm in permutations(ds, k)
            )
        else:
            candidates = (
                [(g, d) for g, d in zip(perm, ds, strict=True)] for perm in permutations(gs, k)
            )
        for cand in candidates:
            score = sum(_agreement(g, d) for g, d in cand)
            if score > best_score:
                best, best_score = cand, score
        pairs.extend(best)
    return pairs


def footnote_targets(doc: Document) -> dict[str, frozenset[str]]:
    """Citation targets found in footnotes, per paragraph where the marker stands."""
    by_marker: dict[str, set[str]] = {}
    for p in doc.paragraphs:
        for c in p.citations:
            if c.in_footnote is not None:
                by_marker.setdefault(c.in_footnote, set()).add(c.target)
    out: dict[str, set[str]] = {}
    for fn in doc.footnotes:
        places = [fn.paragraph] if fn.paragraph else []
        places.extend(r.paragraph for r in fn.refs)
        for pid in places:
            out.setdefault(pid, set()).update(by_marker.get(fn.marker, ()))
    return {pid: frozenset(t) for pid, t in out.items()}


def _predicted(p: Paragraph | None, notes: frozenset[str]) -> dict[str, frozenset[str]]:
    """The mention, citation and topic ids predicted for paragraph ``p``."""
    if p is None:
        return {name: frozenset() for name in SET_FIELDS}
    return {
        "mentions": frozenset(m.entity for m in p.mentions if m.entity != "unknown"),
        "citations": frozenset(c.target for c in p.citations) | notes,
        "topics": frozenset(t.topic for t in p.topics),
    }


def _paragraph_scores(
    gold: GoldParagraph | None, p: Paragraph | None, notes: frozenset[str]
) -> dict[str, FieldScore]:
    empty: frozenset[str] = frozenset()
    g_dirs = gold.directives if gold else ()
    p_dirs = p.directives if p else ()
    pairs = match_directives(g_dirs, p_dirs)
    n = len(pairs)
    right = sum(1 for g, d in pairs if g.strength == d.strength)
    scores = {
        "directives": FieldScore("directives", n, len(p_dirs) - n, len(g_dirs) - n),
        "strength": FieldScore("strength", right, n - right, n - right),
        "addressees": sum(
            (_set_score("addressees", frozenset(d.addressees), g.addressees) for g, d in pairs),
            FieldScore("addressees"),
        ),
        "concerns": sum(
            (_set_score("concerns", frozenset(d.concerns), g.concerns) for g, d in pairs),
            FieldScore("concerns"),
        ),
    }
    pred = _predicted(p, notes)
    for name in SET_FIELDS:
        scores[name] = _set_score(name, pred[name], getattr(gold, name) if gold else empty)
    return scores


def score_document(doc: Document, gold: Gold) -> ScoreTable:
    """Score the annotated ``doc`` against ``gold`` (same resolution).

    Raises :class:`~kg.errors.KGError` when the symbols differ.
    """
    if doc.meta.symbol != gold.symbol:
        raise KGError(f"gold is for {gold.symbol}, document is {doc.meta.symbol}", path=doc.source)
    predicted = {p.id: p for p in doc.paragraphs if p.kind in SCORED_KINDS}
    golds = {g.id: g for g in gold.paragraphs}
    notes = footnote_targets(doc)
    totals = {f: FieldScore(f) for f in FIELDS}
    for pid in sorted(predicted.keys() | golds.keys()):
        found = _paragraph_scores(golds.get(pid), predicted.get(pid), notes.get(pid, frozenset()))
        for name, fs in found.items():
            totals[name] = totals[name] + fs
    return ScoreTable((gold.symbol,), tuple(totals[f] for f in FIELDS))


def differences(doc: Document, gold: Gold) -> list[str]:
    """Human-readable misses (``-``) and false alarms (``+``) per paragraph."""
    lines: list[str] = []
    predicted = {p.id: p for p in doc.paragraphs if p.kind in SCORED_KINDS}
    golds = {g.id: g for g in gold.paragraphs}
    notes = footnote_targets(doc)
    for pid in sorted(predicted.keys() | golds.keys()):
        g, p = golds.get(pid), predicted.get(pid)
        if g is None or p is None:
            lines.append(f"{pid}: {'not in the gold' if g is None else 'not in the document'}")
            continue
        pred = _predicted(p, notes.get(pid, frozenset()))
        for name in SET_FIELDS:
            want: frozenset[str] = getattr(g, name)
            for x in sorted(want - pred[name]):
                lines.append(f"{pid}: {name} -{x}")
            for x in sorted(pred[name] - want):
                lines.append(f"{pid}: {name} +{x}")
        g_lemmas = Counter(d.lemma for d in g.directives)
        p_lemmas = Counter(d.lemma for d in p.directives)
        for lemma in sorted((g_lemmas - p_lemmas).elements()):
            lines.append(f"{pid}: directive -{lemma}")
        for lemma in sorted((p_lemmas - g_lemmas).elements()):
            lines.append(f"{pid}: directive +{lemma}")
        for gd, pd in match_directives(g.directives, p.directives):
            got = (pd.strength, sorted(pd.addressees), sorted(pd.concerns))
            want_d = (gd.strength, sorted(gd.addressees), sorted(gd.concerns))
            if got != want_d:
                lines.append(
                    f"{pid}: {gd.lemma} (strength, addressees, concerns) {got} != {want_d}"
                )
    return lines


def format_markdown(table: ScoreTable, title: str | None = None) -> str:
    """The table as Markdown, for BENCHMARKS.md.

    >>> t = ScoreTable(("A/RES/1/1",), (FieldScore("topics", 9, 1, 0),))
    >>> print(format_markdown(t))
    | Field | Gold | Predicted | Correct | Precision | Recall | F1 |
    |---|---:|---:|---:|---:|---:|---:|
    | topics | 9 | 10 | 9 | 0.900 | 1.000 | 0.947 |
    """
    lines = [f"**{title}**", ""] if title else []
    lines.append("| Field | Gold | Predicted | Correct | Precision | Recall | F1 |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for r in table.rows:
        lines.append(
            f"| {r.field} | {r.gold} | {r.predicted} | {r.tp} "
            f"| {r.precision:.3f} | {r.recall:.3f} | {r.f1:.3f} |"
        )
    return "\n".join(lines)
