"""Document -> triples: the RDF stage's mapping of one resolution.

:func:`map_document` turns one :class:`~kg.model.Document` (read and
annotated) into a list of triples.  No blank nodes are made: every node has an
IRI from :mod:`kg.rdf.iris`, so two builds of the same input give the same
triples and the canonical Turtle is simply the sorted triples.

Evidence
--------
Each paragraph, footnote, mention, citation and directive points to its
evidence with ``dckg:evidence``: an ``oa:SpecificResource`` (``<node>#evidence``)
whose ``oa:hasSource`` is the resolution's normalised text
(``dckg:ResolutionText``, itself ``prov:wasDerivedFrom`` the source file,
identified by its SHA-256) and whose two selectors give the span:

* ``<node>#position`` — ``oa:TextPositionSelector`` with ``oa:start`` and
  ``oa:end``: character offsets (Unicode code points, end exclusive) into the
  normalised text, plus a copy of ``dckg:textLength`` so that a SHACL Core
  rule can check that the span ends inside the text;
* ``<node>#quote`` — ``oa:TextQuoteSelector`` with ``oa:exact``, the
  characters of the span.

>>> from kg.model import Document, Metadata, Paragraph
>>> doc = Document(meta=Metadata(symbol="A/RES/1/2", body="GA", session="1",
...                adopted="1946-01-24"), text="Decides to act.",
...                paragraphs=(Paragraph("op1", "operative", "1", None, None, None,
...                            "Decides", "Decides to act.", (0, 15), 1),),
...                sha256="0" * 64)
>>> triples = map_document(doc, MapContext(Minter(), {"GA": "body"}))
>>> [(str(s), str(o)) for s, p, o in triples if p == OA.exact]
[('https://w3id.org/dckg/resolution/A/RES/1/2/op/1#quote', 'Decides to act.')]
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath

from rdflib import Literal, URIRef

from kg.model import Citation, Directive, Document, Footnote, Mention, Paragraph
from kg.rdf.iris import Minter
from kg.rdf.namespaces import DCKG, DCTERMS, ELI, OA, PROV, RDF, RDFS, SKOS, XSD

__all__ = ["KIND_CLASSES", "MapContext", "Triple", "derivation_triples", "map_document"]

Triple = tuple[URIRef, URIRef, URIRef | Literal]

#: Paragraph kind (kg.model.ParagraphKind) -> class.
KIND_CLASSES: dict[str, URIRef] = {
    "preambular": DCKG.PreambularParagraph,
    "operative": DCKG.OperativeParagraph,
    "subparagraph": DCKG.Subparagraph,
}

#: Metadata field -> property, for the plain string fields of kg.model.Metadata.
_META_STRINGS: tuple[tuple[str, URIRef], ...] = (
    ("title", DCTERMS.title),
    ("session", DCKG.session),
    ("agenda_item", DCKG.agendaItem),
    ("committee", DCKG.committee),
    ("committee_report", DCKG.committeeReport),
    ("meeting", DCKG.meeting),
    ("meeting_record", DCKG.meetingRecord),
    ("draft", DCKG.draft),
)
#: Values of Mention.entity / Citation.body that name nothing.
UNKNOWN = ("unknown", "")


@lru_cache(maxsize=8192)
def _int(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


_TRUE = Literal("true", datatype=XSD.boolean)
_FALSE = Literal("false", datatype=XSD.boolean)


def _bool(value: bool) -> Literal:
    return _TRUE if value else _FALSE


# Terms used per node, looked up once (a ClosedNamespace lookup costs a call).
_TYPE = RDF.type
_EVIDENCE, _TEXT_LENGTH = DCKG.evidence, DCKG.textLength
_SPECIFIC, _POSITION, _QUOTE = OA.SpecificResource, OA.TextPositionSelector, OA.TextQuoteSelector
_SOURCE, _SELECTOR = OA.hasSource, OA.hasSelector
_START, _END, _EXACT = OA.start, OA.end, OA.exact


@dataclass(frozen=True)
class MapContext:
    """What the mapping needs besides the document.

    ``entity_types`` maps authority ids to their type (``"body"``,
    ``"instrument"``, ``"initiative"``, ``"actor"``) so that an addressee
    given only by id gets the right IRI.
    """

    minter: Minter
    entity_types: Mapping[str, str] = field(default_factory=dict)

    def entity(self, entity_id: str, hint: str | None = None) -> URIRef:
        return self.minter.entity(entity_id, self.entity_types.get(entity_id, hint))


class _Emitter:
    """Collects the triples of one document."""

    def __init__(self, doc: Document, ctx: MapContext) -> None:
        self.doc = doc
        self.ctx = ctx
        self.m = ctx.minter
        self.symbol = doc.meta.symbol
        self.out: list[Triple] = []
        self.text_node = self.m.text(self.symbol)
        self.length = _int(len(doc.text))

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.out.append((s, p, o))

    def string(self, s: URIRef, p: URIRef, value: str | None) -> None:
        if value is not None and value != "":
            self.out.append((s, p, Literal(value)))

    def evidence(self, node: URIRef, span: tuple[int, int]) -> None:
        sr, pos, quote = self.m.evidence(node)
        start, end = span
        self.out += [
            (node, _EVIDENCE, sr),
            (sr, _TYPE, _SPECIFIC),
            (sr, _SOURCE, self.text_node),
            (sr, _SELECTOR, pos),
            (sr, _SELECTOR, quote),
            (pos, _TYPE, _POSITION),
            (pos, _START, _int(start)),
            (pos, _END, _int(end)),
            (pos, _TEXT_LENGTH, self.length),
            (quote, _TYPE, _QUOTE),
            (quote, _EXACT, Literal(self.doc.text[start:end])),
        ]


def map_document(doc: Document, ctx: MapContext) -> list[Triple]:
    """All triples of one resolution (metadata, text, parts, extracted facts)."""
    e = _Emitter(doc, ctx)
    res = _resolution(e)
    sections: list[tuple[int, str, URIRef]] = []  # (start, number, node) in reading order
    seen: dict[str, int] = {}
    printed = Counter(s.number for s in doc.sections if s.number)
    repeated = {number for number, n in printed.items() if n > 1}
    for i, sec in enumerate(doc.sections, 1):
        seen[sec.number] = seen.get(sec.number, 0) + 1
        occurrence = seen[sec.number] if sec.number in repeated else 0
        node = ctx.minter.section(e.symbol, sec.number, i, occurrence)
        sections.append((sec.span[0], sec.number, node))
        e.add(node, RDF.type, DCKG.Section)
        e.add(node, RDF.type, ELI.LegalResourceSubdivision)
        e.string(node, ELI.number, sec.number)
        e.string(node, DCTERMS.title, sec.title)
        e.add(node, ELI.is_part_of, res)
        e.add(res, ELI.has_part, node)
    position = 0
    for p in doc.paragraphs:
        numbering = None
        if p.kind == "operative" and p.number is not None and p.number.isdigit():
            number = int(p.number)  # numbering (re)starts at 1: parts, annexed declarations
            position = 1 if number == 1 else position + 1
            numbering = (number, position)
        in_section = next(
            (n for s, num, n in reversed(sections) if num == p.section and s < p.span[0]), None
        )
        _paragraph(e, p, res, in_section, numbering)
    for fn in doc.footnotes:
        _footnote(e, fn, res)
    return e.out


def _resolution(e: _Emitter) -> URIRef:
    doc, m, meta = e.doc, e.m, e.doc.meta
    res = m.resolution(meta.symbol)
    e.add(res, RDF.type, DCKG.Resolution)
    e.add(res, RDF.type, ELI.LegalResource)
    e.string(res, DCKG.symbol, meta.symbol)
    if "/RES/" in meta.symbol:
        e.string(res, ELI.number, meta.symbol.split("/RES/", 1)[1])
    e.add(res, RDFS.seeAlso, m.undocs(meta.symbol))
    if meta.body:
        e.add(res, ELI.passed_by, e.ctx.entity(meta.body, "body"))
    if meta.adopted:
        e.add(res, ELI.date_document, Literal(meta.adopted, datatype=XSD.date))
    for name, prop in _META_STRINGS:
        e.string(res, prop, getattr(meta, name))
    for subject in meta.subjects:
        concept = URIRef(subject.iri) if subject.iri else m.subject(subject.label)
        e.add(res, ELI.is_about, concept)
        e.add(concept, RDF.type, SKOS.Concept)
        e.add(concept, SKOS.prefLabel, Literal(subject.label, lang="en"))
    # the text read, and the file it was read from
    text = e.text_node
    source = m.source(doc.sha256 or hashlib.sha256(doc.text.encode("utf-8")).hexdigest())
    e.add(res, DCKG.hasText, text)
    e.add(text, RDF.type, DCKG.ResolutionText)
    e.add(text, DCKG.textLength, e.length)
    e.add(text, PROV.wasDerivedFrom, source)
    e.string(text, DCKG.sourceFormat, doc.format)
    for warning in sorted(set(doc.warnings)):
        e.string(text, DCKG.readerWarning, warning)
    e.add(source, RDF.type, DCKG.SourceFile)
    e.string(source, DCKG.sha256, doc.sha256)
    e.string(source, DCKG.fileName, PurePath(doc.source).name if doc.source else None)
    return res


def _paragraph(
    e: _Emitter,
    p: Paragraph,
    res: URIRef,
    section: URIRef | None,
    numbering: tuple[int, int] | None,
) -> None:
    """One paragraph; ``numbering`` is (printed number, expected number) when numbered."""
    node = e.m.paragraph(e.symbol, p.id)
    container = e.m.paragraph(e.symbol, p.parent) if p.parent else res
    e.out += [
        (node, RDF.type, DCKG.Paragraph),
        (node, RDF.type, KIND_CLASSES[p.kind]),
        (node, RDF.type, ELI.LegalResourceSubdivision),
        (node, ELI.is_part_of, container),
        (container, ELI.has_part, node),
        (node, DCKG.order, _int(p.order)),
    ]
    e.string(node, ELI.number, p.number)
    e.string(node, DCKG.printedLabel, p.label)
    e.string(node, DCKG.lead, p.lead)
    e.string(node, DCKG.text, p.text)
    if section is not None:
        e.add(node, DCKG.inSection, section)
    if numbering is not None:
        e.add(node, DCKG.numberValue, _int(numbering[0]))
        e.add(node, DCKG.operativePosition, _int(numbering[1]))
    e.evidence(node, p.span)
    for i, mention in enumerate(p.mentions, 1):
        _mention(e, e.m.item(e.symbol, p.id, "mention", i), node, mention)
    for i, citation in enumerate(p.citations, 1):
        _citation(e, e.m.item(e.symbol, p.id, "citation", i), node, citation)
    for i, directive in enumerate(p.directives, 1):
        _directive(e, e.m.item(e.symbol, p.id, "directive", i), node, directive)
    for topic in sorted({t.topic for t in p.topics}):
        e.add(node, ELI.is_about, e.m.topic(topic))


def _mention(e: _Emitter, node: URIRef, paragraph: URIRef, m: Mention) -> None:
    resolved = m.entity not in UNKNOWN
    e.add(node, RDF.type, DCKG.Mention)
    e.add(node, DCKG.inParagraph, paragraph)
    e.add(node, DCKG.resolved, _bool(resolved))
    e.string(node, DCKG.mentionType, m.type)
    e.string(node, DCKG.mentionVia, m.via)
    if resolved:
        e.add(node, DCKG.mentions, e.ctx.entity(m.entity, m.type))
    e.evidence(node, m.span)


def _cited(e: _Emitter, c: Citation) -> URIRef:
    """The node a resolved citation points to, with what the citation tells of it."""
    if c.kind == "resolution":
        target = e.m.resolution(c.target)
        e.add(target, RDF.type, DCKG.Resolution)
        e.add(target, RDF.type, ELI.LegalResource)
        if c.body not in UNKNOWN:
            e.add(target, ELI.passed_by, e.ctx.entity(c.body, "body"))
    elif c.kind == "document":
        target = e.m.document(c.target)
        e.add(target, RDF.type, DCKG.CitedDocument)
    else:  # "instrument" | "treaty-series": the target is an authority id
        return e.ctx.entity(c.target, "instrument")
    e.string(target, DCKG.symbol, c.target)
    e.add(target, RDFS.seeAlso, e.m.undocs(c.target))
    return target


def _citation(e: _Emitter, node: URIRef, paragraph: URIRef, c: Citation) -> None:
    e.add(node, RDF.type, DCKG.Citation)
    e.add(node, DCKG.inParagraph, paragraph)
    e.string(node, DCKG.targetSymbol, c.target)
    e.string(node, DCKG.citationKind, c.kind)
    e.add(node, DCKG.resolved, _bool(c.resolved))
    if c.body not in UNKNOWN:
        e.add(node, DCKG.issuingBody, e.ctx.entity(c.body, "body"))
    if c.resolved and c.target:
        target = _cited(e, c)
        e.add(node, DCKG.citedResource, target)
        e.add(paragraph, ELI.cites, target)
    if c.in_footnote:
        e.add(node, DCKG.inFootnote, e.m.footnote(e.symbol, c.in_footnote))
    e.evidence(node, c.span)


def _directive(e: _Emitter, node: URIRef, paragraph: URIRef, d: Directive) -> None:
    e.add(node, RDF.type, DCKG.Directive)
    e.add(node, DCKG.inParagraph, paragraph)
    e.string(node, DCKG.verb, d.verb)
    e.string(node, DCKG.lemma, d.lemma)
    e.add(node, DCKG.strength, _int(d.strength))
    e.add(node, DCKG.knownVerb, _bool(d.known))
    e.string(node, DCKG.action, d.action)
    for who in d.addressees:
        e.add(node, DCKG.addressee, e.ctx.entity(who))
    for what in d.concerns:
        e.add(node, DCKG.concerns, e.ctx.entity(what))
    e.evidence(node, d.span)


def _footnote(e: _Emitter, fn: Footnote, res: URIRef) -> None:
    node = e.m.footnote(e.symbol, fn.marker)
    e.add(node, RDF.type, DCKG.Footnote)
    e.add(node, RDF.type, ELI.LegalResourceSubdivision)
    e.add(node, ELI.is_part_of, res)
    e.add(res, ELI.has_part, node)
    e.string(node, DCKG.marker, fn.marker)
    e.string(node, DCKG.text, fn.text)
    if fn.paragraph is not None:
        e.add(node, DCKG.anchoredIn, e.m.paragraph(e.symbol, fn.paragraph))
    if fn.offset is not None:
        e.add(node, DCKG.offset, _int(fn.offset))
    for ref in fn.refs:
        e.add(node, DCKG.repeatedIn, e.m.paragraph(e.symbol, ref.paragraph))
    if fn.span is not None:
        e.evidence(node, fn.span)


def derivation_triples(
    minter: Minter,
    new: tuple[str, str],
    old: tuple[str, str],
    derivation_class: str,
    score: float,
    index: int = 1,
) -> list[Triple]:
    """Paragraph lineage: ``new`` (symbol, paragraph id) derives from ``old``.

    Gives ``dckg:derivedFrom`` and its qualified node (class, score); see
    :mod:`kg.lineage` for the classes.  ``index`` numbers the links of one
    new paragraph (a merged paragraph derives from several).

    >>> m = Minter()
    >>> t = derivation_triples(m, ("A/RES/63/197", "op21"), ("A/RES/61/183", "op14"),
    ...                        "modified", 0.64)
    >>> str(t[0][2])
    'https://w3id.org/dckg/resolution/A/RES/61/183/op/14'
    """
    node = minter.paragraph(*new)
    source = minter.paragraph(*old)
    q = minter.derivation(new[0], new[1], index)
    return [
        (node, DCKG.derivedFrom, source),
        (node, DCKG.qualifiedDerivation, q),
        (q, RDF.type, DCKG.ParagraphDerivation),
        (q, PROV.entity, source),
        (q, DCKG.derivationClass, Literal(derivation_class)),
        (q, DCKG.score, Literal(f"{score:.4f}", datatype=XSD.decimal)),
    ]
