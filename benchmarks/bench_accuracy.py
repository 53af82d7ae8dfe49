"""Extraction accuracy on the two seed resolutions, against the hand-made gold.

Reads A/RES/61/183 (PDF text) and A/RES/63/197 (flat text) from the bundled
sample corpus, runs ``kg.extract.annotate``, scores each against
``tests/data/gold/<symbol>.json`` with :mod:`kg.evaluate` and prints Markdown
tables (one per resolution and one for both) ready for BENCHMARKS.md.

    python benchmarks/bench_accuracy.py            # tables
    python benchmarks/bench_accuracy.py --diff     # plus every miss / false alarm
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import kg
from kg.errors import KGError
from kg.evaluate import (
    ScoreTable,
    combine,
    differences,
    format_markdown,
    gold_file_name,
    load_gold,
    score_document,
)

GOLD_DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "gold"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--diff", action="store_true", help="list every miss and false alarm")
    parser.add_argument(
        "--gold", type=Path, default=GOLD_DIR, help=f"gold directory (default {GOLD_DIR})"
    )
    args = parser.parse_args(argv)

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
