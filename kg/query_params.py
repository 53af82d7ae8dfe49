"""Query parameters: a user's text -> exactly one typed RDF term.

A parameter value never becomes query text directly: :func:`to_term` turns
it into one pyoxigraph term according to its declared type, refusing values
that do not fit, and :func:`kg.query.render` writes that term escaped.

Types (:data:`PARAMETER_TYPES`): ``entity`` (an authority id or name ->
the entry's IRI), ``topic`` (a topic id or label -> the concept's IRI),
``resolution`` (a symbol such as ``A/RES/63/197``, ``63/197`` or
``resolution 61/183`` -> the resolution's IRI), ``string``, ``integer``,
``year`` and ``iri``.

>>> ctx = TermContext()
>>> to_term(ctx, "entity", "the Board")
<NamedNode value=https://w3id.org/dckg/body/INCB>
>>> to_term(ctx, "resolution", "61/183")
<NamedNode value=https://w3id.org/dckg/resolution/A/RES/61/183>
>>> to_term(ctx, "string", 'INCB" } DROP ALL')
<Literal value=INCB" } DROP ALL datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from pyoxigraph import Literal, NamedNode

from kg.errors import KGError
from kg.query import Engine, NamedQuery, Term, plain
from kg.rdf.iris import Minter
from kg.rdf.namespaces import DEFAULT_BASE

__all__ = [
    "PARAMETER_TYPES",
    "TermContext",
    "bind_parameters",
    "detect_base",
    "normalize_symbol",
    "parse_assignments",
    "to_term",
]

XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")

#: (type, what it accepts, comment).
PARAMETER_TYPES: tuple[tuple[str, str, str], ...] = (
    (
        "entity",
        "authority id or name",
        "INCB, UNODC, 'the Board', Convention1988 -> the entry's IRI",
    ),
    ("topic", "topic id or label", "funding, 'money laundering' -> the SKOS concept's IRI"),
    ("resolution", "resolution symbol", "A/RES/63/197, 63/197, 'resolution 61/183' -> its IRI"),
    ("string", "any text", "a plain xsd:string literal, quotes and all"),
    ("integer", "whole number", "an xsd:integer literal"),
    ("year", "four-digit year", "an xsd:integer literal between 1900 and 2100"),
    ("iri", "absolute IRI", "http(s) IRI without spaces, quotes, braces or backslashes"),
)
_TYPES = {t for t, _, _ in PARAMETER_TYPES}
_SYMBOL = re.compile(r"[A-Z][A-Z.0-9-]*(?:/[A-Za-z.0-9()-]+)*/RES/[A-Za-z0-9()/.-]+")
_IRI = re.compile(r"https?://[^\x00-\x20<>\"{}|^`\\]+")


@lru_cache(maxsize=1)
def _entity_types() -> Mapping[str, str]:
    from kg.extract.authority import load_authority

    return {e.id: e.type for e in load_authority().entries}


@lru_cache(maxsize=1)
def _topic_names() -> Mapping[str, str]:
    """Lower-cased topic ids, preferred and alternative labels -> topic id."""
    from kg.extract.topics import load_scheme

    names: dict[str, str] = {}
    for rec in load_scheme():
        tid = str(rec["id"])
        labels = [tid, tid.replace("-", " "), str(rec.get("prefLabel", ""))]
        alt = rec.get("altLabels", [])
        labels += [str(a) for a in alt] if isinstance(alt, list) else []
        for label in labels:
            if label:
                names.setdefault(label.lower(), tid)
    return names


@dataclass(frozen=True)
class TermContext:
    """What typing a value needs: the IRI minter of the build and the entity types."""

    minter: Minter = field(default_factory=Minter)

    def entity(self, entity_id: str) -> NamedNode:
        iri = self.minter.entity(entity_id, _entity_types().get(entity_id))
        return NamedNode(str(iri))

    def topic(self, topic_id: str) -> NamedNode:
        return NamedNode(str(self.minter.topic(topic_id)))

    def resolution(self, symbol: str) -> NamedNode:
        return NamedNode(str(self.minter.resolution(symbol)))


def _suggest(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=3, cutoff=0.6)
    return f"; did you mean {', '.join(close)}?" if close else ""


def resolve_entity(value: str) -> str:
    """An authority id from an id (any case) or one of the entry's names, acronyms or short forms.

    The whole value must be the name ("the Office on Drugs and Crime", "the Board").

    >>> [resolve_entity(x) for x in ("unodc", "the Office on Drugs and Crime", "the Board")]
    ['UNODC', 'UNODC', 'INCB']
    """
    from kg.extract.authority import load_authority

    types = _entity_types()
    text = " ".join(value.split())
    by_lower = {k.lower(): k for k in types}
    if text.lower() in by_lower:
        return by_lower[text.lower()]
    a = load_authority()
    bare = text[4:] if text.lower().startswith("the ") else text
    found: set[str] = set()
    for kind, probe in (
        ("name", bare),
        ("case", bare),
        ("acronym", bare),
        ("short", "the " + bare),
    ):
        for entity in a.lookup(kind, probe):
            found.update(a.expand(entity))
    if len(found) == 1:
        return found.pop()
    if found:
        raise KGError(
            f"{value!r} names several entries ({', '.join(sorted(found))}); give one id",
            where="entity",
        )
    raise KGError(f"no authority entry {value!r}{_suggest(text, sorted(types))}", where="entity")


def resolve_topic(value: str) -> str:
    """A topic id from an id or a label (case-insensitive)."""
    names = _topic_names()
    key = value.strip().lower()
    if key in names:
        return names[key]
    ids = sorted(set(names.values()))
    raise KGError(
        f"no topic {value!r}{_suggest(key, ids)} (topics: {', '.join(ids)})", where="topic"
    )


def normalize_symbol(value: str) -> str:
    """A resolution symbol as the graph writes it.

    >>> [normalize_symbol(x) for x in ("A/RES/63/197", "63/197", "resolution 61/183")]
    ['A/RES/63/197', 'A/RES/63/197', 'A/RES/61/183']
    >>> normalize_symbol("Economic and Social Council resolution 1996/20")
    'E/RES/1996/20'
    """
    from kg.extract.citations import find_citations

    text = " ".join(value.split())
    if _SYMBOL.fullmatch(text.replace(" ", "")):
        return text.replace(" ", "")
    probe = text if re.search(r"\bresolution\b", text, re.I) else f"resolution {text}"
    found = [c for c in find_citations(probe) if c.kind == "resolution" and c.resolved]
    if len(found) == 1:
        return found[0].target
    raise KGError(
        f"not a resolution symbol: {value!r} (e.g. A/RES/63/197 or 63/197)", where="resolution"
    )


def to_term(ctx: TermContext, type_: str, value: str) -> Term:
    """One RDF term for ``value`` of type ``type_`` (:class:`KGError` when it does not fit)."""
    if type_ == "entity":
        return ctx.entity(resolve_entity(value))
    if type_ == "topic":
        return ctx.topic(resolve_topic(value))
    if type_ == "resolution":
        return ctx.resolution(normalize_symbol(value))
    if type_ == "string":
        return Literal(value)
    if type_ in ("integer", "year"):
        text = value.strip()
        if not re.fullmatch(r"[+-]?\d{1,18}", text):
            raise KGError(f"not a whole number: {value!r}", where=type_)
        if type_ == "year" and not 1900 <= int(text) <= 2100:
            raise KGError(f"not a year between 1900 and 2100: {value!r}", where="year")
        return Literal(str(int(text)), datatype=XSD_INTEGER)
    if type_ == "iri":
        text = value.strip().removeprefix("<").removesuffix(">")
        if not _IRI.fullmatch(text):
            raise KGError(f"not an absolute http(s) IRI: {value!r}", where="iri")
        return NamedNode(text)
    raise KGError(f"unknown parameter type {type_!r} (types: {', '.join(sorted(_TYPES))})")


def guess_type(value: str) -> str:
    """The type of a value given for a parameter the query does not declare.

    >>> guess_type("<http://example.org/x>"), guess_type("12"), guess_type("INCB")
    ('iri', 'integer', 'string')
    """
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return "iri"
    if re.fullmatch(r"[+-]?\d{1,18}", text):
        return "integer"
    return "string"


def parse_assignments(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``("body=INCB", "topic=funding")`` -> dict; :class:`KGError` on a malformed pair."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise KGError(f"--param wants NAME=VALUE, got {pair!r}", where="--param")
        out[name] = value
    return out


def bind_parameters(
    ctx: TermContext, query: NamedQuery | None, given: Mapping[str, str]
) -> dict[str, Term]:
    """Terms for every declared parameter (given value or default) and undeclared given ones."""
    out: dict[str, Term] = {}
    declared = {p.name: p for p in query.parameters} if query else {}
    for name, p in declared.items():
        out[name] = to_term(ctx, p.type, given.get(name, p.default))
    for name, value in given.items():
        if name not in declared:
            if declared:
                raise KGError(
                    f"{query.name if query else 'query'} has no parameter {name!r} "
                    f"(parameters: {', '.join(declared)})",
                    where="--param",
                )
            out[name] = to_term(ctx, guess_type(value), value)
    return out


def detect_base(engine: Engine) -> str:
    """The IRI base the store was built with (read off a resolution IRI), else the default."""
    res = engine.run(
        "SELECT ?r ?s WHERE { ?r a <https://w3id.org/dckg/ontology#Resolution> ; "
        "<https://w3id.org/dckg/ontology#symbol> ?s } LIMIT 1"
    )
    if res.rows and res.rows[0][0] is not None and res.rows[0][1] is not None:
        iri, symbol = plain(res.rows[0][0]), plain(res.rows[0][1])
        probe = Minter(DEFAULT_BASE).resolution(symbol).removeprefix(DEFAULT_BASE)
        if iri.endswith(probe):
            return iri[: len(iri) - len(probe)]
    return DEFAULT_BASE
