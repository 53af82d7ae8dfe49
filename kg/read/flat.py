"""Read a resolution given as flat text (one long line, or a few).

Flat text is what web renderings and library exports give: the whole
resolution on one line, optionally after a ``%%%SUBJECT|SUBJECT|`` header of
UN Digital Library subject headings.  Paragraph breaks are gone, footnote
markers are glued to the words before them ("2008,8 in which",
"Reduction10 and") and the footnote bodies are absent; section headings are
glued between paragraphs ("…session; II Action by the United Nations system
37. Reaffirms").

>>> from kg.sample import sample_paths
>>> doc = read_flat(sample_paths()[1].read_text(encoding="utf-8"), "63_197.txt", "0")
>>> doc.meta.symbol, len(doc.preambular), len(doc.operative), [s.number for s in doc.sections]
('A/RES/63/197', 14, 48, ['I', 'II'])
"""

from __future__ import annotations

from kg.errors import ReadError
from kg.model import Document, Subject
from kg.read.assemble import FootnoteDraft, assemble
from kg.read.heading import metadata, subjects
from kg.read.markers import Marked, strip_markers
from kg.read.patterns import P
from kg.read.segment import segment


def normalise(text: str, *, keep_breaks: bool) -> str:
    """Single spaces; line breaks become ``"\\n"`` hints (or spaces).

    >>> normalise("a  b \\n\\n  c", keep_breaks=True)
    'a b\\nc'
    """
    text = P["invisible"].sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = P["spaces"].sub(" ", text)
    text = P["line_breaks"].sub("\n", text) if keep_breaks else P["any_space"].sub(" ", text)
    return text.strip(" \n")


def build(
    stream: Marked,
    *,
    head: str | None,
    subject_list: tuple[Subject, ...],
    notes: list[FootnoteDraft],
    source: str,
    sha256: str,
    fmt: str,
    warnings: list[str] | None = None,
    layout: bool = False,
) -> Document:
    """Segment a marker-free stream and assemble the document.

    ``head`` is the raw heading text to read metadata from (PDF text keeps
    the first-page header there); by default the stream's own heading.
    """
    seg = segment(stream, layout=layout)
    found_head = " ".join(seg.heading.split())
    meta_head = head if head is not None else found_head
    meta = metadata(
        meta_head,
        seg.closing,
        formula_body=seg.formula_body,
        subject_list=subject_list,
        title_end=seg.part_heading or None,
    )
    has_operative = any(b.kind == "operative" for b in seg.blocks if hasattr(b, "kind"))
    if meta is None:
        if not has_operative:
            raise ReadError(
                "not a resolution: no symbol (such as '63/197.' or 'A/RES/63/197') "
                "and no operative paragraph found",
                path=source,
            )
        raise ReadError("no resolution symbol found in the heading", path=source)
    if not seg.blocks:
        raise ReadError("no paragraphs found after the heading", path=source)
    return assemble(
        meta,
        seg.blocks,
        notes,
        source=source,
        fmt=fmt,
        sha256=sha256,
        warnings=tuple([*(warnings or []), *seg.warnings]),
    )


def read_flat(text: str, source: str, sha256: str) -> Document:
    """Read flat text (see the module docstring) into a Document."""
    try:
        subject_list, rest = subjects(text)
        lines = [ln for ln in rest.splitlines() if ln.strip()]
        # A few long lines are paragraphs; one line is the whole text.
        stream = strip_markers(normalise(rest, keep_breaks=len(lines) > 1), known=None)
        return build(
            stream,
            head=None,
            subject_list=subject_list,
            notes=[],
            source=source,
            sha256=sha256,
            fmt="flat",
        )
    except ReadError:
        raise
    except (ValueError, IndexError, KeyError, RecursionError) as exc:  # pragma: no cover
        raise ReadError(f"internal error while reading flat text: {exc!r}", path=source) from None
