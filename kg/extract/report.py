"""``dckg extract --report``: what was extracted, and what could not be resolved.

The input is the list of document dicts of :mod:`kg.docjson` (the JSON that
``dckg extract`` prints), so the report can also be made from saved output.
The output is plain text: one table row per document with its counts, then,
per document, the items that could not be resolved:

* citations with ``resolved`` false (odd numbers, unknown treaties...);
* mentions whose ``entity`` is ``"unknown"``;
* directives whose verb is not in the lexicon (``known`` false).

A footnote's citation is listed under every paragraph where the footnote's
marker stands; it is counted once (per span and target).

>>> doc = {"symbol": "A/RES/1/1", "paragraphs": [{"id": "op1", "mentions": [],
...        "citations": [{"target": "2", "text": "2", "span": [5, 6], "resolved": False}],
...        "directives": [], "topics": []}]}
>>> print(unresolved_report([doc]))
document   paragraphs  mentions  citations  directives  topics  unresolved
A/RES/1/1           1         0          1           0       0           1
total               1         0          1           0       0           1
<BLANKLINE>
A/RES/1/1: 1 unresolved
  citation  op1  "2" (target 2)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

COLUMNS = ("paragraphs", "mentions", "citations", "directives", "topics", "unresolved")


def _items(doc: Mapping[str, Any], key: str) -> list[tuple[str, Mapping[str, Any]]]:
    """(paragraph id, item) pairs of one kind, footnote repeats counted once."""
    out: list[tuple[str, Mapping[str, Any]]] = []
    seen: set[tuple[Any, ...]] = set()
    for p in doc.get("paragraphs") or ():
        for item in p.get(key) or ():
            ident = (tuple(item.get("span") or ()), item.get("target"), item.get("text"))
            if key == "citations" and ident in seen:
                continue
            seen.add(ident)
            out.append((str(p.get("id", "?")), item))
    return out


def _unresolved(doc: Mapping[str, Any]) -> list[tuple[str, str, str, str]]:
    """(kind, paragraph id, printed text, detail) of every unresolved item."""
    rows: list[tuple[str, str, str, str]] = []
    for pid, c in _items(doc, "citations"):
        if not c.get("resolved", True):
            rows.append(("citation", pid, str(c.get("text", "")), f"target {c.get('target', '?')}"))
    for pid, m in _items(doc, "mentions"):
        if m.get("entity") == "unknown":
            rows.append(("mention", pid, str(m.get("text", "")), f"type {m.get('type', '?')}"))
    for pid, d in _items(doc, "directives"):
        if not d.get("known", True):
            rows.append(("directive", pid, str(d.get("verb", "")), "verb not in the lexicon"))
    return rows


def _counts(doc: Mapping[str, Any]) -> tuple[int, ...]:
    return (
        len(doc.get("paragraphs") or ()),
        len(_items(doc, "mentions")),
        len(_items(doc, "citations")),
        len(_items(doc, "directives")),
        len(_items(doc, "topics")),
        len(_unresolved(doc)),
    )


def _table(rows: Sequence[tuple[str, Sequence[int]]]) -> list[str]:
    width = max([len("document"), *(len(name) for name, _ in rows)])
    lines = ["  ".join(["document".ljust(width), *COLUMNS])]
    for name, counts in rows:
        cells = [str(n).rjust(len(col)) for n, col in zip(counts, COLUMNS, strict=True)]
        lines.append("  ".join([name.ljust(width), *cells]))
    return lines


def unresolved_report(docs: Iterable[Mapping[str, Any]]) -> str:
    """The plain-text report of ``dckg extract --report`` for these documents."""
    docs = list(docs)
    rows = [(str(d.get("symbol") or d.get("source") or "?"), _counts(d)) for d in docs]
    totals = tuple(sum(c[i] for _, c in rows) for i in range(len(COLUMNS)))
    lines = _table([*rows, ("total", totals)])
    for (name, _), doc in zip(rows, docs, strict=False):
        bad = _unresolved(doc)
        if not bad:
            continue
        lines += ["", f"{name}: {len(bad)} unresolved"]
        kw = max(len(kind) for kind, *_ in bad)
        pw = max(len(pid) for _, pid, *_ in bad)
        for kind, pid, text, detail in bad:
            lines.append(f'  {kind.ljust(kw)}  {pid.ljust(pw)}  "{text}" ({detail})')
    return "\n".join(lines)
