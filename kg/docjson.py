"""The JSON shape of ``dckg extract``: a document model as plain dicts.

>>> from kg.model import Document, Metadata
>>> meta = Metadata(symbol="A/RES/1/1", body="GA")
>>> d = document_to_dict(Document(meta=meta, text="", paragraphs=()))
>>> d["symbol"], d["paragraphs"]
('A/RES/1/1', [])
"""

from __future__ import annotations

from typing import Any

from kg.model import Document, Paragraph


def paragraph_to_dict(p: Paragraph) -> dict[str, Any]:
    """One paragraph with its extracted items (keys fixed by the CLI contract)."""
    return {
        "id": p.id,
        "kind": p.kind,
        "number": p.number,
        "label": p.label,
        "parent": p.parent,
        "section": p.section,
        "lead": p.lead,
        "text": p.text,
        "span": list(p.span),
        "mentions": [
            {"entity": m.entity, "type": m.type, "text": m.text, "span": list(m.span), "via": m.via}
            for m in p.mentions
        ],
        "citations": [
            {
                "target": c.target,
                "body": c.body,
                "kind": c.kind,
                "text": c.text,
                "span": list(c.span),
                "resolved": c.resolved,
                "footnote": c.in_footnote,
            }
            for c in p.citations
        ],
        "directives": [
            {
                "verb": d.verb,
                "lemma": d.lemma,
                "strength": d.strength,
                "addressees": list(d.addressees),
                "concerns": list(d.concerns),
                "action": d.action,
                "span": list(d.span),
                "known": d.known,
            }
            for d in p.directives
        ],
        "topics": [
            {"topic": t.topic, "evidence": t.evidence, "span": list(t.span)} for t in p.topics
        ],
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The whole document model in the shape ``dckg extract`` prints."""
    m = doc.meta
    return {
        "symbol": m.symbol,
        "title": m.title,
        "body": m.body,
        "adopted": m.adopted,
        "session": m.session,
        "agenda_item": m.agenda_item,
        "committee": m.committee,
        "committee_report": m.committee_report,
        "meeting": m.meeting,
        "meeting_record": m.meeting_record,
        "draft": m.draft,
        "subjects": [{"label": s.label, "iri": s.iri} for s in m.subjects],
        "sections": [
            {"number": s.number, "title": s.title, "span": list(s.span)} for s in doc.sections
        ],
        "paragraphs": [paragraph_to_dict(p) for p in doc.paragraphs],
        "footnotes": [
            {
                "marker": f.marker,
                "text": f.text,
                "paragraph": f.paragraph,
                "offset": f.offset,
                "span": list(f.span) if f.span else None,
                "refs": [{"paragraph": r.paragraph, "offset": r.offset} for r in f.refs],
            }
            for f in doc.footnotes
        ],
        "source": doc.source,
        "format": doc.format,
        "sha256": doc.sha256,
        "warnings": list(doc.warnings),
    }
