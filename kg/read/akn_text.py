"""Clean prose out of AKN inline markup, keeping where footnote markers stood.

:func:`prose` walks an element (a ``<p>``, ``<content>``, ``<heading>`` ...)
and returns its text with white space collapsed (tabs and newlines become
single spaces; typographic quotes and dashes are kept as in the source) and
every ``<authorialNote>`` removed.  Each removed note leaves an anchor
``(marker, offset)`` — the offset in the cleaned text where the marker stood
— and its body as a :class:`~kg.read.assemble.FootnoteDraft`.

>>> from lxml import etree
>>> p = etree.fromstring('<p>\\t<span class="italic">Takes note</span> of the report,'
...     '<authorialNote marker="30"><p>\\t <a href="x">A/75/99</a>.</p></authorialNote>'
...     ' and requests</p>')
>>> t = prose(p)
>>> t.text, t.anchors, [(n.marker, n.text) for n in t.notes], t.lead
('Takes note of the report, and requests', [('30', 25)], [('30', 'A/75/99.')], 'Takes note')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from kg.read.akn_meta import local
from kg.read.assemble import FootnoteDraft, clean_space

_WS = re.compile(r"\s+")
# Invisible format characters (soft hyphen, zero-width space/joiners, direction
# marks and embeddings, word joiner, BOM) carry nothing a reader sees: dropped.
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
     *range(0x2060, 0x2065), *range(0x2066, 0x2070), 0xFEFF],
    None,
)  # fmt: skip
# Elements whose content is not prose (pictures, line ends become a space).
_SILENT = frozenset({"img", "meta", "authorialNote"})
_BREAKS = frozenset({"eol", "eop", "br"})


@dataclass
class Prose:
    """Cleaned text of an element, with note anchors, note bodies and the lead."""

    text: str = ""
    anchors: list[tuple[str, int]] = field(default_factory=list)
    notes: list[FootnoteDraft] = field(default_factory=list)
    lead: str | None = None

    def extend(self, other: Prose) -> None:
        """Append ``other`` after a space, shifting its anchors."""
        if not other.text and not other.anchors:
            self.notes.extend(other.notes)
            return
        sep = " " if self.text and other.text else ""
        shift = len(self.text) + len(sep)
        self.text = self.text + sep + other.text
        self.anchors.extend((m, o + shift) for m, o in other.anchors)
        self.notes.extend(other.notes)
        if self.lead is None and shift == 0:
            self.lead = other.lead


class _Writer:
    """Appends raw text pieces, collapsing white space across piece borders."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.pending = False  # a space is owed before the next visible text

    def add(self, raw: str | None) -> None:
        if not raw:
            return
        s = _WS.sub(" ", raw.translate(_INVISIBLE))
        if not s:
            return
        if s[0] == " ":
            self.pending = True
            s = s[1:]
        if not s:
            return
        end_space = s[-1] == " "
        if end_space:
            s = s[:-1]
        if self.pending and self.size:
            self.parts.append(" ")
            self.size += 1
        self.parts.append(s)
        self.size += len(s)
        self.pending = end_space

    def text(self) -> str:
        return "".join(self.parts)


def note_text(note: etree._Element) -> str:
    """Body of an ``<authorialNote>`` as clean prose (links kept as their text)."""
    w = _Writer()
    _walk(note, w, [], [], top=False)
    return w.text()


def prose(*elements: etree._Element | None) -> Prose:
    """Clean text of ``elements`` (joined by spaces) with anchors, notes and lead."""
    out = Prose()
    for el in elements:
        if el is None:
            continue
        w = _Writer()
        anchors: list[tuple[str, int]] = []
        notes: list[FootnoteDraft] = []
        _walk(el, w, anchors, notes, top=True)
        text = w.text()
        part = Prose(text, [(mk, _word_edge(text, at)) for mk, at in anchors], notes, _lead(el))
        out.extend(part)
    if out.lead is not None and not out.text.startswith(out.lead):
        out.lead = None
    return out


def _word_edge(text: str, at: int) -> int:
    """A note anchored inside a word moves to the nearer end of the word.

    Some files set the note one letter off: "Reduction, t<note/>he Addis"
    (the note belongs after the comma), "with a view to doublin<note/>g".

    >>> _word_edge("Reduction, the Addis", 12), _word_edge("to doubling it", 10)
    (10, 11)
    """
    if not (0 < at < len(text) and text[at - 1].isalpha() and text[at].isalpha()):
        return at
    start, end = at, at
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    if at - start == 1:  # "t|he": before the word and the space before it
        return start - 1 if start >= 1 and text[start - 1] == " " else start
    return end if end - at == 1 else at


def _walk(
    el: etree._Element,
    w: _Writer,
    anchors: list[tuple[str, int]],
    notes: list[FootnoteDraft],
    *,
    top: bool,
) -> None:
    w.add(el.text if isinstance(el.tag, str) else None)
    for c in el:
        name = local(c)
        if name == "authorialNote" and top:
            marker = clean_space(c.get("marker") or "") or str(len(notes) + 1)
            notes.append(FootnoteDraft(marker, note_text(c)))
            anchors.append((marker, w.size))
        elif name in _BREAKS:
            w.add(" ")
        elif name and name not in _SILENT:
            _walk(c, w, anchors, notes, top=top)
        w.add(c.tail)


def _lead(el: etree._Element) -> str | None:
    """Text of a leading italic span (the opening phrase printed in italics)."""
    if el.text and el.text.strip():
        return None
    for c in el:
        if not isinstance(c.tag, str):
            continue
        italic = local(c) == "i" or "italic" in (c.get("class") or "")
        if local(c) in ("span", "i") and italic:
            lead = clean_space("".join(t for t in c.itertext() if isinstance(t, str)))
            return lead.rstrip(" ,") or None
        if local(c) == "p":
            return _lead(c)
        return None
    return None
