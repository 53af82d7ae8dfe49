"""``dckg build`` and ``dckg validate``: outputs, determinism, exit codes, atomicity."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.build import MARKER, build
from kg.cli import main
from kg.errors import KGError
from kg.rdf.iris import Minter
from kg.rdf.namespaces import DCKG, DCTERMS, PROV, RDF, VOID
from kg.sample import sample_paths
from kg.store import open_store, query, to_rdflib
from kg.validate import Finding

OUTPUTS = [
    "kg.nt",
    "kg.ttl",
    "kg.jsonld",
    "void.ttl",
    "validation.md",
    "validation.ttl",
    "ontology/dckg.ttl",
    "ontology/context.jsonld",
    "ontology/index.html",
]

# A minimal Akoma Ntoso resolution (after A/RES/75/148) whose second operative
# paragraph is printed "3.": the graph is built but violates the numbering rule.
BAD_NUMBERING = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<statement name="resolution"><meta><identification source="#DGACM"><FRBRWork>
<FRBRthis value="/akn/un/statement/deliberation/unga/2020-12-01/75-148/!main/"/>
<FRBRdate date="2020-12-01" name="adoption"/></FRBRWork></identification></meta>
<preface><p><docNumber>75/148.</docNumber><docTitle>Observer status for the Central Asia
Regional Economic Cooperation Institute in the General Assembly</docTitle></p></preface>
<preamble><formula name="enactingFormula"><p>The General Assembly,</p></formula>
<container name="Wishing"><p><span class="italic">Wishing</span> to promote cooperation between
the United Nations and the Central Asia Regional Economic Cooperation Institute,</p></container>
</preamble>
<mainBody>
<paragraph eId="para_3"><num>1.</num><content><p><span class="italic">Decides</span> to invite the
Institute to participate in the sessions and the work of the General Assembly in the capacity of
observer;</p></content></paragraph>
<paragraph eId="para_4"><num>3.</num><content><p><span class="italic">Requests</span> the
Secretary-General to take the action necessary to implement the present resolution.</p></content>
</paragraph>
</mainBody></statement></akomaNtoso>
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "out"
    result = build(sample_paths(), out)
    assert result.conforms, [f.message for f in result.report.findings]
    assert (result.documents, result.violations) == (2, 0)
    assert result.paragraphs > 120 and result.directives > 100
    return out


def test_outputs_are_written(built: Path) -> None:
    for name in OUTPUTS:
        assert (built / name).stat().st_size > 0, name
    assert (built / MARKER).exists()
    assert (built / "store").is_dir()
    assert not list(built.parent.glob(".out.*")), "temporary folders left behind"


def test_turtle_and_triples_agree(built: Path) -> None:
    ttl = Graph().parse(built / "kg.ttl", format="turtle")
    nt_lines = (built / "kg.nt").read_text(encoding="utf-8").splitlines()
    assert len(ttl) == len(nt_lines) == len(set(nt_lines))
    assert nt_lines == sorted(nt_lines)
    void = Graph().parse(built / "void.ttl", format="turtle")
    ds = Minter().dataset()
    assert void.value(ds, VOID.triples).toPython() == len(nt_lines)
    assert void.value(ds, VOID.sparqlEndpoint) is not None
    assert "acknowledg" in str(void.value(ds, DCTERMS.rights))
    dumps = {str(d).rsplit("/", 1)[-1] for d in void.objects(ds, VOID.dataDump)}
    assert dumps == {"kg.ttl", "kg.nt", "kg.jsonld"}
    resolutions = void.value(Minter().partition("class", str(DCKG.Resolution)), VOID.entities)
    assert resolutions is not None and resolutions.toPython() >= 2


def test_store_holds_named_graphs_and_answers_sparql(built: Path) -> None:
    store = open_store(built / "store")
    rows = list(query(store, "SELECT ?r { ?r a <https://w3id.org/dckg/ontology#ResolutionText> }"))
    assert len(rows) == 2
    # every triple once: the union of the graphs is kg.nt plus the ontology and VoID graphs
    base = Minter().base
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    by_graph = "SELECT (COUNT(*) AS ?n) { GRAPH <%s> { ?s ?p ?o } }"
    total = int(next(iter(query(store, count)))["n"].value)
    extra = sum(
        int(next(iter(query(store, by_graph % (base + "graph/" + g))))["n"].value)
        for g in ("ontology", "void")
    )
    assert total - extra == len((built / "kg.nt").read_text(encoding="utf-8").splitlines())
    names = sorted(str(g.value) for g in store.named_graphs())
    assert names == [
        base + "graph/" + n for n in ("authority", "build", "ontology", "topics", "void")
    ]
    ds = to_rdflib(built / "store")
    assert len({q[0] for q in ds.quads((None, RDF.type, DCKG.Resolution, None))}) >= 2


def test_build_activity_names_inputs_without_wall_clock(built: Path) -> None:
    g = Graph().parse(built / "kg.ttl", format="turtle")
    (activity,) = set(g.subjects(RDF.type, DCKG.Build))
    used = {str(g.value(s, DCKG.fileName)) for s in g.objects(activity, PROV.used)}
    assert used == {"A_RES_61_183.txt", "A_RES_63_197.txt"}
    assert g.value(activity, PROV.endedAtTime) is None


def test_two_builds_are_byte_identical(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same input, same bytes — also through the CLI and in a fresh process."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "-q"])  # no arguments: the samples into ./out
    assert result.exit_code == 0, result.output
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", "--out", str(tmp_path / "sub")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "2 documents" in proc.stdout and "0 violations" in proc.stdout
    for other in (tmp_path / "out", tmp_path / "sub"):
        for name in OUTPUTS:
            mine, theirs = (built / name).read_bytes(), (other / name).read_bytes()
            if mine != theirs:
                diff = [
                    (a, b)
                    for a, b in zip(mine.splitlines(), theirs.splitlines(), strict=False)
                    if a != b
                ]
                pytest.fail(f"{other.name}/{name} differs: {diff[:2]}")


def test_source_date_epoch_gives_an_explicit_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1229558400")
    build(sample_paths()[1:], tmp_path / "o")
    text = (tmp_path / "o" / "kg.nt").read_text(encoding="utf-8")
    assert '#endedAtTime> "2008-12-18T00:00:00' in text


def test_violations_exit_1_and_keep_outputs(tmp_path: Path) -> None:
    bad = tmp_path / "75_148_E.xml"
    bad.write_text(BAD_NUMBERING, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1, result.output
    assert "validation.md" in result.output
    report = (tmp_path / "o" / "validation.md").read_text(encoding="utf-8")
    assert "## A/RES/75/148, paragraph op3" in report
    assert "OperativeNumbering-consecutive" in report and "fix:" in report
    machine = Graph().parse(tmp_path / "o" / "validation.ttl", format="turtle")
    assert len(list(machine.subjects(None, None))) > 2
    assert (tmp_path / "o" / "kg.ttl").exists()


def test_bad_input_exits_2_and_leaves_the_old_build(tmp_path: Path, built: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / MARKER).write_text("dckg\n")
    (out / "kg.ttl").write_text("previous build\n")
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    result = CliRunner().invoke(
        main, ["build", str(sample_paths()[0]), str(bad), "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "empty.txt" in result.output and result.output.count("\n") == 1
    assert (out / "kg.ttl").read_text() == "previous build\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt", "o"]


def test_refuses_to_replace_a_foreign_folder(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("precious")
    with pytest.raises(KGError, match="not written by dckg build"):
        build(sample_paths(), out)
    result = CliRunner().invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 2
    assert (out / "thesis.tex").read_text() == "precious"


def test_bad_base_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--base", "no-iri", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "--base" in result.output
    assert not (tmp_path / "o").exists()


def test_validate_command(built: Path, tmp_path: Path) -> None:
    ok = CliRunner().invoke(main, ["validate", str(built / "kg.ttl")])
    assert ok.exit_code == 0, ok.output
    assert "conforms" in ok.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle .")
    assert CliRunner().invoke(main, ["validate", str(broken)]).exit_code == 2
    # one directive with strength 7
    lines = (built / "kg.nt").read_text(encoding="utf-8").splitlines()
    strength = "<https://w3id.org/dckg/ontology#strength>"
    i = next(i for i, line in enumerate(lines) if strength in line)
    lines[i] = lines[i].rsplit('"', 2)[0] + '"7"^^<http://www.w3.org/2001/XMLSchema#integer> .'
    bad = tmp_path / "bad.nt"
    bad.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert (
        "Directive-strength" in result.output and "MaxInclusiveConstraintComponent" in result.output
    )


def test_jsonld_export_names_its_context(built: Path) -> None:
    data = json.loads((built / "kg.jsonld").read_text(encoding="utf-8"))
    published = json.loads((built / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert data["@context"] == published["@context"]
    assert len(data["@graph"]) > 1000


@pytest.mark.corpus
def test_akn_corpus_builds_and_conforms(corpus_dir: Path, tmp_path: Path) -> None:
    """The whole AKN dev corpus (~1,000 resolutions) builds; its report is clean."""
    from kg.cli import expand_paths

    # The corpus holds one French rendition (75_274_F.xml) beside the English
    # 75_274_E.xml: same symbol, so building both is rightly a violation
    # (test_two_files_of_one_symbol_are_a_violation); the dev corpus is English.
    files = [
        f for f in expand_paths((str(corpus_dir / "akn"),)) if not f.name.endswith("_F.xml")
    ]
    result = build(files, tmp_path / "out")
    assert result.documents == len(files)
    assert result.paragraphs > 40_000
    problems = sorted({(f.shape, f.resolution) for f in result.report.violations})
    assert result.conforms, problems[:20]
    # a rebuild without the last file takes every other one from the cache
    again = build(files[:-1], tmp_path / "out")
    assert (again.reused, again.documents) == (len(files) - 1, len(files) - 1)
    assert again.conforms and again.triples < result.triples


@pytest.mark.corpus
def test_two_files_of_one_symbol_are_a_violation(corpus_dir: Path, tmp_path: Path) -> None:
    """The English and French renditions of A/RES/75/274 clash on one resolution IRI."""
    both = [corpus_dir / "akn" / "75" / "75_274_E.xml", corpus_dir / "akn" / "75" / "75_274_F.xml"]
    result = build(both, tmp_path / "out")
    shapes = {f.shape for f in result.report.violations}
    assert "CorpusText-oneSource" in shapes
    assert not result.conforms


def test_validate_finds_what_the_build_found(tmp_path: Path) -> None:
    """Whole-file validation in batches (dckg validate) agrees with the build's per-chunk run."""
    from kg.validate_file import validate_file

    bad = tmp_path / "75_148_E.xml"
    bad.write_text(BAD_NUMBERING, encoding="utf-8")
    result = build([*sample_paths(), bad], tmp_path / "o")
    assert result.violations
    again = validate_file(tmp_path / "o" / "kg.ttl", Minter())

    def key(findings: list[Finding]) -> set[tuple[str, str, str, str]]:
        return {(f.shape, f.focus, f.component, f.value) for f in findings}

    assert key(again.violations) == key(result.report.violations)


def _outputs_equal(a: Path, b: Path) -> None:
    for name in [*OUTPUTS, "graph.html"]:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_incremental_rebuild_equals_a_clean_build(tmp_path: Path) -> None:
    """Added, changed and removed files: the rebuild reuses the rest and gives the same bytes."""
    from tests.hostile import flat_resolution

    src = tmp_path / "in"
    src.mkdir()
    old61, old63 = sample_paths()
    r61, r63 = src / old61.name, src / old63.name
    r61.write_bytes(old61.read_bytes())
    r63.write_bytes(old63.read_bytes())
    extra = src / "extra.txt"
    extra.write_text(
        flat_resolution(["Recalling its resolution 74/1,"], ["Requests the Board to report;"]),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    first = build([r61, r63, extra], out)
    assert (first.reused, first.documents) == (0, 3)

    # change 63/197 (a series member of 61/183), remove extra, add a violating file
    text = r63.read_text(encoding="utf-8")
    assert text.count("sufficient resources") >= 1
    r63.write_text(text.replace("sufficient resources", "adequate resources", 1), encoding="utf-8")
    extra.unlink()
    bad = src / "75_148_E.xml"
    bad.write_text(BAD_NUMBERING, encoding="utf-8")
    files = [r61, r63, bad]
    again = build(files, out)
    assert (again.reused, again.documents, again.aligned) == (1, 3, 1)
    assert again.violations and not again.conforms

    clean = build(files, tmp_path / "clean", incremental=False)
    assert clean.reused == 0
    assert (clean.triples, clean.violations) == (again.triples, again.violations)
    _outputs_equal(out, tmp_path / "clean")
    assert "adequate resources" in (out / "kg.nt").read_text(encoding="utf-8")

    # nothing changed: everything from the cache, nothing aligned, the same bytes
    third = build(files, out)
    assert (third.reused, third.aligned) == (3, 0)
    _outputs_equal(out, tmp_path / "clean")
    cached = sorted(p.name for p in (out / ".cache").iterdir())
    assert len(cached) == 2 * 3 + 1  # .nt + .json per document, the lineage memo


def test_clean_flag_and_summary(tmp_path: Path) -> None:
    out = str(tmp_path / "o")
    CliRunner().invoke(main, ["build", "--out", out, "-q"])
    again = CliRunner().invoke(main, ["build", "--out", out])
    assert again.exit_code == 0 and "2 unchanged document(s)" in again.output
    clean = CliRunner().invoke(main, ["build", "--out", out, "--clean"])
    assert clean.exit_code == 0 and "unchanged" not in clean.output


def test_a_stale_or_broken_cache_entry_is_rebuilt(tmp_path: Path) -> None:
    out = tmp_path / "o"
    build(sample_paths(), out)
    entry = next(p for p in sorted((out / ".cache").glob("*.json")) if "lineage" not in p.name)
    entry.write_text("{not json", encoding="utf-8")
    (out / ".cache" / "lineage.json").write_text("[]", encoding="utf-8")
    again = build(sample_paths(), out)
    assert again.reused == 1
    assert build(sample_paths(), out).reused == 2


def test_merging_in_rounds_gives_the_same_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MERGE_FAN_IN documents the entries are merged in rounds: same bytes."""
    import kg.build

    bad = tmp_path / "75_148_E.xml"
    bad.write_text(BAD_NUMBERING, encoding="utf-8")
    files = [*sample_paths(), bad]
    build(files, tmp_path / "once")
    monkeypatch.setattr(kg.build, "MERGE_FAN_IN", 2)
    build(files, tmp_path / "rounds", incremental=False)
    rounds, once = tmp_path / "rounds" / "kg.nt", tmp_path / "once" / "kg.nt"
    assert rounds.read_bytes() == once.read_bytes()


def test_exclude_leaves_files_out(tmp_path: Path) -> None:
    folder = str(sample_paths()[0].parent)
    out = str(tmp_path / "o")
    one = CliRunner().invoke(main, ["build", folder, "--exclude", "*61_183*", "--out", out])
    assert one.exit_code == 0 and one.output.startswith("1 documents"), one.output
    none = CliRunner().invoke(main, ["build", folder, "--exclude", "*.txt", "--out", out])
    assert none.exit_code == 2 and "no input files left" in none.output


def test_stages_are_reported(tmp_path: Path) -> None:
    names: list[str] = []
    build(sample_paths(), tmp_path / "o", stage=names.append)
    assert names == ["lineage", "writing kg.nt", "store and exports", "overview page"]


def test_lineage_in_worker_processes_gives_the_same_links(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The series comparisons computed ahead in a process pool equal the one-by-one ones."""
    import kg.build_lineage as bl
    from kg.read import read_path

    entries = [bl.Entry(str(p), str(p), read_path(p).meta) for p in sample_paths()]
    one, found_one = bl._series(entries, Minter(), None, 1)
    monkeypatch.setattr(bl, "PARALLEL_MIN", 1)
    two, found_two = bl._series(entries, Minter(), None, 2)
    assert found_one == found_two and len(found_one) == 1
    assert two.pairs == one.pairs and two.subjects == one.subjects
    assert two.aligned == one.aligned == 1
