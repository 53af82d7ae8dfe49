"""``dckg``: a thin click command line over the :mod:`kg` library.

Exit codes (see :mod:`kg.errors`): 0 ok, 1 shapes violated, 2 bad input or error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from kg import __version__
from kg.errors import EXIT_ERROR, EXIT_OK, KGError

INPUT_SUFFIXES = (".txt", ".xml", ".akn")


def fail(message: str) -> None:
    """Print one clear line on stderr."""
    click.echo(f"dckg: {message}", err=True)


def expand_paths(paths: tuple[str, ...]) -> Iterator[Path]:
    """Files named, and the resolution files found under folders named (sorted)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES
            )
        else:
            yield p


def quiet_option(f: Any) -> Any:
    return click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dckg")
def main() -> None:
    """drug-control-kg: a knowledge graph of international drug-control law.

    Reads UN resolutions (text, PDF text, Akoma Ntoso XML), extracts bodies,
    instruments, citations, directives and topics, and builds an RDF graph.

    Exit codes: 0 ok, 1 SHACL shapes violated, 2 bad input or error.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl"]),
    default="json",
    show_default=True,
    help="json: one array of documents; jsonl: one document per line.",
)
@click.option("--report", is_flag=True, help="Print a summary of unresolved items instead.")
@click.option("--no-extract", is_flag=True, help="Print the document model only (reading stage).")
def extract(paths: tuple[str, ...], fmt: str, report: bool, no_extract: bool) -> None:
    """Read resolutions and print their document model with extracted facts.

    PATHS are files or folders; with none, the bundled sample corpus is read.
    A bad file is reported on stderr and skipped; the exit status is then 2.

    \b
    Example:
      dckg extract --format jsonl
    """
    from kg.docjson import document_to_dict
    from kg.extract import annotate
    from kg.read import read_path
    from kg.sample import sample_paths

    files = list(expand_paths(paths)) if paths else sample_paths()
    failed: list[str] = []
    out: list[dict[str, Any]] = []
    for path in files:
        try:
            doc = read_path(path)
            if not no_extract:
                doc = annotate(doc)
        except KGError as exc:
            fail(str(exc))
            failed.append(str(path))
            continue
        data = document_to_dict(doc)
        if report:
            out.append(data)
        elif fmt == "jsonl":
            click.echo(json.dumps(data, ensure_ascii=False))
        else:
            out.append(data)
    if report:
        from kg.extract.report import unresolved_report

        click.echo(unresolved_report(out))
    elif fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    if failed:
        fail(f"{len(failed)} of {len(files)} file(s) failed: {', '.join(failed)}")
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_OK)


# Each command lives beside the stage it drives; this module only registers them.
from kg.analyze_cli import analyze_command  # noqa: E402
from kg.ask.cli import ask_command  # noqa: E402
from kg.build_cli import build_command, validate_command  # noqa: E402
from kg.lineage_cli import lineage_command  # noqa: E402
from kg.push_cli import push_command  # noqa: E402
from kg.query_cli import query_command  # noqa: E402
from kg.serve_cli import serve_command  # noqa: E402
from kg.viz_cli import viz_command  # noqa: E402

for _command in (
    build_command,
    validate_command,
    query_command,
    ask_command,
    analyze_command,
    lineage_command,
    viz_command,
    serve_command,
    push_command,
):
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
