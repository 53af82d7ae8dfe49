"""HTML of ``dckg serve``: resource pages, the landing page, query form and results.

Every page is one self-contained document: inline CSS, no scripts, no fonts,
images or styles from elsewhere (the server also sends a
``Content-Security-Policy`` that forbids them).  Every piece of text from the
graph goes through :func:`esc`; links are made only to local paths and to
``http(s)`` IRIs (:func:`href`).

>>> esc('<script>alert("x")</script> & co')
'&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co'
>>> href("javascript:alert(1)") is None, href("/body/INCB")
(True, '/body/INCB')
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from urllib.parse import quote

from kg import __version__
from kg.query import Results, plain
from kg.serve_describe import Link, Value, curie
from kg.serve_views import Act, Row, View

__all__ = ["esc", "href", "landing_page", "query_form_page", "resource_page", "results_page"]

#: Alternate representations linked from each resource page: (format, label, media type).
ALTERNATES: tuple[tuple[str, str, str], ...] = (
    ("turtle", "Turtle", "text/turtle"),
    ("jsonld", "JSON-LD", "application/ld+json"),
    ("ntriples", "N-Triples", "application/n-triples"),
)

DOT = " \u00b7 "

EXAMPLE_QUERY = """SELECT ?paragraph ?verb ?strength WHERE {
  ?d dckg:addressee ?who ; dckg:verb ?verb ; dckg:strength ?strength ; dckg:inParagraph ?paragraph .
  ?who dckg:authorityId "INCB" .
} ORDER BY DESC(?strength) ?paragraph LIMIT 20"""

CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1b1b;
background:#fcfcfa}header,footer{padding:.6em 1.5em;background:#24384f;color:#fff}
header a,footer a{color:#fff}footer{font-size:.85em;background:#eef0f2;color:#444}
footer a{color:#24384f}main{max-width:62em;margin:0 auto;padding:1em 1.5em 3em}
h1{font-size:1.6em;margin:.4em 0 .1em}
h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ccd}
.sub{color:#555;margin-top:0}.iri{font-size:.85em;color:#555;word-break:break-all}
blockquote.text{margin:1em 0;padding:.8em 1em;background:#fff;border-left:4px solid #24384f;
white-space:pre-wrap}dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
dt{font-weight:600;color:#333}dd{margin:0}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border-bottom:1px solid #dde;
padding:.3em .5em;text-align:left;vertical-align:top}th{background:#eef0f2}
ul.rows{padding-left:1.2em}ul.rows li{margin:.25em 0}.facts{color:#666;font-size:.85em}
.note{color:#666;font-size:.9em}.words{font-style:italic}.strength{font-weight:700}
h3{font-size:1em;margin:1.2em 0 .3em;color:#24384f}
textarea{width:100%;font:14px/1.4 ui-monospace,monospace}
code,pre{font-family:ui-monospace,monospace}
"""


def esc(text: object) -> str:
    """Text safe inside HTML content and double-quoted attributes."""
    return html.escape(str(text), quote=True)


def href(target: str | None) -> str | None:
    """``target`` if it is a local path or an http(s) URL (else no link)."""
    if target and (target.startswith("/") and not target.startswith("//")):
        return target
    if target and target.startswith(("http://", "https://")):
        return target
    return None


def a(link: Link | Value) -> str:
    """A link, or plain escaped text when it cannot be followed."""
    label = link.label if isinstance(link, Link) else link.text
    target = href(link.href)
    if target is None:
        return esc(label)
    return f'<a href="{esc(target)}">{esc(label)}</a>'


def _value(v: Value) -> str:
    note = f' <span class="facts">{esc(v.note)}</span>' if v.note else ""
    return a(v) + note


def document(title: str, body: str, head: str = "") -> str:
    """A whole page around ``body``."""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} \u2014 drug-control-kg</title>\n{head}"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        '<header><a href="/">drug-control-kg</a> \u00b7 <a href="/sparql">SPARQL</a></header>\n'
        f"<main>\n{body}\n</main>\n"
        f"<footer>drug-control-kg {esc(__version__)} \u00b7 read-only linked data from United "
        "Nations resolutions; every fact points to the words it came from.</footer>\n"
        "</body>\n</html>\n"
    )


def _facts(facts: Iterable[tuple[str, list[Value]]]) -> str:
    items = [
        f"<dt>{esc(name)}</dt><dd>{', '.join(_value(v) for v in values)}</dd>"
        for name, values in facts
        if values
    ]
    return f"<dl>{''.join(items)}</dl>\n" if items else ""


def _acts(acts: list[Act], title: str) -> str:
    if not acts:
        return ""
    rows = "".join(
        f"<tr><td>{a(act.link)}</td><td>{esc(act.verb)}</td><td>{esc(act.lemma)}</td>"
        f'<td class="strength">{esc(act.strength)}</td>'
        f"<td>{', '.join(a(x) for x in act.addressees)}</td>"
        f"<td>{', '.join(a(x) for x in act.concerns)}</td><td>{esc(act.action)}</td></tr>"
        for act in acts
    )
    return (
        f"<h2>{esc(title)}</h2>\n<table><thead><tr><th>act</th><th>verb</th><th>lemma</th>"
        "<th>strength (0\u20135)</th><th>addressed to</th><th>concerns</th><th>action</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>\n"
    )


def _row(row: Row) -> str:
    indent = f' style="margin-left:{min(row.depth, 4) * 1.5}em"' if row.depth else ""
    words = f' <span class="words">\u201c{esc(row.text)}\u201d</span>' if row.text else ""
    facts = f' <span class="facts">{esc(DOT.join(row.facts))}</span>' if row.facts else ""
    heading = f'</ul><h3>{esc(row.heading)}</h3><ul class="rows">' if row.heading else ""
    return f"{heading}<li{indent}>{a(row.link)}{facts}{words}</li>"


def _sections(sections: list[tuple[str, str, list[Row]]]) -> str:
    out = []
    for title, note, rows in sections:
        if not rows:
            continue
        note_html = f'<p class="note">{esc(note)}</p>' if note else ""
        items = "".join(_row(r) for r in rows)
        out.append(f'<h2>{esc(title)}</h2>{note_html}\n<ul class="rows">{items}</ul>\n')
    return "".join(out)


def _statements(statements: list[tuple[Link, list[Value]]]) -> str:
    if not statements:
        return ""
    rows = "".join(
        f"<tr><td>{a(prop)}</td><td>{'<br>'.join(_value(v) for v in values)}</td></tr>"
        for prop, values in statements
    )
    n = sum(len(values) for _, values in statements)
    return (
        f"<details><summary>All statements about it ({n})</summary>\n"
        f"<table><tbody>{rows}</tbody></table></details>\n"
    )


def _alternates(view: View) -> tuple[str, str]:
    """``<link rel=alternate>`` tags and the visible line with the IRI and formats."""
    head = "".join(
        f'<link rel="alternate" type="{esc(mt)}" href="?format={esc(fmt)}">\n'
        for fmt, _, mt in ALTERNATES
    )
    links = " \u00b7 ".join(
        f'<a href="?format={esc(fmt)}">{esc(label)}</a>' for fmt, label, _ in ALTERNATES
    )
    line = f'<p class="iri">IRI <code>{esc(view.iri)}</code> \u00b7 also as {links}</p>\n'
    return head, line


def resource_page(view: View, base: str) -> str:
    """The page of one node (paragraph, resolution, authority entry, topic, other)."""
    head, line = _alternates(view)
    parts = [f"<h1>{esc(view.title)}</h1>\n"]
    if view.subtitle:
        parts.append(f'<p class="sub">{esc(view.subtitle)}</p>\n')
    parts.append(line)
    if view.text:
        parts.append(f'<blockquote class="text">{esc(view.text)}</blockquote>\n')
    if view.neighbours:
        items = "".join(f"<li>{esc(rel)}: {a(link)}</li>" for rel, link in view.neighbours)
        parts.append(
            f'<nav class="neighbours"><h2>Around it</h2><ul class="rows">{items}</ul></nav>\n'
        )
    parts.append(_facts(view.facts))
    title = (
        "Directives"
        if view.kind == "paragraph"
        else "Directives addressed to it (latest first, then strongest)"
    )
    parts.append(_acts(view.acts, title))
    parts.append(_sections(view.sections))
    parts.append(_statements(view.statements))
    return document(view.title, "".join(parts), head)


def landing_page(view: View, base: str) -> str:
    """``/``: what the dataset is, examples to follow, the resolutions and named queries."""
    examples = "".join(f"<li>{esc(caption)}: {a(link)}</li>" for caption, link in view.neighbours)
    body = [
        f'<h1>{esc(view.title)}</h1>\n<p class="sub">{esc(view.subtitle)}</p>\n',
        f'<p class="iri">Dataset <code>{esc(view.iri)}</code> \u00b7 '
        f"IRIs under <code>{esc(base)}</code> "
        'are served here \u00b7 this description as <a href="/?format=turtle">Turtle</a></p>\n',
        _facts(view.facts),
        f'<h2>Start here</h2><ul class="rows">{examples}'
        '<li>ask in SPARQL: <a href="/sparql">the query form</a> (endpoint <code>/sparql</code>, '
        "SPARQL 1.1 Protocol, read-only)</li></ul>\n",
        _sections(view.sections),
    ]
    return document(view.title, "".join(body), "")


def query_form_page(query: str = "", message: str = "") -> str:
    """``/sparql`` opened in a browser: a form that sends the query by GET."""
    note = f'<p class="note">{esc(message)}</p>' if message else ""
    options = "".join(
        f'<option value="{esc(f)}">{esc(label)}</option>'
        for f, label in (
            ("html", "HTML table"),
            ("json", "JSON"),
            ("xml", "XML"),
            ("csv", "CSV"),
            ("tsv", "TSV"),
        )
    )
    body = (
        '<h1>SPARQL</h1>\n<p class="sub">Read-only SPARQL 1.1 endpoint over the whole graph '
        "(the default graph is the union of the named graphs; prefixes dckg:, eli:, skos:, oa:, "
        "prov:, dct: ... are predeclared).</p>\n"
        f'{note}<form method="get" action="/sparql">\n'
        f'<textarea name="query" rows="14">{esc(query or EXAMPLE_QUERY)}</textarea>\n'
        f'<p><label>Results as <select name="format">{options}</select></label> '
        '<button type="submit">Run</button></p>\n</form>\n'
        "<p class=\"note\">From a program: <code>curl -H 'Accept: application/sparql-results+json' "
        "--data-urlencode query@q.rq http://HOST/sparql</code>.</p>\n"
    )
    return document("SPARQL", body)


def _cell(term: object, base: str) -> str:
    if term is None:
        return ""
    text = plain(term)  # type: ignore[arg-type]
    kind = type(term).__name__
    if kind == "NamedNode":
        local = "/" + text[len(base) :] if base and text.startswith(base) else text
        label = text[len(base) :] if base and text.startswith(base) else curie(text)
        target = href(local)
        return f'<a href="{esc(target)}">{esc(label)}</a>' if target else esc(label)
    return esc(text)


def results_page(results: Results, query: str, base: str, truncated: bool) -> str:
    """SPARQL results as an HTML table under the query (for people using a browser)."""
    if results.boolean is not None:
        table = f"<p><strong>{'yes' if results.boolean else 'no'}</strong></p>"
    else:
        head = "".join(f"<th>{esc(v)}</th>" for v in results.variables)
        rows = "".join(
            "<tr>" + "".join(f"<td>{_cell(t, base)}</td>" for t in row) + "</tr>"
            for row in results.rows
        )
        table = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    note = f"{len(results.rows)} row(s)" if results.boolean is None else "ASK"
    if truncated:
        note += " \u2014 cut at the server's result limit; add LIMIT/OFFSET to page through"
    again = "/sparql?query=" + quote(query, safe="") if query else "/sparql"
    body = (
        "<h1>SPARQL results</h1>\n"
        f'<p class="note">{esc(note)} \u00b7 '
        f'<a href="{esc(again)}&amp;format=json">as JSON</a></p>\n'
        f"<details><summary>Query</summary><pre>{esc(query)}</pre></details>\n{table}\n"
    )
    return document("SPARQL results", body)
