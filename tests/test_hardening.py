"""Hardening: hostile inputs give a clear error or a correct result, in bounded time and memory.

Every input is made at test time by ``tests/hostile.py`` (nothing large is
committed).  What each must give:

* through the library: a :class:`kg.errors.ReadError` / :class:`KGError`
  with a one-line message, or a document whose spans slice ``doc.text``;
* through ``dckg extract`` / ``dckg build``: exit status 2 and one line on
  stderr without a traceback;
* always within a wall-time bound and a memory budget.  The bounds are
  generous (the machine is shared and slow): they guard against blow-ups
  (quadratic loops, catastrophic backtracking, entity expansion), they are not
  benchmarks.  Each heavy input runs in a forked child process
  (:func:`isolated`) with an address-space limit and a deadline, so that a
  blow-up fails its own test instead of hanging or swapping the suite.

Blow-ups found and fixed (each fix carries a comment naming this file):
citations ``_is_boundary`` (a backtracking ``[\\w.]+$`` search, 50,000 digits
took 50 s), mentions ``_pronouns`` / ``_names`` / ``_unknown_names`` (clause
windows without a bound, 80,000 characters of "its its ..." took minutes),
directives ``_chain`` (parallel addressees searched from the same place for
every candidate), PDF text ``_split_pages`` (50 MB of newlines: 86 s, 4 GB).
"""

from __future__ import annotations

import contextlib
import importlib.util
import multiprocessing
import resource
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kg.errors import KGError
from kg.model import Citation, Document, Mention

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


H = _load("_hostile", ROOT / "tests" / "hostile.py")


# ------------------------------------------------------------ isolation


@dataclass(frozen=True)
class Outcome:
    """What a function run in a child process gave: a value or an exception, and its cost."""

    value: Any = None
    error: str = ""  # exception type name, "" when the call returned
    message: str = ""
    kg_error: bool = False  # the exception was a KGError (ReadError included)
    seconds: float = 0.0
    peak_mb: float = 0.0  # growth of the resident set while the function ran


def _status(field: str) -> int:
    """A ``/proc/self/status`` value in kB (0 where there is no /proc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _child(conn: Any, fn: Callable[..., Any], args: tuple[Any, ...], mb: int) -> None:
    vm = _status("VmSize") * 1024
    if vm:  # an address-space budget on top of what the fork inherited
        resource.setrlimit(resource.RLIMIT_AS, (vm + mb * 2 * 2**20, resource.RLIM_INFINITY))
    with contextlib.suppress(OSError):  # reset the peak resident set (Linux): VmHWM = this call
        Path("/proc/self/clear_refs").write_text("5")
    rss0 = _status("VmRSS")
    started = time.perf_counter()
    try:
        value = fn(*args)
        out = Outcome(value=value)
    except BaseException as exc:  # reported to the parent, which decides
        tb = traceback.format_exc(limit=-3) if not isinstance(exc, KGError) else ""
        out = Outcome(
            error=type(exc).__name__,
            message=str(exc) + (f"\n{tb}" if tb else ""),
            kg_error=isinstance(exc, KGError),
        )
    seconds = time.perf_counter() - started
    peak = max(0, _status("VmHWM") - rss0) / 1024
    conn.send(Outcome(out.value, out.error, out.message, out.kg_error, seconds, peak))
    conn.close()


def isolated(fn: Callable[..., Any], *args: Any, seconds: float, mb: int) -> Outcome:
    """Run ``fn(*args)`` in a forked child: fail the test past ``seconds`` or ``mb`` MiB.

    The child gets an address-space limit (what it inherited plus twice the
    budget), so an allocation blow-up ends in MemoryError instead of swapping
    the machine; the parent kills it at the deadline.
    """
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, fn, args, mb), daemon=True)
    proc.start()
    send.close()
    try:
        if not receive.poll(seconds):
            pytest.fail(f"{getattr(fn, '__name__', fn)}: still running after {seconds} s")
        try:
            out: Outcome = receive.recv()
        except EOFError:
            pytest.fail(f"{getattr(fn, '__name__', fn)}: the child died (exit {proc.exitcode})")
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
    assert out.error != "MemoryError", f"ran out of its {mb} MiB budget"
    assert out.peak_mb <= mb, f"peak {out.peak_mb:.0f} MiB > budget {mb} MiB"
    return out


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """Load the lexicons and pattern tables once here, so that forked children inherit them."""
    from kg.extract import annotate
    from kg.read import read_bytes

    annotate(read_bytes(H.seed("63_197")))


# -------------------------------------------------------------- checks


def span_problems(doc: Document) -> list[str]:
    """Every span that does not slice ``doc.text`` to the item's text."""
    bad: list[str] = []
    n = len(doc.text)
    for p in doc.paragraphs:
        s, e = p.span
        if doc.text[s:e] != p.text:
            bad.append(f"{p.id}: paragraph span")
        items: tuple[Mention | Citation, ...] = (*p.mentions, *p.citations)
        for item in items:
            s, e = item.span
            if doc.text[s:e] != item.text:
                bad.append(f"{p.id}: {type(item).__name__} {item.text[:30]!r}")
        for t in p.topics:
            if doc.text[t.span[0] : t.span[1]] != t.evidence:
                bad.append(f"{p.id}: topic {t.topic}")
        for d in p.directives:
            if not 0 <= d.span[0] <= d.span[1] <= n:
                bad.append(f"{p.id}: directive {d.verb} span {d.span}")
    for f in doc.footnotes:
        if f.span is not None and doc.text[f.span[0] : f.span[1]] != f.text:
            bad.append(f"footnote {f.marker}")
    return bad


def read_and_annotate(data: bytes, name: str = "<hostile>", extract: bool = True) -> dict[str, Any]:
    """Read (and annotate) ``data``; a small summary the parent can check."""
    from kg.extract import annotate
    from kg.read import read_bytes

    doc = read_bytes(data, source=name)
    if extract:
        doc = annotate(doc)
    return {
        "format": doc.format,
        "ids": [p.id for p in doc.paragraphs],
        "operative": len(doc.operative),
        "problems": span_problems(doc),
        "text": doc.text if len(doc.text) < 100_000 else "",
    }


def one_line_error(out: Outcome) -> str:
    """The message of a KGError outcome, checked to be one clear line."""
    assert out.kg_error, f"expected a ReadError/KGError, got {out.error}: {out.message}"
    assert "\n" not in out.message and out.message.strip(), out.message
    assert "Traceback" not in out.message
    return out.message


# ------------------------------------------- regular-expression stress


@pytest.mark.parametrize("family", sorted(H.PATHOLOGICAL))
def test_pathological_text_reads_and_extracts_in_bounded_time(family: str) -> None:
    """One operative paragraph of a real resolution carries 20-100 k stress characters."""
    stress = H.PATHOLOGICAL[family]
    data = H.flat_resolution([H.PREAMBLE], [H.OPERATIVE + " " + stress, H.OPERATIVE]).encode()
    out = isolated(read_and_annotate, data, seconds=20, mb=600)
    assert not out.error, out.message
    assert out.value["problems"] == []
    assert out.value["operative"] >= 1


@pytest.mark.parametrize("family", sorted(H.PATHOLOGICAL))
def test_pathological_extraction_on_a_bare_paragraph(family: str) -> None:
    """The extractors alone, on the stress text as the whole paragraph (no reader in between)."""
    out = isolated(_annotate_text, H.PATHOLOGICAL[family], seconds=20, mb=600)
    assert not out.error, out.message
    assert out.value == []


def _annotate_text(text: str) -> list[str]:
    from kg.extract import annotate
    from kg.model import Metadata
    from kg.read.assemble import ParagraphDraft, assemble

    doc = assemble(Metadata("A/RES/1/1", "GA"), [ParagraphDraft("operative", "1", text)], [])
    return span_problems(annotate(doc))


def test_long_prose_extraction_grows_linearly() -> None:
    """A 1 MB paragraph of real prose: the old pronoun search took minutes (quadratic)."""
    data = H.long_line(1_000_000).encode()
    out = isolated(read_and_annotate, data, seconds=90, mb=1500)
    assert not out.error, out.message
    assert out.value["problems"] == []
