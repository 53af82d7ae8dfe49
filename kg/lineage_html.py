"""Paragraph lineage as one self-contained HTML page, old and new side by side.

Inline CSS only, no script; every text from the documents is HTML-escaped.
Each row is one link: the old paragraph(s) with deleted words struck through
on the left, the class and score in the middle, the new paragraph(s) with
inserted words highlighted on the right.

>>> from kg.lineage import Lineage, Link
>>> link = Link("modified", "operative", ("op1",), ("op1",), 0.9,
...             (("equal", ("Urges",)), ("delete", ("<all>",)), ("insert", ("&",))),
...             "Urges <all>", "Urges &")
>>> page = render_html(Lineage("A/RES/1/1", "A/RES/2/1", (link,)))
>>> "<del>&lt;all&gt;</del>" in page and "<ins>&amp;</ins>" in page and "<script" not in page
True
"""

from __future__ import annotations

from html import escape

from kg.lineage import LINK_CLASSES, DiffChunk, Lineage, Link

#: Colours per link class (row marker) — readable in print and for the colour-blind
#: (the class is also written out in the middle column).
CLASS_COLOURS: dict[str, str] = {
    "verbatim": "#9e9e9e",
    "modified": "#1565c0",
    "split": "#6a1b9a",
    "merged": "#6a1b9a",
    "new": "#2e7d32",
    "dropped": "#c62828",
}

_CSS = """
body { font: 15px/1.45 Georgia, 'Times New Roman', serif; margin: 1.5em; color: #212121; }
h1 { font-size: 1.3em; margin: 0 0 .3em; }
p.summary { font-family: system-ui, sans-serif; font-size: .9em; color: #424242; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th { position: sticky; top: 0; background: #fafafa; font-family: system-ui, sans-serif;
     text-align: left; padding: .4em; border-bottom: 2px solid #bdbdbd; }
td { vertical-align: top; padding: .45em .6em; border-bottom: 1px solid #e0e0e0; }
th.rel, td.rel { width: 8.5em; text-align: center; font-family: system-ui, sans-serif; }
td.rel .score { display: block; color: #616161; font-size: .85em; }
.pid { display: inline-block; min-width: 3.2em; font: .8em system-ui, sans-serif;
       color: #616161; }
del { background: #ffebee; color: #b71c1c; }
ins { background: #e8f5e9; color: #1b5e20; text-decoration: none; font-weight: 600; }
tr.verbatim td.text { color: #757575; }
td.empty { background: #f5f5f5; }
"""


def _ids(ids: tuple[str, ...]) -> str:
    return escape(" + ".join(ids))


def _side(runs: tuple[DiffChunk, ...], mark: str) -> str:
    """One column's words as printed, changed runs wrapped in ``mark``."""
    parts: list[str] = []
    for op, words in runs:
        text = escape(" ".join(words))
        parts.append(text if op == "equal" else f"<{mark}>{text}</{mark}>")
    return " ".join(parts)


def _row(link: Link) -> str:
    colour = CLASS_COLOURS.get(link.kind, "#000")
    if link.old:
        old = f'<td class="text"><span class="pid">{_ids(link.old)}</span> '
        old += _side(link.old_runs(), "del") + "</td>"
    else:
        old = '<td class="empty"></td>'
    if link.new:
        new = f'<td class="text"><span class="pid">{_ids(link.new)}</span> '
        new += _side(link.new_runs(), "ins") + "</td>"
    else:
        new = '<td class="empty"></td>'
    score = ""
    if link.kind not in ("new", "dropped"):
        score = f'<span class="score">{link.score:.2f}</span>'
    rel = (
        f'<td class="rel" style="border-left: 4px solid {colour}">'
        f"{escape(link.kind)}{score}</td>"
    )
    return f'<tr class="{escape(link.kind)}">{old}{rel}{new}</tr>'


def render_html(lineage: Lineage) -> str:
    """The whole lineage as an HTML page (UTF-8, inline CSS, no JavaScript)."""
    title = f"{lineage.new} \u2190 {lineage.old}: paragraph lineage"
    counts = lineage.counts()
    summary = ", ".join(
        f'<span style="color: {CLASS_COLOURS[c]}">{counts[c]} {escape(c)}</span>'
        for c in LINK_CLASSES
    )
    rows = "\n".join(_row(link) for link in lineage.links)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p class="summary">{summary}. Deleted words are <del>struck through</del> on the left,
inserted words <ins>highlighted</ins> on the right. Differences of hyphenation, quote
style and closing punctuation are not counted as changes.</p>
<table>
<thead><tr><th>{escape(lineage.old)} (older)</th><th class="rel">link</th>
<th>{escape(lineage.new)} (newer)</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""
