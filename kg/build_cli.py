"""``dckg build`` and ``dckg validate``: thin click commands over :mod:`kg.build`.

They are registered in :mod:`kg.cli` with::

    from kg.build_cli import build_command, validate_command
    main.add_command(build_command)
    main.add_command(validate_command)

Exit codes: 0 the graph conforms to the shapes, 1 shapes violated (outputs
and report kept), 2 bad input or internal error (one line on stderr; nothing
half-written).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.progress import ProgressColumn, Task
from rich.text import Text

from kg.errors import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, KGError
from kg.rdf.namespaces import DEFAULT_BASE

__all__ = ["PROGRESS_MIN", "build_command", "validate_command"]

#: A progress bar is shown from this many input files on (unless --quiet).
PROGRESS_MIN = 20


class RateColumn(ProgressColumn):
    """Documents per second, for rich's progress bar."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "", style="progress.data.speed")


def _fail(message: str) -> None:
    click.echo(f"dckg: {message}", err=True)


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--out", "out", default="out", show_default=True, type=click.Path(), help="Output folder."
)
@click.option(
    "--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the graph's nodes."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: CPUs, at most 4).",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="Leave out files whose name matches GLOB (repeatable), e.g. --exclude '*_F.xml'.",
)
@click.option(
    "--clean",
    is_flag=True,
    help="Process every file again; do not reuse the previous build's cache.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def build_command(
    paths: tuple[str, ...],
    out: str,
    base: str,
    jobs: int | None,
    exclude: tuple[str, ...],
    clean: bool,
    quiet: bool,
) -> None:
    """Build the knowledge graph: read, extract, map to RDF, validate, store, export.

    PATHS are resolution files or folders (.txt, .xml, .akn); with none, the
    bundled sample corpus is built into ./out.  Writes kg.ttl, kg.nt,
    kg.jsonld, void.ttl, validation.md, validation.ttl, the ontology page and
    the Oxigraph store (store/).  Exit 0: the graph conforms to the SHACL
    shapes; 1: it does not (see validation.md); 2: bad input or error.

    A rebuild into the same --out reuses what the last build did for every
    file that has not changed (the cache in OUT/.cache); the result is the
    same as a clean build's.  --clean processes every file again.

    \b
    Examples:
      dckg build ../shared/corpus/akn --out corpus
      dckg build ../shared/corpus/akn kg/sample --exclude '*_F.xml' --out corpus
    """
    from fnmatch import fnmatch

    from kg.build import build
    from kg.cli import expand_paths
    from kg.sample import sample_paths

    files = list(expand_paths(paths)) if paths else sample_paths()
    files = [f for f in files if not any(fnmatch(f.name, g) for g in exclude)]
    if not files:
        _fail("no input files left (see --exclude)")
        sys.exit(EXIT_ERROR)
    incremental = not clean
    try:
        if quiet or len(files) < PROGRESS_MIN:
            result = build(files, Path(out), base=base, jobs=jobs, incremental=incremental)
        else:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            with Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                RateColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            ) as bar:
                task = bar.add_task("documents", total=len(files))
                result = build(
                    files,
                    Path(out),
                    base=base,
                    jobs=jobs,
                    incremental=incremental,
                    progress=lambda done, total: bar.update(task, completed=done, total=total),
                    stage=lambda name: bar.update(task, description=name),
                )
    except KGError as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # an internal error: one clear line, nothing half-written
        _fail(f"internal error: {type(exc).__name__}: {exc}")
        sys.exit(EXIT_ERROR)
    if not quiet:
        click.echo(
            f"{result.documents:,} documents, {result.paragraphs:,} paragraphs, "
            f"{result.directives:,} directives, {result.triples:,} triples, "
            f"{result.violations:,} violations -> {out}"
        )
        if result.reused:
            click.echo(f"{result.reused:,} unchanged document(s) taken from the last build")
        if not result.conforms:
            click.echo(f"shapes violated: see {Path(out) / 'validation.md'}")
    sys.exit(EXIT_OK if result.conforms else EXIT_VIOLATIONS)


@click.command("validate")
@click.argument("file", type=click.Path())
@click.option(
    "--base", default=DEFAULT_BASE, show_default=True, help="Base IRI the graph was built with."
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing; only the exit code tells.")
def validate_command(file: str, base: str, quiet: bool) -> None:
    """Validate an RDF file (Turtle, N-Triples, N-Quads, JSON-LD, RDF/XML) against the shapes.

    The file is checked a few resolutions at a time, with the authority data
    and the topic scheme merged in, so a single resolution's graph and the
    whole kg.ttl both work.  Prints the Markdown report.
    Exit 0: conforms; 1: shapes violated; 2: the file cannot be read.

    \b
    Example:
      dckg validate out/kg.ttl
    """
    from kg.rdf.iris import Minter
    from kg.validate import markdown_report
    from kg.validate_file import validate_file

    try:
        report = validate_file(Path(file), Minter(base))
    except KGError as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)
    if not quiet:
        click.echo(markdown_report(report, title=f"Validation of {file}"), nl=False)
    sys.exit(EXIT_OK if report.conforms else EXIT_VIOLATIONS)
