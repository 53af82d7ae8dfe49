"""Read stage: bytes of a resolution file -> :class:`kg.model.Document`.

Three shapes are recognised automatically:

* ``akn``  — Akoma Ntoso (AKN4UN) XML, root element ``akomaNtoso``;
* ``flat`` — flat text, usually one long line, optionally preceded by a
  ``%%%SUBJECT|SUBJECT|`` header of UN Digital Library subject headings;
* ``pdf``  — text extracted from the official PDF: line-wrapped, with page
  headers, job numbers and footnote blocks under a ``____`` rule.

>>> from kg.read import read_path
>>> from kg.sample import sample_paths
>>> doc = read_path(sample_paths()[1])
>>> doc.meta.symbol, len(doc.operative)
('A/RES/63/197', 48)
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from pathlib import Path

from kg.errors import ReadError
from kg.model import Document

__all__ = ["ReadError", "decode", "detect_format", "read_bytes", "read_path"]

# Larger files are refused rather than read.  The largest resolution of the AKN
# corpus has 380 KB; the text readers spend tens of microseconds and a few
# objects on every line, so 50 MB (the limit before) took minutes and
# gigabytes (tests/test_hardening.py): about ten times the largest is plenty.
MAX_BYTES = 4_000_000
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes, path: str = "") -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.

    Bytes that are not UTF-8 are read as Windows-1252 one by one, so that a
    UTF-8 file with a few Windows-1252 characters pasted in reads right in
    both parts (the whole file was read as Windows-1252 before: its UTF-8
    characters came out as "Ã©").  Binary input (NUL bytes, or mostly control
    characters) raises :class:`ReadError`.

    >>> decode("caf\\u00e9".encode("cp1252")), decode("caf\\u00e9".encode("utf-16"))
    ('café', 'café')
    >>> decode("C\\u00f4te ".encode() + "\\u201cd\\u00e9j\\u00e0\\u201d".encode("cp1252"))
    'Côte “déjà”'
    """
    if data.startswith(_UTF16_BOMS):  # UTF-16 is all NUL bytes in ASCII text: not binary
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(f"not valid UTF-16 (at byte {exc.start})", path=path) from None
        if "\x00" in text:
            raise ReadError("binary file (NUL characters), not a resolution text", path=path)
        return _not_binary(text, path)
    if b"\x00" in data:
        raise ReadError("binary file (NUL bytes), not a resolution text", path=path)
    try:
        text = data.decode("utf-8-sig", errors=_CP1252)
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"neither UTF-8 nor Windows-1252 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=path,
        ) from None
    return _not_binary(text, path)


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: bytes that are not UTF-8 read as Windows-1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    try:
        return exc.object[exc.start : exc.end].decode("cp1252"), exc.end
    except UnicodeDecodeError as inner:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: undefined there too
        at = exc.start + inner.start
        raise UnicodeDecodeError("cp1252", exc.object, at, at + 1, "undefined") from None


_CP1252 = "kg.read:cp1252"
codecs.register_error(_CP1252, _cp1252_bytes)


def _not_binary(text: str, path: str) -> str:
    """``text``, unless it opens with mostly control characters (ReadError)."""
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if sample and controls > len(sample) // 20:
        raise ReadError("binary file (control characters), not a resolution text", path=path)
    return text


def detect_format(text: str) -> str:
    """Say which reader fits: ``"akn"``, ``"flat"`` or ``"pdf"``.

    >>> detect_format('<?xml version="1.0"?><akomaNtoso/>')
    'akn'
    >>> detect_format("%%%DRUG CONTROL|\\nResolution adopted ...")
    'flat'
    """
    head = text.lstrip()[:2048]
    if head.startswith("<"):
        return "akn"
    if head.startswith("%%%"):
        return "flat"
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return "flat"
    longest = max(len(ln) for ln in lines)
    # PDF text is hard-wrapped at ~90 characters; flat text has very long lines.
    return "flat" if longest > 400 and len(lines) < 50 else "pdf"


def read_bytes(data: bytes, source: str = "<bytes>", fmt: str | None = None) -> Document:
    """Read one resolution from raw bytes; ``source`` names it in messages."""
    if len(data) > MAX_BYTES:
        raise ReadError(f"file too large ({len(data):,} bytes; limit {MAX_BYTES:,})", path=source)
    if not data.strip():
        raise ReadError("empty file", path=source)
    sha = hashlib.sha256(data).hexdigest()
    if fmt is None:
        fmt = "akn" if data.lstrip()[:1] == b"<" else detect_format(decode(data, source))
    if fmt == "akn":
        from kg.read.akn import read_akn

        return read_akn(data, source=source, sha256=sha)
    text = decode(data, source)
    if fmt == "flat":
        from kg.read.flat import read_flat

        return read_flat(text, source=source, sha256=sha)
    if fmt == "pdf":
        from kg.read.pdftext import read_pdftext

        return read_pdftext(text, source=source, sha256=sha)
    raise ReadError(f"unknown format {fmt!r}", path=source)


def read_path(path: str | Path, fmt: str | None = None) -> Document:
    """Read one resolution file; raises :class:`ReadError` on bad input.

    Only regular files are read, and never more than :data:`MAX_BYTES` + 1
    bytes of them: a device (``/dev/zero``), a named pipe or a huge (sparse)
    file is refused without being read (it was read whole into memory, and a
    pipe blocked forever).
    """
    p = Path(path)
    # O_NONBLOCK: opening a named pipe does not wait for a writer (regular files ignore it)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(p, flags)
    except IsADirectoryError:
        raise ReadError("is a directory", path=str(p)) from None
    except FileNotFoundError:
        raise ReadError("no such file", path=str(p)) from None
    except OSError as exc:
        raise ReadError(exc.strerror or "cannot read", path=str(p)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("is a directory", path=str(p))
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("not a regular file (a device, pipe or socket)", path=str(p))
        if info.st_size > MAX_BYTES:
            raise ReadError(
                f"file too large ({info.st_size:,} bytes; limit {MAX_BYTES:,})", path=str(p)
            )
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_BYTES + 1)  # a file growing meanwhile is still refused
    except OSError as exc:
        raise ReadError(exc.strerror or "cannot read", path=str(p)) from None
    finally:
        os.close(fd)
    return read_bytes(data, source=str(p), fmt=fmt)
