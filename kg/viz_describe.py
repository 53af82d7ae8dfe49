"""Name and type the nodes of a view: labels, tooltips, side-panel texts.

:func:`describe` asks the store, in ``VALUES`` blocks of at most
:data:`kg.viz_select.CHUNK` IRIs, for each node's class, symbol, authority
id, preferred label, notation, title and date, and sets on the node

* ``kind`` — resolution, paragraph, body, instrument, initiative, actor,
  topic, document or other (:data:`KIND_CLASSES`, in order of precedence);
* ``label`` — what the canvas shows: ``A/RES/63/197``, ``63/197 op40``,
  ``INCB``, ``funding``;
* ``heading`` and ``lines`` — the side panel's heading and the tooltip's
  lines (plain text: the page never turns them into markup).

:func:`add_texts` then fetches the text and lead of the paragraphs shown.
Only the nodes a view keeps are described, so a view of a large store asks
about at most ``--max-nodes`` nodes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import networkx as nx
from pyoxigraph import Literal, NamedNode

from kg.query import Engine, Term
from kg.rdf.iris import Minter
from kg.rdf.namespaces import DCKG_IRI
from kg.viz_select import KIND_NAMES, chunks, run, values

__all__ = ["KIND_CLASSES", "PARAGRAPH_CLASSES", "TOOLTIP_CHARS", "add_texts", "describe"]

#: Longest paragraph text shown in a tooltip (the side panel shows it all).
TOOLTIP_CHARS = 600

#: Node kind by class, in order of precedence (a paragraph is also an ELI
#: subdivision; an instrument is also an authority entry).
KIND_CLASSES: tuple[tuple[str, str], ...] = (
    ("resolution", "dckg:Resolution"),
    ("paragraph", "dckg:Paragraph"),
    ("body", "dckg:Body"),
    ("instrument", "dckg:Instrument"),
    ("initiative", "dckg:Initiative"),
    ("actor", "dckg:ActorGroup"),
    ("topic", "dckg:Topic"),
    ("document", "dckg:CitedDocument"),
)
#: Paragraph classes, for the words "operative paragraph" in tooltips.
PARAGRAPH_CLASSES: dict[str, str] = {
    "PreambularParagraph": "preambular paragraph",
    "OperativeParagraph": "operative paragraph",
    "Subparagraph": "subparagraph",
}

#: What is asked of each node, one simple pattern each, in one UNION per chunk
#: of nodes (one big query with OPTIONALs was ten times slower on the on-disk
#: store; a query per pattern, twice as slow as the UNION).
_FIELDS: tuple[tuple[str, str], ...] = (
    ("cls", "?n a ?v"),
    ("symbol", "?n dckg:symbol ?v"),
    ("id", "?n dckg:authorityId ?v"),
    ("pref", "?n skos:prefLabel ?v"),
    ("notation", "?n skos:notation ?v"),
    ("title", "?n dct:title ?v"),
    ("date", "?n eli:date_document ?v"),
)
_TEXTS = "SELECT ?n ?text ?lead WHERE { %s ?n dckg:text ?text OPTIONAL { ?n dckg:lead ?lead } }"


def _short_symbol(symbol: str) -> str:
    """``A/RES/63/197`` -> ``63/197``; other symbols as they are."""
    return symbol[len("A/RES/") :] if symbol.startswith("A/RES/") else symbol


def _tail(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def _node_info(kind: str, row: Mapping[str, str | None], iri: str) -> dict[str, Any]:
    symbol, ident, pref = row.get("symbol"), row.get("id"), row.get("pref")
    if kind == "resolution" or kind == "document":
        label = symbol or _tail(iri)
        lines = [label, row.get("title") or "", f"adopted {row['date']}" if row.get("date") else ""]
        return {
            "label": label,
            "symbol": symbol,
            "heading": label,
            "doc_title": row.get("title"),
            "lines": [x for x in lines if x],
        }
    if kind == "topic":
        label = row.get("notation") or _tail(iri)
        return {
            "label": label,
            "heading": f"{label}: {pref}" if pref else label,
            "lines": [f"topic: {pref or label}"],
        }
    if kind in ("body", "instrument", "initiative", "actor"):
        label = ident or _tail(iri)
        what = KIND_NAMES[kind][0]
        return {
            "label": label,
            "heading": f"{label}: {pref}" if pref else label,
            "lines": [f"{pref or label} ({what})"],
        }
    return {"label": _tail(iri), "heading": iri, "lines": [iri]}


def _sort_key(row: tuple[object, ...]) -> tuple[str, ...]:
    return tuple(getattr(t, "value", "") for t in row)


def _field_rows(engine: Engine, nodes: Collection[str]) -> list[list[tuple[Term | None, ...]]]:
    """The (node, value) rows of each of :data:`_FIELDS`: one query per chunk of nodes."""
    union = " UNION ".join(f"{{ {p} BIND({i} AS ?f) }}" for i, (_, p) in enumerate(_FIELDS))
    rows: list[list[tuple[Term | None, ...]]] = [[] for _ in _FIELDS]
    for chunk in chunks(nodes):
        query = f"SELECT ?f ?n ?v WHERE {{ {values('n', chunk)} {union} }}"
        for f, n, v in run(engine, query).rows:
            if isinstance(f, Literal):
                rows[int(f.value)].append((n, v))
    return rows


def describe(
    engine: Engine, g: nx.MultiDiGraph, minter: Minter, nodes: Collection[str] | None = None
) -> None:
    """Set ``kind``, ``label``, ``heading`` and tooltip ``lines`` on the nodes of ``g``.

    ``nodes`` limits the work (default: every node).  Paragraphs are named
    from their IRI (:meth:`Minter.locate`) and the printed symbol of their
    resolution: ``63/197 op40``.  Lines a node already has in ``extra`` (what
    a query said of it) are kept after the description.
    """
    todo = set(g) if nodes is None else set(nodes) & set(g)
    kind_of = {c.split(":", 1)[1]: k for k, c in KIND_CLASSES}
    rank = {k: i for i, (k, _) in enumerate(KIND_CLASSES)}
    located = {n: minter.locate(n) for n in todo}
    wanted = todo | {str(minter.resolution(s)) for s, pid in located.values() if s and pid}
    found: dict[str, dict[str, str | None]] = {}
    kinds: dict[str, str] = {}
    sub: dict[str, str] = {}
    for name, rows in zip((name for name, _ in _FIELDS), _field_rows(engine, wanted), strict=True):
        for n_term, v_term in sorted(rows, key=_sort_key):
            if not isinstance(n_term, NamedNode) or not isinstance(v_term, (NamedNode, Literal)):
                continue
            n, v = n_term.value, v_term.value
            if name == "cls":
                cls = v.rsplit("#", 1)[-1] if v.startswith(DCKG_IRI) else ""
                if cls in PARAGRAPH_CLASSES:
                    sub[n], cls = PARAGRAPH_CLASSES[cls], "Paragraph"
                kind = kind_of.get(cls, "other")
                if n not in kinds or rank.get(kind, 99) < rank.get(kinds[n], 99):
                    kinds[n] = kind
            elif (
                name == "pref"
                and isinstance(v_term, Literal)
                and v_term.language not in (None, "en")
            ):
                continue
            else:
                found.setdefault(n, {}).setdefault(name, v)
    symbols = {
        n: r["symbol"] for n, r in found.items() if kinds.get(n) == "resolution" and r.get("symbol")
    }
    for n in sorted(todo):
        kind = kinds.get(n, "other")
        if kind == "paragraph":
            loc_symbol, pid = located[n]
            symbol = symbols.get(str(minter.resolution(loc_symbol))) if loc_symbol else None
            symbol = symbol or loc_symbol or "?"
            what = sub.get(n, "paragraph")
            info: dict[str, Any] = {
                "label": f"{_short_symbol(symbol)} {pid}",
                "symbol": symbol,
                "pid": pid,
                "heading": f"{symbol} {pid}",
                "lines": [f"{symbol} {pid} ({what})"],
                "what": what,
            }
        else:
            info = _node_info(kind, found.get(n, {}), n)
        data = g.nodes[n]
        info["lines"] = [*info["lines"], *data.get("extra", [])]
        data.update(kind=kind, **info)


def add_texts(engine: Engine, g: nx.MultiDiGraph) -> None:
    """Fetch the text (and lead) of the paragraphs in ``g``; tooltips get a shortened copy."""
    paragraphs = [
        n for n, k in g.nodes(data="kind") if k == "paragraph" and not g.nodes[n].get("text")
    ]
    for chunk in chunks(paragraphs):
        for row in run(engine, _TEXTS % values("n", chunk)).values():
            node = g.nodes[row["n"]]
            node["text"] = row["text"] or ""
            node["lead"] = row.get("lead")
    for _, data in g.nodes(data=True):
        text = data.get("text")
        if text:
            short = text if len(text) <= TOOLTIP_CHARS else text[: TOOLTIP_CHARS - 1] + "\u2026"
            data["lines"] = [*data.get("lines", []), short]
