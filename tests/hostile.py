"""Test helper: hostile inputs for the readers, extractors and ``dckg``, made at test time.

Nothing here is committed as data: every function builds its input in memory
(``bytes`` or ``str``) from the bundled seeds and a few snippets, and
:func:`write` puts it into the test's ``tmp_path``.  Sizes are parameters so
that the tests can scale an input down (or up, when hunting a blow-up).

Families (see ``tests/test_hardening.py`` for what each must give):

* XML attacks — :func:`billion_laughs`, :func:`external_entity`,
  :func:`parameter_entities`, :func:`doctype_after_padding`,
  :func:`utf16_billion_laughs`, :func:`deep_xml`;
* encodings — :func:`with_nul`, :func:`mixed_encodings`, :func:`utf16_bom`,
  :func:`latin1`;
* size — :func:`padded_to`, :func:`long_line`, :func:`many_markers`,
  :func:`many_operative_text`, :func:`many_operative_akn`;
* regular-expression stress — :data:`PATHOLOGICAL` (one string per family of
  patterns: digits, slashes, repeated keywords, labels, commas, parentheses);
* files that are not files — :func:`special_file` (a directory, a named pipe, a
  device, a symlink loop, a sparse 1 GB file).

And how to run them: :func:`isolated` (a forked child with a deadline and a
memory budget), :func:`span_problems` and :func:`one_line_error` (the checks).

>>> flat_resolution(["Recalling its resolution 60/178,"], ["Urges States to act;"])[:60]
'Resolution adopted by the General Assembly on 18 December 20'
>>> akn_resolution(["Urges States;"]).startswith(b"<?xml")
True
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kg.errors import KGError
from kg.model import Citation, Document, Mention
from kg.sample import sample_paths

HEAD = (
    "Resolution adopted by the General Assembly on 18 December 2008 "
    "[on the report of the Third Committee (A/63/432)] "
    "63/197. International cooperation against the world drug problem "
    "The General Assembly, "
)
CLOSING = " 71st plenary meeting 18 December 2008"
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

# A real preambular and a real operative paragraph of A/RES/63/197 (flat seed).
PREAMBLE = (
    "Recalling the United Nations Millennium Declaration, the provisions of the 2005 World "
    "Summit Outcome addressing the world drug problem, its resolution 62/176 of 18 December "
    "2007 and its other previous relevant resolutions,"
)
OPERATIVE = (
    "Urges States to take the necessary measures to ensure that the International Narcotics "
    "Control Board is provided with adequate resources to carry out its mandate;"
)


def seed(name: str) -> bytes:
    """The bytes of a bundled seed: ``"61_183"`` (PDF text) or ``"63_197"`` (flat text)."""
    for p in sample_paths():
        if name in p.name:
            return p.read_bytes()
    raise KeyError(name)


def write(tmp: Path, name: str, data: bytes | str) -> Path:
    """Write ``data`` to ``tmp/name`` (str as UTF-8) and return the path."""
    path = tmp / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# ---------------------------------------------------------------- shapes


def flat_resolution(preamble: list[str], operative: list[str]) -> str:
    """A flat-text resolution (one line) with these paragraphs, numbered 1..N."""
    ops = " ".join(f"{n}. {t}" for n, t in enumerate(operative, 1))
    return HEAD + " ".join(preamble) + " " + ops + CLOSING


def akn_resolution(operative: list[str], body_extra: str = "") -> bytes:
    """A minimal AKN4UN resolution (symbol 75/198) with these operative paragraphs."""
    paras = "".join(
        f"<paragraph><num>{n}.</num><content><p>{_xml_escape(t)}</p></content></paragraph>"
        for n, t in enumerate(operative, 1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns="{AKN_NS}"><statement>'
        "<preface><p><docNumber>75/198.</docNumber>"
        '<docTitle refersTo="#resolutionTitle">Drugs</docTitle></p></preface>'
        '<preamble><container name="Recalling"><p>Recalling its resolution 74/178,</p>'
        f"</container></preamble><mainBody>{paras}{body_extra}</mainBody>"
        "</statement></akomaNtoso>"
    ).encode()


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ------------------------------------------------------------ XML attacks


def billion_laughs(levels: int = 10) -> bytes:
    """The classic entity bomb: ``&lol9;`` expands to 10**9 "lol"s."""
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n' + "\n".join(ents) + "\n]>\n"
        f'<akomaNtoso xmlns="{AKN_NS}"><statement><preface><p>'
        f"<docNumber>&lol{levels - 1};</docNumber></p></preface></statement></akomaNtoso>"
    ).encode()


def external_entity(url: str) -> bytes:
    """An external entity (``file:///etc/passwd``, ``http://...``) in the symbol."""
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "{url}">]>\n'
        f'<akomaNtoso xmlns="{AKN_NS}"><statement><preface><p>'
        "<docNumber>&xxe;</docNumber></p></preface></statement></akomaNtoso>"
    ).encode()


def parameter_entities(url: str = "http://127.0.0.1:9/evil.dtd") -> bytes:
    """A DOCTYPE whose parameter entity pulls an external DTD (out-of-band XXE)."""
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n'
        f'  <!ENTITY % remote SYSTEM "{url}">\n  %remote;\n'
        "  <!ENTITY % inner \"<!ENTITY leak SYSTEM 'file:///etc/hostname'>\">\n  %inner;\n]>\n"
        f'<akomaNtoso xmlns="{AKN_NS}"><statement><preface><p>'
        "<docNumber>&leak;</docNumber></p></preface></statement></akomaNtoso>"
    ).encode()


def doctype_after_padding(pad: int = 70_000) -> bytes:
    """A billion-laughs DOCTYPE placed after ``pad`` bytes of XML comment.

    A prolog may hold comments before the DOCTYPE, so a check of the first
    64 KiB alone does not see it.
    """
    bomb = billion_laughs()
    decl, rest = bomb.split(b"\n", 1)
    return decl + b"\n<!--" + b" " * pad + b"-->\n" + rest


def utf16_billion_laughs() -> bytes:
    """The entity bomb in UTF-16-LE without a BOM (the ASCII DOCTYPE check cannot see it)."""
    text = billion_laughs().decode().replace('<?xml version="1.0"?>\n', "", 1)
    return text.encode("utf-16-le")


def deep_xml(depth: int = 10_000) -> bytes:
    """An operative paragraph whose text sits under ``depth`` nested ``<span>`` elements."""
    inner = "<span>" * depth + "Urges States;" + "</span>" * depth
    return akn_resolution(
        ["Decides to act;"],
        body_extra=(f"<paragraph><num>2.</num><content><p>{inner}</p></content></paragraph>"),
    )


# -------------------------------------------------------------- encodings


def with_nul() -> bytes:
    """The flat seed with a NUL byte in the middle."""
    data = seed("63_197")
    return data[: len(data) // 2] + b"\x00" + data[len(data) // 2 :]


def mixed_encodings() -> bytes:
    """UTF-8 text with Windows-1252 bytes in it: a quote pair and "é" (0x93 0x94 0xe9)."""
    text = flat_resolution(
        [PREAMBLE, "Noting the work of the Comit\u00e9 in C\u00f4te d\u2019Ivoire,"],
        [OPERATIVE, "Requests the Secretary-General to report CP1252;"],
    )
    utf8 = text.encode("utf-8")
    return utf8.replace(b"CP1252", b"\x93caf\xe9\x94")


def utf16_bom() -> bytes:
    """The flat seed as UTF-16 with a byte-order mark."""
    return seed("63_197").decode("utf-8").encode("utf-16")


def latin1() -> bytes:
    """A flat resolution with Latin-1 accents ("C\u00f4te d'Ivoire", "Comit\u00e9")."""
    return flat_resolution(
        [PREAMBLE, "Noting the work of the Comit\u00e9 in C\u00f4te d'Ivoire,"], [OPERATIVE]
    ).encode("latin-1")


# ------------------------------------------------------------------- size


def padded_to(size: int, data: bytes | None = None, pad: bytes = b"\n") -> bytes:
    """``data`` (default: the PDF-text seed) padded with ``pad`` up to exactly ``size`` bytes."""
    data = seed("61_183") if data is None else data
    fill = size - len(data)
    return data + (pad * (fill // len(pad) + 1))[:fill]


def long_line(size: int) -> str:
    """A flat resolution on ONE line of about ``size`` characters: prose, then paragraphs."""
    unit = PREAMBLE.rstrip(",") + " and "
    prose = unit * max(1, (size - len(HEAD) - len(CLOSING)) // len(unit))
    return HEAD + "Recalling " + prose + "the other resolutions, 1. " + OPERATIVE + CLOSING


def many_markers(n: int, shape: str = "word{}") -> str:
    """A flat resolution whose one operative paragraph holds ``n`` marker-like tokens."""
    tokens = " ".join(shape.format(i) for i in range(1, n + 1))
    return flat_resolution([PREAMBLE], [f"Urges States to read {tokens};", OPERATIVE])


def many_operative_text(n: int) -> str:
    """A flat resolution with ``n`` numbered operative paragraphs."""
    return flat_resolution([PREAMBLE], [OPERATIVE] * n)


def many_operative_akn(n: int) -> bytes:
    """An AKN resolution with ``n`` numbered operative paragraphs."""
    return akn_resolution([OPERATIVE] * n)


# ------------------------------------------------ regular-expression stress

#: name -> a text that stresses one family of patterns (each about 20-100 k characters).
PATHOLOGICAL: dict[str, str] = {
    "digits": "1" * 50_000,
    "digits-dotted": "1." * 25_000,
    "digits-spaced": "1 " * 25_000,
    "year-run": "2019" * 12_500,
    "slashes": "/" * 50_000,
    "slash-numbers": "1/" * 25_000,
    "symbol-like": "A/" * 25_000,
    "resolution-words": "resolution " * 10_000,
    "resolutions-numbers": "resolutions " + "62/176, " * 10_000,
    "labels": "(a)" * 20_000,
    "labels-spaced": "(a) " * 15_000,
    "roman-labels": "(iv) " * 12_000,
    "commas": "," * 100_000,
    "comma-words": "States, " * 12_000,
    "open-parens": "(" * 50_000,
    "nested-parens": "(" * 10_000 + "a" + ")" * 10_000,
    "semicolons": "; " * 25_000,
    "capitals": "Recalling " * 10_000,
    "participles": "Noting Recalling Welcoming " * 3_000,
    "hyphens": "non-" * 20_000,
    "underscores": "_" * 50_000,
    "quotes": "\u201c" * 30_000,
    "spaces-newlines": " \n" * 50_000,
    "the-board": "the Board " * 8_000,
    "its-its": "its " * 20_000,
    "united-nations": "United Nations " * 6_000,
    "treaty-series": "Treaty Series, vol. " * 5_000,
    "marker-glue": "Protocol,1 " * 10_000,
    "long-word": "a" * 100_000,
}


# -------------------------------------------------------- special files


def special_file(tmp_path: Path, kind: str) -> Path:
    """A path in ``tmp_path`` (or a device) that is no readable regular file."""
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


# ---------------------------------------------------------------- checks


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


def one_line_error(out: Outcome) -> str:
    """The message of a KGError outcome, checked to be one clear line."""
    assert out.kg_error, f"expected a ReadError/KGError, got {out.error}: {out.message}"
    assert "\n" not in out.message and out.message.strip(), out.message
    assert "Traceback" not in out.message
    return out.message
