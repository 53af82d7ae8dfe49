"""``dckg analyze``: graph analytics on the built store (networkx projections, rankings).

Registered in :mod:`kg.cli` with::

    from kg.analyze_cli import analyze_command
    main.add_command(analyze_command)

Exit codes: 0 ok; 2 no store or bad input.  The store is opened read-only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import EXIT_ERROR, EXIT_OK, KGError
from kg.query_cli import output_options

__all__ = ["SECTION_CHOICES", "analyze_command"]

#: kg.analyze_report.SECTIONS, repeated so that ``dckg --help`` need not import networkx.
SECTION_CHOICES = ("instruments", "bodies", "actors", "centrality", "resolutions")


@click.command("analyze")
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="Rows per section."
)
@click.option(
    "--section",
    "section",
    type=click.Choice(["all", *SECTION_CHOICES]),
    default="all",
    show_default=True,
    help="Print one section only.",
)
@output_options(("table", "json", "csv"))
def analyze_command(
    top: int, section: str, fmt: str, out_dir: Path, store: Path | None, quiet: bool
) -> None:
    """Analyse the graph with networkx: citations, instruments, bodies, addressees.

    Projects the store into graphs (resolution citations, resolutions and
    instruments, bodies named together, addressees and verbs) and ranks:
    the most-cited instruments (cited or mentioned), the bodies and actor
    groups most often addressed and how strongly (mean strength 0-5, by verb
    lemma), the centrality of bodies among bodies named in the same
    paragraphs (degree, PageRank), and the most-cited resolutions.

    \b
    Examples:
      dckg analyze
      dckg analyze --top 20 --section bodies
      dckg analyze --format json --store out/store
    """
    from kg.analyze_report import SECTIONS, analyze, format_report
    from kg.query import open_store, store_path

    try:
        report = analyze(
            open_store(store_path(out_dir, store)),
            top,
            SECTIONS if section == "all" else (section,),
        )
        text = format_report(report, fmt)
    except KGError as exc:
        click.echo(f"dckg: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(text, nl=False)
    if not quiet:
        timings = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in report.seconds.items())
        click.echo(f"analyze: {timings}", err=True)
    sys.exit(EXIT_OK)
