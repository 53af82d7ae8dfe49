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

from kg.analyze import body_comention_graph
from kg.analyze_report import analyze
from kg.ask import ask
from kg.build import build
from kg.errors import KGError, ReadError
from kg.extract import annotate
from kg.lineage import align
from kg.model import (
    Citation,
    Directive,
    Document,
    Footnote,
    Mention,
    Paragraph,
    TopicHit,
)
from kg.query import OxigraphEngine, load_named_queries, open_store, render
from kg.query_params import TermContext, bind_parameters
from kg.read import read_path as read
from kg.sample import sample_paths
from kg.viz import (
    focus_view,
    graph_view,
    render_html,
    resolution_view,
    topic_view,
    whole_view,
    write_overview,
)

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
