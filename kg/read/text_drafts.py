"""Drafts with ids from the paragraphs and headings found in a text resolution.

:mod:`kg.read.segment` finds where paragraphs and headings stand in the prose
stream; this module turns them into :class:`~kg.read.assemble.ParagraphDraft`
and :class:`~kg.read.assemble.SectionDraft` objects in reading order, with
the ids the AKN reader gives: preambular "pp1" .. (counted in each part of a
resolution published in parts: "B.pp1"), operative "op12" by printed number,
"op0" for a lead-in before numbered paragraphs, qualified by section where
numbering restarts ("II.op1") and by part ("B.op1"); subparagraphs by label
("op8.a", "op33.a.i") and, in PDF text, unlabelled items by position ("op8.1").

>>> strip_span(" a b \\n", 0, 6)
(1, 4)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kg.read.assemble import Block, ParagraphDraft, SectionDraft
from kg.read.lexicon import Lexicon
from kg.read.patterns import P
from kg.read.sublabels import subparagraphs


@dataclass(eq=False)
class Para:
    """A paragraph found in the stream: kind, printed number and span."""

    kind: str
    number: str | None
    start: int  # span of the paragraph text in the stream
    end: int
    part: str = ""  # part letter of a resolution published in parts ("A", "B")
    chapeau: bool = False  # unnumbered lead-in before numbered paragraphs ("Resolves that:")


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    return start, end


def _lead(text: str, kind: str, lex: Lexicon) -> str | None:
    if kind == "preambular":
        lead = lex.preamble_lead(text)
        if lead is None:
            m = P["opener_general"].match(text)
            lead = m.group("lead") if m else None
        if lead:  # "Reaffirming" + "also" when only the bare form is known
            rest = text[len(lead) :].split(" ", 2)
            if len(rest) > 1 and rest[1] in ("also", "further") and f"{lead} {rest[1]}" == text[
                : len(lead) + 1 + len(rest[1])
            ]:
                lead = f"{lead} {rest[1]}"
        return lead
    if kind == "operative":
        lead = lex.operative_lead(text)
        if lead is None:
            m = P["op_lead_general"].match(text)
            lead = m.group("lead") if m else None
        return lead
    return None


# --- the whole document ---------------------------------------------------


Event = tuple[int, int, "tuple[SectionDraft, str] | Para"]


def drafts(
    text: str,
    markers: list[tuple[int, str]],
    paras: list[Para],
    heads: list[tuple[int, SectionDraft, str]],
    lex: Lexicon,
    *,
    layout: bool = False,
) -> list[Block]:
    """Drafts in reading order, with ids as the AKN reader gives them.

    Preambular paragraphs count from 1 in each part ("B.pp1"); operative ids
    are the printed numbers ("op12"), "op0" for a lead-in before numbered
    paragraphs, "op1", "op2" for unnumbered ones; where numbering restarts
    they are qualified by the section ("II.op1"), and by the part ("B.op1").
    """
    events: list[Event] = [(p.start, 1, p) for p in paras]
    events += [(pos, 0, (sec, part)) for pos, sec, part in heads]
    events.sort(key=lambda e: (e[0], e[1]))
    ops = _operative_ids(events)
    counts = Counter(f"{p.part}.{base}" for p, (_, base) in ops.items())
    restarted = any(n > 1 for n in counts.values())
    blocks: list[Block] = []
    section: str | None = None
    pp = 0
    for _, _, item in events:
        if isinstance(item, tuple):
            sec, part = item
            blocks.append(sec)
            if part and sec.number == part:
                section, pp = None, 0  # a new part
            elif sec.number:
                section = sec.number
            continue
        p = item
        prefix = f"{p.part}." if p.part else ""
        if p.kind == "preambular":
            pp += 1
            pid = f"{prefix}pp{pp}"
            number: str | None = str(pp)
        else:
            number = p.number
            scope, base = ops[p]
            pid = f"{prefix}{scope}.{base}" if restarted and scope else f"{prefix}{base}"
        subs = subparagraphs(text, p.start, p.end)
        kind = "preambular" if p.kind == "preambular" else "operative"
        where = section if kind == "operative" else None
        head_end = subs[0][0] if subs else p.end
        items = _items(text, p.start, head_end) if layout and kind == "operative" else []
        s, e = strip_span(text, p.start, items[0][0] if items else head_end)
        blocks.append(_draft(text, markers, s, e, kind, number, pid, None, None, where, lex))
        blocks += _item_drafts(text, markers, items, pid, where, lex)
        parents = [pid]
        for j, (_, t_start, label, depth) in enumerate(subs):
            nxt = subs[j + 1][0] if j + 1 < len(subs) else p.end
            items = _items(text, t_start, nxt) if layout and kind == "operative" else []
            s, e = strip_span(text, t_start, items[0][0] if items else nxt)
            del parents[depth:]
            parent = parents[-1]
            sid = f"{parent}.{label.strip('()')}"
            parents.append(sid)
            blocks.append(
                _draft(text, markers, s, e, "subparagraph", None, sid, label, parent, where, lex)
            )
            blocks += _item_drafts(text, markers, items, sid, where, lex)
    return blocks


def _items(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Unlabelled items after a lead-in ending with a colon (PDF text, by its breaks).

    "8. Decides that the plenary meetings will be held as follows:" and then,
    each in a paragraph of its own, "Thursday, 2 June: from 9.30 a.m. ...",
    "Friday, 3 June: ...": the items get ids by position ("op8.1", "op8.2").
    """
    cut = text.find(":\n", lo, hi)
    while cut >= 0 and not text[lo:cut].strip(" \n"):
        cut = text.find(":\n", cut + 1, hi)
    if cut < 0:
        return []
    out = []
    pos = cut + 1
    for piece in text[cut + 1 : hi].split("\n"):
        s, e = strip_span(text, pos, pos + len(piece))
        if s < e:
            out.append((s, e))
        pos += len(piece) + 1
    return out


def _item_drafts(
    text: str,
    markers: list[tuple[int, str]],
    items: list[tuple[int, int]],
    parent: str,
    section: str | None,
    lex: Lexicon,
) -> list[Block]:
    return [
        _draft(text, markers, s, e, "subparagraph", None, f"{parent}.{n}", None, parent, section,
               lex)
        for n, (s, e) in enumerate(items, 1)
    ]


def _operative_ids(events: list[Event]) -> dict[Para, tuple[str | None, str]]:
    """(section, id without part and section) of each operative paragraph.

    A lead-in is "op0" when numbered paragraphs of its section follow it;
    otherwise unnumbered paragraphs count "op1", "op2" in their section.
    """
    scoped: list[tuple[Para, str | None]] = []
    section: str | None = None
    for _, _, item in events:
        if isinstance(item, tuple):
            sec, part = item
            if part and sec.number == part:
                section = None
            elif sec.number:
                section = sec.number
        elif item.kind == "operative":
            scoped.append((item, section))
    numbered = {(p.part, scope) for p, scope in scoped if p.number}
    out: dict[Para, tuple[str | None, str]] = {}
    unnumbered: Counter[tuple[str, str | None]] = Counter()
    for p, scope in scoped:
        if p.number:
            out[p] = (scope, f"op{p.number}")
        elif p.chapeau and (p.part, scope) in numbered:
            out[p] = (scope, "op0")
        else:
            unnumbered[(p.part, scope)] += 1
            out[p] = (scope, f"op{unnumbered[(p.part, scope)]}")
    return out


def _draft(
    text: str,
    markers: list[tuple[int, str]],
    s: int,
    e: int,
    kind: str,
    number: str | None,
    pid: str,
    label: str | None,
    parent: str | None,
    section: str | None,
    lex: Lexicon,
) -> ParagraphDraft:
    body = text[s:e].replace("\n", " ")
    anchors = [(mk, pos - s) for pos, mk in markers if s <= pos <= e]
    return ParagraphDraft(
        kind=kind,  # type: ignore[arg-type]
        number=number,
        text=body,
        label=label,
        parent=parent,
        section=section,
        lead=_lead(body, kind, lex),
        id=pid,
        anchors=anchors,
    )
