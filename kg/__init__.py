"""drug-control-kg: a knowledge graph of international drug-control law.

The public API is small; each name is one stage of the pipeline:

>>> import kg
>>> doc = kg.read(kg.sample_paths()[0])
>>> doc.meta.symbol
'A/RES/61/183'

``kg.build(paths, out)`` runs the whole pipeline into a folder; ``kg.ask``
answers a plain question over a build; ``kg.align`` aligns the paragraphs of
two resolutions; the ``*_view`` functions select graphs for ``kg.render_html``.
"""

from __future__ import annotations

__version__ = "0.1.0"  # before the imports below: kg.build and kg.viz_html read it


from importlib import import_module
from typing import Any

from kg.errors import KGError, ReadError
from kg.model import Citation, Directive, Document, Footnote, Mention, Paragraph, TopicHit
from kg.read import read_path as read
from kg.sample import sample_paths

#: The heavier names, imported on first use so that ``dckg --help`` and
#: ``kg.read`` do not load rdflib, pyshacl, networkx and pyvis.
_LAZY: dict[str, str] = {
    "body_comention_graph": "kg.analyze",
    "analyze": "kg.analyze_report",
    "ask": "kg.ask",
    "build": "kg.build",
    "annotate": "kg.extract",
    "align": "kg.lineage",
    "OxigraphEngine": "kg.query",
    "load_named_queries": "kg.query",
    "open_store": "kg.query",
    "render": "kg.query",
    "TermContext": "kg.query_params",
    "bind_parameters": "kg.query_params",
    "focus_view": "kg.viz",
    "graph_view": "kg.viz",
    "render_html": "kg.viz",
    "resolution_view": "kg.viz",
    "topic_view": "kg.viz",
    "whole_view": "kg.viz",
    "write_overview": "kg.viz",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


__all__ = [
    "Citation",
    "Directive",
    "Document",
    "Footnote",
    "KGError",
    "Mention",
    "OxigraphEngine",
    "Paragraph",
    "ReadError",
    "TermContext",
    "TopicHit",
    "__version__",
    "align",
    "analyze",
    "annotate",
    "ask",
    "bind_parameters",
    "body_comention_graph",
    "build",
    "focus_view",
    "graph_view",
    "load_named_queries",
    "open_store",
    "read",
    "render",
    "render_html",
    "resolution_view",
    "sample_paths",
    "topic_view",
    "whole_view",
    "write_overview",
]
