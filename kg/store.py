"""The embedded store: an on-disk Oxigraph store in ``out/store``.

:func:`write_store` bulk-loads N-Triples files into a new store folder: the
resolutions' triples in the default graph, and each reference graph in a
named graph of its own (``<base>graph/authority``, ``graph/topics``,
``graph/build``, ``graph/ontology``, ``graph/void``).  Every triple is in
exactly one graph, so querying with the default graph as the union of all
graphs (:func:`query` does; so does ``oxigraph serve-read-only --location
out/store --union-default-graph``) sees ``kg.nt`` plus the ontology and the
VoID description, each triple once; ``GRAPH <...graph/authority> { ... }``
asks one graph.  ``dckg build`` writes the store inside its temporary
output folder and renames the whole folder into place, so a reader never
sees a half-built store.

From rdflib: load ``out/kg.ttl`` (or ``kg.nt``, faster) into an
``rdflib.Graph``, or call :func:`to_rdflib`, which dumps the store as N-Quads
into an ``rdflib.Dataset``.  The ``oxrdflib`` plugin (not a dependency) also
opens the store as ``Graph(store="Oxigraph")``; never give such a graph to
pyshacl (slow and wrong, see the project's stack measurements).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> nt = folder / "data.nt"
>>> _ = nt.write_text('<http://ex.org/a> <http://ex.org/p> "x" .\\n')
>>> g = folder / "g.nt"
>>> _ = g.write_text('<http://ex.org/a> <http://ex.org/p> "y" .\\n')
>>> write_store(folder / "store", nt, {"http://ex.org/graph/g": g})
>>> store = open_store(folder / "store")
>>> sorted(row["o"].value for row in query(store, "SELECT ?o { ?s ?p ?o }"))
['x', 'y']
>>> q = "SELECT ?g { GRAPH ?g { ?s ?p ?o } }"
>>> [row["g"].value for row in query(store, q)]
['http://ex.org/graph/g']
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from itertools import islice
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import KGError

__all__ = ["BLOCK", "open_store", "query", "to_rdflib", "write_store"]

#: N-Triples lines per bulk load: peak memory ~0.3 GB instead of ~1.6 GB for the
#: whole AKN corpus in one call, at the same speed (see BENCHMARKS.md, Build).
BLOCK = 250_000


def write_store(folder: Path, default: Path, named: Mapping[str, Path]) -> None:
    """Create a new store in ``folder`` (which must not exist) from N-Triples files.

    ``default`` goes to the default graph; ``named`` maps named-graph IRIs
    to the N-Triples files of their triples.
    """
    if folder.exists():
        raise KGError("store folder already exists", path=str(folder))
    store = ox.Store(str(folder))
    with default.open("rb") as f:  # in blocks: one bulk load of 3M triples peaks at 1.6 GB
        while block := b"".join(islice(f, BLOCK)):
            store.bulk_load(block, format=ox.RdfFormat.N_TRIPLES)
    for name, path in sorted(named.items()):
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    store.flush()
    del store


def open_store(folder: Path, read_only: bool = True) -> ox.Store:
    """Open a store written by :func:`write_store`."""
    if not (folder / "CURRENT").exists():
        raise KGError("not an Oxigraph store (run dckg build first)", path=str(folder))
    try:
        return ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))
    except OSError as exc:
        raise KGError(f"cannot open the store: {exc}", path=str(folder)) from None


def query(store: ox.Store, sparql: str) -> Any:
    """Run SPARQL with the default graph as the union of all the graphs."""
    return store.query(sparql, use_default_graph_as_union=True)


def to_rdflib(folder: Path) -> Dataset:
    """The whole store as an rdflib ``Dataset`` (default graph and named graphs)."""
    data = open_store(folder).dump(format=ox.RdfFormat.N_QUADS)
    ds = Dataset()
    with warnings.catch_warnings():  # rdflib's N-Quads parser uses its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=data, format="nquads")
    return ds
