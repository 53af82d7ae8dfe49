"""Read a resolution given as text extracted from its PDF.

PDF text is hard-wrapped (about 90 characters a line) and carries the page
furniture of the printed document: the first-page heading block, running
headers ("A/RES/61/183", alone or with the title), page numbers ("2",
"2/20"), job numbers ("06-50541", "20-17436 (E) 281220") and barcodes
("*2017436*").  Footnote bodies stand in a block after a "_______" rule at
the foot of each page, and run to the page's end; their markers are glued
into the prose ("Declaration,1", "197111", "Protocol, 10 the").

The reader drops the furniture, collects the footnote bodies, rejoins
words split at line ends ("non-\\ngovernmental" keeps its hyphen,
"sustain-\\nable" does not), joins paragraphs that continue across a page
break, and hands the prose to :mod:`kg.read.segment`.

>>> from kg.sample import sample_paths
>>> doc = read_pdftext(sample_paths()[0].read_text(encoding="utf-8"), "61_183.txt", "0")
>>> doc.meta.symbol, len(doc.preambular), len(doc.operative), len(doc.footnotes)
('A/RES/61/183', 10, 38, 18)
>>> doc.footnotes[9].text, doc.footnotes[9].paragraph
('United Nations, Treaty Series, vol. 976, No. 14152.', 'op3')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.errors import ReadError
from kg.model import Document
from kg.read.assemble import FootnoteDraft
from kg.read.flat import build, normalise
from kg.read.heading import subjects
from kg.read.lexicon import Lexicon, load
from kg.read.markers import strip_markers
from kg.read.patterns import P, is_furniture

_PAGE = "\f"
_SUSPENDED = frozenset({"and", "or", "nor", "to"})
_GLUE = ",;:)]\u201d\u2019\"'"  # what a footnote marker may follow
# Two or more blank lines (spaces and tabs only) in a row read as one: they are
# collapsed before the lines are walked, so that a file padded with millions of
# empty lines is not turned into millions of line records (50 MB of newlines
# took 86 s and 4 GB; see tests/test_hardening.py).
_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n){2,}")
# _join_words reads the last word of the text joined so far within its last 100
# characters: a few more are all that join_lines and _note_text keep at hand.
_TAIL = 200


@dataclass
class _Line:
    text: str  # stripped
    gap: str  # what stood before it: "none" | "blank" | "page"
    indent: bool  # the source line started with white space


@dataclass
class _Note:
    marker: str
    lines: list[str] = field(default_factory=list)


def _note_goes_on(note: _Note, line: str, indented: bool) -> bool:
    """Whether ``line`` continues the footnote ``note`` rather than the body text.

    The lines of a footnote block are never indented; the body text that
    follows it on the next page is (its first line carries the paragraph
    indent, or the page's).
    """
    return bool(note.lines) and not indented


def _split_pages(text: str) -> Iterator[tuple[str, bool]]:
    """Source lines as (line, page break before it); runs of blank lines as one.

    >>> list(_split_pages("a\\n\\n \\n\\t\\nb\\fc"))
    [('a', False), ('', False), ('b', False), ('c', True)]
    """
    brk = False
    text = _BLANK_RUN.sub("\n\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    for raw in text.split("\n"):
        pieces = raw.split(_PAGE)
        for i, piece in enumerate(pieces):
            if i:
                brk = True
            if piece.strip() or i == len(pieces) - 1:
                yield piece, brk
                brk = False


def _layout(text: str) -> tuple[list[_Line], list[_Note], list[str]]:
    """Body lines (furniture and footnote blocks removed) and footnote bodies."""
    body: list[_Line] = []
    notes: list[_Note] = []
    warnings: list[str] = []
    gap = "none"
    in_notes = False
    current: _Note | None = None
    for raw, page_break in _split_pages(text):
        if page_break:
            in_notes, gap = False, "page"
        s = " ".join(raw.split())
        if not s:
            if gap == "none":
                gap = "blank"
            continue
        if P["rule"].fullmatch(s):
            in_notes, current, gap = True, None, "page"
            continue
        if is_furniture(s):
            in_notes, gap = False, "page"
            continue
        if in_notes:
            m = P["note_start"].fullmatch(s)
            last = int(notes[-1].marker) if notes else 0
            if m and last < int(m.group("marker")) <= last + 3:
                current = _Note(m.group("marker"), [m.group("text")])
                notes.append(current)
                continue
            if P["note_star"].fullmatch(s):
                current = None  # "* Reissued for technical reasons ..."
                continue
            if current is not None and _note_goes_on(current, s, raw[:1].isspace()):
                current.lines.append(s)
                continue
            in_notes, gap = False, "page"
        s = P["floating_spaced"].sub(r"\g<digits> ", raw.strip()).strip()
        s = " ".join(s.split())
        lone = P["floating_line_start"].match(raw.strip())
        if lone and body and gap == "none" and body[-1].text[-1:] in _GLUE:
            body[-1].text += lone.group("digits")  # "…Outcome,\n2  addressing": the marker
            s = " ".join(raw.strip()[lone.end() :].split())  # belongs to the line before
        body.append(_Line(s, gap, raw[:1].isspace()))
        gap = "none"
    return body, notes, warnings


def _join_words(left: str, right: str, lex: Lexicon) -> str | None:
    """``left`` ends with a hyphen: the joined text, or None to keep a space."""
    m = P["hyphen_end"].search(left, max(0, len(left) - 100))  # the last word only
    w = P["first_word"].match(right)
    if not m or not w or w.group("right") in _SUSPENDED:
        return None  # "troop- and police-contributing": a suspended hyphen keeps its space
    if lex.keeps_hyphen(m.group("left"), w.group("right")):
        return left + right
    return left[:-1] + right


def _heading_like(line: str) -> bool:
    return len(line) <= 120 and line[:1].isupper() and line[-1:] not in ";:.,"


def _ends_para(line: str) -> bool:
    line = P["trailing_marker"].sub("", line)  # "years, 4": a floating footnote marker
    return line.rstrip("\u201d\u2019\"')]")[-1:] in ";:.,"


def join_lines(lines: list[_Line], lex: Lexicon) -> str:
    """One prose stream; ``"\\n"`` where a paragraph break shows.

    A break shows as a blank line or an indented first line after a line
    that ends like a paragraph; across a page break (the first line of a page
    is indented anyway) only when the next line opens a paragraph ("12.",
    "(a)", "Recalling"); text with unwrapped lines (one paragraph a line)
    breaks at every line end.

    The stream is kept as pieces joined once at the end, and a word split at
    a line end is decided on its last characters (as in :func:`_note_text`):
    joining each hyphenated line to the whole stream copied it every time.
    """
    lengths = sorted(len(ln.text) for ln in lines)
    unwrapped = bool(lengths) and lengths[len(lengths) // 2] > 150
    pieces: list[str] = []
    tail = ""  # the last _TAIL characters of the stream so far
    prev = ""
    for ln in lines:
        s = ln.text
        if not tail:
            pieces, tail, prev = [s], s[-_TAIL:], s
            continue
        if tail.endswith("-") and (ln.gap != "blank" or s[:1].islower()):
            joined = _join_words(tail, s, lex)
            if joined is not None:
                if len(joined) < len(tail) + len(s):  # the hyphen was a line-end break
                    pieces[-1] = pieces[-1][:-1]
                pieces.append(s)
                tail, prev = joined[-_TAIL:], s
                continue
        if s[:1].islower():
            brk = False
        elif ln.gap == "none":
            brk = _ends_para(prev) and (
                ln.indent or unwrapped or bool(P["para_start"].match(s)) or _opener(s, lex)
            )
        elif ln.gap == "page":  # the first line of a page is indented anyway
            brk = _ends_para(prev) and (
                bool(P["para_start"].match(s) or P["opener_general"].match(s)) or _opener(s, lex)
            )
        elif _ends_para(prev):
            brk = True
        else:
            brk = ln.gap == "blank" and _heading_like(prev)
        sep = "\n" if brk else " "
        pieces += (sep, s)
        tail = (tail + sep + s)[-_TAIL:]
        prev = s
    return "".join(pieces)


def _opener(line: str, lex: Lexicon) -> bool:
    head = line[:100]
    return bool(lex.preamble_lead(head) or lex.operative_lead(head))


def _note_text(note: _Note, lex: Lexicon) -> str:
    """The lines of a footnote as one text, words split at line ends joined again.

    The text is kept as pieces joined once at the end (adding each line to one
    string copied it every time: a footnote followed by 1.6 million short lines
    took 300 s; see tests/test_hardening.py); a word split at a line end is
    decided on the last characters only, all that :func:`_join_words` reads.

    >>> _note_text(_Note("1", ["See the non-", "governmental and sustain-", "able work."]), load())
    'See the non-governmental and sustainable work.'
    """
    pieces: list[str] = []  # lines, and the " " between those not joined
    tail = ""  # the last _TAIL characters of the text so far
    for line in note.lines:
        if tail.endswith("-"):
            joined = _join_words(tail, line, lex)
            if joined is not None:
                if len(joined) < len(tail) + len(line):  # the hyphen was a line-end break
                    pieces[-1] = pieces[-1][:-1]
                pieces.append(line)
                tail = joined[-_TAIL:]
                continue
        if pieces:
            pieces.append(" ")
        pieces.append(line)
        tail = (f"{tail} {line}" if tail else line)[-_TAIL:]
    return " ".join("".join(pieces).split())


def read_pdftext(text: str, source: str, sha256: str) -> Document:
    """Read PDF-extracted text (see the module docstring) into a Document."""
    try:
        lex = load()
        subject_list, rest = subjects(text)
        lines, notes, warnings = _layout(rest)
        stream_text = normalise(join_lines(lines, lex), keep_breaks=True)
        markers = [n.marker for n in notes]
        stream = strip_markers(stream_text, known=markers or None)
        formula = P["formula"].search(rest)
        head = " ".join(rest[: formula.start()].split()) if formula else None
        drafts = [FootnoteDraft(n.marker, _note_text(n, lex)) for n in notes]
        return build(
            stream,
            head=head,
            subject_list=subject_list,
            notes=drafts,
            source=source,
            sha256=sha256,
            fmt="pdf",
            warnings=warnings,
            layout=True,
        )
    except ReadError:
        raise
    except (ValueError, IndexError, KeyError, RecursionError) as exc:  # pragma: no cover
        raise ReadError(f"internal error while reading PDF text: {exc!r}", path=source) from None
