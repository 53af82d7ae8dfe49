"""The authority registry: bodies, instruments, initiatives and actor groups.

Data: ``kg/data/authority.jsonl``, one JSON object per line, sorted by ``id``
(no comments, no blank lines).  Fields:

``id``
    the fixed vocabulary id of the brief (``"INCB"``, ``"Convention1988"``).
``type``
    ``"body"`` | ``"instrument"`` | ``"initiative"`` | ``"actor"``.
``label``
    preferred English label.
``aliases``
    full names as printed, historical names included; matched
    case-insensitively (case-sensitively when ``match_case`` is true).  A
    hyphen in a name also matches no hyphen ("Secretary-General" finds the
    flat "SecretaryGeneral") or a hyphen and a space (a PDF line break); a
    space matches any run of white space; ``'`` and ``"`` match their curly
    forms.  Aliases never start with an article.
``acronyms``
    matched case-sensitively ("WHO" but not "who").
``short_forms``
    anaphoric forms, each starting with "the " ("the Board"); they are only
    mentions when :mod:`kg.extract.mentions` finds an antecedent.
``links``
    ``{"wikidata": "Q…"}`` and ``{"unts": {"volume": V, "number": N}}``
    (United Nations Treaty Series), only where sourced.
``predecessor`` / ``successor`` / ``part_of`` / ``amends`` / ``amended_via`` / ``members``
    lists of ids (optional).  ``members`` makes the entry a collective name
    ("the three international drug control conventions"): a match is
    reported as one mention of every member, never of the entry itself.
``adopted_by``
    symbols of the adopting resolutions, normalised like citation targets
    ("A/RES/S-20/2"; part letters dropped).
``exclude``
    longer phrases in which a name of the entry does not refer to it
    ("United States" for ``States``).
``match_case`` / ``personal``
    booleans (optional): names matched case-sensitively; an office held by a
    person (never the referent of "it").
``scope``
    free-text note.

The matchers are compiled from these data: one longest-first pattern per
class (case-insensitive names, case-sensitive names, acronyms, short forms,
exclusions), built as a character trie so a scan costs one pass.

>>> a = load_authority()
>>> a.get("INCB").label
'International Narcotics Control Board'
>>> entity_lookup("what is UNODC requested to do")
['UNODC']
>>> entity_lookup("the SecretaryGeneral and Member States")
['SecretaryGeneral', 'MemberStates']
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from kg.errors import KGError

TYPES = ("body", "instrument", "initiative", "actor")
RELATIONS = ("predecessor", "successor", "part_of", "amends", "amended_via", "members")

# How one character of a name is matched: (character, regex, comment).
CHAR_FORMS: tuple[tuple[str, str, str], ...] = (
    (" ", r"\s+", "any run of white space (line breaks in PDF text)"),
    (
        "-",
        r"(?:[-\u2010\u2011]\s?)?",
        "optional hyphen: flat text drops them, PDF text breaks at them",
    ),
    ("'", r"['\u2019]", "straight or curly apostrophe"),
    ('"', r"[\"\u201c\u201d]", "straight or curly double quote"),
)
_FORM = {ch: rx for ch, rx, _ in CHAR_FORMS}
# A name starts after a non-word, non-hyphen character ("Under-Secretary-General"
# holds no Secretary-General) and ends before a non-letter (a glued footnote
# marker such as "Reduction10" still ends the name).
_START = r"(?<![\w\-\u2010\u2011])"
_END = r"(?![^\W\d_])"
_HYPHENS = re.compile(r"[-\u2010\u2011]\s?")
_SPACES = re.compile(r"\s+")


def name_key(text: str) -> str:
    """Normalise a name as printed or as stored, to look it up.

    >>> name_key("Secretary-\\nGeneral") == name_key("SecretaryGeneral")
    True
    """
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _SPACES.sub(" ", _HYPHENS.sub("", text)).strip().lower()


@dataclass(frozen=True)
class Links:
    wikidata: str | None = None
    unts_volume: int | None = None
    unts_number: int | None = None


@dataclass(frozen=True)
class Entry:
    """One authority entry (see the module docstring for the fields)."""

    id: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    short_forms: tuple[str, ...] = ()
    links: Links = Links()
    predecessor: tuple[str, ...] = ()
    successor: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    amends: tuple[str, ...] = ()
    amended_via: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    adopted_by: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    match_case: bool = False
    personal: bool = False
    scope: str = ""

    def relations(self) -> Iterator[tuple[str, str]]:
        """(relation, target id) pairs, in field order."""
        for rel in RELATIONS:
            for target in getattr(self, rel):
                yield rel, target


@dataclass(frozen=True)
class NameHit:
    """A name or acronym found in a text: offsets into that text."""

    start: int
    end: int
    entities: tuple[str, ...]
    via: str  # "name" | "acronym"


def _trie_regex(words: Iterable[str], fold: bool) -> str:
    """One regex matching any of ``words``, longest first, factored as a trie."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word.lower() if fold else word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [
            _FORM.get(ch, re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a name ends here: try the longer ones first (greedy)
            return "(?:" + body + ")?"
        return body

    return emit(trie) if trie else "(?!)"


def _compile(words: Iterable[str], fold: bool) -> re.Pattern[str]:
    flags = re.IGNORECASE if fold else 0
    return re.compile(_START + "(?:" + _trie_regex(words, fold) + ")" + _END, flags)


class Authority:
    """Immutable registry of the authority entries with compiled matchers."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: tuple[Entry, ...] = tuple(sorted(entries, key=lambda e: e.id))
        self._by_id = MappingProxyType({e.id: e for e in self.entries})
        fold: dict[str, set[str]] = {}
        case: dict[str, set[str]] = {}
        acro: dict[str, set[str]] = {}
        short: dict[str, set[str]] = {}
        excl: dict[str, set[str]] = {}
        for e in self.entries:
            for alias in e.aliases:
                (case if e.match_case else fold).setdefault(alias, set()).add(e.id)
            for a in e.acronyms:
                acro.setdefault(a, set()).add(e.id)
            for s in e.short_forms:
                short.setdefault(s, set()).add(e.id)
            for x in e.exclude:
                excl.setdefault(x, set()).add(e.id)
        self.name_pattern = _compile(fold, fold=True)
        self.case_name_pattern = _compile(case, fold=False)
        self.acronym_pattern = _compile(acro, fold=False)
        self.exclude_pattern = _compile(excl, fold=True)
        # short forms: "the"/"The" and the rest as stored (case-sensitive nouns)
        rest = {s[4:] for s in short}
        self.short_form_pattern = re.compile(
            _START + r"[Tt]he\s+(?:" + _trie_regex(rest, fold=False) + ")" + r"(?![\w\-])"
        )
        self._keys = MappingProxyType(
            {
                "name": _frozen_keys(fold),
                "case": _frozen_keys(case),
                "acronym": MappingProxyType({k: tuple(sorted(v)) for k, v in acro.items()}),
                "short": _frozen_keys(short),
                "exclude": _frozen_keys(excl),
            }
        )

    def get(self, entity: str) -> Entry:
        """The entry with id ``entity`` (KeyError if absent)."""
        return self._by_id[entity]

    def __contains__(self, entity: object) -> bool:
        return entity in self._by_id

    def by_type(self, type_: str) -> tuple[Entry, ...]:
        """Entries of one type, sorted by id."""
        return tuple(e for e in self.entries if e.type == type_)

    def type_of(self, entity: str) -> str:
        return self._by_id[entity].type

    def lookup(self, kind: str, text: str) -> tuple[str, ...]:
        """Entity ids for a matched text of ``kind`` (name, case, acronym, short, exclude)."""
        key = text if kind == "acronym" else name_key(text)
        return self._keys[kind].get(key, ())

    def find_names(self, text: str, pos: int = 0, endpos: int | None = None) -> list[NameHit]:
        """Top-level (non-nested) names and acronyms, per class, unsorted."""
        end = len(text) if endpos is None else endpos
        hits: list[NameHit] = []
        for kind, pattern in (
            ("name", self.name_pattern),
            ("case", self.case_name_pattern),
            ("acronym", self.acronym_pattern),
        ):
            for m in pattern.finditer(text, pos, end):
                ids = self.lookup(kind, m.group())
                if ids:
                    via = "acronym" if kind == "acronym" else "name"
                    hits.append(NameHit(m.start(), m.end(), ids, via))
        return hits

    def names_inside(self, text: str, start: int, end: int) -> list[NameHit]:
        """Names lying inside ``text[start:end]`` other than the whole span."""
        hits: list[NameHit] = []
        word_starts = [m.start() for m in re.finditer(r"(?<![\w\-])\w", text[start:end])]
        word_ends = sorted(m.end() for m in re.finditer(r"\w(?!\w)", text[start:end]))
        for kind, pattern in (("name", self.name_pattern), ("case", self.case_name_pattern)):
            for off in word_starts:
                i = start + off
                limits = (
                    [end] if off else [start + e for e in reversed(word_ends) if start + e < end]
                )
                for limit in limits:
                    m = pattern.match(text, i, limit)
                    if m and (m.start(), m.end()) != (start, end):
                        ids = self.lookup(kind, m.group())
                        if ids:
                            hits.append(NameHit(m.start(), m.end(), ids, "name"))
                            break
        return hits

    def expand(self, entity: str) -> tuple[str, ...]:
        """Members of a collective entry, else the entry itself."""
        members = self._by_id[entity].members
        return members or (entity,)


def _frozen_keys(table: Mapping[str, set[str]]) -> Mapping[str, tuple[str, ...]]:
    out: dict[str, set[str]] = {}
    for word, ids in table.items():
        out.setdefault(name_key(word), set()).update(ids)
    return MappingProxyType({k: tuple(sorted(v)) for k, v in out.items()})


def _entry(raw: dict[str, Any], where: str) -> Entry:
    try:
        links_raw = raw.get("links") or {}
        unts = links_raw.get("unts") or {}
        links = Links(
            wikidata=links_raw.get("wikidata"),
            unts_volume=unts.get("volume"),
            unts_number=unts.get("number"),
        )
        lists = {
            f: tuple(raw.get(f, ()))
            for f in ("aliases", "acronyms", "short_forms", "adopted_by", "exclude", *RELATIONS)
        }
        entry = Entry(
            id=raw["id"],
            type=raw["type"],
            label=raw["label"],
            links=links,
            match_case=bool(raw.get("match_case", False)),
            personal=bool(raw.get("personal", False)),
            scope=raw.get("scope", ""),
            **lists,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise KGError(
            f"bad authority entry ({exc!r})", path="kg/data/authority.jsonl", where=where
        ) from None
    if entry.type not in TYPES:
        raise KGError(f"unknown type {entry.type!r}", path="kg/data/authority.jsonl", where=where)
    bad = [s for s in entry.short_forms if not s.startswith("the ")]
    if bad:
        raise KGError(
            f"short forms must start with 'the ': {bad}",
            path="kg/data/authority.jsonl",
            where=where,
        )
    return entry


def parse_authority(lines: Iterable[str]) -> Authority:
    """Build a registry from JSON Lines text (raises KGError on bad data)."""
    entries: list[Entry] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KGError(exc.msg, path="kg/data/authority.jsonl", where=f"line {n}") from None
        entries.append(_entry(raw, f"line {n}"))
    return Authority(entries)


@lru_cache(maxsize=1)
def load_authority() -> Authority:
    """The registry built from ``kg/data/authority.jsonl`` (cached)."""
    text = resources.files("kg.data").joinpath("authority.jsonl").read_text(encoding="utf-8")
    return parse_authority(text.splitlines())


@lru_cache(maxsize=1)
def _lookup_patterns() -> tuple[re.Pattern[str], re.Pattern[str], Mapping[str, tuple[str, ...]]]:
    """Case-insensitive names and acronyms (>= 4 letters) plus one-entry short forms."""
    a = load_authority()
    words: dict[str, set[str]] = {}
    for e in a.entries:
        for w in e.aliases:
            words.setdefault(w, set()).add(e.id)
        for w in e.acronyms:
            if len(w) >= 4:
                words.setdefault(w, set()).add(e.id)
    owners: dict[str, set[str]] = {}
    for e in a.entries:
        for s in e.short_forms:
            owners.setdefault(s, set()).add(e.id)
    for s, ids in owners.items():
        if len(ids) == 1:
            words.setdefault(s, set()).update(ids)
    short_acronyms = [w for e in a.entries for w in e.acronyms if len(w) < 4]
    return _compile(words, fold=True), _compile(short_acronyms, fold=False), _frozen_keys(words)


def entity_lookup(text: str) -> list[str]:
    """Entity ids named in a short free text (a question), in order of appearance.

    Names and acronyms of four letters or more are matched case-insensitively,
    shorter acronyms ("WHO", "CND") only as printed; short forms only when one
    entry owns them ("the Board" -> INCB, not "the Commission").  Collective
    names give their members.

    >>> entity_lookup("what does the Board ask of the unodc and WHO?")
    ['INCB', 'UNODC', 'WHO']
    >>> entity_lookup("who is urged to ratify the three international drug control conventions")
    ['SingleConvention1961', 'Convention1971', 'Convention1988']
    """
    a = load_authority()
    words, acronyms, keys = _lookup_patterns()
    found: list[tuple[int, str]] = []
    for m in words.finditer(text):
        for entity in keys.get(name_key(m.group()), ()):
            found.extend((m.start(), x) for x in a.expand(entity))
    for m in acronyms.finditer(text):
        found.extend(
            (m.start(), x) for entity in a.lookup("acronym", m.group()) for x in a.expand(entity)
        )
    out: list[str] = []
    for _, entity in sorted(found, key=lambda t: t[0]):
        if entity not in out:
            out.append(entity)
    return out
