"""``dckg build``: resolutions in, knowledge graph out.

Stages (timed in :attr:`BuildResult.seconds`):

1. **documents** — read, extract, map and validate each file
   (:mod:`kg.build_documents`), in chunks, in worker processes when there
   are many;
2. **reference** — the authority graph, the topic scheme and the build
   activity, validated once;
3. **corpus** — the cross-resolution shapes on a small summary graph;
4. **export** — ``kg.nt`` (sorted), ``kg.ttl`` (canonical), ``kg.jsonld``,
   ``void.ttl``, ``validation.md`` / ``validation.ttl``, the ontology and its
   page;
5. **store** — the Oxigraph store (``store/``), one named graph per graph.

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
"""

from __future__ import annotations

import heapq
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import groupby
from pathlib import Path

from rdflib import URIRef

from kg import __version__
from kg.build_documents import STAGES, ChunkResult, process_chunk, reference_triples
from kg.errors import KGError
from kg.export import nt_line, write_jsonld, write_ntriples, write_turtle
from kg.rdf.dataset import Counts, void_triples
from kg.rdf.iris import Minter
from kg.rdf.namespaces import DEFAULT_BASE
from kg.rdf.paths import CONTEXT_FILE, ONTOLOGY_FILE
from kg.rdf.provenance import Source, build_digest, build_triples
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


def _chunks(files: Sequence[Path]) -> list[list[str]]:
    names = [str(f) for f in files]
    return [names[i : i + CHUNK] for i in range(0, len(names), CHUNK)]


def _run_chunks(
    chunks: list[list[str]], base: str, jobs: int, progress: Progress | None
) -> Iterator[ChunkResult]:
    total = sum(len(c) for c in chunks)
    done = 0
    if jobs <= 1 or len(chunks) <= 2:
        results: Iterable[ChunkResult] = (process_chunk(c, base) for c in chunks)
        for chunk, result in zip(chunks, results, strict=True):
            done += len(chunk)
            if progress:
                progress(done, total)
            yield result
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for chunk, result in zip(
            chunks, pool.map(process_chunk, chunks, [base] * len(chunks)), strict=True
        ):
            done += len(chunk)
            if progress:
                progress(done, total)
            yield result


def _unique_sorted(lines: Iterable[str]) -> list[str]:
    return sorted(set(lines))


def _merge_unique(*sorted_lists: list[str]) -> Iterator[str]:
    for line, _ in groupby(heapq.merge(*sorted_lists)):
        yield line


def build(
    files: Sequence[Path],
    out: Path,
    base: str = DEFAULT_BASE,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the graph of ``files`` into the folder ``out`` (see the module docstring).

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
    try:
        result = _build_into(tmp, files, minter, jobs, progress, ended)
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
) -> BuildResult:
    result = BuildResult(out=tmp)
    secs = result.seconds = {f"documents.{s}": 0.0 for s in STAGES}
    report = result.report

    # 1. documents
    t = time.perf_counter()
    data: list[str] = []
    sources: list[Source] = []
    texts: dict[URIRef, list[URIRef]] = {}
    for chunk in _run_chunks(_chunks(files), minter.base, jobs, progress):
        for stage, s in chunk.seconds.items():
            secs[f"documents.{stage}"] += s
        report.add(chunk.findings)
        for doc in chunk.documents:
            data += doc.lines
            sources.append(doc.source)
            texts.setdefault(URIRef(doc.text), []).append(minter.source(doc.source.sha256))
            result.documents += 1
            result.paragraphs += doc.paragraphs
            result.directives += doc.directives
            result.mentions += doc.mentions
            result.citations += doc.citations
    report.graphs += -(-len(files) // CHUNK)
    secs["documents"] = time.perf_counter() - t

    # 2. reference graphs and the build activity, validated once
    t = time.perf_counter()
    authority, topics = reference_triples(minter.base)
    activity = build_triples(minter, __version__, sources, ended)
    validator = Validator(load_shapes("document"), minter)
    report.add(validator.validate([*authority, *topics, *activity]))
    report.graphs += 1
    secs["reference"] = time.perf_counter() - t

    # 3. cross-resolution rules on the summary graph
    t = time.perf_counter()
    corpus = Validator(load_shapes("corpus"), minter)
    texts_sources = {text: sorted(set(src)) for text, src in texts.items()}
    report.add(corpus.validate(summary_triples(texts_sources)))
    report.graphs += 1
    secs["corpus"] = time.perf_counter() - t

    # 4. exports
    t = time.perf_counter()
    graphs = {
        "data": _unique_sorted(data),
        "authority": _unique_sorted(nt_line(x) for x in authority),
        "topics": _unique_sorted(nt_line(x) for x in topics),
        "build": _unique_sorted(nt_line(x) for x in activity),
    }
    del data
    work = tmp / ".graphs"
    work.mkdir()
    for name, lines in graphs.items():
        write_ntriples(lines, work / f"{name}.nt")
    counts = Counts()
    with (tmp / "kg.nt").open("w", encoding="utf-8", newline="\n") as f:
        for line in _merge_unique(*graphs.values()):
            counts.add(line)
            f.write(line + "\n")
    result.triples = counts.triples
    del graphs
    _write_exports(tmp, minter, counts, build_digest(__version__, sources), report)
    secs["export"] = time.perf_counter() - t

    # 5. store
    t = time.perf_counter()
    from kg.store import write_store

    ontology_nt = work / "ontology.nt"
    _ontology_ntriples(ontology_nt)
    named = {
        str(minter.graph(name)): work / f"{name}.nt"
        for name in ("data", "authority", "topics", "build")
    }
    named[str(minter.graph("ontology"))] = ontology_nt
    void_nt = work / "void.nt"
    _ttl_to_nt(tmp / "void.ttl", void_nt)
    named[str(minter.graph("void"))] = void_nt
    write_store(tmp / "store", named)
    shutil.rmtree(work)
    secs["store"] = time.perf_counter() - t
    return result


def _write_exports(tmp: Path, minter: Minter, counts: Counts, digest: str, report: Report) -> None:
    import json

    from kg.ontology_page import ontology_html

    write_turtle(tmp / "kg.nt", tmp / "kg.ttl")
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    write_jsonld(tmp / "kg.nt", tmp / "kg.jsonld", context)
    _small_turtle(void_triples(minter, counts, minter.build(digest)), tmp / "void.ttl")
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


def _ontology_ntriples(nt: Path) -> None:
    _ttl_to_nt(ONTOLOGY_FILE, nt)
