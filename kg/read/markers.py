"""Find footnote markers in prose, remove them and remember where they stood.

Printed footnote markers are superscripts; in text renderings they come out
glued to the word or number before them ("Declaration,1", "Outcome2",
"197111" = 1971 + marker 11, "1988;12") or floating ("Drugs, 4  the").

* With footnote bodies (PDF text) the set of markers is known and they first
  appear in increasing order, so a candidate is taken when it is the next
  marker due, or a marker already seen (a repeated note, "Plan5").
* Without bodies (flat text) only the unambiguous glued shapes are taken.

Numbers that are real stay: "resolution 60/178", "14 March 2008",
"tables I and II", "COVID-19", "1,000", "5.30 p.m.", "G20".

>>> s = strip_markers("the Declaration,1 the Outcome2 addressing", known=["1", "2"])
>>> s.text, s.markers
('the Declaration, the Outcome addressing', [(16, '1'), (28, '2')])
>>> strip_markers("of 197111 and of 1988;12 and", known=["11", "12"]).text
'of 1971 and of 1988; and'
>>> strip_markers("resolution 51/4,8 by which, COVID-19 and 1,000 people", known=None).markers
[(16, '8')]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.read.patterns import P


@dataclass
class Marked:
    """Text with markers removed; ``markers`` are (offset in ``text``, marker)."""

    text: str
    markers: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Cand:
    start: int  # first character removed
    end: int  # end of the removed characters
    at: int  # where the marker stood (position in the original text)
    value: int
    shape: str  # "punct" | "letter" | "caps" | "year" | "floating"


def _candidates(text: str) -> list[_Cand]:
    found: dict[int, _Cand] = {}
    for m in P["marker_glued"].finditer(text):
        s = m.start("digits")
        prev = text[s - 1]
        shape = "punct"
        if prev.isalpha():
            j = s
            while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "(“\"‘'[":
                j -= 1
            word = text[j:s]
            if any(c.isdigit() for c in word) or not word.isalpha():
                continue  # "H1N1", "A/C.3"
            shape = "caps" if word.isupper() else "letter"
        elif prev in ",." and s >= 2 and text[s - 2].isdigit():
            if prev == "." or len(m.group("digits")) == 3:
                continue  # "5.30", "1,000"
        elif prev == "." and P["abbrev_before"].search(text[max(0, s - 8) : s]):
            continue  # "No.5"
        if prev in ";:." and P["para_number_after"].match(text, m.end()):
            continue  # "respect;2. Also reaffirms"
        found[s] = _Cand(s, m.end(), s, int(m.group("digits")), shape)
    for m in P["marker_year"].finditer(text):
        s = m.start("digits")
        found.setdefault(s, _Cand(s, m.end(), s, int(m.group("digits")), "year"))
    for m in P["marker_floating"].finditer(text):
        s = m.start("digits")
        before = text[: s - 2].rstrip()
        last = before.rsplit(" ", 1)[-1] if before else ""
        if last.isdigit() and len(last) <= 3:
            continue  # "paragraphs 3, 4 and 5" (but "June 2006, 16  in" is a marker)
        found.setdefault(s, _Cand(s - 1, m.end(), s - 1, int(m.group("digits")), "floating"))
    return [found[k] for k in sorted(found)]


def _accept_known(cands: list[_Cand], known: list[str]) -> list[_Cand]:
    numbers = sorted({int(k) for k in known if k.isdigit()})
    pending = list(numbers)  # markers not yet anchored, in order
    seen: set[int] = set()
    taken: list[_Cand] = []
    for c in cands:
        due = pending[0] if pending else None
        if c.value == due:
            ok = True
        elif c.value in seen:
            ok = c.shape in ("punct", "letter", "year", "floating")
        elif c.value in pending and c.shape in ("punct", "letter"):
            ok = pending.index(c.value) <= 2  # a marker lost in the text before
        else:
            ok = False
        if ok:
            taken.append(c)
            if c.value in pending:
                for skipped in pending[: pending.index(c.value) + 1]:
                    seen.add(skipped)
                del pending[: pending.index(c.value) + 1]
    return taken


def _accept_unknown(cands: list[_Cand]) -> list[_Cand]:
    return [
        c
        for c in cands
        if 1 <= c.value <= 199 and c.shape in ("punct", "letter", "year")
    ]


def strip_markers(text: str, known: list[str] | None) -> Marked:
    """Remove footnote markers from ``text``.

    ``known`` lists the markers that have bodies (PDF text); ``None`` when the
    source has no footnote bodies (flat text).
    """
    cands = _candidates(text)
    taken = _accept_known(cands, known) if known else _accept_unknown(cands)
    out: list[str] = []
    markers: list[tuple[int, str]] = []
    pos = 0
    length = 0
    for c in taken:
        if c.start < pos:
            continue
        out.append(text[pos : c.start])
        length += c.start - pos
        markers.append((length, str(c.value)))
        pos = c.end
    out.append(text[pos:])
    return Marked("".join(out), markers)
