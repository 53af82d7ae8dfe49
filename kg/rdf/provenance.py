"""The build activity: one ``prov:Activity`` per ``dckg build``.

It names the tool version and every input file by its SHA-256 digest, and
says which resolution texts it generated.  Its IRI is a digest of the tool
version and the input digests, so identical input gives identical triples;
no wall-clock time is written unless one is passed (``ended``, e.g. from
``SOURCE_DATE_EPOCH``).

>>> m = Minter()
>>> t = build_triples(m, "0.1.0", [Source("ab" * 32, "x.txt", "flat", "A/RES/1/1")])
>>> str(t[0][0])
'https://w3id.org/dckg/build/030e29fc53ae0f33'
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Literal

from kg.rdf.iris import Minter
from kg.rdf.mapping import Triple
from kg.rdf.namespaces import DCKG, PROV, RDF, RDFS, XSD

__all__ = ["Source", "build_digest", "build_triples"]


@dataclass(frozen=True, order=True)
class Source:
    """One input file of a build."""

    sha256: str
    file_name: str
    format: str
    symbol: str


def build_digest(version: str, sources: Sequence[Source]) -> str:
    """16 hex digits naming a build: the tool version and the sorted input digests."""
    text = "\n".join([version, *sorted(s.sha256 for s in sources)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build_triples(
    minter: Minter, version: str, sources: Sequence[Source], ended: str | None = None
) -> list[Triple]:
    """The build activity, its software agent, and what it used and generated."""
    build = minter.build(build_digest(version, sources))
    agent = minter.software(version)
    out: list[Triple] = [
        (build, RDF.type, DCKG.Build),
        (build, RDF.type, PROV.Activity),
        (build, RDFS.label, Literal(f"dckg build of {len(sources)} file(s)")),
        (build, DCKG.toolVersion, Literal(version)),
        (build, PROV.wasAssociatedWith, agent),
        (agent, RDF.type, PROV.SoftwareAgent),
        (agent, RDFS.label, Literal(f"drug-control-kg {version}")),
    ]
    if ended:
        out.append((build, PROV.endedAtTime, Literal(ended, datatype=XSD.dateTime)))
    for s in sorted(set(sources)):  # the files are described with their resolutions
        out.append((build, PROV.used, minter.source(s.sha256)))
        text = minter.text(s.symbol)
        out.append((build, PROV.generated, text))
        out.append((text, PROV.wasGeneratedBy, build))
    return out
