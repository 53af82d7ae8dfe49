"""The one module that mints IRIs.

IRIs are built from printed identifiers, never from positions in a file:
the symbol of a resolution, the printed number of a paragraph, the marker of
a footnote, the authority id of a body.  The base is configurable (default
``https://w3id.org/dckg/``).

>>> m = Minter()
>>> str(m.resolution("A/RES/63/197"))
'https://w3id.org/dckg/resolution/A/RES/63/197'
>>> str(m.paragraph("A/RES/63/197", "op40"))
'https://w3id.org/dckg/resolution/A/RES/63/197/op/40'
>>> str(m.paragraph("A/RES/61/183", "op33.a"))
'https://w3id.org/dckg/resolution/A/RES/61/183/op/33/a'
>>> str(m.item("A/RES/63/197", "op40", "directive", 4))
'https://w3id.org/dckg/resolution/A/RES/63/197/op/40/directive/4'
>>> str(m.entity("INCB", "body")), str(m.entity("MemberStates", "actor"))
('https://w3id.org/dckg/body/INCB', 'https://w3id.org/dckg/actor/MemberStates')
>>> m.locate(m.item("A/RES/61/183", "op33.a", "mention", 2))
('A/RES/61/183', 'op33.a')
>>> m.locate(m.paragraph("A/RES/75/101 A-B", "B.op23"))
('A/RES/75/101A-B', 'B.op23')
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote, unquote

from rdflib import URIRef

from kg.errors import KGError
from kg.rdf.namespaces import DEFAULT_BASE, PREFIXES, UNDOCS

__all__ = ["ENTITY_PATHS", "Minter", "check_base"]

#: Path segment of an authority entry, by its type in the authority data.
ENTITY_PATHS: dict[str, str] = {
    "body": "body",
    "instrument": "instrument",
    "initiative": "initiative",
    "actor": "actor",
}

# Characters kept as they are in path segments (RFC 3987 iunreserved and the
# sub-delimiters that symbols use: "A/RES/3014(XXVII)", "E/2003/28/Rev.1").
_SAFE = "-._~!$&'()*+,;=:@"
_PARAGRAPH_HEAD = re.compile(r"([A-Za-z]+)([0-9A-Za-z-]+)")
_STRUCTURE = {"op", "pp", "fn", "section", "heading", "text", "part"}
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_BASE = re.compile(r"https?://[^\s<>\"{}|\\^`]+[/#]")


def check_base(base: str) -> str:
    """Return ``base`` ending with ``/`` (or ``#``); raise :class:`KGError` if unusable.

    >>> check_base("https://example.org/kg")
    'https://example.org/kg/'
    >>> check_base("not an iri")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: --base: not an absolute http(s) IRI: 'not an iri'
    """
    if base and not base.endswith(("/", "#")):
        base += "/"
    if not _BASE.fullmatch(base):
        raise KGError(f"not an absolute http(s) IRI: {base.rstrip('/')!r}", path="--base")
    return base


def _seg(text: str) -> str:
    return quote(text, safe=_SAFE)


def _symbol_path(symbol: str) -> str:
    """A symbol as path segments: spaces dropped, each segment percent-encoded."""
    return "/".join(_seg(s) for s in symbol.replace(" ", "").split("/"))


def paragraph_path(pid: str) -> str:
    """``op33.a.i`` -> ``op/33/a/i``; ``pp3`` -> ``pp/3``; part ``B.op2`` -> ``part/B/op/2``.

    Resolutions printed in parts (A/RES/75/101 A-B) number each part from 1;
    the reader prefixes those ids with the part letter.

    >>> paragraph_path("op33.a.i"), paragraph_path("pp3"), paragraph_path("B.op2.a")
    ('op/33/a/i', 'pp/3', 'part/B/op/2/a')
    """
    components = pid.split(".")
    for i, comp in enumerate(components):
        m = _PARAGRAPH_HEAD.fullmatch(comp)
        if m and m.group(1) in ("op", "pp"):
            part = [s for c in components[:i] for s in ("part", c)]
            segments = [*part, m.group(1), m.group(2), *components[i + 1 :]]
            return "/".join(_seg(s) for s in segments)
    return "/".join(_seg(c) for c in components)


class Minter:
    """Mints every IRI of the graph under one base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = check_base(base)
        self._resolutions: dict[str, URIRef] = {}

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    # -- resolutions and their parts ---------------------------------------
    def resolution(self, symbol: str) -> URIRef:
        iri = self._resolutions.get(symbol)
        if iri is None:
            if len(self._resolutions) > 100_000:
                self._resolutions.clear()
            iri = self._resolutions[symbol] = self._iri("resolution/" + _symbol_path(symbol))
        return iri

    def undocs(self, symbol: str) -> URIRef:
        """The page of a symbol in the UN document system (rdfs:seeAlso)."""
        return UNDOCS[_symbol_path(symbol)]

    def text(self, symbol: str) -> URIRef:
        return URIRef(f"{self.resolution(symbol)}/text")

    def paragraph(self, symbol: str, pid: str) -> URIRef:
        return URIRef(f"{self.resolution(symbol)}/{paragraph_path(pid)}")

    def section(self, symbol: str, number: str, position: int, occurrence: int = 0) -> URIRef:
        """A numbered section by its number; an unnumbered heading by its position.

        A number printed more than once (sections of parts A and B both have
        an "I") gets its occurrence: ``section/I-2``.
        """
        if number:
            suffix = f"-{occurrence}" if occurrence else ""
            return URIRef(f"{self.resolution(symbol)}/section/{_seg(number)}{suffix}")
        return URIRef(f"{self.resolution(symbol)}/heading/{position}")

    def footnote(self, symbol: str, marker: str) -> URIRef:
        return URIRef(f"{self.resolution(symbol)}/fn/{_seg(marker)}")

    def item(self, symbol: str, pid: str, kind: str, index: int) -> URIRef:
        """A mention, citation or directive: 1-based ``index`` within its paragraph."""
        return URIRef(f"{self.paragraph(symbol, pid)}/{kind}/{index}")

    def derivation(self, symbol: str, pid: str, index: int) -> URIRef:
        return URIRef(f"{self.paragraph(symbol, pid)}/derivation/{index}")

    @staticmethod
    def evidence(node: URIRef) -> tuple[URIRef, URIRef, URIRef]:
        """The evidence of ``node``: specific resource, position and quote selectors."""
        return URIRef(f"{node}#evidence"), URIRef(f"{node}#position"), URIRef(f"{node}#quote")

    # -- things outside one resolution -----------------------------------------
    def entity(self, entity_id: str, entity_type: str | None) -> URIRef:
        """An authority entry; an unknown type gives an ``entity/`` IRI (flagged by SHACL)."""
        path = ENTITY_PATHS.get(entity_type or "", "entity")
        return self._iri(f"{path}/{_seg(entity_id)}")

    def document(self, symbol: str) -> URIRef:
        return self._iri("document/" + _symbol_path(symbol))

    def topic(self, topic_id: str) -> URIRef:
        return self._iri("topic/" + _seg(topic_id))

    def topic_scheme(self) -> URIRef:
        return self._iri("topic")

    def subject(self, label: str) -> URIRef:
        """A subject heading that came without a UNBIS IRI."""
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        return self._iri("subject/" + _seg(slug or "untitled"))

    def source(self, sha256: str) -> URIRef:
        return self._iri("source/" + _seg(sha256))

    def build(self, digest: str) -> URIRef:
        return self._iri("build/" + _seg(digest))

    def software(self, version: str) -> URIRef:
        return self._iri("software/dckg/" + _seg(version))

    def dataset(self) -> URIRef:
        return self._iri("dataset")

    def graph(self, name: str) -> URIRef:
        """Named graphs of the store: data, authority, topics, ontology, build."""
        return self._iri("graph/" + _seg(name))

    def partition(self, kind: str, iri: str) -> URIRef:
        """A VoID class or property partition: ``dataset/class/dckg-Resolution``."""
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns) :]):
                return self._iri(f"dataset/{kind}/{prefix}-{iri[len(ns) :]}")
        digest = hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]
        return self._iri(f"dataset/{kind}/{digest}")

    def distribution(self, file_name: str) -> URIRef:
        return self._iri("dump/" + _seg(file_name))

    def validation_result(self, digest: str) -> URIRef:
        return self._iri("validation/" + _seg(digest))

    # -- reading IRIs back ------------------------------------------------------
    def locate(self, node: object) -> tuple[str | None, str | None]:
        """(symbol, paragraph id) that an IRI of this minter lies in, for reports."""
        text = str(node).split("#", 1)[0]
        prefix = self.base + "resolution/"
        if not text.startswith(prefix):
            return None, None
        segments = text[len(prefix) :].split("/")
        cut = next((i for i, s in enumerate(segments) if s in _STRUCTURE), len(segments))
        symbol = "/".join(unquote(s) for s in segments[:cut])
        rest = segments[cut:]
        parts: list[str] = []
        while len(rest) >= 2 and rest[0] == "part":
            parts.append(unquote(rest[1]))
            rest = rest[2:]
        if len(rest) >= 2 and rest[0] in ("op", "pp"):
            tail = []
            for s in rest[2:]:
                if s in ("mention", "citation", "directive", "derivation"):
                    break
                tail.append(unquote(s))
            return symbol, ".".join([*parts, rest[0] + unquote(rest[1]), *tail])
        return symbol, None
