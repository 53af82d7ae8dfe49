"""Where the ontology, the JSON-LD context and the shapes live.

They are kept at the top of the repository (``ontology/``, ``shapes/``), next
to the ``kg`` package; the package is installed in editable mode
(``pip install -e .``), so they are found from this file's location.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CONTEXT_FILE", "ONTOLOGY_DIR", "ONTOLOGY_FILE", "ROOT", "SHAPES_DIR"]

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "dckg.ttl"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"
SHAPES_DIR = ROOT / "shapes"
