"""Every IRI namespace and vocabulary term the code uses, in one module.

The project's own vocabulary :data:`DCKG` is an rdflib ``ClosedNamespace``:
asking for a term that is not listed in :data:`DCKG_TERMS` raises
``AttributeError``, and a test checks that :data:`DCKG_TERMS` is exactly the
set of classes and properties declared in ``ontology/dckg.ttl``.  External
vocabularies are closed too where we pick a few terms (ELI, Web Annotation,
LegalRuleML); rdflib's own ``DefinedNamespace`` objects (ORG, PROV, SKOS...)
already refuse unknown terms.

>>> DCKG.Directive
rdflib.term.URIRef('https://w3id.org/dckg/ontology#Directive')
>>> DCKG.Direktive
Traceback (most recent call last):
...
AttributeError: "term 'Direktive' not in namespace 'https://w3id.org/dckg/ontology#'"
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    VOID,
    ClosedNamespace,
)

__all__ = [
    "DCAT",
    "DCKG",
    "DCKGSH",
    "DCKG_IRI",
    "DCKG_TERMS",
    "DCTERMS",
    "DEFAULT_BASE",
    "ELI",
    "FOAF",
    "LRMLMM",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SKOS",
    "UNBIS",
    "UNDOCS",
    "VOID",
    "WD",
    "XSD",
]

DCKG_IRI = "https://w3id.org/dckg/ontology#"
DEFAULT_BASE = "https://w3id.org/dckg/"

#: The classes and properties of the dckg ontology (ontology/dckg.ttl).
DCKG_TERMS: tuple[str, ...] = (
    # classes
    "ActorGroup",
    "AuthorityEntry",
    "Body",
    "Build",
    "Citation",
    "CitedDocument",
    "Directive",
    "Footnote",
    "Initiative",
    "Instrument",
    "Mention",
    "OperativeParagraph",
    "Paragraph",
    "ParagraphDerivation",
    "PreambularParagraph",
    "Resolution",
    "ResolutionText",
    "Section",
    "SourceFile",
    "Subparagraph",
    "Topic",
    # object properties
    "addressee",
    "anchoredIn",
    "citedResource",
    "concerns",
    "derivedFrom",
    "evidence",
    "hasText",
    "inFootnote",
    "inParagraph",
    "inSection",
    "issuingBody",
    "mentions",
    "qualifiedDerivation",
    "repeatedIn",
    "adoptedIn",
    # datatype properties
    "action",
    "agendaItem",
    "authorityId",
    "citationKind",
    "committee",
    "committeeReport",
    "derivationClass",
    "draft",
    "fileName",
    "knownVerb",
    "lead",
    "lemma",
    "marker",
    "meeting",
    "meetingRecord",
    "mentionType",
    "mentionVia",
    "numberValue",
    "offset",
    "operativePosition",
    "order",
    "printedLabel",
    "readerWarning",
    "resolved",
    "score",
    "session",
    "sha256",
    "sourceFormat",
    "strength",
    "symbol",
    "targetSymbol",
    "text",
    "textLength",
    "toolVersion",
    "treatySeries",
    "verb",
)

DCKG = ClosedNamespace(DCKG_IRI, list(DCKG_TERMS))

#: XML Schema datatypes (closed here: rdflib's XSD only warns on unknown terms).
XSD = ClosedNamespace(
    "http://www.w3.org/2001/XMLSchema#",
    ["boolean", "date", "dateTime", "decimal", "integer", "string"],
)

#: W3C DCAT (closed here: rdflib's DCAT only warns on unknown terms).
DCAT = ClosedNamespace(
    "http://www.w3.org/ns/dcat#",
    [
        "DataService",
        "Dataset",
        "Distribution",
        "accessURL",
        "distribution",
        "downloadURL",
        "endpointURL",
        "keyword",
        "mediaType",
        "servesDataset",
    ],
)

#: European Legislation Identifier ontology (the terms we use).
ELI = ClosedNamespace(
    "http://data.europa.eu/eli/ontology#",
    [
        "LegalResource",
        "LegalResourceSubdivision",
        "amends",
        "cites",
        "date_document",
        "has_part",
        "is_about",
        "is_part_of",
        "number",
        "passed_by",
        "title",
    ],
)

#: W3C Web Annotation vocabulary (the terms we use for evidence spans).
OA = ClosedNamespace(
    "http://www.w3.org/ns/oa#",
    [
        "SpecificResource",
        "TextPositionSelector",
        "TextQuoteSelector",
        "end",
        "exact",
        "hasSelector",
        "hasSource",
        "start",
    ],
)

#: LegalRuleML metamodel (OASIS LegalRuleML Core 1.0), used for alignment only.
LRMLMM = ClosedNamespace(
    "http://docs.oasis-open.org/legalruleml/ns/v1.0/metamodel#",
    ["DeonticSpecification", "Obligation"],
)

#: Names of the SHACL shapes in shapes/*.ttl (open: shapes are data).
DCKGSH = Namespace("https://w3id.org/dckg/shapes#")

#: Wikidata entities (owl:sameAs targets from the authority data).
WD = Namespace("http://www.wikidata.org/entity/")
#: The UN document system: every symbol resolves under it.
UNDOCS = Namespace("https://undocs.org/")
#: UNBIS Thesaurus concepts (subjects of resolutions).
UNBIS = Namespace("http://metadata.un.org/thesaurus/")

#: Prefixes written in Turtle exports, in this order.
PREFIXES: dict[str, str] = {
    "dckg": DCKG_IRI,
    "eli": str(ELI),
    "org": str(ORG),
    "skos": str(SKOS),
    "prov": str(PROV),
    "oa": str(OA),
    "dct": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "foaf": str(FOAF),
    "void": str(VOID),
    "dcat": str(DCAT),
    "sh": str(SH),
    "lrmlmm": str(LRMLMM),
    "wd": str(WD),
}
