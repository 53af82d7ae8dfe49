"""The HTML page of the ontology names and defines every class and property."""

from __future__ import annotations

import re
from html import unescape

from rdflib import Graph

from kg.ontology_page import ontology_html
from kg.rdf.namespaces import DCKG_IRI, DCKG_TERMS, RDFS, SKOS
from kg.rdf.paths import ONTOLOGY_FILE

PAGE = ontology_html()
ONTOLOGY = Graph().parse(ONTOLOGY_FILE, format="turtle")


def test_every_term_has_a_section_with_label_and_definition() -> None:
    for term in DCKG_TERMS:
        match = re.search(rf'<section class="term" id="{term}">(.*?)</section>', PAGE, re.S)
        assert match, term
        body = unescape(match.group(1))
        node = ONTOLOGY.resource(DCKG_IRI + term)
        assert str(node.value(RDFS.label)) in body
        assert str(node.value(SKOS.definition)) in body


def test_alignments_are_shown_and_linked() -> None:
    directive = re.search(r'id="Directive">(.*?)</section>', PAGE, re.S)
    assert directive and "lrmlmm:DeonticSpecification" in directive.group(1)
    paragraph = re.search(r'id="Paragraph">(.*?)</section>', PAGE, re.S)
    assert (
        paragraph
        and 'href="http://data.europa.eu/eli/ontology#LegalResourceSubdivision"'
        in paragraph.group(1)
    )
    assert '<a href="#OperativeParagraph">' in paragraph.group(1)  # subclasses listed


def test_page_is_self_contained() -> None:
    assert PAGE.startswith("<!DOCTYPE html>") and "<style>" in PAGE
    assert "<script" not in PAGE and "stylesheet" not in PAGE
