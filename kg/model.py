"""The document model: immutable dataclasses passed between pipeline stages.

Every stage reads and returns these objects; nothing here knows about RDF.

Offsets
-------
All ``span`` values are ``(start, end)`` character offsets into
:attr:`Document.text`, the *normalised document text*: section headings,
paragraph texts and footnote texts, one per line, in reading order.  For any
paragraph ``p`` of a document ``d``::

    d.text[p.span[0]:p.span[1]] == p.text

and the same holds for the ``span`` of every mention, citation, directive and
topic hit (``d.text[s:e] == item.text`` / evidence).  A footnote's ``offset``
is the position in its paragraph's ``text`` where the marker stood (the marker
itself is removed from the text).

>>> p = Paragraph(id="op1", kind="operative", number="1", label=None, parent=None,
...               section=None, lead="Reaffirms", text="Reaffirms its resolve;",
...               span=(0, 22), order=1)
>>> p.id, p.kind
('op1', 'operative')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]
ParagraphKind = Literal["preambular", "operative", "subparagraph"]


@dataclass(frozen=True)
class Subject:
    """A subject heading (UNBIS Thesaurus) attached to a resolution."""

    label: str
    iri: str | None = None


@dataclass(frozen=True)
class Metadata:
    """What the heading block, the cover page or the AKN ``<meta>`` says."""

    symbol: str  # "A/RES/63/197"
    body: str  # authority id of the adopting body: "GA", "ECOSOC", "CND"
    session: str | None = None  # "63", "S-20"
    adopted: str | None = None  # ISO date "2008-12-18"
    title: str | None = None
    agenda_item: str | None = None  # "99", "128 (a)"
    committee: str | None = None  # "Third Committee"
    committee_report: str | None = None  # "A/63/432"
    meeting: str | None = None  # "71st plenary meeting"
    meeting_record: str | None = None  # "A/75/PV.46"
    draft: str | None = None  # "A/C.3/75/L.10/Rev.1"
    subjects: tuple[Subject, ...] = ()


@dataclass(frozen=True)
class Section:
    """A section heading ("I", "International cooperation ...")."""

    number: str
    title: str
    span: Span


@dataclass(frozen=True)
class Mention:
    """A mention of an authority entry (body, instrument, actor group)."""

    entity: str  # authority id, or "unknown"
    type: str  # "body" | "instrument" | "initiative" | "actor"
    text: str  # surface text as it stands in the document
    span: Span
    via: str = "name"  # "name" | "acronym" | "short form" | "pronoun" | "group" | "self"


@dataclass(frozen=True)
class Citation:
    """A reference to another resolution, document or instrument."""

    target: str  # normalised symbol "A/RES/62/176", "E/RES/1996/20", or authority id
    body: str  # issuing body id ("GA", "ECOSOC", "CND", ...) or "unknown"
    text: str
    span: Span
    kind: str = "resolution"  # "resolution" | "document" | "instrument" | "treaty-series"
    resolved: bool = True
    in_footnote: str | None = None  # footnote marker when the citation stands in a footnote


@dataclass(frozen=True)
class Directive:
    """One operative act: verb, strength (0-5), addressees, what it concerns."""

    verb: str  # as printed, with adverbs: "also urges"
    lemma: str  # "urge"
    strength: int  # 0..5, see kg.extract.directives for the scale
    addressees: tuple[str, ...]
    concerns: tuple[str, ...]
    action: str
    span: Span
    known: bool = True  # False when the verb is not in the lexicon


@dataclass(frozen=True)
class TopicHit:
    """A topic assigned to a paragraph, with the words that triggered it."""

    topic: str  # topic id in the SKOS scheme, e.g. "funding"
    evidence: str
    span: Span


@dataclass(frozen=True)
class Paragraph:
    """A preambular, operative or subparagraph with its printed numbering."""

    id: str  # "pp3" | "op8" | "op8.a" | "op33.a.i"
    kind: ParagraphKind
    number: str | None  # printed number ("8") or position for preambular ("3")
    label: str | None  # "(a)", "(i)" for subparagraphs
    parent: str | None  # id of the parent paragraph
    section: str | None  # section number ("I") or None
    lead: str | None  # opening phrase: "Recalling", "Also urges"
    text: str
    span: Span
    order: int  # 1-based reading order within the document
    mentions: tuple[Mention, ...] = ()
    citations: tuple[Citation, ...] = ()
    directives: tuple[Directive, ...] = ()
    topics: tuple[TopicHit, ...] = ()


@dataclass(frozen=True)
class FootnoteRef:
    """A further place where an already defined footnote marker is repeated."""

    paragraph: str
    offset: int


@dataclass(frozen=True)
class Footnote:
    """A footnote: marker, text (empty when the source lacks bodies), anchor."""

    marker: str
    text: str
    paragraph: str | None  # id of the paragraph where the marker first stood
    offset: int | None  # offset within that paragraph's text
    span: Span | None  # span of ``text`` in Document.text (None when no body)
    refs: tuple[FootnoteRef, ...] = ()  # later repetitions of the same marker


@dataclass(frozen=True)
class Document:
    """One resolution, read from text, PDF text or Akoma Ntoso XML."""

    meta: Metadata
    text: str
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    source: str = ""  # path of the file read
    format: str = ""  # "flat" | "pdf" | "akn"
    sha256: str = ""  # of the raw bytes read
    warnings: tuple[str, ...] = field(default=())

    def paragraph(self, pid: str) -> Paragraph:
        """Return the paragraph with id ``pid`` (KeyError if absent)."""
        for p in self.paragraphs:
            if p.id == pid:
                return p
        raise KeyError(pid)

    @property
    def operative(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind == "operative")

    @property
    def preambular(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind == "preambular")
