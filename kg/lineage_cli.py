"""``dckg lineage``: which paragraph of a resolution descends from which, and how.

The command is registered in :mod:`kg.cli` with::

    from kg.lineage_cli import lineage_command
    main.add_command(lineage_command)
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import click

from kg.errors import EXIT_ERROR, EXIT_OK, KGError
from kg.lineage import LINK_CLASSES, Lineage, align
from kg.model import Document


def _fail(message: str) -> None:
    click.echo(f"dckg: {message}", err=True)


def _symbol_key(symbol: str) -> str:
    return "".join(symbol.split()).upper()


def resolve_document(arg: str) -> Document:
    """Read ``arg`` as a file path, else as the symbol of a bundled sample resolution.

    Raises :class:`KGError` when it is neither.
    """
    from kg.read import read_path
    from kg.sample import sample_paths

    path = Path(arg)
    if path.exists():
        return read_path(path)
    wanted = _symbol_key(arg)
    known: list[str] = []
    for sample in sample_paths():
        doc = read_path(sample)
        if _symbol_key(doc.meta.symbol) == wanted:
            return doc
        known.append(doc.meta.symbol)
    raise KGError(
        f"neither a file nor the symbol of a bundled sample resolution ({', '.join(known)})",
        path=arg,
    )


def _csv(lineage: Lineage) -> str:
    from kg.lineage_report import CSV_COLUMNS, lineage_rows

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(lineage_rows(lineage))
    return buf.getvalue().rstrip("\n")


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file (no half-written page)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.command("lineage")
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table: aligned report with the word diff; json: every link; csv: one row per link.",
)
@click.option(
    "--only",
    type=click.Choice(LINK_CLASSES),
    multiple=True,
    help="Keep only links of this class (repeatable).",
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a side-by-side HTML page to this file.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the table's diff (default: only when writing to a terminal).",
)
@click.pass_context
def lineage_command(
    ctx: click.Context,
    old: str,
    new: str,
    fmt: str,
    only: tuple[str, ...],
    html_file: Path | None,
    color: bool | None,
) -> None:
    """Show which paragraph of NEW descends from which paragraph of OLD.

    OLD and NEW are two resolutions of one series (older first): file paths
    (text, PDF text or Akoma Ntoso XML) or symbols of the bundled sample
    ("A/RES/61/183").  Each link is verbatim, modified, split, merged, new or
    dropped, with a similarity score and the word changes marked
    [-deleted-] {+inserted+}.

    \b
    Examples:
      dckg lineage A/RES/61/183 A/RES/63/197 --only modified
      dckg lineage old.xml new.xml --html lineage.html
    """
    try:
        lineage = align(resolve_document(old), resolve_document(new))
    except KGError as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)
    if only:
        lineage = replace(lineage, links=tuple(k for k in lineage.links if k.kind in only))
    if html_file is not None:
        from kg.lineage_html import render_html

        try:
            _write_atomically(html_file, render_html(lineage))
        except OSError as exc:
            _fail(f"{html_file}: {exc.strerror or exc}")
            sys.exit(EXIT_ERROR)
        if ctx.get_parameter_source("fmt") == click.core.ParameterSource.DEFAULT:
            counts = ", ".join(f"{k} {v}" for k, v in lineage.counts().items())
            click.echo(f"wrote {html_file} ({lineage.new} \u2190 {lineage.old}: {counts})")
            sys.exit(EXIT_OK)
    if fmt == "json":
        from kg.lineage_report import lineage_to_dict

        click.echo(json.dumps(lineage_to_dict(lineage), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(_csv(lineage))
    else:
        from kg.lineage_report import format_report

        if color is None:
            color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        click.echo(format_report(lineage, color), color=color)
    sys.exit(EXIT_OK)
