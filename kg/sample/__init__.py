"""The bundled sample corpus: A/RES/61/183 (PDF text) and A/RES/63/197 (flat text).

>>> [p.name for p in sample_paths()]
['A_RES_61_183.txt', 'A_RES_63_197.txt']
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def sample_paths() -> list[Path]:
    """Paths of the bundled sample resolutions, in a stable order."""
    root = resources.files(__name__)
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".txt"))
