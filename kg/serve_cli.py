"""``dckg serve``: the built graph over HTTP (SPARQL endpoint and linked-data pages).

Registered in :mod:`kg.cli` with::

    from kg.serve_cli import serve_command
    main.add_command(serve_command)

Also runs as ``python -m kg.serve_cli`` (the tests start it that way).
Exit codes: 0 stopped with Ctrl-C or SIGTERM; 2 bad options, no store, or the
port is taken.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path

import click

from kg.errors import EXIT_ERROR, EXIT_OK, KGError

__all__ = ["serve_command"]


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option(
    "--out",
    "--out-dir",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="The folder `dckg build` wrote (its store/ is served).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="0: any free port.",
)
@click.option(
    "--base",
    default=None,
    metavar="IRI",
    help="IRI base of the served resources (default: the build's).",
)
@click.option(
    "--cors",
    multiple=True,
    metavar="ORIGIN",
    help="Allow browsers on ORIGIN (repeatable; '*' for any) to call the endpoint.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds a query or page may take before it is stopped (503).",
)
@click.option(
    "--max-results",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Most rows (or triples) in one answer; more are cut (header X-SPARQL-MaxRows).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1, max=64),
    default=None,
    help="Query worker processes  [default: cores, at least 2, at most 4].",
)
@click.option(
    "--cache-mb",
    type=click.IntRange(min=0),
    default=64,
    show_default=True,
    help="Memory for answers kept to serve again (the store does not change); 0: none.",
)
@click.option("--quiet", "-q", is_flag=True, help="No access log on stderr.")
def serve_command(
    out: Path,
    host: str,
    port: int,
    base: str | None,
    cors: tuple[str, ...],
    timeout: float,
    max_results: int,
    workers: int | None,
    cache_mb: int,
    quiet: bool,
) -> None:
    """Serve the built graph: a read-only SPARQL endpoint and a page for every IRI.

    \b
    /sparql   SPARQL 1.1 Protocol (GET, POST form, POST application/sparql-query);
              JSON, XML, CSV, TSV by Accept or ?format=; updates and SERVICE refused
    /         the dataset (VoID) with example links
    /<path>   the IRI <base><path>: HTML for browsers; Turtle, JSON-LD, N-Triples by Accept

    \b
    Examples:
      dckg serve
      curl -H 'Accept: text/turtle' http://127.0.0.1:8000/resolution/A/RES/63/197/op/40
      curl --data-urlencode 'query=SELECT (COUNT(*) AS ?n) { ?d a dckg:Directive }' \\
           -H 'Accept: text/csv' http://127.0.0.1:8000/sparql
    """
    from kg.serve import ServeConfig, serve

    if not _loopback(host):
        click.echo(
            f"dckg serve: listening on {host}, not only this machine; the endpoint is read-only "
            "but anyone who can reach it can query it",
            err=True,
        )
    config = ServeConfig(
        out=out,
        host=host,
        port=port,
        base=base,
        cors=cors,
        timeout=timeout,
        max_results=max_results,
        workers=workers or min(max(os.cpu_count() or 2, 2), 4),
        cache_mb=cache_mb,
        quiet=quiet,
    )

    def ready(url: str, served_base: str) -> None:
        click.echo(
            f"dckg serve: {url} (SPARQL at {url}sparql; IRIs under {served_base}); Ctrl-C stops",
            err=True,
        )
        sys.stderr.flush()

    try:
        serve(config, ready)
    except KGError as exc:
        click.echo(f"dckg: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    serve_command()
