"""The build cache: what ``dckg build`` keeps of each input to rebuild quickly.

A rebuild into the same output folder reads the previous build's cache
(``OUT/.cache/``) and skips every input whose entry is still there: its
triples, counts and validation findings are taken as they are, and only
added or changed files are read, extracted, mapped and validated again.
Removed files simply have no entry in the new cache.  The result is the
same, byte for byte, as a clean build of the same files.

An entry is named by its :func:`input_key`: a digest of the file's bytes,
its name (the graph records it), the IRI base and the :func:`fingerprint`
of the tool — the version plus every code, data, shape and ontology file of
the package — so a changed extractor or shape invalidates every entry.
Each entry is two files:

* ``KEY.nt`` — the resolution's triples as sorted, unique N-Triples lines;
* ``KEY.json`` — its :class:`~kg.build_documents.DocumentResult` (counts,
  source, findings of the document shapes, title and dates for lineage).

``lineage.json`` remembers the paragraph alignments between pairs of
entries and the check of their links (see :mod:`kg.build_lineage`).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "a.txt").write_text("some text", encoding="utf-8")
9
>>> k1 = input_key(folder / "a.txt", "f")
>>> k1 == input_key(folder / "a.txt", "f"), k1 == input_key(folder / "a.txt", "g")
(True, False)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg import __version__
from kg.build_documents import DocumentResult
from kg.rdf.provenance import Source
from kg.validate import Finding

__all__ = [
    "CACHE_DIR",
    "Cache",
    "findings_from_json",
    "findings_to_json",
    "fingerprint",
    "input_key",
]

#: Folder of the cache inside the build's output folder.
CACHE_DIR = ".cache"

_PACKAGE = Path(__file__).resolve().parent
#: What the tool is made of: any change here makes every cache entry stale.
_TOOL_FILES = ("*.py", "*.json", "*.jsonl", "*.ttl", "*.jsonld")


@lru_cache(maxsize=8)
def fingerprint(base: str) -> str:
    """A digest of the tool (version, code, data, shapes, ontology) and the IRI base."""
    from kg.rdf.paths import ONTOLOGY_DIR, SHAPES_DIR

    digest = hashlib.sha256(f"{__version__}\n{base}\n".encode())
    roots = sorted({_PACKAGE, SHAPES_DIR.resolve(), ONTOLOGY_DIR.resolve()})
    for root in roots:
        files = sorted(p for pattern in _TOOL_FILES for p in root.rglob(pattern))
        for path in files:
            digest.update(f"{path.relative_to(root).as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def input_key(path: Path, tool: str) -> str:
    """The cache key of one input file for a tool :func:`fingerprint`."""
    content = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            content.update(block)
    text = f"{tool}\n{Path(path).name}\n{content.hexdigest()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def findings_to_json(findings: Iterable[Finding]) -> list[dict[str, str]]:
    """Validation findings as JSON objects (for the cache)."""
    return [asdict(f) for f in findings]


def findings_from_json(data: Iterable[dict[str, str]]) -> list[Finding]:
    """The inverse of :func:`findings_to_json`."""
    return [Finding(**f) for f in data]


def _to_json(doc: DocumentResult) -> dict[str, Any]:
    data = asdict(doc)
    data["findings"] = findings_to_json(doc.findings)
    return data


def _from_json(data: dict[str, Any]) -> DocumentResult:
    return DocumentResult(
        **{
            **data,
            "source": Source(**data["source"]),
            "paragraph_ids": tuple(data["paragraph_ids"]),
            "findings": tuple(findings_from_json(data["findings"])),
        }
    )


class Cache:
    """The cache being written (``folder``) and, to reuse, the previous one (``old``).

    Entries are taken from ``old`` by hard link (a copy where links are not
    possible), so an unchanged corpus costs no copying.
    """

    def __init__(self, folder: Path, old: Path | None = None) -> None:
        self.folder = folder
        self.old = old if old is not None and old.is_dir() else None
        folder.mkdir(parents=True, exist_ok=True)

    def nt_path(self, key: str) -> Path:
        """Where the entry's triples are (or are to be) written."""
        return self.folder / f"{key}.nt"

    def reuse(self, key: str) -> DocumentResult | None:
        """The previous build's entry for ``key``, carried into this cache; None if absent."""
        if self.old is None:
            return None
        names = (f"{key}.nt", f"{key}.json")
        if not all((self.old / n).is_file() for n in names):
            return None
        try:
            doc = _from_json(json.loads((self.old / names[1]).read_text(encoding="utf-8")))
        except (ValueError, TypeError, KeyError):
            return None  # an unreadable entry is a miss, never an error
        for name in names:
            _link(self.old / name, self.folder / name)
        return doc

    def put(self, key: str, doc: DocumentResult) -> None:
        """Record a freshly built entry (its triples are already at :meth:`nt_path`)."""
        text = json.dumps(_to_json(doc), ensure_ascii=False, sort_keys=True)
        (self.folder / f"{key}.json").write_text(text, encoding="utf-8")

    def load_memo(self, name: str) -> dict[str, Any]:
        """A JSON memo of the previous build (``{}`` when absent or unreadable)."""
        if self.old is None or not (self.old / name).is_file():
            return {}
        try:
            data = json.loads((self.old / name).read_text(encoding="utf-8"))
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def save_memo(self, name: str, memo: dict[str, Any]) -> None:
        text = json.dumps(memo, ensure_ascii=False, sort_keys=True)
        (self.folder / name).write_text(text, encoding="utf-8")


def _link(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def entries(folder: Path) -> Iterable[str]:
    """The keys of the entries in a cache folder."""
    return sorted(p.stem for p in folder.glob("*.json") if (folder / f"{p.stem}.nt").is_file())
