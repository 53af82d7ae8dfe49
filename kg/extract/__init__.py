"""Extract stage: add mentions, citations, directives and topics to a document.

Each extractor is a pure function of the document and returns, per paragraph
id, a tuple of items whose spans are offsets into ``doc.text``:

* :func:`kg.extract.mentions.mentions_for_document`
* :func:`kg.extract.citations.citations_for_document`
* :func:`kg.extract.directives.directives_for_document` (uses the mentions)
* :func:`kg.extract.topics.topics_for_document`

:func:`annotate` runs them all and returns a new immutable document.
"""

from __future__ import annotations

from dataclasses import replace

from kg.model import Document


def annotate(doc: Document) -> Document:
    """Return ``doc`` with every paragraph's extracted items filled in."""
    from kg.extract.citations import citations_for_document
    from kg.extract.directives import directives_for_document
    from kg.extract.mentions import mentions_for_document
    from kg.extract.topics import topics_for_document

    mentions = mentions_for_document(doc)
    citations = citations_for_document(doc)
    directives = directives_for_document(doc, mentions)
    topics = topics_for_document(doc)
    paragraphs = tuple(
        replace(
            p,
            mentions=tuple(mentions.get(p.id, ())),
            citations=tuple(citations.get(p.id, ())),
            directives=tuple(directives.get(p.id, ())),
            topics=tuple(topics.get(p.id, ())),
        )
        for p in doc.paragraphs
    )
    return replace(doc, paragraphs=paragraphs)
