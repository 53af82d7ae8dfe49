"""Cut the prose of a resolution into heading, paragraphs and closing.

Both text readers (flat text, PDF text) reduce their input to a *stream*: the
text with single spaces, footnote markers removed (their places kept aside)
and ``"\\n"`` where the source showed a paragraph break.  This module finds in
that stream:

* the enacting formula ("The General Assembly,") that ends the heading;
* the closing ("82nd plenary meeting 20 December 2006", or only the date);
* the parts of a resolution published in parts ("75/101 A-B"): each part has
  its letter and title, its enacting formula and its closing;
* operative paragraphs by their printed numbers, expecting the next number in
  sequence ("N. <Capital>"), and section headings before and between them
  (:mod:`kg.read.numbering`), with sections that hold no numbered paragraph;
* unnumbered operative paragraphs: a lead-in before numbered paragraphs
  ("Resolves that, for 2021:") or a single one ("Decides to include ...");
* preambular paragraphs, split at breaks and at ", <Opener>" where the opener
  is a known preambular phrase or a capitalised participle;
* subparagraphs "(a)", "(b)" and nested "(i)", "(ii)" by label sequence
  (:mod:`kg.read.sublabels`); ids are given by :mod:`kg.read.text_drafts`.

>>> from kg.read.markers import Marked
>>> s = segment(Marked("The General Assembly, Recalling its resolution 60/178, "
...     "Noting with concern the report, 1. Urges States: (a) To act; (b) To report; "
...     "2. Decides to remain seized. 71st plenary meeting 18 December 2008"))
>>> [(b.kind, b.label or b.number, b.lead) for b in s.blocks]  # doctest: +NORMALIZE_WHITESPACE
[('preambular', '1', 'Recalling'), ('preambular', '2', 'Noting with concern'),
 ('operative', '1', 'Urges'), ('subparagraph', '(a)', None),
 ('subparagraph', '(b)', None), ('operative', '2', 'Decides')]
>>> s.closing
'71st plenary meeting 18 December 2008'
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from kg.read.assemble import Block, SectionDraft
from kg.read.lexicon import ADVERBS, Lexicon, load
from kg.read.markers import Marked
from kg.read.numbering import (
    Head,
    Sections,
    Start,
    ends_paragraph,
    leading_sections,
    looks_like_heading,
    operative_starts,
)
from kg.read.patterns import P
from kg.read.sublabels import subparagraphs
from kg.read.text_drafts import Para, drafts, strip_span

# Capitalised -ing/-ed words that are names, not openers ("United Nations").
_NOT_OPENERS = frozenset(
    [
        "United", "Beijing", "Reading", "Wellington", "Kunming", "Nanjing", "Red",
        "Trafficking", "Smuggling", "Building", "Banking", "Mining", "Nursing", "Training",
        "Learning", "Housing", "Funding", "Meeting", "Financing", "Marketing", "Advanced",
        "Limited", "Combined", "Coordinated", "Integrated", "Applied", "Armed", "Enlarged",
        "Detailed",
    ]
)


@dataclass
class Segmented:
    """What :func:`segment` found, ready for :func:`kg.read.assemble.assemble`."""

    heading: str = ""  # stream text before the enacting formula
    formula_body: str | None = None  # "General Assembly" from "The General Assembly,"
    part_heading: str = ""  # "A Information in the service of humanity" (first part)
    closing: str = ""  # "82nd plenary meeting 20 December 2006"
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Part:
    """One resolution of several published under one number ("75/101 A-B")."""

    letter: str  # "" when the resolution is not published in parts
    title: str
    head: int  # where the part letter stands in the stream
    lo: int  # the part's body: after its enacting formula ...
    hi: int  # ... up to its closing
    title_words: list[str] = field(default_factory=list)  # of the resolution, for headings


def _operative_tail(text: str, lo: int, hi: int, lex: Lexicon, *, chapeau: bool) -> int | None:
    """Start of an unnumbered operative paragraph ending the text ``text[lo:hi]``.

    It opens with an operative verb, at the start of the region or after a
    paragraph's end (", Decides to ..."): a single unnumbered operative
    paragraph, or with ``chapeau`` a lead-in ending with a colon before
    numbered paragraphs ("Resolves that, for 2021:").
    """
    lo, hi = strip_span(text, lo, hi)
    if chapeau and not text[lo:hi].endswith(":"):
        return None
    for m in P["op_cut"].finditer(text[lo:hi]):
        pos = lo + m.end()
        head = text[pos : pos + 80]
        if lex.operative_lead(head) and not lex.preamble_lead(head):
            return pos if _quote_depth_ok(text, lo, pos) else None
    return None


def _adopts_titled(
    text: str, lo: int, hi: int, lex: Lexicon, title: list[str]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A lead-in adopting a text headed by the resolution's own title, then more text.

    "Adopts the following political declaration ...: United against racism, ...
    We, Heads of State ..., 1. Reaffirm": the spans of the lead-in and of the
    title (a heading); what follows is the declaration's own preamble.
    """
    if not title:
        return None
    at = _operative_tail(text, lo, hi, lex, chapeau=False)
    colon = text.find(":", at, hi) if at is not None else -1
    if at is None or colon < 0:
        return None
    heading = re.compile(r"\s+".join(map(re.escape, title)))
    start, _ = strip_span(text, colon + 1, hi)
    m = heading.match(text, start, hi)
    if not m:
        return None
    return strip_span(text, at, colon + 1), (start, m.end())


def _quote_depth_ok(text: str, lo: int, pos: int) -> bool:
    seg = text[lo:pos]
    return seg.count("\u201c") <= seg.count("\u201d")


def _preamble_splits(text: str, lo: int, hi: int, lex: Lexicon, general: bool) -> list[int]:
    """Starts of preambular paragraphs in ``text[lo:hi]``.

    A paragraph starts at a break hint after a paragraph end, or after ", "
    where a known opener follows ("Recalling also"); with ``general`` also
    where a capitalised participle follows (flat text has no breaks).
    """
    starts = [lo]
    for m in P["preamble_cut"].finditer(text, lo, hi):
        pos = m.end()
        if pos >= hi or pos - starts[-1] < 3:
            continue
        head = text[pos : pos + 120]
        hint = m.group(0).endswith("\n") and ends_paragraph(text[starts[-1] : pos])
        comma = m.group("punct") in (",", ";")  # never after ":" ("Rights: Implementing …")
        opens = comma and _opens_preamble(head, lex, general and m.group("punct") == ",")
        if m.group("punct") == ".":  # "… with the same emphasis. Recalling the …"
            opens = bool(lex.preamble_lead(head))
        if (hint or opens) and _quote_depth_ok(text, starts[-1], pos):
            starts.append(pos)
    return starts


def _opens_preamble(head: str, lex: Lexicon, general: bool) -> bool:
    if lex.preamble_lead(head):
        return True
    m = P["opener_general"].match(head) if general else None
    if not m:
        return False
    words = m.group("lead").split()
    after = head[m.end() :].split(" ", 3)[1:3]
    if len(after) > 1 and after[1][:1].isupper():
        return False  # a title: "… All States, Taking into Particular Account the Needs …"
    return words[-1] not in _NOT_OPENERS and words[0] not in _NOT_OPENERS


def segment(stream: Marked, lex: Lexicon | None = None, *, layout: bool = False) -> Segmented:
    """Segment a stream into drafts (see the module docstring).

    ``layout`` says the stream's break hints are reliable (PDF text): then
    preambular paragraphs are not split at mere capitalised participles.
    """
    lex = lex or load()
    text = stream.text
    out = Segmented()
    formulas = list(P["formula"].finditer(text))
    parts = _parts(text, formulas)
    if formulas:
        out.formula_body = " ".join(formulas[0].group("body").split())
    if parts:
        out.heading = text[: parts[0].head]
        out.part_heading = " ".join(text[parts[0].head : formulas[0].start()].split())
        body_lo = parts[0].lo
    elif formulas:
        out.heading = text[: formulas[0].start()]
        body_lo = formulas[0].end()
    else:
        title = P["title_line"].search(text)
        body_lo = _after_title(text, title.start("title")) if title else 0
        out.heading = text[:body_lo]
    closings = list(P["closing"].finditer(text, body_lo))
    if not closings:  # "... the present resolution. 16 December 2020": no meeting line
        closings = list(P["closing_date"].finditer(text, body_lo))
    if closings:
        out.closing = " ".join(closings[-1].group(0).split())
    if not parts:
        body_hi = closings[-1].start() if closings else len(text)
        title = P["title_line"].search(out.heading)
        words = out.heading[title.start("title") :].split() if title else []
        parts = [_Part("", "", body_lo, body_lo, body_hi, words)]
    paras: list[Para] = []
    heads: list[tuple[int, SectionDraft, str]] = []
    for part in parts:
        if part.letter:
            heads.append((part.head, SectionDraft(part.letter, part.title), part.letter))
        _read_body(text, part, lex, layout, paras, heads)
    out.blocks = drafts(text, stream.markers, paras, heads, lex, layout=layout)
    return out


def _parts(text: str, formulas: list[re.Match[str]]) -> list[_Part]:
    """The parts of a resolution published in parts, or [] for a single resolution.

    Each part is printed as a resolution of its own: its letter ("A", "B" in
    sequence) and title, its enacting formula and its closing; the first
    letter stands after the title of the whole, the next ones after the
    closing of the part before.
    """
    if len(formulas) < 2:
        return []
    parts: list[_Part] = []
    for i, f in enumerate(formulas):
        letter = chr(ord("A") + i)
        if i == 0:
            head = _part_head(text, 0, f.start(), letter, last=True)
        else:
            closings = list(P["closing"].finditer(text, formulas[i - 1].end(), f.start()))
            if not closings:
                return []
            parts[-1].hi = closings[-1].start()
            head = _part_head(text, closings[-1].end(), f.start(), letter, last=False)
        if head is None:
            return []
        parts.append(_Part(letter, head[1], head[0], f.end(), len(text)))
    closings = list(P["closing"].finditer(text, formulas[-1].end()))
    if closings:
        parts[-1].hi = closings[-1].start()
    return parts


def _part_head(text: str, lo: int, hi: int, letter: str, *, last: bool) -> tuple[int, str] | None:
    """(where the letter stands, title) of a part heading ending at ``hi``.

    With ``last`` the heading is the end of a longer text (the title block
    of the whole resolution before it); else it is all of ``text[lo:hi]``.
    """
    found = None
    for m in P["part_letter"].finditer(text, lo, hi):
        if m.group("letter") != letter or (not last and text[lo : m.start()].strip(" \n")):
            continue
        title = " ".join(text[m.end() : hi].split())
        if not title or looks_like_heading(title):
            found = (m.start("letter"), title)
        if not last:
            break
    return found


def _read_body(
    text: str,
    part: _Part,
    lex: Lexicon,
    layout: bool,
    paras: list[Para],
    heads: list[tuple[int, SectionDraft, str]],
) -> None:
    """Paragraphs and section headings of one resolution (or part) body."""
    lo, hi, letter = part.lo, part.hi, part.letter
    sections = Sections()
    starts = operative_starts(text, lo, hi, sections, lex)
    regions: list[tuple[int, int, bool]] = []  # preambular text; before a numbered paragraph?
    if starts:
        tail = leading_sections(text, starts[-1].text_start, hi, sections, lex, False)
        first = starts[0]
        regions.append((lo, _opening(first), not first.earlier and not first.pre))
        for i, st in enumerate(starts):
            for head, region in st.earlier:  # sections without numbered paragraphs
                heads.append((head[0], SectionDraft(head[1], head[2]), letter))
                regions.append((*region, False))
            if st.head:
                heads += [(st.head[0], sec, letter) for sec in _headings(st.head)]
            if st.pre:
                regions.append((*st.pre, True))
            nxt = starts[i + 1] if i + 1 < len(starts) else None
            end = _opening(nxt) if nxt else (tail[0][0][0] if tail else hi)
            s, e = strip_span(text, st.text_start, end)
            paras.append(Para("operative", st.number, s, e, letter))
        for head, region in tail:  # sections after the last numbered paragraph
            heads.append((head[0], SectionDraft(head[1], head[2]), letter))
            regions.append((*region, False))
    else:
        regions.append((lo, hi, False))
    for r_lo, r_hi, before_number in regions:
        op_at = _operative_tail(text, r_lo, r_hi, lex, chapeau=before_number)
        adopted = _adopts_titled(text, r_lo, r_hi, lex, part.title_words) if before_number else None
        if op_at is not None:
            s, e = strip_span(text, op_at, r_hi)
            paras.append(Para("operative", None, s, e, letter, chapeau=before_number))
            r_hi = op_at
        elif adopted:  # "Adopts the following declaration: <its title> We, ..., 1. ..."
            (s, e), (t_lo, t_hi) = adopted
            paras.append(Para("operative", None, s, e, letter, chapeau=True))
            heads.append((t_lo, SectionDraft("", " ".join(text[t_lo:t_hi].split())), letter))
            r_lo = t_hi
        cuts = [*_preamble_splits(text, r_lo, r_hi, lex, not layout), r_hi]
        for a, b in itertools.pairwise(cuts):
            s, e = strip_span(text, a, b)
            if s < e:
                paras.append(Para("preambular", None, s, e, letter))


def _headings(head: Head) -> list[SectionDraft]:
    """Section drafts of a heading; a title of several lines is a run of headings."""
    lines = [ln for ln in head[2].split("\n") if ln] or [""]
    return [SectionDraft(head[1] if i == 0 else "", ln) for i, ln in enumerate(lines)]


def _opening(st: Start) -> int:
    """Where what belongs to a numbered paragraph starts: its first heading or its number."""
    if st.earlier:
        return st.earlier[0][0][0]
    return st.head[0] if st.head else st.num_start


def _after_title(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return nl if nl >= 0 else pos


__all__ = ["ADVERBS", "Segmented", "segment", "subparagraphs"]
