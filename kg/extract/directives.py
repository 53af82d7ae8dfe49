"""Directives: what each paragraph asks, of whom, and how strongly.

An operative paragraph holds one or more *acts* ("Notes that ..., reaffirms
..., encourages it to ..., urges Member States to ..."); each act becomes one
:class:`~kg.model.Directive` with its printed verb, its lemma, a strength, its
addressees, the bodies/instruments it concerns and its action text.

Strength scale (0-5), the project's documented scale
-----------------------------------------------------
* **5** — decides, establishes, authorizes, adopts, proclaims, declares (and
  approves, appropriates, resolves, endorses ...): determinative acts.
* **4** — requests / directs / instructs / entrusts addressed to the
  Secretary-General, UNODC or any other body (an addressee of type ``body``;
  also when no addressee is named, the adopting body being one).
* **3** — urges, calls upon, calls for, demands, appeals to; requests
  addressed to States or other actor groups.  "Reiterates its call upon" ->
  lemma ``call upon``, 3.
* **2** — recommends, encourages, invites, suggests.
* **1** — welcomes, notes, takes note, recognizes, emphasizes, stresses,
  reaffirms, recalls, acknowledges, underlines, expresses, considers, looks
  forward, commends, reiterates, supports, condemns, ... (positions).
* **0** — preambular paragraphs: one directive whose verb is the opening
  phrase ("recalling" -> ``recall``, "gravely concerned" -> ``be concerned``).

Adverbs ("also", "further", "strongly", "once again") stay in ``verb`` but
never change the lemma or the strength.  The lexicon (forms, adverbs,
connectors, qualifiers) is data: ``kg/data/verbs.jsonl``.

Rules
-----
* A new act starts at ", <verb>", "; <verb>", ", and <verb>", "and
  therefore <verb>" (connectors as data), where <verb> is a present-tense
  verb of the lexicon; participles ("taking into account") never start acts.
  Verbs that are also plural nouns ("requests", "demands") need a verb-like
  continuation (not "and", "of", "for", a past participle ...).
* Addressees: the chain of actor/body mentions right after a verb that takes
  an addressee ("urges Member States", "calls upon the relevant United
  Nations agencies and entities and other international organizations"),
  skipping appositions (", as the governing body of ..., and the Board"),
  plus parallel ones (", and States parties to implement"); a capitalised
  name no authority entry knows ("UN-Women") is skipped inside the chain.
  Compound verbs ("Invites and encourages all States to") share the second
  verb's addressees, concerns and action.  A pronoun
  ("encourages it") is the mentions stage's referent; when that stage left
  it unresolved, the nearest body named before it in the paragraph.  None
  named -> the adopting body (``doc.meta.body``).
* Concerns: bodies, instruments and initiatives mentioned in the act's span
  after its verb, other than its addressees (actor groups never), in order.
* Action: the act's text after verb and addressees; an act with none
  ("Calls upon X, and invites Y, to mainstream ...") shares the next act's.
* A last act ending with ":" that governs subparagraphs is carried by each
  subparagraph (action = its text) and not kept on the parent; recursively.
* Unknown verbs: the act is kept with ``known=False``, strength 1.

Spans: ``doc.text[d.span[0]:d.span[1]]`` is the act's text, from its verb to
the end of the act, separators and closing punctuation excluded.

>>> from kg.model import Metadata
>>> from kg.read.assemble import ParagraphDraft, assemble
>>> doc = assemble(Metadata(symbol="A/RES/1/1", body="GA"), [ParagraphDraft(
...     kind="operative", number="1", text="Notes the report, and also urges States to act;")], [])
>>> states = Mention("States", "actor", "States", (32, 38), "group")
>>> [(d.verb, d.lemma, d.strength, d.addressees) for d in
...  directives_for_document(doc, {"op1": (states,)})["op1"]]
[('notes', 'note', 1, ('GA',)), ('also urges', 'urge', 3, ('States',))]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.errors import KGError
from kg.extract.topics import hyphen_tolerant
from kg.model import Directive, Document, Mention, Paragraph

UNKNOWN_STRENGTH = 1  # an operative verb outside the lexicon: treated as a position
CONCERN_TYPES = ("body", "instrument", "initiative")
ADDRESSEE_TYPES = ("actor", "body")

# Glue allowed around addressee mentions: (name, regex, comment).  Spaces are \s+.
GLUE: tuple[tuple[str, str, str], ...] = (
    (
        "lead",
        r"\s*,?\s*(?:(?:that|to)\s+)?"
        r"(?:(?:all|the|relevant|other|concerned|interested|those|its|their|both|each|every|"
        r"individual|respective|competent|appropriate|also|further|again|,)\s*)*"
        r"(?:(?:meetings?|heads?|secretariats?|Executive\s+Director|Director-General|"
        r"President|Chair(?:person|man)?|members?|governing\s+bod(?:y|ies)|Executive\s+Boards?|"
        r"Bureau|Administrator)\s+of\s+(?:the\s+)?)?",
        "between the verb and the first addressee: 'urges all', 'requests the', 'recommends "
        "that', 'encourages the meetings of' (titles whose holder is the named body)",
    ),
    (
        "link",
        r"\s*(?:\([^()]{1,40}\)\s*)?"
        r"(?:(?:as\s+a\s+whole|other|all|the|relevant|its|their|respective|concerned|of)\b\s*)*"
        r"(?:,|(?:and|or|as\s+well\s+as|including|in\s+particular|particularly|especially|notably|"
        r"inter\s+alia)\b)\s*(?:(?:,|(?:and|or|other|all|the|relevant|its|their|respective|"
        r"concerned|of|including)\b)\s*)*",
        "between two addressees, a coordinator required: 'States and other relevant actors', "
        "'agencies and entities, and other international organizations', 'meetings of HONLEA "
        "and of the Subcommission', 'UN-Women (UN-Women) and other', 'the international "
        "community as a whole, including States' (but not 'X of the Y')",
    ),
    (
        "name",
        r"[A-Z][\w\u2010\u2011'\u2019-]*(?:\s+(?:(?:of|the|for|and|on|in)\s+)*[A-Z][\w\u2010\u2011'\u2019-]*)*"
        r"(?:\s*\([^()]{1,40}\))?",
        "an addressee the authority lists do not know, skipped inside the chain (case-sensitive): "
        "'invites the United Nations Entity for Gender Equality and the Empowerment of Women "
        "(UN-Women) and other relevant United Nations entities'",
    ),
    (
        "apposition",
        r",\s+(?:as|which|who|whose|in\s+its\s+capacity|acting)\b[^;:]{0,300}?,\s+"
        r"(?:and|as\s+well\s+as)\s+(?:(?:the|all|other|relevant)\s+)*",
        "an apposition between two addressees, its mentions skipped: 'the Commission, as the "
        "governing body of the drug programme of UNODC, and the Board to continue'",
    ),
    (
        "parallel",
        r",\s+and\s+(?:(?:all|the|other|relevant)\s+)*",
        "a parallel addressee later in the act, followed by 'to <verb>': 'Urges States that "
        "have not done so to consider ratifying ..., and States parties to implement'",
    ),
)
_RX = {name: rx for name, rx, _ in GLUE}
_GLUE = {name: re.compile(rx, re.IGNORECASE) for name, rx in _RX.items() if name != "name"}
# an unknown capitalised name may stand between the verb or an addressee and the next one
_GLUE["first"] = re.compile(rf"(?i:{_RX['lead']})(?:\s*{_RX['name']}(?i:{_RX['link']}))*")
_GLUE["next"] = re.compile(rf"(?i:{_RX['link']})?(?:\s*{_RX['name']}(?i:{_RX['link']}))*")
_PARALLEL_TO = re.compile(r"\s+to\s+(?!(?:the|a|an|all|their|its|these|those|this|that)\b)\w")
_PRONOUN = re.compile(r"\s*(?:that\s+)?(?:it|him|he|she)\b")
# After a verb that is also a plural noun, these continuations mean "noun".
_NOUN_NEXT = re.compile(
    r"\s*(?:[,;:.)]|(?:and|or|of|for|from|by|to|in|on|at|with|which|are|were|is|was|have|has|"
    r"had|made|received|submitted|related|such|as|verbales?)\b|\w+ed\b)",
    re.IGNORECASE,
)
_TRAIL = re.compile(r"(?:[\s,;:.]|\band\s*$|\bor\s*$)+$")
_QUOTES = re.compile(r"“[^”]*”|\"[^\"]*\"|\([^()]*\)")


@dataclass(frozen=True)
class VerbEntry:
    """One lemma of the verb lexicon."""

    lemma: str
    strength: int
    strength_body: int | None = None
    addressee: bool = False
    inner: bool = True
    noun_risk: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Compiled verb lexicon: phrase regexes and the form -> entry table."""

    operative: re.Pattern[str]  # verb phrase at a position: pre-adverbs, core, post
    preambular: re.Pattern[str]
    boundary: re.Pattern[str]  # separator and connectors before an inner act
    forms: tuple[tuple[re.Pattern[str], VerbEntry], ...]
    participles: tuple[tuple[re.Pattern[str], VerbEntry], ...]


@dataclass(frozen=True)
class _Act:
    start: int  # absolute offsets of the act and of its verb phrase
    end: int
    verb_end: int
    verb: str
    core: str
    entry: VerbEntry | None
    governs: bool  # ends with ":" (may govern subparagraphs)


def _alt(items: Sequence[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


def _phrase(text: str, macros: Mapping[str, str], gap: str) -> str:
    """A lexicon phrase as a regex: spaces admit adverbs, hyphens may be missing."""
    out = []
    for piece in re.split(r"(\{[A-Z]+\})", text):
        if piece.startswith("{") and piece.endswith("}"):
            out.append(macros[piece[1:-1]])
        else:
            out.append(gap.join(hyphen_tolerant(re.escape(w)) for w in piece.split(" ")))
    return "".join(out)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load and compile ``kg/data/verbs.jsonl`` (cached)."""
    path = resources.files("kg.data").joinpath("verbs.jsonl")
    recs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                recs.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise KGError(f"bad JSON: {exc.msg}", path=str(path), where=f"line {n}") from None
    kinds: dict[str, list[dict[str, Any]]] = {}
    for r in recs:
        kinds.setdefault(str(r.get("kind")), []).append(r)
    macros = {str(m["name"]): str(m["value"]).replace(" ", r"\s+") for m in kinds["macro"]}
    pre = _alt(
        [
            hyphen_tolerant(re.escape(str(a["text"]))).replace(r"\ ", r"\s+")
            for a in kinds["adverb"]
            if a["position"] == "pre"
        ]
    )
    post = _alt(
        [
            hyphen_tolerant(re.escape(str(a["text"]))).replace(r"\ ", r"\s+")
            for a in kinds["adverb"]
            if a["position"] == "post"
        ]
    )
    qual = _alt([_phrase(str(q["pattern"]), macros, r"\s+") for q in kinds["qualifier"]])
    conn = _alt([re.escape(str(c["text"])).replace(r"\ ", r"\s+") for c in kinds["connector"]])
    prefixes = {str(p["position"]): str(p["text"]) for p in kinds.get("prefix", [])}
    gap = rf"\s+(?:(?:{pre}|{post})\s+)*"
    forms: list[tuple[str, str, VerbEntry]] = []
    parts: list[tuple[str, str, VerbEntry]] = []
    for v in kinds["verb"]:
        e = VerbEntry(
            lemma=str(v["lemma"]),
            strength=int(str(v["strength"])),
            strength_body=int(str(v["strength_body"])) if "strength_body" in v else None,
            addressee=bool(v.get("addressee", False)),
            inner=bool(v.get("inner", True)),
            noun_risk=bool(v.get("noun_risk", False)),
        )
        vforms = [str(f) for f in v.get("forms") or []]
        vparts = [str(f) for f in v.get("participles") or []]
        if vforms and "operative" in prefixes:
            vforms.append(f"{prefixes['operative']} {e.lemma}")
        if vparts and "preambular" in prefixes and not e.lemma.startswith("be "):
            vparts.append(f"{prefixes['preambular']} {e.lemma}")
        forms += [(f, _phrase(f, macros, gap), e) for f in vforms]
        parts += [(f, _phrase(f, macros, gap), e) for f in vparts]

    def table(
        items: list[tuple[str, str, VerbEntry]],
    ) -> tuple[str, tuple[tuple[re.Pattern[str], VerbEntry], ...]]:
        items = sorted(items, key=lambda t: (-len(t[0]), t[0]))
        core = "|".join(rx for _, rx, _ in items)
        return core, tuple((re.compile(rx, re.IGNORECASE), e) for _, rx, e in items)

    core_op, op_table = table(forms)
    core_pp, pp_table = table(parts)
    tail = rf"(?![\w-])(?P<post>(?:\s+(?:{post}|{qual})(?![\w-]))*)"
    flags = re.IGNORECASE
    return Lexicon(
        operative=re.compile(rf"(?P<pre>(?:(?:{pre})\s+)*)(?P<core>{core_op}){tail}", flags),
        preambular=re.compile(rf"(?P<pre>(?:(?:{pre})\s+)*)(?P<core>{core_pp}){tail}", flags),
        boundary=re.compile(
            rf"(?:[,;](?:\s+and\b)?|\s+and\b)(?:\s*,?\s*(?:{conn})\b\s*,?)*\s+", flags
        ),
        forms=op_table,
        participles=pp_table,
    )


@lru_cache(maxsize=4096)
def _entry(core: str, preambular: bool) -> VerbEntry | None:
    lex = lexicon()
    for rx, e in lex.participles if preambular else lex.forms:
        if rx.fullmatch(core):
            return e
    return None


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _rstrip(text: str, start: int, end: int) -> int:
    """End offset with trailing separators, punctuation and a dangling 'and' removed."""
    m = _TRAIL.search(text, start, end)
    return m.start() if m else end


def _acts(doc: Document, p: Paragraph) -> list[_Act]:
    """Split one paragraph into acts (absolute offsets)."""
    lex, text, base = lexicon(), p.text, p.span[0]
    lead = len(text) - len(text.lstrip())
    starts: list[tuple[int, int, re.Match[str] | None]] = []  # (act start, sep start, verb match)
    m0 = lex.operative.match(text, lead)
    starts.append((lead, lead, m0))
    shielded = [m.span() for m in _QUOTES.finditer(text)]
    for b in lex.boundary.finditer(text, lead + 1):
        if any(s < b.start() < e for s, e in shielded):
            continue
        m = lex.operative.match(text, b.end())
        if m is None or m.start() <= starts[-1][0]:
            continue
        e = _entry(m.group("core").lower(), False)
        if e is None or not e.inner:
            continue
        if e.noun_risk and _NOUN_NEXT.match(text, m.end()):
            continue
        starts.append((b.end(), b.start(), m))
    acts = []
    for i, (s, _, m) in enumerate(starts):
        stop = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        raw_end = len(text[:stop].rstrip())
        end = _rstrip(text, s, stop)
        if m is not None:
            vend = m.end()
            verb = _norm(m.group(0))
            core = m.group("core").lower()
            entry = _entry(core, False)
        else:  # unknown verb: the printed lead, else the first word
            lead_txt = p.lead if p.lead and text[s:].startswith(p.lead) else text[s:].split(" ")[0]
            vend = s + len(lead_txt)
            verb = core = _norm(lead_txt).strip(",;:.") or _norm(lead_txt) or "?"
            entry = None
        acts.append(
            _Act(
                base + s,
                base + max(end, vend),
                base + vend,
                verb,
                core,
                entry,
                text[:raw_end].endswith(":"),
            )
        )
    return acts


def _chain(
    doc: Document, act: _Act, ments: Sequence[Mention], p: Paragraph
) -> tuple[list[Mention], int]:
    """Addressee mentions after the verb of ``act`` and the offset where they end."""
    text = doc.text
    cands = sorted(
        (m for m in ments if m.type in ADDRESSEE_TYPES and act.verb_end <= m.span[0] < act.end),
        key=lambda m: (m.span[0], -m.span[1]),
    )
    chosen: list[Mention] = []
    pos, first, outer = act.verb_end, True, (-1, -1)
    for m in cands:
        if outer[0] <= m.span[0] and m.span[1] <= outer[1]:
            if m.span == outer:
                chosen.append(m)  # same span, several entities
            continue
        gap = text[pos : m.span[0]]
        if first:
            ok = _GLUE["first"].fullmatch(gap) is not None
        else:
            ok = _GLUE["next"].fullmatch(gap) is not None or (
                _GLUE["apposition"].fullmatch(gap) is not None
            )
            if not ok and re.match(r",\s+(?:as|which|who|whose|in\s+its|acting)\b", gap):
                continue  # inside an apposition: look further
        if not ok:
            break
        chosen.append(m)
        outer, pos, first = m.span, m.span[1], False
    pronoun = _PRONOUN.match(text, act.verb_end)
    if not chosen and pronoun:  # a pronoun the mentions stage left unresolved
        before = [m for m in ments if m.type == "body" and m.span[1] <= act.start]
        if before:
            chosen.append(max(before, key=lambda m: m.span[0]))
            pos = pronoun.end()
    if chosen:  # parallel addressees further on: ", and States parties to implement"
        # The first glue after ``pos`` is searched for before each candidate.  A glue
        # holds one comma, its first character, so none can start before the last
        # comma of a stretch searched in vain, nor before the first glue found: the
        # next search starts there (not at ``pos`` again, which made a paragraph of
        # many addressees without glue quadratic; see tests/test_hardening.py).
        lo = pos
        for m in cands:
            if m.span[0] <= pos:
                continue
            g = _GLUE["parallel"].search(text, lo, m.span[0])
            if g is None:
                comma = text.rfind(",", lo, m.span[0])
                lo = comma if comma >= 0 else m.span[0]
                continue
            lo = g.start()
            if g.end() == m.span[0] and _PARALLEL_TO.match(text, m.span[1]):
                chosen.append(m)
    return chosen, pos


@dataclass(frozen=True)
class _Result:
    directive: Directive
    entry: VerbEntry | None
    bare: bool  # nothing follows the verb ("Invites and encourages ...": "Invites")
    to_body: bool  # an addressee is a body


def _strength(entry: VerbEntry | None, to_body: bool) -> int:
    if entry is None:
        return UNKNOWN_STRENGTH
    return entry.strength_body if (to_body and entry.strength_body) else entry.strength


def _directive(doc: Document, act: _Act, ments: Sequence[Mention], p: Paragraph) -> _Result:
    """The directive of one act."""
    entry = act.entry
    named: list[Mention] = []
    action_from = act.verb_end
    if entry is not None and entry.addressee:
        named, action_from = _chain(doc, act, ments, p)
    addressees = _unique(m.entity for m in named if m.entity != "unknown")
    to_body = not addressees or any(m.type == "body" for m in named)
    if not addressees:
        addressees = (doc.meta.body,)
    d = Directive(
        verb=act.verb,
        lemma=entry.lemma if entry else unknown_lemma(act.core),
        strength=_strength(entry, to_body),
        addressees=addressees,
        concerns=_concerns(ments, act.verb_end, act.end, addressees),
        action=doc.text[action_from : act.end].lstrip(" ,:;"),
        span=(act.start, act.end),
        known=entry is not None,
    )
    return _Result(d, entry, act.end <= act.verb_end, to_body)


def _share(results: list[_Result]) -> list[Directive]:
    """Acts without their own object share the next act's.

    "Invites and encourages all States to ...": "Invites" takes the addressees
    (verbs that take one), concerns and action of "encourages"; "Calls upon X,
    and invites Y, to mainstream ...": the first act takes the action.
    """
    out = []
    for i, r in enumerate(results):
        d = r.directive
        nxt = next((n for n in results[i + 1 :] if not n.bare), None)
        if nxt is not None and r.bare:
            n = nxt.directive
            if r.entry is not None and r.entry.addressee:
                d = replace(d, addressees=n.addressees, strength=_strength(r.entry, nxt.to_body))
            d = replace(d, action=n.action, concerns=_unique((*d.concerns, *n.concerns)))
        elif nxt is not None and not d.action:
            d = replace(
                d,
                action=next(
                    (n.directive.action for n in results[i + 1 :] if n.directive.action), ""
                ),
            )
        out.append(d)
    return out


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    """Distinct items in first-seen order."""
    return tuple(dict.fromkeys(items))


def _concerns(
    ments: Sequence[Mention], start: int, end: int, exclude: tuple[str, ...]
) -> tuple[str, ...]:
    """Bodies, instruments, initiatives in [start, end) (after the verb: the "its" of
    "Reiterates its call upon" is the adopting body itself), addressees excluded."""
    inside = sorted(
        (m for m in ments if m.type in CONCERN_TYPES and start <= m.span[0] and m.span[1] <= end),
        key=lambda m: m.span,
    )
    return _unique(m.entity for m in inside if m.entity != "unknown" and m.entity not in exclude)


def _preambular(doc: Document, p: Paragraph, ments: Sequence[Mention]) -> Directive:
    """The one strength-0 directive of a preambular paragraph."""
    lex, text, base = lexicon(), p.text, p.span[0]
    s = len(text) - len(text.lstrip())
    m = lex.preambular.match(text, s)
    entry = _entry(m.group("core").lower(), True) if m else None
    if p.lead and text[s:].startswith(p.lead):
        verb_end = s + len(p.lead)
        lm = lex.preambular.match(p.lead)
        entry = _entry(lm.group("core").lower(), True) if lm else entry
    elif m is not None:
        verb_end = m.end()
    else:
        verb_end = s + len(text[s:].split(" ")[0])
    verb = _norm(text[s:verb_end]).strip(",;:.") or _norm(text[s:verb_end]) or "?"
    end = max(_rstrip(text, s, len(text)), verb_end)
    return Directive(
        verb=verb,
        lemma=entry.lemma if entry else unknown_lemma(verb),
        strength=0,
        addressees=(doc.meta.body,),
        concerns=_concerns(ments, base + verb_end, base + end, (doc.meta.body,)),
        action=text[verb_end:end].lstrip(" ,"),
        span=(base + s, base + end),
        known=entry is not None,
    )


def _carried(
    doc: Document, template: Directive, q: Paragraph, ments: Sequence[Mention]
) -> Directive:
    """A governing act carried by subparagraph ``q``: its text is the action."""
    s = len(q.text) - len(q.text.lstrip())
    end = _rstrip(q.text, s, len(q.text))
    if end <= s:  # nothing but punctuation: the whole text
        s, end = 0, len(q.text)
    span = (q.span[0] + s, q.span[0] + end)
    return replace(
        template,
        action=doc.text[span[0] : span[1]],
        span=span,
        concerns=_concerns(ments, span[0], span[1], template.addressees),
    )


_LEMMA_WORDS = re.compile(r"[a-z][a-z'-]*")


def unknown_lemma(printed: str) -> str:
    """A lemma for a verb missing from the lexicon: its lower-case words, else "unknown".

    The printed phrase can hold punctuation or a connector the lexicon lacks
    ("In that regard, notes", a stray "."); the lemma keeps only words, so it
    always has the lemma's shape (lower-case words) and ``known=False`` says
    it was not looked up.

    >>> unknown_lemma("in that regard, notes"), unknown_lemma("."), unknown_lemma("Resolves")
    ('in that regard notes', 'unknown', 'resolves')
    """
    words = _LEMMA_WORDS.findall(printed.lower())
    return " ".join(words) if words else "unknown"


def directives_for_document(
    doc: Document, mentions: Mapping[str, Sequence[Mention]]
) -> dict[str, tuple[Directive, ...]]:
    """Directives per paragraph id (paragraphs without any are left out)."""
    children: dict[str, list[Paragraph]] = {}
    for q in doc.paragraphs:
        if q.parent:
            children.setdefault(q.parent, []).append(q)
    carried: dict[str, Directive] = {}
    out: dict[str, tuple[Directive, ...]] = {}
    lex = lexicon()
    for p in doc.paragraphs:
        ments = tuple(mentions.get(p.id, ()))
        found: list[Directive] = []
        governing: Directive | None = None
        if p.kind == "preambular":
            found.append(_preambular(doc, p, ments))
        elif p.id in carried:
            if p.text.rstrip().endswith(":") and children.get(p.id):
                governing = carried[p.id]
            elif p.text:
                found.append(_carried(doc, carried[p.id], p, ments))
        elif p.kind == "operative" or (
            p.text[:1].isupper() and lex.operative.match(p.text.lstrip())
        ):
            acts = _acts(doc, p)
            results = _share([_directive(doc, a, ments, p) for a in acts])
            if acts and acts[-1].governs and children.get(p.id):
                governing = results.pop()
            found.extend(results)
        if governing is not None:
            for q in children[p.id]:
                carried[q.id] = governing
        if found:
            out[p.id] = tuple(found)
    return out
