"""The text readers (flat text, PDF text) on the two seeds, snippets and bad input.

Golden values were checked by hand against ``kg/sample/A_RES_63_197.txt``
(flat) and ``kg/sample/A_RES_61_183.txt`` (PDF text).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import ReadError
from kg.model import Document
from kg.read import read_bytes
from kg.read.flat import read_flat
from kg.read.lexicon import load
from kg.read.markers import strip_markers
from kg.read.pdftext import read_pdftext
from kg.read.segment import segment, subparagraphs
from kg.sample import sample_paths

SEED_PDF, SEED_FLAT = sample_paths()


@pytest.fixture(scope="module")
def doc61() -> Document:
    return read_pdftext(SEED_PDF.read_text(encoding="utf-8"), str(SEED_PDF), "0")


@pytest.fixture(scope="module")
def doc63() -> Document:
    return read_flat(SEED_FLAT.read_text(encoding="utf-8"), str(SEED_FLAT), "0")


def spans_hold(doc: Document) -> None:
    for p in doc.paragraphs:
        assert doc.text[p.span[0] : p.span[1]] == p.text, p.id
    for s in doc.sections:
        assert doc.text[s.span[0] : s.span[1]] == s.title
    for f in doc.footnotes:
        if f.span:
            assert doc.text[f.span[0] : f.span[1]] == f.text


# --- A/RES/63/197 (flat text) ---------------------------------------------


def test_63_197_metadata(doc63: Document) -> None:
    m = doc63.meta
    assert (m.symbol, m.body, m.session, m.adopted) == ("A/RES/63/197", "GA", "63", "2008-12-18")
    assert m.title == "International cooperation against the world drug problem"
    assert (m.committee, m.committee_report) == ("Third Committee", "A/63/432")
    assert m.meeting == "71st plenary meeting"
    labels = [s.label for s in m.subjects]
    assert labels[:3] == ["DRUG CONTROL", "NARCOTIC DRUGS", "INTERNATIONAL DRUG MONITORING"]
    assert "SIGNATURES, ACCESSIONS, RATIFICATIONS" in labels and len(labels) == 55
    assert all(s.iri is None for s in m.subjects)
    assert doc63.format == "flat"


def test_63_197_structure(doc63: Document) -> None:
    assert len(doc63.preambular) == 14
    assert [p.number for p in doc63.operative] == [str(n) for n in range(1, 49)]
    assert [(s.number, s.title) for s in doc63.sections] == [
        ("I", "International cooperation to counter the world drug problem and followup to "
              "the twentieth special session"),
        ("II", "Action by the United Nations system"),
    ]
    sections = {p.id: p.section for p in doc63.operative}
    assert {sections[f"op{n}"] for n in range(1, 37)} == {"I"}
    assert {sections[f"op{n}"] for n in range(37, 49)} == {"II"}
    subs = [(p.id, p.parent, p.label) for p in doc63.paragraphs if p.kind == "subparagraph"]
    assert subs == [("op8.a", "op8", "(a)"), ("op8.b", "op8", "(b)")]
    spans_hold(doc63)


@pytest.mark.parametrize(
    ("pid", "lead"),
    [
        ("pp1", "Recalling"),
        ("pp3", "Reaffirming also"),
        ("pp5", "Gravely concerned"),
        ("pp8", "Recalling also"),
        ("pp11", "Reaffirming equally"),
        ("pp14", "Bearing in mind"),
        ("op2", "Also reaffirms"),
        ("op5", "Calls upon"),
        ("op34", "Also urges"),
        ("op44", "Takes note"),
    ],
)
def test_63_197_leads(doc63: Document, pid: str, lead: str) -> None:
    assert doc63.paragraph(pid).lead == lead


def test_63_197_texts_and_markers(doc63: Document) -> None:
    pp8 = doc63.paragraph("pp8")
    # "…51/11 of 14 March 2008,8 in which": marker 8 removed, anchored after the comma
    assert "resolution 51/11 of 14 March 2008, in which" in pp8.text
    fn8 = next(f for f in doc63.footnotes if f.marker == "8")
    assert (fn8.paragraph, fn8.text, fn8.span) == ("pp8", "", None)
    assert pp8.text[: fn8.offset or 0].endswith("14 March 2008,")
    # "resolution 51/4,8 by which" in op3 and op32 are repetitions of note 8
    assert {r.paragraph for r in fn8.refs} == {"op3", "op32"}
    op3 = doc63.paragraph("op3")
    assert "resolution 51/4, by which" in op3.text
    assert "Development, the Declaration on the Guiding Principles of Drug Demand Reduction and" \
        in op3.text  # "Development,6", "Reduction10"
    # "session;3 36. Decides": the marker is the last thing of op35
    op35 = doc63.paragraph("op35")
    assert op35.text.endswith("twentieth special session;")
    fn3 = next(f for f in doc63.footnotes if f.marker == "3")
    assert (fn3.paragraph, fn3.offset) == ("op35", len(op35.text))
    assert doc63.paragraph("op36").text.startswith("Decides to consider the results")
    assert doc63.paragraph("op36").text.endswith("at its sixtyfourth session;")
    # real numbers stay
    assert "tables I and II of the United Nations Convention" in doc63.paragraph("op24").text
    assert "resolution 62/176 of 18 December 2007" in doc63.paragraph("pp1").text
    assert doc63.paragraph("op48").text.endswith("the present resolution.")
    markers = sorted(int(f.marker) for f in doc63.footnotes)
    assert markers == [3, 4, 5, 6, 7, 8, 9, 10]


# --- A/RES/61/183 (PDF text) -----------------------------------------------


def test_61_183_metadata(doc61: Document) -> None:
    m = doc61.meta
    assert (m.symbol, m.body, m.session, m.adopted) == ("A/RES/61/183", "GA", "61", "2006-12-20")
    assert m.title == "International cooperation against the world drug problem"
    assert (m.agenda_item, m.committee, m.committee_report) == ("99", "Third Committee",
                                                               "A/61/445")
    assert m.meeting == "82nd plenary meeting"
    assert m.subjects == ()
    assert doc61.format == "pdf"


def test_61_183_structure(doc61: Document) -> None:
    assert len(doc61.preambular) == 10
    assert [p.number for p in doc61.operative] == [str(n) for n in range(1, 39)]
    assert doc61.sections == ()
    subs = [p.id for p in doc61.paragraphs if p.kind == "subparagraph"]
    assert subs == ["op7.a", "op7.b", "op12.a", "op12.b", "op12.c", "op12.d"] + [
        f"op33.{c}" for c in "abcdefghijkl"
    ]
    # "(i)" after "(h)" is the letter i
    assert doc61.paragraph("op33.i").parent == "op33"
    assert doc61.paragraph("op33.i").label == "(i)"
    assert doc61.paragraph("op33").text.endswith("and requests the Office to continue:")
    assert doc61.paragraph("op7").text.endswith("General Assembly, by:")
    spans_hold(doc61)


# marker -> paragraph where it first stands, read off the PDF text by hand
ANCHORS_61 = {
    "1": "pp1", "2": "pp1", "3": "pp2", "4": "pp3", "5": "pp3", "6": "pp3", "7": "pp3",
    "8": "pp7", "9": "pp10", "10": "op3", "11": "op3", "12": "op3", "13": "op4", "14": "op4",
    "15": "op20", "16": "op36", "17": "op36", "18": "op38",
}  # fmt: skip


def test_61_183_footnotes(doc61: Document) -> None:
    assert {f.marker: f.paragraph for f in doc61.footnotes} == ANCHORS_61
    notes = {f.marker: f for f in doc61.footnotes}
    assert notes["10"].text == "United Nations, Treaty Series, vol. 976, No. 14152."
    assert notes["4"].text == (
        "See Official Records of the Economic and Social Council, 2003, Supplement No. 8 "
        "(E/2003/28/Rev.1), chap. I, sect. C; see also A/58/124, sect. II.A."
    )
    assert notes["18"].text == "A/61/221."
    # repeated notes: "Plan5" and "Reduction6" in op5, "Assembly;7" in op13, "session3" in op20
    refs = {m: [r.paragraph for r in f.refs] for m, f in notes.items() if f.refs}
    assert refs == {"3": ["op20"], "5": ["op5"], "6": ["op5"], "7": ["op13"]}
    # where the markers stood, in the clean text
    for marker, before in [
        ("1", "Millennium Declaration,"), ("2", "World Summit Outcome"),
        ("4", "Commission on Narcotic Drugs,"), ("10", "1972 Protocol,"),
        ("11", "Psychotropic Substances of 1971"), ("12", "Substances of 1988;"),
        ("16", "from 26 to 28 June 2006,"), ("18", "the Secretary-General,"),
    ]:  # fmt: skip
        fn = notes[marker]
        text = doc61.paragraph(fn.paragraph or "").text
        assert text[: fn.offset].endswith(before), marker


@pytest.mark.parametrize(
    ("pid", "start", "contains"),
    [
        ("op31", "Notes that the International Narcotics Control Board needs sufficient resources",
         "through the provision of appropriate means by the Secretary-General"),
        ("op3", "Urges States that have not done so",
         "of 1961 as amended by the 1972 Protocol, the Convention on Psychotropic Substances of "
         "1971 and the United Nations Convention"),
        ("pp5", "Concerned by the serious challenges",
         "money-laundering, financing of terrorism, corruption"),  # across a footnote block
        ("pp9", "Bearing in mind the important role",
         "civil society, including non-governmental organizations, plays"),  # "non-\ngovern…"
        ("op8", "Urges Member States to fulfil", "on the follow-up action"),  # "follow-\nup"
        ("op11", "Calls upon States and organizations", "HIV/AIDS and other blood-borne diseases"),
        ("pp1", "Recalling the United Nations Millennium Declaration, the provisions of the 2005",
         "World Summit Outcome addressing the world drug problem, its resolution 60/178 of 16"),
    ],
)
def test_61_183_texts(doc61: Document, pid: str, start: str, contains: str) -> None:
    text = doc61.paragraph(pid).text
    assert text.startswith(start)
    assert contains in text
    assert "  " not in text and "\n" not in text
    assert not re.search(r"_{3,}|A/RES/61/183|06-50541", text)


@pytest.mark.parametrize(
    ("pid", "lead"),
    [("pp3", "Reaffirming also"), ("pp4", "Gravely concerned"), ("pp6", "Bearing in mind"),
     ("pp7", "Taking note with concern"), ("pp10", "Taking note"), ("op2", "Also reaffirms"),
     ("op6", "Calls upon"), ("op15", "Calls for"), ("op38", "Takes note")],
)  # fmt: skip
def test_61_183_leads(doc61: Document, pid: str, lead: str) -> None:
    assert doc61.paragraph(pid).lead == lead


# --- snippets --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "known", "clean", "markers"),
    [
        # real sentences of A/RES/61/183 (PDF text: footnote bodies known)
        ("Substances of 197111 and the United Nations Convention", ["11"],
         "Substances of 1971 and the United Nations Convention", [(18, "11")]),
        ("Commission on Narcotic Drugs, 4 the Action Plan5 for", ["4", "5"],
         "Commission on Narcotic Drugs, the Action Plan for", [(29, "4"), (45, "5")]),
        # A/RES/63/197 (flat: no bodies)
        ("General Assembly,7 as well as the outcome", None,
         "General Assembly, as well as the outcome", [(17, "7")]),
        ("Drug Demand Reduction10 and the measures", None,
         "Drug Demand Reduction and the measures", [(21, "10")]),
        # numbers that are no markers
        ("the coronavirus disease (COVID-19) pandemic", None,
         "the coronavirus disease (COVID-19) pandemic", []),
        ("tables I and II of the Convention of 1988, pertaining", None,
         "tables I and II of the Convention of 1988, pertaining", []),
        ("more than 1,000 people from 10 to 11 a.m. and at 5.30 p.m.", None,
         "more than 1,000 people from 10 to 11 a.m. and at 5.30 p.m.", []),
        ("resolution 60/178 of 16 December 2005 and A/C.3/63/L.11", None,
         "resolution 60/178 of 16 December 2005 and A/C.3/63/L.11", []),
        ("article 20 (2) of the Covenant and the G20 and Lisboa+21", None,
         "article 20 (2) of the Covenant and the G20 and Lisboa+21", []),
        # AKN corpus: "Secretary-General8", "HIV/AIDS1", "Protocol I4", "74/1673"
        ("reports of the Secretary-General8 and of the High Commissioner", None,
         "reports of the Secretary-General and of the High Commissioner", [(32, "8")]),
        ("Declaration of Commitment on HIV/AIDS1 and the political", None,
         "Declaration of Commitment on HIV/AIDS and the political", [(37, "1")]),
        ("article 90 of Protocol I4 to the Geneva Conventions", None,
         "article 90 of Protocol I to the Geneva Conventions", [(24, "4")]),
        ("the Secretary-General,2 submitted pursuant to resolution 74/1673 and the report,4 "
         "submitted", ["2", "3", "4"],
         "the Secretary-General, submitted pursuant to resolution 74/167 and the report, "
         "submitted", [(22, "2"), (62, "3"), (78, "4")]),
        # a year before the mark is whole: 77/248 "Sediments, 2004,117 and", 75/92 "in 2021.9"
        ("Ballast Water and Sediments, 2004,117 and also encourages States", ["117"],
         "Ballast Water and Sediments, 2004, and also encourages States", [(34, "117")]),
        ("the next session of the Committee, to be held in 2021.9", None,
         "the next session of the Committee, to be held in 2021.", [(54, "9")]),
        # numbering inside names is no marker (75/252, 75/265, 77/180, 76/253, 77/73)
        ("Recalls paragraph XI.6 of the report of the Advisory Committee", None,
         "Recalls paragraph XI.6 of the report of the Advisory Committee", []),
        ("in compliance with C-SS-4/ DEC.3, the perpetrators", None,
         "in compliance with C-SS-4/ DEC.3, the perpetrators", []),
        ("in its resolution GC.18/Res.9 of 7 November 2019, entitled", None,
         "in its resolution GC.18/Res.9 of 7 November 2019, entitled", []),
        ("decision 14.COM 10.b.2 on \u201cTranshumance", None,
         "decision 14.COM 10.b.2 on \u201cTranshumance", []),
        ("a vesicant chemical substance from 1.A.04 scheduled chemicals", None,
         "a vesicant chemical substance from 1.A.04 scheduled chemicals", []),
        # after a range of years (77/330 flat): 2015-2030 + marker 6
        ("the Sendai Framework for Disaster Risk Reduction 2015\u201320306 in the region;", None,
         "the Sendai Framework for Disaster Risk Reduction 2015\u20132030 in the region;",
         [(58, "6")]),
        # a lost marker goes where the number is malformed with it (75/224): "2015-20303",
        # not "71/243"; a year is never split (75/222: "2017" is not 201 + 7)
        ("Recalling the New Urban Agenda,2 Reaffirming its resolution 71/243 of 21 December "
         "2016, Noting that the Sendai Framework for Disaster Risk Reduction 2015\u201320303 can "
         "contribute to the New Urban Agenda,4 Recalling its resolutions 72/220 of 20 December "
         "2017,", None,
         "Recalling the New Urban Agenda, Reaffirming its resolution 71/243 of 21 December "
         "2016, Noting that the Sendai Framework for Disaster Risk Reduction 2015\u20132030 can "
         "contribute to the New Urban Agenda, Recalling its resolutions 72/220 of 20 December "
         "2017,", [(31, "2"), (157, "3"), (197, "4")]),
        # a number after a number, at a paragraph's end, is a marker (75/239)
        ("by the United Nations Conference on Environment and Development in chapter 17 of "
         "Agenda 21, 5\nNoting with satisfaction", ["5"],
         "by the United Nations Conference on Environment and Development in chapter 17 of "
         "Agenda 21,\nNoting with satisfaction", [(91, "5")]),
        ("paragraphs 3, 4 and 5 of its resolution", ["4"],
         "paragraphs 3, 4 and 5 of its resolution", []),
        # a marker lost between two others may be glued to short capitals (77/76, flat)
        ("the Treaty,4 the resolution on the Middle East of the 1995 Review and Extension "
         "Conference of the Parties to the NPT5 and the Final Documents of the 2000 and 2010 "
         "Review Conferences,6 and", None,
         "the Treaty, the resolution on the Middle East of the 1995 Review and Extension "
         "Conference of the Parties to the NPT and the Final Documents of the 2000 and 2010 "
         "Review Conferences, and", [(11, "4"), (115, "5"), (180, "6")]),
    ],
)  # fmt: skip
def test_markers(
    text: str, known: list[str] | None, clean: str, markers: list[tuple[int, str]]
) -> None:
    got = strip_markers(text, known)
    assert (got.text, got.markers) == (clean, markers)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # 61/183 op 33: (h) then the letter (i)
        ("continue: (g) To publish; (h) To provide; (i) To provide; (j) To provide;",
         [("(g)", 1), ("(h)", 1), ("(i)", 1), ("(j)", 1)]),
        ("continue: (a) To strengthen: (i) The first; (ii) The second; (b) To report;",
         [("(a)", 1), ("(i)", 2), ("(ii)", 2), ("(b)", 1)]),
        ("as set out in paragraph 5 (a) of resolution 60/1 and (b) above;", []),
    ],
)  # fmt: skip
def test_subparagraph_labels(text: str, labels: list[tuple[str, int]]) -> None:
    found = subparagraphs(text, 0, len(text))
    if labels and labels[0][0] == "(g)":  # a list continued from an earlier page
        found = subparagraphs("by: (a) X; (b) X; (c) X; (d) X; (e) X; (f) X; " + text, 0,
                              len(text) + 46)[6:]
    assert [(lab, depth) for _, _, lab, depth in found] == labels


def test_segment_glued_section_heading() -> None:
    """63/197: "…General Assembly, I International cooperation … session 1. Reaffirms"."""
    from kg.read.markers import Marked

    s = segment(Marked(
        "The General Assembly, Bearing in mind the role of civil society, I International "
        "cooperation to counter the world drug problem 1. Reaffirms its commitment; 2. Urges "
        "States to act; II Action by the United Nations system 3. Requests the Office to act."
    ))  # fmt: skip
    kinds = [(type(b).__name__, getattr(b, "id", getattr(b, "number", None))) for b in s.blocks]
    assert kinds == [
        ("ParagraphDraft", "pp1"), ("SectionDraft", "I"), ("ParagraphDraft", "op1"),
        ("ParagraphDraft", "op2"), ("SectionDraft", "II"), ("ParagraphDraft", "op3"),
    ]  # fmt: skip


def test_lexicon_is_mined_data() -> None:
    lex = load()
    assert lex.preambular["Recalling"] > 100 and lex.operative["Requests"] > 100
    assert "Takes note of" not in lex.operative  # the object's "of" is not part of the lead
    assert lex.preamble_lead("Taking note with concern of the report") == "Taking note with concern"
    assert lex.keeps_hyphen("non", "governmental") and not lex.keeps_hyphen("sustain", "able")


# --- ECOSOC and older shapes ---------------------------------------------


ECOSOC_FLAT = (
    "Resolution adopted by the Economic and Social Council 2006/32. Support for the National "
    "Drug Control Strategy of the Government of Afghanistan The Economic and Social Council, "
    "Recalling its resolution 2005/27 of 22 July 2005, Noting with concern the report,1 "
    "1. Calls upon the international community to support the efforts; 2. Requests the "
    "Secretary-General to report. 38th plenary meeting 27 July 2006"
)


def test_ecosoc_flat() -> None:
    doc = read_flat(ECOSOC_FLAT, "e.txt", "0")
    m = doc.meta
    assert (m.symbol, m.body, m.adopted, m.meeting) == (
        "E/RES/2006/32", "ECOSOC", "2006-07-27", "38th plenary meeting"
    )
    assert m.title == (
        "Support for the National Drug Control Strategy of the Government of Afghanistan"
    )
    assert [p.id for p in doc.paragraphs] == ["pp1", "pp2", "op1", "op2"]
    assert doc.paragraph("pp2").lead == "Noting with concern"


def test_unnumbered_single_operative_paragraph() -> None:
    text = ("Resolution adopted by the General Assembly 60/1000. Test The General Assembly, "
            "Recalling its resolution 59/1, Decides to include the item in the agenda of its "
            "sixty-first session. 99th plenary meeting 1 December 2005")
    doc = read_flat(text, "x.txt", "0")
    assert [(p.id, p.number, p.lead) for p in doc.operative] == [("op1", None, "Decides")]


# --- bad input -------------------------------------------------------------


def test_not_a_resolution() -> None:
    with pytest.raises(ReadError, match="not a resolution") as err:
        read_bytes(b"Dear colleagues,\nthe meeting is postponed.\n" * 3, source="memo.txt")
    assert "memo.txt" in str(err.value)


def test_cp1252_seed_with_curly_quotes() -> None:
    raw = SEED_PDF.read_text(encoding="utf-8")
    assert "“Afghanistan Opium Survey 2006”" in raw
    doc = read_bytes(raw.encode("cp1252"), source="61_183_cp1252.txt")
    assert doc.meta.symbol == "A/RES/61/183"
    assert "entitled “Afghanistan Opium Survey 2006”" in doc.paragraph("pp7").text
    assert "community\u2019s contributing" in doc.paragraph("op14").text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_arbitrary_text_only_raises_read_error(text: str) -> None:
    try:
        doc = read_bytes(text.encode("utf-8"), source="fuzz.txt")
    except ReadError as exc:
        assert "internal error" not in str(exc)
        return
    spans_hold(doc)


_WORDS = st.sampled_from(
    ["The General Assembly,", "Recalling", "1.", "2.", "(a)", "(i)", "I", "II", "Urges", "States",
     "resolution 60/178,", "2008,8", "of 197111", ";", ":", ",", "\n", "\n\n", "________", "12",
     "A/RES/61/183", "71st plenary meeting 18 December 2008", "63/197.", "non-", "governmental",
     "Decides", "Takes note", "“quoted”", "(b)", "3.", "Gravely concerned"]
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, max_size=80))
def test_resolution_like_text_spans(words: list[str]) -> None:
    data = " ".join(words).encode("utf-8")
    for fmt in ("flat", "pdf"):
        try:
            doc = read_bytes(data, source="fuzz.txt", fmt=fmt)
        except ReadError as exc:
            assert "internal error" not in str(exc)
            continue
        spans_hold(doc)
