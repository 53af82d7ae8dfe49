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

import hashlib
from pathlib import Path

from kg.errors import ReadError
from kg.model import Document

__all__ = ["ReadError", "decode", "detect_format", "read_bytes", "read_path"]

MAX_BYTES = 50_000_000  # larger files are refused rather than read


def decode(data: bytes, path: str = "") -> str:
    """Decode bytes as UTF-8 (with or without BOM), else Windows-1252.

    Binary input (NUL bytes, or mostly control characters) raises
    :class:`ReadError`.

    >>> decode("caf\\u00e9".encode("cp1252"))
    'café'
    """
    if b"\x00" in data:
        raise ReadError("binary file (NUL bytes), not a resolution text", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ReadError(
                f"neither UTF-8 nor Windows-1252"
                f" (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                path=path,
            ) from None
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
    """Read one resolution file; raises :class:`ReadError` on bad input."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise ReadError("is a directory", path=str(p)) from None
    except FileNotFoundError:
        raise ReadError("no such file", path=str(p)) from None
    except OSError as exc:
        raise ReadError(exc.strerror or "cannot read", path=str(p)) from None
    return read_bytes(data, source=str(p), fmt=fmt)
