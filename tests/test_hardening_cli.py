"""Hardening of the command line: hostile files, questions and query parameters.

* ``dckg extract`` / ``dckg build`` on hostile files (``tests/hostile.py``):
  exit status 2, one ``dckg: <file>: <problem>`` line on stderr, no traceback,
  no output folder left behind;
* ``dckg ask`` with injections, control characters, confusables and 10 KB
  questions: the same query structure as the plain question (the words never
  reach the SPARQL), an answer or a polite refusal;
* ``dckg query --param`` with injection attempts: refused with one line, or
  bound as one escaped literal that comes back verbatim.

The store attacked is empty: no query needs data to show that its structure
holds (the sample build is tested with data in tests/test_ask.py and
tests/test_query.py).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests import hostile as H

# ------------------------------------------------------- the command line

#: name -> bytes of a hostile input file (all refused by the readers).
BAD_FILES: dict[str, Callable[[], bytes]] = {
    "billion-laughs.xml": H.billion_laughs,
    "xxe.xml": lambda: H.external_entity("file:///etc/passwd"),
    "deep.xml": lambda: H.deep_xml(10_000),
    "nul.txt": H.with_nul,
    "empty.txt": lambda: b"",
    "prose.txt": lambda: b"Just some words, no resolution at all.\n" * 20,
}


def _stderr_lines(stderr: str) -> list[str]:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert all(ln.startswith("dckg: ") for ln in lines), stderr
    assert "Traceback" not in stderr
    return lines


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_dckg_extract_refuses_a_hostile_file_with_one_line(tmp_path: Path, name: str) -> None:
    """Exit 2; stderr: one line naming the file and its problem (and the count line)."""
    from click.testing import CliRunner

    from kg.cli import main

    path = H.write(tmp_path, name, BAD_FILES[name]())
    result = CliRunner().invoke(main, ["extract", "--no-extract", str(path)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    lines = _stderr_lines(result.stderr)
    assert lines[0].startswith(f"dckg: {path}: ") and len(lines) == 2
    assert lines[1] == f"dckg: 1 of 1 file(s) failed: {path}"
    assert result.stdout.strip() == "[]"


def test_dckg_extract_skips_special_files_and_reads_the_good_one(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    good = H.write(tmp_path, "good.txt", H.seed("63_197"))
    bad = [H.special_file(tmp_path, k) for k in ("fifo", "symlink-loop", "missing", "device")]
    args = ["extract", "--no-extract", "--format", "jsonl", *map(str, [*bad, good])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    lines = _stderr_lines(result.stderr)
    assert len(lines) == len(bad) + 1
    assert [ln.split(": ")[1] for ln in lines[:-1]] == [str(p) for p in bad]
    assert '"symbol": "A/RES/63/197"' in result.stdout


def test_dckg_build_refuses_a_hostile_file_in_a_real_process(tmp_path: Path) -> None:
    """The installed command, as a user runs it: exit 2, one stderr line, no traceback,
    and no output folder left behind."""
    import subprocess

    good = H.write(tmp_path, "good.txt", H.seed("63_197"))
    for name in ("billion-laughs.xml", "nul.txt"):
        bad = H.write(tmp_path, name, BAD_FILES[name]())
        out = tmp_path / f"out-{name}"
        cmd = [sys.executable, "-m", "kg.cli", "build", "-q", "--jobs", "1", "--out", str(out)]
        proc = subprocess.run(
            [*cmd, str(good), str(bad)], capture_output=True, text=True, timeout=300
        )
        assert proc.returncode == 2, proc.stderr
        lines = _stderr_lines(proc.stderr)
        assert len(lines) == 1 and str(bad) in lines[0], proc.stderr
        assert not out.exists()


# ------------------------------------------------------------------ ask

BASE_QUESTION = "which paragraphs address INCB funding"
#: fragments put into BASE_QUESTION (after "INCB"): none may change the query's structure
INJECTIONS = [
    '" } DROP ALL { "',
    '" } ; DELETE WHERE { ?s ?p ?o } #',
    "} UNION { ?s ?p ?o } FILTER(true) {",
    "<http://example.org/evil> ?p ?o .",
    "<script>alert(1)</script>",
    "\\\" \\u0022 \\\\ '''",
    "\x00\x07\x1b[31m\x7f",
    "\n} LIMIT 1\n#",
    "\u202e\u200b\ufeff",
    "%22%7D%20DROP%20ALL",
    "$p ?c ?ev ?what",
]
#: questions that must be refused or answered, never crash
HOSTILE_QUESTIONS = [
    "x" * 10_000,
    "INCB " * 2_000,
    "1" * 499,
    "resolution " * 45,
    "(a)" * 160,
    "/" * 499,
    "\u0406NCB funding",  # Cyrillic capital I
    "\uff29\uff2e\uff23\uff22 funding",  # full-width INCB
    "I\u200bNCB funding",  # zero-width space inside
    "INCB\u0301 funding",  # combining accent
    "\ud800 INCB funding",  # a lone surrogate
    "",
    "   ",
    "?",
    "SELECT * WHERE { ?s ?p ?o }",
    'INCB" } DROP ALL { "',
]


@pytest.fixture(scope="module")
def empty_engine() -> Any:
    from pyoxigraph import Store

    from kg.query import OxigraphEngine

    return OxigraphEngine(Store())


def _structure(sparql: str | None) -> str | None:
    return None if sparql is None else " ".join(sparql.split())


@pytest.mark.parametrize("fragment", INJECTIONS, ids=range(len(INJECTIONS)))
def test_ask_injections_do_not_change_the_query(fragment: str, empty_engine: Any) -> None:
    """The question's words never reach the SPARQL: with the fragment the query is the
    one of the plain question, and it parses."""
    from pyoxigraph import Store

    from kg.ask import ask, interpret
    from kg.ask.sparql import build

    plain = build(interpret(BASE_QUESTION))
    hostile_q = BASE_QUESTION.replace("INCB", "INCB " + fragment)
    hostile = interpret(hostile_q)
    assert hostile.understood, hostile.problems
    assert _structure(build(hostile).sparql) == _structure(plain.sparql)
    Store().query(build(hostile).sparql)  # a valid query
    result = ask(hostile_q, empty_engine)
    assert result.message.startswith("No answers") and not result.answers


@pytest.mark.parametrize("question", HOSTILE_QUESTIONS, ids=range(len(HOSTILE_QUESTIONS)))
def test_ask_hostile_questions_are_answered_or_refused(question: str, empty_engine: Any) -> None:
    import json

    from kg.ask import ask

    started = time.perf_counter()
    result = ask(question, empty_engine)
    assert time.perf_counter() - started < 20
    assert result.refused or result.message.startswith("No answers") or result.answers
    if result.refused:
        assert result.message.startswith("Sorry, I cannot answer that")
    else:
        assert result.sparql is not None
        assert question.strip() not in result.sparql or len(question.strip()) < 2
    json.dumps(result.to_dict(), ensure_ascii=False)


def test_ask_a_ten_kilobyte_question_is_refused_politely() -> None:
    from kg.ask import interpret

    i = interpret("which paragraphs address INCB funding " + "and more " * 1200)
    assert not i.understood and "longer than" in i.problems[0]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty Oxigraph store on disk (ask and query need no data to be attacked)."""
    from pyoxigraph import Store

    folder = tmp_path_factory.mktemp("store") / "store"
    store = Store(str(folder))
    store.flush()
    del store
    return folder


@pytest.mark.parametrize(
    "question",
    ['INCB" } DROP ALL { "', "x" * 10_000, "\u0406NCB <b>funding</b>", "\x1b[2J\x07 what?"],
    ids=["sparql", "10KB", "confusable-html", "control"],
)
def test_dckg_ask_hostile_question(question: str, store_dir: Path) -> None:
    """Exit 0 (answers) or 1 (refused / no answer), a polite message, never a traceback."""
    from click.testing import CliRunner

    from kg.cli import main

    for fmt in ("table", "json"):
        result = CliRunner().invoke(
            main, ["ask", "--store", str(store_dir), "-q", "--format", fmt, question]
        )
        assert result.exit_code in (0, 1), result.output
        assert isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output and result.stdout.strip()


# ---------------------------------------------------------------- query


@pytest.mark.parametrize(
    "args, problem",
    [
        (["directives-to", "--param", 'body=INCB" } DROP ALL { "'], "no authority entry"),
        (["directives-to", "--param", "body=<http://x> } DROP ALL {"], "no authority entry"),
        (["directives-to", "--param", "body} DROP ALL {=INCB"], "--param wants NAME=VALUE"),
        (["topic-over-time", "--param", "topic=funding } ; DROP ALL"], "no topic"),
        (["SELECT ?v WHERE { }", "--param", "v=<http://x/> } DROP ALL { <http://y>"], "absolute"),
        (["SELECT ?v WHERE { }", "--param", "v=<http://x/a b>"], "not an absolute"),
        (["DROP ALL"], "an update, not a query"),
        (["DROP ALL { }"], "an update, not a query"),
        (["INSERT DATA { <http://a> <http://b> <http://c> }"], "an update, not a query"),
    ],
    ids=range(9),
)
def test_dckg_query_refuses_injections(args: list[str], problem: str, store_dir: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["query", "--store", str(store_dir), *args])
    assert result.exit_code == 2, result.output
    lines = _stderr_lines(result.stderr)
    assert len(lines) == 1 and problem in lines[0], result.stderr


@pytest.mark.parametrize(
    "value",
    [
        'x" } DROP ALL { "',
        'a\\" } #',
        "\n}\n",
        "'''\"\"\"",
        "\u202e<>{}|^`",
        "<http://x/> } DROP ALL {",
    ],
)
def test_dckg_query_string_parameters_come_back_verbatim(value: str, store_dir: Path) -> None:
    """An untyped value is one escaped literal: the query returns it unchanged."""
    import json

    from click.testing import CliRunner

    from kg.cli import main

    args = ["query", "--store", str(store_dir), "-q", "--format", "json"]
    result = CliRunner().invoke(main, [*args, "SELECT ?v WHERE { }", "--param", f"v={value}"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert [r["v"]["value"] for r in rows] == [value]
