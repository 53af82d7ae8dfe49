"""Validate graphs against the SHACL shapes (``shapes/*.ttl``) and report.

Validation runs pyshacl on plain rdflib graphs (never on an Oxigraph-backed
graph), one resolution (or a small batch of resolutions) at a time: every
shape is about one node and its neighbours, so a per-resolution run sees
everything a rule needs.  Entries of the authority graph and the topic scheme
that a resolution refers to are merged into its graph first, so that
"mention targets exist in the authority data" can be checked.  The few
cross-resolution rules (``shapes/corpus.ttl``) run once on a small summary
graph (see :func:`summary_triples`).

A :class:`Finding` says which resolution, which paragraph, which rule (shape
name and message) and what to fix; :func:`markdown_report` and
:func:`report_triples` write the human and the machine (Turtle) reports.

>>> shapes = load_shapes("document")
>>> len(set(shapes.subjects(RDF.type, SH.PropertyShape))) > 50
True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KGError
from kg.rdf.iris import Minter
from kg.rdf.namespaces import DCKG, DCKGSH, PROV, RDF, RDFS, SH
from kg.rdf.paths import SHAPES_DIR

__all__ = [
    "SHAPE_SETS",
    "Finding",
    "Report",
    "Validator",
    "load_shapes",
    "markdown_report",
    "predicates_read",
    "report_triples",
    "summary_triples",
]

#: Shape files by the graphs they check: ``reference`` runs once on the
#: authority graph, the topic scheme and the build activity; ``corpus`` once on
#: the cross-resolution summary graph; ``document`` (every other file) on each
#: resolution, or chunk of resolutions.
SHAPE_SETS: dict[str, tuple[str, ...]] = {
    "reference": ("provenance.ttl", "reference.ttl"),
    "corpus": ("corpus.ttl",),
}

Triple = tuple[Node, Node, Node]
_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


def load_shapes(which: str = "all", folder: Path | None = None) -> Graph:
    """The shapes graph: ``"document"``, ``"reference"``, ``"corpus"`` or ``"all"``.

    See :data:`SHAPE_SETS`; ``provenance.ttl`` is in both the document set
    (lineage links live in resolution graphs) and the reference set (the
    build activity).
    """
    folder = folder or SHAPES_DIR
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise KGError("no shape files (*.ttl)", path=str(folder))
    special = {name for names in SHAPE_SETS.values() for name in names} - {"provenance.ttl"}
    g = Graph()
    for f in files:
        if (
            which == "all"
            or f.name in SHAPE_SETS.get(which, ())
            or (which == "document" and f.name not in special)
        ):
            g.parse(f, format="turtle")
    return g


@dataclass(frozen=True, order=True)
class Finding:
    """One SHACL result, located and explained."""

    resolution: str  # symbol, or "" when the node is outside any resolution
    paragraph: str  # paragraph id, or ""
    shape: str  # local name of the source shape ("Directive-strength")
    focus: str
    path: str
    value: str
    component: str  # local name ("MaxInclusiveConstraintComponent")
    severity: str  # "Violation" | "Warning" | "Info"
    rule: str  # sh:name of the shape
    message: str
    fix: str  # sh:description of the shape


@dataclass
class Report:
    """All findings of a build or of ``dckg validate``."""

    findings: list[Finding] = field(default_factory=list)
    graphs: int = 0  # number of data graphs validated

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def add(self, findings: Iterable[Finding]) -> None:
        self.findings = sorted(set(self.findings) | set(findings))


def _local(node: Node | None) -> str:
    text = str(node) if node is not None else ""
    return text.rsplit("#", 1)[-1] if "#" in text else text


class Validator:
    """Runs one shapes graph over data graphs, merging reference entries in.

    ``reference`` holds the authority graph and the topic scheme; for each
    data graph, the reference triples about the nodes it points to (and,
    transitively, what those point to) are added before validation.
    """

    def __init__(
        self,
        shapes: Graph,
        minter: Minter,
        reference: Iterable[Triple] = (),
    ) -> None:
        self.shapes = shapes
        self.minter = minter
        self.index: dict[Node, list[Triple]] = {}
        for t in reference:
            self.index.setdefault(t[0], []).append(t)
        self.read = predicates_read(shapes)
        self._names = {s: str(o) for s, o in shapes.subject_objects(SH.name)}
        self._fixes = {s: str(o) for s, o in shapes.subject_objects(SH.description)}

    def referenced(self, triples: Iterable[Triple]) -> list[Triple]:
        """Reference triples about the objects of ``triples`` that a shape can read.

        Followed transitively; in practice the types and ids of the entries
        and topics a resolution points to.
        """
        todo = [o for _, _, o in triples if isinstance(o, URIRef) and o in self.index]
        seen: set[Node] = set()
        out: list[Triple] = []
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for t in self.index.get(node, ()):
                if t[1] in self.read:
                    out.append(t)
                    if isinstance(t[2], URIRef) and t[2] in self.index:
                        todo.append(t[2])
        return out

    def graph(self, triples: Sequence[Triple]) -> Graph:
        """A plain rdflib graph of ``triples`` plus the reference entries they use.

        Triples whose predicate no shape reads are left out: they cannot
        change a result, and building the graph costs as much as checking it.
        """
        g = Graph()
        read = self.read
        for t in triples:
            if t[1] in read:
                g.add(t)
        for t in self.referenced(triples):
            g.add(t)
        return g

    def validate(self, triples: Sequence[Triple]) -> list[Finding]:
        """Findings for one data graph (one resolution or a batch of them)."""
        return self.validate_graph(self.graph(triples))

    def validate_graph(self, data: Graph) -> list[Finding]:
        _, results, _ = pyshacl_validate(
            data,
            shacl_graph=self.shapes,
            inference="none",
            advanced=False,
            allow_warnings=True,
        )
        assert isinstance(results, Graph)
        return [self._finding(results, r) for r in results.objects(None, SH.result)]

    def _path_text(self, shape: Node | None) -> str:
        """A complex sh:path of a shape, written as a SPARQL property path."""
        from rdflib.collection import Collection

        path = self.shapes.value(shape, SH.path) if shape is not None else None
        if path is None or isinstance(path, URIRef):
            return str(path or "")
        alternatives = self.shapes.value(path, SH.alternativePath)
        if alternatives is not None:
            return "|".join(f"<{p}>" for p in Collection(self.shapes, alternatives))
        return "/".join(f"<{p}>" for p in Collection(self.shapes, path))

    def _finding(self, results: Graph, r: Node) -> Finding:
        def one(p: URIRef) -> Node | None:
            return results.value(r, p)

        focus = one(SH.focusNode)
        shape = one(SH.sourceShape)
        path = one(SH.resultPath)
        path_text = str(path) if isinstance(path, URIRef) else self._path_text(shape)
        symbol, paragraph = self.minter.locate(focus)
        message = one(SH.resultMessage)
        value = one(SH.value)
        return Finding(
            resolution=symbol or "",
            paragraph=paragraph or "",
            shape=_local(shape) if isinstance(shape, URIRef) else "(anonymous shape)",
            focus=str(focus),
            path=path_text,
            value=str(value) if value is not None else "",
            component=_local(one(SH.sourceConstraintComponent)),
            severity=_local(one(SH.resultSeverity)),
            rule=self._names.get(shape, _local(shape)) if shape is not None else "",
            message=str(message) if message is not None else "",
            fix=self._fixes.get(shape, "") if shape is not None else "",
        )


#: Shape parameters whose values are predicates of the data graph.
_PREDICATE_PARAMETERS = (
    SH.path,
    SH.equals,
    SH.disjoint,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
)


def predicates_read(shapes: Graph) -> frozenset[Node]:
    """Every predicate a shape can look at (paths, comparisons, targets, types).

    >>> RDF.type in predicates_read(load_shapes("document"))
    True
    """
    from rdflib.collection import Collection

    found: set[Node] = {RDF.type, RDFS.subClassOf}
    todo = [o for p in _PREDICATE_PARAMETERS for o in shapes.objects(None, p)]
    while todo:
        node = todo.pop()
        if isinstance(node, URIRef):
            found.add(node)
            continue
        first = shapes.value(node, RDF.first)
        if first is not None:
            todo += list(Collection(shapes, node))
        for p in (
            SH.alternativePath,
            SH.inversePath,
            SH.zeroOrMorePath,
            SH.oneOrMorePath,
            SH.zeroOrOnePath,
        ):
            todo += list(shapes.objects(node, p))
    return frozenset(found)


def summary_triples(
    texts: Mapping[URIRef, Sequence[URIRef]],
    derivations: Iterable[Triple] = (),
    paragraphs: Iterable[URIRef] = (),
) -> list[Triple]:
    """The small graph the cross-resolution shapes run on.

    ``texts`` maps each resolution text node to the source files it was read
    from (more than one when two files gave the same symbol); ``derivations``
    are the ``dckg:derivedFrom`` triples; ``paragraphs`` the paragraphs that
    exist, of which those named by a derivation get their type.
    """
    out: list[Triple] = []
    for text, sources in texts.items():
        out.append((text, RDF.type, DCKG.ResolutionText))
        out += [(text, PROV.wasDerivedFrom, s) for s in sources]
    derived = list(derivations)
    targets = {o for _, _, o in derived}
    out += derived
    out += [(p, RDF.type, DCKG.Paragraph) for p in paragraphs if p in targets]
    return out


def markdown_report(report: Report, title: str = "Validation report") -> str:
    """The human report: a summary, then findings grouped by resolution and paragraph."""
    lines = [f"# {title}", ""]
    v = len(report.violations)
    others = len(report.findings) - v
    if report.conforms:
        lines.append(f"The graph conforms to the shapes ({report.graphs} graph(s) checked).")
    else:
        lines.append(
            f"**{v} violation(s)** in {report.graphs} graph(s) checked; "
            "each entry says where, which rule, and what to fix."
        )
    if others:
        lines.append(f"{others} warning(s) or note(s).")
    current: tuple[str, str] | None = None
    for f in report.findings:
        where = (f.resolution, f.paragraph)
        if where != current:
            current = where
            head = f.resolution or "outside any resolution"
            if f.paragraph:
                head += f", paragraph {f.paragraph}"
            lines += ["", f"## {head}", ""]
        value = f" (value: `{f.value}`)" if f.value else ""
        lines.append(f"- **{f.severity}** — {f.rule} [`{f.shape}`, {f.component}]{value}")
        lines.append(f"  - node: <{f.focus}>")
        lines.append(f"  - rule: {f.message}")
        if f.fix:
            lines.append(f"  - fix: {f.fix}")
    return "\n".join(lines) + "\n"


def report_triples(report: Report, minter: Minter) -> list[Triple]:
    """The machine report as SHACL validation-report triples, with minted IRIs.

    Result nodes are named by a digest of their content, so the same findings
    always give the same triples.
    """
    root = minter.validation_result("report")
    out: list[Triple] = [
        (root, RDF.type, SH.ValidationReport),
        (root, SH.conforms, Literal(report.conforms)),
    ]
    for f in report.findings:
        digest = hashlib.sha256(repr(f).encode("utf-8")).hexdigest()[:20]
        node = minter.validation_result(digest)
        out += [
            (root, SH.result, node),
            (node, RDF.type, SH.ValidationResult),
            (node, SH.focusNode, URIRef(f.focus) if _IRI.fullmatch(f.focus) else Literal(f.focus)),
            (node, SH.sourceConstraintComponent, SH[f.component]),
            (node, SH.resultSeverity, SH[f.severity]),
            (node, SH.resultMessage, Literal(f.message)),
        ]
        if not f.shape.startswith("("):
            out.append((node, SH.sourceShape, DCKGSH[f.shape]))
        if _IRI.fullmatch(f.path):
            out.append((node, SH.resultPath, URIRef(f.path)))
        if f.value:
            iri = _IRI.fullmatch(f.value)
            out.append((node, SH.value, URIRef(f.value) if iri else Literal(f.value)))
    return out
