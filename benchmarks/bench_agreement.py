"""Agreement of the text readers with the AKN reader over the AKN corpus.

For each AKN resolution: read it (``kg.read.akn``), render the document in
the two text shapes (``tests/render.py``: flat text like the 63/197 seed, PDF
text like the 61/183 seed), read the renderings back with ``read_flat`` and
``read_pdftext``, and compare with the AKN reading:

* operative numbering: the ids and printed numbers of the operative
  paragraphs, in order;
* paragraph texts: each paragraph's text after white-space normalisation,
  matched by id;
* structure: (id, kind, parent, label) of every paragraph, in order;
* footnote anchors: (marker, paragraph, offset) of every anchored note and
  repetition.

Usage::

    python benchmarks/bench_agreement.py [--corpus ../shared/corpus/akn] [--every N]
        [--show K] [--diff] [--only TEXT] [--worst K]

prints the rates per shape and the first K disagreements; ``--diff`` prints
every disagreeing paragraph of every file (not only the first few),
``--only`` keeps the files whose name contains TEXT (or one of several texts
separated by commas), ``--worst`` lists the K files with the most paragraphs
whose texts differ.
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from kg.errors import KGError
from kg.model import Document
from kg.read.akn import read_akn
from kg.read.flat import read_flat
from kg.read.pdftext import read_pdftext

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "akn"


def _load_render() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_render", ROOT / "tests" / "render.py")
    if spec is None or spec.loader is None:  # pragma: no cover
        raise ImportError("tests/render.py not found")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))


def _norm(text: str) -> str:
    """White space collapsed; invisible format characters (LRM, ZWSP, soft hyphen) dropped."""
    return " ".join(text.translate(_INVISIBLE).split())


@dataclass
class Agreement:
    """How one text reading agrees with the AKN reading of the same resolution."""

    file: str
    shape: str
    error: str = ""
    numbering: bool = False
    structure: bool = False
    anchors: bool = False
    paragraphs: int = 0
    same_text: int = 0
    diffs: list[str] = field(default_factory=list)
    text_diffs: list[str] = field(default_factory=list)  # every paragraph whose text differs


def anchors(doc: Document) -> list[tuple[str, str, int]]:
    """(marker, paragraph, offset) of every anchored footnote and repetition."""
    out: list[tuple[str, str, int]] = []
    for fn in doc.footnotes:
        if fn.paragraph is not None and fn.offset is not None:
            out.append((fn.marker, fn.paragraph, fn.offset))
        out.extend((fn.marker, r.paragraph, r.offset) for r in fn.refs)
    return sorted(out)


def compare(akn: Document, text: Document, file: str, shape: str) -> Agreement:
    """Compare a text reading with the AKN reading."""
    a = Agreement(file, shape)
    ops_a = [(p.id, p.number) for p in akn.operative]
    ops_t = [(p.id, p.number) for p in text.operative]
    a.numbering = ops_a == ops_t
    if not a.numbering:
        a.diffs.append(f"numbering: akn {_first_diff(ops_a, ops_t)}")
    st_a = [(p.id, p.kind, p.parent, p.label) for p in akn.paragraphs]
    st_t = [(p.id, p.kind, p.parent, p.label) for p in text.paragraphs]
    a.structure = st_a == st_t
    if not a.structure:
        a.diffs.append(f"structure: {_first_diff(st_a, st_t)}")
    by_id = {p.id: p for p in text.paragraphs}
    for p in akn.paragraphs:
        a.paragraphs += 1
        q = by_id.get(p.id)
        if q is not None and _norm(q.text) == _norm(p.text):
            a.same_text += 1
            continue
        x, y = _norm(p.text), _norm(q.text) if q else ""
        i = next((k for k in range(min(len(x), len(y))) if x[k] != y[k]), min(len(x), len(y)))
        lo = max(0, i - 70)
        a.text_diffs.append(f"text {p.id} at {i}:\n    akn : {x[lo:i + 90]!r}\n    text: "
                            f"{y[lo:i + 90] if q else None!r}")
    a.diffs.extend(a.text_diffs[:3])
    # PDF shape drops notes that are not anchored (no body is printed for them)
    an_a = anchors(akn)
    an_t = anchors(text)
    a.anchors = an_a == an_t
    if not a.anchors:
        a.diffs.append(f"anchors: {_first_diff(an_a, an_t)}")
    return a


def _first_diff(x: Sequence[object], y: Sequence[object]) -> str:
    for i, (u, v) in enumerate(zip(x, y, strict=False)):
        if u != v:
            return f"#{i}: {u!r} != {v!r}"
    return f"lengths {len(x)} != {len(y)}" + (
        f"; extra {(x[len(y)] if len(x) > len(y) else y[len(x)])!r}"
    )


def check_file(path: Path, render: ModuleType) -> list[Agreement]:
    """Both shapes for one AKN file; [] when the AKN reader refuses the file."""
    data = path.read_bytes()
    try:
        akn = read_akn(data, str(path), "0")
    except KGError:
        return []
    shapes: list[tuple[str, Callable[[Document], str], Callable[[str, str, str], Document]]] = [
        ("flat", render.render_flat, read_flat),
        ("pdf", render.render_pdf, read_pdftext),
    ]
    out = []
    for shape, rend, read in shapes:
        try:
            doc = read(rend(akn), path.name, "0")
        except KGError as exc:
            out.append(Agreement(path.name, shape, error=str(exc)))
            continue
        out.append(compare(akn, doc, path.name, shape))
    return out


def corpus_files(root: Path, every: int = 1) -> list[Path]:
    files = sorted(root.rglob("*.xml"))
    return files[::every] if every > 1 else files


def summarise(results: Iterable[Agreement]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    for shape in ("flat", "pdf"):
        rs = [r for r in results if r.shape == shape]
        if not rs:
            continue
        n = len(rs)
        paras = sum(r.paragraphs for r in rs)
        table[shape] = {
            "documents": n,
            "read errors": sum(1 for r in rs if r.error),
            "numbering %": 100.0 * sum(r.numbering for r in rs) / n,
            "structure %": 100.0 * sum(r.structure for r in rs) / n,
            "anchors %": 100.0 * sum(r.anchors for r in rs) / n,
            "paragraphs": paras,
            "paragraph texts %": 100.0 * sum(r.same_text for r in rs) / max(1, paras),
        }
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--every", type=int, default=1, help="take every N-th file")
    ap.add_argument("--show", type=int, default=10, help="print the first K disagreements")
    ap.add_argument("--diff", action="store_true", help="print every differing paragraph")
    ap.add_argument("--only", default="", help="keep the files whose name contains TEXT "
                    "(several texts separated by commas)")
    ap.add_argument("--worst", type=int, default=0, help="list the K files with most text diffs")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    render = _load_render()
    t0, c0 = time.perf_counter(), time.process_time()
    results: list[Agreement] = []
    for path in corpus_files(args.corpus, args.every):
        if any(t in path.name for t in args.only.split(",")):
            results.extend(check_file(path, render))
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    shown = 0
    for r in results:
        if (r.error or r.diffs) and shown < args.show:
            shown += 1
            print(f"--- {r.file} [{r.shape}] {r.error}")
            rest = [d for d in r.diffs if not d.startswith("text ")]
            for d in rest + (r.text_diffs if args.diff else r.text_diffs[:3]):
                print("  ", d)
    worst = sorted(results, key=lambda r: (-len(r.text_diffs), r.file, r.shape))[: args.worst]
    for r in worst:
        if r.text_diffs:
            print(f"{len(r.text_diffs):5d} of {r.paragraphs:5d} texts differ: {r.file} [{r.shape}]")
    print(f"\n{len(results) // 2} AKN files read, {secs:.1f} s ({cpu:.1f} s CPU), "
          f"{platform.python_implementation()} {platform.python_version()}")
    for shape, row in summarise(results).items():
        cells = ", ".join(
            f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in row.items()
        )
        print(f"{shape}: {cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
