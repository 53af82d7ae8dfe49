"""Citations: references to resolutions, documents and treaties in a paragraph.

:func:`find_citations` works on one string; :func:`citations_for_document`
runs it over every paragraph and footnote of a document.  The patterns are
data in :mod:`kg.extract.citation_patterns` and ``kg/data/treaty_series.json``.

What is recognised
------------------
* **Resolutions**: a number after the keyword "resolution(s)" and the numbers
  that continue its list ("resolutions 61/183 of ... and 62/176"; a list ends
  at ``;``, ``:``, the end of a sentence, the next "resolution" keyword or a
  word that brings numbers of its own: "decision", "paragraph", "article",
  "table", "vol.", "No." ...).  Shapes: ``62/176``, ``1996/20``, ``S-20/2``,
  ``3014 (XXVII)``, ``217 A (III)``, ``1373 (2001)``; part letters are kept in
  the text but dropped from the target.  A token after the keyword that has a
  digit but none of these shapes ("resolution 2, annex") is kept with
  ``resolved=False`` and body ``"unknown"``.
* **Printed symbols**: ``E/2003/28/Rev.1``, ``A/61/208-S/2006/598``,
  ``A/CONF.157/24 (Part I)`` (kind ``"document"``; the target is the symbol
  without spaces); a printed resolution symbol (``A/RES/70/1``) is a
  resolution.  A document's ``body`` is the organ of its symbol series (A ->
  GA, E -> ECOSOC, S -> SecurityCouncil, A/HRC -> HRC), else ``"unknown"``.
* **Treaty Series**: "United Nations, Treaty Series, vol. 976, No. 14152" ->
  ``SingleConvention1961`` (kind ``"treaty-series"``, body ``"unknown"``);
  registrations outside the table give ``UNTS/<vol>/<no>``, unresolved.

Who issued a resolution (the ``body``), first rule that applies:

1. a body name right before the keyword: "Economic and Social Council
   resolution 1996/20", "Council resolution 2006/32", "Assembly resolution";
2. the nearest body name before the keyword *in the same clause* when only a
   connector stands between them ("by the Human Rights Council in its
   resolution 39/2", "the adoption, by the Commission on Narcotic Drugs on 14
   March 2008, of resolution 51/4", "Security Council resolutions, including
   resolutions ..."); see ``AGENT_GAPS``;
3. a report cited just before ("Supplement No. 53A (A/74/53/Add.1), chap.
   III, resolution 42/12" -> HRC; "Ibid., resolution 64/1" after the CND
   report E/2021/28 -> CND); see ``REPORT_ISSUERS``;
4. a body named right after the list ("resolutions 51/10 and 51/11 of the
   Commission on Narcotic Drugs");
5. otherwise ``context_body`` (the adopting body: "its resolution 60/178" in
   a GA resolution is GA's).
The number's shape then corrects what does not fit: ``N (YYYY)`` is always
the Security Council's, a year/number (``2006/32``) is ECOSOC's unless its
issuer numbers that way, a roman session above XXX is ECOSOC's; a bare
"Council" is ECOSOC for year/number and roman, the Security Council for
``N (YYYY)``, the Human Rights Council for session/number.

>>> for c in find_citations(
...     "Recalling its resolutions 61/183 and 62/176 and Economic and Social Council "
...     "resolution 2006/32 of 27 July 2006,"):
...     print(c.target, c.body, c.text, c.span)
A/RES/61/183 GA 61/183 (26, 32)
A/RES/62/176 GA 62/176 (37, 43)
E/RES/2006/32 ECOSOC 2006/32 (87, 94)
>>> [(c.target, c.kind) for c in find_citations("Treaty Series, vol. 976, No. 14152")]
[('SingleConvention1961', 'treaty-series')]
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from kg.extract import citation_patterns as P
from kg.model import Citation, Document

_ISSUER = {row[0]: row for row in P.ISSUERS}
_BODY = re.compile(r"\b(?:" + "|".join(f"(?P<{r[0]}>{r[4]})" for r in P.ISSUERS) + r")\b")
_SHAPES = tuple((name, re.compile(rx)) for name, rx, _ in P.NUMBER_SHAPES)
_CANDIDATE = re.compile(r"(?<![\w/.\-\u2011\u2013])(?:E?S" + P.HYPHEN + r"\d|\d)")
_ODD = re.compile(r"\s+(" + P.ODD_NUMBER + r")")
_TRIGGER = re.compile(r"\b[Rr]esolutions?\b")
_BREAKER = re.compile(
    r"\b(?:" + "|".join(rx for rx, _ in P.LIST_BREAKERS) + r")(?!\w)|\b[Rr]esolutions?\b"
)
_AGENT_GAPS = tuple(re.compile(rx) for _, rx, _ in P.AGENT_GAPS)
_ADOPTION_OF = re.compile(P.ADOPTION_OF)
_POSTMOD = re.compile(P.POSTMODIFIER.rstrip("$") + r"(?:" + _BODY.pattern + r")")
_SERIES = "|".join(sorted((s for s, _ in P.DOCUMENT_SERIES), key=len, reverse=True))
_SYMBOL = re.compile(
    r"(?<![\w/.\-])(?P<sym>(?:" + _SERIES + r")(?:/" + P.SYMBOL_COMPONENT + r")+"
    r"(?:" + P.SYMBOL_QUALIFIER + r"(?:/" + P.SYMBOL_COMPONENT + r")+)*)"
    r"(?P<qual>" + P.SYMBOL_QUALIFIER + r")?"
)
_PINPOINT = re.compile(P.PINPOINT)
_CONTINUES = re.compile(r"(?:,|\band|\bas\s+well\s+as|\bincluding|\bin\s+particular)\s*$")
_LIST_SEMICOLON = re.compile(r";\s*(?:and\s+)?(?:E?S" + P.HYPHEN + r")?\d+(?:/\d|\s\()")
_SC_YEAR = re.compile(r"\s?\((?:19|20)\d\d\)")
_SYMBOL_ISSUER = tuple((re.compile(rx), key) for rx, key, _ in P.SYMBOL_ISSUERS)
_REPORT_ISSUER = tuple((re.compile(rx), key) for rx, key, _ in P.REPORT_ISSUERS)
_REPORT_GAP = re.compile(r"\)?(?:,\s*(?:chap\.|sect\.|annex|part|vol\.)[^,;()]*)*,\s*")
_IBID_GAP = re.compile(r"\s*[Ii]bid\.,\s*(?:(?:chap\.|sect\.|annex|part)[^,;()]*,\s*)*")
_TREATY = re.compile(P.TREATY_SERIES)
_IBID_TREATY = re.compile(P.IBID_TREATY)
_BARE_IBID = re.compile(P.BARE_IBID)
_NUMBER_LIST = re.compile(r"\d+")
_ABBREV = frozenset(P.ABBREVIATIONS)
_QUOTED = re.compile('\u201c[^\u201d]{0,400}\u201d|"[^"]{0,400}"')
_SENTENCE_END = re.compile(r"[;:]|(?<=\w)\.(?=\s+[A-Z\u201c(\"])")
_WORD_CHAR = re.compile(r"[\w.]")  # what the word before a full stop is made of
_DOC_BODY = (
    ("A/HRC/", "HRC"),
    ("E/CN.7/", "CND"),
    ("E/CN.15/", "CCPCJ"),
    ("A/", "GA"),
    ("E/", "ECOSOC"),
    ("S/", "SecurityCouncil"),
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


@lru_cache(maxsize=1)
def treaty_table() -> dict[tuple[int | None, int], str]:
    """(volume or None, registration number) -> instrument id.

    >>> treaty_table()[(None, 14956)]
    'Convention1971'
    """
    data = json.loads(resources.files("kg.data").joinpath("treaty_series.json").read_text("utf-8"))
    return {(e["vol"], e["no"]): e["instrument"] for e in data["entries"]}


@dataclass(frozen=True)
class _Item:
    """A resolution number found in a list, before its issuer is settled."""

    start: int
    end: int
    shape: str
    groups: dict[str, str]
    issuer: str | None  # issuer key from the context, None for the default
    explicit: bool  # the issuer was named (rules 1-4), not defaulted


def find_citations(
    text: str,
    base: int = 0,
    context_body: str = "GA",
    *,
    previous: Sequence[Citation] = (),
) -> list[Citation]:
    """All citations in ``text``; spans are ``base`` + offsets into ``text``.

    ``context_body`` is the body that adopted the text (the issuer of "its
    resolution ..." and of bare numbers); ``previous`` are the citations of
    the previous footnote, which "Ibid." refers to.

    >>> [(c.target, c.body) for c in find_citations(
    ...     "Welcomes the adoption, by the Commission on Narcotic Drugs on 14 March 2008, "
    ...     "of resolution 51/4, by which")]
    [('CND/RES/51/4', 'CND')]
    >>> find_citations("paragraph 8 (a), tables I and II, 14 March 2008, 2030 Agenda")
    []
    """
    found: list[Citation] = []
    occupied: list[tuple[int, int]] = []
    for cit in _symbols(text) + _treaties(text, previous):
        found.append(cit)
        occupied.append(cit.span)
    documents = [c for c in found if c.kind == "document"]
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    ends = sorted(
        m.end()
        for m in _SENTENCE_END.finditer(text)
        if _is_boundary(text, m) and not _overlaps(m.span(), quoted)
    )
    bodies = list(_BODY.finditer(text))
    for item in _resolution_items(text, occupied, ends, bodies, documents, previous):
        found.append(_resolve(text, item, context_body, bodies))
    unique = {(c.span, c.target): c for c in found}
    return sorted(
        (replace(c, span=(c.span[0] + base, c.span[1] + base)) for c in unique.values()),
        key=lambda c: (c.span, c.target),
    )


def citations_for_document(doc: Document) -> dict[str, tuple[Citation, ...]]:
    """Citations per paragraph id; footnote citations go to every paragraph
    where the footnote's marker stands, with ``in_footnote`` set.

    A footnote that only says "Ibid." (or "Ibid., annex") cites again what
    the previous footnote cited; its citations have the span of "Ibid.".
    """
    body = doc.meta.body or "GA"
    out: dict[str, list[Citation]] = {}
    for p in doc.paragraphs:
        cits = find_citations(p.text, p.span[0], body)
        if cits:
            out.setdefault(p.id, []).extend(cits)
    previous: list[Citation] = []
    for fn in doc.footnotes:
        if fn.span is None or not fn.text:
            continue
        cits = find_citations(fn.text, fn.span[0], body, previous=previous)
        bare = _BARE_IBID.match(fn.text)
        if not cits and bare:
            s = fn.span[0] + bare.start("ibid")
            cits = [replace(c, span=(s, s + 5), text=bare.group("ibid")) for c in previous]
        cits = [replace(c, in_footnote=fn.marker) for c in cits]
        previous = cits
        anchors = [fn.paragraph, *(r.paragraph for r in fn.refs)]
        for pid in dict.fromkeys(a for a in anchors if a is not None):
            out.setdefault(pid, []).extend(cits)
    return {
        pid: tuple(sorted(dict.fromkeys(cits), key=lambda c: (c.span, c.target)))
        for pid, cits in out.items()
    }


# --- documents and treaties ---------------------------------------------------


_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


def _symbols(text: str) -> list[Citation]:
    out: list[Citation] = []
    for m in _SYMBOL.finditer(text):
        sym = m.group("sym")
        while sym.endswith(")") and sym.count(")") > sym.count("("):
            sym = sym[:-1]
        if not any(ch.isdigit() for ch in sym):
            continue
        end = m.start() + len(sym)
        if sym == m.group("sym") and m.group("qual"):
            end = m.end()
        elif sym.startswith("S/RES/") and (y := _SC_YEAR.match(text, end)):
            end = y.end()
        printed = text[m.start() : end]
        # a symbol is written with ASCII hyphens: typeset dashes (U+2010-2015,
        # non-breaking hyphen U+2011, minus U+2212) in joint symbols such as
        # "A/48/486<U+2011>S/26560" are the same character in the UN document system
        target = re.sub(r"\s+", "", printed).translate(_DASHES)
        issuer = next((key for rx, key in _SYMBOL_ISSUER if rx.search(target)), None)
        if issuer is not None:
            body = _ISSUER[issuer][1]
            out.append(Citation(target, body, printed, (m.start(), end), "resolution"))
        else:
            body = next((b for pre, b in _DOC_BODY if target.startswith(pre)), "unknown")
            out.append(Citation(target, body, printed, (m.start(), end), "document"))
    return out


def _treaties(text: str, previous: Sequence[Citation]) -> list[Citation]:
    out: list[Citation] = []
    league_before = any(c.target.startswith("LNTS/") for c in previous)
    for rx in (_TREATY, _IBID_TREATY):
        for m in rx.finditer(text):
            league = m.group("series") == "League of Nations" if rx is _TREATY else league_before
            vols = [int(v) for v in _NUMBER_LIST.findall(m.group("vols"))]
            nos = [int(n) for n in _NUMBER_LIST.findall(m.group("nos"))]
            pairs = (
                list(zip(vols, nos, strict=True))
                if len(vols) == len(nos)
                else [(v, n) for v in vols for n in nos]
            )
            for vol, no in pairs:
                out.append(_treaty(text, m, vol, no, league))
    return out


def _treaty(text: str, m: re.Match[str], vol: int, no: int, league: bool) -> Citation:
    span = (m.start(), m.end())
    table = treaty_table()
    instrument = None if league else table.get((vol, no), table.get((None, no)))
    if instrument is None:
        series = "LNTS" if league else "UNTS"
        return Citation(f"{series}/{vol}/{no}", "unknown", m.group(0), span, "treaty-series", False)
    return Citation(instrument, "unknown", m.group(0), span, "treaty-series")


# --- resolution lists -----------------------------------------------------------


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    """``:`` ends a clause; ``;`` unless a list of resolution numbers goes on
    after it ("52/214, sect. C; 55/222"); a full stop unless it ends an
    abbreviation."""
    if m.group(0) == ";":
        return not _LIST_SEMICOLON.match(text, m.start())
    if m.group(0) != ".":
        return True
    word = _word_before(text, m.start())
    return not (word and (word in _ABBREV or len(word) == 1))


def _word_before(text: str, end: int) -> str:
    """The run of word characters and dots that ends at ``end`` ("" if none).

    Found by walking back from ``end``: searching ``[\\w.]+$`` in ``text[:end]``
    backtracks over every earlier run of word characters and made a paragraph
    with long digit runs quadratic (50,000 digits took 50 s; see
    tests/test_hardening.py).

    >>> _word_before("see vol. 976", 7), _word_before("the end. The", 7), _word_before(" .", 1)
    ('vol', 'end', '')
    """
    start = end
    while start > 0 and _WORD_CHAR.match(text, start - 1):
        start -= 1
    return text[start:end]


def _clause(ends: list[int], pos: int) -> tuple[int, int]:
    """(start, end) of the clause around ``pos``."""
    i = bisect.bisect_right(ends, pos)
    return (ends[i - 1] if i else 0), (ends[i] if i < len(ends) else 1 << 60)


def _overlaps(span: tuple[int, int], occupied: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in occupied)


def _resolution_items(
    text: str,
    occupied: list[tuple[int, int]],
    ends: list[int],
    bodies: list[re.Match[str]],
    documents: list[Citation],
    previous: Sequence[Citation],
) -> list[_Item]:
    items: list[_Item] = []
    triggers = list(_TRIGGER.finditer(text))
    last: _Item | None = None  # last item of the previous list
    for i, trig in enumerate(triggers):
        start, stop = _clause(ends, trig.start())
        if i + 1 < len(triggers):
            stop = min(stop, triggers[i + 1].start())
        named = _issuer_before(text, trig.start(), start, bodies, documents, previous)
        issuer = named
        if named is None and last is not None and last.explicit and last.end >= start:
            issuer = _continued(text, last, trig.start())
        chain: list[_Item] = []
        pos = trig.end()
        for cand in _CANDIDATE.finditer(text, trig.end(), min(stop, len(text))):
            if cand.start() < pos:
                continue
            gap = text[pos : cand.start()]
            if chain:
                gap = _PINPOINT.sub(" ", gap)
            if (not chain and gap.strip()) or (chain and _BREAKER.search(_QUOTED.sub("", gap))):
                break
            shaped = _shape_at(text, cand.start())
            if shaped is None or _overlaps((cand.start(), shaped[1].end()), occupied):
                if not chain and shaped is None:
                    break  # first token has a digit but no shape: odd, below
                continue
            name, m = shaped
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            chain.append(_Item(m.start(), m.end(), name, groups, issuer, issuer is not None))
            pos = m.end()
        if not chain:
            odd = _ODD.match(text, trig.end())
            if odd and not _overlaps(odd.span(1), occupied):
                chain.append(_Item(odd.start(1), odd.end(1), "odd", {}, issuer, True))
        elif named is None and (post := _POSTMOD.match(text, chain[-1].end)):
            key = _name_key(text, post)
            chain = [replace(it, issuer=key, explicit=True) for it in chain]
        items.extend(chain)
        last = chain[-1] if chain else last
    return items


def _continued(text: str, last: _Item, pos: int) -> str | None:
    """Issuer of the previous list when a bare keyword continues it: "Human
    Rights Council resolution 42/15 of ... on the right to privacy in the
    digital age and resolutions 32/13 ..." (not after "its"/"their")."""
    gap = _QUOTED.sub("", text[last.end : pos])
    if len(gap) > 150 or _BREAKER.search(gap) or not _CONTINUES.search(gap):
        return None
    return last.issuer


def _shape_at(text: str, pos: int) -> tuple[str, re.Match[str]] | None:
    for name, rx in _SHAPES:
        m = rx.match(text, pos)
        if m and not (m.end() < len(text) and (text[m.end()].isalnum() or text[m.end()] == "/")):
            return name, m
    return None


def _issuer_before(
    text: str,
    pos: int,
    clause_start: int,
    bodies: list[re.Match[str]],
    documents: list[Citation],
    previous: Sequence[Citation],
) -> str | None:
    """Issuer key named before the keyword at ``pos`` (rules 1-3), else None."""
    before = [b for b in bodies if clause_start <= b.start() and b.end() <= pos]
    if before:
        b = before[-1]
        gap = text[b.end() : pos]
        if gap == " " or any(rx.fullmatch(gap) for rx in _AGENT_GAPS):
            return _name_key(text, b)
        if _ADOPTION_OF.search(text, clause_start, pos):
            return _name_key(text, b)
    docs = [d for d in documents if clause_start <= d.span[0] and d.span[1] <= pos]
    if docs and _REPORT_GAP.fullmatch(text, docs[-1].span[1], pos):
        return _report_issuer(docs[-1].target)
    if previous and _IBID_GAP.fullmatch(text[clause_start:pos]):
        for cit in previous:
            if cit.kind == "document" and (key := _report_issuer(cit.target)):
                return key
    return None


def _report_issuer(symbol: str) -> str | None:
    return next((key for rx, key in _REPORT_ISSUER if rx.search(symbol)), None)


def _name_key(text: str, b: re.Match[str]) -> str:
    """Issuer key of a body name; a bare "Commission" takes the nearest full
    commission name before it ("Council" is settled by the number's shape)."""
    key = b.lastgroup or "other"
    if key == "Commission":
        named = [m.lastgroup for m in _BODY.finditer(text, 0, b.start())]
        full = [k for k in named if k in ("CND", "CCPCJ", "CHR")]
        return full[-1] if full else "other"
    return key


# --- settling the issuer and the target -------------------------------------------


def _roman_value(roman: str) -> int:
    """Value of a plain roman numeral ("XXVII" -> 27); 0 for session prefixes.

    >>> _roman_value("XXVII"), _roman_value("S-IV")
    (27, 0)
    """
    if not roman.isalpha():
        return 0
    total = 0
    for ch, nxt in zip(roman, [*roman[1:], ""], strict=True):
        v = _ROMAN.get(ch, 0)
        total += -v if nxt and _ROMAN.get(nxt, 0) > v else v
    return total


def _number(item: _Item) -> str:
    """Normal form of the number without prefix: "62/176", "S-20/2", "3014(XXVII)"."""
    g = item.groups
    if item.shape == "special":
        return f"{g['ss']}-{g['a']}/{g['b']}"
    if item.shape == "roman":
        return f"{g['b']}({re.sub(P.HYPHEN, '-', g['roman']).upper()})"
    if item.shape == "scyear":
        return f"{g['b']}({g['year']})"
    if item.shape == "slash":
        return f"{int(g['a'])}/{int(g['b'])}"
    return ""


def _natural_issuer(item: _Item, issuer: str | None, context: str) -> str:
    """Settle the issuer from the number's shape when the context does not fit."""
    shape, g = item.shape, item.groups
    year_style = shape == "slash" and int(g["a"]) >= 1946
    if shape == "scyear":
        return "SecurityCouncil"
    if issuer == "Council":
        if year_style or shape == "roman":
            return "ECOSOC"
        return "HRC"
    if issuer is not None:
        return issuer
    key = context if context in _ISSUER else "GA"
    if year_style:
        return key if key in ("ECOSOC", "CHR") else "ECOSOC"
    if shape == "roman" and key == "GA" and _roman_value(g["roman"]) > 30:
        return "ECOSOC"
    if key in ("ECOSOC", "SecurityCouncil", "CHR"):
        key = "GA"  # session-style numbers are not theirs
    if key == "GA" and shape == "slash" and not 31 <= int(g["a"]) < 100:
        return "other"  # the GA numbers session/number from its 31st session (1976) on
    return key


def _resolve(text: str, item: _Item, context: str, bodies: list[re.Match[str]]) -> Citation:
    """The citation of one list item: the named issuer if the number fits
    it, else the issuer its shape and the context give, else unresolved."""
    printed = text[item.start : item.end]
    span = (item.start, item.end)
    if item.shape == "odd":
        return Citation(printed, "unknown", printed, span, "resolution", False)
    number = _number(item)
    year_style = item.shape == "slash" and int(item.groups["a"]) >= 1946
    tried = [_natural_issuer(item, item.issuer if item.explicit else None, context)]
    if item.explicit and _ISSUER[tried[0]][2]:  # a known series the number does not fit
        tried.append(_natural_issuer(item, None, context))
    for issuer in tried:
        _, body, template, shapes, _rx, _c = _ISSUER[issuer]
        fits = item.shape in shapes and (
            item.shape != "slash" or year_style == (issuer in ("ECOSOC", "CHR"))
        )
        if template and fits:
            target = template.format(num=number, **item.groups)
            return Citation(target, body, printed, span, "resolution")
    body = _ISSUER[tried[0]][1] or "unknown"
    return Citation(number, body, printed, span, "resolution", False)
