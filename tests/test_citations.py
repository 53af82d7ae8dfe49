"""Citations (kg.extract.citations) on real sentences of the seeds and the AKN corpus.

Every sentence below is quoted from the document named with it (the seeds
are bundled in kg/sample; AKN files are under ../shared/corpus/akn) as the
readers give it (footnote markers removed); ``test_sentence_is_real`` checks
that, reading the document with ``kg.read.read_path``.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.citations import citations_for_document, find_citations
from kg.model import Citation, Document, Metadata
from kg.read import read_path
from kg.read.assemble import FootnoteDraft, ParagraphDraft, assemble
from kg.sample import sample_paths

ROOT = Path(__file__).resolve().parents[1]
AKN = ROOT / ".." / "shared" / "corpus" / "akn"
SEED_61_183, SEED_63_197 = (str(p) for p in sample_paths())

Row = tuple[str, str, str, str, bool]  # target, body, kind, printed text, resolved


def _res(target: str, body: str, text: str) -> Row:
    return (target, body, "resolution", text, True)


def _doc(target: str, body: str, text: str) -> Row:
    return (target, body, "document", text, True)


# (source, sentence, expected citations in order)
CASES: list[tuple[str, str, list[Row]]] = [
    (
        SEED_61_183,
        "Recalling the United Nations Millennium Declaration, the provisions of the 2005 "
        "World Summit Outcome addressing the world drug problem, its resolution 60/178 of "
        "16 December 2005 and its other previous resolutions,",
        [_res("A/RES/60/178", "GA", "60/178")],
    ),
    (
        SEED_61_183,
        "taking note of Economic and Social Council resolution 2006/32 of 27 July 2006 entitled",
        [_res("E/RES/2006/32", "ECOSOC", "2006/32")],
    ),
    (SEED_61_183, "Resolution S-20/4 E.", [_res("A/RES/S-20/4", "GA", "S-20/4 E")]),
    (
        SEED_61_183,
        "See Official Records of the Economic and Social Council, 2003, Supplement No. 8 "
        "(E/2003/28/Rev.1), chap. I, sect. C; see also A/58/124, sect. II.A.",
        [_doc("E/2003/28/Rev.1", "ECOSOC", "E/2003/28/Rev.1"), _doc("A/58/124", "GA", "A/58/124")],
    ),
    (
        SEED_61_183,
        "Resolution 55/25, annexes I\u2013III, and resolution 55/255, annex.",
        [_res("A/RES/55/25", "GA", "55/25"), _res("A/RES/55/255", "GA", "55/255")],
    ),
    (SEED_61_183, "S/2006/90, annex.", [_doc("S/2006/90", "SecurityCouncil", "S/2006/90")]),
    (
        SEED_61_183,
        "See A/61/208-S/2006/598, annex.",
        [_doc("A/61/208-S/2006/598", "GA", "A/61/208-S/2006/598")],
    ),
    (
        SEED_61_183,
        "United Nations, Treaty Series, vol. 976, No. 14152.",
        [
            (
                "SingleConvention1961",
                "unknown",
                "treaty-series",
                "United Nations, Treaty Series, vol. 976, No. 14152",
                True,
            )
        ],
    ),
    (
        SEED_61_183,
        "Ibid., vol. 1582, No. 27627.",
        [("Convention1988", "unknown", "treaty-series", "Ibid., vol. 1582, No. 27627", True)],
    ),
    (
        SEED_63_197,
        "Recalling Commission on Narcotic Drugs resolution 51/10 of 14 March 2008, in which "
        "the Commission emphasized",
        [_res("CND/RES/51/10", "CND", "51/10")],
    ),
    (
        SEED_63_197,
        "Welcomes the adoption, by the Commission on Narcotic Drugs on 14 March 2008, of "
        "resolution 51/4, by which the Commission decided",
        [_res("CND/RES/51/4", "CND", "51/4")],
    ),
    (
        SEED_63_197,
        "expert working groups established by the Commission on Narcotic Drugs in its "
        "resolution 51/4, and their conclusions",
        [_res("CND/RES/51/4", "CND", "51/4")],
    ),
    (
        "75/75_198_E.xml",
        "Recalling other relevant United Nations resolutions, including General "
        "Assembly resolution 74/178 of 18 December 2019,",
        [_res("A/RES/74/178", "GA", "74/178")],
    ),
    (
        "75/75_198_E.xml",
        "Resolutions S-20/1, S-20/2, S-20/3 and S-20/4 A\u2013E.",
        [
            _res("A/RES/S-20/1", "GA", "S-20/1"),
            _res("A/RES/S-20/2", "GA", "S-20/2"),
            _res("A/RES/S-20/3", "GA", "S-20/3"),
            _res("A/RES/S-20/4", "GA", "S-20/4 A\u2013E"),
        ],
    ),
    ("75/75_198_E.xml", "Resolution 217 A (III).", [_res("A/RES/217(III)", "GA", "217 A (III)")]),
    (
        "75/75_198_E.xml",
        "Taking note of Human Rights Council resolution 37/42 of 23 March 2018, entitled",
        [_res("A/HRC/RES/37/42", "HRC", "37/42")],
    ),
    (
        "75/75_198_E.xml",
        "and recalling Commission on Narcotic Drugs resolution 61/2 of 16 March 2018 "
        "on strengthening efforts",
        [_res("CND/RES/61/2", "CND", "61/2")],
    ),
    (
        "75/75_161_E.xml",
        "A/CONF.157/24 (Part I), chap. III.",
        [_doc("A/CONF.157/24(PartI)", "GA", "A/CONF.157/24 (Part I)")],
    ),
    ("75/75_16_E.xml", "See S/PV.7813.", [_doc("S/PV.7813", "SecurityCouncil", "S/PV.7813")]),
    (
        "75/75_145_E.xml",
        "See A/62/PV.117, A/62/PV.118, A/62/PV.119,",
        [
            _doc("A/62/PV.117", "GA", "A/62/PV.117"),
            _doc("A/62/PV.118", "GA", "A/62/PV.118"),
            _doc("A/62/PV.119", "GA", "A/62/PV.119"),
        ],
    ),
    (
        "75/75_196_E.xml",
        "Welcoming Commission on Crime Prevention and Criminal Justice resolution "
        "26/3 of 26 May 2017 on mainstreaming a gender perspective",
        [_res("CCPCJ/RES/26/3", "CCPCJ", "26/3")],
    ),
    (
        "75/75_196_E.xml",
        "Recalling the adoption of its resolutions 71/326 of 11 September 2017 and "
        "73/343 of 16 September 2019 on tackling illicit trafficking in wildlife, and welcoming "
        "Commission on Crime Prevention and Criminal Justice resolution 28/3 of 24 May 2019, and "
        "resolution 8/12 of 20 December 2019 of the Conference of the States Parties to the United "
        "Nations Convention against Corruption,",
        [
            _res("A/RES/71/326", "GA", "71/326"),
            _res("A/RES/73/343", "GA", "73/343"),
            _res("CCPCJ/RES/28/3", "CCPCJ", "28/3"),
            ("8/12", "unknown", "resolution", "8/12", False),
        ],
    ),
    (
        "75/75_145_E.xml",
        "Recalling Security Council resolution 1624 (2005) of 14 September 2005,",
        [_res("S/RES/1624(2005)", "SecurityCouncil", "1624 (2005)")],
    ),
    (
        "75/75_94_E.xml",
        "Recalling also its resolution ES-10/18 of 16 January 2009 and Security "
        "Council resolution 1860 (2009) of 8 January 2009,",
        [
            _res("A/RES/ES-10/18", "GA", "ES-10/18"),
            _res("S/RES/1860(2009)", "SecurityCouncil", "1860 (2009)"),
        ],
    ),
    (
        "75/75_243_E.xml",
        "as outlined in the annex to Economic and Social Council resolution "
        "2008 (LX) of 14 May 1976,",
        [_res("E/RES/2008(LX)", "ECOSOC", "2008 (LX)")],
    ),
    (
        "75/75_65_E.xml",
        "in keeping with the spirit and purpose of General Assembly resolution 1 (I) "
        "and article VI of the Treaty",
        [_res("A/RES/1(I)", "GA", "1 (I)")],
    ),
    (
        "75/75_101A-B_E.xml",
        "Recalling its resolutions 74/92 A and B of 13 December 2019, which provided",
        [_res("A/RES/74/92", "GA", "74/92 A and B")],
    ),
    (
        "75/75_18_E.xml",
        "Recalling further its resolution 74/16 of 9 December 2019 and its decision "
        "74/560 of 6 July 2020 on building a peaceful and better world",
        [_res("A/RES/74/16", "GA", "74/16")],
    ),
    (
        "75/75_181_E.xml",
        "and Human Rights Council decision 18/120 of 30 September 2011 and "
        "resolutions 24/14 of 27 September 2013, 27/21 of 26 September 2014,",
        [_res("A/HRC/RES/24/14", "HRC", "24/14"), _res("A/HRC/RES/27/21", "HRC", "27/21")],
    ),
    (
        "75/75_181_E.xml",
        "Recalls the decision taken by the Human Rights Council, in its resolution "
        "36/10, to extend",
        [_res("A/HRC/RES/36/10", "HRC", "36/10")],
    ),
    (
        "75/75_183_E.xml",
        "Recalling further all relevant decisions and resolutions of the Human Rights "
        "Council, the most recent of which was resolution 42/24 of 27 September 2019,",
        [_res("A/HRC/RES/42/24", "HRC", "42/24")],
    ),
    (
        "75/75_191_E.xml",
        "Recalling its previous resolutions on the situation of human rights in the "
        "Islamic Republic of Iran, the most recent of which is resolution 74/167 of "
        "18 December 2019,",
        [_res("A/RES/74/167", "GA", "74/167")],
    ),
    (
        "75/75_133_E.xml",
        "Resolutions 52/214, sect. C, para. 3; 55/222, sect. III, para. 12; 56/64 B, sect. X;",
        [
            _res("A/RES/52/214", "GA", "52/214"),
            _res("A/RES/55/222", "GA", "55/222"),
            _res("A/RES/56/64", "GA", "56/64 B"),
        ],
    ),
    (
        "75/75_201_E.xml",
        "Reaffirming General Assembly and Security Council resolutions 70/262 and "
        "2282 (2016) of 27 April 2016,",
        [
            _res("A/RES/70/262", "GA", "70/262"),
            _res("S/RES/2282(2016)", "SecurityCouncil", "2282 (2016)"),
        ],
    ),
    (
        "75/75_152_E.xml",
        "See Official Records of the General Assembly, Seventy-fourth Session, "
        "Supplement No. 53A (A/74/53/Add.1), chap. III, resolution 42/12.",
        [_doc("A/74/53/Add.1", "GA", "A/74/53/Add.1"), _res("A/HRC/RES/42/12", "HRC", "42/12")],
    ),
    (
        "75/75_222_E.xml",
        "by the Economic and Social Commission for Asia and the Pacific at its "
        "seventy-second session, of resolution 72/7 of 19 May 2016",
        [_res("E/ESCAP/RES/72/7", "unknown", "72/7")],
    ),
    (
        "77/A_RES_77_325-2316717E.xml",
        "Reaffirming the role of the Commission on Crime Prevention and Criminal Justice as the "
        "principal policymaking body of the United Nations for crime prevention and criminal "
        "justice matters, and welcoming the adoption of resolution 31/1 of 20 May 2022,",
        [_res("CCPCJ/RES/31/1", "CCPCJ", "31/1")],
    ),
    (
        "77/A_RES_77_201-2228916E.xml",
        "the resolutions adopted by the Human Rights Council that are relevant to the protection "
        "of children from bullying, including resolution 51/10 of 6 October 2022,",
        [_res("A/HRC/RES/51/10", "HRC", "51/10")],
    ),
    (
        "75/75_217_E.xml",
        "sustainable consumption and production in line with United Nations Environment Assembly "
        "resolution 4/1,",
        [_res("UNEP/EA.4/Res.1", "unknown", "4/1")],
    ),
    (
        "76/A_RES_76_16_reissue.xml",
        "Recalling Security Council resolutions 2253 (2015), in particular paragraph 15, "
        "2322 (2016) of 12 December 2016, in particular paragraph 12, and 2368 (2017) of "
        "20 July 2017,",
        [
            _res("S/RES/2253(2015)", "SecurityCouncil", "2253 (2015)"),
            _res("S/RES/2322(2016)", "SecurityCouncil", "2322 (2016)"),
            _res("S/RES/2368(2017)", "SecurityCouncil", "2368 (2017)"),
        ],
    ),
    (
        "75/75_213_E.xml",
        "Ibid., resolution 2, annex.",
        [("2", "unknown", "resolution", "2", False)],
    ),
    (
        "75/75_239_E.xml",
        "calls upon States to implement resolution 4/6 on marine plastic litter",
        [("4/6", "unknown", "resolution", "4/6", False)],
    ),
    (
        "75/75_125_E.xml",
        "Ibid., vol. 1125, Nos. 17512 and 17513.",
        [
            (
                "UNTS/1125/17512",
                "unknown",
                "treaty-series",
                "Ibid., vol. 1125, Nos. 17512 and 17513",
                False,
            ),
            (
                "UNTS/1125/17513",
                "unknown",
                "treaty-series",
                "Ibid., vol. 1125, Nos. 17512 and 17513",
                False,
            ),
        ],
    ),
]

# Real sentences with numbers that are not citations.
NEGATIVES: list[tuple[str, str]] = [
    (
        SEED_61_183,
        "to prevent the diversion of preparations containing substances listed in tables "
        "I and II of the United Nations Convention against Illicit Traffic in Narcotic Drugs and "
        "Psychotropic Substances of 1988,",
    ),
    (
        SEED_63_197,
        "Notes that 2009 marks the centennial of the convening of the International "
        "Opium Commission, which was the first multilateral initiative on drug control, and in "
        "this regard looks forward to the commemorative event to be held on 26 February 2009 in "
        "Shanghai, China;",
    ),
    (
        "75/75_136_E.xml",
        "as referred to in Article 13, paragraph 1 (a), of the Charter of the United Nations,",
    ),
    (
        "75/75_154_E.xml",
        "Recognizing that persons with disabilities make up an estimated 15 per cent "
        "of the world\u2019s population, or 1 billion people, of whom an estimated 80 per cent "
        "live in developing countries,",
    ),
    (
        "75/75_124_E.xml",
        "Highlighting the synergies between the implementation of the 2030 Agenda "
        "for Sustainable Development and the Paris Agreement,",
    ),
    (
        "75/75_10_E.xml",
        "Acknowledging the unprecedented public health and socioeconomic damage "
        "caused by the coronavirus disease (COVID-19) pandemic,",
    ),
    (
        "75/75_17_E.xml",
        "Acknowledging also that there are approximately 2 million seafarers working "
        "on a fleet of more than 98,000 commercial ships,",
    ),
    (
        "75/75_10_E.xml",
        "The INTERPOL I-24/7 global police secure communications system, which "
        "enables authorized users to share sensitive and urgent police information",
    ),
]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def _read(source: str) -> Document:
    path = Path(source) if Path(source).is_absolute() else AKN / source
    if not path.exists():
        pytest.skip(f"corpus not available: {path}")
    return read_path(path)


def _rows(cits: list[Citation]) -> list[Row]:
    return [(c.target, c.body, c.kind, c.text, c.resolved) for c in cits]


@pytest.mark.parametrize(("source", "sentence", "expected"), CASES, ids=lambda v: str(v)[:40])
def test_find_citations(source: str, sentence: str, expected: list[Row]) -> None:
    cits = find_citations(sentence)
    assert _rows(cits) == expected
    for c in cits:
        assert sentence[c.span[0] : c.span[1]] == c.text


@pytest.mark.parametrize(("source", "sentence"), NEGATIVES, ids=lambda v: str(v)[:40])
def test_no_false_positives(source: str, sentence: str) -> None:
    assert find_citations(sentence) == []


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("source", "sentence"),
    [(s, t) for s, t, _ in CASES] + NEGATIVES,
    ids=lambda v: str(v)[:40],
)
def test_sentence_is_real(source: str, sentence: str) -> None:
    doc = _read(source)
    assert _squash(sentence) in _squash(doc.text)


def test_base_offsets_and_ibid_context() -> None:
    # A/RES/76/188, footnotes 13-14: "Ibid." names the CND report of the previous footnote.
    previous = find_citations(
        "See Official Records of the Economic and Social Council, 2021, Supplement No. 8 "
        "(E/2021/28), chap. I, sect. B."
    )
    cits = find_citations("Ibid., resolution 64/1.", base=100, previous=previous)
    assert _rows(cits) == [_res("CND/RES/64/1", "CND", "64/1")]
    assert cits[0].span == (118, 122)


def test_context_body_ecosoc() -> None:
    # "its resolution" in an ECOSOC resolution is the Council's; session numbers stay the GA's.
    text = "Recalling its resolution 2006/32 and General Assembly resolution 61/183,"
    cits = find_citations(text, context_body="ECOSOC")
    assert [(c.target, c.body) for c in cits] == [
        ("E/RES/2006/32", "ECOSOC"),
        ("A/RES/61/183", "GA"),
    ]


def _by_paragraph(doc: Document) -> dict[str, list[tuple[str, str | None]]]:
    return {
        pid: [(c.target, c.in_footnote) for c in cits]
        for pid, cits in citations_for_document(doc).items()
    }


def test_seed_61_183() -> None:
    doc = read_path(SEED_61_183)
    got = _by_paragraph(doc)
    assert got["op3"] == [
        ("SingleConvention1961", "10"),
        ("Convention1971", "11"),
        ("Convention1988", "12"),
    ]
    assert got["op4"] == [("A/RES/55/25", "13"), ("A/RES/55/255", "13"), ("A/RES/58/4", "14")]
    assert got["op31"] == [("E/RES/1996/20", None)]
    # footnote 5 is anchored in pp3 and repeated in op5 ("the Action Plan5")
    assert ("A/RES/54/132", "5") in got["pp3"] and ("A/RES/54/132", "5") in got["op5"]
    assert ("A/61/221", "18") in got["op38"]


def test_seed_63_197() -> None:
    doc = read_path(SEED_63_197)
    got = _by_paragraph(doc)
    assert got["op40"] == [("E/RES/1996/20", None)]
    assert got["op3"] == [("CND/RES/51/4", None)]
    assert got["pp1"] == [("A/RES/62/176", None)]
    assert {t for pid in got for t, _ in got[pid]} >= {"CND/RES/51/10", "CND/RES/51/11"}
    cited = [c for cits in citations_for_document(doc).values() for c in cits]
    assert all(c.body == "CND" for c in cited if c.target.startswith("CND/"))


def test_spans_point_into_document_text() -> None:
    docs = [read_path(p) for p in sample_paths()]
    if (AKN / "75" / "75_198_E.xml").exists():
        docs.append(read_path(AKN / "75" / "75_198_E.xml"))
    for doc in docs:
        for cits in citations_for_document(doc).values():
            for c in cits:
                assert doc.text[c.span[0] : c.span[1]] == c.text, (doc.meta.symbol, c)


def test_bare_ibid_repeats_previous_footnote() -> None:
    # A/RES/75/98, footnotes 2-3: "See resolution 2200 A (XXI), annex." then "Ibid."
    doc = assemble(
        Metadata(symbol="A/RES/75/98", body="GA"),
        [
            ParagraphDraft(
                "preambular",
                "1",
                "Guided by the Covenants and the Convention,",
                anchors=[("2", 20), ("3", 30)],
            )
        ],
        [FootnoteDraft("2", "See resolution 2200 A (XXI), annex."), FootnoteDraft("3", "Ibid.")],
    )
    cits = citations_for_document(doc)["pp1"]
    assert [(c.target, c.text, c.in_footnote) for c in cits] == [
        ("A/RES/2200(XXI)", "2200 A (XXI)", "2"),
        ("A/RES/2200(XXI)", "Ibid.", "3"),
    ]
    for c in cits:
        assert doc.text[c.span[0] : c.span[1]] == c.text


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="resolutionIbd., ()/-\u2013ASEXVL0123456789;:andof\u201c\u201d", max_size=120)
)
def test_never_crashes_and_spans_hold(text: str) -> None:
    for c in find_citations(text, base=3):
        assert (" " * 3 + text)[c.span[0] : c.span[1]] == c.text


# --- recall against the AKN links, on a fixed sample -------------------------------------


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_citations", ROOT / "benchmarks" / "bench_citations.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.corpus
def test_recall_on_session_75_sample() -> None:
    """All files of session 75 whose resolution number ends in 8 (about 30 files)."""
    if not (AKN / "75").is_dir():
        pytest.skip("AKN corpus not available")
    paths = sorted(
        p
        for p in (AKN / "75").glob("*.xml")
        if (m := re.match(r"(?:A_RES_)?75_(\d+)", p.name)) and m.group(1).endswith("8")
    )
    assert len(paths) >= 20
    res = _bench().evaluate(paths)
    precision, recall, *_ = res.scores("resolution")
    assert recall >= 0.95, res.missed[:10]
    assert precision >= 0.9
    _, doc_recall, *_ = res.scores("document")
    assert doc_recall >= 0.9


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        # joint symbols typeset with a non-breaking hyphen / en dash (AKN corpus footnotes)
        ("See A/48/486\u2011S/26560, annex.", "A/48/486-S/26560"),
        ("See A/61/208\u2013S/2006/598, annex.", "A/61/208-S/2006/598"),
    ],
)
def test_document_symbols_use_ascii_hyphens(sentence: str, target: str) -> None:
    (cit,) = [c for c in find_citations(sentence) if c.kind == "document"]
    assert cit.target == target
    assert sentence[cit.span[0] : cit.span[1]] == cit.text
