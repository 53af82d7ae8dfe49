"""The reference graphs: the authority data and the topic scheme.

Each is its own graph (named graphs ``graph/authority`` and ``graph/topics``
in the store), built from the project's data files:

* :func:`authority_triples` from ``kg/data/authority.jsonl`` (through
  :func:`kg.extract.authority.load_authority`): one node per entry, typed with
  its class *and* ``dckg:AuthorityEntry`` (so that shapes check membership
  with ``sh:class``), labels, ``owl:sameAs`` Wikidata, the Treaty Series
  reference, and the relations between entries;
* :func:`topic_triples` from ``kg/data/topics.jsonl``: a SKOS concept scheme.

>>> from kg.extract.authority import load_authority
>>> triples = authority_triples(load_authority().entries, Minter())
>>> incb = Minter().entity("INCB", "body")
>>> sorted(str(o) for s, p, o in triples if s == incb and p == OWL.sameAs)
['http://www.wikidata.org/entity/Q667217']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rdflib import Literal, URIRef

from kg.extract.authority import Entry
from kg.rdf.iris import Minter
from kg.rdf.mapping import Triple
from kg.rdf.namespaces import (
    DCKG,
    DCTERMS,
    ELI,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    WD,
)

__all__ = ["TYPE_CLASSES", "authority_triples", "topic_triples"]

#: Authority entry type -> (class, the class it specialises in a standard vocabulary).
TYPE_CLASSES: dict[str, tuple[URIRef, URIRef | None]] = {
    "body": (DCKG.Body, ORG.Organization),
    "instrument": (DCKG.Instrument, ELI.LegalResource),
    "initiative": (DCKG.Initiative, None),
    "actor": (DCKG.ActorGroup, PROV.Agent),
}

#: Relation field of an entry -> property (bodies use W3C ORG for part_of).
RELATION_PROPERTIES: dict[str, URIRef] = {
    "predecessor": DCTERMS.replaces,
    "successor": DCTERMS.isReplacedBy,
    "amends": ELI.amends,
    "members": DCTERMS.hasPart,
}


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def authority_triples(entries: Iterable[Entry], minter: Minter) -> list[Triple]:
    """The authority graph."""
    entries = list(entries)
    types = {e.id: e.type for e in entries}
    out: list[Triple] = []
    for e in entries:
        node = minter.entity(e.id, e.type)
        cls, standard = TYPE_CLASSES[e.type]
        out += [
            (node, RDF.type, cls),
            (node, RDF.type, DCKG.AuthorityEntry),
            (node, DCKG.authorityId, Literal(e.id)),
            (node, SKOS.prefLabel, _en(e.label)),
        ]
        if standard is not None:
            out.append((node, RDF.type, standard))
        names = [*e.aliases, *e.acronyms]
        out += [(node, SKOS.altLabel, _en(n)) for n in sorted(set(names) - {e.label})]
        out += [(node, SKOS.hiddenLabel, _en(n)) for n in sorted(set(e.short_forms))]
        if e.scope:
            out.append((node, SKOS.scopeNote, _en(e.scope)))
        if e.links.wikidata:
            out.append((node, OWL.sameAs, WD[e.links.wikidata]))
        if e.links.unts_number is not None:
            vol = e.links.unts_volume
            ref = f"vol. {vol}, No. {e.links.unts_number}" if vol else f"No. {e.links.unts_number}"
            out.append((node, DCKG.treatySeries, Literal(ref)))
        for rel, target in e.relations():
            other = minter.entity(target, types.get(target))
            if rel == "part_of":
                prop = ORG.subOrganizationOf if e.type == "body" else ELI.is_part_of
            elif rel == "amended_via":
                prop = PROV.wasDerivedFrom
            else:
                prop = RELATION_PROPERTIES[rel]
            out.append((node, prop, other))
        for symbol in e.adopted_by:
            out.append((node, DCKG.adoptedIn, minter.resolution(symbol)))
    return out


def _strings(record: Mapping[str, Any], key: str) -> Sequence[str]:
    value = record.get(key) or []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def topic_triples(records: Iterable[Mapping[str, Any]], minter: Minter) -> list[Triple]:
    """The topic scheme: a ``skos:ConceptScheme`` and one ``dckg:Topic`` per record.

    Records are those of ``kg/data/topics.jsonl`` (``id``, ``prefLabel``,
    ``altLabels``, ``definition``, ``broader``, ``unbis``).
    """
    scheme = minter.topic_scheme()
    out: list[Triple] = [
        (scheme, RDF.type, SKOS.ConceptScheme),
        (scheme, SKOS.prefLabel, _en("drug-control-kg topics")),
        (
            scheme,
            RDFS.comment,
            _en("Topics of international drug-control law (kg/data/topics.jsonl)."),
        ),
    ]
    for rec in records:
        node = minter.topic(str(rec["id"]))
        out += [
            (node, RDF.type, DCKG.Topic),
            (node, RDF.type, SKOS.Concept),
            (node, SKOS.inScheme, scheme),
            (node, SKOS.notation, Literal(str(rec["id"]))),
            (node, SKOS.prefLabel, _en(str(rec.get("prefLabel") or rec["id"]))),
        ]
        out += [(node, SKOS.altLabel, _en(a)) for a in _strings(rec, "altLabels")]
        if rec.get("definition"):
            out.append((node, SKOS.definition, _en(str(rec["definition"]))))
        broader = _strings(rec, "broader")
        for b in broader:
            out += [(node, SKOS.broader, minter.topic(b)), (minter.topic(b), SKOS.narrower, node)]
        if not broader:
            out += [(node, SKOS.topConceptOf, scheme), (scheme, SKOS.hasTopConcept, node)]
        out += [(node, SKOS.closeMatch, URIRef(iri)) for iri in _strings(rec, "unbis")]
    return out
