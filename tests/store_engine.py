"""The built store read the way ``dckg serve`` reads it: a test-side engine.

Shared by tests/test_serve.py and tests/test_remote.py, which compare what the
server (or a remote endpoint) answers with what the store itself answers.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.query import Results
from kg.rdf.namespaces import PREFIXES
from kg.serve_pool import union_default


@dataclass
class StoreEngine:
    """The built store as one graph (its default graph; the union for older stores)."""

    store: ox.Store
    name: str = "store"

    def run(self, query: str) -> Results:
        answer = self.store.query(
            query, prefixes=dict(PREFIXES), use_default_graph_as_union=union_default(self.store)
        )
        if isinstance(answer, ox.QueryBoolean):
            return Results((), (), bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = tuple(v.value for v in answer.variables)
            return Results(names, tuple(tuple(s[n] for n in names) for s in answer))
        rows = tuple((t.subject, t.predicate, t.object) for t in answer)
        return Results(("subject", "predicate", "object"), rows)
