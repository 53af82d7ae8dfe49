"""Question -> :class:`Interpretation`: what a question asks, recognised deterministically.

No model and no guessing: a question is read with the project's own data.

* entities — the authority data, as extraction reads it
  (:func:`kg.extract.authority.entity_lookup`: names, acronyms, historical
  names, "the Board", "the Office on Drugs and Crime");
* topics — the topic scheme ``kg/data/topics.jsonl``: the extraction patterns
  (:func:`kg.extract.topics.topic_hits`) plus the concepts' ids, preferred and
  alternative labels;
* resolution symbols — :func:`kg.extract.citations.find_citations` ("resolution
  61/183", "A/RES/63/197") plus bare numbers ("63/197");
* directive verbs, strength words, years, sessions, intents and the cues that
  give an entity its role — ``kg/data/ask_lexicon.json`` (commented data).

Entity roles: ``addressee`` (the one asked to act: "urge States", "what is
UNODC requested to do", "addressed to UNODC"), ``adopter`` ("General
Assembly resolutions"), ``concern`` (in "who" questions: what the act is
about) or ``mention`` (named anywhere in the paragraph).

>>> i = interpret("which paragraphs address INCB funding")
>>> i.intent, [(m.value, m.role) for m in i.entities], [m.value for m in i.topics]
('paragraphs', [('INCB', 'mention')], ['funding'])
>>> i = interpret("what is the Office on Drugs and Crime requested to do in 2008")
>>> i.intent, [(m.value, m.role) for m in i.entities], i.lemmas, i.years
('tasks', [('UNODC', 'addressee')], ('request',), (2008, 2008))
>>> interpret("what is the weather in Paris").problems[0] == NOTHING
True
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.errors import KGError
from kg.model import Span

__all__ = ["MAX_QUESTION", "NOTHING", "Interpretation", "Match", "interpret", "lexicon"]

MAX_QUESTION = 500  # characters; longer questions are refused, not truncated
NOTHING = (
    "I did not recognise any body, instrument, topic, directive verb, resolution or year "
    "in the question."
)
_GAP_ACTIVE = re.compile(r"\s*(?:(?:all|the|relevant|other|its|their)\s+)*", re.I)
_GAP_PASSIVE = re.compile(
    r"\s*(?:(?:is|are|was|were|be|been|being|has|have|had|also|further|again|most|strongly|repeatedly)\s+)*",
    re.I,
)


@dataclass(frozen=True)
class Match:
    """Something recognised in the question: kind, normalised value, words and span."""

    kind: str  # intent | count | entity | topic | verb | adverb | symbol | year | session
    value: str
    text: str
    span: Span
    role: str = ""  # entity: addressee | adopter | concern | mention; symbol: scope | cited
    type: str = ""  # entity: body | instrument | initiative | actor


@dataclass(frozen=True)
class Interpretation:
    """What a question asks; ``problems`` says why it cannot be answered (then refused)."""

    question: str
    intent: str | None  # paragraphs | resolutions | about | who | tasks | count
    count_what: str | None = None  # directives | paragraphs | resolutions (intent "count")
    entities: tuple[Match, ...] = ()
    topics: tuple[Match, ...] = ()
    verbs: tuple[Match, ...] = ()
    lemmas: tuple[str, ...] = ()  # wanted directive lemmas (empty: any)
    min_strength: int | None = None  # "asked": strength >= 2
    adverb: Match | None = None
    strongest_first: bool = False
    symbols: tuple[Match, ...] = ()
    years: tuple[int, int] | None = None  # inclusive; 0 / 9999 when open-ended
    sessions: tuple[Match, ...] = ()
    matches: tuple[Match, ...] = ()  # everything recognised, in question order
    problems: tuple[str, ...] = field(default=())

    @property
    def understood(self) -> bool:
        return not self.problems

    def role(self, role: str) -> tuple[Match, ...]:
        """Entities of one role."""
        return tuple(m for m in self.entities if m.role == role)

    def scope_symbols(self) -> tuple[str, ...]:
        return tuple(m.value for m in self.symbols if m.role == "scope")

    def cited_symbols(self) -> tuple[str, ...]:
        return tuple(m.value for m in self.symbols if m.role == "cited")

    def describe(self) -> list[str]:
        """One line per thing understood, for ``--explain`` and refusals."""
        lines = [
            f"intent: {self.intent or '(none)'}"
            + (f" ({self.count_what})" if self.count_what else "")
        ]
        for m in self.matches:
            role = f" as {m.role}" if m.role else ""
            lines.append(f"{m.kind}: {m.value}{role}  <- {m.text!r} at {m.span[0]}-{m.span[1]}")
        if self.min_strength is not None:
            lines.append(f"strength: >= {self.min_strength}")
        if self.years is not None:
            lo, hi = self.years
            lines.append(f"years: {lo if lo else '...'}-{hi if hi < 9999 else '...'}")
        return lines

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["understood"] = self.understood
        return d


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The question lexicon ``kg/data/ask_lexicon.json`` with its regexes compiled."""
    path = resources.files("kg.data").joinpath("ask_lexicon.json")
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise KGError(f"bad JSON: {exc.msg}", path=str(path), where=f"line {exc.lineno}") from None
    for key, value in data.items():
        if not isinstance(value, list):
            continue
        for rec in value:
            if isinstance(rec, dict) and "re" in rec:
                try:
                    rec["rx"] = re.compile(r"(?<![\w/-])(?:" + rec["re"] + r")(?![\w/])", re.I)
                except re.error as exc:
                    raise KGError(
                        f"bad regex {rec['re']!r}: {exc}", path=str(path), where=key
                    ) from None
    return data


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in taken)


# ------------------------------------------------------------- recognisers


def _symbols(q: str) -> list[Match]:
    from kg.extract.citations import find_citations

    found = [
        Match("symbol", c.target, c.text, c.span)
        for c in find_citations(q)
        if c.kind == "resolution" and c.resolved
    ]
    taken = [m.span for m in found]
    for rec in lexicon()["symbols"]:
        for m in rec["rx"].finditer(q):
            if not _overlaps(m.span(), taken):
                value = rec["prefix"] + m.group(1).replace(" ", "")
                found.append(Match("symbol", value.upper(), m.group(), m.span()))
                taken.append(m.span())
    cues = [rec["rx"] for rec in lexicon()["cite_cues"]]
    out = []
    for m in found:
        before = re.sub(
            r"(?:resolutions?\s+|A/RES/)$", "", q[max(0, m.span[0] - 80) : m.span[0]], flags=re.I
        )
        cited = any(rx.search(before) for rx in cues)
        out.append(Match(m.kind, m.value, m.text, m.span, "cited" if cited else "scope"))
    return sorted(out, key=lambda m: m.span)


def _entity_span(q: str, entity: str, taken: list[Span]) -> tuple[str, Span]:
    """Where the question names ``entity`` (its own names, or a collective name)."""
    from kg.extract.authority import load_authority

    a = load_authority()
    owners = [a.get(entity)] + [e for e in a.entries if entity in e.members]
    best: tuple[int, int, str] | None = None
    for e in owners:
        for name in (*e.aliases, *e.acronyms, *e.short_forms):
            rx = re.escape(name).replace(r"\ ", r"\s+").replace(r"\-", r"[-\u2010\u2011]?\s?")
            flags = 0 if name in e.acronyms and len(name) < 4 else re.I
            for m in re.finditer(r"(?<![\w-])" + rx + r"(?![^\W\d_])", q, flags):
                cand = (m.start() - m.end(), m.start(), m.group())  # longest, then first
                if not _overlaps(m.span(), taken) and (best is None or cand < best):
                    best = cand
    if best is None:
        return "", (0, 0)
    return best[2], (best[1], best[1] + len(best[2]))


def _entities(q: str, symbols: list[Match]) -> list[Match]:
    from kg.extract.authority import entity_lookup, load_authority

    a = load_authority()
    taken = [m.span for m in symbols]
    out: list[Match] = []
    for entity in entity_lookup(q):
        text, span = _entity_span(q, entity, taken)
        if _overlaps(span, taken):
            continue
        # "Economic and Social Council resolution 1996/20": the issuer of a symbol
        if any(re.fullmatch(r"\s+resolutions?\s+", q[span[1] : s.span[0]]) for s in symbols):
            continue
        out.append(Match("entity", entity, text, span, type=a.get(entity).type))
    return out


@lru_cache(maxsize=1)
def _topic_labels() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(topic id, regex) for the ids, preferred and alternative labels of the scheme."""
    from kg.extract.topics import hyphen_tolerant, load_scheme

    out = []
    for rec in load_scheme():
        tid = str(rec["id"])
        alt = rec.get("altLabels", [])
        labels = [
            tid.replace("-", " "),
            str(rec.get("prefLabel", "")),
            *(alt if isinstance(alt, list) else []),
        ]
        for label in labels:
            rx = hyphen_tolerant(re.escape(label), spaces=True)
            out.append((tid, re.compile(r"(?<![\w-])" + rx + r"(?![\w-])", re.I)))
    return tuple(out)


def _topics(q: str, taken: list[Span]) -> list[Match]:
    from kg.extract.topics import topic_hits

    found: dict[str, Match] = {}
    for h in topic_hits(q):
        if not _overlaps(h.span, taken):
            found.setdefault(h.topic, Match("topic", h.topic, h.evidence, h.span))
    for tid, rx in _topic_labels():
        m = rx.search(q)
        if m and not _overlaps(m.span(), taken):
            old = found.get(tid)
            if old is None or (m.start(), -m.end()) < (old.span[0], -old.span[1]):
                found[tid] = Match("topic", tid, m.group(), m.span())
    matches = sorted(found.values(), key=lambda m: (m.span, m.value))
    # a topic inside a longer topic's words is that topic's evidence, not another topic
    return [
        m
        for m in matches
        if not any(
            o is not m
            and o.span[0] <= m.span[0]
            and m.span[1] <= o.span[1]
            and (o.span[1] - o.span[0]) > (m.span[1] - m.span[0])
            for o in matches
        )
    ]


def _simple(q: str, key: str, kind: str, taken: list[Span]) -> list[tuple[Match, dict[str, Any]]]:
    out = []
    for rec in lexicon()[key]:
        for m in rec["rx"].finditer(q):
            if not _overlaps(m.span(), taken):
                out.append(
                    (Match(kind, m.group(1) if m.groups() else m.group(), m.group(), m.span()), rec)
                )
                taken.append(m.span())
    return out


def _years(q: str, taken: list[Span]) -> tuple[tuple[int, int] | None, list[Match]]:
    lo, hi = 0, 9999
    matches: list[Match] = []
    for rec in lexicon()["years"]:
        for m in rec["rx"].finditer(q):
            if _overlaps(m.span(), taken):
                continue
            taken.append(m.span())
            years = [int(g) for g in m.groups() if g]
            word = m.group().split()[0].lower()
            if rec["kind"] == "range":
                a, b = sorted(years)
                lo, hi = max(lo, a), min(hi, b)
            elif rec["kind"] == "since":
                lo = max(lo, years[0] + (1 if word == "after" else 0))
            elif rec["kind"] == "before":
                hi = min(hi, years[0] - (0 if word == "until" else 1))
            else:
                lo, hi = max(lo, years[0]), min(hi, years[0])
            matches.append(Match("year", "-".join(str(y) for y in years), m.group(), m.span()))
    return ((lo, hi) if matches else None), matches


# ------------------------------------------------------------------ roles


def _passive(verb: Match) -> bool:
    """'requested', 'called upon', 'told': a participle (the entity before it is asked)."""
    return bool(re.match(r"\w+(?:ed|en)\b|told\b", verb.text, re.I))


def _role(q: str, ent: Match, verbs: list[Match], intent: str | None) -> str:
    start, end = ent.span
    if ent.type == "body":
        for rec in lexicon()["adopter_cues"]:
            text = q[end:] if rec["after"] else q[:start]
            m = rec["rx"].search(text)
            if m and (m.start() == 0 if rec["after"] else m.end() == len(text)):
                return "adopter"
    for rec in lexicon()["addressee_cues"]:
        m = rec["rx"].search(q[:start])
        if m and m.end() == start:
            return "addressee"
    for v in verbs:
        if v.span[1] <= start and _GAP_ACTIVE.fullmatch(q[v.span[1] : start]):
            return "addressee"
        if end <= v.span[0] and _GAP_PASSIVE.fullmatch(q[end : v.span[0]]):
            if _passive(v):
                return "addressee"
            if ent.type == "body":  # "does the General Assembly urge ...": who speaks
                return "adopter"
    return "concern" if intent == "who" else "mention"


#: Intents tried in order; the others compete by position ("which paragraphs mention WHO").
_PRIORITY = ("count", "tasks", "about")


def _intent(q: str) -> tuple[Match | None, str | None]:
    found: list[tuple[int, int, Match]] = []
    for n, rec in enumerate(lexicon()["intents"]):
        m = rec["rx"].search(q)
        if m:
            match = Match("intent", rec["intent"], m.group(), m.span())
            if rec["intent"] in _PRIORITY:
                return match, rec["intent"]
            found.append((m.start(), n, match))
    if not found:
        return None, None
    best = min(found, key=lambda t: (t[0], t[1]))[2]
    return best, best.value


def _count_what(q: str, at: int) -> Match | None:
    for rec in lexicon()["count_targets"]:
        m = rec["rx"].search(q, at, at + 40)
        if m:
            return Match("count", rec["what"], m.group(), m.span())
    return None


# ------------------------------------------------------------- interpret


def interpret(question: str) -> Interpretation:
    """Read a question; an :class:`Interpretation` with ``problems`` when it cannot be answered."""
    q = question
    if len(q) > MAX_QUESTION:
        return Interpretation(
            question, None, problems=(f"The question is longer than {MAX_QUESTION} characters.",)
        )
    symbols = _symbols(q)
    entities = _entities(q, symbols)
    taken = [m.span for m in symbols] + [m.span for m in entities]
    verb_recs = _simple(q, "verbs", "verb", taken)
    adverb_recs = _simple(q, "adverbs", "adverb", taken)
    topics = _topics(q, list(taken))
    taken += [m.span for m in topics]
    years, year_matches = _years(q, taken)
    sessions = [m for m, _ in _simple(q, "sessions", "session", taken)]
    intent_match, intent = _intent(q)
    count = _count_what(q, intent_match.span[1]) if intent_match and intent == "count" else None

    verbs = [
        Match("verb", "|".join(rec["lemmas"]) or "asked", m.text, m.span) for m, rec in verb_recs
    ]
    lemmas = tuple(sorted({lemma for _, rec in verb_recs for lemma in rec["lemmas"]}))
    asked = [rec for _, rec in verb_recs if not rec["lemmas"]]
    min_strength = min(rec["min_strength"] for rec in asked) if asked and not lemmas else None
    adverb = adverb_recs[0][0] if adverb_recs else None
    strongest = any(rec["strongest_first"] for _, rec in adverb_recs)
    entities = [
        Match(e.kind, e.value, e.text, e.span, _role(q, e, verbs, intent), e.type) for e in entities
    ]

    content = bool(entities or topics or verbs or any(m.role == "cited" for m in symbols))
    if intent is None and content:
        intent = "paragraphs"
    count_what = None
    if intent == "count":
        count_what = count.value if count else ("directives" if verbs else "paragraphs")

    problems = _problems(q, intent, count, entities, topics, verbs, symbols, years, sessions)
    everything = [
        intent_match,
        count,
        *entities,
        *topics,
        *verbs,
        *symbols,
        *year_matches,
        *sessions,
    ]
    if adverb:
        everything.append(adverb)
    matches = tuple(
        sorted((m for m in everything if m is not None), key=lambda m: (m.span, m.kind))
    )
    return Interpretation(
        question=question,
        intent=intent,
        count_what=count_what,
        entities=tuple(entities),
        topics=tuple(topics),
        verbs=tuple(verbs),
        lemmas=lemmas,
        min_strength=min_strength,
        adverb=adverb,
        strongest_first=strongest,
        symbols=tuple(symbols),
        years=years,
        sessions=tuple(sessions),
        matches=matches,
        problems=tuple(problems),
    )


def _problems(
    q: str,
    intent: str | None,
    count: Match | None,
    entities: list[Match],
    topics: list[Match],
    verbs: list[Match],
    symbols: list[Match],
    years: tuple[int, int] | None,
    sessions: list[Match],
) -> list[str]:
    anything = entities or topics or verbs or symbols or years or sessions
    content = (
        [e for e in entities if e.role != "adopter"]
        or topics
        or verbs
        or [s for s in symbols if s.role == "cited"]
    )
    if intent == "tasks" and not any(e.role == "addressee" for e in entities):
        return [
            "I did not recognise who is asked to act "
            "(name a body or group: UNODC, the Board, Member States)."
        ]
    if intent == "who" and not (verbs or topics or entities):
        return ["Asked to do what? Name a directive verb (urged, requested, invited) or a topic."]
    if intent in ("paragraphs", "about") and not content:
        return ["Paragraphs about what? Name a body, instrument, topic or directive verb."]
    if not anything and not (intent == "count" and count):
        return [NOTHING]
    if years is not None and years[0] > years[1]:
        return ["The years asked for do not overlap."]
    return []
