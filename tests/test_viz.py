"""dckg viz without a browser: selection, pages that are offline and escaped, layout, CLI.

The graph is the bundled sample corpus (A/RES/61/183, A/RES/63/197), read,
annotated and mapped with kg.rdf.mapping, held in an in-memory Oxigraph
store.  Expected edges are computed from the document model (an
independent path), not hard-coded; the facts quoted below are checks that
the comparison has something real in it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.errors import KGError
from kg.extract import annotate
from kg.extract.authority import load_authority
from kg.extract.topics import load_scheme
from kg.model import Document
from kg.query import Engine
from kg.rdf.iris import Minter
from kg.rdf.mapping import MapContext, Triple, map_document
from kg.rdf.reference import authority_triples, topic_triples
from kg.read import read_path
from kg.sample import sample_paths
from kg.viz import (
    View,
    focus_view,
    graph_view,
    open_engine,
    query_view,
    render_html,
    resolution_view,
    select_view,
    topic_view,
    whole_view,
    write_overview,
)
from kg.viz_cli import viz_command
from kg.viz_layout import PHYSICS_MAX, spring_layout
from kg.viz_project import fold_paragraphs, fold_projection, whole
from kg.viz_select import RELATIONS, _fold, _query, _rows, cap, iri_kind, project

M = Minter()
PAYLOADS = ("<script>window.__pwned=1</script>", '"><img src=x onerror="window.__pwned=1">')
DATA_BLOCK = re.compile(r'<script type="application/json" id="dckg-data">(.*?)</script>', re.S)


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def docs() -> dict[str, Document]:
    return {d.meta.symbol: d for d in (annotate(read_path(p)) for p in sample_paths())}


def graph_triples(documents: list[Document]) -> list[Triple]:
    """The RDF stage's triples of ``documents`` plus the authority and topic graphs."""
    entries = load_authority().entries
    ctx = MapContext(M, {e.id: e.type for e in entries})
    out = [t for d in documents for t in map_document(d, ctx)]
    return out + authority_triples(entries, M) + topic_triples(load_scheme(), M)


@pytest.fixture(scope="session")
def triples(docs: dict[str, Document]) -> list[Triple]:
    return graph_triples(list(docs.values()))


@pytest.fixture(scope="session")
def engine(triples: list[Triple]) -> Engine:
    return open_engine(triples)


@pytest.fixture(scope="session")
def folded(engine: Engine) -> nx.MultiDiGraph:
    return project(engine, M)


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder ``dckg build`` writes for the sample corpus (with its store/)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("build") / "out"
    build(sample_paths(), out, jobs=1)
    return out


def page_data(page: str) -> dict[str, Any]:
    m = DATA_BLOCK.search(page)
    assert m, "no data block"
    return json.loads(m.group(1))  # type: ignore[no-any-return]


def injected_document(docs: dict[str, Document]) -> Document:
    """A copy of A/RES/63/197 whose op40 text and title carry script payloads."""
    doc = docs["A/RES/63/197"]
    p = doc.paragraph("op40")
    text = f"{PAYLOADS[0]} Notes that {PAYLOADS[1]} & </script> \u2028 end"
    para = replace(
        p,
        text=text,
        span=(p.span[0], p.span[0] + len(text)),
        mentions=(),
        citations=(),
        directives=(),
        topics=(),
    )
    new_text = doc.text[: p.span[0]] + text
    return replace(
        doc,
        text=new_text,
        paragraphs=(para,),
        sections=(),
        footnotes=(),
        meta=replace(doc.meta, title=f"Title {PAYLOADS[0]}", subjects=()),
    )


# ------------------------------------------------------------------ the projection


def _model_edges(doc: Document) -> Iterator[tuple[str, str, str, str, int | None]]:
    """(paragraph IRI, target IRI, relation, label, strength) as the document model says."""
    types = {e.id: e.type for e in load_authority().entries}
    symbol = doc.meta.symbol
    for p in doc.paragraphs:
        node = str(M.paragraph(symbol, p.id))
        parent = str(M.paragraph(symbol, p.parent)) if p.parent else str(M.resolution(symbol))
        yield node, parent, "part of", "part of", None
        acts: dict[tuple[str, str], int] = {}
        for d in p.directives:
            for who in d.addressees:
                key = (str(M.entity(who, types.get(who))), d.lemma)
                acts[key] = max(acts.get(key, -1), d.strength)
        for (who, lemma), strength in acts.items():
            yield node, who, "directive", lemma, strength
        concerned = {str(M.entity(c, types.get(c))) for d in p.directives for c in d.concerns}
        for c in concerned:
            yield node, c, "concerns", "concerns", None
        linked = {w for w, _ in acts} | concerned
        for m in p.mentions:
            target = str(M.entity(m.entity, m.type))
            if m.entity != "unknown" and target not in linked:
                yield node, target, "mentions", "mentions", None
        for t in {t.topic for t in p.topics}:
            yield node, str(M.topic(t)), "about", "about", None


@pytest.mark.parametrize("symbol", ["A/RES/61/183", "A/RES/63/197"])
def test_projection_matches_the_document_model(
    symbol: str, docs: dict[str, Document], folded: nx.MultiDiGraph
) -> None:
    doc = docs[symbol]
    expected = set(_model_edges(doc))
    relations = {"part of", "directive", "concerns", "mentions", "about"}
    paragraphs = {str(M.paragraph(symbol, p.id)) for p in doc.paragraphs}
    got = {
        (u, v, d["relation"], d["label"], d["strength"])
        for u, v, d in folded.edges(data=True)
        if u in paragraphs and d["relation"] in relations
    }
    assert got == expected
    assert len(expected) > 4 * len(doc.paragraphs)  # a real comparison, not an empty one


# Real sentences of A/RES/63/197 op40, and the edges they must give.
OP40_FACTS = [
    # "urges Member States to commit themselves ... budgetary resources to the Board"
    ("MemberStates", "actor", "urge", 3),
    # "encourages it [the Board] to continue to carry out its work"
    ("INCB", "body", "encourage", 2),
    # "calls for enhanced cooperation ... between Member States and the Board" (names nobody: GA)
    ("GA", "body", "call for", 3),
]


@pytest.mark.parametrize(("who", "kind", "lemma", "strength"), OP40_FACTS)
def test_op40_directives(
    folded: nx.MultiDiGraph, who: str, kind: str, lemma: str, strength: int
) -> None:
    op40 = str(M.paragraph("A/RES/63/197", "op40"))
    edge = folded.get_edge_data(op40, str(M.entity(who, kind)), f"directive:{lemma}")
    assert edge is not None and edge["strength"] == strength and edge["label"] == lemma


def test_subparagraphs_inherit_the_request(folded: nx.MultiDiGraph) -> None:
    # 61/183 op33: "Requests the United Nations Office on Drugs and Crime to continue: (a) ... (l)"
    unodc = str(M.entity("UNODC", "body"))
    for label in "abcdefghijkl":
        sub = str(M.paragraph("A/RES/61/183", f"op33.{label}"))
        assert folded.get_edge_data(sub, unodc, "directive:request")["strength"] == 4
        assert "part of" in folded.get_edge_data(sub, str(M.paragraph("A/RES/61/183", "op33")))


def _row_by_row(engine: Engine) -> nx.MultiDiGraph:
    """The projection read the simple way: each relation row by row, one fact per row."""
    return _fold((rel, *row) for rel in RELATIONS for row in _rows(engine, M, rel, _query(rel)))


def _edges(g: nx.MultiDiGraph) -> list[tuple[str, str, str, list[tuple[str, Any]]]]:
    return sorted((u, v, k, sorted(d.items())) for u, v, k, d in g.edges(keys=True, data=True))


def test_grouped_reading_gives_the_row_by_row_projection(
    engine: Engine, folded: nx.MultiDiGraph
) -> None:
    simple = _row_by_row(engine)
    assert set(folded) == set(simple) and _edges(folded) == _edges(simple)
    assert folded.number_of_edges() > 500


def test_fold_projection_is_fold_paragraphs(engine: Engine, folded: nx.MultiDiGraph) -> None:
    facts = whole(engine, M)
    a, b = fold_paragraphs(folded, M), fold_projection(facts, M)
    assert set(a) == set(b) and _edges(a) == _edges(b) and a.number_of_edges() > 50
    assert all((iri_kind(M, n) == "paragraph") == facts.is_paragraph(M, n) for n in folded)


def test_projection_falls_back_to_rows() -> None:
    """A blank mention node, and a paragraph with two parents: read row by row."""
    import pyoxigraph as ox

    from kg.export import nt_line
    from kg.rdf.namespaces import DCKG, ELI

    res = M.resolution("A/RES/1/1")
    op1, op2 = (M.paragraph("A/RES/1/1", p) for p in ("op1", "op2"))
    triples = [
        (op1, ELI.is_part_of, res),
        (op1, ELI.is_part_of, op2),
        (op2, ELI.is_part_of, res),
        (M.item("A/RES/1/1", "op1", "mention", 1), DCKG.mentions, M.entity("INCB", "body")),
        (op2, ELI.is_about, M.topic("funding")),
        (op2, ELI.is_about, M.subject("Drugs")),
    ]
    blank = f"_:b <{DCKG.mentions}> <{M.entity('UNODC', 'body')}> ."
    store = ox.Store()
    store.load("\n".join([*map(nt_line, triples), blank]) + "\n", format=ox.RdfFormat.N_TRIPLES)
    engine = open_engine(store)
    got, simple = project(engine, M), _row_by_row(engine)
    assert _edges(got) == _edges(simple) and len(_edges(got)) == 5
    assert list(got.out_edges(str(op1), keys=True)) == list(simple.out_edges(str(op1), keys=True))
    assert _edges(fold_projection(whole(engine, M), M)) == _edges(fold_paragraphs(got, M))


# ------------------------------------------------------------------ views


def test_focus_by_name_and_depth(engine: Engine, docs: dict[str, Document]) -> None:
    incb = str(M.entity("INCB", "body"))
    view = focus_view(engine, "the Board", depth=1)
    assert view.focus == (incb,)
    linked = {
        str(M.paragraph(d.meta.symbol, p.id))
        for d in docs.values()
        for p in d.paragraphs
        if any(m.entity == "INCB" for m in p.mentions)
        or any("INCB" in a.addressees or "INCB" in a.concerns for a in p.directives)
    }
    paragraphs = {n for n, k in view.graph.nodes(data="kind") if k == "paragraph"}
    # depth 1 reaches the paragraphs linked to INCB; their parents come along for context
    assert linked <= paragraphs
    assert all(
        p in linked or any(c in linked for c in view.graph.predecessors(p)) for p in paragraphs
    )
    deeper = focus_view(engine, "INCB", depth=2)
    assert set(view.graph) < set(deeper.graph)


def test_focus_errors(engine: Engine, folded: nx.MultiDiGraph) -> None:
    with pytest.raises(KGError, match="nothing named"):
        focus_view(engine, "Ministry of Silly Walks")
    unlinked = sorted(
        e.id for e in load_authority().entries if str(M.entity(e.id, e.type)) not in folded
    )
    assert unlinked  # authority entries the sample never names
    with pytest.raises(KGError, match="linked to nothing"):
        focus_view(engine, unlinked[0])


def test_resolution_view(engine: Engine, docs: dict[str, Document]) -> None:
    view = resolution_view(engine, "63/197")
    doc = docs["A/RES/63/197"]
    paragraphs = {n for n, k in view.graph.nodes(data="kind") if k == "paragraph"}
    own = {str(M.paragraph(doc.meta.symbol, p.id)) for p in doc.paragraphs}
    assert paragraphs == own  # and nothing of A/RES/61/183
    assert view.title == "A/RES/63/197: International cooperation against the world drug problem"
    op40 = view.graph.nodes[str(M.paragraph(doc.meta.symbol, "op40"))]
    assert op40["text"] == doc.paragraph("op40").text and op40["label"] == "63/197 op40"
    with pytest.raises(KGError, match="not a resolution read"):
        resolution_view(engine, "A/RES/62/176")  # cited by the sample, not read


def test_topic_view_follows_narrower_topics(engine: Engine, docs: dict[str, Document]) -> None:
    narrower = {r["id"] for r in load_scheme() if "demand-reduction" in (r.get("broader") or [])}
    assert narrower, "the scheme has topics under demand-reduction"
    view = topic_view(engine, "demand reduction")
    about = {"demand-reduction", *narrower}
    expected = {
        str(M.paragraph(d.meta.symbol, p.id))
        for d in docs.values()
        for p in d.paragraphs
        if about & {t.topic for t in p.topics}
    }
    paragraphs = {n for n, k in view.graph.nodes(data="kind") if k == "paragraph"}
    assert expected <= paragraphs
    assert str(M.topic("demand-reduction")) in view.graph


def test_cap_keeps_the_best_linked(folded: nx.MultiDiGraph) -> None:
    incb = str(M.entity("INCB", "body"))
    capped, omitted = cap(folded, 40, keep=[incb], minter=M)
    assert capped.number_of_nodes() == 40 and omitted is not None and incb in capped
    assert omitted.total == folded.number_of_nodes()
    assert sum(n for _, n in omitted.by_kind) == omitted.total - 40
    kept = [folded.degree(n) for n in capped if n != incb]
    dropped = [folded.degree(n) for n in folded if n not in capped]
    assert min(kept) >= max(dropped)
    assert omitted.sentence() in render_html(View("capped", capped, omitted=omitted))
    # too many edges: every node keeps its strongest ones
    thin, cut = cap(folded, 1000, max_edges=folded.number_of_nodes())
    assert cut is not None and cut.edges_shown < folded.number_of_edges()
    assert all(thin.degree(n) > 0 for n in thin if folded.degree(n) > 0)


def test_whole_view_folds_paragraphs_when_too_big(
    engine: Engine, docs: dict[str, Document]
) -> None:
    view = whole_view(engine, max_nodes=150)  # the sample has 226 nodes, 96 without paragraphs
    kinds = {k for _, k in view.graph.nodes(data="kind")}
    assert "paragraph" not in kinds and {"resolution", "topic", "body"} <= kinds
    res, funding = str(M.resolution("A/RES/63/197")), str(M.topic("funding"))
    about = sum(
        1 for p in docs["A/RES/63/197"].paragraphs if "funding" in {t.topic for t in p.topics}
    )
    assert view.graph.edges[res, funding, "about"]["count"] == about > 1
    assert any("each resolution stands for its paragraphs" in n for n in view.notes)


def test_query_views(engine: Engine) -> None:
    construct = query_view(
        engine,
        "CONSTRUCT { ?p eli:cites ?r } WHERE { ?p eli:cites ?r ; eli:is_part_of "
        "<https://w3id.org/dckg/resolution/A/RES/61/183> }",
    )
    assert {d["label"] for *_, d in construct.graph.edges(data=True)} == {"eli:cites"}
    assert {k for _, k in construct.graph.nodes(data="kind")} >= {"paragraph", "resolution"}
    # a named query: symbols -> paragraph ids (per resolution), texts as details
    select = query_view(engine, "incb-funding")
    labels = sorted(d["label"] for _, d in select.graph.nodes(data=True))
    assert "A/RES/63/197" in labels
    paragraph_nodes = [n for n, d in select.graph.nodes(data=True) if d["label"].startswith("op")]
    assert paragraph_nodes and all(select.graph.nodes[n].get("text") for n in paragraph_nodes)
    with pytest.raises(KGError, match="yes or no"):
        query_view(engine, "ASK { ?s ?p ?o }")


def test_graph_view_of_a_projection() -> None:
    g = nx.Graph()
    g.add_node("b/INCB", type="body", id="INCB", label="International Narcotics Control Board")
    g.add_node("b/CND", type="body", id="CND", label="Commission on Narcotic Drugs")
    g.add_edge("b/INCB", "b/CND", weight=7)
    page = render_html(graph_view(g, "co-mentions"))
    data = page_data(page)
    assert sorted(n["label"] for n in data["nodes"]) == ["CND", "INCB"]
    assert data["edges"][0]["label"] == "7"


# ------------------------------------------------------------------ the page


def _sha(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def test_page_is_self_contained(engine: Engine) -> None:
    page = render_html(focus_view(engine, "INCB"))
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "<link" not in page and "<iframe" not in page and "@import" not in page
    for host in ("bootstrap", "jsdelivr", "cdnjs", "unpkg"):
        assert host not in page.lower()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert [attrs for attrs, _ in scripts] == [' type="application/json" id="dckg-data"', "", ""]
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src &#x27;none&#x27;" in csp.group(1)
    for _, body in scripts[1:]:
        assert _sha(body) in csp.group(1)  # only these two scripts may run


def test_page_lists_kinds_and_relations(engine: Engine) -> None:
    page = render_html(focus_view(engine, "INCB", depth=2))
    for words in (
        "resolutions (",
        "paragraphs (",
        "bodies (",
        "instruments (",
        "topics (",
        "actor groups (",
        "3 urges, calls upon",
        "concerns",
        "part of",
        "about",
    ):
        assert words in page
    data = page_data(page)
    urge = [e for e in data["edges"] if e["label"] == "urge"]
    assert urge and all(e["value"] == 4 for e in urge)  # strength 3 -> width 1 + 3


def test_injected_text_stays_text(docs: dict[str, Document]) -> None:
    doc = injected_document(docs)
    view = whole_view(open_engine(graph_triples([doc])))
    page = render_html(view)
    for payload in PAYLOADS:
        assert payload not in page
    assert "<img" not in page and "</script> \u2028" not in page
    data = page_data(page)
    node = str(M.paragraph(doc.meta.symbol, "op40"))
    assert data["details"][node]["text"] == doc.paragraphs[0].text  # round trip, literally
    title = next(n["title"] for n in data["nodes"] if n["id"] == node)
    assert PAYLOADS[0] in title and PAYLOADS[1] in title
    assert "<title>drug-control-kg: the whole graph</title>" in page


def test_physics_below_the_threshold_positions_above(engine: Engine) -> None:
    small = page_data(render_html(focus_view(engine, "INCB", depth=1)))
    assert small["physics"] and small["options"]["physics"]["enabled"]
    assert not any("x" in n for n in small["nodes"])
    big = nx.MultiDiGraph()
    for i in range(PHYSICS_MAX + 50):
        big.add_node(f"n{i}", kind="paragraph" if i % 5 else "body", label=f"n{i}")
        big.add_edge(f"n{i}", f"n{i - i % 5}", key="part of", relation="part of", label="part of")
    data = page_data(render_html(View("big", big)))
    assert not data["physics"] and data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert render_html(View("big", big)) == render_html(View("big", big))  # deterministic


def test_layout_pulls_linked_nodes_together(folded: nx.MultiDiGraph) -> None:
    nodes = sorted(folded)
    edges = [(u, v) for u, v, _ in folded.edges(keys=True)]
    pos = spring_layout(nodes, edges, seed=3)
    assert pos == spring_layout(nodes, edges, seed=3)
    assert len(set(pos.values())) == len(nodes)

    def dist(a: str, b: str) -> float:
        return float(((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5)

    linked = sum(dist(u, v) for u, v in edges) / len(edges)
    pairs = [(nodes[i], nodes[(i * 7 + 13) % len(nodes)]) for i in range(len(nodes))]
    anywhere = sum(dist(a, b) for a, b in pairs) / len(pairs)
    assert linked < 0.6 * anywhere


# ------------------------------------------------------------------ CLI and sources


def test_cli_writes_pages(store_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "incb.html"
    result = runner.invoke(
        viz_command, ["--out-dir", str(store_dir), "--focus", "INCB", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "INCB and its neighbourhood (depth 2)" in result.output
    assert page_data(out.read_text(encoding="utf-8"))["nodes"]
    whole = tmp_path / "all.html"
    result = runner.invoke(
        viz_command,
        ["--store", str(store_dir / "store"), "--out", str(whole), "--max-nodes", "50", "-q"],
    )
    assert result.exit_code == 0 and result.output == ""
    assert len(page_data(whole.read_text(encoding="utf-8"))["nodes"]) == 50


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "INCB", "--topic", "funding"], "give one of --focus, --topic"),
        (["--focus", "nobody at all"], "nothing named"),
        (["--topic", "astrology"], "no topic 'astrology'"),
        (["--resolution", "not a symbol"], "not a resolution symbol"),
        (["--param", "body=INCB"], "--param goes with --query"),
        (["--query", "DELETE WHERE { ?s ?p ?o }"], "an update"),
        (["--query", "ASK { ?s ?p ?o }"], "yes or no"),
    ],
)
def test_cli_bad_input(store_dir: Path, tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "x.html"
    result = CliRunner().invoke(
        viz_command, ["--out-dir", str(store_dir), "--out", str(out), *args]
    )
    assert result.exit_code == 2, result.output
    assert message in result.output and not out.exists()


def test_cli_without_a_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(viz_command, ["--out-dir", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "dckg build" in result.output


def test_write_overview_from_folder_and_rdflib(
    store_dir: Path, tmp_path: Path, triples: list[Triple]
) -> None:
    from rdflib import Graph

    a = write_overview(store_dir, tmp_path / "a.html")
    # the same triples the build stored (kg.nt: the mapped documents plus the
    # lineage links the build adds between series members)
    g = Graph().parse(store_dir / "kg.nt", format="nt")
    assert len(g) > len(triples)
    b = write_overview(g, tmp_path / "b.html")
    assert sorted(a.graph) == sorted(b.graph) and a.graph.number_of_nodes() > 200
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == (tmp_path / "b.html").read_text(
        encoding="utf-8"
    )
    with pytest.raises(KGError, match="cannot draw"):
        write_overview(42, tmp_path / "c.html")


def test_select_view_default_is_whole(engine: Engine) -> None:
    assert set(select_view(engine).graph) == set(whole_view(engine).graph)
