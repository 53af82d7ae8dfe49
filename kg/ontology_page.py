"""A human-readable HTML page of the ontology (``out/ontology/index.html``).

One self-contained page with inline CSS, written with rdflib: the ontology's
metadata, a table of contents, then every class, object property and
datatype property with its label, definition, comments, superclasses or
superproperties, domain and range, and alignments to other vocabularies
(``skos:closeMatch``, ``skos:relatedMatch``, ``rdfs:seeAlso``).

>>> page = ontology_html()
>>> "<h2 id=\\"classes\\">Classes</h2>" in page and 'id="Directive"' in page
True
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.rdf.namespaces import DCKG_IRI, DCTERMS, OWL, PREFIXES, RDF, RDFS, SKOS
from kg.rdf.paths import ONTOLOGY_FILE

__all__ = ["SECTIONS", "ontology_html"]

#: (anchor, heading, OWL type) of the page's sections, in order.
SECTIONS: tuple[tuple[str, str, URIRef], ...] = (
    ("classes", "Classes", OWL.Class),
    ("object-properties", "Object properties", OWL.ObjectProperty),
    ("datatype-properties", "Datatype properties", OWL.DatatypeProperty),
)

#: (predicate, label) rows shown under each term, in order.
ROWS: tuple[tuple[URIRef, str], ...] = (
    (RDFS.subClassOf, "Subclass of"),
    (RDFS.subPropertyOf, "Subproperty of"),
    (RDFS.domain, "Domain"),
    (RDFS.range, "Range"),
    (SKOS.closeMatch, "Close match"),
    (SKOS.relatedMatch, "Related match"),
    (RDFS.seeAlso, "See also"),
    (RDFS.comment, "Note"),
)

CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1b1b1b}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #0a5a8a;padding-bottom:.2rem;margin-top:2.5rem}
code{background:#f2f4f7;padding:0 .25rem;border-radius:3px}
.term{border:1px solid #d7dde4;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
.term h3{margin:.2rem 0}.iri{color:#555;font-size:.85rem}
dl{display:grid;grid-template-columns:10rem 1fr;gap:.2rem 1rem;margin:.5rem 0}
dt{font-weight:600;color:#0a5a8a}dd{margin:0}
nav ul{columns:3;list-style:none;padding:0}a{color:#0a5a8a}
"""


def _curie(node: Node) -> str:
    text = str(node)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and text != ns:
            return f"{prefix}:{text[len(ns) :]}"
    return text


def _link(node: Node) -> str:
    text = str(node)
    if text.startswith(DCKG_IRI):
        local = text[len(DCKG_IRI) :]
        return f'<a href="#{escape(local)}"><code>dckg:{escape(local)}</code></a>'
    if isinstance(node, URIRef):
        return f'<a href="{escape(text)}"><code>{escape(_curie(node))}</code></a>'
    return escape(text)


def _term(g: Graph, term: URIRef) -> str:
    local = str(term)[len(DCKG_IRI) :]
    label = g.value(term, RDFS.label) or local
    definition = g.value(term, SKOS.definition) or ""
    parts = [
        f'<section class="term" id="{escape(local)}">',
        f"<h3>{escape(str(label))}</h3>",
        f'<div class="iri"><code>dckg:{escape(local)}</code> — {escape(str(term))}</div>',
        f"<p>{escape(str(definition))}</p>",
    ]
    rows = []
    for pred, name in ROWS:
        values = sorted(g.objects(term, pred), key=str)
        if values:
            rows.append(f"<dt>{name}</dt><dd>{', '.join(_link(v) for v in values)}</dd>")
    inverse = sorted(g.subjects(RDFS.subClassOf, term), key=str)
    if inverse:
        rows.append(f"<dt>Subclasses</dt><dd>{', '.join(_link(v) for v in inverse)}</dd>")
    if rows:
        parts.append("<dl>" + "".join(rows) + "</dl>")
    parts.append("</section>")
    return "\n".join(parts)


def ontology_html(path: Path = ONTOLOGY_FILE) -> str:
    """The page for the ontology in ``path``."""
    g = Graph().parse(path, format="turtle")
    onto = next(iter(g.subjects(RDF.type, OWL.Ontology)))
    title = str(g.value(onto, DCTERMS.title) or g.value(onto, RDFS.label) or "Ontology")
    version = str(g.value(onto, OWL.versionInfo))
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<div class="iri">{escape(str(onto))} — version {escape(version)}'
        f" — namespace <code>{escape(DCKG_IRI)}</code> (prefix <code>dckg:</code>)</div>",
        f"<p>{escape(str(g.value(onto, SKOS.definition) or ''))}</p>",
        f"<p>{escape(str(g.value(onto, DCTERMS.description) or ''))}</p>",
        "<nav><ul>",
    ]
    sections = []
    for anchor, heading, owl_type in SECTIONS:
        terms = sorted(
            (t for t in set(g.subjects(RDF.type, owl_type)) if str(t).startswith(DCKG_IRI)),
            key=lambda t: str(t).lower(),
        )
        assert all(isinstance(t, URIRef) for t in terms)
        body.append(f'<li><a href="#{anchor}">{heading}</a> ({len(terms)})</li>')
        sections.append(f'<h2 id="{anchor}">{heading}</h2>')
        sections += [_term(g, t) for t in terms if isinstance(t, URIRef)]
    body.append('<li><a href="#namespaces">Namespaces</a></li></ul></nav>')
    sections.append('<h2 id="namespaces">Namespaces</h2><dl>')
    sections += [
        f"<dt>{escape(p)}:</dt><dd><code>{escape(ns)}</code></dd>" for p, ns in PREFIXES.items()
    ]
    sections.append("</dl>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(body + sections)
        + "\n</body></html>\n"
    )
