"""dckg ask: interpretation, SPARQL, ranked answers with evidence, refusals.

The questions and their expected answers are data: tests/data/ask_questions.jsonl
(each with a ``why`` quoting the seed texts).  The sample graph is built once per
session with the library API of kg.build (shared with tests/test_query.py).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib.plugins.sparql import prepareQuery

from kg.ask import ask, interpret
from kg.ask.answer import AskResult
from kg.ask.cli import ask_command
from kg.ask.sparql import build
from kg.model import Document
from kg.query import OxigraphEngine, open_store

QUESTIONS = Path(__file__).parent / "data" / "ask_questions.jsonl"
CASES: list[dict[str, Any]] = [
    json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
]


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus built once per session (shared with tests/test_query.py)."""
    from kg.build import build as build_graph
    from kg.sample import sample_paths

    out = tmp_path_factory.getbasetemp() / "dckg-sample-out"
    if not (out / "store").is_dir():
        build_graph(sample_paths(), out, jobs=1)
    return out


@pytest.fixture(scope="module")
def engine(sample_out: Path) -> OxigraphEngine:
    return OxigraphEngine(open_store(sample_out / "store"))


@lru_cache(maxsize=1)
def documents() -> dict[str, Document]:
    from kg.read import read_path
    from kg.sample import sample_paths

    return {d.meta.symbol: d for d in (read_path(p) for p in sample_paths())}


def pairs(result: AskResult) -> list[tuple[str | None, str | None]]:
    return [(a.resolution, a.paragraph) for a in result.answers]


def test_the_question_file_is_big_enough() -> None:
    assert len(CASES) >= 25
    assert sum(1 for c in CASES if c.get("refuse")) >= 5
    assert all(c.get("why") for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["question"][:60] for c in CASES])
def test_question(case: dict[str, Any], engine: OxigraphEngine) -> None:
    result = ask(case["question"], engine, limit=50)
    if case.get("refuse"):
        assert result.refused and not result.answers
        assert result.message.startswith("Sorry, I cannot answer that")
        assert 'dckg ask "which paragraphs address INCB funding"' in result.message
        return
    assert not result.refused, result.message
    if case.get("none"):
        assert not result.answers and result.message.startswith("No answers")
        return
    if "intent" in case:
        assert result.interpretation.intent == case["intent"]
    got = pairs(result)
    expected = [tuple(p) for p in case.get("top", [])]
    assert set(got[: len(expected)]) == set(expected), got[: len(expected) + 3]
    if "first" in case:
        assert got[0] == tuple(case["first"])
    for p in case.get("includes", []):
        assert tuple(p) in got
    for p in case.get("excludes", []):
        assert tuple(p) not in got
    if "total" in case:
        assert result.total == case["total"]
    if "count" in case:
        assert result.answers[0].kind == "count" and result.answers[0].count == case["count"]
    if "addressees" in case:
        ids = [a.entity for a in result.answers]
        assert ids[: len(case["addressees"])] == case["addressees"]
    if "same_as" in case:
        assert build(interpret(case["question"])).sparql == build(interpret(case["same_as"])).sparql


@pytest.mark.parametrize(
    "case", [c for c in CASES if not c.get("refuse")], ids=lambda c: c["question"][:60]
)
def test_generated_sparql_parses(case: dict[str, Any]) -> None:
    sparql = build(interpret(case["question"])).sparql
    prepareQuery(sparql)  # raises on a syntax error
    assert "DROP" not in sparql and "INSERT" not in sparql


@pytest.mark.parametrize(
    "question",
    [
        "which paragraphs address INCB funding",
        "what is UNODC requested to do",
        "which paragraphs urge States to ratify the conventions",
        "which resolutions cite resolution 62/176",
        "who is urged to provide budgetary resources to the Board",
    ],
)
def test_evidence_spans_point_into_the_resolution_text(
    question: str, engine: OxigraphEngine
) -> None:
    result = ask(question, engine, limit=50)
    assert result.answers
    for a in result.answers:
        for e in a.evidence:
            symbol, pid = e.resolution or a.resolution, e.paragraph or a.paragraph
            doc = documents()[str(symbol)]
            assert e.span is not None and doc.text[e.span[0] : e.span[1]] == e.text
            para = doc.paragraph(str(pid))  # ids as `dckg extract` prints them
            assert para.span[0] <= e.span[0] and e.span[1] <= para.span[1]
        if a.kind == "paragraph":
            assert a.text == documents()[str(a.resolution)].paragraph(str(a.paragraph)).text


def test_the_two_incb_funding_paragraphs_show_both_kinds_of_evidence(
    engine: OxigraphEngine,
) -> None:
    result = ask("which paragraphs address INCB funding", engine)
    for a in result.answers[:2]:
        kinds = {(e.type, e.id) for e in a.evidence}
        assert {("mention", "INCB"), ("topic", "funding")} <= kinds
        assert a.matched == ("mentions INCB", "about funding") and a.score == 2
        words = {e.text for e in a.evidence if e.type == "topic"}
        assert "sufficient resources" in words  # "needs sufficient resources to carry out"
    assert all(a.score == 1 for a in result.answers[2:])


# ------------------------------------------------------------ interpretation


@pytest.mark.parametrize(
    ("question", "entities"),
    [
        ("what is the Board asked to do", [("INCB", "addressee")]),
        ("what is UNODC requested to do", [("UNODC", "addressee")]),
        ("what is the Office on Drugs and Crime requested to do", [("UNODC", "addressee")]),
        (
            "how many directives are addressed to the Secretary-General",
            [("SecretaryGeneral", "addressee")],
        ),
        ("which paragraphs urge all Member States", [("MemberStates", "addressee")]),
        ("which paragraphs mention the Paris Pact", [("ParisPact", "mention")]),
        (
            "who is asked to cooperate with the International Narcotics Control Board",
            [("INCB", "concern")],
        ),
        ("which General Assembly resolutions mention HIV/AIDS", [("GA", "adopter")]),
        (
            "what does the General Assembly urge Member States to do",
            [("GA", "adopter"), ("MemberStates", "addressee")],
        ),
        (
            "which paragraphs name the three international drug control conventions",
            [
                ("SingleConvention1961", "mention"),
                ("Convention1971", "mention"),
                ("Convention1988", "mention"),
            ],
        ),
    ],
)
def test_entities_and_their_roles(question: str, entities: list[tuple[str, str]]) -> None:
    i = interpret(question)
    assert [(m.value, m.role) for m in i.entities] == entities
    for m in i.entities:
        assert question[m.span[0] : m.span[1]] == m.text


@pytest.mark.parametrize(
    ("question", "symbols"),
    [
        ("what does A/RES/63/197 say about funding", [("A/RES/63/197", "scope")]),
        ("what does 63/197 say about funding", [("A/RES/63/197", "scope")]),
        ("what does resolution 61/183 say about funding", [("A/RES/61/183", "scope")]),
        ("which resolutions cite resolution 62/176", [("A/RES/62/176", "cited")]),
        ("which resolutions recall resolution S-20/2", [("A/RES/S-20/2", "cited")]),
        (
            "which resolutions cite Economic and Social Council resolution 1996/20",
            [("E/RES/1996/20", "cited")],
        ),
    ],
)
def test_symbols(question: str, symbols: list[tuple[str, str]]) -> None:
    assert [(m.value, m.role) for m in interpret(question).symbols] == symbols


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("which paragraphs mention the Paris Pact in 2008", (2008, 2008)),
        ("which paragraphs mention the Paris Pact between 2006 and 2008", (2006, 2008)),
        ("which paragraphs mention the Paris Pact from 2008 to 2006", (2006, 2008)),
        ("which paragraphs mention the Paris Pact since 2007", (2007, 9999)),
        ("which paragraphs mention the Paris Pact after 2007", (2008, 9999)),
        ("which paragraphs mention the Paris Pact before 2008", (0, 2007)),
        ("which paragraphs mention the Single Convention on Narcotic Drugs of 1961", None),
        ("which paragraphs mention resolution 1996/20", None),
    ],
)
def test_years(question: str, years: tuple[int, int] | None) -> None:
    assert interpret(question).years == years


@pytest.mark.parametrize(
    ("question", "lemmas", "min_strength", "adverb", "strongest"),
    [
        ("which paragraphs urge States", ("urge",), None, None, False),
        ("which paragraphs strongly urge States", ("urge",), None, "strongly", False),
        ("which paragraphs most strongly urge States", ("urge",), None, "most strongly", True),
        ("who is called upon to ratify the conventions", ("call upon",), None, None, False),
        ("who is asked to ratify the conventions", (), 2, None, False),
        (
            "which paragraphs invite international financial institutions",
            ("invite",),
            None,
            None,
            False,
        ),
        ("which paragraphs address demand reduction", (), None, None, False),
    ],
)
def test_verbs_and_strength_words(
    question: str,
    lemmas: tuple[str, ...],
    min_strength: int | None,
    adverb: str | None,
    strongest: bool,
) -> None:
    i = interpret(question)
    assert i.lemmas == lemmas and i.min_strength == min_strength
    assert (i.adverb.text if i.adverb else None) == adverb and i.strongest_first == strongest


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("how many paragraphs mention WHO", "count"),
        ("what are States urged to do", "tasks"),
        ("what does resolution 63/197 say about hiv", "about"),
        ("who is invited to support the Paris Pact", "who"),
        ("which resolutions mention the Paris Pact", "resolutions"),
        ("which paragraphs mention WHO", "paragraphs"),
        ("where is the Paris Pact mentioned", "paragraphs"),
        ("INCB funding", "paragraphs"),
    ],
)
def test_intents(question: str, intent: str) -> None:
    assert interpret(question).intent == intent


def test_overlong_questions_are_refused() -> None:
    i = interpret("which paragraphs mention INCB " * 40)
    assert not i.understood and "longer than" in i.problems[0]


@pytest.mark.parametrize(
    "attack",
    [
        'INCB" } DROP ALL',
        "INCB' } ; DELETE WHERE { ?s ?p ?o }",
        "INCB>\n} {\n",
        "INCB \\u0022 } #",
        "INCB {{}}",
    ],
)
def test_injections_change_nothing(attack: str) -> None:
    plain = build(interpret("which paragraphs address INCB funding"))
    tricked = build(interpret(f"which paragraphs address {attack} funding"))
    assert tricked.sparql == plain.sparql


# --------------------------------------------------------------------- CLI


def test_cli_json_shape(sample_out: Path) -> None:
    result = CliRunner().invoke(
        ask_command,
        ["which paragraphs address INCB funding", "--format", "json", "--out-dir", str(sample_out)],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) >= {"question", "interpretation", "sparql", "answers"}
    first = doc["answers"][0]
    assert set(first) >= {"resolution", "paragraph", "kind", "text", "evidence"}
    assert {(a["resolution"], a["paragraph"]) for a in doc["answers"][:2]} == {
        ("A/RES/61/183", "op31"),
        ("A/RES/63/197", "op40"),
    }
    assert {"type", "id", "text", "span"} <= set(first["evidence"][0])


def test_cli_explain(sample_out: Path) -> None:
    result = CliRunner().invoke(
        ask_command, ["what is the Board asked to do", "--explain", "--out-dir", str(sample_out)]
    )
    assert result.exit_code == 0
    assert "Interpretation:" in result.output and "entity: INCB as addressee" in result.output
    assert (
        "SPARQL:" in result.output
        and "VALUES ?who { <https://w3id.org/dckg/body/INCB> }" in result.output
    )
    assert "1. A/RES/61/183 op30" in result.output


def test_cli_refusal_exits_1_with_help(sample_out: Path) -> None:
    result = CliRunner().invoke(
        ask_command, ["what is the weather in Paris", "--out-dir", str(sample_out)]
    )
    assert result.exit_code == 1
    assert (
        "Sorry, I cannot answer that" in result.output and "Questions I can answer" in result.output
    )
    assert "Traceback" not in result.output
    result = CliRunner().invoke(
        ask_command,
        ["what is Interpol requested to do", "--format", "json", "--out-dir", str(sample_out)],
    )
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert doc["answers"] == [] and doc["interpretation"]["understood"] is False


def test_cli_no_answers_exits_1(sample_out: Path) -> None:
    result = CliRunner().invoke(
        ask_command, ["what does resolution 99/999 say about funding", "--out-dir", str(sample_out)]
    )
    assert result.exit_code == 1 and "No answers" in result.output


def test_cli_csv(sample_out: Path) -> None:
    result = CliRunner().invoke(
        ask_command,
        [
            "how many directives are addressed to UNODC",
            "--format",
            "csv",
            "--out-dir",
            str(sample_out),
        ],
    )
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "rank,resolution,paragraph,kind,score,strength,count,matched,text"
    assert lines[1] == "1,,,count,19,,19,,19 directives"


def test_cli_without_a_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        ask_command, ["which paragraphs address INCB funding", "--out-dir", str(tmp_path)]
    )
    assert result.exit_code == 2 and "run `dckg build` first" in result.output
