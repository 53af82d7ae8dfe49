"""Lineage in the build: ``dckg:derivedFrom`` links between series members.

``dckg build`` reads its input again here (reading is cheap), finds the
consecutive members of each title series with :func:`kg.lineage.series_pairs`,
aligns each pair with :func:`kg.lineage.align` and turns every link that has
both sides (verbatim, modified, split, merged) into
:func:`kg.rdf.mapping.derivation_triples`.  New and dropped paragraphs have no
link.  Files that fail to read were already reported by the document stage
and are skipped here.

>>> from kg.rdf.iris import Minter
>>> from kg.sample import sample_paths
>>> triples = lineage_triples(sample_paths(), Minter())
>>> any(str(s).endswith("A/RES/63/197/op/40") and str(o).endswith("A/RES/61/183/op/31")
...     for s, p, o in triples)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kg.errors import KGError
from kg.lineage import align, series_pairs
from kg.model import Document
from kg.rdf.iris import Minter
from kg.rdf.mapping import Triple, derivation_triples
from kg.read import read_path


def _read_all(files: Sequence[Path]) -> list[Document]:
    docs = []
    for path in files:
        try:
            docs.append(read_path(path))
        except KGError:
            continue
    return docs


def lineage_triples(files: Sequence[Path], minter: Minter) -> list[Triple]:
    """The derivation triples of every consecutive series pair among ``files``."""
    triples: list[Triple] = []
    for old, new in series_pairs(_read_all(files)):
        lineage = align(old, new)
        index: dict[str, int] = {}
        for link in lineage.links:
            if not link.old or not link.new:
                continue
            for new_id in link.new:
                for old_id in link.old:
                    index[new_id] = index.get(new_id, 0) + 1
                    triples.extend(
                        derivation_triples(
                            minter,
                            (new.meta.symbol, new_id),
                            (old.meta.symbol, old_id),
                            link.kind,
                            link.score,
                            index[new_id],
                        )
                    )
    return triples
