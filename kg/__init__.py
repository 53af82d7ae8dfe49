"""drug-control-kg: a knowledge graph of international drug-control law.

The public API is small; each name is one stage of the pipeline:

>>> import kg
>>> doc = kg.read(kg.sample_paths()[0])
>>> doc.meta.symbol
'A/RES/61/183'
"""

from __future__ import annotations

from kg.errors import KGError, ReadError
from kg.model import Citation, Directive, Document, Footnote, Mention, Paragraph, TopicHit
from kg.read import read_path as read
from kg.sample import sample_paths

__version__ = "0.1.0"

__all__ = [
    "Citation",
    "Directive",
    "Document",
    "Footnote",
    "KGError",
    "Mention",
    "Paragraph",
    "ReadError",
    "TopicHit",
    "__version__",
    "read",
    "sample_paths",
]
