"""``dckg push``: load a build into a SPARQL 1.1 Graph Store (Oxigraph, Fuseki, ...).

Registered in :mod:`kg.cli` with::

    from kg.push_cli import push_command
    main.add_command(push_command)

:func:`endpoint_option` is the ``--endpoint URL`` option that ``dckg query``
and ``dckg ask`` take to run on a remote SPARQL endpoint
(:func:`kg.remote.open_engine`).

Exit codes: 0 pushed; 2 bad options, no store, or the server refused or could
not be reached (graphs already replaced stay replaced; PUT again).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kg.errors import EXIT_ERROR, EXIT_OK, KGError

__all__ = ["endpoint_option", "push_command"]


def endpoint_option(f: Any) -> Any:
    """``--endpoint URL``: query a remote SPARQL endpoint instead of the local store."""
    return click.option(
        "--endpoint",
        metavar="URL",
        default=None,
        help="Run on this SPARQL endpoint (its default graph the union of the pushed graphs) "
        "instead of the local store.",
    )(f)


@click.command("push")
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph Store Protocol URL: http://HOST:7878/store (Oxigraph), "
    "http://HOST:3030/DS/data (Fuseki).",
)
@click.option(
    "--out",
    "--out-dir",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="The folder `dckg build` wrote.",
)
@click.option(
    "--graph-per-resolution/--single-graph",
    "per_resolution",
    default=True,
    show_default=True,
    help="One named graph per resolution (a changed resolution replaces only its graph), "
    "or the build's data graph whole.",
)
@click.option(
    "--only",
    multiple=True,
    metavar="SYMBOL",
    help="Push only the graph of this resolution (repeatable), e.g. --only A/RES/63/197.",
)
@click.option("--dry-run", is_flag=True, help="List the graphs and their sizes; send nothing.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=300.0,
    show_default=True,
    help="Seconds per request.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress or summary.")
def push_command(
    endpoint: str,
    out: Path,
    per_resolution: bool,
    only: tuple[str, ...],
    dry_run: bool,
    timeout: float,
    quiet: bool,
) -> None:
    """Load the build into a SPARQL Graph Store server, one PUT per named graph.

    Each PUT replaces its graph, so pushing again after a rebuild updates the
    server in place.  Query the server with its default graph as the union of
    the named graphs (oxigraph serve --union-default-graph; Fuseki
    tdb2:unionDefaultGraph), e.g. dckg query --endpoint URL.

    \b
    Examples:
      dckg push --endpoint http://127.0.0.1:7878/store
      dckg push --endpoint http://127.0.0.1:7878/store --only A/RES/63/197
      dckg push --endpoint http://127.0.0.1:3030/dckg/data --single-graph --dry-run
    """
    import tempfile

    from kg.query import open_store, store_path
    from kg.remote import plan_push, push

    try:
        if dry_run:
            with tempfile.TemporaryDirectory(prefix="dckg-push-") as tmp:
                parts, _ = plan_push(open_store(store_path(out)), per_resolution, Path(tmp), only)
            for part in parts:
                click.echo(f"{part.triples}\t{part.name}")
            if not quiet:
                total = sum(p.triples for p in parts)
                click.echo(
                    f"{len(parts)} graph(s), {total} triples (dry run: nothing sent)", err=True
                )
            sys.exit(EXIT_OK)

        def progress(done: int, total: int) -> None:
            if not quiet and (done == total or done % 50 == 0):
                click.echo(f"\rpushed {done}/{total} graphs", err=True, nl=done == total)

        result = push(out, endpoint, per_resolution, only, timeout, progress)
    except KGError as exc:
        click.echo(f"dckg: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if not quiet:
        click.echo(
            f"{result.graphs} graph(s), {result.triples} triples, {result.bytes / 1e6:.1f} MB "
            f"to {endpoint} in {result.seconds:.1f} s",
            err=True,
        )
    sys.exit(EXIT_OK)
