"""Metadata of an Akoma Ntoso (AKN4UN) resolution: symbol, dates, committee, subjects.

Everything here reads the ``<meta>``, ``<coverPage>``, ``<preface>`` and
``<conclusions>`` of one document (a ``<statement>`` or, for resolutions
published in parts, the ``<documentCollection>`` and its first component).
Functions take lxml elements and never raise on odd input: a missing field
is ``None``.  Element names are matched by local name, so the AKN namespace
version does not matter.

>>> from lxml import etree
>>> symbol_from_number("75/198.")
'A/RES/75/198'
>>> symbol_from_number("S-32/1.")
'A/RES/S-32/1'
>>> subject_label("civil_society")
'CIVIL SOCIETY'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

from kg.model import Subject
from kg.read.assemble import clean_space

# FRBRauthor / TLCOrganization hrefs of adopting bodies -> authority ids.
BODY_IDS: dict[str, str] = {
    "ga": "GA",  # FRBRauthor href="ga" (General Assembly)
    "generalassembly": "GA",
    "ecosoc": "ECOSOC",
    "economicandsocialcouncil": "ECOSOC",
    "sc": "SecurityCouncil",
    "securitycouncil": "SecurityCouncil",
    "hrc": "HRC",
    "humanrightscouncil": "HRC",
}

# Symbol prefixes -> adopting body, used when the FRBRauthor is missing or unknown.
SYMBOL_BODIES: tuple[tuple[str, str], ...] = (
    ("A/HRC/RES/", "HRC"),
    ("A/RES/", "GA"),
    ("E/RES/", "ECOSOC"),
    ("S/RES/", "SecurityCouncil"),
)

# (name, pattern, comment) — patterns on cleaned metadata strings.
PATTERNS: dict[str, re.Pattern[str]] = {
    # preface docNumber: "75/198.", "S-32/1.", "ES-11/1."
    "number": re.compile(r"^((?:E?S-)?\d+/\d+(?: [A-Z](?:-[A-Z])?)?)\.?$"),
    # cover page "Agenda item 113", "Agenda items 20 and 57"
    "agenda": re.compile(r"^Agenda items?\s+(.+?)\.?$", re.IGNORECASE),
    # a document symbol at the start of a value: "A/75/481, para. 10" -> A/75/481,
    # "A/75/396/Add.1", "A/75/PV.46 (Resumption 1)", "A/75/L.107 (as amended in ...)"
    "symbol": re.compile(
        r"^([A-Z][A-Za-z0-9.-]*/[A-Za-z0-9./-]*\d[A-Za-z0-9./-]*(?: \(Resumption \d+\))?)"
    ),
}

# Classification dictionaries whose keywords are UNBIS Thesaurus concepts: in
# session 75 files "UNBIS Thesaurus" (with metadata.un.org IRIs); in 76-77 files
# "UNBIS" (SDG-mapped, with IRIs) and "UNBIS Thesaurus" (the Digital Library
# subject headings, without IRIs).  DHLAUTH (names), EuroVoc, SDGO are not subjects.
UNBIS = frozenset({"UNBIS Thesaurus", "UNBIS"})


_LOCAL: dict[str, str] = {}  # "{namespace}name" -> "name"


def local(el: etree._Element) -> str:
    """Local name of an element ("" for comments and processing instructions)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    name = _LOCAL.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1]
        if len(_LOCAL) < 4096:  # bounded: tag names come from the input
            _LOCAL[tag] = name
    return name


def find_all(root: etree._Element, name: str) -> Iterator[etree._Element]:
    """Descendants (and root) with local name ``name``, in document order."""
    for el in root.iter():
        if local(el) == name:
            yield el


def first(root: etree._Element | None, name: str) -> etree._Element | None:
    """First descendant with local name ``name`` or ``None``."""
    if root is None:
        return None
    return next(find_all(root, name), None)


def child(el: etree._Element | None, name: str) -> etree._Element | None:
    """First direct child with local name ``name``."""
    if el is None:
        return None
    for c in el:
        if local(c) == name:
            return c
    return None


def text_of(el: etree._Element | None) -> str:
    """All text inside ``el``, white space collapsed ("" for ``None``)."""
    if el is None:
        return ""
    return clean_space("".join(t for t in el.itertext() if isinstance(t, str)))


def symbol_from_number(number: str) -> str | None:
    """GA symbol from a preface number such as ``"75/198."`` (``None`` if odd)."""
    m = PATTERNS["number"].match(clean_space(number))
    return f"A/RES/{m.group(1)}" if m else None


def subject_label(show_as: str) -> str:
    """UN Digital Library style heading from an AKN ``showAs``."""
    return clean_space(show_as.replace("_", " ")).upper()


def subjects(meta: etree._Element | None) -> tuple[Subject, ...]:
    """UNBIS Thesaurus keywords as subjects, one per label, in document order.

    A label given both with and without an IRI keeps the IRI.
    """
    found: dict[str, str | None] = {}
    if meta is None:
        return ()
    for kw in find_all(meta, "keyword"):
        if (kw.get("dictionary") or "").strip() not in UNBIS:
            continue
        label = subject_label(kw.get("showAs") or kw.get("value") or "")
        if not label:
            continue
        iri = (kw.get("href") or "").strip() or None
        if found.get(label) is None:
            found[label] = iri
    return tuple(Subject(label, iri) for label, iri in found.items())


def _workflow(meta: etree._Element | None, outcome: str) -> str | None:
    """The document symbol of the first workflow step with ``outcome``."""
    for step in find_all(meta, "step") if meta is not None else ():
        if step.get("outcome") == outcome:
            m = PATTERNS["symbol"].match(clean_space(step.get("as") or ""))
            if m:
                return m.group(1)
    return None


def body_id(meta: etree._Element | None, symbol: str) -> str:
    """Authority id of the adopting body (FRBRauthor, else the symbol prefix)."""
    for author in find_all(meta, "FRBRauthor") if meta is not None else ():
        if author.get("as") in ("author", "issuer"):
            key = re.sub(r"[^a-z]", "", (author.get("href") or "").lower())
            if key in BODY_IDS:
                return BODY_IDS[key]
    for prefix, body in SYMBOL_BODIES:
        if symbol.startswith(prefix):
            return body
    return "unknown"


def session(cover: etree._Element | None) -> str | None:
    """Session number: ``"75"``, special session ``"S-32"``, emergency ``"ES-11"``."""
    el = first(cover, "session")
    if el is None:
        return None
    value = clean_space(el.get("value") or "")
    if not value.isdigit():
        return value or None
    words = text_of(el).lower()
    if "emergency special" in words:
        return f"ES-{value}"
    if "special" in words:
        return f"S-{value}"
    return value


def adoption_date(meta: etree._Element | None, conclusions: etree._Element | None) -> str | None:
    """ISO adoption date: FRBRdate name="adoption", else the closing docDate."""
    for d in find_all(meta, "FRBRdate") if meta is not None else ():
        if d.get("name") == "adoption" and _iso(d.get("date")):
            return d.get("date")
    el = first(conclusions, "docDate")
    if el is not None and _iso(el.get("date")):
        return el.get("date")
    return None


def _iso(value: str | None) -> bool:
    return bool(value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and value[:4] != "0001")


def agenda_item(cover: etree._Element | None) -> str | None:
    """``"113"`` from the cover page's "Agenda item 113"."""
    for el in find_all(cover, "inline") if cover is not None else ():
        if (el.get("name") or "").strip().lower() == "agenda item":
            m = PATTERNS["agenda"].match(text_of(el))
            if m:
                return m.group(1)
    return None


def committee(root: etree._Element, cover: etree._Element | None) -> tuple[str | None, str | None]:
    """(committee name, report symbol) from the cover page's docProponent."""
    prop = first(cover, "docProponent")
    if prop is None:
        return None, None
    ref = (prop.get("refersTo") or "").lstrip("#")
    name: str | None = None
    if ref and "committee" in ref.lower() and not ref.lower().startswith("nomain"):
        for term in find_all(root, "TLCTerm"):
            if term.get("eId") == ref:
                name = clean_space(term.get("showAs") or "") or None
                break
        if name is None:
            m = re.search(r"the (\w+ Committee)", text_of(prop))
            name = m.group(1) if m else None
    if name is None:
        return None, None
    report = None
    doc = first(prop, "inline")
    m = PATTERNS["symbol"].match(text_of(doc)) if doc is not None else None
    if m:
        report = m.group(1)
    return name, report


def meeting(conclusions: etree._Element | None) -> str | None:
    """``"46th plenary meeting"`` from the closing formula."""
    for el in find_all(conclusions, "inline") if conclusions is not None else ():
        if el.get("name") == "adoptionMeeting":
            return text_of(el) or None
    return None


def title(preface: etree._Element | None) -> str | None:
    """The resolution title (preface docTitle)."""
    titles = list(find_all(preface, "docTitle")) if preface is not None else []
    for t in titles:
        if (t.get("refersTo") or "") == "#resolutionTitle":
            return text_of(t) or None
    return text_of(titles[0]) or None if titles else None


def symbol(cover: etree._Element | None, prefaces: Iterable[etree._Element | None]) -> str | None:
    """Symbol from the cover page, else built from the preface number."""
    for el in find_all(cover, "docNumber") if cover is not None else ():
        value = text_of(el)
        if value.startswith(("A/", "E/", "S/")):
            return value
    for preface in prefaces:
        for el in find_all(preface, "docNumber") if preface is not None else ():
            built = symbol_from_number(text_of(el))
            if built:
                return built
    return None


def workflow(meta: etree._Element | None) -> tuple[str | None, str | None, str | None]:
    """(committee report, meeting record, draft) from the ``<workflow>`` steps."""
    return (
        _workflow(meta, "recommendedForAdoption"),
        _workflow(meta, "adopted"),
        _workflow(meta, "draftResolution"),
    )
