"""``dckg viz``: write an interactive, self-contained HTML graph of the built store.

Registered in :mod:`kg.cli` with::

    from kg.viz_cli import viz_command
    main.add_command(viz_command)

Exit codes: 0 page written; 2 bad input (no store, unknown entity, topic or
symbol, bad query) — one line on stderr, no page written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import EXIT_ERROR, EXIT_OK, KGError
from kg.viz import DEFAULT_DEPTH, DEFAULT_MAX_NODES

__all__ = ["DEFAULT_HTML", "viz_command"]

DEFAULT_HTML = "graph.html"


@click.command("viz")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_HTML,
    show_default=True,
    help="The HTML file to write.",
)
@click.option(
    "--focus",
    metavar="ENTITY",
    help="Draw the neighbourhood of an entity (INCB, 'the Board'), a topic, a symbol or an IRI.",
)
@click.option(
    "--depth",
    type=click.IntRange(min=1, max=6),
    default=DEFAULT_DEPTH,
    show_default=True,
    help="With --focus: how many links away from it.",
)
@click.option(
    "--resolution", metavar="SYMBOL", help="Draw one resolution and its paragraphs (A/RES/63/197)."
)
@click.option(
    "--topic", metavar="TOPIC", help="Draw the paragraphs about a topic (funding, precursors)."
)
@click.option(
    "--query",
    "query",
    metavar="FILE.rq",
    help="Draw the result of a SPARQL query: a .rq file, a named query or query text.",
)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="With --query: set a parameter (repeatable), as in dckg query.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_NODES,
    show_default=True,
    help="Keep at most this many nodes (the best-linked); the page says what was left out.",
)
@click.option(
    "--store",
    "store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The Oxigraph store folder (default: OUT_DIR/store).",
)
@click.option(
    "--out-dir",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="The folder `dckg build` wrote.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on success.")
def viz_command(
    out: Path,
    focus: str | None,
    depth: int,
    resolution: str | None,
    topic: str | None,
    query: str | None,
    params: tuple[str, ...],
    max_nodes: int,
    store: Path | None,
    out_dir: Path,
    quiet: bool,
) -> None:
    """Draw the graph as an interactive HTML page that works offline.

    By default the whole graph; or one entity's neighbourhood (--focus),
    one resolution (--resolution), one topic (--topic), or any SPARQL result
    (--query).  Node colour and shape show the kind (legend in the page),
    edges the relation; directives show their verb and strength.  Hover a
    node for its text, click it for the full text.  Everything is inline:
    the page makes no network request.  Views larger than --max-nodes keep
    their best-linked nodes and say what they left out; above 300 nodes the
    layout is computed in Python and physics is off.

    \b
    Examples:
      dckg viz --out graph.html
      dckg viz --focus INCB --depth 2 --out incb.html
      dckg viz --resolution A/RES/63/197 --out 63-197.html
      dckg viz --topic funding
      dckg viz --query queries/incb-funding.rq --param body=UNODC
    """
    from kg.query import open_store, store_path
    from kg.query_params import parse_assignments
    from kg.viz import open_engine, render_html, select_view, write_html

    try:
        if params and not query:
            raise KGError("--param goes with --query")
        given = parse_assignments(params)
        engine = open_engine(open_store(store_path(out_dir, store)))
        view = select_view(
            engine,
            focus=focus,
            depth=depth,
            resolution=resolution,
            topic=topic,
            query=query,
            params=given,
            max_nodes=max_nodes,
        )
        page = render_html(view)
        write_html(page, out)
    except KGError as exc:
        click.echo(f"dckg: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if not quiet:
        g = view.graph
        om = view.omitted
        left = (
            f"; left out: {om.total - om.shown:,} nodes, {om.edges_total - om.edges_shown:,} edges"
            if om
            else ""
        )
        click.echo(
            f"{out}: {view.title} — {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges"
            f"{left} ({len(page) / 1e6:.1f} MB)"
        )
    sys.exit(EXIT_OK)
