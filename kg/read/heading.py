"""Metadata of a text resolution: its heading block and closing line.

>>> m = metadata("Resolution adopted by the General Assembly on 18 December 2008 "
...     "[on the report of the Third Committee (A/63/432)] 63/197. International "
...     "cooperation against the world drug problem", "71st plenary meeting 18 December 2008",
...     formula_body="General Assembly")
>>> m.symbol, m.body, m.session, m.adopted, m.committee, m.committee_report, m.meeting
('A/RES/63/197', 'GA', '63', '2008-12-18', 'Third Committee', 'A/63/432', '71st plenary meeting')
>>> m.title
'International cooperation against the world drug problem'
"""

from __future__ import annotations

from kg.model import Metadata, Subject
from kg.read.patterns import P

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December",
        ],
        1,
    )
}
_BODY_IDS = {
    "general assembly": "GA",
    "economic and social council": "ECOSOC",
    "commission on narcotic drugs": "CND",
    "commission on crime prevention and criminal justice": "CCPCJ",
    "security council": "SecurityCouncil",
    "human rights council": "HRC",
}
_PREFIX = {"GA": "A/RES/", "ECOSOC": "E/RES/", "CND": "CND/RES/", "CCPCJ": "CCPCJ/RES/"}
_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}
_TENS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}


def iso_date(day: str, month: str, year: str) -> str | None:
    """'20', 'December', '2006' -> '2006-12-20'.

    >>> iso_date("2", "March", "2007")
    '2007-03-02'
    """
    m = _MONTHS.get(month)
    d = int(day)
    if not m or not 1 <= d <= 31:
        return None
    return f"{int(year):04d}-{m:02d}-{d:02d}"


def ordinal_words(words: str) -> int | None:
    """'Sixty-first' -> 61.

    >>> ordinal_words("Sixty-first"), ordinal_words("Seventy-fifth"), ordinal_words("Tenth")
    (61, 75, 10)
    """
    total = 0
    for part in words.lower().split("-"):
        if part in _UNITS:
            total += _UNITS[part]
        elif part in _TENS:
            total += _TENS[part]
        else:
            return None
    return total or None


def _roman(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(s):
        v = vals[ch]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total


def body_id(name: str | None) -> str | None:
    """Authority id of an adopting body named in the text."""
    if not name:
        return None
    return _BODY_IDS.get(" ".join(name.split()).lower())


def subjects(text: str) -> tuple[tuple[Subject, ...], str]:
    """Split a ``%%%A|B|C|`` header off ``text``: (subjects, rest of the text).

    >>> [s.label for s in subjects("%%%DRUG CONTROL|NARCOTIC DRUGS|\\nResolution")[0]]
    ['DRUG CONTROL', 'NARCOTIC DRUGS']
    """
    m = P["subjects_header"].match(text)
    if not m:
        return (), text
    labels = [" ".join(s.split()) for s in m.group("subjects").split("|")]
    seen: list[str] = []
    for label in labels:
        if label and label not in seen:
            seen.append(label)
    return tuple(Subject(label) for label in seen), text[m.end() :]


def _symbol(head: str, body: str) -> tuple[str | None, str | None]:
    """(symbol, title) from the heading block."""
    title_m = P["title_line"].search(head)
    title = None
    symbol = None
    if title_m:
        title = " ".join(head[title_m.start("title") :].split()) or None
        num = P["any_space"].sub("", title_m.group("num"))
        part = title_m.group("part") or title_m.group("part2")
        prefix = _PREFIX.get(body, "A/RES/")
        if body == "GA" and P["ecosoc_year_number"].fullmatch(num):
            prefix = "A/RES/"
        symbol = prefix + num + (f" {part}" if part else "")
    for name in ("un_symbol", "any_symbol"):
        m = P[name].search(head)
        if m:
            found = " ".join(m.group("sym").split())
            if symbol is None or found.replace(" ", "") != symbol.replace(" ", ""):
                symbol = found if symbol is None or name == "un_symbol" else symbol
            break
    return symbol, title


def _session(symbol: str | None, head: str) -> str | None:
    if symbol:
        m = P["symbol_ga_session"].match(symbol)
        if m:
            return m.group(1)
        m = P["symbol_roman_session"].match(symbol)
        if m:
            return str(_roman(m.group("r")))
    m = P["session_words"].search(head)
    if m:
        n = ordinal_words(m.group("words"))
        if n:
            return f"S-{n}" if m.group("special") else str(n)
    return None


def metadata(
    head: str,
    closing: str,
    *,
    formula_body: str | None = None,
    subject_list: tuple[Subject, ...] = (),
    title_end: str | None = None,
) -> Metadata | None:
    """Metadata from the heading block and closing; ``None`` without a symbol.

    ``title_end`` is where the title stops in ``head`` (the enacting formula
    follows it in flat text; in PDF text the heading ends with the title).
    """
    adopted_m = P["adopted_by"].search(head)
    body = body_id(formula_body) or body_id(adopted_m.group("body") if adopted_m else None)
    if body is None:
        body = "ECOSOC" if P["ecosoc_symbol"].search(head) else "GA"
    symbol, title = _symbol(head, body)
    if symbol is None:
        return None
    if title and title_end and title.endswith(title_end):
        title = title[: -len(title_end)].strip() or None
    adopted = None
    if adopted_m and adopted_m.group("day"):
        adopted = iso_date(*adopted_m.group("day", "month", "year"))
    meeting = None
    close_m = P["closing"].search(closing) if closing else None
    date_m = P["date"].search(closing) if closing else None
    if close_m:
        meeting = " ".join(close_m.group("meeting").split())
        adopted = adopted or iso_date(*close_m.group("day", "month", "year"))
    elif date_m:  # a closing without its meeting line
        adopted = adopted or iso_date(*date_m.group("day", "month", "year"))
    committee = report = draft = None
    rep = P["report_of"].search(head)
    if rep:
        committee = " ".join(rep.group("committee").split())
        report = rep.group("doc")
    wo = P["without_ref"].search(head)
    if wo:
        draft = wo.group("doc")
    agenda = P["agenda_item"].search(head)
    return Metadata(
        symbol=symbol,
        body=body,
        session=_session(symbol, head),
        adopted=adopted,
        title=title,
        agenda_item=" ".join(agenda.group("item").split()) if agenda else None,
        committee=committee,
        committee_report=report,
        meeting=meeting,
        draft=draft,
        subjects=subject_list,
    )
