"""Shared fixtures: the reference corpus (``../shared/corpus``), skipped when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus folder (``akn/``, ``conventions/``); skips the test when absent."""
    if not (CORPUS / "akn").is_dir():
        pytest.skip(f"reference corpus not found at {CORPUS.resolve()}")
    return CORPUS.resolve()
