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


def _euid() -> int:
    import os

    return os.geteuid() if hasattr(os, "geteuid") else -1


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
    """20-100 k stress characters, read and extracted twice: inside an operative paragraph
    of a real flat resolution, and alone as a paragraph given to the extractors."""
    out = isolated(_read_and_extract_stress, H.PATHOLOGICAL[family], seconds=30, mb=600)
    assert not out.error, out.message
    read, bare = out.value
    assert read["problems"] == [] and read["operative"] >= 1
    assert bare == []


def _read_and_extract_stress(stress: str) -> tuple[dict[str, Any], list[str]]:
    data = H.flat_resolution([H.PREAMBLE], [H.OPERATIVE + " " + stress, H.OPERATIVE]).encode()
    return read_and_annotate(data), _annotate_text(stress)


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


# ---------------------------------------------------------- XML attacks


def test_billion_laughs_is_refused_quickly() -> None:
    out = isolated(read_and_annotate, H.billion_laughs(), seconds=10, mb=200)
    assert "DOCTYPE" in one_line_error(out)


@pytest.mark.parametrize(
    "make",
    [H.doctype_after_padding, H.utf16_billion_laughs],
    ids=["doctype-after-64k-of-comment", "utf16-without-bom"],
)
def test_entity_bombs_the_doctype_check_cannot_see_are_refused(make: Callable[[], bytes]) -> None:
    """The byte check looks at the first 64 KiB in ASCII; the parser's limits and the
    DOCTYPE check on the parsed tree still refuse the bomb."""
    out = isolated(read_and_annotate, make(), seconds=10, mb=200)
    one_line_error(out)


def test_external_entities_are_refused_and_nothing_is_fetched() -> None:
    """file:// and http:// entities, and a parameter entity pulling an external DTD,
    against a listening socket of our own: no connection may reach it."""
    import socket

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(5)
        server.setblocking(False)
        url = f"http://127.0.0.1:{server.getsockname()[1]}/evil"
        padded = H.external_entity(url).replace(
            b"\n<!DOCTYPE", b"\n<!--" + b" " * 70_000 + b"-->\n<!DOCTYPE"
        )
        inputs = [
            H.external_entity("file:///etc/passwd"),
            H.external_entity(url),
            H.parameter_entities(url + ".dtd"),
            padded,
        ]
        for data in inputs:
            out = isolated(read_and_annotate, data, seconds=10, mb=200)
            message = one_line_error(out)
            assert "root:" not in message
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody connected


def test_xml_nested_ten_thousand_levels_deep_is_refused() -> None:
    out = isolated(read_and_annotate, H.deep_xml(10_000), seconds=10, mb=300)
    assert "malformed XML" in one_line_error(out)


def test_xml_nested_below_the_parser_limit_reads() -> None:
    """200 levels of <span> (the parser allows 256): the text is found, no recursion error."""
    out = isolated(read_and_annotate, H.deep_xml(200), seconds=20, mb=300)
    assert not out.error, out.message
    assert out.value["ids"] == ["pp1", "op1", "op2"]
    assert "Urges States;" in out.value["text"]


# ------------------------------------------------------------ encodings


def _read(data: bytes) -> Document:
    from kg.read import read_bytes

    return read_bytes(data, source="<hostile>")


def test_nul_bytes_are_refused() -> None:
    with pytest.raises(KGError, match="binary file"):
        _read(H.with_nul())


def test_utf16_with_bom_reads_like_utf8() -> None:
    """It was refused as 'binary file (NUL bytes)'."""
    seed = _read(H.seed("63_197"))
    doc = _read(H.utf16_bom())
    assert [(p.id, p.text) for p in doc.paragraphs] == [(p.id, p.text) for p in seed.paragraphs]


def test_utf16_akn_with_bom_reads() -> None:
    xml = H.akn_resolution(["Urges States;"]).decode().replace("UTF-8", "UTF-16")
    doc = _read(xml.encode("utf-16"))
    assert doc.meta.symbol == "A/RES/75/198" and doc.paragraphs[-1].text == "Urges States;"


def test_utf8_with_windows_1252_bytes_reads_both_right() -> None:
    """UTF-8 text with a Windows-1252 quote pair and "é" pasted in: both parts read right
    (the whole file was read as Windows-1252 before: "Comité" came out "ComitÃ©")."""
    doc = _read(H.mixed_encodings())
    texts = [p.text for p in doc.paragraphs]
    assert "Noting the work of the Comit\u00e9 in C\u00f4te d\u2019Ivoire," in texts
    assert any("\u201ccaf\u00e9\u201d" in t for t in texts)
    assert span_problems(doc) == []


def test_latin1_reads() -> None:
    doc = _read(H.latin1())
    assert "Noting the work of the Comit\u00e9 in C\u00f4te d'Ivoire," in [
        p.text for p in doc.paragraphs
    ]


def test_bytes_undefined_in_windows_1252_give_one_line() -> None:
    with pytest.raises(KGError, match=r"neither UTF-8 nor Windows-1252 \(byte 0x81"):
        _read(H.flat_resolution([H.PREAMBLE], [H.OPERATIVE]).encode() + b"\x81")


# --------------------------------------------------------------- files


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", b"\xef\xbb\xbf \n"])
def test_empty_and_blank_files_give_one_line(tmp_path: Path, content: bytes) -> None:
    from kg.read import read_path

    with pytest.raises(KGError) as info:
        read_path(H.write(tmp_path, "blank.txt", content))
    assert "\n" not in str(info.value) and str(tmp_path) in str(info.value)


def _special(tmp_path: Path, kind: str) -> Path:
    import os

    if kind == "directory":
        return tmp_path
    if kind == "missing":
        return tmp_path / "missing.txt"
    if kind == "symlink-loop":
        (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
        return tmp_path / "loop.txt"
    if kind == "fifo":
        os.mkfifo(tmp_path / "pipe.txt")
        return tmp_path / "pipe.txt"
    if kind == "device":
        return Path("/dev/zero")
    if kind == "sparse-1GB":
        with (tmp_path / "sparse.txt").open("wb") as f:
            f.truncate(1 << 30)
        return tmp_path / "sparse.txt"
    raise KeyError(kind)


SPECIAL = {
    "directory": "is a directory",
    "missing": "no such file",
    "symlink-loop": "symbolic links",
    "fifo": "not a regular file",
    "device": "not a regular file",
    "sparse-1GB": "file too large",
}


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_special_files_are_refused_without_reading_them(tmp_path: Path, kind: str) -> None:
    """A named pipe blocked read_path forever; /dev/zero and a 1 GB sparse file were read
    whole into memory before the size check."""
    from kg.read import read_path

    path = _special(tmp_path, kind)
    out = isolated(read_path, path, seconds=10, mb=100)
    assert SPECIAL[kind] in one_line_error(out)


@pytest.mark.skipif(sys.platform == "win32" or _euid() == 0, reason="root reads any file")
def test_unreadable_file_gives_one_line(tmp_path: Path) -> None:
    from kg.read import read_path

    path = H.write(tmp_path, "secret.txt", H.seed("63_197"))
    path.chmod(0)
    with pytest.raises(KGError, match="Permission denied"):
        read_path(path)


# ----------------------------------------------------------------- size


def test_a_file_over_the_limit_is_refused_quickly(tmp_path: Path) -> None:
    from kg.read import MAX_BYTES, read_bytes, read_path

    path = H.write(tmp_path, "big.txt", H.padded_to(MAX_BYTES + 1))
    out = isolated(read_path, path, seconds=5, mb=100)
    assert "file too large" in one_line_error(out)
    with pytest.raises(KGError, match="file too large"):
        read_bytes(path.read_bytes())


def _just_under(kind: str, size: int) -> bytes:
    """A resolution filled up to ``size`` bytes with one kind of filler."""
    import textwrap

    pdf: bytes = H.seed("61_183")
    body = pdf.index(b"Gravely concerned")  # fillers go between two preambular paragraphs

    def fill(unit: bytes) -> bytes:
        n, rest = divmod(size - len(pdf), len(unit))
        return pdf[:body] + unit * n + b"\n" * rest + pdf[body:]

    if kind == "blank-lines":
        return bytes(H.padded_to(size, pad=b"\n"))
    if kind == "trailing-spaces":
        return bytes(H.padded_to(size, pad=b" "))
    if kind == "footnote-lines":  # short lines after the last footnote block: its text
        return bytes(H.padded_to(size, pad=b"xy\n"))
    if kind == "hyphenated-lines":  # every line joined to the one before
        return fill(b" ab-\n")
    if kind == "pdf-paragraphs":
        wrapped = "\n".join(f" {ln} " for ln in textwrap.wrap(H.PREAMBLE, 88))
        return fill(f"{wrapped}\n\n".encode())
    if kind == "flat-line":
        return str(H.long_line(size)).encode()[:size]
    if kind == "akn-whitespace":
        xml = bytes(H.akn_resolution([H.OPERATIVE]))
        return xml + b" " * (size - len(xml))
    raise KeyError(kind)


@pytest.mark.parametrize(
    "kind",
    [
        "blank-lines",
        "trailing-spaces",
        "footnote-lines",
        "hyphenated-lines",
        "pdf-paragraphs",
        "flat-line",
        "akn-whitespace",
    ],
)
def test_a_file_just_under_the_limit_is_read_in_bounded_time(tmp_path: Path, kind: str) -> None:
    """Read only (extraction has its own tests): 50 MB of newlines took 86 s and 4 GB, a
    footnote followed by short lines and hyphenated lines were quadratic."""
    from kg.read import MAX_BYTES

    data = _just_under(kind, MAX_BYTES - 1)
    assert MAX_BYTES - 100 <= len(data) < MAX_BYTES
    path = H.write(tmp_path, "under.txt", data)
    out = isolated(_read_summary, path, seconds=90, mb=1500)
    assert not out.error or out.kg_error, out.message
    if out.error:
        one_line_error(out)
    else:
        assert out.value == []


def _read_summary(path: Path) -> list[str]:
    from kg.read import read_path

    return span_problems(read_path(path))


def test_a_ten_megabyte_line_is_read_in_bounded_time() -> None:
    """One line of 10 MB of prose, given as bytes (over the file limit, so read_bytes
    refuses it at once) and as 4 MB under the limit: read in bounded time."""
    from kg.read import MAX_BYTES, read_bytes

    line = H.long_line(10_000_000).encode()
    with pytest.raises(KGError, match="file too large"):
        read_bytes(line)
    out = isolated(read_and_annotate, line[: MAX_BYTES - 100], "line", False, seconds=60, mb=1500)
    assert not out.error, out.message
    assert out.value["problems"] == []


def test_a_million_footnote_markers() -> None:
    """'word1 word2 ... word1000000' and 'Protocol,1 Protocol,2 ...': as a file it is over
    the size limit (refused at once); the marker stage takes the million in bounded time,
    with and without known footnote bodies; a resolution with 100,000 of them is read
    and extracted."""
    from kg.read import read_bytes

    words = H.many_markers(1_000_000).encode()
    with pytest.raises(KGError, match="file too large"):
        read_bytes(words)
    out = isolated(_strip_a_million, seconds=90, mb=2000)
    assert not out.error, out.message
    assert out.value == [199, 999]  # flat text takes markers up to 199; PDF text the known ones
    out = isolated(
        read_and_annotate, H.many_markers(100_000, "Protocol,{}").encode(), seconds=60, mb=1500
    )
    assert not out.error, out.message
    assert out.value["problems"] == []


def _strip_a_million() -> list[int]:
    from kg.read.markers import strip_markers

    words = " ".join(f"word{i}" for i in range(1, 1_000_001))
    protocols = " ".join(f"Protocol,{i}" for i in range(1, 1_000_001))
    return [
        len(strip_markers(words, known=None).markers),
        len(strip_markers(protocols, known=[str(i) for i in range(1, 1000)]).markers),
    ]


def test_five_thousand_operative_paragraphs_in_text() -> None:
    """Numbers 1000 and up were not taken: paragraphs 1000-5000 ran into op999."""
    out = isolated(
        read_and_annotate, H.many_operative_text(5000).encode(), "ops", False, seconds=60, mb=1500
    )
    assert not out.error, out.message
    assert out.value["operative"] == 5000 and out.value["ids"][-1] == "op5000"
    assert out.value["problems"] == []


def test_five_thousand_operative_paragraphs_in_akn() -> None:
    out = isolated(read_and_annotate, H.many_operative_akn(5000), seconds=60, mb=1500)
    assert not out.error, out.message
    assert out.value["operative"] == 5000 and out.value["ids"][-1] == "op5000"
    assert out.value["problems"] == []


# ------------------------------------------------------- the command line

#: name -> bytes of a hostile input file (all refused by the readers).
BAD_FILES: dict[str, Callable[[], bytes]] = {
    "billion-laughs.xml": H.billion_laughs,
    "xxe.xml": lambda: H.external_entity("file:///etc/passwd"),
    "deep.xml": lambda: H.deep_xml(10_000),
    "nul.txt": H.with_nul,
    "empty.txt": lambda: b"",
    "prose.txt": lambda: b"Just some words, no resolution at all.\n" * 20,
}


def _stderr_lines(stderr: str) -> list[str]:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert all(ln.startswith("dckg: ") for ln in lines), stderr
    assert "Traceback" not in stderr
    return lines


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_dckg_extract_refuses_a_hostile_file_with_one_line(tmp_path: Path, name: str) -> None:
    """Exit 2; stderr: one line naming the file and its problem (and the count line)."""
    from click.testing import CliRunner

    from kg.cli import main

    path = H.write(tmp_path, name, BAD_FILES[name]())
    result = CliRunner().invoke(main, ["extract", "--no-extract", str(path)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    lines = _stderr_lines(result.stderr)
    assert lines[0].startswith(f"dckg: {path}: ") and len(lines) == 2
    assert lines[1] == f"dckg: 1 of 1 file(s) failed: {path}"
    assert result.stdout.strip() == "[]"


def test_dckg_extract_skips_special_files_and_reads_the_good_one(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    good = H.write(tmp_path, "good.txt", H.seed("63_197"))
    bad = [_special(tmp_path, k) for k in ("fifo", "symlink-loop", "missing", "device")]
    args = ["extract", "--no-extract", "--format", "jsonl", *map(str, [*bad, good])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    lines = _stderr_lines(result.stderr)
    assert len(lines) == len(bad) + 1
    assert [ln.split(": ")[1] for ln in lines[:-1]] == [str(p) for p in bad]
    assert '"symbol": "A/RES/63/197"' in result.stdout


def test_dckg_build_refuses_a_hostile_file_in_a_real_process(tmp_path: Path) -> None:
    """The installed command, as a user runs it: exit 2, one stderr line, no traceback,
    and no output folder left behind."""
    import subprocess

    good = H.write(tmp_path, "good.txt", H.seed("63_197"))
    for name in ("billion-laughs.xml", "nul.txt"):
        bad = H.write(tmp_path, name, BAD_FILES[name]())
        out = tmp_path / f"out-{name}"
        cmd = [sys.executable, "-m", "kg.cli", "build", "-q", "--jobs", "1", "--out", str(out)]
        proc = subprocess.run(
            [*cmd, str(good), str(bad)], capture_output=True, text=True, timeout=300
        )
        assert proc.returncode == 2, proc.stderr
        lines = _stderr_lines(proc.stderr)
        assert len(lines) == 1 and str(bad) in lines[0], proc.stderr
        assert not out.exists()


# ------------------------------------------------------------------ ask

BASE_QUESTION = "which paragraphs address INCB funding"
#: fragments put into BASE_QUESTION (after "INCB"): none may change the query's structure
INJECTIONS = [
    '" } DROP ALL { "',
    '" } ; DELETE WHERE { ?s ?p ?o } #',
    "} UNION { ?s ?p ?o } FILTER(true) {",
    "<http://example.org/evil> ?p ?o .",
    "<script>alert(1)</script>",
    "\\\" \\u0022 \\\\ '''",
    "\x00\x07\x1b[31m\x7f",
    "\n} LIMIT 1\n#",
    "\u202e\u200b\ufeff",
    "%22%7D%20DROP%20ALL",
    "$p ?c ?ev ?what",
]
#: questions that must be refused or answered, never crash
HOSTILE_QUESTIONS = [
    "x" * 10_000,
    "INCB " * 2_000,
    "1" * 499,
    "resolution " * 45,
    "(a)" * 160,
    "/" * 499,
    "\u0406NCB funding",  # Cyrillic capital I
    "\uff29\uff2e\uff23\uff22 funding",  # full-width INCB
    "I\u200bNCB funding",  # zero-width space inside
    "INCB\u0301 funding",  # combining accent
    "\ud800 INCB funding",  # a lone surrogate
    "",
    "   ",
    "?",
    "SELECT * WHERE { ?s ?p ?o }",
    'INCB" } DROP ALL { "',
]


@pytest.fixture(scope="module")
def empty_engine() -> Any:
    from pyoxigraph import Store

    from kg.query import OxigraphEngine

    return OxigraphEngine(Store())


def _structure(sparql: str | None) -> str | None:
    return None if sparql is None else " ".join(sparql.split())


@pytest.mark.parametrize("fragment", INJECTIONS, ids=range(len(INJECTIONS)))
def test_ask_injections_do_not_change_the_query(fragment: str, empty_engine: Any) -> None:
    """The question's words never reach the SPARQL: with the fragment the query is the
    one of the plain question, and it parses."""
    from pyoxigraph import Store

    from kg.ask import ask, interpret
    from kg.ask.sparql import build

    plain = build(interpret(BASE_QUESTION))
    hostile_q = BASE_QUESTION.replace("INCB", "INCB " + fragment)
    hostile = interpret(hostile_q)
    assert hostile.understood, hostile.problems
    assert _structure(build(hostile).sparql) == _structure(plain.sparql)
    Store().query(build(hostile).sparql)  # a valid query
    result = ask(hostile_q, empty_engine)
    assert result.message.startswith("No answers") and not result.answers


@pytest.mark.parametrize("question", HOSTILE_QUESTIONS, ids=range(len(HOSTILE_QUESTIONS)))
def test_ask_hostile_questions_are_answered_or_refused(question: str, empty_engine: Any) -> None:
    import json

    from kg.ask import ask

    started = time.perf_counter()
    result = ask(question, empty_engine)
    assert time.perf_counter() - started < 20
    assert result.refused or result.message.startswith("No answers") or result.answers
    if result.refused:
        assert result.message.startswith("Sorry, I cannot answer that")
    else:
        assert result.sparql is not None
        assert question.strip() not in result.sparql or len(question.strip()) < 2
    json.dumps(result.to_dict(), ensure_ascii=False)


def test_ask_a_ten_kilobyte_question_is_refused_politely() -> None:
    from kg.ask import interpret

    i = interpret("which paragraphs address INCB funding " + "and more " * 1200)
    assert not i.understood and "longer than" in i.problems[0]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty Oxigraph store on disk (ask and query need no data to be attacked)."""
    from pyoxigraph import Store

    folder = tmp_path_factory.mktemp("store") / "store"
    store = Store(str(folder))
    store.flush()
    del store
    return folder


@pytest.mark.parametrize(
    "question",
    ['INCB" } DROP ALL { "', "x" * 10_000, "\u0406NCB <b>funding</b>", "\x1b[2J\x07 what?"],
    ids=["sparql", "10KB", "confusable-html", "control"],
)
def test_dckg_ask_hostile_question(question: str, store_dir: Path) -> None:
    """Exit 0 (answers) or 1 (refused / no answer), a polite message, never a traceback."""
    from click.testing import CliRunner

    from kg.cli import main

    for fmt in ("table", "json"):
        result = CliRunner().invoke(
            main, ["ask", "--store", str(store_dir), "-q", "--format", fmt, question]
        )
        assert result.exit_code in (0, 1), result.output
        assert isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output and result.stdout.strip()


# ---------------------------------------------------------------- query


@pytest.mark.parametrize(
    "args, problem",
    [
        (["directives-to", "--param", 'body=INCB" } DROP ALL { "'], "no authority entry"),
        (["directives-to", "--param", "body=<http://x> } DROP ALL {"], "no authority entry"),
        (["directives-to", "--param", "body} DROP ALL {=INCB"], "--param wants NAME=VALUE"),
        (["topic-over-time", "--param", "topic=funding } ; DROP ALL"], "no topic"),
        (["SELECT ?v WHERE { }", "--param", "v=<http://x/> } DROP ALL { <http://y>"], "absolute"),
        (["SELECT ?v WHERE { }", "--param", "v=<http://x/a b>"], "not an absolute"),
        (["DROP ALL"], "an update, not a query"),
        (["DROP ALL { }"], "an update, not a query"),
        (["INSERT DATA { <http://a> <http://b> <http://c> }"], "an update, not a query"),
    ],
    ids=range(9),
)
def test_dckg_query_refuses_injections(args: list[str], problem: str, store_dir: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["query", "--store", str(store_dir), *args])
    assert result.exit_code == 2, result.output
    lines = _stderr_lines(result.stderr)
    assert len(lines) == 1 and problem in lines[0], result.stderr


@pytest.mark.parametrize(
    "value",
    [
        'x" } DROP ALL { "',
        'a\\" } #',
        "\n}\n",
        "'''\"\"\"",
        "\u202e<>{}|^`",
        "<http://x/> } DROP ALL {",
    ],
)
def test_dckg_query_string_parameters_come_back_verbatim(value: str, store_dir: Path) -> None:
    """An untyped value is one escaped literal: the query returns it unchanged."""
    import json

    from click.testing import CliRunner

    from kg.cli import main

    args = ["query", "--store", str(store_dir), "-q", "--format", "json"]
    result = CliRunner().invoke(main, [*args, "SELECT ?v WHERE { }", "--param", f"v={value}"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert [r["v"]["value"] for r in rows] == [value]
