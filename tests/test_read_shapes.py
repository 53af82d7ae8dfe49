"""The text readers on shapes found in the AKN corpus: parts, lead-ins, headings, items.

Each case quotes sentences of a corpus resolution (named in the comment);
operative numbers are made to start at 1 where a snippet is cut out of the
middle of a resolution.  The whole-corpus agreement is measured by
``benchmarks/bench_agreement.py`` and guarded by ``tests/test_read_agreement.py``.
"""

from __future__ import annotations

import pytest

from kg.model import Document
from kg.read.assemble import ParagraphDraft, SectionDraft
from kg.read.flat import read_flat
from kg.read.lexicon import load
from kg.read.markers import strip_markers
from kg.read.pdftext import read_pdftext
from kg.read.segment import segment


def spans_hold(doc: Document) -> None:
    for p in doc.paragraphs:
        assert doc.text[p.span[0] : p.span[1]] == p.text, p.id


PARTS_FLAT = (
    "Resolutions adopted by the General Assembly on 10 December 2020 [on the report of the "
    "Special Political and Decolonization Committee (Fourth Committee) (A/75/415)] 75/101. "
    "Questions relating to information A Information in the service of humanity The General "
    "Assembly, Taking note of the comprehensive and important report of the Committee on "
    "Information,1 Urges all countries: (a) To cooperate and interact with a view to reducing "
    "existing disparities in information flows at all levels; (b) To provide full support for "
    "the International Programme for the Development of Communication. 41st plenary meeting "
    "10 December 2020 B United Nations global communications policies and activities The "
    "General Assembly, Emphasizing that the Committee on Information is its main subsidiary "
    "body, 1. Requests the Secretary-General to continue to implement fully the "
    "recommendations; 2. Decides to include in the provisional agenda of its seventy-sixth "
    "session the item entitled \u201cQuestions relating to information\u201d. 41st plenary "
    "meeting 10 December 2020"
)


def test_resolution_published_in_parts() -> None:
    """75/101 A-B: each part has its letter, title, enacting formula and closing."""
    doc = read_flat(PARTS_FLAT, "75_101.txt", "0")
    assert [p.id for p in doc.paragraphs] == [
        "A.pp1", "A.op1", "A.op1.a", "A.op1.b", "B.pp1", "B.op1", "B.op2"
    ]  # fmt: skip
    assert doc.paragraph("A.op1").number is None
    assert [(s.number, s.title) for s in doc.sections] == [
        ("A", "Information in the service of humanity"),
        ("B", "United Nations global communications policies and activities"),
    ]
    assert doc.meta.title == "Questions relating to information"
    assert (doc.meta.meeting, doc.meta.adopted) == ("41st plenary meeting", "2020-12-10")
    assert doc.paragraph("A.op1.b").text.endswith("Development of Communication.")
    spans_hold(doc)


# (flat text, (id, number) of the operative paragraphs) — 75/254, 76/1, 77/247, 75/245
OPERATIVE_SHAPES = [
    # an unnumbered lead-in before numbered paragraphs is "op0"
    ("The General Assembly, Resolves that, for 2021: 1. Appropriations totalling "
     "3,231,514,300 dollars are approved; 2. The appropriations shall be financed.",
     [("op0", None), ("op1", "1"), ("op2", "2")]),
    # ... also when it adopts a text headed by the resolution's title, with a preamble
    ("76/1. United against racism, racial discrimination, xenophobia and related intolerance "
     "The General Assembly, Adopts the following political declaration: United against racism, "
     "racial discrimination, xenophobia and related intolerance We, Heads of State and "
     "Government, gathered at United Nations Headquarters in New York on 22 September 2021, "
     "1. Reaffirm that the Durban Declaration provides a comprehensive framework; 2. Also "
     "reaffirm our commitment.",
     [("op0", None), ("op1", "1"), ("op2", "2")]),
    # paragraphs and list items may end with a question mark
    ("The General Assembly, 1. Decides to request the International Court of Justice to "
     "render an advisory opinion on the following questions: (a) What are the legal "
     "consequences arising from the ongoing violation? (b) How do the policies and practices "
     "affect the legal status of the occupation? 2. Requests the Secretary-General to report.",
     [("op1", "1"), ("op2", "2")]),
    # a lettered heading after an unnumbered one; a section without numbered paragraphs
    ("The General Assembly, 1. Requests the Commission to report; Conditions of service of "
     "staff in the Professional and higher categories A Base/floor salary scale Recalling its "
     "resolution 44/198, Approves, with effect from 1 January 2021, the revised scale; "
     "B Evolution of the margin Recalling section I.B of its resolution 51/216, 1. Reaffirms "
     "that the range of 110 to 120 for the margin should continue to apply;",
     [("op1", "1"), ("A.op1", None), ("B.op1", "1")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "ops"), OPERATIVE_SHAPES, ids=range(len(OPERATIVE_SHAPES)))
def test_operative_shapes(text: str, ops: list[tuple[str, str | None]]) -> None:
    s = segment(strip_markers(text, known=None))
    drafts = [b for b in s.blocks if isinstance(b, ParagraphDraft)]
    assert [(b.id, b.number) for b in drafts if b.kind == "operative"] == ops


# (stream text, heading titles found) — 77/298, 77/262, 75/252 (numbers made to start at 1)
HEADINGS = [
    ("The General Assembly, 1. Decides to act, mindful of the Secretary-General\u2019s reform; "
     "Pillar I: measures to address the conditions conducive to terrorism 2. Urges all "
     "Member States to unite against terrorism;",
     ["Pillar I: measures to address the conditions conducive to terrorism"]),
    ("The General Assembly, 1. Notes the importance of science, innovation and technology; "
     "Section 11 United Nations system support for the African Union\u2019s Agenda 2063: The "
     "Africa We Want 2. Recalls that the development of Africa is an established priority;",
     ["Section 11 United Nations system support for the African Union\u2019s Agenda 2063: "
      "The Africa We Want"]),
    ("The General Assembly, 1. Further decides to further reduce resources for training by "
     "300,000 dollars;\nPart I\nOverall policymaking, direction and coordination\nSection 1\n"
     "Overall policymaking, direction and coordination\n2. Takes note of paragraphs I.10 and "
     "I.18 of the report of the Advisory Committee;",
     ["Part I", "Overall policymaking, direction and coordination", "Section 1",
      "Overall policymaking, direction and coordination"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "titles"), HEADINGS, ids=range(len(HEADINGS)))
def test_unnumbered_headings(text: str, titles: list[str]) -> None:
    s = segment(strip_markers(text, known=None), layout=True)
    assert [b.title for b in s.blocks if isinstance(b, SectionDraft)] == titles
    texts = [b.text for b in s.blocks if isinstance(b, ParagraphDraft)]
    assert len(texts) == 2 and all(t.endswith(";") for t in texts)  # no heading in a paragraph


def test_pdf_items_after_a_colon() -> None:
    """75/326 op 8 (numbered 1 here): unlabelled items, each a paragraph of its own in PDF."""
    s = segment(strip_markers(
        "The General Assembly, 1. Decides that the plenary meetings will be held as follows:\n"
        "Thursday, 2 June: from 9.30 a.m. to 1 p.m. and from 3 to 6 p.m.\n"
        "Friday, 3 June: from 10 a.m. to 1 p.m. and from 3 to 7 p.m.;\n"
        "2. Also decides that the leadership dialogues will be held in parallel;", known=None
    ), layout=True)  # fmt: skip
    got = [(b.id, b.parent) for b in s.blocks if isinstance(b, ParagraphDraft)]
    assert got == [("op1", None), ("op1.1", "op1"), ("op1.2", "op1"), ("op2", None)]


def test_closing_without_meeting_line() -> None:
    text = ("Resolution adopted by the General Assembly 60/1000. Test The General Assembly, "
            "1. Decides to act by 31 December 2006; 2. Requests a report. 20 December 2005")
    doc = read_flat(text, "x.txt", "0")
    assert (doc.meta.meeting, doc.meta.adopted) == (None, "2005-12-20")
    assert doc.paragraph("op2").text == "Requests a report."


@pytest.mark.parametrize(
    ("left", "right", "kept"),
    [("non", "governmental", True), ("cost-of", "living", True),  # "cost-of-\nliving"
     ("Nations", "listed", True), ("Nazi", "allied", True), ("rain", "fed", True),
     ("implementa", "tion", False), ("sustain", "able", False)],
)  # fmt: skip
def test_line_end_hyphens(left: str, right: str, kept: bool) -> None:
    """UN documents break lines at real hyphens; only a bare suffix after one is a syllable."""
    assert load().keeps_hyphen(left, right) is kept


PDF_NOTE_GOES_ON = """ The General Assembly,

 1. Invites parties to implement the workplan adopted by the Conference of the
Parties to that Convention;1

_______________
1 United Nations Environment Programme, document UNEP/CBD/COP/13/25, decision XIII/11, annex
II.

 2. Calls upon States and international organizations to urgently take further action;

 82nd plenary meeting
 20 December 2006
"""


def test_pdf_footnote_lines_are_not_indented() -> None:
    """77/248: a note wrapped before "II." goes on; the next page's indented text does not."""
    doc = read_pdftext("Resolution adopted by the General Assembly\n\n61/999. Test\n\n"
                       + PDF_NOTE_GOES_ON, "x.txt", "0")
    assert [p.id for p in doc.operative] == ["op1", "op2"]
    assert doc.footnotes[0].text.endswith("decision XIII/11, annex II.")
    assert doc.paragraph("op1").text.endswith("Convention;")
