"""Fixtures for evidence tests: a fresh store, the hand-written data files, and a file writer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from accord.evidence.store import Store

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A new, empty store in a temporary folder."""
    with Store(tmp_path / "test.duckdb") as opened:
        yield opened


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a file (text or bytes) into the temporary folder and return its path."""

    def make(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return make
