"""Paragraph lineage (kg.lineage): true links checked by hand, properties, report, CLI.

The expected links below were chosen by reading both texts side by side; the
comment on each row says what changed and why the link is the true one.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

import kg
from kg.lineage import (
    Lineage,
    align,
    content_keys,
    series_pairs,
    subject_kept,
    surface_key,
    title_similarity,
    word_diff,
)
from kg.lineage_cli import lineage_command
from kg.lineage_html import render_html
from kg.lineage_report import format_report, lineage_rows, lineage_to_dict
from kg.model import Document, Metadata
from kg.read import read_path
from kg.read.assemble import Block, ParagraphDraft, assemble

AKN_FILES = {
    "A/RES/75/196": "75/75_196_E.xml",
    "A/RES/75/198": "75/75_198_E.xml",
    "A/RES/76/187": "76/A_RES_76_187-2119242E.xml",
    "A/RES/76/188": "76/A_RES_76_188-2119245E.xml",
    "A/RES/77/237": "77/A_RES_77_237-2229003E.xml",
    "A/RES/77/238": "77/A_RES_77_238-2229004E.xml",
    # two series with alike titles in one session: "The Syrian Golan" (75/24, 76/11) and
    # "The occupied Syrian Golan" (75/99, 76/81)
    "A/RES/75/24": "75/75_24_E.xml",
    "A/RES/75/99": "75/75_99_E.xml",
    "A/RES/76/11": "76/A_RES_76_11-2117886E.xml",
    "A/RES/76/81": "76/A_RES_76_81-2118634E.xml",
    # one template, two subjects: "International Day of Women Judges" (75/274) and
    # "International Day of Women in Diplomacy" (76/269) share paragraphs, not a series
    "A/RES/75/274": "75/75_274_E.xml",
    "A/RES/76/269": "76/A_RES_76_269-2209648E.xml",
}


# --- fixtures -------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> dict[str, Document]:
    docs = [read_path(p) for p in kg.sample_paths()]
    return {d.meta.symbol: d for d in docs}


@pytest.fixture(scope="module")
def lineage_61_63(sample: dict[str, Document]) -> Lineage:
    return align(sample["A/RES/61/183"], sample["A/RES/63/197"])


@pytest.fixture(scope="module")
def akn(corpus_dir: Path) -> dict[str, Document]:
    return {sym: read_path(corpus_dir / "akn" / rel) for sym, rel in AKN_FILES.items()}


@pytest.fixture(scope="module")
def lineage_75_76(akn: dict[str, Document]) -> Lineage:
    return align(akn["A/RES/75/198"], akn["A/RES/76/188"])


@pytest.fixture(scope="module")
def lineage_76_77(akn: dict[str, Document]) -> Lineage:
    return align(akn["A/RES/76/188"], akn["A/RES/77/238"])


def _link_of(lineage: Lineage, new_id: str) -> tuple[str, tuple[str, ...]]:
    for link in lineage.links:
        if new_id in link.new:
            return link.kind, link.old
    raise AssertionError(f"{new_id} is in no link")


def _doc(symbol: str, *paragraphs: tuple[str, str, str | None]) -> Document:
    """A document from (id, text, parent) triples; ids say the kind (pp/op/op.x)."""
    blocks: list[Block] = []
    for pid, text, parent in paragraphs:
        if parent:
            kind, label = "subparagraph", f"({pid.rsplit('.', 1)[1]})"
        else:
            kind, label = ("preambular" if pid.startswith("pp") else "operative"), None
        blocks.append(
            ParagraphDraft(kind=kind, number=pid[2:] if not parent else None, text=text,
                           label=label, parent=parent, id=pid)
        )
    return assemble(Metadata(symbol=symbol, body="GA"), blocks, [])


# --- true links, A/RES/61/183 -> A/RES/63/197 (bundled sample) -------------------

TRUE_61_63 = [
    # 63 op40 keeps 61 op31's "Notes that the International Narcotics Control Board needs
    # sufficient resources ... budgetary resources to the Board", drops "including those that
    # will enable it to perform effectively its task within the framework of Project Cohesion
    # and Project Prism, and therefore" and inserts "reaffirms the importance of its work,
    # encourages it to continue to carry out its work in accordance with its mandate".
    ("op40", ("op31",), "modified"),
    # Same sovereignty paragraph, now "for the principle of nonintervention ... and for all
    # human rights" (two "for" inserted; "non-intervention" lost its hyphen in the flat text).
    ("op1", ("op1",), "modified"),
    # "Notes that 2009 marks the centennial of the convening of the International Opium
    # Commission ... in Shanghai, China": nothing like it in 2006.
    ("op4", (), "new"),
    # UNODC funding ("Urges all Governments to provide the fullest possible financial and
    # political support"), word for word; only "general-purpose" lost its hyphen.
    ("op43", ("op34",), "verbatim"),
    # "Welcomes the work carried out by the United Nations Office on Drugs and Crime ..., and
    # requests the Office to continue:" lost its twelve subparagraphs and became "requests the
    # Office to continue to carry out its mandate in accordance with previous relevant
    # resolutions ..." (the short lead-in is 83 % inside the new paragraph).
    ("op38", ("op33",), "modified"),
    # 61 op3 (ratify the three drug conventions) and 61 op4 ("Invites all States, as a matter
    # of priority, to consider ... the United Nations Convention against Transnational
    # Organized Crime and the Protocols thereto and the United Nations Convention against
    # Corruption") were joined into one "Urges States ..." paragraph.
    ("op7", ("op3", "op4"), "merged"),
    # Health services for drug users: only hyphens differ ("capacity-building",
    # "blood-borne" in the PDF text; "capacitybuilding", "bloodborne" in the flat text).
    ("op10", ("op11",), "verbatim"),
    # The goals of the twentieth special session "for 2003 and 2008": parent and both
    # subparagraphs "(a) Promoting national and international initiatives ..." and
    # "(b) Achieving significant and measurable results ..." amended under the linked parent.
    ("op8", ("op7",), "modified"),
    ("op8.a", ("op7.a",), "modified"),
    ("op8.b", ("op7.b",), "modified"),
    # Clauses swapped: "Invites States to continue to strengthen ... innovative alternative
    # programmes ..., and stresses the importance of the United Nations system ..." became
    # "Stresses the importance of the contribution of the United Nations system ... that
    # benefit from innovative alternative programmes ..." (bigram Dice 0.64, in-order 0.50).
    ("op21", ("op14",), "modified"),
    # Paris Pact: "calls upon States to strengthen international and regional cooperation to
    # counter the threat ... and continue to take concerted measures within the framework of
    # the Paris Pact" survives in 63 op44 under a new opening ("Takes note of the outcomes of
    # the fiftyfirst session"); 61 op23 and op29 share only the names of UNODC, INCB and the
    # Commission with it and must not be merged in.
    ("op44", ("op36",), "modified"),
    # "Bearing in mind the important role that civil society, including non-governmental
    # organizations, plays in combating the drug problem," extended with the "Beyond 2008"
    # process: the old paragraph is wholly inside the new one.
    ("pp14", ("pp9",), "modified"),
    # "Gravely concerned that ... the world drug problem ... children and young people and
    # their families": "world" and "and their families" inserted.
    ("pp5", ("pp4",), "modified"),
]


@pytest.mark.parametrize(("new_id", "old_ids", "kind"), TRUE_61_63)
def test_true_links_61_63(
    lineage_61_63: Lineage, new_id: str, old_ids: tuple[str, ...], kind: str
) -> None:
    assert _link_of(lineage_61_63, new_id) == (kind, old_ids)


def test_61_63_op1_diff_shows_the_two_inserted_for(lineage_61_63: Lineage) -> None:
    link = next(k for k in lineage_61_63.links if k.new == ("op1",))
    changes = [chunk for chunk in link.diff if chunk[0] != "equal"]
    assert changes == [("insert", ("for",)), ("insert", ("for",))]
    assert 0.95 < link.score < 1.0


def test_61_63_dropped(lineage_61_63: Lineage) -> None:
    dropped = {o for k in lineage_61_63.links if k.kind == "dropped" for o in k.old}
    # "Urges Member States to fulfil their reporting obligations ..." and the twelve
    # "requests the Office to continue: (a) ... (l)" subparagraphs are gone in 2008.
    assert {"op8", "op33.a", "op33.g", "op33.l"} <= dropped
    assert "op31" not in dropped and "op4" not in dropped


# --- true links, A/RES/75/198 -> A/RES/76/188 and -> A/RES/77/238 (AKN corpus) -------

TRUE_75_76 = [
    # "Calls upon Member States to engage in effective cooperation and practical action" (75
    # op7) absorbed 75 op8's "North-South, South-South and triangular cooperation, in
    # cooperation with the international development community and other key stakeholders".
    ("op9", ("op7", "op8"), "merged"),
    # UNODC field offices (75 op89) + "Requests the United Nations Office on Drugs and Crime to
    # continue to collaborate with relevant intergovernmental ... organizations" (75 op90).
    ("op86", ("op89", "op90"), "merged"),
    # Money-laundering: 75 op85 (capacity) + 75 op84 ("utilize existing and relevant regional
    # ... networks for the exchange of operational information").
    ("op83", ("op84", "op85"), "merged"),
    # "Takes note of the resolutions and decisions adopted by the Commission on Narcotic Drugs
    # at its sixty-third session" moved from near the end (op106) to the top, now
    # "sixty-fourth session, including the joint statement on ... (COVID-19)".
    ("op3", ("op106",), "modified"),
    # Regional cooperation moved from op111 to op4: "addressing" -> "addressing and countering".
    ("op4", ("op111",), "modified"),
    # "Reaffirms that addressing and countering the world drug problem is a common and shared
    # responsibility ...": renumbered 5 -> 7, unchanged.
    ("op7", ("op5",), "verbatim"),
    # The closing request for a report: "seventy-sixth session" -> "seventy-seventh session,
    # including on efforts to address the world drug problem ...".
    ("op114", ("op120",), "modified"),
    # "Recalling other relevant United Nations resolutions, including General Assembly
    # resolution 74/178 of 18 December 2019," -> "75/198 of 16 December 2020,".
    ("pp4", ("pp4",), "modified"),
    # The subparagraphs "(a) Regularly reviewing and assessing their drug control policies"
    # and "(b) Providing, as appropriate, comprehensive, integrated drug demand reduction
    # programmes" keep their text under the renumbered "Recognizes that it is necessary".
    ("op59.a", ("op58.a",), "verbatim"),
    ("op59.b", ("op58.b",), "verbatim"),
    # "Encourages Member States to promote and implement effective criminal justice responses
    # to drug-related offences ... prohibition of arbitrary arrest": new in 2021.
    ("op103", (), "new"),
]


@pytest.mark.corpus
@pytest.mark.parametrize(("new_id", "old_ids", "kind"), TRUE_75_76)
def test_true_links_75_76(
    lineage_75_76: Lineage, new_id: str, old_ids: tuple[str, ...], kind: str
) -> None:
    assert _link_of(lineage_75_76, new_id) == (kind, old_ids)


@pytest.mark.corpus
def test_75_76_pp4_diff_is_the_citation_update(lineage_75_76: Lineage) -> None:
    link = next(k for k in lineage_75_76.links if k.new == ("pp4",))
    deleted = [w for op, ws in link.diff if op == "delete" for w in ws]
    inserted = [w for op, ws in link.diff if op == "insert" for w in ws]
    assert deleted == ["74/178", "18", "2019,"]
    assert inserted == ["75/198", "16", "2020,"]


@pytest.mark.corpus
def test_75_76_dropped_commission_recall(lineage_75_76: Lineage) -> None:
    # "Recalling also all resolutions and decisions adopted by the Commission on Narcotic
    # Drugs at its sixty-third session," has no successor in 76/188's preamble.
    assert any(k.kind == "dropped" and k.old == ("pp5",) for k in lineage_75_76.links)


TRUE_76_77 = [
    # Access to controlled medicines: 76 op51 ("Reiterates the strong commitment of Member
    # States to improving access ...") and 76 op57 ("Invites Member States to strengthen ...
    # the proper functioning of national drug control systems") became one paragraph.
    ("op15", ("op51", "op57"), "merged"),
    # The closing report request: "seventy-seventh session" -> "seventy-eighth session".
    ("op58", ("op114",), "modified"),
    # "Encourages Member States to promote and implement effective criminal justice
    # responses to drug-related offences" -> "Calls upon ... to drug-related crimes to bring
    # perpetrators to justice ..." with a long added clause on fair trial.
    ("op19", ("op103",), "modified"),
]


@pytest.mark.corpus
@pytest.mark.parametrize(("new_id", "old_ids", "kind"), TRUE_76_77)
def test_true_links_76_77(
    lineage_76_77: Lineage, new_id: str, old_ids: tuple[str, ...], kind: str
) -> None:
    assert _link_of(lineage_76_77, new_id) == (kind, old_ids)


@pytest.mark.corpus
def test_76_77_no_merge_through_names_of_bodies(lineage_76_77: Lineage) -> None:
    # 76 op81 ("Encourages Member States to fully implement international commitments on the
    # promotion of the rule of law ...") shares only "Encourages Member States to" and "respect
    # for human rights" with 77 op8 (treatment standards), whose source is 76 op28.
    assert _link_of(lineage_76_77, "op8") == ("modified", ("op28",))


# --- properties on every real pair ------------------------------------------------


def _pairs(request: pytest.FixtureRequest) -> list[tuple[Document, Document, Lineage]]:
    sample = request.getfixturevalue("sample")
    out = [(sample["A/RES/61/183"], sample["A/RES/63/197"],
            request.getfixturevalue("lineage_61_63"))]
    if request.node.get_closest_marker("corpus"):
        akn = request.getfixturevalue("akn")
        out.append((akn["A/RES/75/198"], akn["A/RES/76/188"],
                    request.getfixturevalue("lineage_75_76")))
        out.append((akn["A/RES/76/188"], akn["A/RES/77/238"],
                    request.getfixturevalue("lineage_76_77")))
    return out


@pytest.mark.parametrize("with_corpus", [False, pytest.param(True, marks=pytest.mark.corpus)])
def test_every_paragraph_once_and_like_with_like(
    request: pytest.FixtureRequest, with_corpus: bool
) -> None:
    for old, new, lineage in _pairs(request):
        old_ids = [o for k in lineage.links for o in k.old]
        new_ids = [n for k in lineage.links for n in k.new]
        assert sorted(old_ids) == sorted(p.id for p in old.paragraphs)
        assert sorted(new_ids) == sorted(p.id for p in new.paragraphs)
        kinds_old = {p.id: p.kind for p in old.paragraphs}
        kinds_new = {p.id: p.kind for p in new.paragraphs}
        for link in lineage.links:
            assert {kinds_old[o] for o in link.old} | {kinds_new[n] for n in link.new} == {
                link.part
            }
            assert 0.0 <= link.score <= 1.0
            assert (link.kind == "verbatim") <= (link.score == 1.0)
            assert (len(link.old) > 1) == (link.kind == "merged")
            assert (len(link.new) > 1) == (link.kind == "split")


@pytest.mark.parametrize("with_corpus", [False, pytest.param(True, marks=pytest.mark.corpus)])
def test_diff_rebuilds_both_texts(request: pytest.FixtureRequest, with_corpus: bool) -> None:
    for old, new, lineage in _pairs(request):
        for link in lineage.links:
            old_text = " ".join(old.paragraph(o).text for o in link.old)
            new_text = " ".join(new.paragraph(n).text for n in link.new)
            assert (link.old_text, link.new_text) == (old_text, new_text)
            # the diff turns the old words into the new ones (equal runs in new wording)
            assert [w for op, ws in link.diff if op != "delete" for w in ws] == new_text.split()
            old_side = [w for op, ws in link.diff if op != "insert" for w in ws]
            assert [surface_key(w).rstrip(";,.:") for w in old_side] == [
                surface_key(w).rstrip(";,.:") for w in old_text.split()
            ]
            # each side re-read as printed
            assert [w for _, ws in link.old_runs() for w in ws] == old_text.split()
            assert [w for _, ws in link.new_runs() for w in ws] == new_text.split()
            assert {op for op, _ in link.old_runs()} <= {"equal", "delete"}


def test_links_in_reading_order_of_the_new_text(
    lineage_61_63: Lineage, sample: dict[str, Document]
) -> None:
    order = {p.id: p.order for p in sample["A/RES/63/197"].paragraphs}
    placed = [order[k.new[0]] for k in lineage_61_63.links if k.new]
    assert placed == sorted(placed)
    # a dropped paragraph follows the link of the old paragraph before it: 61 op8
    # (reporting obligations) comes right after 63 op8.b, which descends from 61 op7.b
    ids = [(k.new, k.old) for k in lineage_61_63.links]
    assert ids.index(((), ("op8",))) == ids.index((("op8.b",), ("op7.b",))) + 1


def test_deterministic(sample: dict[str, Document], lineage_61_63: Lineage) -> None:
    again = align(sample["A/RES/61/183"], sample["A/RES/63/197"])
    assert again == lineage_61_63
    assert lineage_61_63.pairs() == again.pairs()


# --- snippets from the seeds --------------------------------------------------------

_OP14_61 = (
    "Invites States to continue to strengthen their efforts to implement innovative "
    "alternative programmes, inter alia, in reforestation, agriculture and small and medium "
    "enterprises, and stresses the importance of the United Nations system and the "
    "international community\u2019s contributing to the economic and social development of the "
    "communities that benefit from such programmes;"
)


def test_hyphens_lost_in_flat_text_count_as_equal() -> None:
    # 61/183 pp3 (PDF) "forty-sixth session" vs 63/197 pp3 (flat) "fortysixth session"
    assert surface_key("forty-sixth") == surface_key("fortysixth")
    assert content_keys("money-laundering,") == content_keys("moneylaundering")
    old = _doc("A/RES/61/183", ("op11", "Calls upon States and organizations with expertise in "
               "community capacity-building to provide, as needed, access to treatment, health "
               "care and social services for drug users, in particular those living with "
               "HIV/AIDS and other blood-borne diseases;", None))
    new = _doc("A/RES/63/197", ("op10", "Calls upon States and organizations with expertise in "
               "community capacitybuilding to provide, as needed, access to treatment, health "
               "care and social services for drug users, in particular those living with "
               "HIV/AIDS and other bloodborne diseases;", None))
    assert [(k.kind, k.score) for k in align(old, new).links] == [("verbatim", 1.0)]


def test_word_diff_of_op1() -> None:
    old = "the principle of non-intervention in the internal affairs of States and all human rights"
    new = ("for the principle of nonintervention in the internal affairs of States and for all "
           "human rights")
    assert word_diff(old, new) == (
        ("insert", ("for",)),
        ("equal", ("the", "principle", "of", "nonintervention", "in", "the", "internal",
                   "affairs", "of", "States", "and")),
        ("insert", ("for",)),
        ("equal", ("all", "human", "rights")),
    )


def test_split_of_two_acts() -> None:
    # 61/183 op14 holds two acts (invites ..., and stresses ...); a text that gives each act
    # its own paragraph is a split.
    old = _doc("A/RES/61/183", ("op14", _OP14_61, None))
    new = _doc(
        "A/RES/X/1",
        ("op1", "Invites States to continue to strengthen their efforts to implement innovative "
         "alternative programmes, inter alia, in reforestation, agriculture and small and medium "
         "enterprises;", None),
        ("op2", "Stresses the importance of the United Nations system and the international "
         "community\u2019s contributing to the economic and social development of the communities "
         "that benefit from such programmes;", None),
    )
    links = align(old, new).links
    assert [(k.kind, k.new, k.old) for k in links] == [("split", ("op1", "op2"), ("op14",))]
    assert links[0].score > 0.9


def test_preambular_never_aligned_with_operative() -> None:
    # The same words as a preambular and as an operative paragraph are not one lineage.
    text = ("Reaffirming the need for a comprehensive approach to the elimination of illicit "
            "narcotic crops,")
    old = _doc("A/RES/1/1", ("pp1", text, None))
    new = _doc("A/RES/2/1", ("op1", text, None))
    assert sorted(k.kind for k in align(old, new).links) == ["dropped", "new"]


def test_subparagraphs_follow_their_parents() -> None:
    # Two identical subparagraphs under different parents (61/183 op33 and op12 lead-ins);
    # the newer text swaps the parents, and each subparagraph must follow its own parent.
    welcomes = ("Welcomes the work carried out by the United Nations Office on Drugs and Crime "
                "in implementing its mandate, and requests the Office to continue:")
    urges = ("Urges States, in order to achieve a significant and measurable reduction of drug "
             "abuse by 2008:")
    sub = ("To provide legal advisory services to Member States, upon request, in support of "
           "their implementation of the international drug control conventions;")
    old = _doc("A/RES/1/1", ("op1", welcomes, None), ("op1.a", sub, "op1"),
               ("op2", urges, None), ("op2.a", sub, "op2"))
    new = _doc("A/RES/2/1", ("op1", urges, None), ("op1.a", sub, "op1"),
               ("op2", welcomes, None), ("op2.a", sub, "op2"))
    lineage = align(old, new)
    assert lineage.derived_from("op1") == ("op2",)
    assert lineage.derived_from("op1.a") == ("op2.a",)
    assert lineage.derived_from("op2.a") == ("op1.a",)


# --- series -------------------------------------------------------------------------


@pytest.mark.corpus
def test_subject_kept(akn: dict[str, Document]) -> None:
    # the drug series renamed in 2022: "comprehensive, integrated and balanced approach" and
    # "international cooperation" are words of both texts
    assert subject_kept(akn["A/RES/76/188"], akn["A/RES/77/238"]) == 1.0
    # "judges" is not in the Diplomacy text, "diplomacy" not in the Judges text
    assert subject_kept(akn["A/RES/75/274"], akn["A/RES/76/269"]) == 0.0


def test_title_similarity_across_the_renamed_series() -> None:
    t61 = "International cooperation against the world drug problem"
    t75 = "International cooperation to address and counter the world drug problem"
    t77 = ("Addressing and countering the world drug problem through a comprehensive, "
           "integrated and balanced approach")
    crime = ("Strengthening the United Nations crime prevention and criminal justice programme, "
             "in particular its technical cooperation capacity")
    assert title_similarity(t61, t75) >= 0.5
    assert title_similarity(t75, t77) >= 0.5
    assert title_similarity(t75, crime) < 0.3


@pytest.mark.corpus
def test_series_pairs(akn: dict[str, Document], sample: dict[str, Document]) -> None:
    docs = [*akn.values(), *sample.values()]
    random.Random(7).shuffle(docs)
    got = [(o.meta.symbol, n.meta.symbol) for o, n in series_pairs(docs)]
    assert got == [
        ("A/RES/61/183", "A/RES/63/197"),
        # "The Syrian Golan" follows "The Syrian Golan", not "The occupied Syrian Golan"
        # adopted later in the same session; and vice versa
        ("A/RES/75/24", "A/RES/76/11"),
        ("A/RES/75/99", "A/RES/76/81"),
        # crime prevention programme (same title every year) and the drug series
        ("A/RES/75/196", "A/RES/76/187"),
        ("A/RES/75/198", "A/RES/76/188"),
        ("A/RES/76/187", "A/RES/77/237"),
        ("A/RES/76/188", "A/RES/77/238"),
    ]


def test_series_pairs_needs_shared_paragraphs(sample: dict[str, Document]) -> None:
    # same title, but no paragraph in common: not one series
    old = _doc("A/RES/1/1", ("op1", _OP14_61, None))
    new = sample["A/RES/63/197"]
    old = Document(
        meta=Metadata(symbol="A/RES/62/1", body="GA", session="62", adopted="2007-12-18",
                      title=new.meta.title),
        text=old.text, paragraphs=old.paragraphs,
    )
    assert series_pairs([new, old]) == []
    assert [(o.meta.symbol, n.meta.symbol) for o, n in series_pairs(sample.values())] == [
        ("A/RES/61/183", "A/RES/63/197")
    ]


# --- report, HTML, CLI ---------------------------------------------------------------


def test_format_report(lineage_61_63: Lineage) -> None:
    plain = format_report(lineage_61_63, color=False)
    assert "\x1b[" not in plain
    assert plain.splitlines()[0] == "A/RES/63/197 \u2190 A/RES/61/183"
    lines = plain.splitlines()
    head = next(ln for ln in lines if ln.startswith("op40 "))
    assert head.split()[:4] == ["op40", "\u2190", "op31", "modified"]
    assert 0.8 <= float(head.split()[4]) <= 0.9
    assert "{+reaffirms the importance of its work," in plain
    assert "[-including those that will enable-]" in plain
    colored = format_report(lineage_61_63, color=True)
    assert "\x1b[32;1m" in colored and "\x1b[31;9m" in colored and "{+" not in colored


def test_json_and_csv_rows(lineage_61_63: Lineage) -> None:
    data = json.loads(json.dumps(lineage_to_dict(lineage_61_63)))
    assert data["counts"] == lineage_61_63.counts()
    merged = [k for k in data["links"] if k["class"] == "merged"]
    assert merged[0]["new"] == ["op7"] and merged[0]["old"] == ["op3", "op4"]
    rows = lineage_rows(lineage_61_63)
    assert len(rows) == len(lineage_61_63.links)
    row = next(r for r in rows if r["new"] == "op4")
    assert row["class"] == "new" and row["inserted"].startswith("Notes that 2009 marks")


def test_html_is_escaped_and_self_contained() -> None:
    old = _doc("A/RES/1/1", ("op1", "Takes note of the report <b>A/61/221</b> & annex;", None))
    new = _doc("A/RES/2/1", ("op1", "Takes note of the report <b>A/63/120</b> & annex;", None))
    page = render_html(align(old, new))
    assert "<b>" not in page and "&lt;b&gt;A/61/221&lt;/b&gt;" in page
    assert "<script" not in page.lower() and "http" not in page
    tree = lxml_html.fromstring(page)
    assert len(tree.xpath("//tbody/tr")) == 1
    assert tree.xpath("string(//tbody//del)") == "<b>A/61/221</b>"


def test_html_page_of_the_sample(lineage_61_63: Lineage) -> None:
    tree = lxml_html.fromstring(render_html(lineage_61_63))
    assert len(tree.xpath("//tbody/tr")) == len(lineage_61_63.links)
    row = tree.xpath("//tbody/tr[td[3]/span[@class='pid']='op4']")[0]
    assert row.get("class") == "new"


def test_cli_table_json_csv_only(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(lineage_command, ["A/RES/61/183", "A/RES/63/197", "--only", "merged"])
    assert res.exit_code == 0, res.output
    assert "op7 \u2190 op3+op4  merged" in res.output and "\x1b[" not in res.output
    res = runner.invoke(lineage_command, ["A/RES/61/183", "a/res/63/197", "--format", "json"])
    assert res.exit_code == 0
    assert json.loads(res.output)["new"] == "A/RES/63/197"
    sample = kg.sample_paths()
    res = runner.invoke(lineage_command, [str(sample[0]), str(sample[1]), "--format", "csv",
                                          "--only", "new", "--only", "dropped"])
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert rows and {r["class"] for r in rows} == {"new", "dropped"}
    page = tmp_path / "lineage.html"
    res = runner.invoke(lineage_command, ["A/RES/61/183", "A/RES/63/197", "--html", str(page)])
    assert res.exit_code == 0 and res.output.startswith(f"wrote {page}")
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["lineage.html"]


def test_cli_bad_input(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(lineage_command, ["A/RES/99/999", "A/RES/63/197"])
    assert res.exit_code == 2
    assert "A/RES/99/999: neither a file nor the symbol" in res.output
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    res = runner.invoke(lineage_command, [str(empty), "A/RES/63/197"])
    assert res.exit_code == 2 and "empty file" in res.output
