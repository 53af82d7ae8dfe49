"""Paragraph lineage between two resolutions of the same annual series.

Consecutive resolutions of a series (A/RES/61/183 -> A/RES/63/197, A/RES/75/198
-> A/RES/76/188 -> A/RES/77/238) reuse, renumber and amend most paragraphs.
:func:`align` says, for every paragraph of the newer text, which paragraph(s)
of the older one it descends from and how its words changed:

* ``verbatim`` — the same words after normalisation (see :func:`surface_key`:
  white space, hyphens and quote styles do not count, nor the punctuation that
  ends the paragraph; "fortysixth" equals "forty-sixth");
* ``modified`` — one old paragraph, amended (score at least
  :data:`kg.lineage_align.MODIFIED_MIN`, or the shorter text mostly contained
  in the other);
* ``merged`` — two or more old paragraphs joined into one new paragraph;
* ``split`` — one old paragraph spread over two or more new ones;
* ``new`` / ``dropped`` — no counterpart.

Like is compared with like: preambular with preambular, operative with
operative, subparagraphs with subparagraphs (preferring those whose parents are
linked).  Paragraph numbers are never used for matching.  The result is plain
frozen dataclasses; the RDF stage maps them to ``dckg:derivedFrom``.

>>> from kg.model import Metadata
>>> from kg.read.assemble import ParagraphDraft, assemble
>>> def doc(symbol, *texts):
...     blocks = [ParagraphDraft(kind="operative", number=str(i), text=t)
...               for i, t in enumerate(texts, 1)]
...     return assemble(Metadata(symbol=symbol, body="GA"), blocks, [])
>>> old = doc("A/RES/1/1", "Urges all States to act;", "Decides to remain seized of the matter.")
>>> new = doc("A/RES/2/1", "Notes the report;", "Urges all States to act now;")
>>> [(l.kind, l.new, l.old) for l in align(old, new).links]
[('new', ('op1',), ()), ('modified', ('op2',), ('op1',)), ('dropped', (), ('op2',))]
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal, Protocol, TypeVar

from kg.lineage_align import Group, align_keys, score_pair
from kg.model import Document, Metadata, Paragraph, ParagraphKind

LinkClass = Literal["verbatim", "modified", "split", "merged", "new", "dropped"]
DiffOp = Literal["equal", "insert", "delete"]
#: One run of the word diff: the operation and its words (as printed; equal
#: runs are given in the wording of the new text).
DiffChunk = tuple[DiffOp, tuple[str, ...]]

LINK_CLASSES: tuple[LinkClass, ...] = ("verbatim", "modified", "split", "merged", "new", "dropped")
PARTS: tuple[ParagraphKind, ...] = ("preambular", "operative", "subparagraph")
#: Weight added to a subparagraph pair whose parent paragraphs are linked.
PARENT_BONUS = 0.1

# Normalisation tables: (name, pattern, replacement, why).
_NORMALISE: tuple[tuple[str, re.Pattern[str], str, str], ...] = (
    ("hyphens", re.compile("[\u002d\u2010\u2011\u00ad]"), "",
     "the flat seed lost its hyphens (fortysixth); PDF text splits words at line ends"),
    ("single quotes", re.compile("[\u2018\u2019\u02bc]"), "'", "typographic vs straight"),
    ("double quotes", re.compile("[\u201c\u201d]"), '"', "typographic vs straight"),
)
_FINAL_PUNCT = ";,.:"  # what ends a paragraph depends on its place, not its content
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Link:
    """One lineage relation: new paragraph(s) descending from old paragraph(s).

    ``old`` / ``new`` are paragraph ids in reading order (empty for ``new`` /
    ``dropped``).  ``score`` is in [0, 1] (1.0 for verbatim, 0.0 when one side
    is empty); ``diff`` turns the old words into the new ones (its equal runs
    in the new wording; :meth:`old_runs` gives the old side as printed).
    """

    kind: LinkClass
    part: ParagraphKind
    old: tuple[str, ...]
    new: tuple[str, ...]
    score: float
    diff: tuple[DiffChunk, ...]
    old_text: str = ""  # the old paragraphs' texts, joined by a space
    new_text: str = ""

    def old_runs(self) -> tuple[DiffChunk, ...]:
        """The old words as printed, in runs of ``equal`` and ``delete``."""
        return _side(self.diff, self.old_text, "insert")

    def new_runs(self) -> tuple[DiffChunk, ...]:
        """The new words as printed, in runs of ``equal`` and ``insert``."""
        return _side(self.diff, self.new_text, "delete")


def _side(diff: tuple[DiffChunk, ...], text: str, skip: str) -> tuple[DiffChunk, ...]:
    """Re-read one side's own words along the diff (equal runs have equal lengths)."""
    words = text.split()
    runs: list[DiffChunk] = []
    at = 0
    for op, chunk in diff:
        if op != skip:
            runs.append((op, tuple(words[at : at + len(chunk)])))
            at += len(chunk)
    return tuple(runs)


@dataclass(frozen=True)
class Lineage:
    """All links from the paragraphs of ``old`` to those of ``new`` (symbols).

    Links are in the reading order of the new text; a dropped paragraph comes
    after the link of the old paragraph that preceded it.
    """

    old: str
    new: str
    links: tuple[Link, ...]

    def counts(self) -> dict[str, int]:
        """Number of links per class, every class present (in LINK_CLASSES order)."""
        return {c: sum(1 for link in self.links if link.kind == c) for c in LINK_CLASSES}

    def derived_from(self, new_id: str) -> tuple[str, ...]:
        """Ids of the old paragraphs that paragraph ``new_id`` descends from."""
        for link in self.links:
            if new_id in link.new:
                return link.old
        return ()

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """Every (new id, old id) descent pair: what ``dckg:derivedFrom`` states."""
        return tuple((n, o) for link in self.links for n in link.new for o in link.old)


@lru_cache(maxsize=1 << 16)
def surface_key(word: str) -> str:
    """A printed word as compared for ``verbatim``: hyphens and quote styles ignored.

    >>> surface_key("forty-sixth") == surface_key("fortysixth")
    True
    >>> surface_key("Member States\u2019")
    "Member States'"
    """
    word = unicodedata.normalize("NFKC", word)
    for _name, pattern, repl, _why in _NORMALISE:
        word = pattern.sub(repl, word)
    return word


def surface_keys(text: str) -> list[str]:
    """Keys of the printed words of a paragraph, ending punctuation dropped."""
    keys = [surface_key(w) for w in text.split()]
    if keys:
        keys[-1] = keys[-1].rstrip(_FINAL_PUNCT)
    return keys


def content_keys(text: str) -> list[str]:
    """Words for scoring: case-folded, without punctuation or hyphens.

    >>> content_keys("Reaffirms its resolve, inter alia, to non-intervention;")
    ['reaffirms', 'its', 'resolve', 'inter', 'alia', 'to', 'nonintervention']
    """
    out = (_NOT_WORD.sub("", surface_key(w).casefold()) for w in text.split())
    return [w for w in out if w]


def word_diff(old_text: str, new_text: str) -> tuple[DiffChunk, ...]:
    """Word-level diff from ``old_text`` to ``new_text`` (runs of equal/delete/insert).

    >>> word_diff("the principle of non-intervention", "for the principle of nonintervention")
    (('insert', ('for',)), ('equal', ('the', 'principle', 'of', 'nonintervention')))
    """
    old_words, new_words = old_text.split(), new_text.split()
    sm = SequenceMatcher(None, surface_keys(old_text), surface_keys(new_text), autojunk=False)
    chunks: list[tuple[DiffOp, list[str]]] = []

    def put(op: DiffOp, words: list[str]) -> None:
        if not words:
            return
        if chunks and chunks[-1][0] == op:
            chunks[-1][1].extend(words)
        else:
            chunks.append((op, list(words)))

    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            put("equal", new_words[j1:j2])
        else:
            put("delete", old_words[i1:i2])
            put("insert", new_words[j1:j2])
    return tuple((op, tuple(words)) for op, words in chunks)


def _link(
    group: Group,
    olds: Sequence[Paragraph],
    news: Sequence[Paragraph],
    keys: tuple[Sequence[list[str]], Sequence[list[str]]],
    part: ParagraphKind,
) -> Link:
    o = [olds[i] for i in group.old]
    n = [news[j] for j in group.new]
    old_text = " ".join(p.text for p in o)
    new_text = " ".join(p.text for p in n)
    diff = word_diff(old_text, new_text)
    kind: LinkClass
    if not o:
        kind, score = "new", 0.0
    elif not n:
        kind, score = "dropped", 0.0
    else:
        old_keys = [k for i in group.old for k in keys[0][i]]
        new_keys = [k for j in group.new for k in keys[1][j]]
        score = 1.0 if old_keys == new_keys else score_pair(old_keys, new_keys).score
        if len(o) > 1:
            kind = "merged"
        elif len(n) > 1:
            kind = "split"
        elif surface_keys(old_text) == surface_keys(new_text):
            kind, score = "verbatim", 1.0
        else:
            kind = "modified"
    return Link(
        kind, part, tuple(p.id for p in o), tuple(p.id for p in n), round(score, 4), diff,
        old_text, new_text,
    )


def _align_part(
    old: Sequence[Paragraph], new: Sequence[Paragraph], part: ParagraphKind,
    linked_parents: set[tuple[str, str]],
) -> list[Link]:
    bonus = {
        (i, j): PARENT_BONUS
        for i, p in enumerate(old)
        for j, q in enumerate(new)
        if (p.parent, q.parent) in linked_parents
    } if linked_parents else None
    keys = ([content_keys(p.text) for p in old], [content_keys(q.text) for q in new])
    groups = align_keys(keys[0], keys[1], bonus)
    return [_link(g, old, new, keys, part) for g in groups]


def align(old: Document, new: Document) -> Lineage:
    """Align the paragraphs of two resolutions of one series (old before new)."""
    links: list[Link] = []
    parents: set[tuple[str, str]] = set()
    for part in PARTS:
        olds = [p for p in old.paragraphs if p.kind == part]
        news = [p for p in new.paragraphs if p.kind == part]
        found = _align_part(olds, news, part, parents)
        if part == "operative":
            parents = {(o, n) for link in found for o in link.old for n in link.new}
        links.extend(found)
    return Lineage(old.meta.symbol, new.meta.symbol, tuple(_in_reading_order(links, old, new)))


def _in_reading_order(links: Sequence[Link], old: Document, new: Document) -> list[Link]:
    old_order = {p.id: p.order for p in old.paragraphs}
    new_order = {p.id: p.order for p in new.paragraphs}
    # for each old paragraph, where its descendants stand in the new text
    lands: dict[int, int] = {}
    for link in links:
        if link.new:
            at = min(new_order[n] for n in link.new)
            for o in link.old:
                lands[old_order[o]] = at

    def key(link: Link) -> tuple[int, int, int]:
        first_old = min((old_order[o] for o in link.old), default=0)
        if link.new:
            return (min(new_order[n] for n in link.new), 0, first_old)
        anchor = max((o for o in lands if o < first_old), default=None)
        return (lands[anchor] if anchor is not None else 0, 1, first_old)

    return sorted(links, key=key)


# --- Series -------------------------------------------------------------------
#: Words that say nothing about a title's subject (dropped before comparing).
TITLE_STOPWORDS = frozenset(
    {"a", "an", "and", "against", "by", "for", "from", "in", "its", "of", "on", "the",
     "through", "to", "with"}
)
#: Inflections stripped so that "addressing and countering" meets "address and
#: counter": (suffix, minimum length of the word before stripping); then any
#: final "e" goes, so that "advancing" and "advance" both become "advanc".
TITLE_SUFFIXES: tuple[tuple[str, int], ...] = (("ing", 6), ("s", 4))
#: Title words that change every year in a series and say nothing of its subject:
#: years and ordinals ("for 2021" -> "for 2022", "seventh review" -> "eighth
#: review", "on the work of its seventy-second session" -> "seventy-third").
NUMBER_WORD = re.compile(
    r"\d+(?:st|nd|rd|th)?"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth)"
)
#: The subject must persist: of the (non-number) words that one title has and
#: the other lacks, at least this share must occur in the other text.  Texts of
#: one template ("International Day of Women Judges" / "... of Women in
#: Diplomacy", "Observer status for the Global Dryland Alliance" / "... for the
#: International Solar Alliance") share paragraphs but not their subject: 0.0;
#: "International cooperation to address and counter the world drug problem"
#: -> "... through a comprehensive, integrated and balanced approach": 1.0.
SUBJECT_MIN = 0.75
#: Two titles of one series: their subject words overlap at least this much
#: (Dice coefficient, each word weighted by its IDF among the titles compared,
#: so that "International Year of Glass" and "International Year of Basic
#: Sciences" do not meet on "International Year").  The drug series drifts from
#: "International cooperation against the world drug problem" through "... to
#: address and counter the world drug problem" to "Addressing and countering the
#: world drug problem through a comprehensive, integrated and balanced approach".
TITLE_MIN = 0.5
#: ... and at least this share of the newer text's paragraphs descend from the
#: older one (61/183 -> 63/197: 0.55; 76/188 -> 77/238: 0.69) ...
SERIES_MIN_SHARED = 0.3
#: ... and at least this many.
SERIES_MIN_PARAGRAPHS = 3


def title_words(title: str) -> list[str]:
    """A title's subject words, case-folded and lightly stemmed.

    >>> title_words("Addressing and countering the world drug problem")
    ['address', 'counter', 'world', 'drug', 'problem']
    >>> title_words("to advance") == title_words("advancing")
    True
    """
    out: list[str] = []
    for word in content_keys(title):
        if word in TITLE_STOPWORDS:
            continue
        for suffix, min_len in TITLE_SUFFIXES:
            if word.endswith(suffix) and len(word) >= min_len and not word.endswith("ss"):
                word = word[: -len(suffix)]
                break
        out.append(word.rstrip("e") or word)
    return out


def subject_kept(old: Document, new: Document) -> float:
    """Share of the subject words in which the titles differ found in the other text.

    Years and ordinals (:data:`NUMBER_WORD`) are left out; 1.0 when the titles
    have the same subject words.
    """
    to, tn = _subject(old.meta.title), _subject(new.meta.title)
    only_new, only_old = tn - to, to - tn
    if not only_new and not only_old:
        return 1.0
    found = len(only_new & _text_words(old.text)) + len(only_old & _text_words(new.text))
    return found / (len(only_new) + len(only_old))


@lru_cache(maxsize=1 << 12)
def _text_words(text: str) -> frozenset[str]:
    return frozenset(title_words(text))


def _subject(title: str | None) -> set[str]:
    return {w for w in title_words(title or "") if not NUMBER_WORD.fullmatch(w)}


def title_similarity(a: str | None, b: str | None, idf: Mapping[str, float] | None = None) -> float:
    """IDF-weighted Dice coefficient of two titles' subject words (0.0 if one is missing).

    Without ``idf`` every word weighs 1.

    >>> round(title_similarity("International cooperation against the world drug problem",
    ...     "International cooperation to address and counter the world drug problem"), 2)
    0.83
    """
    wa, wb = Counter(title_words(a or "")), Counter(title_words(b or ""))
    idf = idf or {}

    def weight(bag: Counter[str]) -> float:
        return sum(idf.get(w, 1.0) * n for w, n in bag.items())

    total = weight(wa) + weight(wb)
    return 2.0 * weight(wa & wb) / total if total else 0.0


def title_idf(titles: Iterable[str | None]) -> dict[str, float]:
    """Smoothed IDF of title words: ``log((n + 1) / (df + 1)) + 1``."""
    df: Counter[str] = Counter()
    n = 0
    for title in titles:
        n += 1
        df.update(set(title_words(title or "")))
    return {w: math.log((n + 1) / (d + 1)) + 1.0 for w, d in df.items()}


def shared_share(lineage: Lineage, new: Document) -> tuple[int, float]:
    """How many paragraphs of ``new`` descend from the old text, and what share."""
    count = sum(len(link.new) for link in lineage.links if link.old and link.new)
    return count, count / len(new.paragraphs) if new.paragraphs else 0.0


class Dated(Protocol):
    """Anything with a :class:`~kg.model.Metadata` (a document, or a build cache entry)."""

    @property
    def meta(self) -> Metadata: ...


D = TypeVar("D", bound=Dated)


def _session(doc: Dated) -> int | None:
    """The regular session number ("63"), None for special sessions or when unknown."""
    raw = doc.meta.session or ""
    if raw.isdigit():
        return int(raw)
    found = re.fullmatch(r"A/RES/(\d+)/.*", doc.meta.symbol)
    return int(found.group(1)) if found and not raw else None


def _chrono(doc: Dated) -> tuple[str, int, str]:
    return (doc.meta.adopted or "", _session(doc) or 0, doc.meta.symbol)


def _earlier(old: Dated, new: Dated) -> bool:
    """Whether ``old`` belongs to an earlier session than ``new`` (an annual series
    has one member per session), by adoption date when sessions are unknown."""
    so, sn = _session(old), _session(new)
    if so is not None and sn is not None:
        return so < sn
    return bool(old.meta.adopted and new.meta.adopted and old.meta.adopted < new.meta.adopted)


def _shared(old: Document, new: Document) -> tuple[int, float]:
    return shared_share(align(old, new), new)


def series_pairs(docs: Iterable[Document]) -> list[tuple[Document, Document]]:
    """Consecutive members of the same title series, as (older, newer) pairs.

    Two texts are of one series when their titles are alike
    (:data:`TITLE_MIN`; titles drift over the years) and keep their subject
    (:data:`SUBJECT_MIN`), *and* enough paragraphs of the newer one descend
    from the older one (:data:`SERIES_MIN_SHARED`, :data:`SERIES_MIN_PARAGRAPHS`).
    A text's predecessor is taken from the latest earlier session that holds a
    qualifying text (the most alike title, then the most shared paragraphs,
    wins); each text precedes at most one other.  The pairs are sorted by the
    newer text's date and symbol.
    """
    return series_pairs_by(docs, subject_kept, _shared)


def series_pairs_by(
    docs: Iterable[D],
    subject: Callable[[D, D], float],
    shared: Callable[[D, D], tuple[int, float]],
    prefetch: Callable[[str, list[tuple[D, D]]], None] | None = None,
) -> list[tuple[D, D]]:
    """:func:`series_pairs` over anything with a ``meta``, given how to compare two.

    ``subject(old, new)`` is :func:`subject_kept` and ``shared(old, new)`` is
    :func:`shared_share` of their alignment; ``dckg build`` passes versions
    that remember their answers between builds (:mod:`kg.build_lineage`).
    ``prefetch(kind, pairs)``, if given, is told first which pairs ``subject``
    (kind ``"subject"``) and then which ``shared`` (``"shared"``: each newer
    text's most likely predecessor) will be asked about, so that it can
    compute them together, in parallel; the result does not depend on it.
    """
    ordered = sorted(docs, key=_chrono)
    idf = title_idf(d.meta.title for d in ordered)
    bags = [Counter(title_words(d.meta.title or "")) for d in ordered]
    mass = [sum(idf[w] * n for w, n in bag.items()) for bag in bags]
    having: dict[str, list[int]] = {}
    for i, bag in enumerate(bags):
        for w in bag:
            having.setdefault(w, []).append(i)
    # for each new index: (session of old, title similarity, old index) of titles alike
    alike: list[list[tuple[int, float, int]]] = []
    for j, new in enumerate(ordered):
        near = sorted({i for w in bags[j] for i in having[w] if i != j})
        row = []
        for i in near:
            if _earlier(ordered[i], new):
                common = sum(idf[w] * n for w, n in (bags[i] & bags[j]).items())
                title = 2.0 * common / (mass[i] + mass[j])
                if title >= TITLE_MIN:
                    row.append((_session(ordered[i]) or 0, title, i))
        alike.append(row)
    if prefetch:
        asked = [(ordered[i], ordered[j]) for j, row in enumerate(alike) for *_, i in row]
        prefetch("subject", asked)
    titled = [
        sorted(
            (t for t in row if subject(ordered[t[2]], ordered[j]) >= SUBJECT_MIN),
            key=lambda t: (-t[0], -t[1], t[2]),
        )
        for j, row in enumerate(alike)
    ]
    if prefetch:
        likely = [(ordered[row[0][2]], ordered[j]) for j, row in enumerate(titled) if row]
        prefetch("shared", likely)
    # new index -> (session of old, title similarity, shared share, old index)
    best: dict[int, tuple[int, float, float, int]] = {}
    for j, new in enumerate(ordered):
        for session, title, i in titled[j]:
            if j in best and (session, title) < best[j][:2]:
                break  # candidates come latest session first, then best title
            count, share = shared(ordered[i], new)
            qualifies = count >= SERIES_MIN_PARAGRAPHS and share >= SERIES_MIN_SHARED
            if qualifies and (j not in best or (session, title, share) > best[j][:3]):
                best[j] = (session, title, share, i)
    successor: dict[int, tuple[float, float, int]] = {}
    for j, (_, title, share, i) in best.items():
        if i not in successor or (title, share) > successor[i][:2]:
            successor[i] = (title, share, j)
    pairs = [(ordered[i], ordered[j]) for i, (_, _, j) in successor.items()]
    return sorted(pairs, key=lambda pair: _chrono(pair[1]))
