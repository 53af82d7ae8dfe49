"""Assemble a :class:`~kg.model.Document` from reader drafts.

Readers (flat text, PDF text, AKN XML) only find the structure: they produce
:class:`ParagraphDraft`, :class:`SectionDraft` and :class:`FootnoteDraft`
objects in reading order.  This module is the single place that lays out the
normalised document text and computes every span, so the invariant
``doc.text[p.span[0]:p.span[1]] == p.text`` holds for every reader.

Layout of ``Document.text``: one block per line, in reading order — section
headings (``"I. Title"``; the span covers the title), paragraph texts, then
the footnote texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.model import (
    Document,
    Footnote,
    FootnoteRef,
    Metadata,
    Paragraph,
    ParagraphKind,
    Section,
)

_SPACES = re.compile(r"\s+")


def clean_space(text: str) -> str:
    """Collapse runs of white space to single spaces and strip the ends.

    >>> clean_space("  a\\n b\\t c ")
    'a b c'
    """
    return _SPACES.sub(" ", text).strip()


@dataclass
class ParagraphDraft:
    """A paragraph as a reader found it; ``anchors`` are (marker, offset) pairs."""

    kind: ParagraphKind
    number: str | None
    text: str
    label: str | None = None
    parent: str | None = None  # id of the parent paragraph
    section: str | None = None
    lead: str | None = None
    id: str = ""
    anchors: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class SectionDraft:
    number: str
    title: str


@dataclass
class FootnoteDraft:
    marker: str
    text: str


Block = ParagraphDraft | SectionDraft


def assemble(
    meta: Metadata,
    blocks: list[Block],
    footnotes: list[FootnoteDraft],
    *,
    source: str = "",
    fmt: str = "",
    sha256: str = "",
    warnings: tuple[str, ...] = (),
) -> Document:
    """Lay out the document text and build the immutable document.

    Footnote bodies are matched to anchors by marker; a marker anchored more
    than once keeps its first place and lists the others in ``refs``.  A
    marker without a body (flat text) still becomes a footnote with empty
    text; a body without a marker keeps ``paragraph=None``.
    """
    parts: list[str] = []
    pos = 0

    def put(text: str) -> tuple[int, int]:
        nonlocal pos
        start = pos
        parts.append(text)
        pos += len(text) + 1  # the "\n" that joins blocks
        return start, start + len(text)

    paragraphs: list[Paragraph] = []
    sections: list[Section] = []
    first_anchor: dict[str, tuple[str, int]] = {}
    more_anchors: dict[str, list[FootnoteRef]] = {}
    order = 0
    for block in blocks:
        if isinstance(block, SectionDraft):
            prefix = f"{block.number}. " if block.number else ""
            start, end = put(prefix + block.title)
            sections.append(Section(block.number, block.title, (start + len(prefix), end)))
            continue
        order += 1
        pid = block.id or _default_id(block, order)
        span = put(block.text)
        paragraphs.append(
            Paragraph(
                id=pid,
                kind=block.kind,
                number=block.number,
                label=block.label,
                parent=block.parent,
                section=block.section,
                lead=block.lead,
                text=block.text,
                span=span,
                order=order,
            )
        )
        for marker, offset in block.anchors:
            if marker in first_anchor:
                more_anchors.setdefault(marker, []).append(FootnoteRef(pid, offset))
            else:
                first_anchor[marker] = (pid, offset)

    notes: list[Footnote] = []
    seen: set[str] = set()
    for fn in footnotes:
        note_span = put(fn.text) if fn.text else None
        where = first_anchor.get(fn.marker)
        notes.append(
            Footnote(
                marker=fn.marker,
                text=fn.text,
                paragraph=where[0] if where else None,
                offset=where[1] if where else None,
                span=note_span,
                refs=tuple(more_anchors.get(fn.marker, ())),
            )
        )
        seen.add(fn.marker)
    for marker, (pid, offset) in first_anchor.items():  # markers with no body
        if marker not in seen:
            notes.append(
                Footnote(marker, "", pid, offset, None, tuple(more_anchors.get(marker, ())))
            )
    notes.sort(key=_marker_key)
    return Document(
        meta=meta,
        text="\n".join(parts),
        paragraphs=tuple(paragraphs),
        sections=tuple(sections),
        footnotes=tuple(notes),
        source=source,
        format=fmt,
        sha256=sha256,
        warnings=warnings,
    )


def _default_id(block: ParagraphDraft, order: int) -> str:
    if block.kind == "preambular":
        return f"pp{block.number or order}"
    if block.kind == "operative":
        return f"op{block.number or order}"
    label = (block.label or "").strip("()")
    return f"{block.parent}.{label}"


def _marker_key(fn: Footnote) -> tuple[int, str]:
    return (int(fn.marker), "") if fn.marker.isdigit() else (1 << 30, fn.marker)
