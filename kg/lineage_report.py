"""Paragraph lineage as text: a terminal report, JSON and CSV rows.

:func:`format_report` prints one block per link: the new id(s), ``<-``, the
old id(s), the class and the score, then the words of the paragraph with the
changes marked as ``[-deleted-]`` and ``{+inserted+}`` (wdiff style) or, with
``color=True``, in red and green (ANSI).  Long unchanged runs are shortened to
their first and last words around an ellipsis.

>>> from kg.lineage import Lineage, Link
>>> link = Link("modified", "operative", ("op31",), ("op40",), 0.85,
...             (("equal", ("Notes", "that")), ("delete", ("the", "Board")),
...              ("insert", ("it",)), ("equal", ("needs", "resources;"))))
>>> print(format_report(Lineage("A/RES/61/183", "A/RES/63/197", (link,)), color=False))
A/RES/63/197 ← A/RES/61/183
modified 1
<BLANKLINE>
op40 ← op31  modified  0.85
    Notes that [-the Board-] {+it+} needs resources;
"""

from __future__ import annotations

import math
from typing import Any

from kg.lineage import DiffChunk, Lineage, Link

#: Width of the text block in the terminal report.
REPORT_WIDTH = 100
#: Unchanged runs longer than twice this are shortened to this many words
#: either side of an ellipsis (0 or less: never shorten).
CONTEXT_WORDS = 8
#: ANSI styles per diff operation: (start, end).
ANSI: dict[str, tuple[str, str]] = {
    "delete": ("\x1b[31;9m", "\x1b[0m"),  # red, struck through
    "insert": ("\x1b[32;1m", "\x1b[0m"),  # bold green
    "equal": ("", ""),
}
#: Plain-text marks per diff operation: (before, after).
MARKS: dict[str, tuple[str, str]] = {
    "delete": ("[-", "-]"),
    "insert": ("{+", "+}"),
    "equal": ("", ""),
}
ELLIPSIS = "\u2026"
ARROW = "\u2190"


def _ids(ids: tuple[str, ...]) -> str:
    return "+".join(ids) if ids else "-"


def link_heading(link: Link, widths: tuple[int, int] = (0, 0)) -> str:
    """``new ← old  class  score``: the first line of a link's block, in columns."""
    new, old = _ids(link.new).ljust(widths[0]), _ids(link.old).ljust(widths[1])
    score = math.floor(link.score * 100) / 100  # 0.995 is not shown as 1.00
    return f"{new} {ARROW} {old}  {link.kind:<8}  {score:.2f}"


def _shorten(diff: tuple[DiffChunk, ...], context: int) -> list[tuple[str, tuple[str, ...]]]:
    out: list[tuple[str, tuple[str, ...]]] = []
    for n, (op, words) in enumerate(diff):
        if op != "equal" or context <= 0 or len(words) <= 2 * context + 1:
            out.append((op, words))
            continue
        head = () if n == 0 else words[:context]
        tail = () if n == len(diff) - 1 else words[-context:]
        out.append(("equal", (*head, ELLIPSIS, *tail)))
    return out


def _pieces(diff: tuple[DiffChunk, ...], color: bool, context: int) -> list[tuple[str, int]]:
    """Rendered words with their visible widths, marks attached to run ends."""
    pieces: list[tuple[str, int]] = []
    for op, words in _shorten(diff, context):
        start, end = ANSI[op] if color else MARKS[op]
        for k, word in enumerate(words):
            if color:
                pieces.append((f"{start}{word}{end}", len(word)))
                continue
            text = (start if k == 0 else "") + word + (end if k == len(words) - 1 else "")
            pieces.append((text, len(text)))
    return pieces


def _wrap(pieces: list[tuple[str, int]], width: int, indent: str) -> list[str]:
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for text, size in pieces:
        if line and used + 1 + size > width:
            lines.append(indent + " ".join(line))
            line, used = [], 0
        used += size + (1 if line else 0)
        line.append(text)
    if line:
        lines.append(indent + " ".join(line))
    return lines


def format_link(
    link: Link, color: bool, context: int = CONTEXT_WORDS, widths: tuple[int, int] = (0, 0)
) -> str:
    """One link's block: heading, then its marked text (verbatim: no text)."""
    lines = [link_heading(link, widths)]
    if link.kind != "verbatim":
        lines += _wrap(_pieces(link.diff, color, context), REPORT_WIDTH - 4, "    ")
    return "\n".join(lines)


def format_report(lineage: Lineage, color: bool, *, context: int = CONTEXT_WORDS) -> str:
    """The whole lineage as an aligned terminal report (see the module doc).

    The second line counts the links of each class present.
    """
    counts = ", ".join(f"{k} {v}" for k, v in lineage.counts().items() if v) or "no links"
    out = [f"{lineage.new} {ARROW} {lineage.old}", counts, ""]
    widths = (
        max((len(_ids(link.new)) for link in lineage.links), default=0),
        max((len(_ids(link.old)) for link in lineage.links), default=0),
    )
    for link in lineage.links:
        block = format_link(link, color, context, widths)
        if "\n" in block and out[-1]:
            out.append("")  # a blank line around every block with text
        out.append(block)
        if "\n" in block:
            out.append("")
    return "\n".join(out).rstrip("\n")


def link_to_dict(link: Link) -> dict[str, Any]:
    """A link as plain JSON data (``diff`` runs as [op, "words"])."""
    return {
        "class": link.kind,
        "part": link.part,
        "new": list(link.new),
        "old": list(link.old),
        "score": link.score,
        "diff": [[op, " ".join(words)] for op, words in link.diff],
    }


def lineage_to_dict(lineage: Lineage) -> dict[str, Any]:
    """The JSON shape of ``dckg lineage --format json``."""
    return {
        "old": lineage.old,
        "new": lineage.new,
        "counts": lineage.counts(),
        "links": [link_to_dict(link) for link in lineage.links],
    }


#: Columns of ``dckg lineage --format csv``.
CSV_COLUMNS = ("new", "old", "class", "part", "score", "deleted", "inserted")


def lineage_rows(lineage: Lineage) -> list[dict[str, str]]:
    """One CSV row per link; deleted/inserted runs joined by `` | ``."""
    rows = []
    for link in lineage.links:
        runs = {op: " | ".join(" ".join(w) for o, w in link.diff if o == op) for op in MARKS}
        rows.append(
            {
                "new": " ".join(link.new),
                "old": " ".join(link.old),
                "class": link.kind,
                "part": link.part,
                "score": f"{link.score:.4f}",
                "deleted": runs["delete"],
                "inserted": runs["insert"],
            }
        )
    return rows
