"""Operative paragraph numbers in sequence, and the section headings between them.

In the prose stream of a text resolution an operative paragraph starts where
its printed number stands ("12. Urges"), and only the next number in
sequence counts: "paragraph 5 of resolution 60/1" or "1. 2 billion people"
never start one.  Numbering restarts at 1 only after a numbered section
heading ("II Action by the United Nations system", "B. Income estimates").
Headings stand between paragraphs: after the end of one paragraph and before
the number of the next, with or without a number of their own, and a section
may open with preambular paragraphs of its own.

>>> from kg.read.lexicon import load
>>> starts = operative_starts("Recalling its resolution 60/1, 1. Urges States; "
...     "2. Requests the report; I Follow-up 1. Decides to act.", 0, 99, Sections(), load())
>>> [(s.number, s.head[1:] if s.head else None) for s in starts]
[('1', None), ('2', None), ('1', ('I', 'Follow-up'))]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.read.lexicon import Lexicon
from kg.read.patterns import P

_END_PUNCT = ";:.,"
_ENDS = _END_PUNCT + "?!"  # what a paragraph ends with ("... arise from this status?")
_CLOSERS = "\u201d\u2019\"')]"
_TENS = ["", "X", "XX", "XXX", "XL"]
_UNITS = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
_ROMANS = [_TENS[n // 10] + _UNITS[n % 10] for n in range(1, 50)]  # section numbers I .. XLIX
_MAX_HEADING = 350  # characters; the longest titles in the corpus have 333


def ends_paragraph(text: str) -> bool:
    t = text.rstrip(" \n").rstrip(_CLOSERS)
    return not t or t[-1] in _ENDS or text.rstrip(" ").endswith("\n")


def _next_roman(last: str | None) -> str:
    if last is None:
        return "I"
    i = _ROMANS.index(last) if last in _ROMANS else -1
    return _ROMANS[i + 1] if 0 <= i < len(_ROMANS) - 1 else ""


def _next_letter(last: str | None) -> str:
    if last is None:
        return "A"
    return chr(ord(last) + 1) if len(last) == 1 and "A" <= last < "Z" else ""


class Sections:
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


def _opens_paragraph(text: str, lex: Lexicon) -> bool:
    head = text[:100]
    return bool(lex.operative_lead(head) or lex.preamble_lead(head))


def heading_gap(
    text: str,
    lo: int,
    hi: int,
    sections: Sections,
    *,
    preamble: bool,
    lex: Lexicon | None = None,
) -> tuple[int, str, str] | None:
    """A section heading standing between a paragraph's end and ``hi``.

    Returns (start of the heading in the stream, number, title).  A numbered
    heading ("II Action by ...", "B. Title") follows paragraph-ending
    punctuation; an unnumbered one is the text after the paragraph's last
    ";", ":" or "." (after the preamble: ",") when it looks like a heading;
    it may hold a colon itself ("Pillar I: measures to prevent ...", "Agenda 2063:
    The Africa We Want") unless what comes before the colon opens a paragraph.
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
    for breaks in ("", "\n"):  # headings on lines of their own ("Part I\nSection 1\n")
        cut = max(tail.rfind(c) for c in ends + breaks)
        gap = tail[cut + 1 :].strip(" \n")
        while cut > 0 and tail[cut] == ":":  # "Pillar I: measures to ...", "2063: The Africa"
            before = max(tail.rfind(c, 0, cut) for c in ends + breaks)
            longer = tail[before + 1 :].strip(" \n")
            whole = " ".join(longer.split())
            if not gap[:1].islower() and (
                not looks_like_heading(whole) or lex is None or _opens_paragraph(whole, lex)
            ):
                break
            cut, gap = before, longer
        while 0 <= cut < len(tail) - 1 and tail[cut + 1] in _CLOSERS:
            cut += 1
        gap = tail[cut + 1 :].strip(" \n")
        if gap and looks_like_heading(" ".join(gap.split())):
            start = lo + cut + 1
            while text[start] in " \n":
                start += 1
            return start, "", "\n".join(" ".join(ln.split()) for ln in gap.split("\n"))
    return None


# (start in the stream, number, title) of a section heading; a title of several lines
# ("Part I\nOverall policymaking …") is a run of headings
Head = tuple[int, str, str]
Region = tuple[int, int]  # a stretch of the stream


@dataclass
class Start:
    """Where an operative paragraph starts, and what stands before its number."""

    num_start: int
    text_start: int
    number: str
    head: Head | None = None  # a heading before it
    pre: Region | None = None  # preambular text between that heading and the number
    # sections before ``head`` without numbered paragraphs: heading and text
    earlier: list[tuple[Head, Region]] = field(default_factory=list)


def first_opener(text: str, lo: int, hi: int, lex: Lexicon) -> int | None:
    """Where the first paragraph after a section title opens: a known opener."""
    for m in P["word_start"].finditer(text, lo, hi):
        head = text[m.end() : m.end() + 100]
        if lex.preamble_lead(head) or lex.operative_lead(head):
            return m.end()
    return None


def _section_at(
    text: str, lo: int, hi: int, sections: Sections, lex: Lexicon, *, first: bool, later: bool
) -> tuple[list[Head], int] | None:
    """The next numbered heading in ``text[lo:hi]`` and where its first paragraph opens.

    The heading may come after an unnumbered one ("…; Conditions of service of
    staff A Base/floor salary scale Recalling …"): both are returned.
    """
    while lo < hi and text[lo] in " \n":
        lo += 1
    region = text[lo:hi]
    found = [(m.start("num"), 1, m) for m in P["section_start"].finditer(region)]
    found += [(m.start("num"), 0, m) for m in P["section_after_title"].finditer(region)]
    for _, plain, m in sorted(found, key=lambda f: (f[0], f[1])):
        num = m.group("num")
        at = lo + m.start("num")
        opens = m.start("num") if plain else m.start("title")
        if first and region[:opens].strip(" \n,"):
            continue  # before the first paragraph the heading opens the body
        after_comma = region[max(0, m.start() - 1) : m.start() + 1].strip(" \n")[-1:] == ","
        if plain and not first and after_comma and not (later and num in _ROMANS):
            continue
        if not sections.accepts(num):
            continue
        above = " ".join(m.group("title").split()) if not plain else ""
        if not plain and not looks_like_heading(above):
            continue
        k = first_opener(text, at + len(num), hi, lex)
        if k is None and later:  # a heading right before the number ("XXIV Title 1. Recalls")
            k = hi if looks_like_heading(" ".join(text[lo + m.end() : hi].split())) else None
        if k is None:
            return None
        title = " ".join(text[lo + m.end() : k].split())
        if not title or len(title) > _MAX_HEADING or ";" in title:
            continue
        heads: list[Head] = [(lo + m.start("title"), "", above)] if above else []
        return [*heads, (at, num, title)], k
    return None


def leading_sections(
    text: str, lo: int, hi: int, sections: Sections, lex: Lexicon, first: bool
) -> list[tuple[Head, Region]]:
    """Numbered headings, each followed by paragraphs without numbers, up to ``hi``.

    "…; II Activities of the Independent Audit Advisory Committee Recalling …,
    Having considered …, 1. Notes …": sections of a resolution can have a
    preamble of their own, and some hold no numbered paragraph at all ("III
    International Trade Centre Recalling …, Approves resources …, IV …").
    """
    out: list[tuple[Head, Region]] = []
    pos = lo
    while True:
        found = _section_at(text, pos, hi, sections, lex, first=first and not out, later=bool(out))
        if found is None:
            return out
        heads, k = found
        for head in heads:
            sections.take(head[1])
            if out:
                out[-1] = (out[-1][0], (out[-1][1][0], head[0]))
            out.append((head, (k, hi)))
        pos = k


def operative_starts(
    text: str, lo: int, hi: int, sections: Sections, lex: Lexicon
) -> list[Start]:
    """Each operative paragraph: its number in sequence, and a heading before it."""
    found: list[Start] = []
    expected = 1
    last_text = lo
    for m in P["op_number"].finditer(text, lo, hi):
        num = int(m.group("num"))
        if num not in (expected, 1) or m.start() < last_text:
            continue
        before = text[lo : m.start()] if not found else text[found[-1].text_start : m.start()]
        lead = leading_sections(text, last_text, m.start(), sections, lex, not found)
        if lead:
            *earlier, (head, pre) = lead
            found.append(Start(m.start(), m.end(), str(num), head, pre, earlier))
            last_text, expected = m.end(), num + 1
            continue
        gap = heading_gap(text, last_text, m.start(), sections, preamble=not found, lex=lex)
        boundary = m.start() == lo or ends_paragraph(before)
        if num != expected:  # numbering restarts only after a numbered heading
            if not (gap and gap[1] and found):
                continue
        elif not boundary and not gap:
            continue
        if gap:
            sections.take(gap[1])
        found.append(Start(m.start(), m.end(), str(num), gap))
        last_text, expected = m.end(), num + 1
    return found


def looks_like_heading(title: str) -> bool:
    """An unnumbered heading: short, capitalised, no sentence punctuation at its end."""
    return (
        len(title) <= _MAX_HEADING
        and title[:1].isupper()
        and title[-1:] not in _END_PUNCT
        and not P["label_inside"].search(f" {title} ")
    )
