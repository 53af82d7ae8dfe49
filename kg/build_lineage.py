"""Lineage in the build: ``dckg:derivedFrom`` links between series members.

``dckg build`` finds the consecutive members of each title series with
:func:`kg.lineage.series_pairs_by`, aligns each pair with
:func:`kg.lineage.align` and turns every link that has both sides (verbatim,
modified, split, merged) into :func:`kg.rdf.mapping.derivation_triples`.
New and dropped paragraphs have no link.

The build works from its cache entries (:class:`Entry`: the metadata the
series need, no text), and remembers between builds what it compared: the
subject test and the alignment of each pair of entries, with the pair's
derivation lines and the findings of their check, in a memo keyed by the two
entries' cache keys (see :mod:`kg.build_cache`).  A document is read again
only when a pair it is in was not compared before, so a rebuild after one
changed file aligns and checks only that file's pairs.

>>> from kg.rdf.iris import Minter
>>> from kg.sample import sample_paths
>>> triples = lineage_triples(sample_paths(), Minter())
>>> any(str(s).endswith("A/RES/63/197/op/40") and str(o).endswith("A/RES/61/183/op/31")
...     for s, p, o in triples)
True
"""

from __future__ import annotations

import multiprocessing
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.build_cache import Cache
from kg.export import nt_lines
from kg.lineage import (
    SERIES_MIN_PARAGRAPHS,
    SERIES_MIN_SHARED,
    Lineage,
    align,
    series_pairs_by,
    shared_share,
    subject_kept,
)
from kg.model import Document, Metadata
from kg.rdf.iris import Minter
from kg.rdf.mapping import Triple, derivation_triples
from kg.rdf.namespaces import DCKG
from kg.read import read_path
from kg.validate import Finding

__all__ = [
    "Entry",
    "LineageStage",
    "lineage_lines",
    "lineage_stage",
    "lineage_triples",
    "parse_lines",
]

#: The cache memo (see :mod:`kg.build_cache`) of the pair comparisons and their checks.
MEMO = "lineage.json"

#: Documents kept in memory while comparing (a series pair needs two), per process.
READ_CACHE = 16
#: Comparisons left to do from which worker processes are used (see ``jobs``).
PARALLEL_MIN = 16
#: Comparisons sent to a worker at a time (neighbours share documents).
PREFETCH_CHUNK = 8


@dataclass(frozen=True)
class Entry:
    """One input as the series test sees it: its cache key, file and metadata."""

    key: str
    path: str
    meta: Metadata


def _link_triples(minter: Minter, old: Document, new: Document, lineage: Lineage) -> list[Triple]:
    triples: list[Triple] = []
    index: dict[str, int] = {}
    for link in lineage.links:
        if not link.old or not link.new:
            continue
        for new_id in link.new:
            for old_id in link.old:
                index[new_id] = index.get(new_id, 0) + 1
                triples.extend(
                    derivation_triples(
                        minter,
                        (new.meta.symbol, new_id),
                        (old.meta.symbol, old_id),
                        link.kind,
                        link.score,
                        index[new_id],
                    )
                )
    return triples


@lru_cache(maxsize=READ_CACHE)
def _read_cached(path: str) -> Document:
    """Read by path: only in the worker processes, which live for one build (the
    main process keys its documents by content, since a file may change between
    two builds in one process)."""
    return read_path(path)


def _compared(minter: Minter, a: Document, b: Document) -> dict[str, Any]:
    """The memo entry of a pair: paragraphs shared and, if it may be a series pair, its lines."""
    lineage = align(a, b)
    count, share = shared_share(lineage, b)
    found: dict[str, Any] = {"count": count, "share": share}
    if count >= SERIES_MIN_PARAGRAPHS and share >= SERIES_MIN_SHARED:  # may be a series pair
        found["lines"] = sorted(set(nt_lines(_link_triples(minter, a, b, lineage))))
    return found


def _work(kind: str, base: str, old: str, new: str) -> Any:
    """One comparison in a worker process (documents read there, a few kept)."""
    a, b = _read_cached(old), _read_cached(new)
    return subject_kept(a, b) if kind == "subject" else _compared(Minter(base), a, b)


class _Comparer:
    """The two comparisons of :func:`series_pairs_by`, remembered by entry keys.

    With ``jobs`` > 1, :meth:`prefetch` computes what is not remembered in
    that many worker processes (started when first needed), before it is
    asked for; :meth:`close` stops them.
    """

    def __init__(self, minter: Minter, memo: dict[str, Any], jobs: int = 1) -> None:
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        self.minter = minter
        self.old_subject: dict[str, float] = memo.get("subject", {})
        self.old_pairs: dict[str, dict[str, Any]] = memo.get("pairs", {})
        self.subjects: dict[str, float] = {}
        self.pairs: dict[str, dict[str, Any]] = {}
        self.docs: OrderedDict[str, Document] = OrderedDict()
        self.aligned = 0  # pairs aligned in this build (not remembered)

    def _read(self, e: Entry) -> Document:
        if e.key in self.docs:
            self.docs.move_to_end(e.key)
            return self.docs[e.key]
        doc = read_path(e.path)
        self.docs[e.key] = doc
        if len(self.docs) > READ_CACHE:
            self.docs.popitem(last=False)
        return doc

    def subject(self, old: Entry, new: Entry) -> float:
        pair = f"{old.key}:{new.key}"
        if pair not in self.subjects:
            known = self.old_subject.get(pair)
            self.subjects[pair] = (
                known if known is not None else subject_kept(self._read(old), self._read(new))
            )
        return self.subjects[pair]

    def shared(self, old: Entry, new: Entry) -> tuple[int, float]:
        pair = f"{old.key}:{new.key}"
        if pair not in self.pairs:
            known = self.old_pairs.get(pair)
            self.pairs[pair] = known if known is not None else self._compare(old, new)
        found = self.pairs[pair]
        return int(found["count"]), float(found["share"])

    def _compare(self, old: Entry, new: Entry) -> dict[str, Any]:
        self.aligned += 1
        return _compared(self.minter, self._read(old), self._read(new))

    def prefetch(self, kind: str, pairs: list[tuple[Entry, Entry]]) -> None:
        """Compute ``kind`` ("subject" or "shared") for the ``pairs`` not remembered."""
        if self.jobs <= 1:
            return
        done: dict[str, Any] = self.subjects if kind == "subject" else self.pairs
        known: dict[str, Any] = self.old_subject if kind == "subject" else self.old_pairs
        todo: dict[str, tuple[str, str]] = {}
        for old, new in pairs:
            pair = f"{old.key}:{new.key}"
            if pair in done:
                continue
            if pair in known:
                done[pair] = known[pair]
            else:
                todo[pair] = (old.path, new.path)
        if len(todo) < PARALLEL_MIN:
            return  # not worth the processes: asked one by one
        if self.pool is None:
            # spawned, not forked: the caller may run threads (rich's progress bar)
            context = multiprocessing.get_context("spawn")
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context)
        olds, news = [o for o, _ in todo.values()], [n for _, n in todo.values()]
        n = len(todo)
        results = self.pool.map(
            _work, [kind] * n, [self.minter.base] * n, olds, news, chunksize=PREFETCH_CHUNK
        )
        for pair, result in zip(todo, results, strict=True):
            done[pair] = result
        if kind == "shared":
            self.aligned += n

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def memo(self) -> dict[str, Any]:
        """What this build compared: the memo of the next build."""
        return {"subject": self.subjects, "pairs": self.pairs}


def _series(
    entries: Sequence[Entry], minter: Minter, memo: dict[str, Any] | None, jobs: int = 1
) -> tuple[_Comparer, list[str]]:
    """The comparer used and the memo keys of the consecutive series pairs found.

    With ``jobs`` > 1, what is not remembered is computed in that many
    worker processes.
    """
    comparer = _Comparer(minter, memo or {}, jobs)
    try:
        pairs = series_pairs_by(entries, comparer.subject, comparer.shared, comparer.prefetch)
    finally:
        comparer.close()
    return comparer, [f"{old.key}:{new.key}" for old, new in pairs]


def lineage_lines(
    entries: Sequence[Entry], minter: Minter, memo: dict[str, Any] | None = None
) -> tuple[list[str], dict[str, Any], int]:
    """The derivation lines of every consecutive series pair among ``entries``.

    Returns the sorted, unique N-Triples lines, the memo for the next build
    and how many pairs had to be aligned (the rest came from ``memo``).
    """
    comparer, found = _series(entries, minter, memo)
    lines = {line for pair in found for line in comparer.pairs[pair].get("lines", ())}
    return sorted(lines), comparer.memo(), comparer.aligned


def parse_lines(lines: Sequence[str]) -> list[Triple]:
    """N-Triples lines back into rdflib triples (for validation)."""
    from rdflib import Graph

    if not lines:
        return []
    g = Graph()
    g.parse(data="\n".join(lines) + "\n", format="nt")
    return [(s, p, o) for s, p, o in g]  # type: ignore[misc]


class LineageStage:
    """What the build's lineage stage gives: the links, and their check on demand.

    :meth:`check` runs the document shapes on the links of the pairs not
    checked before (the build runs it while the store loads) and writes the
    memo; it must be called once the links are used.
    """

    def __init__(self, comparer: _Comparer, found: list[str], cache: Cache) -> None:
        pairs = comparer.pairs
        self.lines = sorted({line for pair in found for line in pairs[pair].get("lines", ())})
        derived_iri = f" <{DCKG.derivedFrom}> "
        #: the dckg:derivedFrom triples (for the corpus shapes)
        self.derived = parse_lines([line for line in self.lines if derived_iri in line])
        self.aligned = comparer.aligned  # pairs aligned in this build
        self._comparer, self._found, self._cache = comparer, found, cache

    def check(self) -> list[Finding]:
        """The findings of the document shapes on the links (remembered per pair)."""
        from kg.build_cache import findings_from_json, findings_to_json
        from kg.validate import Validator, load_shapes

        comparer, found = self._comparer, self._found
        pairs = comparer.pairs
        todo = [pair for pair in found if "findings" not in pairs[pair]]
        if todo:
            owner: dict[str, str] = {}  # subject of a link line -> its pair
            for pair in todo:
                pairs[pair] = {**pairs[pair], "findings": []}
                for line in pairs[pair].get("lines", ()):
                    owner[line[1 : line.index(">")]] = pair
            lines = [line for pair in todo for line in pairs[pair].get("lines", ())]
            shapes = Validator(load_shapes("document"), comparer.minter)
            for f in shapes.validate(parse_lines(lines)):
                for pair in [owner[f.focus]] if f.focus in owner else todo:
                    pairs[pair]["findings"] += findings_to_json([f])
        self._cache.save_memo(MEMO, comparer.memo())
        return sorted({f for pair in found for f in findings_from_json(pairs[pair]["findings"])})


def lineage_stage(
    entries: Sequence[Entry], minter: Minter, cache: Cache, jobs: int = 1
) -> LineageStage:
    """Lineage of ``entries`` for the build, remembered in ``cache`` between builds.

    The links are checked with the document shapes (:meth:`LineageStage.check`),
    which look at one new paragraph's links at a time, so each pair's findings
    are remembered with it: only the links of pairs not checked before are
    checked, in one run.
    """
    comparer, found = _series(entries, minter, cache.load_memo(MEMO), jobs)
    return LineageStage(comparer, found, cache)


def lineage_triples(files: Sequence[Path], minter: Minter) -> list[Triple]:
    """The derivation triples of every consecutive series pair among ``files``."""
    entries = []
    for path in files:
        doc = read_path(path)
        entries.append(Entry(str(path), str(path), doc.meta))
    lines, _, _ = lineage_lines(entries, minter)
    return parse_lines(lines)
