"""``dckg build``: resolutions in, knowledge graph out.

Stages (timed in :attr:`BuildResult.seconds`):

1. **documents** — read, extract, map and validate each file
   (:mod:`kg.build_documents`), in chunks, in worker processes when there
   are many (``documents.*``: CPU seconds summed over the workers; the other
   stages are wall-clock seconds).  Files unchanged since the last build
   into the same folder are taken from its cache (:mod:`kg.build_cache`)
   and not processed again;
2. **reference** — the authority graph, the topic scheme and the build
   activity, validated once;
3. **corpus** — the cross-resolution shapes on a small summary graph;
4. **triples** — ``kg.nt``: every triple, sorted and unique (the canonical
   form; the graph has no blank nodes);
5. **export** — ``kg.ttl`` (canonical), ``kg.jsonld``, ``void.ttl``, the
   check of the lineage links, ``validation.md`` / ``validation.ttl``, the
   ontology and its page; at the same time, in a thread, **store** — the
   Oxigraph store (``store/``): the resolutions in the default graph, the
   authority data, topic scheme, build activity, ontology and VoID in named
   graphs (see :mod:`kg.store`).

Lineage links between series members come from :mod:`kg.build_lineage`
(after the documents, remembered between builds like them).

Everything is written into a temporary folder next to ``out`` and renamed
into place at the end, so a failed build leaves nothing half-written and an
earlier build stays intact.  A folder is only replaced if it is empty or was
written by ``dckg build`` (it holds :data:`MARKER`).

>>> import tempfile, pathlib
>>> from kg.sample import sample_paths
>>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
>>> result = build(sample_paths(), out)
>>> result.documents, (out / "kg.ttl").exists(), (out / "store").is_dir()
(2, True, True)
>>> again = build(sample_paths(), out)  # nothing changed: every document from the cache
>>> again.reused, (out / "kg.ttl").read_bytes() == (out / "kg.ttl").read_bytes()
(2, True)
"""

from __future__ import annotations

import heapq
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import groupby
from pathlib import Path
from typing import IO

from rdflib import URIRef

from kg import __version__
from kg.build_cache import CACHE_DIR, Cache, fingerprint, input_key
from kg.build_documents import (
    STAGES,
    ChunkResult,
    DocumentResult,
    process_chunk,
    reference_triples,
)
from kg.build_lineage import Entry, LineageStage, lineage_stage
from kg.errors import KGError
from kg.export import nt_line, write_jsonld, write_ntriples, write_turtle
from kg.model import Metadata
from kg.rdf.dataset import Counts, void_triples
from kg.rdf.iris import Minter
from kg.rdf.mapping import Triple
from kg.rdf.namespaces import DEFAULT_BASE
from kg.rdf.paths import CONTEXT_FILE, ONTOLOGY_FILE
from kg.rdf.provenance import Source, build_digest, build_triples
from kg.store import write_store
from kg.validate import (
    Report,
    Validator,
    load_shapes,
    markdown_report,
    report_triples,
    summary_triples,
)

__all__ = ["CHUNK", "MARKER", "BuildResult", "build"]

#: Files per chunk: one pyshacl run each.  Fixed, so results never depend on --jobs.
CHUNK = 8
#: File that marks a folder as written by dckg build (safe to replace).
MARKER = ".dckg-build"
#: Most files merged at once (sorted N-Triples); more are merged in rounds.
MERGE_FAN_IN = 256

Progress = Callable[[int, int], None]


@dataclass
class BuildResult:
    """What a build did: counts, the validation report, where, and how long."""

    out: Path
    documents: int = 0
    paragraphs: int = 0
    directives: int = 0
    mentions: int = 0
    citations: int = 0
    triples: int = 0
    reused: int = 0  # documents taken from the previous build's cache
    aligned: int = 0  # series pairs aligned (the others were remembered)
    report: Report = field(default_factory=Report)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def violations(self) -> int:
        return len(self.report.violations)

    @property
    def conforms(self) -> bool:
        return self.report.conforms


def _timestamp() -> str | None:
    """An explicit build time from ``SOURCE_DATE_EPOCH``, else none (deterministic output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise KGError(f"not a number of seconds: {epoch!r}", path="SOURCE_DATE_EPOCH") from None


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise KGError("exists and is not a folder", path=str(out))
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise KGError(
            f"not empty and not written by dckg build (no {MARKER}); not replacing it",
            path=str(out),
        )


def _chunks(items: Sequence[str]) -> list[list[str]]:
    return [list(items[i : i + CHUNK]) for i in range(0, len(items), CHUNK)]


def _run_chunks(
    chunks: list[list[str]],
    base: str,
    files: list[list[str]],
    jobs: int,
    progress: Callable[[int], None] | None,
) -> Iterator[ChunkResult]:
    """Process the chunks (in worker processes when several), in order."""
    if jobs <= 1 or len(chunks) < 2:
        results: Iterable[ChunkResult] = map(process_chunk, chunks, [base] * len(chunks), files)
        pool = None
    else:
        # spawned, not forked: the caller may run threads (rich's progress bar)
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=context)
        results = pool.map(process_chunk, chunks, [base] * len(chunks), files)
    try:
        for chunk, result in zip(chunks, results, strict=True):
            if progress:
                progress(len(chunk))
            yield result
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _unique_sorted(lines: Iterable[str]) -> list[str]:
    return sorted(set(lines))


def _merge_unique(*sorted_lines: Iterable[str]) -> Iterator[str]:
    for line, _ in groupby(heapq.merge(*sorted_lines)):
        yield line


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n")


def _merged(paths: Sequence[Path], extra: Iterable[str], work: Path) -> Iterator[str]:
    """The union of sorted N-Triples files (and the sorted lines ``extra``), sorted.

    At most :data:`MERGE_FAN_IN` files are open at once: beyond that, groups
    are merged into files of ``work`` first (the result is the same).
    """
    paths = list(paths)
    level = 0
    fan_in = max(2, MERGE_FAN_IN)
    while len(paths) > fan_in:
        merged = []
        for i in range(0, len(paths), fan_in):
            part = work / f"merge-{level}-{i // fan_in:05d}.nt"
            write_ntriples(_merge_unique(*(_lines(p) for p in paths[i : i + fan_in])), part)
            merged.append(part)
        paths, level = merged, level + 1
    return _merge_unique(extra, *(_lines(p) for p in paths))


def _tee(lines: Iterable[str], f: IO[str]) -> Iterator[str]:
    for line in lines:
        f.write(line + "\n")
        yield line


def _keys(files: Sequence[Path], tool: str) -> list[str]:
    keys = []
    for f in files:
        try:
            keys.append(input_key(f, tool))
        except OSError as exc:
            raise KGError(f"cannot read the file: {exc.strerror or exc}", path=str(f)) from None
    return keys


def build(
    files: Sequence[Path],
    out: Path,
    base: str = DEFAULT_BASE,
    jobs: int | None = None,
    progress: Progress | None = None,
    lineage: bool = True,
    incremental: bool = True,
    stage: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the graph of ``files`` into the folder ``out`` (see the module docstring).

    With ``lineage`` (the default), consecutive members of a title series get
    ``dckg:derivedFrom`` links (:mod:`kg.build_lineage`) beside the
    resolutions' triples; ``graph.html`` is an overview page of the graph.
    With ``incremental`` (the default), files unchanged since the previous
    build into ``out`` are taken from its cache; the output is the same
    as a clean build's.  ``progress(done, total)`` is called as documents
    are done, ``stage(name)`` as each later stage begins.

    Raises :class:`kg.errors.KGError` on bad input; ``out`` is then untouched.
    """
    if not files:
        raise KGError("no input files")
    minter = Minter(base)
    out = Path(out)
    _check_out(out)
    ended = _timestamp()
    jobs = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    old = out / CACHE_DIR if incremental and (out / MARKER).is_file() else None
    try:
        cache = Cache(tmp / CACHE_DIR, old)
        result = _build_into(
            tmp, files, minter, jobs, progress, ended, lineage, cache, stage or _silent
        )
        (tmp / MARKER).write_text(f"dckg {__version__}\n", encoding="utf-8")
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    result.out = out
    return result


def _swap(tmp: Path, out: Path) -> None:
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _build_into(
    tmp: Path,
    files: Sequence[Path],
    minter: Minter,
    jobs: int,
    progress: Progress | None,
    ended: str | None,
    lineage: bool,
    cache: Cache,
    stage: Callable[[str], None],
) -> BuildResult:
    result = BuildResult(out=tmp)
    secs = result.seconds = {f"documents.{s}": 0.0 for s in STAGES}
    report = result.report

    # 1. documents: from the cache, or processed (each into its cache entry)
    t = time.perf_counter()
    work = tmp / ".work"
    work.mkdir()
    keys = _keys(files, fingerprint(minter.base))
    docs = _documents(files, keys, cache, minter.base, jobs, progress, result)
    sources: list[Source] = []
    texts: dict[URIRef, list[URIRef]] = {}
    paragraphs: set[URIRef] = set()
    for doc in docs:
        report.add(doc.findings)
        paragraphs.update(minter.paragraph(doc.symbol, pid) for pid in doc.paragraph_ids)
        sources.append(doc.source)
        texts.setdefault(URIRef(doc.text), []).append(minter.source(doc.source.sha256))
        result.documents += 1
        result.paragraphs += doc.paragraphs
        result.directives += doc.directives
        result.mentions += doc.mentions
        result.citations += doc.citations
    report.graphs += len(docs)  # one resolution graph each (checked a chunk at a time)
    secs["documents"] = time.perf_counter() - t

    # 2. reference graphs and the build activity, validated once
    t = time.perf_counter()
    authority, topics = reference_triples(minter.base)
    activity = build_triples(minter, __version__, sources, ended)
    validator = Validator(load_shapes("reference"), minter)
    report.add(validator.validate([*authority, *topics, *activity]))
    report.graphs += 1
    secs["reference"] = time.perf_counter() - t

    # 2b. paragraph lineage within title series (validated with the provenance shapes)
    stage("lineage")
    t = time.perf_counter()
    lineage_lines_: list[str] = []
    derived: list[Triple] = []
    links: LineageStage | None = None  # checked while the store loads (step 5)
    if lineage:
        entries = [
            Entry(key, str(path), Metadata(d.symbol, "", d.session, d.adopted, d.title))
            for key, path, d in zip(keys, files, docs, strict=True)
        ]
        links = lineage_stage(entries, minter, cache, jobs)
        lineage_lines_, derived, result.aligned = links.lines, links.derived, links.aligned
        report.graphs += 1 if links.lines else 0
    secs["lineage"] = time.perf_counter() - t

    # 3. cross-resolution rules on the summary graph
    t = time.perf_counter()
    corpus = Validator(load_shapes("corpus"), minter)
    texts_sources = {text: sorted(set(src)) for text, src in texts.items()}
    report.add(corpus.validate(summary_triples(texts_sources, derived, paragraphs)))
    report.graphs += 1
    secs["corpus"] = time.perf_counter() - t

    # 4. the canonical triples: the documents' cache entries and the small graphs, merged
    stage("writing kg.nt")
    t = time.perf_counter()
    small = {
        "authority": _unique_sorted(nt_line(x) for x in authority),
        "topics": _unique_sorted(nt_line(x) for x in topics),
        "build": _unique_sorted(nt_line(x) for x in activity),
    }
    data = work / "data.nt"  # the resolutions' triples: the store's default graph
    # lineage links live with the resolutions' paragraphs, in the default graph
    entries_nt = [cache.nt_path(k) for k in dict.fromkeys(keys)]
    counts = Counts()
    with (
        data.open("w", encoding="utf-8", newline="\n") as d,
        (tmp / "kg.nt").open("w", encoding="utf-8", newline="\n") as f,
    ):  # one pass: data.nt on the way to kg.nt
        resolutions = _tee(_merged(entries_nt, lineage_lines_, work), d)
        for line in _merge_unique(resolutions, *small.values()):
            counts.add(line)
            f.write(line + "\n")
    result.triples = counts.triples
    secs["triples"] = time.perf_counter() - t

    # 5. the store (loaded by Oxigraph in a thread) and the other exports
    stage("store and exports")
    t = time.perf_counter()
    named = {}
    for name, lines in small.items():
        write_ntriples(lines, work / f"{name}.nt")
        named[str(minter.graph(name))] = work / f"{name}.nt"
    _small_turtle(
        void_triples(minter, counts, minter.build(build_digest(__version__, sources))),
        tmp / "void.ttl",
    )
    for name, ttl in (("ontology", ONTOLOGY_FILE), ("void", tmp / "void.ttl")):
        _ttl_to_nt(ttl, work / f"{name}.nt")
        named[str(minter.graph(name))] = work / f"{name}.nt"
    with ThreadPoolExecutor(max_workers=1) as loader:
        store = loader.submit(_timed, write_store, tmp / "store", data, named)
        _write_dumps(tmp)
        if links is not None:  # the lineage links' check, while the store loads
            report.add(links.check())
        _write_report(tmp, minter, report)
        secs["export"] = time.perf_counter() - t
        secs["store"] = store.result()
    shutil.rmtree(work)
    secs["export+store"] = time.perf_counter() - t
    stage("overview page")
    t = time.perf_counter()
    from kg.viz import write_overview  # pyvis is only needed once the store exists

    write_overview(tmp / "store", tmp / "graph.html")
    secs["overview"] = time.perf_counter() - t
    return result


def _documents(
    files: Sequence[Path],
    keys: Sequence[str],
    cache: Cache,
    base: str,
    jobs: int,
    progress: Progress | None,
    result: BuildResult,
) -> list[DocumentResult]:
    """Every file's :class:`DocumentResult`: from the cache, or processed now."""
    found: dict[str, DocumentResult] = {}
    todo: dict[str, str] = {}  # key -> file, each key once
    for key, path in zip(keys, files, strict=True):
        if key in found or key in todo:
            continue
        doc = cache.reuse(key)
        if doc is None:
            todo[key] = str(path)
        else:
            found[key] = doc
    result.reused = len(found)
    done, total = len(found), len(found) + len(todo)

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    if progress and done:
        progress(done, total)
    chunks = _chunks(list(todo))
    paths = [[todo[k] for k in chunk] for chunk in chunks]
    nt_files = [[str(cache.nt_path(k)) for k in chunk] for chunk in chunks]
    secs = result.seconds
    for chunk, out in zip(chunks, _run_chunks(paths, base, nt_files, jobs, advance), strict=True):
        for stage, s in out.seconds.items():
            secs[f"documents.{stage}"] += s
        for key, doc in zip(chunk, out.documents, strict=True):
            cache.put(key, doc)
            found[key] = doc
    return [found[k] for k in keys]


def _silent(name: str) -> None:
    """No report of the stages."""


def _timed(f: Callable[..., object], *args: object) -> float:
    t = time.perf_counter()
    f(*args)
    return time.perf_counter() - t


def _write_dumps(tmp: Path) -> None:
    import json

    write_turtle(tmp / "kg.nt", tmp / "kg.ttl")
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    write_jsonld(tmp / "kg.nt", tmp / "kg.jsonld", context)


def _write_report(tmp: Path, minter: Minter, report: Report) -> None:
    from kg.ontology_page import ontology_html

    (tmp / "validation.md").write_text(markdown_report(report), encoding="utf-8")
    _small_turtle(report_triples(report, minter), tmp / "validation.ttl")
    onto = tmp / "ontology"
    onto.mkdir()
    shutil.copyfile(ONTOLOGY_FILE, onto / "dckg.ttl")
    shutil.copyfile(CONTEXT_FILE, onto / "context.jsonld")
    (onto / "index.html").write_text(ontology_html(), encoding="utf-8")


def _small_turtle(triples: Iterable[tuple[object, object, object]], path: Path) -> None:
    """Canonical Turtle of a small graph (sorted N-Triples through Oxigraph)."""
    nt = path.with_suffix(".nt.tmp")
    write_ntriples(sorted({nt_line(t) for t in triples}), nt)  # type: ignore[arg-type]
    write_turtle(nt, path)
    nt.unlink()


def _ttl_to_nt(ttl: Path, nt: Path) -> None:
    import pyoxigraph as ox

    ox.serialize(
        ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE), str(nt), ox.RdfFormat.N_TRIPLES
    )
