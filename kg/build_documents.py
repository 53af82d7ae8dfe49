"""Per-document work of ``dckg build``: read, extract, map, validate.

:func:`process_chunk` handles a few files at a time, in the main process or
in a worker process: each file is read (:func:`kg.read.read_path`),
annotated (:func:`kg.extract.annotate`) and mapped to triples
(:func:`kg.rdf.mapping.map_document`); the chunk's triples, with the
authority and topic entries they refer to, are validated in one pyshacl run
(shapes are about single nodes, so this is the same as one run per
resolution); the triples leave as a sorted N-Triples file per chunk, which
the build merges (so the main process never holds the whole graph).

>>> from kg.sample import sample_paths
>>> import tempfile, pathlib
>>> nt = pathlib.Path(tempfile.mkdtemp()) / "chunk.nt"
>>> out = process_chunk([str(sample_paths()[1])], "https://w3id.org/dckg/", str(nt))
>>> out.documents[0].symbol, out.documents[0].paragraphs > 50, out.triples > 5000
('A/RES/63/197', True, True)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
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


@dataclass
class ChunkResult:
    documents: list[DocumentResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    triples: int = 0  # lines written to the chunk's N-Triples file


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
    )


def process_chunk(paths: Sequence[str], base: str, nt_file: str) -> ChunkResult:
    """Read, annotate, map and validate the files of one chunk.

    The chunk's triples go to ``nt_file`` as sorted, unique N-Triples lines.
    Raises :class:`kg.errors.KGError` on bad input (the build stops).
    """
    from kg.export import nt_lines, write_ntriples
    from kg.extract import annotate
    from kg.read import read_path

    ctx, validator = _tools(base)
    out = ChunkResult()
    secs = out.seconds
    all_triples: list[Triple] = []
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
        located, _ = ctx.minter.locate(URIRef(ctx.minter.resolution(doc.meta.symbol)))
        names[located or doc.meta.symbol] = doc.meta.symbol
    t4 = time.process_time()
    findings = validator.validate(all_triples)
    out.findings = [_rename(f, names) for f in findings]
    t5 = time.process_time()
    secs["validate"] += t5 - t4
    out.triples = write_ntriples(sorted(set(nt_lines(all_triples))), Path(nt_file))
    secs["map"] += time.process_time() - t5
    return out


def _rename(f: Finding, names: dict[str, str]) -> Finding:
    """Show the symbol as printed (A/RES/75/101 A-B), not as its IRI path."""
    from dataclasses import replace

    return replace(f, resolution=names[f.resolution]) if f.resolution in names else f
