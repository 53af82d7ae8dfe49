"""The Akoma Ntoso reader on real AKN4UN files of the shared corpus, and on bad input.

Counts are checked against the XML itself (an independent lxml walk below),
texts against sentences quoted from the files.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from kg.errors import ReadError
from kg.model import Document
from kg.read import read_bytes, read_path
from kg.sample import sample_paths
from tests.render import render_flat, render_pdf

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def _akn(corpus: Path, name: str) -> Document:
    return read_path(corpus / "akn" / name)


@pytest.fixture(scope="module")
def doc198(corpus_dir: Path) -> Document:
    return _akn(corpus_dir, "75/75_198_E.xml")


# ------------------------------------------------------------------ 75/198
META_198 = [
    ("symbol", "A/RES/75/198"),
    ("body", "GA"),
    ("session", "75"),
    ("adopted", "2020-12-16"),
    ("title", "International cooperation to address and counter the world drug problem"),
    ("agenda_item", "113"),
    ("committee", "Third Committee"),
    ("committee_report", "A/75/481"),
    ("meeting", "46th plenary meeting"),
    ("meeting_record", "A/75/PV.46"),
    ("draft", "A/C.3/75/L.10/Rev.1"),
]


@pytest.mark.parametrize(("field", "value"), META_198, ids=[f for f, _ in META_198])
def test_75_198_metadata(doc198: Document, field: str, value: str) -> None:
    assert getattr(doc198.meta, field) == value


def test_75_198_subjects(doc198: Document) -> None:
    subjects = {s.label: s.iri for s in doc198.meta.subjects}
    assert subjects["CIVIL SOCIETY"] == "http://metadata.un.org/thesaurus/1001012"
    assert subjects["SUSTAINABLE DEVELOPMENT"] == "http://metadata.un.org/thesaurus/1006319"
    labels = [s.label for s in doc198.meta.subjects]
    assert len(labels) == len(set(labels))  # de-duplicated
    assert "SDG 3" not in labels and "PUBLIC HEALTH" not in labels  # SDGO and EuroVoc left out


def test_75_198_counts(doc198: Document) -> None:
    assert len(doc198.preambular) == 39
    assert len([p for p in doc198.operative if p.number]) == 120
    assert len(doc198.footnotes) == 30


# (paragraph id, parent, lead, text begins) — quoted from 75_198_E.xml
PARAS_198 = [
    ("pp1", None, "Reaffirming",
     "Reaffirming the outcome document of the thirtieth special session of the General Assembly"),
    ("op4", None, "Reiterates its call upon",
     "Reiterates its call upon Member States to take, in a timely manner,"),
    ("op58", None, "Recognizes", "Recognizes that it is necessary for Member States"),
    ("op58.a", "op58", None, "Regularly reviewing and assessing their drug control policies"),
    ("op58.b", "op58", None, "Providing, as appropriate, comprehensive, integrated drug demand"),
    ("op120", None, "Takes note", "Takes note of the report of the Secretary-General"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("pid", "parent", "lead", "begins"), PARAS_198, ids=[r[0] for r in PARAS_198]
)
def test_75_198_paragraphs(
    doc198: Document, pid: str, parent: str | None, lead: str | None, begins: str
) -> None:
    p = doc198.paragraph(pid)
    assert p.parent == parent
    assert p.lead == lead
    assert p.text.startswith(begins)
    assert doc198.text[p.span[0] : p.span[1]] == p.text


def test_75_198_footnote_30_anchored_to_op120(doc198: Document) -> None:
    fn = next(f for f in doc198.footnotes if f.marker == "30")
    assert (fn.paragraph, fn.text) == ("op120", "A/75/99.")
    text = doc198.paragraph("op120").text
    assert text[: fn.offset].endswith("the report of the Secretary-General,")
    assert fn.span is not None and doc198.text[fn.span[0] : fn.span[1]] == fn.text


def test_75_198_footnote_links_kept_as_text(doc198: Document) -> None:
    fn = next(f for f in doc198.footnotes if f.marker == "2")
    assert fn.text == (
        "See Official Records of the Economic and Social Council, 2019, Supplement No. 8 "
        "(E/2019/28), chap. I, sect. B."
    )


# ------------------------------------------------------- other structures
# (file, paragraph id, parent, section, text begins) — quoted from the files
STRUCTURES = [
    # flat "(a)" paragraphs, roman numerals nested under a letter
    ("75/75_190_E.xml", "op2.a.xiii", "op2.a", None, "Violence and discrimination against women"),
    ("75/75_190_E.xml", "op2.b", "op2", None,
     "The continued refusal of the Government of the Democratic People\u2019s Republic of Korea"),
    # <list><intro> belongs to the paragraph; <point>s are its subparagraphs
    ("75/75_283_E.xml", "op2", None, None, "Also decides that:"),
    ("75/75_283_E.xml", "op2.a", "op2", None,
     "The opening plenary meeting will feature statements by the President"),
    # <blockList> items after a preambular paragraph
    ("76/A_RES_76_186-2119241E.xml", "pp10.a", "pp10", None,
     "To promote universal ratification of the United Nations Convention against"),
    # sections restart operative numbering: ids qualified by the section
    ("75/75_245_E.xml", "B.op1", None, "B", "Reaffirms that the range of 110 to 120"),
    ("75/75_245_E.xml", "A.op1", None, "A", "Approves, with effect from 1 January 2021"),
    ("75/75_253_E.xml", "XV.op1", None, "XV",
     "Decides to keep the question of the global service delivery model under review"),
    # a resolution published in parts A and B
    ("75/75_101A-B_E.xml", "B.op1", None, "I", "Requests the Secretary-General, in respect of"),
    # "l." typed for "1." in the <num>
    ("76/A_RES_76_256-2204678E.xml", "op1", None, None,
     "Decides to designate 12 May as the International Day of Plant Health"),
    # number printed in the text instead of a <num>: "6.\u200e Reaffirms its decision"
    ("75/75_248_E.xml", "op6", None, "I", "Reaffirms its decision, contained in paragraph 4"),
    # unlabelled items after a paragraph ending with a colon
    ("75/75_326_E.xml", "op8.2", "op8", None, "Friday, 3 June: from 10 a.m. to 1 p.m."),
    # the <list> of a labelled paragraph "(e)" is one level below it
    ("76/A_RES_76_84 A-B-2118640E.xml", "A.op1.e.i", "A.op1.e", None,
     "The development of the human and technical resources"),
    # captions over tables ("B. Pension Administration") are no sections: numbering goes on
    ("76/A_RES_76_246-2119713E.xml", "XIII.op28", None, "XIII",
     "Also approves the estimates of 121,819,100 dollars"),
]  # fmt: skip


def test_tables_keep_their_captions_and_notes(corpus_dir: Path) -> None:
    """75/246: "A. Pension Administration" over a table, "Abbreviations: ..." under it."""
    doc = _akn(corpus_dir, "75/75_246_E.xml")
    assert [p.id for p in doc.operative][42:44] == ["op43", "op44"]
    assert not any(s.number in ("A", "B") for s in doc.sections)
    assert not any(p.text.startswith("Abbreviations:") for p in doc.paragraphs)


def test_note_set_inside_a_word_moves_to_its_edge(corpus_dir: Path) -> None:
    """77/189 has "Reduction, t<authorialNote marker="6"/>he Addis Ababa Action Agenda"."""
    doc = _akn(corpus_dir, "77/A_RES_77_189-2228885E.xml")
    fn = next(f for f in doc.footnotes if f.marker == "6")
    text = doc.paragraph(fn.paragraph or "").text
    assert text[: fn.offset].endswith("Disaster Risk Reduction,")
    assert text[fn.offset :].startswith(" the Addis Ababa Action Agenda")


@pytest.mark.parametrize(("name", "pid", "parent", "section", "begins"), STRUCTURES,
                         ids=[f"{r[0]}:{r[1]}" for r in STRUCTURES])  # fmt: skip
def test_structures(
    corpus_dir: Path, name: str, pid: str, parent: str | None, section: str | None, begins: str
) -> None:
    doc = _akn(corpus_dir, name)
    p = doc.paragraph(pid)
    assert (p.parent, p.section) == (parent, section)
    assert p.text.startswith(begins), p.text[:120]


def test_sections_75_101(corpus_dir: Path) -> None:
    doc = _akn(corpus_dir, "75/75_101A-B_E.xml")
    numbered = [(s.number, s.title) for s in doc.sections if s.number]
    assert numbered[:4] == [
        ("A", "Information in the service of humanity"),
        ("B", "United Nations global communications policies and activities"),
        ("I", "Introduction"),
        ("II", "General activities of the Department of Global Communications"),
    ]
    assert ("", "Multilingualism and global communications") in [
        (s.number, s.title) for s in doc.sections
    ]
    for s in doc.sections:
        assert doc.text[s.span[0] : s.span[1]] == s.title


# (file, field, value) — metadata shapes other than 75/198's
META_OTHERS = [
    ("75/75_10_E.xml", "committee", None),  # [without reference to a Main Committee (A/75/L.20)]
    ("75/75_10_E.xml", "committee_report", None),
    ("75/75_10_E.xml", "draft", "A/75/L.20"),
    ("75/75_10_E.xml", "agenda_item", "130 (y)"),
    ("75/75_174_E.xml", "committee_report", "A/75/478/Add.1"),
    ("77/A_RES_77_244-2300134E.xml", "meeting_record", "A/77/PV.56 (Resumption 1)"),
    ("77/A_RES_77_244-2300134E.xml", "meeting", "56th (resumed) plenary meeting"),
    ("76/A_RES_ES-11_1-2204067E.xml", "symbol", "A/RES/ES-11/1"),
    ("76/A_RES_ES-11_1-2204067E.xml", "session", "ES-11"),
    ("75/75_253_E.xml", "adopted", "2020-12-31"),
    ("75/A_RES_75_253 C-2108992E.xml", "symbol", "A/RES/75/253 C"),
    ("75/75_101A-B_E.xml", "symbol", "A/RES/75/101 A-B"),
    ("75/75_101A-B_E.xml", "title", "Questions relating to information"),
]


@pytest.mark.parametrize(("name", "field", "value"), META_OTHERS,
                         ids=[f"{r[0]}:{r[1]}" for r in META_OTHERS])  # fmt: skip
def test_metadata_shapes(corpus_dir: Path, name: str, field: str, value: str | None) -> None:
    assert getattr(_akn(corpus_dir, name).meta, field) == value


def test_special_session_symbol(corpus_dir: Path) -> None:
    doc = _akn(corpus_dir, "75/A_RES_S-32_1-2107229E.xml")
    assert (doc.meta.symbol, doc.meta.session) == ("A/RES/S-32/1", "S-32")


def test_french_file_reads(corpus_dir: Path) -> None:
    doc = _akn(corpus_dir, "75/75_274_F.xml")
    assert doc.meta.symbol == "A/RES/75/274"
    assert doc.meta.title == "Journée internationale des femmes juges"
    assert doc.operative and doc.preambular


# ------------------------------------------------ every file of the corpus
def _clean(el: etree._Element) -> str:
    """Text without notes and list items, white space collapsed (independent of kg)."""
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        parts.append(e.text or "")
        for c in e:
            if isinstance(c.tag, str) and c.tag not in (AKN + "authorialNote", AKN + "item"):
                walk(c)
            parts.append(c.tail or "")

    walk(el)
    visible = "".join(ch for ch in "".join(parts) if unicodedata.category(ch) != "Cf")
    return re.sub(r"\s+", " ", visible).strip()


def _outside_annexes(tree: etree._ElementTree, tag: str) -> Iterator[etree._Element]:
    for el in tree.iter(AKN + tag):
        outer = (AKN + "attachments", AKN + "authorialNote")
        if not any(a.tag in outer for a in el.iterancestors()):
            yield el


def _expected(path: Path) -> tuple[list[str], int, int]:
    """(preambular texts, numbered operative paragraphs, notes) straight from the XML."""
    tree = etree.parse(str(path))
    pre = [
        _clean(el)
        for el in _outside_annexes(tree, "container")
        if any(a.tag == AKN + "preamble" for a in el.iterancestors())
    ]
    pre += [_clean(el) for el in _outside_annexes(tree, "crossHeading")]
    nums = len(
        [
            n
            for n in _outside_annexes(tree, "num")
            if getattr(n.getparent(), "tag", "") == AKN + "paragraph"
            and re.fullmatch(r"\d+(\.\d+)*\.?", _clean(n))
        ]
    )
    notes = sum(1 for _ in _outside_annexes(tree, "authorialNote"))
    return pre, nums, notes


def _corpus_files(corpus: Path) -> list[Path]:
    return sorted((corpus / "akn").glob("*/*.xml"))


@pytest.fixture(scope="module")
def corpus_docs(corpus_dir: Path) -> list[tuple[Path, Document | Exception]]:
    out: list[tuple[Path, Document | Exception]] = []
    for path in _corpus_files(corpus_dir):
        try:
            out.append((path, read_path(path)))
        except Exception as exc:  # collected and reported by the tests below
            out.append((path, exc))
    return out


def test_every_file_reads(corpus_docs: list[tuple[Path, Document | Exception]]) -> None:
    assert len(corpus_docs) > 900
    failed = [f"{p.name}: {d!r}" for p, d in corpus_docs if isinstance(d, Exception)]
    assert not failed, failed[:20]


def test_every_file_counts_match_xml(corpus_docs: list[tuple[Path, Document | Exception]]) -> None:
    problems: list[str] = []
    for path, doc in corpus_docs:
        if isinstance(doc, Exception):
            continue
        pre, nums, notes = _expected(path)
        texts = [p.text for p in doc.preambular]
        it = iter(texts)  # every container / crossHeading is a preambular paragraph, in order
        missing = [t[:60] for t in pre if t and t not in it]
        extra = [t for t in texts if t not in pre]
        if missing or any(not t.endswith(",") for t in extra) or len(extra) > 1:
            problems.append(f"{path.name}: preamble missing {missing[:2]} extra {extra[:2]}")
        in_text = sum(  # numbers printed in the text, or typed with letters ("l.")
            bool(re.search(r"printed inside the text|read as \d", w)) for w in doc.warnings
        )
        numbered = [p for p in doc.operative if p.number and p.number[0].isdigit()]
        if len(numbered) != nums + in_text:
            problems.append(f"{path.name}: {len(numbered)} numbered operative, XML {nums}")
        if len(doc.footnotes) != notes:
            problems.append(f"{path.name}: {len(doc.footnotes)} footnotes, XML {notes}")
    assert not problems, problems[:20]


def test_every_file_spans_and_whitespace(
    corpus_docs: list[tuple[Path, Document | Exception]],
) -> None:
    problems: list[str] = []
    for path, doc in corpus_docs:
        if isinstance(doc, Exception):
            continue
        ids = [p.id for p in doc.paragraphs]
        if len(ids) != len(set(ids)):
            problems.append(f"{path.name}: repeated ids")
        for p in doc.paragraphs:
            if doc.text[p.span[0] : p.span[1]] != p.text:
                problems.append(f"{path.name}: span of {p.id}")
            if not p.text or "\t" in p.text or "  " in p.text or p.text != p.text.strip():
                problems.append(f"{path.name}: white space in {p.id}: {p.text[:40]!r}")
            if p.parent is not None and p.parent not in ids:
                problems.append(f"{path.name}: {p.id} has unknown parent {p.parent}")
        for fn in doc.footnotes:
            if (
                fn.offset is not None
                and fn.paragraph is not None
                and not (0 <= fn.offset <= len(doc.paragraph(fn.paragraph).text))
            ):
                problems.append(f"{path.name}: footnote {fn.marker} offset")
            if fn.span is not None and doc.text[fn.span[0] : fn.span[1]] != fn.text:
                problems.append(f"{path.name}: footnote {fn.marker} span")
            if "\t" in fn.text or "  " in fn.text:
                problems.append(f"{path.name}: white space in footnote {fn.marker}")
        if not re.fullmatch(r"A/RES/(?:E?S-)?\d+/\d+(?: [A-Z](?:-[A-Z])?)?", doc.meta.symbol):
            problems.append(f"{path.name}: symbol {doc.meta.symbol}")
    assert not problems, problems[:20]


# ------------------------------------------------------------- bad input
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]><akomaNtoso><statement><preface><p><docNumber>75/1.</docNumber></p></preface>"
    + b"<mainBody><paragraph><num>1.</num><content><p>&lol9;</p></content></paragraph>"
    + b"</mainBody></statement></akomaNtoso>"
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<akomaNtoso><statement><preface><p><docNumber>75/1.</docNumber></p></preface>"
    b"<mainBody><paragraph><num>1.</num><content><p>&xxe;</p></content></paragraph>"
    b"</mainBody></statement></akomaNtoso>"
)
BAD = [
    ("malformed", b"<akomaNtoso>\n<statement>\n<p>text</q>\n</statement></akomaNtoso>", "line 3"),
    ("billion-laughs", LAUGHS, "not allowed"),
    ("external-entity", XXE, "not allowed"),
    ("not-akn", b"<html><body><p>Recalling</p></body></html>", "not Akoma Ntoso"),
    ("no-statement", b"<akomaNtoso><meta/></akomaNtoso>", "no <statement>"),
    ("no-symbol", b"<akomaNtoso><statement><mainBody/></statement></akomaNtoso>", "symbol"),
    ("truncated", b"<akomaNtoso><statement><preface>", "malformed XML"),
]


@pytest.mark.parametrize(("data", "problem"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_read_error(data: bytes, problem: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ReadError) as info:
        read_bytes(data, source="bad.xml", fmt="akn")
    assert time.perf_counter() - start < 1.0
    assert problem in str(info.value)
    assert str(info.value).startswith("bad.xml: ")
    assert "lollol" not in str(info.value) and "root:" not in str(info.value)


def test_malformed_xml_names_the_line() -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(b"<akomaNtoso>\n<statement>\n<p>text</q>\n</statement></akomaNtoso>", fmt="akn")
    assert info.value.where == "line 3"
    assert "mismatch" in info.value.problem


XMLISH = st.lists(
    st.sampled_from(
        ["<akomaNtoso>", "</akomaNtoso>", "<statement>", "</statement>", "<mainBody>",
         "</mainBody>", "<paragraph>", "</paragraph>", "<num>1.</num>", "<num>(a)</num>",
         "<content><p>", "</p></content>", "<preface><p><docNumber>75/1.</docNumber></p></preface>",
         "<preamble>", "</preamble>", "<container name=\"Recalling\"><p>", "</p></container>",
         '<authorialNote marker="1"><p>x</p></authorialNote>', "<section>", "</section>",
         "<subheading>I</subheading>", "<list><intro><p>Decides:</p></intro>", "</list>",
         "<point><num>(b)</num><content><p>y</p></content></point>", "(i) ", "&amp;", "&x;",
         "<!DOCTYPE a>", "Urges States;", "\t", "<crossHeading>Having,</crossHeading>"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=300), XMLISH.map(str.encode)))
def test_arbitrary_input_raises_only_read_error(data: bytes) -> None:
    try:
        doc = read_bytes(data, source="fuzz.xml", fmt="akn")
    except ReadError:
        return
    for p in doc.paragraphs:
        assert doc.text[p.span[0] : p.span[1]] == p.text


# --------------------------------------------------------- tests/render.py
def test_render_flat_shape(doc198: Document) -> None:
    flat = render_flat(doc198)
    header, blank, line = flat.split("\n")
    assert header.startswith("%%%HEALTH|CIVIL SOCIETY|") and header.endswith("|")
    assert blank == ""
    assert line.startswith(
        "Resolution adopted by the General Assembly on 16 December 2020 "
        "[on the report of the Third Committee (A/75/481)] 75/198. International cooperation"
    )
    assert "the 1972 Protocol,7 the Convention on Psychotropic Substances of 1971,8 the" in line
    assert "120. Takes note of the report of the Secretary-General,30 and requests" in line
    assert line.endswith(" 46th plenary meeting 16 December 2020 ")
    assert "SecretaryGeneral" in render_flat(doc198, drop_hyphens=True)


def test_render_pdf_shape(doc198: Document) -> None:
    pdf = render_pdf(doc198, job="20-17359")
    lines = pdf.split("\n")
    assert lines[1] == " United Nations A/RES/75/198 "
    assert "General Assembly Distr.: General " in lines
    assert "Seventy-fifth session " in lines and "Agenda item 113 " in lines
    assert "20-17359 " in lines
    title = "International cooperation to address and counter the world drug problem"
    assert f"75/198. {title} " in lines
    assert " The General Assembly, " in lines
    assert max(len(ln) for ln in lines if not re.match(r"\d+ ", ln)) <= 90
    assert all(ln == "" or ln.endswith(" ") for ln in lines)
    assert lines.count("_______________ ") >= 5
    assert "30 A/75/99. " in lines
    assert f"A/RES/75/198 {title} " in lines  # running header
    assert " 120. Takes note of the report of the Secretary-General,30 and requests" in pdf
    assert "46th plenary meeting " in lines and "16 December 2020 " in lines
    # every footnote body is printed once, in a block after a rule
    for fn in doc198.footnotes:
        assert pdf.count(f"\n{fn.marker} {fn.text[:25]}") == 1, fn.marker


def _shape(line: str) -> str:
    """A line reduced to its layout: blank, a lone space, or text (with its leading space)."""
    if line == "":
        return "blank"
    if line == " ":
        return "space"
    return "indented" if line.startswith(" ") else "text"


def test_render_pdf_heading_block_like_the_pdf_seed(doc198: Document) -> None:
    seed = next(p for p in sample_paths() if p.name == "A_RES_61_183.txt")
    seed_lines = seed.read_text(encoding="utf-8").split("\n")
    ours = render_pdf(doc198, heading_date=False, running_header=False).split("\n")
    end = seed_lines.index(" The General Assembly, ") + 2
    assert [_shape(x) for x in ours[:end]] == [_shape(x) for x in seed_lines[:end]]
    assert ours[end - 2] == seed_lines[end - 2]  # " The General Assembly, "
    for fixed in (
        "General Assembly Distr.: General ",
        "Resolution adopted by the General Assembly ",
    ):
        assert ours.index(fixed) == seed_lines.index(fixed)
    assert seed_lines[-3:] == ours[-3:] == ["", "", ""]  # the seed ends with blank lines


def test_render_flat_like_the_flat_seed(doc198: Document) -> None:
    seed = next(p for p in sample_paths() if p.name == "A_RES_63_197.txt")
    s_header, s_blank, s_line = seed.read_text(encoding="utf-8").split("\n")
    header, blank, line = render_flat(doc198).split("\n")
    shape = ("%%%", "|", "")
    assert (s_header[:3], s_header[-1], s_blank) == (header[:3], header[-1], blank) == shape
    # "... 63/197. International cooperation against the world drug problem The General Assembly,
    # Recalling ..." — the same run of number, title, enacting formula and first paragraph
    pattern = r"\] \d+/\d+\. [^\]]+? The General Assembly, [A-Z]"
    assert re.search(pattern, s_line) and re.search(pattern, line)
    assert s_line.endswith(" ") and line.endswith(" ")
    assert re.search(r"\d+(st|nd|rd|th) plenary meeting \d+ \w+ \d{4} $", s_line)
    assert re.search(r"\d+(st|nd|rd|th) plenary meeting \d+ \w+ \d{4} $", line)


def test_subjects_of_session_76_keep_both_unbis_lists(corpus_dir: Path) -> None:
    doc = _akn(corpus_dir, "76/A_RES_76_188-2119245E.xml")
    subjects = {s.label: s.iri for s in doc.meta.subjects}
    assert subjects["DRUG CONTROL"] is None  # Digital Library heading, no IRI in the file
    assert subjects["CIVIL SOCIETY"] == "http://metadata.un.org/thesaurus/1001012"
    assert "UN OFFICE ON DRUGS AND CRIME" not in subjects  # DHLAUTH names are not subjects
