"""Gold annotations of the two seed resolutions, and the scorer kg.evaluate.

Three groups of tests:

* the gold files are well formed: every id is in the brief's fixed
  vocabularies, strengths follow the brief's scale, each file covers the
  resolution's operative paragraphs in order, and the annotations agree with
  each other (concerns are mentioned, inherited acts are the same on sibling
  subparagraphs, ...);
* kg.evaluate scores small hand-made documents as documented;
* end to end: once the readers and extractors exist, every gold paragraph is in
  the read document, and each field reaches precision and recall >= 0.95 on
  the two seeds together.  These skip ONLY while the modules are not written.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kg.errors import KGError
from kg.evaluate import (
    FIELDS,
    FieldScore,
    Gold,
    GoldParagraph,
    ScoreTable,
    combine,
    differences,
    format_markdown,
    gold_file_name,
    load_gold,
    parse_gold,
    score_document,
)
from kg.model import (
    Citation,
    Directive,
    Document,
    Footnote,
    FootnoteRef,
    Mention,
    Metadata,
    Paragraph,
    ParagraphKind,
    TopicHit,
)
from kg.sample import sample_paths

GOLD_DIR = Path(__file__).resolve().parent / "data" / "gold"
SYMBOLS = ("A/RES/61/183", "A/RES/63/197")
OPERATIVE_COUNT = {"A/RES/61/183": 38, "A/RES/63/197": 48}
AIM = 0.95  # the issue's aim for every field's precision and recall

# ----------------------------------------------------- the brief's vocabularies

# fmt: off
BODIES = frozenset({
    "GA", "ECOSOC", "CND", "CCPCJ", "UNODC", "UNDCP", "INCB", "PCOB", "DSB", "WHO", "UNDP",
    "UNAIDS", "UNICEF", "WorldBank", "IMF", "FATF", "SecretaryGeneral", "SecurityCouncil",
    "HRC", "StatisticalCommission", "HONLEA", "SubcommissionNearMiddleEast", "UNFDAC", "DND"
})
INSTRUMENTS = frozenset({
    "SingleConvention1961", "Protocol1972", "SingleConvention1961Amended", "Convention1971",
    "Convention1988", "UNTOC", "UNTOCProtocols", "UNCAC", "Charter", "PoliticalDeclaration1998",
    "DemandReductionDeclaration", "ActionPlanDemandReduction",
    "ActionPlanAlternativeDevelopment", "PoliticalDeclaration2009", "UNGASS2016Outcome",
    "MinisterialDeclaration2019", "MillenniumDeclaration", "WorldSummitOutcome2005",
    "Agenda2030", "UDHR"
})
INITIATIVES = frozenset({"ParisPact", "ProjectCohesion", "ProjectPrism"})
ACTORS = frozenset({
    "States", "MemberStates", "StatesParties", "Governments", "CivilSociety", "NGOs",
    "PrivateSector", "InternationalCommunity", "InternationalFinancialInstitutions",
    "RegionalDevelopmentBanks", "UNSystem", "Donors", "InternationalOrganizations"
})
ENTITIES = BODIES | INSTRUMENTS | INITIATIVES | ACTORS
TOPICS = frozenset({
    "demand-reduction", "prevention", "treatment", "hiv", "supply-reduction",
    "alternative-development", "eradication", "precursors", "synthetic-drugs",
    "money-laundering", "judicial-cooperation", "law-enforcement", "trafficking", "firearms",
    "corruption", "terrorism", "organized-crime", "cybercrime", "data-research", "funding",
    "technical-assistance", "capacity-building", "civil-society", "human-rights",
    "children-youth", "gender", "treaty-adherence", "reporting", "access-medicines"
})
# The brief's strength scale; "request" (and its kin) is 4 for bodies, 3 for actor groups.
STRENGTH = {
    **dict.fromkeys(["decide", "establish", "authorize", "adopt", "proclaim", "declare"], 5),
    **dict.fromkeys(["urge", "demand", "call upon", "call for", "appeal to"], 3),
    **dict.fromkeys(["recommend", "encourage", "invite", "suggest"], 2),
    **dict.fromkeys([
        "welcome", "note", "take note", "recognize", "emphasize", "stress", "reaffirm", "affirm",
        "recall", "acknowledge", "underline", "underscore", "express", "consider",
        "look forward", "commend", "reiterate", "support", "condemn", "deplore",
    ], 1),
}
# fmt: on
MANDATE_VERBS = frozenset({"request", "direct", "instruct", "entrust"})
ADVERBS = frozenset({"also", "further", "strongly", "again", "once again"})
TREATY_SERIES_TARGETS = frozenset(
    {"SingleConvention1961", "Convention1971", "Convention1988", "UNTOC", "UNCAC"}
)
# Citation target forms of the brief (kind resolution, document, treaty-series).
TARGET_FORMS = [
    ("GA resolution", r"A/RES/(\d+/\d+|\d+\([IVXLC]+\)|(S|ES)-\d+/\d+)"),
    ("ECOSOC resolution", r"E/RES/(\d{4}/\d+|\d+\([IVXLC]+\))"),
    ("CND resolution", r"CND/RES/(\d+/\d+|\d+\([IVXLC]+\))"),
    ("CCPCJ resolution", r"CCPCJ/RES/\d+/\d+"),
    ("Security Council resolution", r"S/RES/\d+\(\d{4}\)"),
    ("Human Rights Council resolution", r"A/HRC/RES/\d+/\d+"),
    # documents keep their printed symbol, joint symbols ("A/61/208-S/2006/598") whole
    ("document", r"[AES](/(?!RES/)[A-Za-z0-9.()]+)+(-[AES](/[A-Za-z0-9.()]+)+)?"),
]


def _gold(symbol: str) -> Gold:
    return load_gold(GOLD_DIR / gold_file_name(symbol))


def _entries() -> list[object]:
    return [
        pytest.param(s, p, id=f"{s.replace('A/RES/', '')}-{p.id}")
        for s in SYMBOLS
        for p in _gold(s).paragraphs
    ]


def _inflect(lemma: str) -> str:
    """Third person of a lemma: 'call upon' -> 'calls upon', 'stress' -> 'stresses'."""
    head, _, rest = lemma.partition(" ")
    head = head + ("es" if head.endswith(("s", "sh", "ch", "x")) else "s")
    return f"{head} {rest}".strip()


def _letters(text: str) -> str:
    """Letters only, lowercased: footnote markers, hyphens and spaces vanish."""
    return re.sub(r"[^a-z]", "", text.lower())


# ------------------------------------------------------------- gold well formed


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_gold_covers_every_operative_paragraph_in_order(symbol: str) -> None:
    gold = _gold(symbol)
    assert gold.symbol == symbol
    ops = [p.id for p in gold.paragraphs if "." not in p.id]
    assert ops == [f"op{i}" for i in range(1, OPERATIVE_COUNT[symbol] + 1)]
    for p in gold.paragraphs:
        if "." in p.id:
            assert p.id.rsplit(".", 1)[0] in {q.id for q in gold.paragraphs}, p.id


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_gold_starts_align_with_the_seed_text_in_reading_order(symbol: str) -> None:
    seed = next(p for p in sample_paths() if p.name == gold_file_name(symbol)[:-5] + ".txt")
    text = _letters(seed.read_text(encoding="utf-8"))
    pos = 0
    for p in _gold(symbol).paragraphs:
        assert 40 <= len(p.starts) <= 60, p.id
        found = text.find(_letters(p.starts), pos)
        assert found >= 0, f"{symbol} {p.id}: {p.starts!r} not found after the previous paragraph"
        pos = found


@pytest.mark.parametrize(("symbol", "p"), _entries())
def test_gold_ids_are_in_the_vocabularies(symbol: str, p: GoldParagraph) -> None:
    assert p.mentions <= ENTITIES, p.mentions - ENTITIES
    assert p.topics <= TOPICS, p.topics - TOPICS
    for d in p.directives:
        assert d.addressees <= BODIES | ACTORS, d.addressees
        assert d.concerns <= BODIES | INSTRUMENTS | INITIATIVES, d.concerns
    for target in p.citations:
        if target in TREATY_SERIES_TARGETS:
            continue
        assert any(re.fullmatch(rx, target) for _, rx in TARGET_FORMS), target


@pytest.mark.parametrize(("symbol", "p"), _entries())
def test_gold_directives_follow_the_scale(symbol: str, p: GoldParagraph) -> None:
    for d in p.directives:
        # the printed verb is the inflected lemma plus adverbs only
        assert _inflect(d.lemma) in d.verb, (d.verb, d.lemma)
        rest = d.verb.replace(_inflect(d.lemma), "").strip()
        assert rest == "" or rest in ADVERBS, d.verb
        if d.lemma in MANDATE_VERBS:
            to_bodies = d.addressees <= BODIES
            assert d.strength == (4 if to_bodies else 3), (p.id, d)
        else:
            assert d.strength == STRENGTH[d.lemma], (p.id, d)


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_gold_annotations_agree_with_each_other(symbol: str) -> None:
    gold = _gold(symbol)
    by_id = {p.id: p for p in gold.paragraphs}
    for p in gold.paragraphs:
        parent = by_id.get(p.id.rsplit(".", 1)[0]) if "." in p.id else None
        for d in p.directives:
            assert not d.concerns & d.addressees, (p.id, d)
            assert d.concerns <= p.mentions, (p.id, d.concerns - p.mentions)
            known = p.mentions | {"GA"} | (parent.mentions if parent else frozenset())
            assert d.addressees <= known, (p.id, d.addressees - known)
    # an act that governs subparagraphs is carried, identically, by each of them
    for p in gold.paragraphs:
        kids = [q for q in gold.paragraphs if q.id.startswith(p.id + ".") and q.id.count(".") == 1]
        carried = {(d.verb, d.lemma, d.strength, d.addressees) for q in kids for d in q.directives}
        assert len(carried) <= 1, (p.id, carried)


def test_gold_holds_the_issue_key_points() -> None:
    old, new = _gold("A/RES/61/183"), _gold("A/RES/63/197")
    op40 = new.paragraph("op40")
    assert [d.lemma for d in op40.directives] == [
        "note", "reaffirm", "encourage", "urge", "emphasize", "call for"
    ]  # fmt: skip
    assert op40.directives[2].addressees == {"INCB"}
    assert (
        op40.directives[3].addressees == {"MemberStates"} and "INCB" in op40.directives[3].concerns
    )
    assert "INCB" in op40.mentions
    assert [d.lemma for d in old.paragraph("op33").directives] == ["welcome"]
    subs = [p for p in old.paragraphs if p.id.startswith("op33.")]
    assert [p.id for p in subs] == [f"op33.{c}" for c in "abcdefghijkl"]
    for p in subs:
        assert [(d.lemma, d.strength, d.addressees) for d in p.directives] == [
            ("request", 4, frozenset({"UNODC"}))
        ]
    assert old.paragraph("op7").directives == ()
    assert [d.lemma for d in old.paragraph("op7.a").directives] == ["call upon"]
    assert old.paragraph("op3").citations == {
        "SingleConvention1961",
        "Convention1971",
        "Convention1988",
    }
    assert old.paragraph("op20").citations == {"A/RES/S-20/2", "A/RES/S-20/4"}
    assert new.paragraph("op3").citations == {"CND/RES/51/4"}
    assert "funding" in old.paragraph("op31").topics and "funding" in op40.topics


# ------------------------------------------------------- the scorer, by hand

# Real sentences (A/RES/63/197 op 37, 63/197 op 47, 61/183 op 20 shortened).
OP37 = (
    "Reaffirms the importance of the United Nations Office on Drugs and Crime and its "
    "regional offices, and urges the Office to consider regional vulnerabilities;"
)
OP47 = (
    "Calls upon the relevant United Nations agencies and entities, and other international "
    "organizations, and invites international financial institutions, including regional "
    "development banks, to mainstream drug control issues into their programmes, and calls "
    "upon the United Nations Office on Drugs and Crime to maintain its leading role;"
)
PP2 = (
    "Reaffirming the Political Declaration adopted by the General Assembly at its twentieth "
    "special session,"
)
OP20 = (
    "calls upon all States ... in the Political Declaration adopted by the General Assembly at "
    "its twentieth special session;"
)
NOTE3 = "Resolution S-20/2, annex."


def _gold_of(paragraphs: dict[str, dict[str, object]]) -> Gold:
    empty = {"starts": "x" * 40, "directives": [], "mentions": [], "citations": [], "topics": []}
    return parse_gold(
        {"symbol": "A/RES/63/197", "paragraphs": {k: empty | v for k, v in paragraphs.items()}}
    )


def _gd(
    verb: str, lemma: str, strength: int, to: list[str], about: list[str] | None = None
) -> dict[str, object]:
    """A gold directive as it stands in the JSON."""
    return {
        "verb": verb,
        "lemma": lemma,
        "strength": strength,
        "addressees": to,
        "concerns": about or [],
    }


def _dir(lemma: str, strength: int, to: tuple[str, ...], about: tuple[str, ...] = ()) -> Directive:
    return Directive(lemma + "s", lemma, strength, to, about, "", (0, 0))


def _row(
    pid: str, kind: ParagraphKind, text: str, **items: Any
) -> tuple[str, ParagraphKind, str, dict[str, Any]]:
    return (pid, kind, text, items)


def _document(
    paragraphs: list[tuple[str, ParagraphKind, str, dict[str, Any]]],
    footnotes: tuple[Footnote, ...] = (),
) -> Document:
    """Lay out (id, kind, text, items) paragraphs one per line, spans included."""
    out: list[Paragraph] = []
    pos = 0
    for order, (pid, kind, text, items) in enumerate(paragraphs, 1):
        span = (pos, pos + len(text))
        bare = Paragraph(pid, kind, None, None, None, None, None, text, span, order)
        out.append(replace(bare, **items))
        pos += len(text) + 1
    return Document(
        meta=Metadata(symbol="A/RES/63/197", body="GA"),
        text="\n".join(t for _, _, t, _ in paragraphs),
        paragraphs=tuple(out),
        footnotes=footnotes,
    )


def test_perfect_prediction_scores_one_everywhere() -> None:
    gold = _gold_of({"op37": {
        "directives": [_gd("reaffirms", "reaffirm", 1, ["GA"], ["UNODC"]),
                       _gd("urges", "urge", 3, ["UNODC"])],
        "mentions": ["UNODC"],
        "topics": ["capacity-building"],
    }})  # fmt: skip
    i = OP37.index("United Nations Office")
    doc = _document([_row(
        "op37", "operative", OP37,
        directives=(_dir("urge", 3, ("UNODC",)), _dir("reaffirm", 1, ("GA",), ("UNODC",))),
        mentions=(Mention("UNODC", "body", OP37[i : i + 39], (i, i + 39)),),
        topics=(TopicHit("capacity-building", "regional offices", (0, 1)),),
    )])  # fmt: skip
    table = score_document(doc, gold)
    assert [r.field for r in table.rows] == list(FIELDS)
    for r in table.rows:
        assert (r.precision, r.recall) == (1.0, 1.0), r
    assert table.row("directives") == FieldScore("directives", 2, 0, 0)


def test_same_lemma_directives_pair_by_addressees_not_by_position() -> None:
    # 63/197 op 47: two "call upon" acts; the extractor found only the second.
    gold = _gold_of({"op47": {"directives": [
        _gd("calls upon", "call upon", 3, ["InternationalOrganizations", "UNSystem"]),
        _gd("invites", "invite", 2,
            ["InternationalFinancialInstitutions", "RegionalDevelopmentBanks"]),
        _gd("calls upon", "call upon", 3, ["UNODC"]),
    ]}})  # fmt: skip
    doc = _document([_row(
        "op47", "operative", OP47,
        directives=(_dir("invite", 2, ("InternationalFinancialInstitutions",)),
                    _dir("call upon", 4, ("UNODC",))),
    )])  # fmt: skip
    t = score_document(doc, gold)
    assert t.row("directives") == FieldScore("directives", 2, 0, 1)
    assert t.row("addressees") == FieldScore("addressees", 2, 0, 1)  # UNODC right, one bank missed
    assert t.row("strength") == FieldScore("strength", 1, 1, 1)  # call upon given 4, not 3
    assert any("directive -call upon" in line for line in differences(doc, gold))


def test_footnote_citations_count_where_the_marker_is_repeated() -> None:
    # 61/183: footnote 3 (Resolution S-20/2) first stands in pp2 and again in op 20.
    gold = _gold_of({"op20": {"citations": ["A/RES/S-20/2"]}})
    start = len(PP2) + 1 + len(OP20) + 1
    note = Citation("A/RES/S-20/2", "GA", "S-20/2", (start + 11, start + 17), in_footnote="3")
    again = (FootnoteRef("op20", len(OP20) - 1),)
    doc = _document(
        [_row("pp2", "preambular", PP2, citations=(note,)), _row("op20", "operative", OP20)],
        footnotes=(Footnote("3", NOTE3, "pp2", len(PP2) - 1, (start, start + len(NOTE3)), again),),
    )
    assert score_document(doc, gold).row("citations") == FieldScore("citations", 1, 0, 0)


def test_unknown_mentions_and_preambles_are_ignored_extra_paragraphs_count() -> None:
    gold = _gold_of({"op20": {"mentions": ["States"]}})
    doc = _document([
        _row("pp2", "preambular", PP2,
             mentions=(Mention("GA", "body", "General Assembly", (44, 60)),)),
        _row("op20", "operative", OP20, mentions=(
            Mention("States", "actor", "States", (0, 1)),
            Mention("unknown", "body", "Political Declaration", (0, 1)),
        )),
        _row("op21", "operative", "Emphasizes the need;",
             topics=(TopicHit("precursors", "x", (0, 1)),)),
    ])  # fmt: skip
    t = score_document(doc, gold)
    assert t.row("mentions") == FieldScore("mentions", 1, 0, 0)
    assert t.row("topics") == FieldScore("topics", 0, 1, 0)
    assert "op21: not in the gold" in differences(doc, gold)


def test_missing_paragraph_counts_every_gold_item_as_missed() -> None:
    gold = _gold_of({"op1": {
        "mentions": ["Charter", "States"], "topics": ["human-rights"],
        "directives": [_gd("reaffirms", "reaffirm", 1, ["GA"], ["Charter"])],
    }})  # fmt: skip
    t = score_document(_document([]), gold)
    assert t.row("mentions") == FieldScore("mentions", 0, 0, 2)
    assert t.row("directives").recall == 0.0 and t.row("directives").precision == 0.0
    assert t.row("strength") == FieldScore("strength")  # nothing matched, nothing to judge


def test_symbol_mismatch_and_bad_gold_are_refused() -> None:
    gold = _gold_of({"op1": {}})
    other = Document(meta=Metadata(symbol="A/RES/61/183", body="GA"), text="", paragraphs=())
    with pytest.raises(KGError, match="gold is for A/RES/63/197"):
        score_document(other, gold)
    with pytest.raises(KGError, match="strength must be an integer 0-5"):
        _gold_of({"op1": {"directives": [_gd("urges", "urge", 7, ["States"])]}})
    with pytest.raises(KGError, match="bad paragraph id"):
        _gold_of({"pp1": {}})


def _as_document(gold: Gold, drop: str | None = None) -> Document:
    """The gold itself as an annotated document (directives in reverse order)."""
    rows: list[tuple[str, ParagraphKind, str, dict[str, Any]]] = []
    for g in gold.paragraphs:
        dirs = tuple(
            Directive(
                d.verb, d.lemma, d.strength, tuple(d.addressees), tuple(d.concerns), "", (0, 0)
            )
            for d in reversed(g.directives)
        )
        if g.id == drop:
            dirs = dirs[1:]
        kind: ParagraphKind = "subparagraph" if "." in g.id else "operative"
        rows.append(
            (
                g.id,
                kind,
                g.starts,
                {
                    "directives": dirs,
                    "mentions": tuple(Mention(m, "body", "x", (0, 1)) for m in sorted(g.mentions)),
                    "citations": tuple(Citation(c, "GA", "x", (0, 1)) for c in sorted(g.citations)),
                    "topics": tuple(TopicHit(t, "x", (0, 1)) for t in sorted(g.topics)),
                },
            )
        )
    doc = _document(rows)
    return Document(
        meta=Metadata(symbol=gold.symbol, body="GA"), text=doc.text, paragraphs=doc.paragraphs
    )


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_the_gold_scores_perfectly_against_itself(symbol: str) -> None:
    gold = _gold(symbol)
    table = score_document(_as_document(gold), gold)
    for r in table.rows:
        assert (r.fp, r.fn) == (0, 0), r
    assert table.row("directives").tp == sum(len(p.directives) for p in gold.paragraphs)
    # op 40 of 63/197 / op 31 of 61/183 lose their last act: exactly one directive missed
    dropped = score_document(_as_document(gold, drop="op40" if "63" in symbol else "op31"), gold)
    assert (dropped.row("directives").fp, dropped.row("directives").fn) == (0, 1)
    assert differences(_as_document(gold), gold) == []


def test_combine_and_markdown() -> None:
    a = ScoreTable(("A/RES/61/183",), tuple(FieldScore(f, 9, 1, 0) for f in FIELDS))
    b = ScoreTable(("A/RES/63/197",), tuple(FieldScore(f, 1, 0, 1) for f in FIELDS))
    both = combine([a, b])
    assert both.documents == SYMBOLS
    assert both.row("concerns") == FieldScore("concerns", 10, 1, 1)
    md = format_markdown(both, title="Both seeds").splitlines()
    assert md[0] == "**Both seeds**" and len(md) == 4 + len(FIELDS)
    assert "| concerns | 11 | 11 | 10 | 0.909 | 0.909 | 0.909 |" in md


# ------------------------------------------------------------------ end to end


def _symbol_of(path: Path) -> str:
    """The symbol a sample file holds, from its name: A_RES_61_183.txt -> A/RES/61/183."""
    return path.stem.replace("_", "/")


def _needs(module: str) -> None:
    """Skip when ``module`` is not written yet; any other import failure fails."""
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            pytest.skip(f"{module} is not written yet (gold accuracy runs once it lands)")
        raise


@pytest.fixture(scope="module")
def read_docs() -> dict[str, Document]:
    for module in ("kg.read.pdftext", "kg.read.flat"):
        _needs(module)
    from kg.read import read_path

    return {_symbol_of(path): read_path(path) for path in sample_paths()}


@pytest.fixture(scope="module")
def annotated() -> dict[str, Document]:
    # Skips only while an extractor module is missing; a missing reader then fails.
    for module in (
        "kg.extract.mentions",
        "kg.extract.citations",
        "kg.extract.directives",
        "kg.extract.topics",
    ):
        _needs(module)
    from kg.extract import annotate
    from kg.read import read_path

    return {_symbol_of(path): annotate(read_path(path)) for path in sample_paths()}


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_gold_paragraphs_are_the_documents_paragraphs(
    symbol: str, read_docs: dict[str, Document]
) -> None:
    doc = read_docs[symbol]
    gold = _gold(symbol)
    assert doc.meta.symbol == symbol
    scored = [p.id for p in doc.paragraphs if p.kind in ("operative", "subparagraph")]
    assert scored == [p.id for p in gold.paragraphs]
    for g in gold.paragraphs:
        assert _letters(doc.paragraph(g.id).text).startswith(_letters(g.starts)[:40]), g.id


@pytest.mark.parametrize("field", FIELDS)
def test_extraction_reaches_the_aim_on_the_seeds(
    field: str, annotated: dict[str, Document]
) -> None:
    tables = [score_document(annotated[s], _gold(s)) for s in SYMBOLS]
    row = combine(tables).row(field)
    if row.precision < AIM or row.recall < AIM:
        misses = [f"{s}: {line}" for s in SYMBOLS for line in differences(annotated[s], _gold(s))]
        marker = {
            "directives": "directive ",
            "mentions": "mentions",
            "citations": "citations",
            "topics": "topics",
        }.get(field, "(strength")
        relevant = [m for m in misses if marker in m][:40]
        pytest.fail(
            f"{field}: precision {row.precision:.3f}, recall {row.recall:.3f} (aim {AIM})\n"
            + "\n".join(relevant)
        )


# ---------------------------------------------------------- held-out gold set

HELDOUT = sorted((GOLD_DIR / "heldout").glob("*.json"))
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _akn_source(symbol: str) -> Path | None:
    """The AKN file of ``symbol`` in ../shared (names carry a job-number suffix)."""
    folder = SHARED / "corpus" / "akn" / symbol.split("/")[2]
    stem = symbol.replace("/", "_")
    found = sorted(
        p for sep in ("-", "_", ".") for p in folder.glob(f"{stem}{sep}*") if p.suffix == ".xml"
    )
    return found[0] if found else None


def test_there_is_a_heldout_gold_set() -> None:
    # otherwise the parametrized checks below would silently run on nothing
    assert "A_RES_77_238.json" in [p.name for p in HELDOUT]


@pytest.mark.parametrize("path", HELDOUT, ids=lambda p: p.stem)
def test_heldout_gold_is_well_formed(path: Path) -> None:
    # The same checks as the seeds' gold: vocabularies, scale, verbs, agreement.
    gold = load_gold(path)
    assert re.fullmatch(r"A/RES/\d+/\d+", gold.symbol)
    assert gold_file_name(gold.symbol) == path.name
    for p in gold.paragraphs:
        assert 40 <= len(p.starts) <= 60, p.id
        assert p.mentions <= ENTITIES, (p.id, p.mentions - ENTITIES)
        assert p.topics <= TOPICS, (p.id, p.topics - TOPICS)
        for target in p.citations:
            ok = target in TREATY_SERIES_TARGETS
            assert ok or any(re.fullmatch(rx, target) for _, rx in TARGET_FORMS), (p.id, target)
        for d in p.directives:
            assert 0 <= d.strength <= 5, (p.id, d)
            assert d.addressees <= BODIES | ACTORS, (p.id, d.addressees)
            assert d.concerns <= BODIES | INSTRUMENTS | INITIATIVES, (p.id, d.concerns)
            assert not d.concerns & d.addressees, (p.id, d)
            assert d.concerns <= p.mentions, (p.id, d.concerns - p.mentions)
            assert d.addressees <= p.mentions | {"GA"}, (p.id, d.addressees - p.mentions)
            assert _inflect(d.lemma) in d.verb, (p.id, d.verb, d.lemma)
            rest = d.verb.replace(_inflect(d.lemma), "").strip()
            assert rest == "" or rest in ADVERBS, (p.id, d.verb)
            if d.lemma in MANDATE_VERBS:
                assert d.strength == (4 if d.addressees <= BODIES else 3), (p.id, d)
            else:
                assert d.strength == STRENGTH[d.lemma], (p.id, d)


@pytest.mark.parametrize("path", HELDOUT, ids=lambda p: p.stem)
def test_heldout_gold_paragraphs_are_the_akn_documents_first_paragraphs(path: Path) -> None:
    # The gold may stop early (77/238: op1-op40 of 58) but must skip nothing.
    gold = load_gold(path)
    source = _akn_source(gold.symbol)
    if source is None:
        pytest.skip(f"the AKN source of {gold.symbol} is not in {SHARED} (shared corpus absent)")
    from kg.read import read_path

    doc = read_path(source)
    assert doc.meta.symbol == gold.symbol
    scored = [p.id for p in doc.paragraphs if p.kind in ("operative", "subparagraph")]
    assert scored[: len(gold.paragraphs)] == [p.id for p in gold.paragraphs]
    for g in gold.paragraphs:
        assert _letters(doc.paragraph(g.id).text).startswith(_letters(g.starts)), g.id
