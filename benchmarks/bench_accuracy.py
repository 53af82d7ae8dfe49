"""Extraction accuracy on the two seed resolutions, against the hand-made gold.

Reads A/RES/61/183 (PDF text) and A/RES/63/197 (flat text) from the bundled
sample corpus, runs ``kg.extract.annotate``, scores each against
``tests/data/gold/<symbol>.json`` with :mod:`kg.evaluate` and prints Markdown
tables (one per resolution and one for both) ready for BENCHMARKS.md.

    python benchmarks/bench_accuracy.py            # tables
    python benchmarks/bench_accuracy.py --diff     # plus every miss / false alarm
    python benchmarks/bench_accuracy.py --heldout  # the held-out set instead

``--heldout`` scores ``tests/data/gold/heldout/*.json`` (resolutions the
extractors were not developed on), reading each one's AKN source from
``../shared/corpus/akn/<session>/`` (skipped with a message when the shared
corpus is absent).  A held-out gold file may cover only some operative
paragraphs (A/RES/77/238: op1-op40), so only the gold's paragraph ids are
scored.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import kg
from kg.errors import KGError
from kg.evaluate import (
    SCORED_KINDS,
    Gold,
    ScoreTable,
    combine,
    differences,
    format_markdown,
    gold_file_name,
    load_gold,
    score_document,
)

GOLD_DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "gold"
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def akn_source(symbol: str, shared: Path = SHARED) -> Path | None:
    """The AKN file of a GA resolution symbol in the shared corpus, if present.

    Corpus file names carry a job-number suffix (A_RES_77_238-2229004E.xml),
    so the stem is matched up to a '-', '_' or '.' separator.
    """
    parts = symbol.split("/")
    if len(parts) != 4:
        return None
    folder = shared / "corpus" / "akn" / parts[2]
    stem = symbol.replace("/", "_")
    found = sorted(
        p for sep in ("-", "_", ".") for p in folder.glob(f"{stem}{sep}*") if p.suffix == ".xml"
    )
    return found[0] if found else None


def only_gold_paragraphs(doc: kg.Document, gold: Gold) -> kg.Document:
    """``doc`` with the operative paragraphs the gold does not cover left unscored.

    They are kept as preambular paragraphs rather than dropped, so that a
    footnote citation stored on one of them still counts where its marker is
    repeated inside the gold's paragraphs.
    """
    ids = {p.id for p in gold.paragraphs}
    paragraphs = tuple(
        p if p.kind not in SCORED_KINDS or p.id in ids else replace(p, kind="preambular")
        for p in doc.paragraphs
    )
    return replace(doc, paragraphs=paragraphs)


def heldout(gold_dir: Path, diff: bool) -> int:
    """Score every held-out gold file against the annotated AKN source."""
    from kg.extract import annotate

    files = sorted((gold_dir / "heldout").glob("*.json"))
    if not files:
        print(f"error: no held-out gold in {gold_dir / 'heldout'}", file=sys.stderr)
        return 2
    tables: list[ScoreTable] = []
    for path in files:
        try:
            gold = load_gold(path)
        except KGError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        source = akn_source(gold.symbol)
        if source is None:
            print(f"skipped {gold.symbol}: no AKN source under {SHARED.resolve() / 'corpus'}")
            continue
        try:
            doc = only_gold_paragraphs(annotate(kg.read(source)), gold)
            table = score_document(doc, gold)
        except KGError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        tables.append(table)
        title = f"{gold.symbol} (held out, {source.name}, {len(gold.paragraphs)} paragraphs)"
        print(format_markdown(table, title=title))
        print()
        if diff:
            for line in differences(doc, gold):
                print(f"    {line}")
            print()
    if len(tables) > 1:
        print(format_markdown(combine(tables), title="Held-out set"))
        print()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--diff", action="store_true", help="list every miss and false alarm")
    parser.add_argument(
        "--gold", type=Path, default=GOLD_DIR, help=f"gold directory (default {GOLD_DIR})"
    )
    parser.add_argument(
        "--heldout",
        action="store_true",
        help="score the held-out gold (tests/data/gold/heldout) on the AKN corpus in ../shared",
    )
    args = parser.parse_args(argv)
    if args.heldout:
        return heldout(args.gold, args.diff)

    from kg.extract import annotate

    tables: list[ScoreTable] = []
    for path in kg.sample_paths():
        try:
            doc = annotate(kg.read(path))
        except ModuleNotFoundError as exc:  # a pipeline stage not written yet
            print(f"error: {exc.name} is not written yet", file=sys.stderr)
            return 2
        try:
            gold = load_gold(args.gold / gold_file_name(doc.meta.symbol))
        except KGError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        table = score_document(doc, gold)
        tables.append(table)
        print(format_markdown(table, title=f"{doc.meta.symbol} ({doc.format} text)"))
        print()
        if args.diff:
            for line in differences(doc, gold):
                print(f"    {line}")
            print()
    print(format_markdown(combine(tables), title="Both seeds"))
    print()
    print(
        "Directives match by paragraph and lemma; strength, addressees and concerns are "
        "scored on matched directives only. Mentions, citations and topics: paragraph x id sets."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
