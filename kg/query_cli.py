"""``dckg query``: run SPARQL (a named query, a file or inline text) on the built store.

Registered in :mod:`kg.cli` with::

    from kg.query_cli import query_command
    main.add_command(query_command)

Exit codes: 0 ok; 2 bad input (unknown query, bad parameter, syntax error,
no store).  The store is opened read-only and only queries run: an update
(``DROP ALL``, ``INSERT DATA``) is refused as bad input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.errors import EXIT_ERROR, EXIT_OK, KGError
from kg.push_cli import endpoint_option
from kg.query import (
    DEFAULT_OUT,
    UPDATE_WORDS,
    NamedQuery,
    load_named_queries,
    named_query,
    parse_named_query,
    query_form,
)

__all__ = ["output_options", "query_command", "resolve_query"]

QUERY_WORDS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


def _fail(message: str) -> None:
    click.echo(f"dckg: {message}", err=True)


def output_options(formats: tuple[str, ...]) -> Callable[[Any], Any]:
    """The options ``query`` and ``ask`` share: --format, --out-dir/--out, --store, --quiet."""

    def wrap(f: Any) -> Any:
        f = click.option(
            "--quiet", "-q", is_flag=True, help="Print the results only (no summary on stderr)."
        )(f)
        f = click.option(
            "--store",
            "store",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="The Oxigraph store folder (default: OUT_DIR/store).",
        )(f)
        f = click.option(
            "--out-dir",
            "--out",
            "out_dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=DEFAULT_OUT,
            show_default=True,
            help="The folder `dckg build` wrote.",
        )(f)
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(formats),
            default=formats[0],
            show_default=True,
            help="Output format.",
        )(f)

    return wrap


def resolve_query(arg: str) -> NamedQuery:
    """``arg`` as a file (``-`` = stdin), a named query, or inline SPARQL text."""
    if arg == "-":
        return _adhoc(sys.stdin.read(), "<stdin>")
    path = Path(arg)
    if path.suffix == ".rq" or path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise KGError("no such file", path=arg) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise KGError(f"cannot read: {exc}", path=arg) from None
        return _adhoc(text, str(path))
    if "{" in arg or query_form(arg) in QUERY_WORDS | UPDATE_WORDS:
        return _adhoc(arg, "<inline>")
    return named_query(arg)


def _adhoc(text: str, where: str) -> NamedQuery:
    """A query given as text: its header is used when it has one."""
    try:
        return parse_named_query(text, Path(where).stem, where)
    except KGError:
        return NamedQuery(Path(where).stem, where, "", (), text, where)


def _list(fmt: str) -> None:
    queries = load_named_queries()
    if fmt == "json":
        rows = [
            {
                "name": q.name,
                "title": q.title,
                "question": q.question,
                "parameters": [
                    {
                        "name": p.name,
                        "type": p.type,
                        "default": p.default,
                        "description": p.description,
                    }
                    for p in q.parameters
                ],
            }
            for q in queries.values()
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for q in queries.values():
        params = (
            ", ".join(f"{p.name}={p.default} ({p.type})" for p in q.parameters) or "no parameters"
        )
        click.echo(f"{q.name}\n  {q.title}\n  {q.question}\n  {params}")


@click.command("query")
@click.argument("query", required=False)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Set a parameter (repeatable); typed by the query's header.",
)
@click.option("--list", "list_", is_flag=True, help="List the named queries and their questions.")
@click.option(
    "--sparql",
    "show_sparql",
    is_flag=True,
    help="Print the query with its parameters bound; do not run it.",
)
@output_options(("table", "json", "csv", "tsv"))
@endpoint_option
def query_command(
    query: str | None,
    params: tuple[str, ...],
    list_: bool,
    show_sparql: bool,
    fmt: str,
    out_dir: Path,
    store: Path | None,
    quiet: bool,
    endpoint: str | None = None,
) -> None:
    """Run a SPARQL query on the built graph (read-only).

    QUERY is the name of a named query (see --list), a .rq file, '-' for
    standard input, or the query text itself.  Parameters are typed by the
    query's header (entity, topic, resolution, string, integer, year, iri)
    and bound as RDF terms, never pasted into the text.

    \b
    Examples:
      dckg query --list
      dckg query incb-funding
      dckg query directives-to --param body="the Board" --format csv
      dckg query 'SELECT (COUNT(*) AS ?n) WHERE { ?d a dckg:Directive }'
      dckg query incb-funding --endpoint http://127.0.0.1:7878/query
    """
    from kg.query import Engine, OxigraphEngine, open_store, render, store_path
    from kg.query_format import format_results, rich_table
    from kg.query_params import TermContext, bind_parameters, detect_base, parse_assignments
    from kg.rdf.iris import Minter

    try:
        if list_:
            _list(fmt)
            sys.exit(EXIT_OK)
        if not query:
            raise KGError("give a query (a name, a .rq file, '-' or SPARQL text), or --list")
        nq = resolve_query(query)
        given = parse_assignments(params)
        folder = store_path(out_dir, store)
        # --sparql runs nothing; it reads the store only to learn the build's IRI base
        if endpoint:  # a remote SPARQL endpoint instead of the local store (kg.remote)
            from kg.remote import RemoteEngine

            engine: Engine | None = RemoteEngine(endpoint)
        else:
            local = not show_sparql or folder.is_dir()
            engine = OxigraphEngine(open_store(folder)) if local else None
        base = detect_base(engine) if engine else Minter().base
        bindings = bind_parameters(TermContext(Minter(base)), nq, given)
        text = render(nq.text, bindings)
        if show_sparql:
            click.echo(text)
            sys.exit(EXIT_OK)
        assert engine is not None
        results = engine.run(text)
    except KGError as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)
    if fmt == "table" and sys.stdout.isatty():
        from rich.console import Console

        Console().print(rich_table(results, base))
    else:
        out = format_results(results, fmt, base)
        click.echo(out, nl=not out.endswith("\n"))
    if not quiet:
        n = "yes/no" if results.boolean is not None else f"{len(results.rows)} row(s)"
        click.echo(f"{nq.name}: {n} in {results.seconds * 1000:.1f} ms", err=True)
    sys.exit(EXIT_OK)
