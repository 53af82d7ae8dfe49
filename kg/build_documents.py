"""Per-document work of ``dckg build``: read, extract, map, validate.

:func:`process_chunk` handles a few files at a time, in the main process or
in a worker process: each file is read (:func:`kg.read.read_path`),
annotated (:func:`kg.extract.annotate`) and mapped to triples
(:func:`kg.rdf.mapping.map_document`); the chunk's triples, with the
authority and topic entries they refer to, are validated in one pyshacl run
(shapes are about single nodes, so this is the same as one run per
resolution) and each finding is given to the resolution it is about.  Each
resolution's triples leave as a sorted N-Triples file of its own (an entry of
the build cache, :mod:`kg.build_cache`), which the build merges (so the main
process never holds the whole graph).

>>> from kg.sample import sample_paths
>>> import tempfile, pathlib
>>> nt = pathlib.Path(tempfile.mkdtemp()) / "doc.nt"
>>> out = process_chunk([str(sample_paths()[1])], "https://w3id.org/dckg/", [str(nt)])
>>> out.documents[0].symbol, out.documents[0].paragraphs > 50, out.triples > 5000
('A/RES/63/197', True, True)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePath

from rdflib import URIRef

from kg.model import Document
from kg.rdf.iris import Minter
from kg.rdf.mapping import MapContext, Triple, map_document
from kg.rdf.provenance import Source
from kg.rdf.reference import authority_triples, topic_triples
from kg.validate import Finding, Validator, load_shapes

__all__ = ["STAGES", "ChunkResult", "DocumentResult", "process_chunk", "reference_triples"]

#: Stages timed inside process_chunk (CPU seconds, summed over all workers).
STAGES = ("read", "extract", "map", "validate")


@dataclass(frozen=True)
class DocumentResult:
    """What the build keeps of one resolution."""

    symbol: str
    source: Source
    text: str  # IRI of its dckg:ResolutionText
    paragraph_ids: tuple[str, ...]
    paragraphs: int
    directives: int
    mentions: int
    citations: int
    findings: tuple[Finding, ...] = ()  # of the document shapes, about this resolution
    title: str | None = None  # title, adoption date and session: for lineage
    adopted: str | None = None
    session: str | None = None


@dataclass
class ChunkResult:
    documents: list[DocumentResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    triples: int = 0  # lines written to the documents' N-Triples files


@lru_cache(maxsize=4)
def reference_triples(base: str) -> tuple[tuple[Triple, ...], tuple[Triple, ...]]:
    """(authority graph, topic scheme) under ``base`` (cached per process)."""
    from kg.extract.authority import load_authority
    from kg.extract.topics import load_scheme

    minter = Minter(base)
    return (
        tuple(authority_triples(load_authority().entries, minter)),
        tuple(topic_triples(load_scheme(), minter)),
    )


@lru_cache(maxsize=4)
def _tools(base: str) -> tuple[MapContext, Validator]:
    from kg.extract.authority import load_authority

    minter = Minter(base)
    authority, topics = reference_triples(base)
    ctx = MapContext(minter, {e.id: e.type for e in load_authority().entries})
    return ctx, Validator(load_shapes("document"), minter, (*authority, *topics))


def _result(doc: Document, ctx: MapContext) -> DocumentResult:
    paragraphs = doc.paragraphs
    return DocumentResult(
        symbol=doc.meta.symbol,
        source=Source(doc.sha256, PurePath(doc.source).name, doc.format, doc.meta.symbol),
        text=str(ctx.minter.text(doc.meta.symbol)),
        paragraph_ids=tuple(p.id for p in paragraphs),
        paragraphs=len(paragraphs),
        directives=sum(len(p.directives) for p in paragraphs),
        mentions=sum(len(p.mentions) for p in paragraphs),
        citations=sum(len(p.citations) for p in paragraphs),
        title=doc.meta.title,
        adopted=doc.meta.adopted,
        session=doc.meta.session,
    )


def process_chunk(paths: Sequence[str], base: str, nt_files: Sequence[str]) -> ChunkResult:
    """Read, annotate, map and validate the files of one chunk.

    Each file's triples go to its ``nt_files`` entry as sorted, unique
    N-Triples lines.  Raises :class:`kg.errors.KGError` on bad input (the
    build stops).
    """
    from kg.export import nt_lines, write_ntriples
    from kg.extract import annotate
    from kg.read import read_path

    ctx, validator = _tools(base)
    out = ChunkResult()
    secs = out.seconds
    all_triples: list[Triple] = []
    per_doc: list[list[Triple]] = []
    names: dict[str, str] = {}
    for path in paths:
        t0 = time.process_time()
        doc = read_path(path)
        t1 = time.process_time()
        doc = annotate(doc)
        t2 = time.process_time()
        triples = map_document(doc, ctx)
        out.documents.append(_result(doc, ctx))
        t3 = time.process_time()
        secs["read"] += t1 - t0
        secs["extract"] += t2 - t1
        secs["map"] += t3 - t2
        all_triples += triples
        per_doc.append(triples)
        located, _ = ctx.minter.locate(URIRef(ctx.minter.resolution(doc.meta.symbol)))
        names[located or doc.meta.symbol] = doc.meta.symbol
    t4 = time.process_time()
    findings = validator.validate(all_triples)
    out.findings = [_rename(f, names) for f in findings]
    t5 = time.process_time()
    secs["validate"] += t5 - t4
    owners = _owners(out.findings, out.documents, per_doc)
    for i, (triples, nt_file) in enumerate(zip(per_doc, nt_files, strict=True)):
        out.triples += write_ntriples(sorted(set(nt_lines(triples))), Path(nt_file))
        out.documents[i] = replace(out.documents[i], findings=tuple(sorted(owners[i])))
    secs["map"] += time.process_time() - t5
    return out


def _owners(
    findings: Sequence[Finding], docs: Sequence[DocumentResult], triples: Sequence[list[Triple]]
) -> list[set[Finding]]:
    """The findings of each document: those about its resolution, and those about
    a node outside any resolution that its triples name (given to each such document)."""
    owners: list[set[Finding]] = [set() for _ in docs]
    nodes: list[set[str]] | None = None
    for f in findings:
        mine = [i for i, d in enumerate(docs) if f.resolution and f.resolution == d.symbol]
        if not mine:
            if nodes is None:
                nodes = [{str(x) for t in ts for x in (t[0], t[2])} for ts in triples]
            mine = [i for i, n in enumerate(nodes) if f.focus in n] or list(range(len(docs)))
        for i in mine:
            owners[i].add(f)
    return owners


def _rename(f: Finding, names: dict[str, str]) -> Finding:
    """Show the symbol as printed (A/RES/75/101 A-B), not as its IRI path."""
    return replace(f, resolution=names[f.resolution]) if f.resolution in names else f
