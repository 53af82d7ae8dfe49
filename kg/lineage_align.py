"""Alignment engine for paragraph lineage: candidates, scores, assignment, groups.

This module knows nothing about documents: it aligns two lists of paragraphs
given as *content keys* (lists of case-folded words without punctuation, see
:func:`kg.lineage.content_keys`) and answers with indices.  :mod:`kg.lineage`
turns the answer into :class:`kg.lineage.Link` objects.

Steps
-----
1. **Candidates** (:func:`candidate_pairs`): every paragraph is a TF-IDF
   vector of word bigrams ("shingles"); for each paragraph on either side the
   :data:`CANDIDATES_PER_PARAGRAPH` most similar paragraphs on the other side
   (cosine) become candidates.  Only candidates are scored, so a 120 x 120
   pair costs a few hundred comparisons, not 14,400.
2. **Scores** (:func:`score_pair`): :class:`difflib.SequenceMatcher` on words
   gives the number of words in order common to both (``matched``) and the
   ratio ``2 * matched / (len(old) + len(new))``; the Dice coefficient of word
   bigram multisets forgives clauses that were moved within the paragraph.
   ``score = max(ratio, dice)``.
3. **Assignment** (:func:`assign`): one-to-one, greedy by score.  Near-certain
   pairs (:data:`ANCHOR_MIN`) go first whatever their order; then the other
   linkable pairs, with a small bonus (:data:`ORDER_BONUS`) when they keep the
   reading order between the anchors (renumbering is mostly monotone, but
   paragraphs do move).
4. **Groups** (:func:`grow_groups`): an old paragraph left over whose words
   are mostly found in a linked new paragraph, and which accounts for words of
   it that its partner does not, joins its group (a merge); splits likewise.

>>> old = [["reaffirms", "the", "need", "for", "a", "comprehensive", "approach"],
...        ["takes", "note", "of", "the", "report"]]
>>> new = [["takes", "note", "of", "the", "report", "of", "the", "board"],
...        ["reaffirms", "the", "need", "for", "a", "comprehensive", "approach"]]
>>> groups = align_keys(old, new)
>>> [(g.old, g.new) for g in groups]  # in the order of the new list
[((1,), (0,)), ((0,), (1,))]
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import pairwise

Keys = Sequence[str]

# --- Thresholds (documented constants; see the module docstring) -------------
#: Candidates kept per paragraph and per side from the TF-IDF shingle search.
CANDIDATES_PER_PARAGRAPH = 5
#: A pair with ``score`` at least this is "modified" (or better): the brief's
#: "modified >= ~0.5".  61/183 op 14 -> 63/197 op 21 (clauses reordered) scores
#: 0.64 by bigram Dice although its in-order ratio is only 0.50.
MODIFIED_MIN = 0.5
#: A pair whose shorter side is covered at least this much (in order) is also
#: linkable: a paragraph extended or cut down (61/183 op 33's lead-in, 24 words,
#: is 83 % inside 63/197 op 38, 76 words; ratio only 0.40).
CONTAINED_MIN = 0.8
#: ... provided at least this many words are shared (short boilerplate is not
#: evidence of descent).
CONTAINED_MIN_WORDS = 8
#: Pairs scoring at least this are anchors: assigned first, order ignored.
ANCHOR_MIN = 0.8
#: Bonus for a pair that keeps the reading order between its anchors.
ORDER_BONUS = 0.05
#: A left-over paragraph joins a merge/split group when at least this share of
#: its own words is found, in order, in the group's paragraph ...
PART_MIN = 0.5
#: ... and, unless the part is contained (:data:`CONTAINED_MIN`), the pair's
#: TF-IDF cosine is at least this: words shared only through the names of
#: bodies are no evidence (61/183 op 23 and op 29 vs 63/197 op 44: 0.19, 0.20;
#: 76/188 op 81 vs 77/238 op 8: 0.09), real parts score 0.32-0.52 ...
PART_MIN_COSINE = 0.25
#: ... and it accounts for at least this many words of that paragraph that
#: the rest of the group does not (61/183 op 4 brings 19 words to 63/197 op 7).
PART_MIN_WORDS = 5


@dataclass(frozen=True)
class PairScore:
    """How much of ``old`` survives in ``new`` (indices into the two lists)."""

    old: int
    new: int
    ratio: float  # SequenceMatcher ratio on words
    dice: float  # Dice coefficient of word-bigram multisets
    matched: int  # words common to both, in order
    old_len: int
    new_len: int
    cosine: float = 0.0  # TF-IDF cosine of word bigrams (from the candidate search)

    @property
    def score(self) -> float:
        """The similarity reported for a link: ``max(ratio, dice)`` in [0, 1]."""
        return max(self.ratio, self.dice)

    @property
    def contained(self) -> float:
        """Share of the shorter paragraph's words found in the other one."""
        shorter = min(self.old_len, self.new_len)
        return self.matched / shorter if shorter else 0.0

    def part_of(self, own_len: int) -> bool:
        """Whether a paragraph of ``own_len`` words can be one part of a merge/split."""
        if self.matched < PART_MIN_WORDS or self.matched < PART_MIN * own_len:
            return False
        if self.matched >= CONTAINED_MIN_WORDS and self.matched >= CONTAINED_MIN * own_len:
            return True
        return self.cosine >= PART_MIN_COSINE

    @property
    def linkable(self) -> bool:
        """Whether the pair is close enough to be one paragraph's descent."""
        if self.score >= MODIFIED_MIN:
            return True
        return self.matched >= CONTAINED_MIN_WORDS and self.contained >= CONTAINED_MIN


@dataclass(frozen=True)
class Group:
    """Old paragraph indices linked to new paragraph indices (either may be empty)."""

    old: tuple[int, ...]
    new: tuple[int, ...]


def _bigrams(keys: Keys) -> Counter[tuple[str, ...]]:
    if len(keys) < 2:
        return Counter((k,) for k in keys)
    return Counter(pairwise(keys))


def _matched(a: Keys, b: Keys) -> int:
    sm = SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in sm.get_matching_blocks())


def score_pair(old: Keys, new: Keys, i: int = 0, j: int = 0, cosine: float = 0.0) -> PairScore:
    """Score one pair of paragraphs given as word keys.

    >>> s = score_pair(["urges", "all", "states"], ["urges", "states"])
    >>> s.matched, round(s.ratio, 2), s.contained
    (2, 0.8, 1.0)
    """
    matched = _matched(old, new)
    total = len(old) + len(new)
    ratio = 2.0 * matched / total if total else 0.0
    bo, bn = _bigrams(old), _bigrams(new)
    size = sum(bo.values()) + sum(bn.values())
    dice = 2.0 * sum((bo & bn).values()) / size if size else 0.0
    return PairScore(i, j, ratio, dice, matched, len(old), len(new), cosine)


def _tfidf(docs: Sequence[Keys]) -> list[dict[tuple[str, ...], float]]:
    shingles = [_bigrams(d) for d in docs]
    df: Counter[tuple[str, ...]] = Counter()
    for s in shingles:
        df.update(s.keys())
    n = len(docs)
    vectors: list[dict[tuple[str, ...], float]] = []
    for s in shingles:
        vec = {g: tf * (math.log((n + 1) / (df[g] + 1)) + 1.0) for g, tf in s.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        vectors.append({g: w / norm for g, w in vec.items()})
    return vectors


def candidate_pairs(
    old: Sequence[Keys], new: Sequence[Keys], per_side: int = CANDIDATES_PER_PARAGRAPH
) -> dict[tuple[int, int], float]:
    """Pairs (old index, new index) worth scoring, with their cosine, sorted.

    Each paragraph keeps its ``per_side`` nearest neighbours on the other side
    by TF-IDF cosine over word bigrams (shared bigrams only, so pairs with
    nothing in common are never proposed).
    """
    vectors = _tfidf([*old, *new])
    old_vecs, new_vecs = vectors[: len(old)], vectors[len(old) :]
    index: dict[tuple[str, ...], list[tuple[int, float]]] = {}
    for i, vec in enumerate(old_vecs):
        for g, w in vec.items():
            index.setdefault(g, []).append((i, w))
    cosine: dict[tuple[int, int], float] = {}
    for j, vec in enumerate(new_vecs):
        for g, w in vec.items():
            for i, v in index.get(g, ()):
                cosine[(i, j)] = cosine.get((i, j), 0.0) + w * v
    by_old: dict[int, list[tuple[float, int]]] = {}
    by_new: dict[int, list[tuple[float, int]]] = {}
    for (i, j), c in cosine.items():
        by_old.setdefault(i, []).append((-c, j))
        by_new.setdefault(j, []).append((-c, i))
    keep: set[tuple[int, int]] = set()
    for i, row in by_old.items():
        keep.update((i, j) for _, j in sorted(row)[:per_side])
    for j, row in by_new.items():
        keep.update((i, j) for _, i in sorted(row)[:per_side])
    return {pair: cosine[pair] for pair in sorted(keep)}


def _in_order(
    pair: PairScore, anchors: Sequence[tuple[int, int]]
) -> bool:
    """Whether ``pair`` fits between the anchors that surround it in old order."""
    before = [b for a, b in anchors if a < pair.old]
    after = [b for a, b in anchors if a > pair.old]
    return (not before or before[-1] < pair.new) and (not after or pair.new < after[0])


def _drift(pair: PairScore, n_old: int, n_new: int) -> float:
    return abs(pair.old / max(n_old, 1) - pair.new / max(n_new, 1))


def assign(
    scores: Sequence[PairScore],
    n_old: int,
    n_new: int,
    bonus: Mapping[tuple[int, int], float] | None = None,
    fixed: Mapping[int, int] | None = None,
) -> dict[int, int]:
    """One-to-one links ``{new index: old index}`` among linkable pairs.

    ``fixed`` links are settled in advance (and serve as anchors); ``bonus``
    adds to the weight of given (old, new) pairs (used to prefer
    subparagraphs whose parents are linked).  Ties are broken by closeness of
    relative position, then by indices, so the result is deterministic.
    """
    bonus = bonus or {}
    linkable = [s for s in scores if s.linkable]
    links: dict[int, int] = dict(fixed or {})
    old_used: set[int] = set(links.values())

    def take(weighted: list[tuple[float, float, int, int, PairScore]]) -> None:
        for _, _, _, _, s in sorted(weighted, key=lambda t: t[:4]):
            if s.old not in old_used and s.new not in links:
                links[s.new] = s.old
                old_used.add(s.old)

    def weight(s: PairScore) -> float:
        return s.score + bonus.get((s.old, s.new), 0.0)

    take(
        [
            (-weight(s), _drift(s, n_old, n_new), s.old, s.new, s)
            for s in linkable
            if s.score >= ANCHOR_MIN
        ]
    )
    anchors = sorted((o, n) for n, o in links.items())
    take(
        [
            (
                -(weight(s) + (ORDER_BONUS if _in_order(s, anchors) else 0.0)),
                _drift(s, n_old, n_new),
                s.old,
                s.new,
                s,
            )
            for s in linkable
            if s.old not in old_used and s.new not in links
        ]
    )
    return links


def _hits(a: Keys, b: Keys) -> tuple[set[int], set[int]]:
    """Positions of ``a`` and of ``b`` that SequenceMatcher matches."""
    sm = SequenceMatcher(None, a, b, autojunk=False)
    ha: set[int] = set()
    hb: set[int] = set()
    for block in sm.get_matching_blocks():
        ha.update(range(block.a, block.a + block.size))
        hb.update(range(block.b, block.b + block.size))
    return ha, hb


def grow_groups(
    old: Sequence[Keys],
    new: Sequence[Keys],
    links: Mapping[int, int],
    scores: Sequence[PairScore],
) -> list[Group]:
    """Turn one-to-one links into groups, adding merge and split parts.

    A left-over old paragraph joins the group of a linked new paragraph (a
    merge) when at least :data:`PART_MIN` of its words are found in that
    paragraph (see :meth:`PairScore.part_of`) and it accounts for at least
    :data:`PART_MIN_WORDS` words of the new paragraph that the group did not
    yet account for (in whatever order the parts were put together); splits
    are the mirror image.  Every left-over paragraph that joins no group
    becomes a group of its own with an empty other side (new or dropped).
    """
    olds_of: dict[int, list[int]] = {n: [o] for n, o in links.items()}
    news_of: dict[int, list[int]] = {o: [n] for n, o in links.items()}
    old_free = set(range(len(old))) - set(links.values())
    new_free = set(range(len(new))) - set(links)

    # merges: a free old paragraph whose words are mostly in a linked new one
    covered: dict[int, set[int]] = {}
    for _, o, n in sorted(
        (-s.matched / s.old_len, s.old, s.new)
        for s in scores
        if s.old in old_free and s.new in links and s.part_of(s.old_len)
    ):
        if o in old_free and len(news_of[links[n]]) == 1:
            if n not in covered:
                covered[n] = _hits(old[links[n]], new[n])[1]
            gain = _hits(old[o], new[n])[1] - covered[n]
            if len(gain) >= PART_MIN_WORDS:
                olds_of[n].append(o)
                covered[n] |= gain
                old_free.discard(o)
    # splits: a free new paragraph whose words mostly come from a linked old one
    parents = {o: n for n, o in links.items()}
    used: dict[int, set[int]] = {}
    for _, n, o in sorted(
        (-s.matched / s.new_len, s.new, s.old)
        for s in scores
        if s.new in new_free and s.old in parents and s.part_of(s.new_len)
    ):
        if n in new_free and len(olds_of[parents[o]]) == 1:
            if o not in used:
                used[o] = _hits(old[o], new[parents[o]])[0]
            gain = _hits(old[o], new[n])[0] - used[o]
            if len(gain) >= PART_MIN_WORDS:
                news_of[o].append(n)
                used[o] |= gain
                new_free.discard(n)
    out = [
        Group(tuple(sorted(olds_of[n])), tuple(sorted(news_of[o])))
        for n, o in links.items()
    ]
    out += [Group((), (n,)) for n in new_free]
    out += [Group((o,), ()) for o in old_free]
    return sorted(out, key=lambda g: (g.new or (len(new),), g.old))


def identical(old: Sequence[Keys], new: Sequence[Keys]) -> dict[int, int]:
    """``{new index: old index}`` for word-for-word equal paragraphs, each unique on its side.

    They would be assigned to each other anyway (score 1.0, no rival), and
    nothing can merge into them, so they are settled before the search.

    >>> identical([["a"], ["b"], ["b"]], [["b"], ["a"], ["c"]])
    {1: 0}
    """
    olds: dict[tuple[str, ...], list[int]] = {}
    news: dict[tuple[str, ...], list[int]] = {}
    for i, keys in enumerate(old):
        olds.setdefault(tuple(keys), []).append(i)
    for j, keys in enumerate(new):
        news.setdefault(tuple(keys), []).append(j)
    return {
        js[0]: olds[k][0]
        for k, js in news.items()
        if k and len(js) == 1 and len(olds.get(k, ())) == 1
    }


def align_keys(
    old: Sequence[Keys],
    new: Sequence[Keys],
    bonus: Mapping[tuple[int, int], float] | None = None,
) -> list[Group]:
    """Align two lists of paragraphs (word keys): candidates, assignment, groups."""
    fixed = identical(old, new)
    taken = set(fixed.values())
    rest_old = [i for i in range(len(old)) if i not in taken]
    rest_new = [j for j in range(len(new)) if j not in fixed]
    found = candidate_pairs([old[i] for i in rest_old], [new[j] for j in rest_new])
    scores = [
        score_pair(old[rest_old[a]], new[rest_new[b]], rest_old[a], rest_new[b], cos)
        for (a, b), cos in found.items()
    ]
    links = assign(scores, len(old), len(new), bonus, fixed)
    return grow_groups(old, new, links, scores)
