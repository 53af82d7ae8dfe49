"""The text readers agree with the AKN reader on AKN resolutions rendered as text.

Each sampled AKN resolution (every 10th file of ``../shared/corpus/akn``) is
read with :mod:`kg.read.akn`, rendered in the two text shapes of the seeds by
``tests/render.py`` and read back with :func:`~kg.read.flat.read_flat` and
:func:`~kg.read.pdftext.read_pdftext`.  The readings must agree with the AKN
reading (see ``benchmarks/bench_agreement.py``, which also measures the whole
corpus; figures in BENCHMARKS.md).

The aims are 100 % identical operative numbering and >= 99 % identical
paragraph texts.  On the sample both are met (numbering 100 %, texts 99.6 %
flat / 99.8 % PDF); on the whole corpus numbering is 99.8 % (two resolutions
that embed a whole document: 76/3's "Space2030" Agenda with numbers "1.1",
and 77/256's amended statute articles).  The floors below are regression
guards at the level reached.  What still disagrees: unlabelled items
(schedules, quoted rules) that flat text cannot tell from their lead-in, a
few AKN texts that are themselves broken, numbers glued to names that flat
text cannot tell from markers ("recommendation (2019)1").
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from kg.model import Document, Footnote, Metadata, Paragraph
from kg.read.assemble import Block, FootnoteDraft, ParagraphDraft, SectionDraft, assemble

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_EVERY = 10


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


bench = _load("_bench_agreement", ROOT / "benchmarks" / "bench_agreement.py")
render = _load("_render", ROOT / "tests" / "render.py")


@pytest.fixture(scope="module")
def results(corpus_dir: Path) -> list[object]:
    out: list[object] = []
    for path in bench.corpus_files(corpus_dir / "akn", SAMPLE_EVERY):
        out.extend(bench.check_file(path, render))
    return out


NUMBERING_FLOOR = 100.0  # % of documents; aim 100
TEXT_FLOOR = 99.5  # % of paragraphs; aim 99
STRUCTURE_FLOOR = 98.0  # % of documents
ANCHORS_FLOOR = 98.0  # % of documents


@pytest.mark.corpus
@pytest.mark.parametrize("shape", ["flat", "pdf"])
def test_operative_numbering_identical(results: list[object], shape: str) -> None:
    table = bench.summarise(results)[shape]
    assert table["numbering %"] >= NUMBERING_FLOOR


@pytest.mark.corpus
@pytest.mark.parametrize("shape", ["flat", "pdf"])
def test_paragraph_texts_identical(results: list[object], shape: str) -> None:
    table = bench.summarise(results)[shape]
    assert table["read errors"] == 0
    assert table["paragraph texts %"] >= TEXT_FLOOR


@pytest.mark.corpus
@pytest.mark.parametrize("shape", ["flat", "pdf"])
def test_structure_and_anchors(results: list[object], shape: str) -> None:
    table = bench.summarise(results)[shape]
    assert table["structure %"] >= STRUCTURE_FLOOR
    assert table["anchors %"] >= ANCHORS_FLOOR


def _toy() -> Document:
    """A hand-made AKN-like reading: two preambular, two operative, a subparagraph, notes."""
    texts = [
        ("pp1", "preambular", None, None, "Recalling its resolution 60/178,"),
        ("pp2", "preambular", None, None, "Gravely concerned that the problem persists,"),
        ("op1", "operative", "1", None, "Urges all States to act, by:"),
        ("op1.a", "subparagraph", None, "(a)", "Promoting international initiatives;"),
        ("op2", "operative", "2", None, "Requests the Secretary-General to report."),
    ]
    paras = []
    pos = 0
    for i, (pid, kind, num, label, text) in enumerate(texts, 1):
        parent = "op1" if kind == "subparagraph" else None
        paras.append(Paragraph(pid, kind, num, label, parent, None, None, text,  # type: ignore[arg-type]
                               (pos, pos + len(text)), i))
        pos += len(text) + 1
    notes = (Footnote("1", "Resolution 60/178.", "pp1", 32, None),
             Footnote("2", "A/61/221.", "op2", 30, None))
    meta = Metadata(symbol="A/RES/61/999", body="GA", adopted="2006-12-20", title="Test",
                    meeting="82nd plenary meeting")
    return Document(meta, "\n".join(t[-1] for t in texts), tuple(paras), footnotes=notes)


def _toy_parts() -> Document:
    """A resolution published in parts A and B; part B opens with a lead-in ("op0")."""
    meta = Metadata(symbol="A/RES/61/998 A-B", body="GA", adopted="2006-12-20",
                    title="Questions relating to information", meeting="82nd plenary meeting")
    blocks: list[Block] = [
        SectionDraft("A", "Information in the service of humanity"),
        ParagraphDraft("preambular", "1", "Taking note of the report of the Committee,",
                       id="A.pp1", anchors=[("1", 43)]),  # after the comma
        ParagraphDraft("operative", None, "Urges all countries:", id="A.op1"),
        ParagraphDraft("subparagraph", None, "To cooperate and interact;", label="(a)",
                       parent="A.op1", id="A.op1.a"),
        ParagraphDraft("subparagraph", None, "To provide full support.", label="(b)",
                       parent="A.op1", id="A.op1.b"),
        SectionDraft("B", "Income estimates for 2007"),
        ParagraphDraft("operative", None, "Resolves that, for 2007:", id="B.op0"),
        ParagraphDraft("operative", "1", "Estimates of income are approved;", id="B.op1"),
        ParagraphDraft("operative", "2", "The income shall be set off.", id="B.op2"),
    ]  # fmt: skip
    return assemble(meta, blocks, [FootnoteDraft("1", "A/61/21.")])


@pytest.mark.parametrize("shape", ["flat", "pdf"])
@pytest.mark.parametrize("make", [_toy, _toy_parts], ids=["toy", "parts"])
def test_round_trip_of_a_small_document(shape: str, make: Callable[[], Document]) -> None:
    """Runs without the corpus: render a hand-made document and read it back."""
    akn = make()
    rend = render.render_flat if shape == "flat" else render.render_pdf
    read = bench.read_flat if shape == "flat" else bench.read_pdftext
    doc = read(rend(akn), "toy.txt", "0")
    agreement = bench.compare(akn, doc, "toy", shape)
    assert agreement.diffs == []
    assert (agreement.numbering, agreement.structure, agreement.anchors) == (True, True, True)
