"""Property tests (hypothesis) over the readers, the extractors and the question interpreter.

The properties are the hardening guarantees of ``tests/test_hardening.py`` on
generated input:

* :func:`kg.read.read_bytes` on arbitrary bytes, and on the bundled seeds
  (flat text, PDF text) and a small AKN file mutated by random deletions and
  insertions of newlines, digits, footnote rules ("_______________"),
  footnote-like lines, labels and tags: a :class:`~kg.errors.ReadError` or a
  document whose spans slice ``doc.text``; never another exception;
* :func:`kg.extract.annotate` on arbitrary paragraph texts: never raises;
  every span slices ``doc.text`` to its item's text;
* :func:`kg.ask.ask` on arbitrary text: an answer, "No answers" or a polite
  refusal; never an exception.

Examples are few (the suite must stay within CI's time) and hypothesis'
deadline is off: each example has an explicit, generous timing guard instead
(the machine is shared).
"""

from __future__ import annotations

import os
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KGError
from kg.model import Document
from tests import hostile as H

SECONDS = 15  # per example: a guard against blow-ups, not a benchmark

# DCKG_FUZZ_EXAMPLES=2000 runs a longer campaign with fresh random examples.
CAMPAIGN = int(os.environ.get("DCKG_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=CAMPAIGN or 120,
    deadline=None,
    derandomize=not CAMPAIGN,  # the same examples on every run: CI does not flake
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: What mutations insert: the characters and lines the text readers key on.
PAYLOADS = [
    "\n",
    "\n\n",
    "\f",
    "7",
    "123",
    "2008",
    "_______________",
    "\n_______________\n1 See resolution 55/2.\n",
    "\n12 United Nations, Treaty Series, vol. 976, No. 14152.\n",
    "\n 3. Urges States ",
    " (a) ",
    " (iv) ",
    "; and ",
    ",4  the ",
    "Protocol,1 ",
    " II Action by the United Nations system ",
    "The General Assembly, ",
    "71st plenary meeting 18 December 2008",
    "A/RES/61/183",
    "-\n",
    "\u201c",
    "\u00e9",
    "\x00",
    "\ufeff",
]
XML_PAYLOADS = [
    "<p>",
    "</p>",
    "</num>",
    "<num>3.</num>",
    '<authorialNote marker="1"><p>See resolution 55/2.</p></authorialNote>',
    "<paragraph><num>(a)</num><content><p>To act;</p></content></paragraph>",
    "<!-- c -->",
    "&amp;",
    "&lol;",
    "<![CDATA[x]]>",
    "<?pi x?>",
    "\n",
    "\x00",
]

Edit = tuple[int, int, int]  # (position, deletion length, payload index or -1)


def _mutate(text: str, edits: list[Edit], payloads: list[str]) -> str:
    for pos, delete, pick in edits:
        at = pos % (len(text) + 1)
        insert = payloads[pick % len(payloads)] if pick >= 0 else ""
        text = text[:at] + insert + text[at + delete :]
    return text


EDITS = st.lists(
    st.tuples(st.integers(0, 10**6), st.integers(0, 40), st.integers(-1, 10**3)),
    min_size=1,
    max_size=12,
)


def read_or_refuse(data: bytes) -> Document | None:
    """``read_bytes``: a document with sound spans, or None for a one-line ReadError."""
    from kg.read import read_bytes

    started = time.perf_counter()
    try:
        doc = read_bytes(data, source="<fuzz>")
    except KGError as exc:
        assert str(exc).strip() and "\n" not in str(exc), repr(str(exc))
        doc = None
    assert time.perf_counter() - started < SECONDS
    if doc is not None:
        assert H.span_problems(doc) == []
    return doc


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """Lexicons, authority data and patterns loaded once, outside the timed examples."""
    from kg.ask import interpret
    from kg.extract import annotate
    from kg.read import read_bytes

    annotate(read_bytes(H.seed("61_183")))
    interpret("which paragraphs address INCB funding")


# ------------------------------------------------------------- readers


@FUZZ
@given(st.binary(max_size=4000))
def test_read_bytes_on_arbitrary_bytes(data: bytes) -> None:
    read_or_refuse(data)


@FUZZ
@given(st.binary(max_size=600).map(lambda b: b"<akomaNtoso>" + b))
def test_read_bytes_on_arbitrary_xml_looking_bytes(data: bytes) -> None:
    read_or_refuse(data)


@pytest.mark.parametrize("seed", ["61_183", "63_197"], ids=["pdf-text", "flat-text"])
def test_read_bytes_on_mutated_seeds(seed: str) -> None:
    text = H.seed(seed).decode("utf-8")

    @FUZZ
    @given(EDITS)
    def check(edits: list[Edit]) -> None:
        read_or_refuse(_mutate(text, edits, PAYLOADS).encode("utf-8", "surrogatepass"))

    check()


@FUZZ
@given(EDITS)
def test_read_bytes_on_mutated_akn(edits: list[Edit]) -> None:
    xml = H.akn_resolution([H.OPERATIVE, "Requests the Secretary-General:", "(a) To report;"])
    read_or_refuse(_mutate(xml.decode(), edits, XML_PAYLOADS).encode())


@settings(FUZZ, max_examples=max(25, CAMPAIGN // 10))
@given(EDITS)
def test_mutated_seeds_extract(edits: list[Edit]) -> None:
    """The whole pipeline on a mutated flat seed: extraction never raises, spans hold."""
    from kg.extract import annotate

    doc = read_or_refuse(_mutate(H.seed("63_197").decode(), edits, PAYLOADS).encode())
    if doc is not None:
        started = time.perf_counter()
        assert H.span_problems(annotate(doc)) == []
        assert time.perf_counter() - started < SECONDS


# ----------------------------------------------------------- extraction

#: words the extractors react to, so that generated texts hit their rules
WORDS = [
    "Urges", "Requests", "the", "Board", "it", "its", "and", "States", "Member",
    "International", "Narcotics", "Control", "resolution", "resolutions", "61/183",
    "S-20/2", "3014", "(XXVII)", "Economic", "Social", "Council", "Commission", "Office",
    "United", "Nations", "Convention", "1988", "Treaty", "Series,", "vol.", "976,", "No.",
    "14152", "funding", "money-laundering", "to", "of", "in", "calls", "upon", "decides",
    "also", "(a)", ";", ",", ":", ".", "\u201c", "\u201d", "Ibid.,", "A/61/221",
]  # fmt: skip
PARAGRAPH_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=60).map(" ".join),
)


@FUZZ
@given(st.lists(PARAGRAPH_TEXT, min_size=1, max_size=4), st.sampled_from(["GA", "ECOSOC", "CND"]))
def test_annotate_on_arbitrary_paragraphs(texts: list[str], body: str) -> None:
    from kg.extract import annotate
    from kg.model import Metadata
    from kg.read.assemble import ParagraphDraft, assemble

    drafts = [ParagraphDraft("operative", str(n), t) for n, t in enumerate(texts, 1)]
    doc = assemble(Metadata("A/RES/1/1", body), list(drafts), [])
    started = time.perf_counter()
    out = annotate(doc)
    assert time.perf_counter() - started < SECONDS
    assert H.span_problems(out) == []


# ------------------------------------------------------------------ ask

QUESTION_WORDS = [
    "which", "paragraphs", "address", "INCB", "funding", "what", "is", "the", "Board",
    "asked", "to", "do", "how", "many", "directives", "urge", "States", "since", "2008",
    "resolution", "61/183", "who", "most", "strongly", "\"", "}", "{", "DROP", "ALL", "<", ">",
    "?", "\\", "#", "\x00",
]  # fmt: skip
QUESTIONS = st.one_of(
    st.text(max_size=600),
    st.lists(st.sampled_from(QUESTION_WORDS), max_size=40).map(" ".join),
)


@pytest.fixture(scope="module")
def empty_engine() -> Any:
    from pyoxigraph import Store

    from kg.query import OxigraphEngine

    return OxigraphEngine(Store())


@FUZZ
@given(QUESTIONS)
def test_ask_on_arbitrary_text(empty_engine: Any, question: str) -> None:
    """An answer (a count, or "No answers" on the empty store) or a polite refusal."""
    from kg.ask import ask

    started = time.perf_counter()
    result = ask(question, empty_engine)
    assert time.perf_counter() - started < SECONDS
    if result.refused:
        assert result.message.startswith("Sorry, I cannot answer that")
    else:
        assert result.sparql  # counts answer even on the empty store ("0 paragraphs")
        assert result.answers or result.message.startswith("No answers")
