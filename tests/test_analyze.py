"""Graph analytics (kg.analyze, kg.analyze_report, dckg analyze) on a real build.

The sample corpus (A/RES/61/183, A/RES/63/197) is built once with
:func:`kg.build.build` into a temporary folder; every projection is then
checked against SPARQL counts written independently of the projection's own
query (the resolution of a paragraph is reached through its evidence's text
here, through ``eli:is_part_of`` there), and against facts read in the seeds.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
from pyoxigraph import Store

from kg.analyze import (
    addressee_graph,
    authority_index,
    body_comention_graph,
    citation_graph,
    instrument_cooccurrence,
    instrument_network,
    lemma_node,
    select,
)
from kg.analyze_cli import SECTION_CHOICES, analyze_command
from kg.analyze_report import (
    PAGERANK_METHOD,
    SECTIONS,
    Report,
    addressee_ranking,
    analyze,
    body_centrality,
    format_report,
    instrument_ranking,
    pagerank,
    power_iteration_pagerank,
    resolution_ranking,
)
from kg.build import build
from kg.errors import KGError
from kg.query import open_store
from kg.rdf.iris import Minter
from kg.sample import sample_paths

M = Minter()


def res(symbol: str) -> str:
    return str(M.resolution(symbol))


def para(symbol: str, pid: str) -> str:
    return str(M.paragraph(symbol, pid))


def ent(entity_id: str, entity_type: str) -> str:
    return str(M.entity(entity_id, entity_type))


# --- fixtures -------------------------------------------------------------------


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("analyze") / "out"
    build(sample_paths(), out, jobs=1)
    return out / "store"


@pytest.fixture(scope="module")
def store(store_dir: Path) -> Store:
    return open_store(store_dir)


def count(store: Store, sparql: str) -> int:
    """The single integer a ``SELECT (... AS ?n)`` returns."""
    rows = list(select(store, sparql))
    assert len(rows) == 1
    return int(rows[0]["n"].value)


# The resolution holding ?x (a paragraph, mention, citation or directive), reached through
# the text its evidence quotes: independent of the eli:is_part_of path the projections use.
RES_OF = "?x dckg:evidence/oa:hasSource ?text . ?res dckg:hasText ?text ."
# ?x cites or mentions the instrument ?i (directly, or by citing the resolution adopting it).
USES_I = (
    "{ ?x dckg:mentions ?i } UNION { ?x dckg:citedResource ?i } UNION "
    "{ ?x dckg:citedResource ?r . ?i dckg:adoptedIn ?r }"
)
USES_A = USES_I.replace("?i", "?a")
USES_B = USES_I.replace("?i", "?b").replace("?x", "?y").replace("?r", "?q")


# --- node and edge counts equal SPARQL counts -----------------------------------------

CITED = "VALUES ?cls { dckg:Resolution dckg:CitedDocument } ?t a ?cls ."

COUNTS: list[tuple[str, Callable[[Store], nx.Graph], str, str]] = [
    (
        "citations: edges are (resolution, cited resolution or document) pairs",
        citation_graph,
        "edges",
        f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?res ?t {{ ?x a dckg:Citation ; "
        f"dckg:citedResource ?t . {CITED} {RES_OF} }} }}",
    ),
    (
        "citations: weights add up to the (paragraph, target) pairs",
        citation_graph,
        "weight",
        f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?p ?t {{ ?c a dckg:Citation ; "
        f"dckg:citedResource ?t ; dckg:inParagraph ?p . {CITED} }} }}",
    ),
    (
        "citations: nodes are the citing resolutions and what they cite",
        citation_graph,
        "nodes",
        f"SELECT (COUNT(DISTINCT ?node) AS ?n) {{ ?x a dckg:Citation ; dckg:citedResource ?t . "
        f"{CITED} {RES_OF} VALUES ?side {{ 0 1 }} BIND(IF(?side = 0, ?res, ?t) AS ?node) }}",
    ),
    (
        "instruments: edges are (resolution, instrument cited or mentioned) pairs",
        instrument_network,
        "edges",
        "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?res ?i { "
        f"{USES_I} ?i a dckg:Instrument . "
        f"{RES_OF} }} }}",
    ),
    (
        "instruments: weights add up to the (paragraph, instrument) pairs",
        instrument_network,
        "weight",
        "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?p ?i { "
        f"{USES_I} "
        "?x dckg:inParagraph ?p . ?i a dckg:Instrument } }",
    ),
    (
        "instruments: nodes are resolutions and instruments that take part",
        instrument_network,
        "nodes",
        "SELECT (COUNT(DISTINCT ?node) AS ?n) { "
        f"{USES_I} ?i a dckg:Instrument . "
        f"{RES_OF} VALUES ?side {{ 0 1 }} BIND(IF(?side = 0, ?res, ?i) AS ?node) }}",
    ),
    (
        "paragraph level: one edge per (paragraph, instrument) pair",
        lambda s: instrument_network(s, level="paragraph"),
        "edges",
        "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?p ?i { "
        f"{USES_I} "
        "?x dckg:inParagraph ?p . ?i a dckg:Instrument } }",
    ),
    (
        "co-occurrence: edges are instrument pairs sharing a paragraph",
        instrument_cooccurrence,
        "edges",
        "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?a ?b { "
        f"{USES_A} ?x dckg:inParagraph ?p . "
        f"{USES_B} ?y dckg:inParagraph ?p . "
        "?a a dckg:Instrument . ?b a dckg:Instrument . FILTER(STR(?a) < STR(?b)) } }",
    ),
    (
        "co-occurrence: weights add up to (paragraph, pair) triples",
        instrument_cooccurrence,
        "weight",
        "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?p ?a ?b { "
        f"{USES_A} ?x dckg:inParagraph ?p . "
        f"{USES_B} ?y dckg:inParagraph ?p . "
        "?a a dckg:Instrument . ?b a dckg:Instrument . FILTER(STR(?a) < STR(?b)) } }",
    ),
    (
        "bodies: edges are body pairs named in one paragraph (self references aside)",
        body_comention_graph,
        "edges",
        "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?a ?b { "
        "?x dckg:mentions ?a ; dckg:inParagraph ?p . ?y dckg:mentions ?b ; dckg:inParagraph ?p . "
        "?a a dckg:Body . ?b a dckg:Body . FILTER(STR(?a) < STR(?b)) "
        'FILTER NOT EXISTS { ?x dckg:mentionVia "self" } '
        'FILTER NOT EXISTS { ?y dckg:mentionVia "self" } } }',
    ),
    (
        "bodies: weights add up to (paragraph, pair) triples",
        body_comention_graph,
        "weight",
        "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?p ?a ?b { "
        "?x dckg:mentions ?a ; dckg:inParagraph ?p . ?y dckg:mentions ?b ; dckg:inParagraph ?p . "
        "?a a dckg:Body . ?b a dckg:Body . FILTER(STR(?a) < STR(?b)) "
        'FILTER NOT EXISTS { ?x dckg:mentionVia "self" } '
        'FILTER NOT EXISTS { ?y dckg:mentionVia "self" } } }',
    ),
    (
        "bodies: nodes are the bodies mentioned",
        body_comention_graph,
        "nodes",
        "SELECT (COUNT(DISTINCT ?a) AS ?n) { ?x dckg:mentions ?a . ?a a dckg:Body "
        'FILTER NOT EXISTS { ?x dckg:mentionVia "self" } }',
    ),
    (
        "bodies with self references: more pairs",
        lambda s: body_comention_graph(s, include_self=True),
        "edges",
        "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?a ?b { "
        "?x dckg:mentions ?a ; dckg:inParagraph ?p . ?y dckg:mentions ?b ; dckg:inParagraph ?p . "
        "?a a dckg:Body . ?b a dckg:Body . FILTER(STR(?a) < STR(?b)) } }",
    ),
    (
        "addressees: edges are (addressee, lemma) pairs",
        addressee_graph,
        "edges",
        "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?who ?l { "
        "?d dckg:addressee ?who ; dckg:lemma ?l } }",
    ),
    (
        "addressees: weights add up to (directive, addressee) pairs",
        addressee_graph,
        "weight",
        "SELECT (COUNT(*) AS ?n) { ?d a dckg:Directive ; dckg:addressee ?who ; dckg:lemma ?l }",
    ),
    (
        "addressees: strengths add up over (directive, addressee) pairs",
        addressee_graph,
        "strength_sum",
        "SELECT (SUM(?s) AS ?n) { ?d dckg:addressee ?who ; dckg:lemma ?l ; dckg:strength ?s }",
    ),
    (
        "addressees: nodes are addressees and lemmas",
        addressee_graph,
        "nodes",
        "SELECT (COUNT(DISTINCT ?node) AS ?n) { ?d dckg:addressee ?who ; dckg:lemma ?l . "
        'VALUES ?side { 0 1 } BIND(IF(?side = 0, STR(?who), CONCAT("lemma:", ?l)) AS ?node) }',
    ),
    (
        "addressees without self-addressed acts: directives not addressed to their adopter",
        lambda s: addressee_graph(s, self_addressed=False),
        "weight",
        "SELECT (COUNT(*) AS ?n) { ?x a dckg:Directive ; dckg:addressee ?who ; dckg:lemma ?l . "
        f"{RES_OF} FILTER NOT EXISTS {{ ?res eli:passed_by ?who }} }}",
    ),
]


@pytest.mark.parametrize(
    ("what", "project", "measure", "sparql"), COUNTS, ids=[c[0] for c in COUNTS]
)
def test_projection_counts_equal_sparql(
    store: Store, what: str, project: Callable[[Store], nx.Graph], measure: str, sparql: str
) -> None:
    graph = project(store)
    if measure == "nodes":
        got = graph.number_of_nodes()
    elif measure == "edges":
        got = graph.number_of_edges()
    else:
        got = sum(int(d) for _, _, d in graph.edges(data=measure))
    expected = count(store, sparql)
    assert expected > 0, what
    assert got == expected, what


def test_self_references_only_add_pairs(store: Store) -> None:
    """61/183 op29: "Reaffirms its resolve to continue to strengthen the United Nations machinery
    for international drug control, in particular the Commission on Narcotic Drugs, the United
    Nations Office on Drugs and Crime and the International Narcotics Control Board": "its" is
    the General Assembly referring to itself, which ties it to the three bodies only with
    ``include_self``."""
    plain, with_self = body_comention_graph(store), body_comention_graph(store, include_self=True)
    assert set(plain.edges) <= set(with_self.edges)
    for u, v, w in plain.edges(data="weight"):
        assert with_self.edges[u, v]["weight"] >= w
    ga = ent("GA", "body")
    for body in ("CND", "UNODC", "INCB"):
        pair = (ga, ent(body, "body"))
        assert with_self.edges[pair]["weight"] == plain.edges[pair]["weight"] + 1, body


# --- facts read in the seeds ---------------------------------------------------------

# (sentence as printed, addressee, lemma, at least this many directives in the two seeds)
ADDRESSED = [
    # 61/183 op30, 63/197 op46 and 63/197 op40 ("encourages it to continue ...")
    (
        "Encourages the Commission on Narcotic Drugs, as the global coordinating body in "
        "international drug control ..., and the International Narcotics Control Board to continue "
        "their useful work on the control of precursors",
        ent("INCB", "body"),
        "encourage",
        3,
    ),
    (
        "Encourages the Commission on Narcotic Drugs, ... and the International Narcotics Control "
        "Board to continue their useful work",
        ent("CND", "body"),
        "encourage",
        2,
    ),
    # 63/197 op35
    (
        "Requests the Commission on Narcotic Drugs to forward to the General Assembly, through the "
        "Economic and Social Council, the results of the high-level segment",
        ent("CND", "body"),
        "request",
        1,
    ),
    # 61/183 op33 (a) to (l): the request is carried by each subparagraph
    (
        "Welcomes the work carried out by the United Nations Office on Drugs and Crime in "
        "implementing its mandate, and requests the Office to continue: (a) To strengthen ...",
        ent("UNODC", "body"),
        "request",
        12,
    ),
    # 61/183 op19 and 63/197 op25
    (
        "Urges all States and relevant international organizations to cooperate closely with "
        "the International Narcotics Control Board, in particular in Project Cohesion and "
        "Project Prism",
        ent("InternationalOrganizations", "actor"),
        "urge",
        2,
    ),
]


@pytest.mark.parametrize(("sentence", "who", "lemma", "at_least"), ADDRESSED)
def test_addressees_read_in_the_seeds(
    store: Store, sentence: str, who: str, lemma: str, at_least: int
) -> None:
    graph = addressee_graph(store)
    edge = graph.edges[who, lemma_node(lemma)]
    assert edge["weight"] >= at_least, sentence
    assert edge["strength_sum"] == pytest.approx(edge["strength_mean"] * edge["weight"])
    assert graph.nodes[who]["bipartite"] == 0 and graph.nodes[lemma_node(lemma)]["bipartite"] == 1


def test_requests_to_bodies_weigh_4_and_to_states_3(store: Store) -> None:
    """The strength scale: a request to a body is 4 ("requests the Office to continue")."""
    graph = addressee_graph(store)
    assert graph.edges[ent("UNODC", "body"), lemma_node("request")]["strength_mean"] == 4.0
    assert graph.edges[ent("INCB", "body"), lemma_node("encourage")]["strength_mean"] == 2.0


def test_acts_naming_nobody_go_to_the_adopter_and_can_be_left_out(store: Store) -> None:
    """ "Reaffirms that ..." / "Notes that the International Narcotics Control Board needs
    sufficient resources" (61/183 op31) name nobody: the extraction gives them to the GA."""
    ga = ent("GA", "body")
    with_self, without = addressee_graph(store), addressee_graph(store, self_addressed=False)
    assert with_self.has_edge(ga, lemma_node("note"))
    assert ga not in without
    assert (
        without.edges[ent("UNODC", "body"), lemma_node("request")]["weight"]
        == (with_self.edges[ent("UNODC", "body"), lemma_node("request")]["weight"])
    )


# (sentence, citing resolution, cited, citing paragraphs)
CITATIONS = [
    (
        "Recalling ... its resolution 60/178 of 16 December 2005 and its other previous "
        "resolutions",
        "A/RES/61/183",
        "A/RES/60/178",
        1,
    ),
    (
        "1 See resolution 55/2. (footnote to the United Nations Millennium Declaration)",
        "A/RES/61/183",
        "A/RES/55/2",
        1,
    ),
    # footnote 7 "Resolution S-20/4 E." and footnote 15 "Resolution S-20/4 B.": part letters
    # dropped, three paragraphs carry the markers
    ("7 Resolution S-20/4 E.", "A/RES/61/183", "A/RES/S-20/4", 3),
    (
        "in accordance with Economic and Social Council resolution 1996/20 of 23 July 1996",
        "A/RES/63/197",
        "E/RES/1996/20",
        1,
    ),
]


@pytest.mark.parametrize(("sentence", "citing", "cited", "paragraphs"), CITATIONS)
def test_citations_read_in_the_seeds(
    store: Store, sentence: str, citing: str, cited: str, paragraphs: int
) -> None:
    graph = citation_graph(store)
    assert graph.edges[res(citing), res(cited)]["weight"] == paragraphs, sentence
    assert graph.nodes[res(citing)]["in_corpus"] is True
    assert graph.nodes[res(cited)]["in_corpus"] is False
    assert graph.nodes[res(cited)]["label"] == cited


def test_documents_are_nodes_of_the_citation_graph(store: Store) -> None:
    """Footnote 4: "(E/2003/28/Rev.1), chap. I, sect. C; see also A/58/124, sect. II.A." """
    graph = citation_graph(store)
    for symbol in ("E/2003/28/Rev.1", "A/58/124"):
        node = str(M.document(symbol))
        assert graph.nodes[node]["type"] == "document"
        assert graph.has_edge(res("A/RES/61/183"), node)


def test_resolution_cited_by_both_seeds_ranks_first(store: Store) -> None:
    """Both seeds cite ECOSOC resolution 1996/20 (the Board's budgetary resources)."""
    top = resolution_ranking(citation_graph(store))[0]
    assert top["id"] == "E/RES/1996/20" and top["citing_resolutions"] == 2


# (sentence, paragraph, instruments it must link to)
INSTRUMENTS = [
    (
        "Reaffirming also the joint ministerial statement ..., the Action Plan for the "
        "Implementation of the Declaration on the Guiding Principles of Drug Demand Reduction and "
        "the Action Plan on International Cooperation on the Eradication of Illicit Drug Crops and "
        "on Alternative Development",
        ("A/RES/61/183", "pp3"),
        (
            "ActionPlanDemandReduction",
            "DemandReductionDeclaration",
            "ActionPlanAlternativeDevelopment",
        ),
    ),
    (
        "Recalling the United Nations Millennium Declaration, the provisions of the 2005 World "
        "Summit Outcome addressing the world drug problem",
        ("A/RES/61/183", "pp1"),
        ("MillenniumDeclaration", "WorldSummitOutcome2005"),
    ),
]


@pytest.mark.parametrize(("sentence", "where", "instruments"), INSTRUMENTS)
def test_instruments_read_in_the_seeds(
    store: Store, sentence: str, where: tuple[str, str], instruments: tuple[str, ...]
) -> None:
    by_paragraph = instrument_network(store, level="paragraph")
    node = para(*where)
    assert by_paragraph.nodes[node]["label"] == " ".join(where)
    for inst in instruments:
        assert by_paragraph.has_edge(node, ent(inst, "instrument")), (sentence, inst)
    cooc = instrument_cooccurrence(store)
    for a, b in pairwise(instruments):
        assert cooc.edges[ent(a, "instrument"), ent(b, "instrument")]["weight"] >= 1
    by_res = instrument_network(store)
    assert by_res.edges[res(where[0]), ent(instruments[0], "instrument")]["mentions"] >= 1


def test_treaty_series_references_count_as_citations(store: Store) -> None:
    """61/183 cites the three conventions by Treaty Series number in its footnotes."""
    graph = instrument_network(store)
    for inst in ("SingleConvention1961", "Convention1971", "Convention1988"):
        assert graph.edges[res("A/RES/61/183"), ent(inst, "instrument")]["cites"] >= 1


def test_citing_the_adopting_resolution_cites_the_instrument(store: Store) -> None:
    """61/183 pp1: "Recalling the United Nations Millennium Declaration,1 ..." with footnote
    "1 See resolution 55/2.": A/RES/55/2 adopted the Declaration (dckg:adoptedIn)."""
    by_paragraph = instrument_network(store, level="paragraph")
    edge = by_paragraph.edges[
        para("A/RES/61/183", "pp1"), ent("MillenniumDeclaration", "instrument")
    ]
    assert edge["cites"] == 1 and edge["mentions"] == 1 and edge["weight"] == 1


def test_bodies_named_together(store: Store) -> None:
    """61/183 op35: "Encourages the meetings of the Heads of National Drug Law Enforcement
    Agencies and of the Subcommission on Illicit Drug Traffic and Related Matters in the Near and
    Middle East of the Commission on Narcotic Drugs" (and 63/197 likewise)."""
    graph = body_comention_graph(store)
    honlea, sub, cnd = (ent(b, "body") for b in ("HONLEA", "SubcommissionNearMiddleEast", "CND"))
    assert graph.edges[honlea, sub]["weight"] >= 2
    assert graph.has_edge(honlea, cnd) and graph.has_edge(sub, cnd)
    assert graph.nodes[cnd]["label"] == "Commission on Narcotic Drugs"


def test_labels_and_types_from_the_authority_graph(store: Store) -> None:
    index = authority_index(store)
    assert index[ent("INCB", "body")].label == "International Narcotics Control Board"
    assert index[ent("MemberStates", "actor")].type == "actor"
    assert index.entry("https://example.org/none/X").type == "unknown"
    graph = addressee_graph(store)
    assert {d["type"] for _, d in graph.nodes(data=True)} <= {"body", "actor", "lemma"}


# --- determinism ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "project",
    [
        citation_graph,
        instrument_network,
        instrument_cooccurrence,
        body_comention_graph,
        addressee_graph,
    ],
)
def test_projections_are_deterministic_and_sorted(
    store: Store, project: Callable[[Store], nx.Graph]
) -> None:
    a, b = project(store), project(store)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))
    assert list(a.nodes) == sorted(a.nodes)


# --- metrics ------------------------------------------------------------------------------


def _graphs_for_pagerank(store: Store) -> list[nx.Graph]:
    star = nx.DiGraph([(1, 0), (2, 0), (3, 0), (0, 4)])  # 4 is dangling
    return [body_comention_graph(store), citation_graph(store), star, nx.karate_club_graph()]


def test_power_iteration_matches_networkx_reference(store: Store) -> None:
    for graph in _graphs_for_pagerank(store):
        ours = power_iteration_pagerank(graph)
        reference = _pagerank_python(graph, tol=1e-12, max_iter=1000)
        assert sum(ours.values()) == pytest.approx(1.0)
        for node, value in reference.items():
            assert ours[node] == pytest.approx(value, abs=1e-8)


def test_pagerank_without_scipy_is_the_power_iteration(store: Store) -> None:
    graph = body_comention_graph(store)
    if importlib.util.find_spec("scipy") is None:
        assert PAGERANK_METHOD.startswith("power iteration")
        assert pagerank(graph) == power_iteration_pagerank(graph)
    else:  # networkx's own, same definition
        ours = power_iteration_pagerank(graph)
        assert pagerank(graph) == pytest.approx(ours, abs=1e-8)


def test_rankings_are_ordered(store: Store) -> None:
    instruments = instrument_ranking(instrument_network(store))
    keys = [(r["paragraphs"], r["resolutions"]) for r in instruments]
    assert keys == sorted(keys, reverse=True)
    centrality = body_centrality(body_comention_graph(store))
    ranks = [float(str(r["pagerank"])) for r in centrality]
    assert ranks == sorted(ranks, reverse=True)
    bodies = addressee_ranking(addressee_graph(store, self_addressed=False))
    assert bodies[0]["id"] == "UNODC"  # twelve requests in 61/183 op33 alone
    assert str(bodies[0]["by_lemma"]).startswith("request ")


def test_instrument_ranking_counts_citing_and_mentioning_paragraphs(store: Store) -> None:
    rows = {r["id"]: r for r in instrument_ranking(instrument_network(store))}
    c88 = rows["Convention1988"]
    assert c88["resolutions"] == 2
    assert int(str(c88["citing_paragraphs"])) >= 1 and int(str(c88["mentioning_paragraphs"])) >= 1
    assert int(str(c88["paragraphs"])) <= int(str(c88["citing_paragraphs"])) + int(
        str(c88["mentioning_paragraphs"])
    )


def test_report_keeps_top_rows(store: Store) -> None:
    report = analyze(store, top=3)
    assert [s.name for s in report.sections] == list(SECTIONS)
    assert all(len(s.results.rows) <= 3 for s in report.sections)
    assert {n for n, _, _ in report.graphs} == {"citations", "instruments", "bodies", "addressees"}
    one = analyze(store, top=2, sections=("centrality",))
    assert [n for n, _, _ in one.graphs] == ["bodies"]


# --- the command --------------------------------------------------------------------------


def run(store_dir: Path, *args: str) -> str:
    result = CliRunner().invoke(analyze_command, ["--store", str(store_dir), "--quiet", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_table(store_dir: Path) -> None:
    out = run(store_dir, "--top", "5")
    assert "Most-cited instruments" in out and "Bodies most often addressed" in out
    assert "Centrality of bodies" in out and "Most-cited resolutions" in out
    assert "E/RES/1996/20" in out


def test_cli_json(store_dir: Path) -> None:
    doc = json.loads(run(store_dir, "--format", "json", "--section", "bodies", "--top", "3"))
    assert [s["name"] for s in doc["sections"]] == ["bodies"]
    results = doc["sections"][0]["results"]
    assert results["head"]["vars"][:3] == ["rank", "id", "label"]
    first = results["results"]["bindings"][0]
    assert first["id"]["value"] == "UNODC"
    assert first["directives"]["datatype"].endswith("#integer")
    assert doc["graphs"][0]["projection"] == "addressees"


def test_cli_csv(store_dir: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run(store_dir, "--format", "csv", "--top", "2"))))
    assert [r["section"] for r in rows][::2] == list(SECTIONS)
    assert rows[0]["rank"] == "1" and rows[0]["paragraphs"] and rows[0]["directives"] == ""


def test_cli_output_is_deterministic(store_dir: Path) -> None:
    for fmt in ("table", "json", "csv"):
        assert run(store_dir, "--format", fmt) == run(store_dir, "--format", fmt)


def test_cli_without_store_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(analyze_command, ["--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "dckg build" in result.output


def test_bad_section_or_format_is_a_kg_error(store: Store) -> None:
    with pytest.raises(KGError, match="unknown section"):
        analyze(store, sections=("everything",))
    with pytest.raises(KGError, match="unknown format"):
        format_report(Report((), ()), "xml")


def test_cli_section_choices_match_the_report() -> None:
    assert SECTION_CHOICES == SECTIONS
    assert format_report(Report((), ()), "table").startswith("Graphs: \n")


# --- a few AKN resolutions ----------------------------------------------------------------

AKN_SERIES = ["75/75_198_E.xml", "76/A_RES_76_188-2119245E.xml", "77/A_RES_77_238-2229004E.xml"]


@pytest.mark.corpus
def test_series_citations_in_the_akn_corpus(corpus_dir: Path, tmp_path: Path) -> None:
    """A/RES/76/188 pp4: "Recalling other relevant United Nations resolutions, including General
    Assembly resolution 75/198 of 16 December 2020"; A/RES/77/238 pp7: "Reaffirming its
    resolution 76/188 of 16 December 2021 and all its preceding resolutions"."""
    build([corpus_dir / "akn" / f for f in AKN_SERIES], tmp_path / "out", jobs=1)
    akn = open_store(tmp_path / "out" / "store")
    graph = citation_graph(akn)
    for citing, cited in (("A/RES/76/188", "A/RES/75/198"), ("A/RES/77/238", "A/RES/76/188")):
        assert graph.has_edge(res(citing), res(cited))
        assert graph.nodes[res(cited)]["in_corpus"] is True
    edges = count(
        akn,
        f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?res ?t {{ ?x a dckg:Citation ; "
        f"dckg:citedResource ?t . {CITED} {RES_OF} }} }}",
    )
    assert graph.number_of_edges() == edges
