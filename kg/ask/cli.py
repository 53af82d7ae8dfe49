"""``dckg ask``: a question in English, answered from the built graph.

Registered in :mod:`kg.cli` with::

    from kg.ask.cli import ask_command
    main.add_command(ask_command)

Exit codes: 0 answers found (a count, even 0, is an answer); 1 the question
was not understood (a polite refusal listing what was understood and example
questions) or nothing matches (said so); 2 bad usage or no store.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click

from kg.ask.answer import DEFAULT_LIMIT, Answer, AskResult
from kg.errors import EXIT_ERROR, EXIT_OK, KGError
from kg.push_cli import endpoint_option
from kg.query_cli import output_options

__all__ = ["EXIT_NO_ANSWER", "ask_command", "format_text", "to_rows"]

EXIT_NO_ANSWER = 1  # refusal or no answers: not an error of the input files
TEXT_WIDTH = 300  # characters of paragraph text shown in the text format
COLUMNS = (
    "rank",
    "resolution",
    "paragraph",
    "kind",
    "score",
    "strength",
    "count",
    "matched",
    "text",
)


def _evidence_line(a: Answer) -> str:
    parts = []
    for e in a.evidence:
        where = f"{e.span[0]}-{e.span[1]}" if e.span else "-"
        if e.resolution and e.resolution != a.resolution:
            place = f" in {e.resolution} {e.paragraph}"
        else:
            place = f" in {e.paragraph}" if e.paragraph and e.paragraph != a.paragraph else ""
        words = e.text if len(e.text) <= 60 else e.text[:59] + "\u2026"
        parts.append(f"{e.type} {e.id} \u201c{words}\u201d [{where}]{place}")
    return "; ".join(parts)


def format_text(result: AskResult, explain: bool = False, quiet: bool = False) -> str:
    """Answers as readable text: one block per answer, with its evidence."""
    lines: list[str] = []
    i = result.interpretation
    if explain:
        lines += ["Interpretation:", *(f"  {ln}" for ln in i.describe())]
        if result.sparql:
            lines += ["SPARQL:", *(f"  {ln}" for ln in result.sparql.splitlines()), ""]
    if result.refused or not result.answers:
        return "\n".join([*lines, result.message])
    for n, a in enumerate(result.answers, 1):
        head = " ".join(x for x in (a.resolution, a.paragraph) if x) or "all"
        kind = f" ({a.paragraph_kind})" if a.paragraph_kind else ""
        facts = []
        if a.kind in ("paragraph", "resolution") and a.matched:
            facts.append(f"matches {a.score}: {', '.join(a.matched)}")
        if a.strength is not None:
            facts.append(f"strength {a.strength}")
        if a.count is not None and a.kind != "count":
            facts.append(
                f"{a.count} act(s)" if a.kind == "addressee" else f"{a.count} paragraph(s)"
            )
        if a.kind == "count":
            lines.append(f"{n}. {a.text}")
            continue
        lines.append(f"{n}. {head}{kind}" + (f" \u2014 {'; '.join(facts)}" if facts else ""))
        text = a.text if len(a.text) <= TEXT_WIDTH else a.text[: TEXT_WIDTH - 1] + "\u2026"
        lines.append(f"   {text}")
        if a.evidence:
            lines.append(f"   evidence: {_evidence_line(a)}")
    if not quiet and result.total > len(result.answers):
        lines.append(f"({len(result.answers)} of {result.total} shown; --limit to see more)")
    return "\n".join(lines)


def to_rows(result: AskResult, fmt: str) -> str:
    """Answers as CSV or TSV (one row per answer; evidence left out)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(COLUMNS)
    for n, a in enumerate(result.answers, 1):
        text = " ".join(a.text.split())
        writer.writerow(
            [
                n,
                a.resolution or "",
                a.paragraph or "",
                a.kind,
                a.score,
                "" if a.strength is None else a.strength,
                "" if a.count is None else a.count,
                "; ".join(a.matched),
                text,
            ]
        )
    return buf.getvalue()


@click.command("ask")
@click.argument("question")
@click.option(
    "--explain", is_flag=True, help="Show how the question was understood and the SPARQL run."
)
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=1),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Most answers shown.",
)
@output_options(("table", "json", "csv", "tsv"))
@endpoint_option
def ask_command(
    question: str,
    explain: bool,
    limit: int,
    fmt: str,
    out_dir: Path,
    store: Path | None,
    quiet: bool,
    endpoint: str | None = None,
) -> None:
    """Answer a question about the resolutions from the built graph.

    The question is read with the project's own data (authority names and
    aliases, the topic scheme, directive verbs, symbols, years); nothing is
    guessed by a model.  Each answer lists the evidence that matched, with
    spans into the resolution text.  Exit 0: answers; 1: not understood
    (what was understood and example questions are printed) or no match;
    2: no store or bad usage.

    \b
    Examples:
      dckg ask "which paragraphs address INCB funding"
      dckg ask "what is the Board asked to do" --explain
      dckg ask "how many directives are addressed to UNODC" --format json
      dckg ask "what is the Board asked to do" --endpoint http://127.0.0.1:7878/query
    """
    from kg.ask.answer import ask
    from kg.query_params import TermContext, detect_base
    from kg.rdf.iris import Minter
    from kg.remote import open_engine

    try:
        engine = open_engine(out_dir, store, endpoint)
        ctx = TermContext(Minter(detect_base(engine)))
        result = ask(question, engine, ctx, limit=limit)
    except KGError as exc:
        click.echo(f"dckg: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt in ("csv", "tsv"):
        click.echo(to_rows(result, fmt), nl=False)
        if not result.answers:
            click.echo(result.message, err=True)
    else:
        click.echo(format_text(result, explain, quiet))
    if not quiet and result.answers and fmt == "table":
        click.echo(f"{result.total} answer(s) in {result.seconds * 1000:.1f} ms", err=True)
    sys.exit(EXIT_OK if result.answers else EXIT_NO_ANSWER)
