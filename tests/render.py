"""Test helper: render a Document (read from AKN) in the two TEXT shapes users bring.

The text readers (``kg.read.flat``, ``kg.read.pdftext``) can then be checked
against the AKN reading of the same resolution: read AKN, render, read the
rendering, compare.  The shapes copy the bundled seeds, quirks and all:

* :func:`render_flat` — like ``seeds/A_RES_63_197.txt``: a ``%%%SUBJECT|...|``
  header line, an empty line, then the whole resolution on ONE line ending
  with a space and no newline; footnote markers glued to the character
  before them ("2008,8 in which"), footnote bodies absent.  With
  ``drop_hyphens=True`` word-internal hyphens vanish as in that seed
  ("fortysixth", "SecretaryGeneral").
* :func:`render_pdf` — like ``seeds/A_RES_61_183.txt`` (text extracted from
  the official PDF): heading block (symbol, "Distr.: General", issue date,
  session, agenda item, job number), every non-empty line ending with a space,
  paragraphs hard-wrapped at ``width`` with a leading space on their first
  line and blank lines between them, line breaks after the hyphen of
  hyphenated words ("non-" / "governmental"), page breaks every
  ``page_lines`` lines with the page's footnote block (``_______________``
  then "N text" lines) and an extra leading space on the first line of the
  next page (the blank line before a paragraph that opens a page is lost),
  markers glued after words or punctuation ("Protocol,10", "session3") and
  every ``float_every``-th marker after a comma floating (", 4  the").
  ``running_header=True`` adds what later PDFs print and the 2006 seed lacks:
  a running header ("A/RES/75/198 International cooperation ...") on top of
  each following page and "job page/pages" at the foot of each page.

>>> from kg.model import Document, Footnote, Metadata, Paragraph
>>> meta = Metadata(symbol="A/RES/1/1", body="GA", adopted="2020-12-16", title="Drugs")
>>> p = Paragraph("op1", "operative", "1", None, None, None, "Urges", "Urges States, now.",
...               (0, 18), 1)
>>> note = Footnote("1", "A/1.", "op1", 13, None)
>>> doc = Document(meta, "Urges States, now.", (p,), footnotes=(note,))
>>> render_flat(doc).splitlines()
['%%%|', '', 'Resolution adopted by the General Assembly on 16 December 2020 1/1. Drugs \
The General Assembly, 1. Urges States,1 now. 16 December 2020 ']
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from kg.model import Document, Paragraph, Section

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_UNITS = ["zero", "first", "second", "third", "fourth",
          "fifth", "sixth", "seventh", "eighth", "ninth"]  # fmt: skip
_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
          "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TENS_ORD = ["", "", "twentieth", "thirtieth", "fortieth",
             "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"]  # fmt: skip
_WORD_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")
RULE = "_______________"
_OPEN, _CLOSE = "\x01", "\x02"  # marker sentinels while wrapping PDF lines
_SENTINEL = re.compile("\x01([^\x02]*)\x02")
_TIED = "\x03"  # a space the wrap never breaks: a floating marker stays with its word


def long_date(iso: str | None) -> str:
    """``"2020-12-16"`` -> ``"16 December 2020"`` ("" when unknown).

    >>> long_date("2006-12-20")
    '20 December 2006'
    """
    if not iso:
        return ""
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def ordinal_words(n: int) -> str:
    """``75`` -> ``"Seventy-fifth"`` (1..99).

    >>> ordinal_words(61), ordinal_words(20), ordinal_words(3)
    ('Sixty-first', 'Twentieth', 'Third')
    """
    if n < 10:
        word = _UNITS[n]
    elif n < 20:
        word = _TEENS[n - 10]
    elif n % 10 == 0:
        word = _TENS_ORD[n // 10]
    else:
        word = f"{_TENS[n // 10]}-{_UNITS[n % 10]}"
    return word[:1].upper() + word[1:]


def session_line(session: str | None) -> str:
    """Heading-block session line: "Seventy-fifth session", "Thirty-second special session"."""
    if not session:
        return ""
    m = re.fullmatch(r"(E?S-)?(\d+)", session)
    if not m or not 0 < int(m.group(2)) < 100:
        return f"{session} session"
    kind = {"S-": " special", "ES-": " emergency special"}.get(m.group(1) or "", "")
    return f"{ordinal_words(int(m.group(2)))}{kind} session"


def _number(doc: Document) -> str:
    """The printed resolution number: "A/RES/75/198" -> "75/198"; "75/101" for parts A-B."""
    number = doc.meta.symbol.split("/RES/", 1)[-1]
    return number.rsplit(" ", 1)[0] if part_letters(doc) else number


def _proponent(doc: Document) -> str:
    m = doc.meta
    if m.committee:
        report = f" ({m.committee_report})" if m.committee_report else ""
        return f"[on the report of the {m.committee}{report}]"
    if m.draft:
        return f"[without reference to a Main Committee ({m.draft})]"
    return ""


def _marked(doc: Document, p: Paragraph, floating: set[str] | None = None) -> str:
    """Paragraph text with its footnote markers put back where they stood.

    With ``floating`` (PDF shape) markers are wrapped in sentinels so that
    the lines they land on can be found after wrapping.
    """
    marks: list[tuple[int, str]] = []
    for fn in doc.footnotes:
        if fn.paragraph == p.id and fn.offset is not None:
            marks.append((fn.offset, fn.marker))
        marks.extend((r.offset, fn.marker) for r in fn.refs if r.paragraph == p.id)
    text = p.text
    for offset, marker in sorted(marks, reverse=True):
        shown = marker if floating is None else f"{_OPEN}{marker}{_CLOSE}"
        if floating is not None and marker in floating:
            text = f"{text[:offset]}{_TIED}{shown}  {text[offset:].lstrip()}"
        else:
            text = text[:offset] + shown + text[offset:]
    return text


def _prefix(p: Paragraph) -> str:
    if p.kind == "subparagraph":
        return f"{p.label} " if p.label else ""
    if p.kind == "operative" and p.number:
        return f"{p.number}. "
    return ""


def part_letters(doc: Document) -> list[str]:
    """Letters of a resolution published in parts ("A/RES/75/101 A-B" -> ["A", "B"]).

    Only when every paragraph id carries its part ("A.pp1", "B.op3"), as the
    AKN reader gives them for a ``<documentCollection>`` of statements.
    """
    m = re.search(r" ([A-Z])-([A-Z])$", doc.meta.symbol)
    if not m or not doc.paragraphs:
        return []
    letters = [chr(c) for c in range(ord(m.group(1)), ord(m.group(2)) + 1)]
    if not all(p.id.split(".", 1)[0] in letters for p in doc.paragraphs):
        return []
    return letters


def _body(doc: Document) -> list[tuple[str, str]]:
    """(kind, text) blocks in reading order: "head" for section lines, "para" for paragraphs.

    In a resolution published in parts, each part opens with ("part", letter),
    its title as a "head" (when it has one) and ("formula", ...), and closes
    with ("closing", ...): every part is printed as a resolution of its own.
    """
    out: list[tuple[str, str]] = []
    sections = sorted(doc.sections, key=lambda s: s.span[0])
    paras = sorted(doc.paragraphs, key=lambda p: p.span[0])
    letters = part_letters(doc)
    opened: list[str] = []

    def head(s: Section, next_id: str | None) -> None:
        letter = next_id.split(".", 1)[0] if next_id else None
        if s.number in letters and s.number == letter and s.number not in opened:
            if opened:
                out.append(("closing", ""))
            opened.append(s.number)
            out.append(("part", s.number))
            if s.title:
                out.append(("head", s.title))
            out.append(("formula", FORMULA))
            return
        out.extend(("head", t) for t in (s.number, s.title) if t)

    i = 0
    for p in paras:
        while i < len(sections) and sections[i].span[0] < p.span[0]:
            head(sections[i], p.id)
            i += 1
        out.append(("para", p.id))
    for s in sections[i:]:
        head(s, None)
    if opened:
        out.append(("closing", ""))
    return out


FORMULA = "The General Assembly,"


def _closing(doc: Document) -> list[str]:
    """The closing lines: meeting ("46th plenary meeting", when known) and date."""
    return [x for x in (doc.meta.meeting or "", long_date(doc.meta.adopted)) if x]


def _adopted_line(doc: Document, dated: bool = True) -> str:
    """The line "Resolution adopted by the General Assembly on 16 December 2020".

    "Resolutions adopted ..." for a resolution published in parts.
    """
    noun = "Resolutions" if part_letters(doc) else "Resolution"
    date = f" on {long_date(doc.meta.adopted)}" if dated and doc.meta.adopted else ""
    return f"{noun} adopted by the General Assembly{date}"


def render_flat(doc: Document, *, drop_hyphens: bool = False) -> str:
    """The one-line flat shape of ``seeds/A_RES_63_197.txt`` (see the module doc)."""
    m = doc.meta
    words = [_adopted_line(doc), _proponent(doc), f"{_number(doc)}. {m.title or ''}".strip()]
    if not part_letters(doc):
        words.append(FORMULA)
    for kind, value in _body(doc):
        if kind == "para":
            p = doc.paragraph(value)
            words.append(_prefix(p) + _marked(doc, p))
        elif kind == "closing":
            words += _closing(doc)
        else:
            words.append(value)
    if not part_letters(doc):
        words += _closing(doc)
    line = " ".join(w for w in words if w) + " "
    if drop_hyphens:
        line = _WORD_HYPHEN.sub("", line)
    header = "%%%" + "".join(f"{s.label}|" for s in m.subjects) + "|" * (not m.subjects)
    return f"{header}\n\n{line}"


def wrap(text: str, width: int, first_indent: str = " ") -> list[str]:
    """Greedy wrap at ``width``; a word too long for the line may break after a hyphen.

    >>> wrap("civil society, including non-governmental organizations", 30)
    [' civil society, including non-', 'governmental organizations']
    """
    lines: list[str] = []
    line = first_indent
    for word in text.split(" "):
        while True:
            sep = "" if line.strip() == "" else " "
            if len(line) + len(sep) + len(word) <= width or not line.strip():
                line += sep + word
                break
            room = width - len(line) - len(sep)
            cut = word.rfind("-", 0, room) if room > 1 else -1
            if cut > 0 and word[cut + 1 : cut + 2].isalpha():
                lines.append(line + sep + word[: cut + 1])
                word = word[cut + 1 :]
            else:
                lines.append(line)
            line = ""
    if line.strip():
        lines.append(line)
    return lines


def job_number(doc: Document) -> str:
    """A stable made-up job number such as ``"20-17436"`` (year of adoption, 5 digits)."""
    year = (doc.meta.adopted or "2000")[2:4]
    digest = int(hashlib.sha256(doc.meta.symbol.encode()).hexdigest(), 16)
    return f"{year}-{10000 + digest % 90000}"


def render_pdf(
    doc: Document,
    *,
    width: int = 86,
    page_lines: int = 50,
    float_every: int = 4,
    running_header: bool = True,
    heading_date: bool = True,
    issued: str | None = None,
    job: str | None = None,
) -> str:
    """The PDF-text shape of ``seeds/A_RES_61_183.txt`` (see the module doc)."""
    m = doc.meta
    job = job or job_number(doc)
    floating = _floating(doc, float_every)
    head = ["", f" United Nations {m.symbol}", "", " ", "", "General Assembly Distr.: General"]
    head += [long_date(issued or m.adopted), ""]
    head += [
        x for x in (session_line(m.session), m.agenda_item and f"Agenda item {m.agenda_item}") if x
    ]
    head += ["", " ", "", job, ""]
    head += [_adopted_line(doc, heading_date), ""]
    if _proponent(doc):
        head += [_proponent(doc), ""]
    head += [f"{_number(doc)}. {m.title or ''}".rstrip(), " ", " ", ""]
    parts = bool(part_letters(doc))
    if not parts:
        head.append(f" {FORMULA}")
    # body: list of (line, markers first seen on it); "" is a blank line
    lines: list[tuple[str, list[str]]] = [(x, []) for x in head]
    for kind, value in _body(doc):
        if kind == "closing":
            lines += [("", []), (" ", []), ("", [])] + [(x, []) for x in _closing(doc)]
            continue
        lines.append(("", []))
        if kind == "formula":
            lines.append((f" {value}", []))
            continue
        if kind in ("head", "part"):
            lines.append((value, []))
            continue
        p = doc.paragraph(value)
        for ln in wrap(_prefix(p) + _marked(doc, p, floating), width):
            ln = ln.replace(_TIED, " ")
            lines.append((_SENTINEL.sub(r"\1", ln), _SENTINEL.findall(ln)))
    if not parts:
        lines += [("", []), (" ", []), ("", [])] + [(x, []) for x in _closing(doc)]
    return _paginate(doc, lines, page_lines, running_header, job)


def _floating(doc: Document, every: int) -> set[str]:
    """Markers that float (", 4  the"): every ``every``-th marker standing after a comma."""
    if every <= 0:
        return set()
    after_comma = []
    for fn in doc.footnotes:
        if fn.paragraph and fn.offset:
            text = doc.paragraph(fn.paragraph).text
            if text[fn.offset - 1 : fn.offset] == ",":
                after_comma.append(fn.marker)
    return set(after_comma[every - 1 :: every])


def _paginate(
    doc: Document, lines: list[tuple[str, list[str]]], page_lines: int, header: bool, job: str
) -> str:
    bodies = {fn.marker: fn.text for fn in doc.footnotes if fn.text}
    pages: list[list[tuple[str, list[str]]]] = [
        lines[i : i + page_lines] for i in range(0, len(lines), page_lines)
    ]
    total = len(pages)
    out: list[str] = []
    printed: set[str] = set()
    for n, page in enumerate(pages, 1):
        if n > 1:
            if header:
                top = f"{doc.meta.symbol} {doc.meta.title or ''}".rstrip()
                out += [top if n % 2 == 0 else f"{doc.meta.title or ''} {doc.meta.symbol}", ""]
            while page and page[0][0] == "":
                page = page[1:]
            if page:
                page = [(" " + page[0][0], page[0][1]), *page[1:]]
        out += [ln for ln, _ in page]
        notes = [mk for _, mks in page for mk in mks if mk in bodies and mk not in printed]
        if notes:
            out += ["", RULE]
            for mk in dict.fromkeys(notes):
                printed.add(mk)
                out += wrap(f"{mk} {bodies[mk]}", 100, first_indent="")
        if header:
            out += ["", f"{job} {n}/{total}" if n % 2 else f"{n}/{total} {job}"]
    text = "\n".join(f"{ln.rstrip()} " if ln.strip() else ln for ln in out)
    return text + "\n\n\n"
