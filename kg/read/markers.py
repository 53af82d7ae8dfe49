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

import itertools
from dataclasses import dataclass, field

from kg.read.patterns import P

_AFTER = ",;:.)]\u201d\u2019\"'"
_MAX_LOST = 3  # markers looked for between two found in sequence


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
            while j > 0 and text[j - 1].isalpha():
                j -= 1
            if j > 0 and (text[j - 1].isdigit() or text[j - 1] == "."):
                continue  # "H1N1", "U.N3"
            word = text[j:s]
            if P["roman_word"].fullmatch(word) and (j == 0 or text[j - 1] == " "):
                shape = "letter"  # "Protocol I6": a roman numeral takes no digits
            elif word.isupper():
                shape = "caps" if len(word) < 4 else "acronym"  # "G20" | "INTERPOL1"
            else:
                shape = "letter"
        elif prev in ",." and s >= 2 and text[s - 2].isdigit():
            if _number_goes_on(text, s, len(m.group("digits"))):
                continue  # "5.30", "1,000" (but "in 2021.9", "Sediments, 2004,117 and")
        elif prev == "." and (
            P["abbrev_before"].search(text[max(0, s - 8) : s])
            or P["dotted_name"].search(text[max(0, s - 40) : s])
            or "/" in text[text.rfind(" ", 0, s) + 1 : s]
        ):
            continue  # "No.5", "A/C.3", "GC.18/Res.9", "paragraph XI.6", "decision 10.b.2"
        if prev in ";:." and P["para_number_after"].match(text, m.end()):
            continue  # "respect;2. Also reaffirms"
        found[s] = _Cand(s, m.end(), s, int(m.group("digits")), shape)
    for m in P["marker_range"].finditer(text):  # "2014-20247": 2024 + marker 7
        s = m.start("digits")
        found.setdefault(s, _Cand(s, m.end(), s, int(m.group("digits")), "year"))
    for m in P["marker_year"].finditer(text):
        s = m.start("digits")
        found.setdefault(s, _Cand(s, m.end(), s, int(m.group("digits")), "year"))
    for m in P["marker_floating"].finditer(text):
        s = m.start("digits")
        before = text[: s - 2].rstrip()
        last = before.rsplit(" ", 1)[-1] if before else ""
        if last.isdigit() and len(last) <= 3 and P["number_list_after"].match(text, m.end()):
            continue  # "paragraphs 3, 4 and 5" (but "Agenda 21, 5" at its end is a marker)
        found.setdefault(s, _Cand(s - 1, m.end(), s - 1, int(m.group("digits")), "floating"))
    return [found[k] for k in sorted(found)]


def _number_goes_on(text: str, s: int, width: int) -> bool:
    """Digits at ``s`` continue the number before the "," or "." at ``s - 1``.

    "1,000" and "25,000" group thousands (at most three digits before the
    comma, three after); "5.30" and "1.2" are decimals.  A year before the
    mark is whole: "in 2021.9", "2004,117 and" end with a marker.
    """
    run = P["number_end"].search(text, max(0, s - 12), s - 1)
    digits = run.group(0) if run else ""
    if P["year"].fullmatch(digits) and (run is None or run.start() == 0 or
                                        not text[run.start() - 1].isdigit()):
        return False
    if text[s - 1] == ",":
        return width == 3 and len(digits) <= 3
    return True


def _hidden(text: str, lo: int, hi: int, value: int) -> _Cand | None:
    """A marker glued to the end of a number ("74/1673" = 74/167 + 3) in ``text[lo:hi]``.

    Of several places the likeliest wins: one where the number would be
    malformed with the marker ("2015-20303", "74/1673") over one where it
    reads as a number anyway ("71/243", "Agenda 216"); then the first.
    """
    digits = str(value)
    best: _Cand | None = None
    best_score = 0
    pos = text.find(digits, lo)
    while 0 <= pos < hi:
        end = pos + len(digits)
        before = text[pos - 1] if pos else ""
        after = text[end] if end < len(text) else ""
        token = text[max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1 : pos]
        number = P["number_end"].search(token)
        shaped = bool(P["symbol_or_range"].search(token)) or bool(
            number and len(number.group(0)) >= 2
        )  # "74/167" + 3, "2015-2030" + 6, "Agenda 21" + 6; never "16" = "1" + 6
        if before.isdigit() and shaped and (not after or after.isspace() or after in _AFTER):
            score = _malformed(token, number.group(0) if number else "", digits)
            if score > best_score:
                best, best_score = _Cand(pos, end, pos, value, "hidden"), score
        pos = text.find(digits, pos + 1)
    return best


def _malformed(token: str, number: str, marker: str) -> int:
    """2 when ``number`` + ``marker`` cannot be the printed number, 0 when it is a
    year, else 1.

    >>> _malformed("2015\u20132030", "2030", "3"), _malformed("74/167", "167", "3")
    (2, 2)
    >>> _malformed("71/24", "24", "3"), _malformed("21", "21", "6"), _malformed("201", "201", "9")
    (1, 1, 0)
    """
    whole = number + marker
    if P["year"].fullmatch(number) and len(whole) > 4:
        return 2  # a year and more: "20303", "197111"
    if token[: len(token) - len(number)].endswith("/") and len(whole) > 3:
        return 2  # resolution numbers have at most three digits: "74/1673"
    if P["year"].fullmatch(whole):
        return 0  # a year: "2019" is never "201" + 9
    return 1


def _accept_known(text: str, cands: list[_Cand], known: list[str]) -> list[_Cand]:
    numbers = sorted({int(k) for k in known if k.isdigit()})
    pending = list(numbers)  # markers not yet anchored, in order
    seen: set[int] = set()
    taken: list[_Cand] = []
    floating: dict[int, _Cand] = {}  # numbers standing alone, not due when met
    for c in cands:
        due = pending[0] if pending else None
        if c.value == due:
            ok = True
        elif c.value in seen:
            ok = c.shape in ("punct", "letter", "acronym", "year")
        elif c.value in pending and c.shape in ("punct", "letter", "acronym"):
            ok = pending.index(c.value) <= 2  # a marker lost in the text before
        else:  # a number standing alone ("nodules, 7 contractors") only when it is due
            ok = False
            if c.shape == "floating" and c.value in pending:
                floating[c.value] = c
        if not ok:
            continue
        if c.value in pending:
            lo = taken[-1].end if taken else 0
            for skipped in pending[: pending.index(c.value)]:
                # "74/1673": the lost marker is glued to a number, or it stood alone
                # ("Pathway, 14") while an earlier one was still missing
                lost = _hidden(text, lo, c.start, skipped) or floating.get(skipped)
                if lost is not None and lo <= lost.start < c.start:
                    taken.append(lost)
                    lo = lost.end
            seen.update(pending[: pending.index(c.value) + 1])
            del pending[: pending.index(c.value) + 1]
        taken.append(c)
    return taken


def _accept_unknown(text: str, cands: list[_Cand]) -> list[_Cand]:
    taken = [
        c
        for c in cands
        if 1 <= c.value <= 199 and c.shape in ("punct", "letter", "acronym", "year")
    ]
    # markers lost between two others in sequence ("…2, 5/13 and 5/64 …5"): look for
    # them, in order, glued to numbers or to short capitals ("the NPT5 and") between them
    values = {c.value for c in taken}
    caps = {(c.value, c.start): c for c in cands if c.shape == "caps"}
    firsts: dict[int, _Cand] = {}
    for c in taken:
        firsts.setdefault(c.value, c)
    order = sorted(firsts.values(), key=lambda c: c.start)
    for a, b in itertools.pairwise(order):
        lo = a.end
        for missing in range(a.value + 1, b.value) if b.value - a.value <= _MAX_LOST + 1 else ():
            hidden = _hidden(text, lo, b.start, missing) if missing not in values else None
            if hidden is None and missing not in values:
                hidden = next(
                    (c for (v, at), c in caps.items() if v == missing and lo <= at < b.start),
                    None,
                )
            if hidden is not None:
                taken.append(hidden)
                lo = hidden.end
    return sorted(taken, key=lambda c: c.start)


def strip_markers(text: str, known: list[str] | None) -> Marked:
    """Remove footnote markers from ``text``.

    ``known`` lists the markers that have bodies (PDF text); ``None`` when the
    source has no footnote bodies (flat text).
    """
    cands = _candidates(text)
    taken = _accept_known(text, cands, known) if known else _accept_unknown(text, cands)
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
