"""Cut the prose of a resolution into heading, paragraphs and closing.

Both text readers (flat text, PDF text) reduce their input to a *stream*: the
text with single spaces, footnote markers removed (their places kept aside)
and ``"\\n"`` where the source showed a paragraph break.  This module finds in
that stream:

* the enacting formula ("The General Assembly,") that ends the heading;
* the closing ("82nd plenary meeting 20 December 2006");
* operative paragraphs by their printed numbers, expecting the next number in
  sequence ("N. <Capital>"), and section headings between paragraphs
  ("II Action by the United Nations system");
* preambular paragraphs, split at breaks and at ", <Opener>" where the opener
  is a known preambular phrase or a capitalised participle;
* subparagraphs "(a)", "(b)" and nested "(i)", "(ii)" by label sequence.

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
from dataclasses import dataclass, field

from kg.read.assemble import Block, ParagraphDraft, SectionDraft
from kg.read.lexicon import ADVERBS, Lexicon, load
from kg.read.markers import Marked
from kg.read.patterns import P

_END_PUNCT = ";:.,"
_CLOSERS = "\u201d\u2019\"')]"
_ROMANS = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
    "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV",
]
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
_MAX_HEADING = 300


@dataclass
class Segmented:
    """What :func:`segment` found, ready for :func:`kg.read.assemble.assemble`."""

    heading: str = ""  # stream text before the enacting formula
    formula_body: str | None = None  # "General Assembly" from "The General Assembly,"
    closing: str = ""  # "82nd plenary meeting 20 December 2006"
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Para:
    kind: str
    number: str | None
    start: int  # span of the paragraph text in the stream
    end: int
    section: str | None = None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    return start, end


def _ends_paragraph(text: str) -> bool:
    t = text.rstrip(" \n").rstrip(_CLOSERS)
    return not t or t[-1] in _END_PUNCT or text.rstrip(" ").endswith("\n")


def _next_roman(last: str | None) -> str:
    if last is None:
        return "I"
    i = _ROMANS.index(last) if last in _ROMANS else -1
    return _ROMANS[i + 1] if 0 <= i < len(_ROMANS) - 1 else ""


def _next_letter(last: str | None) -> str:
    if last is None:
        return "A"
    return chr(ord(last) + 1) if len(last) == 1 and "A" <= last < "Z" else ""


class _Sections:
    """Expected numbering of section headings: roman numerals and capital letters."""

    def __init__(self) -> None:
        self.roman: str | None = None
        self.letter: str | None = None
        self.current: str | None = None

    def accepts(self, num: str) -> bool:
        return num in (_next_roman(self.roman), _next_letter(self.letter)) or num == ""

    def take(self, num: str) -> None:
        if num and num == _next_roman(self.roman):
            self.roman, self.letter = num, None
        elif num:
            self.letter = num
        if num:
            self.current = num


def _heading_gap(
    text: str, lo: int, hi: int, sections: _Sections, *, preamble: bool
) -> tuple[int, str, str] | None:
    """A section heading standing between a paragraph's end and ``hi``.

    Returns (start of the heading in the stream, number, title).  A numbered
    heading ("II Action by ...", "B. Title") follows paragraph-ending
    punctuation; an unnumbered one is the text after the paragraph's last
    ";", ":" or "." (after the preamble: ",") when it looks like a heading.
    """
    tail = text[lo:hi].rstrip(" \n")
    if not tail:
        return None
    for m in P["section_start"].finditer(tail):
        gap = tail[m.start("num") :]
        num = m.group("num")
        if sections.accepts(num) and len(gap) <= _MAX_HEADING and ";" not in gap:
            title = P["section_gap"].fullmatch(gap.replace("\n", " "))
            if title:
                return lo + m.start("num"), num, " ".join(title.group("title").split())
    ends = _END_PUNCT if preamble else ";:."
    cut = max(tail.rfind(c) for c in ends + "\n")
    while 0 <= cut < len(tail) - 1 and tail[cut + 1] in _CLOSERS:
        cut += 1
    gap = tail[cut + 1 :].strip(" \n")
    if not gap or not _looks_like_heading(gap):
        return None
    start = lo + cut + 1
    while text[start] in " \n":
        start += 1
    return start, "", " ".join(gap.split())


@dataclass
class _Start:
    """Where an operative paragraph starts, and what stands before its number."""

    num_start: int
    text_start: int
    number: str
    head: tuple[int, str, str] | None = None  # (start, number, title) of a heading before it
    pre: tuple[int, int] | None = None  # preambular text between that heading and the number


def _first_opener(text: str, lo: int, hi: int, lex: Lexicon) -> int | None:
    for m in P["word_start"].finditer(text, lo, hi):
        if lex.preamble_lead(text[m.end() : m.end() + 100]):
            return m.end()
    return None


def _leading_section(
    text: str, lo: int, hi: int, sections: _Sections, lex: Lexicon, first: bool
) -> tuple[tuple[int, str, str], tuple[int, int]] | None:
    """A numbered heading followed by preambular paragraphs, before a number at ``hi``.

    "…; II Activities of the Independent Audit Advisory Committee Recalling …,
    Having considered …, 1. Notes …": sections of a resolution can have a
    preamble of their own.
    """
    while lo < hi and text[lo] in " \n":
        lo += 1
    region = text[lo:hi]
    for m in P["section_start"].finditer(region):
        num = m.group("num")
        at = lo + m.start("num")
        if first and region[: m.start("num")].strip(" \n,"):
            break  # before the first paragraph the heading opens the body
        if not first and region[max(0, m.start() - 1) : m.start() + 1].strip(" \n")[-1:] == ",":
            continue
        if not sections.accepts(num):
            continue
        k = _first_opener(text, at + len(num), hi, lex)
        if k is None:
            return None
        title = " ".join(text[lo + m.end() : k].split())
        if not title or len(title) > _MAX_HEADING or ";" in title:
            continue
        return (at, num, title), (k, hi)
    return None


def _operative_starts(
    text: str, lo: int, hi: int, sections: _Sections, lex: Lexicon
) -> list[_Start]:
    """Each operative paragraph: its number in sequence, and a heading before it."""
    found: list[_Start] = []
    expected = 1
    last_text = lo
    for m in P["op_number"].finditer(text, lo, hi):
        num = int(m.group("num"))
        if num not in (expected, 1) or m.start() < last_text:
            continue
        before = text[lo : m.start()] if not found else text[found[-1].text_start : m.start()]
        lead = _leading_section(text, last_text, m.start(), sections, lex, not found)
        if lead:
            sections.take(lead[0][1])
            found.append(_Start(m.start(), m.end(), str(num), lead[0], lead[1]))
            last_text, expected = m.end(), num + 1
            continue
        gap = _heading_gap(text, last_text, m.start(), sections, preamble=not found)
        boundary = m.start() == lo or _ends_paragraph(before)
        if num != expected:  # numbering restarts only after a numbered heading
            if not (gap and gap[1] and found):
                continue
        elif not boundary and not (gap and (gap[1] or found)):
            continue
        if gap:
            sections.take(gap[1])
        found.append(_Start(m.start(), m.end(), str(num), gap))
        last_text, expected = m.end(), num + 1
    return found


def _looks_like_heading(title: str) -> bool:
    """An unnumbered heading: short, capitalised, no sentence punctuation at its end."""
    return (
        len(title) <= 200
        and title[:1].isupper()
        and title[-1:] not in _END_PUNCT
        and not P["label_inside"].search(f" {title} ")
    )


def _unnumbered_start(text: str, lo: int, hi: int, lex: Lexicon) -> int | None:
    """Start of a single unnumbered operative paragraph (", Decides to ...")."""
    for m in P["op_cut"].finditer(text[lo:hi]):
        pos = lo + m.end()
        lead = lex.operative_lead(text[pos : pos + 80])
        if lead and not lex.preamble_lead(text[pos : pos + 80]) and pos > lo:
            return pos
    return None


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
        hint = m.group(0).endswith("\n") and _ends_paragraph(text[starts[-1] : pos])
        comma = m.group("punct") in (",", ";")  # never after ":" ("Rights: Implementing …")
        opens = comma and _opens_preamble(head, lex, general and m.group("punct") == ",")
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
    return words[-1] not in _NOT_OPENERS and words[0] not in _NOT_OPENERS


def _lead(text: str, kind: str, lex: Lexicon) -> str | None:
    if kind == "preambular":
        lead = lex.preamble_lead(text)
        if lead is None:
            m = P["opener_general"].match(text)
            lead = m.group("lead") if m else None
        if lead:  # "Reaffirming" + "also" when only the bare form is known
            rest = text[len(lead) :].split(" ", 2)
            if len(rest) > 1 and rest[1] in ("also", "further") and f"{lead} {rest[1]}" == text[
                : len(lead) + 1 + len(rest[1])
            ]:
                lead = f"{lead} {rest[1]}"
        return lead
    if kind == "operative":
        lead = lex.operative_lead(text)
        if lead is None:
            m = P["op_lead_general"].match(text)
            lead = m.group("lead") if m else None
        return lead
    return None


# --- subparagraphs --------------------------------------------------------


def _next_alpha(label: str) -> str:
    if len(label) == 2 and label[0] == label[1]:  # (aa) -> (bb)
        return chr(ord(label[0]) + 1) * 2 if label[0] < "z" else ""
    return chr(ord(label) + 1) if label < "z" else "aa"


def _roman_value(label: str) -> int:
    vals = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for i, ch in enumerate(label):
        v = vals.get(ch, 0)
        total += -v if i + 1 < len(label) and vals.get(label[i + 1], 0) > v else v
    return total


def _to_roman(n: int) -> str:
    out = ""
    for v, s in ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out += s
            n -= v
    return out


def _next_label(kind: str, label: str) -> str:
    return _to_roman(_roman_value(label) + 1) if kind == "roman" else _next_alpha(label)


def subparagraphs(text: str, lo: int, hi: int) -> list[tuple[int, int, str, int]]:
    """Labels in ``text[lo:hi]``: (label start, text start, label, depth 1..).

    A label counts after a lead-in (":"), after the end of the item before
    (";", ".", "; and") or at a break, when it is the next label of an open
    list.  "(i)" after "(h)" is a letter; "(a)" or "(i)" after a lead-in
    ending with ":" opens a list one level down.
    """
    levels: list[tuple[str, str]] = []  # (kind, last label) per depth
    found: list[tuple[int, int, str, int]] = []
    for m in P["sub_label"].finditer(text, lo, hi):
        label = m.group("label")
        before = text[found[-1][1] if found else lo : m.start()]
        brk = before.rstrip(" ").endswith("\n")
        end_char = before.rstrip(" \n").rstrip(_CLOSERS)[-1:]
        conj = bool(P["sub_conj"].search(before))
        if not (end_char in ":;.," or conj or brk):
            continue  # "paragraph 5 (a) of resolution 60/1"
        colon = end_char == ":"
        if text[m.end() : m.end() + 1].islower() and not (colon or end_char == ";" or brk or conj):
            continue  # an inline enumeration: ", (b) the …"
        depth = 0
        for d in range(len(levels), 0, -1):
            kind, last = levels[d - 1]
            opens_below = colon and d == len(levels) and label in ("a", "i")
            if label == _next_label(kind, last) and not opens_below:
                depth = d
                break
        if depth:
            del levels[depth:]
            levels[depth - 1] = (levels[depth - 1][0], label)
        else:
            follows = P["sub_b_follows"].search(text, m.end(), hi)
            first = not levels and label == "a" and follows is not None
            if label not in ("a", "i") or len(levels) >= 3 or not (colon or brk or first):
                continue
            kind = "roman" if label == "i" and (not levels or levels[-1][0] == "alpha") else "alpha"
            levels.append((kind, label))
            depth = len(levels)
        found.append((m.start(), m.end(), f"({label})", depth))
    return found


# --- the whole document ---------------------------------------------------


def segment(stream: Marked, lex: Lexicon | None = None, *, layout: bool = False) -> Segmented:
    """Segment a stream into drafts (see the module docstring).

    ``layout`` says the stream's break hints are reliable (PDF text): then
    preambular paragraphs are not split at mere capitalised participles.
    """
    lex = lex or load()
    text = stream.text
    out = Segmented()
    formula = P["formula"].search(text)
    if formula:
        out.heading = text[: formula.start()]
        out.formula_body = " ".join(formula.group("body").split())
        body_lo = formula.end()
    else:
        title = P["title_line"].search(text)
        body_lo = _after_title(text, title.start("title")) if title else 0
        out.heading = text[:body_lo]
    closings = list(P["closing"].finditer(text, body_lo))
    closing = closings[-1] if closings else None
    body_hi = closing.start() if closing else len(text)
    if closing:
        out.closing = " ".join(closing.group(0).split())
    sections = _Sections()
    starts = _operative_starts(text, body_lo, body_hi, sections, lex)
    paras: list[_Para] = []
    regions: list[tuple[int, int]] = []  # preambular text
    blocks_sections: list[tuple[int, SectionDraft]] = []
    if starts:
        first = starts[0]
        if first.pre:
            regions += [(body_lo, first.head[0] if first.head else first.pre[0]), first.pre]
        else:
            regions.append((body_lo, first.head[0] if first.head else first.num_start))
        for i, st in enumerate(starts):
            if st.head:
                blocks_sections.append((st.head[0], SectionDraft(st.head[1], st.head[2])))
            if st.pre and i:
                regions.append(st.pre)
            nxt = starts[i + 1] if i + 1 < len(starts) else None
            end = (nxt.head[0] if nxt.head else nxt.num_start) if nxt else body_hi
            s, e = _strip(text, st.text_start, end)
            paras.append(_Para("operative", st.number, s, e))
    else:
        single = _unnumbered_start(text, body_lo, body_hi, lex)
        regions.append((body_lo, body_hi if single is None else single))
        if single is not None:
            paras.append(_Para("operative", None, single, body_hi))
    for r_lo, r_hi in regions:
        cuts = [*_preamble_splits(text, r_lo, r_hi, lex, not layout), r_hi]
        for a, b in itertools.pairwise(cuts):
            s, e = _strip(text, a, b)
            if s < e:
                paras.append(_Para("preambular", None, s, e))
    out.blocks = _drafts(text, stream.markers, paras, blocks_sections, lex, out.warnings)
    return out


def _after_title(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return nl if nl >= 0 else pos


def _drafts(
    text: str,
    markers: list[tuple[int, str]],
    paras: list[_Para],
    heads: list[tuple[int, SectionDraft]],
    lex: Lexicon,
    warnings: list[str],
) -> list[Block]:
    events: list[tuple[int, int, SectionDraft | _Para]] = [(p.start, 1, p) for p in paras]
    events += [(pos, 0, sec) for pos, sec in heads]
    events.sort(key=lambda e: (e[0], e[1]))
    blocks: list[Block] = []
    section: str | None = None
    restarted = _numbering_restarts(paras)
    pp = 0
    for _, _, item in events:
        if isinstance(item, SectionDraft):
            blocks.append(item)
            if item.number:
                section = item.number
            continue
        p = item
        if p.kind == "preambular":
            pp += 1
            pid = f"pp{pp}"
            number: str | None = str(pp)
        else:
            number = p.number
            base = f"op{number}" if number else "op1"
            pid = f"{section}.{base}" if restarted and section else base
        subs = subparagraphs(text, p.start, p.end)
        head_end = subs[0][0] if subs else p.end
        s, e = _strip(text, p.start, head_end)
        kind = "preambular" if p.kind == "preambular" else "operative"
        blocks.append(_draft(text, markers, s, e, kind, number, pid, None, None,
                             section if kind == "operative" else None, lex))
        parents = [pid]
        for j, (_, t_start, label, depth) in enumerate(subs):
            nxt = subs[j + 1][0] if j + 1 < len(subs) else p.end
            s, e = _strip(text, t_start, nxt)
            del parents[depth:]
            parent = parents[-1]
            sid = f"{parent}.{label.strip('()')}"
            parents.append(sid)
            blocks.append(_draft(text, markers, s, e, "subparagraph", None, sid, label, parent,
                                 section if kind == "operative" else None, lex))
    return blocks


def _numbering_restarts(paras: list[_Para]) -> bool:
    nums = [p.number for p in paras if p.kind == "operative" and p.number]
    return len(nums) != len(set(nums))


def _draft(
    text: str,
    markers: list[tuple[int, str]],
    s: int,
    e: int,
    kind: str,
    number: str | None,
    pid: str,
    label: str | None,
    parent: str | None,
    section: str | None,
    lex: Lexicon,
) -> ParagraphDraft:
    body = text[s:e].replace("\n", " ")
    anchors = [(mk, pos - s) for pos, mk in markers if s <= pos <= e]
    return ParagraphDraft(
        kind=kind,  # type: ignore[arg-type]
        number=number,
        text=body,
        label=label,
        parent=parent,
        section=section,
        lead=_lead(body, kind, lex),
        id=pid,
        anchors=anchors,
    )


__all__ = ["ADVERBS", "Segmented", "segment", "subparagraphs"]
