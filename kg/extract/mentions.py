"""Mentions of authority entries (bodies, instruments, initiatives, actor groups).

:func:`mentions_for_document` returns, per paragraph id, the mentions found in
the paragraph's text, sorted by span; spans are offsets into ``doc.text``.
Footnote texts are not paragraphs and are skipped (citations handle them).

What counts as a mention (``via``):

``name`` / ``acronym``
    a name or acronym of :mod:`kg.extract.authority`.  When a name lies inside
    a longer name of another entry, both are mentioned ("Action Plan for the
    Implementation of the Declaration on the Guiding Principles of Drug
    Demand Reduction" -> ActionPlanDemandReduction and
    DemandReductionDeclaration).  Actor groups never nest: "Member States" is
    not also "States".  A name inside one of its entry's ``exclude`` phrases
    is no mention ("United States").
``group``
    a collective name: "the three international drug control conventions"
    gives SingleConvention1961, Convention1971 and Convention1988, one
    mention each with the same span.
``short form``
    "the Board", "the Office", "the Commission", ... resolved to an antecedent.
    For a bare form "the <Head>" the most recent capitalised occurrence of
    <Head> decides, searching back in the paragraph, then in earlier
    paragraphs: inside a name of an entry that owns the short form -> that
    entry; inside any other name ("International Opium Commission", "World
    Health Assembly", "Office of Counter-Terrorism", see ``BLOCKERS``) -> no
    mention.  A qualified form ("the 1988 Convention", "the Joint
    Programme") takes the most recent mention of an entry owning it.  With no
    antecedent, the adopting body is the referent when it owns the form ("the
    Assembly" in a General Assembly resolution); otherwise there is no mention,
    and a form first met without antecedent is the document's own term for
    something else ("the Convention" = the Convention on the Law of the Sea in
    the oceans resolutions): from then on only an antecedent in the same
    paragraph resolves it.  "the Office of ..." / "the Board of Auditors" are
    not short forms at all.
``pronoun``
    "it" / "its", conservatively.  The window is the current clause up to the
    pronoun (clauses end at , ; :) or, when that mentions no possible referent
    or rival, the preceding clause and the current one.  The pronoun is
    resolved when that window mentions exactly one body and nothing else
    that could be its referent: no instrument or initiative, no body named
    only as the issuer of a cited resolution ("Economic and Social Council
    resolution 1996/20"), and no capitalised word outside the mentions
    ("granted to Tokelau by the World Health Organization for its policy").
    Actor groups and the Secretary-General (an office held by a person) are
    ignored: they are "they" and "he or she".
    Resolved pronouns count as mentions for later windows, so chains
    ("reaffirms the importance of its work, encourages it to continue")
    follow.  "it" must be the object of a verb that addresses a body
    ("encourages it", "to enable it") or a subject ("so that it may");
    expletive "it is ..." and objects such as "to rescind it" are skipped.
    In "X and its Y" only a body right before "and" can be the referent
    ("the Office and its regional offices"; not "money-laundering and its
    possible links").  In a subparagraph that continues an act ("requests
    the Office to continue: (c) To increase its assistance"), a pronoun right
    after an infinitive ("To increase its", "to include in its", "to allow
    it") refers to the one body addressed in the parent's last two clauses
    when the window offers no other body than the adopting one.
``self``
    the adopting body referring to itself (its id is ``doc.meta.body``):
    "its" right after a verb of stance at the start of the clause ("Reaffirms
    its resolve", "and reaffirming its resolution 73/183", "Expressing its
    appreciation"), or "its resolution(s)/decision(s) <symbol>" with an empty
    window ("Recalling that, in its resolution 62/176").  Consumers that
    want only third parties drop ``via == "self"``.

>>> from kg.model import Metadata
>>> from kg.read.assemble import ParagraphDraft, assemble
>>> doc = assemble(Metadata("A/RES/1/1", "GA"), [ParagraphDraft("operative", "1",
...     "Encourages the International Narcotics Control Board to continue its work, and "
...     "urges Member States to support the Board;")], [])
>>> [(m.entity, m.text, m.via) for m in mentions_for_document(doc)["op1"]]
[('INCB', 'International Narcotics Control Board', 'name'), ('INCB', 'its', 'pronoun'), \
('MemberStates', 'Member States', 'name'), ('INCB', 'the Board', 'short form')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kg.extract.authority import Authority, NameHit, load_authority, name_key
from kg.model import Document, Mention, Paragraph

# Context rules: (name, regex, comment).  "{heads}" is filled with the head
# nouns of the bare short forms in the data ("Board|Commission|Office|...").
BLOCKERS: tuple[tuple[str, str, str], ...] = (
    (
        "name-ends-in-head",
        r"(?<![\w\-])(?!The\b)(?:[A-Z][\w'\u2019\-]*|\d{4})\s+(?P<head>{heads})(?![\w\-])",
        "a capitalised word before the head noun: 'International Opium Commission', "
        "'World Health Assembly', 'Programme Coordinating Board', 'World Food Programme'",
    ),
    (
        "name-continues",
        r"(?<![\w\-])(?P<head>{heads})\s+(?:of|on|for|against)\s+(?:the\s+)?[A-Z]",
        "the head noun opens a longer name: 'Office of Counter-Terrorism', "
        "'Commission on the Status of Women', 'Programme of Action', 'Council of Europe'",
    ),
)
CONTEXT: tuple[tuple[str, str, str], ...] = (
    (
        "longer-name",
        r"\s+(?:[A-Z0-9]|(?:of|on|for|against)\s+(?:the\s+)?[A-Z])",
        "after a short form: it heads a longer name ('the Office of the High Commissioner'), "
        "so it is not a short form",
    ),
    (
        "issuer",
        r"\s+(?:resolutions?|decisions?)\b",
        "after a body's name: the body issued a cited text ('Economic and Social Council "
        "resolution 1996/20'); it is then not a pronoun referent",
    ),
    (
        "own-acts",
        r"\s+(?:resolutions?|decisions?)\s+(?:\d+\s*/\s*\d+|\d+\s*(?:[A-Z]\s*)?\([IVXLC]+\)|[A-Z]+-\d+/\d+)",
        "after 'its' with an empty window: the adopting body's own acts ('in its resolution "
        "62/176', 'its resolution 3281 (XXIX)'), not 'its resolution MSC.448(99)'",
    ),
    (
        "expletive-after",
        r"\s+(?:is|was|be|been|has\s+been|will\s+be|would\s+be|should\s+be|remains|seems|appears)\b",
        "'it is necessary', 'that it be disseminated': expletive or non-body 'it'",
    ),
    (
        "it-object",
        r"\b(?:encourag|enabl|allow|request|invit|urg|call\w*\s+upon|ask|assist|support|help|"
        r"empower|mandat|authoriz|entrust|provid|permit|inform|advis|direct|instruct)\w*\s+$",
        "'it' as the object of a verb that addresses a body: 'encourages it', 'to enable it'; "
        "'to apply it', 'to rescind it' (a text) are skipped",
    ),
    (
        "it-subject",
        r"(?:^|[,;:]\s*|\b(?:that|which|as|where|when|whereby|because|since|while|if|until)\s+)$",
        "'it' as a subject: 'so that it may conduct', 'in which it welcomed'",
    ),
    (
        "self-cue",
        r"\s*(?:and\s+)?(?:[a-z]+s\s+and\s+)?(?:(?:also|further|again|once\s+again|strongly)\s+)?"
        r"(?i:reaffirm|reiterat|express|recall|renew|reconfirm|confirm|affirm|stress|underlin|"
        r"emphasiz|pledg|extend|convey|declar|record|reserv)\w*\s+"
        r"(?:(?:also|further|again|once\s+again)\s+)?$",
        "(matched at the clause start) a verb of the adopting body's stance, 'its': its "
        "own ('Reaffirms its resolve', 'and reaffirming its resolution', 'Expressing its "
        "appreciation'); not 'recognizing its importance' or 'during its session'",
    ),
    (
        "coordinated",
        r"\b(?:and|or)\s+$",
        "'X and its Y': 'its' refers to X, so X must be the body ('the Office and its "
        "regional offices'; not 'money-laundering and its possible links')",
    ),
    (
        "infinitive",
        r"\b[Tt]o\s+[a-z]+\s+(?:(?:in|on|for|to|with|from|within|by|into)\s+)?$",
        "in a subparagraph: 'To increase its', 'to include in its', 'to allow it' -- the "
        "subject of the infinitive is the body the parent addresses",
    ),
    (
        "proper-noun",
        r"(?<![\w\-])(?!(?:January|February|March|April|May|June|July|August|September|October|"
        r"November|December)\b)[A-Z][\w\-]*",
        "a capitalised word in the window outside any mention ('Tokelau', 'Israel', 'the "
        "President of'): a possible referent we do not know, so the pronoun is left alone",
    ),
)
_RX = {name: re.compile(rx) for name, rx, _ in CONTEXT}
PRONOUN = re.compile(r"(?<![\w\-])(?:it|its)(?![\w\-'\u2019])")
CLAUSE_BREAK = re.compile(r"[,;:]")
CLAUSE_BREAKS = ",;:"  # the characters of CLAUSE_BREAK, for searching back with rfind
# A pronoun's window never reaches further back than this, whatever the clause
# breaks: the longest window before a pronoun in the AKN corpus (two clauses)
# has 698 characters, and text without clause breaks (hostile input: 80,000
# characters of "its its ...") made the search quadratic.
MAX_WINDOW = 1000


@dataclass(frozen=True)
class _M:
    """A mention with offsets local to the paragraph text."""

    start: int
    end: int
    entity: str
    via: str


@dataclass(frozen=True)
class _Occurrence:
    """A capitalised head noun: inside names (``owners`` = their entities) or a blocker."""

    pos: int  # offset in doc.text
    head: str
    entities: tuple[str, ...]  # innermost first; empty for a blocker


@dataclass
class _State:
    """What earlier paragraphs of the document left behind."""

    body: str
    occurrences: list[_Occurrence] = field(default_factory=list)
    named: list[tuple[int, str]] = field(default_factory=list)  # (doc offset, entity)
    forms: set[str] = field(default_factory=set)  # short forms met so far ("the convention")
    foreign: set[str] = field(default_factory=set)  # first met without antecedent


def mentions_for_document(doc: Document) -> dict[str, tuple[Mention, ...]]:
    """Mentions per paragraph id, sorted by span (offsets into ``doc.text``)."""
    a = load_authority()
    bare = _bare_heads(a)
    blockers = [re.compile(rx.replace("{heads}", "|".join(sorted(bare)))) for _, rx, _ in BLOCKERS]
    state = _State(body=doc.meta.body)
    by_id = {p.id: p for p in doc.paragraphs}
    out: dict[str, tuple[Mention, ...]] = {}
    for p in doc.paragraphs:
        local = _paragraph(a, p, state, bare, blockers, by_id, out)
        base = p.span[0]
        out[p.id] = tuple(
            Mention(
                m.entity,
                a.type_of(m.entity),
                p.text[m.start : m.end],
                (base + m.start, base + m.end),
                m.via,
            )
            for m in sorted(local, key=lambda m: (m.start, m.end))
        )
    return out


def _bare_heads(a: Authority) -> set[str]:
    return {s.split()[1] for e in a.entries for s in e.short_forms if len(s.split()) == 2}


def _paragraph(
    a: Authority,
    p: Paragraph,
    state: _State,
    bare: set[str],
    blockers: list[re.Pattern[str]],
    by_id: dict[str, Paragraph],
    out: dict[str, tuple[Mention, ...]],
) -> list[_M]:
    text, base = p.text, p.span[0]
    names = _names(a, text)
    occurrences = _occurrences(a, text, base, names, bare, blockers)
    found: list[_M] = []
    for m in names:
        via = "group" if a.get(m.entity).members else m.via
        found.extend(_M(m.start, m.end, x, via) for x in a.expand(m.entity))
    found.extend(_short_forms(a, text, base, names, occurrences, state))
    state.occurrences.extend(occurrences)
    state.named.extend((base + m.start, m.entity) for m in names)
    found.extend(_pronouns(a, p, found, state.body, by_id, out))
    return found


# ------------------------------------------------------------------ names


def _names(a: Authority, text: str) -> list[_M]:
    """Names and acronyms, nested names kept, actor groups never nested, exclusions applied."""
    top = a.find_names(text)
    hits: list[NameHit] = list(top)
    for h in top:
        if not any(a.type_of(x) == "actor" for x in h.entities):
            hits.extend(a.names_inside(text, h.start, h.end))
    kept: list[_M] = []
    open_: list[_M] = []  # kept mentions that later hits (sorted by start) may overlap
    for h in sorted(hits, key=lambda h: (h.start, h.start - h.end)):
        open_ = [k for k in open_ if k.end > h.start]  # the others end before every later hit
        for entity in h.entities:
            m = _M(h.start, h.end, entity, h.via)
            if _fits(a, m, open_):
                kept.append(m)
                open_.append(m)
    excluded = [
        (x.start(), x.end(), set(a.lookup("exclude", x.group())))
        for x in a.exclude_pattern.finditer(text)
    ]
    return [
        m
        for m in kept
        if not any(s <= m.start and m.end <= e and m.entity in ids for s, e, ids in excluded)
    ]


def _fits(a: Authority, m: _M, kept: list[_M]) -> bool:
    """May ``m`` join ``kept``?  No crossing spans; nesting only of different non-actors."""
    for k in kept:
        if m.end <= k.start or k.end <= m.start:
            continue
        inside = k.start <= m.start and m.end <= k.end
        if not inside:
            return False
        if m.entity == k.entity or "actor" in (a.type_of(m.entity), a.type_of(k.entity)):
            return False
    return True


# ------------------------------------------------------------ short forms


def _occurrences(
    a: Authority,
    text: str,
    base: int,
    names: list[_M],
    bare: set[str],
    blockers: list[re.Pattern[str]],
) -> list[_Occurrence]:
    """Head nouns of bare short forms inside names, acronyms standing for them, blockers."""
    head_rx = re.compile(r"\b(" + "|".join(sorted(bare)) + r")\b")
    found: dict[tuple[int, str], list[_M]] = {}
    for m in names:
        if a.type_of(m.entity) == "actor":
            continue
        if m.via == "acronym":
            for s in a.get(m.entity).short_forms:
                if s.split()[-1] in bare and len(s.split()) == 2:
                    found.setdefault((m.start, s.split()[1]), []).append(m)
            continue
        for h in head_rx.finditer(text, m.start, m.end):
            found.setdefault((h.start(), h.group()), []).append(m)
    occ = [
        _Occurrence(
            base + pos, head, tuple(x.entity for x in sorted(ms, key=lambda x: x.end - x.start))
        )
        for (pos, head), ms in found.items()
    ]
    covered = [(m.start, m.end) for m in names if a.type_of(m.entity) != "actor"]
    for rx in blockers:
        for b in rx.finditer(text):
            pos = b.start("head")
            if not any(s <= pos < e for s, e in covered):
                occ.append(_Occurrence(base + pos, b.group("head"), ()))
    return sorted(occ, key=lambda o: o.pos)


def _short_forms(
    a: Authority,
    text: str,
    base: int,
    names: list[_M],
    occurrences: list[_Occurrence],
    state: _State,
) -> list[_M]:
    out: list[_M] = []
    for m in a.short_form_pattern.finditer(text):
        if any(n.start < m.end() and m.start() < n.end for n in names):
            continue
        if _RX["longer-name"].match(text, m.end()):
            continue
        form = name_key(m.group())
        owners = a.lookup("short", m.group())
        words = m.group().split()
        here = [o for o in occurrences if o.pos < base + m.start()]
        named = [(base + n.start, n.entity) for n in names if n.start < m.start()]
        foreign = form in state.foreign  # the document uses the form for something else
        if not foreign:
            here, named = state.occurrences + here, state.named + named
        if len(words) == 2:
            entity = _bare_referent(words[1], owners, here)
        else:
            entity = next((x for _, x in reversed(named) if x in owners), None)
        if entity is None and not foreign and state.body in owners:
            entity = state.body
        if entity:
            out.append(_M(m.start(), m.end(), entity, "short form"))
        elif form not in state.forms:
            state.foreign.add(form)
        state.forms.add(form)
    return out


def _bare_referent(head: str, owners: tuple[str, ...], earlier: list[_Occurrence]) -> str | None:
    """Referent of "the <head>"; "" when a blocker or a non-owner name stands in the way."""
    for o in reversed(earlier):
        if o.head != head:
            continue
        return next((x for x in o.entities if x in owners), "")
    return None


# --------------------------------------------------------------- pronouns


def _pronouns(
    a: Authority,
    p: Paragraph,
    found: list[_M],
    body: str,
    by_id: dict[str, Paragraph],
    out: dict[str, tuple[Mention, ...]],
) -> list[_M]:
    text = p.text
    known = sorted(found, key=lambda m: m.start)
    known_starts = [m.start for m in known]
    resolved: list[_M] = []  # in order of start, as pronouns are met
    resolved_starts: list[int] = []
    kinds: dict[tuple[str, int], str] = {}  # what each mention can be, see _referents
    for pm in PRONOUN.finditer(text):
        s, e, word = pm.start(), pm.end(), pm.group()
        if word == "it" and (
            _RX["expletive-after"].match(text, e)
            or not (
                _RX["it-object"].search(text, max(0, s - 40), s)
                or _RX["it-subject"].search(text, max(0, s - 20), s)
            )
        ):
            continue
        lo = max(0, s - MAX_WINDOW)  # no window starts before this
        clause = _clause_start(text, s, lo)
        if word == "its" and _RX["self-cue"].match(text, clause, s):
            if body in a:
                resolved.append(_M(s, e, body, "self"))
                resolved_starts.append(s)
            continue
        near = (
            known[bisect.bisect_left(known_starts, lo) : bisect.bisect_left(known_starts, s)]
            + resolved[bisect.bisect_left(resolved_starts, lo) :]
        )  # mentions starting before ``lo`` lie outside every window
        pool = [m for m in near if m.via != "self" and m.end <= s]
        coordinated = _RX["coordinated"].search(text, max(0, s - 10), s)
        if coordinated:  # only the mention right before "and its" can be the referent
            pool = [m for m in pool if not text[m.end : coordinated.start()].strip()]
            if not pool:
                continue
        # the current clause decides when it mentions anything; else add the one before
        window = clause
        seen = [m for m in pool if m.start >= window]
        candidates, rivals = _referents(a, text, seen, kinds)
        if not (candidates or rivals) and clause > lo:
            window = _clause_start(text, clause - 1, lo)
            seen = [m for m in pool if m.start >= window]
            candidates, rivals = _referents(a, text, seen, kinds)
        if _unknown_names(text, window, s, seen):
            continue
        infinitive = p.kind == "subparagraph" and _RX["infinitive"].search(text, max(0, s - 40), s)
        if infinitive and (not candidates or candidates == {body}) and not rivals:
            subject = _governing_subject(a, p, by_id, out)
            if subject:
                resolved.append(_M(s, e, subject, "pronoun"))
                resolved_starts.append(s)
                continue
        if len(candidates) == 1 and not rivals:
            resolved.append(_M(s, e, candidates.pop(), "pronoun"))
            resolved_starts.append(s)
        elif (
            not (candidates or rivals)
            and word == "its"
            and body in a
            and _RX["own-acts"].match(text, e)
        ):
            resolved.append(_M(s, e, body, "self"))
            resolved_starts.append(s)
    return resolved


def _unknown_names(text: str, start: int, end: int, seen: list[_M]) -> bool:
    """Is there a capitalised word in ``text[start:end]`` outside the mentions ``seen``?"""
    spans = sorted((m.start, m.end) for m in seen)
    i, reach = 0, -1  # reach: the furthest end of the mentions starting at or before a word
    for w in _RX["proper-noun"].finditer(text, start, end):  # words in order: one sweep
        while i < len(spans) and spans[i][0] <= w.start():
            reach = max(reach, spans[i][1])
            i += 1
        if w.start() == 0 or w.start() < reach:
            continue
        return True
    return False


def _clause_start(text: str, pos: int, floor: int = 0) -> int:
    """Offset just after the last clause break before ``pos``, at least ``floor``.

    (0 if none and no floor.)  Searched back from ``pos``; the search never
    goes below ``floor``.

    >>> _clause_start("Notes, with thanks; its work", 20), _clause_start("a, b c", 6, floor=4)
    (19, 4)
    """
    pos = max(pos, floor)
    return max(floor, max(text.rfind(c, floor, pos) for c in CLAUSE_BREAKS) + 1)


def _referents(
    a: Authority, text: str, seen: list[_M], kinds: dict[tuple[str, int], str] | None = None
) -> tuple[set[str], set[str]]:
    """Bodies that could be "it" and other mentions that rival them.

    Actor groups ("they") and offices held by a person ("he or she") are neither.
    ``kinds`` keeps what each mention (entity, end) was found to be, for the
    next pronoun of the same paragraph: its window holds mostly the same ones.
    """
    candidates: set[str] = set()
    rivals: set[str] = set()
    for m in seen:
        kind = kinds.get((m.entity, m.end)) if kinds is not None else None
        if kind is None:
            entry = a.get(m.entity)
            if entry.type == "actor" or entry.personal:
                kind = ""
            elif entry.type == "body" and not _RX["issuer"].match(text, m.end):
                kind = "candidate"
            else:
                kind = "rival"
            if kinds is not None:
                kinds[(m.entity, m.end)] = kind
        if kind == "candidate":
            candidates.add(m.entity)
        elif kind:
            rivals.add(m.entity)
    return candidates, rivals - candidates


def _governing_subject(
    a: Authority, p: Paragraph, by_id: dict[str, Paragraph], out: dict[str, tuple[Mention, ...]]
) -> str | None:
    """The one body addressed in the last two clauses of the parent paragraph."""
    parent = by_id.get(p.parent or "")
    while parent is not None:
        text = parent.text.rstrip(" :")
        start = _clause_start(text, _clause_start(text, len(text)) - 1)
        local = [
            _M(m.span[0] - parent.span[0], m.span[1] - parent.span[0], m.entity, m.via)
            for m in out.get(parent.id, ())
            if m.via != "self"
        ]
        candidates, rivals = _referents(a, parent.text, [m for m in local if m.start >= start])
        if len(candidates) == 1 and not rivals:
            return candidates.pop()
        if candidates or rivals or parent.kind != "subparagraph":
            return None
        parent = by_id.get(parent.parent or "")
    return None
