"""Writing an extraction into the store: the source, claims with spans, dated candidate events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from accord.evidence.store import Store
from accord.extract.models import Article
from accord.extract.pipeline import extract
from accord.extract.store import source_id, write_extraction

TEXT = """Levant Test Ledger
Israel frees prisoners after delay
Israel released 110 Palestinian prisoners on Thursday after a delay of several hours, \
the Israel Prison Service said.

At least 13 people were killed, according to the health ministry.
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "s.duckdb") as opened:
        yield opened


def test_rows_written_once(store: Store) -> None:
    result = extract(TEXT, date(2025, 2, 1), article=Article(TEXT, path="a.txt"))
    first = write_extraction(store, result, None)
    second = write_extraction(store, result, None)
    assert (first.written["sources"].added, first.written["claims"].added) == (1, 2)
    assert first.written["events"].added == 1
    assert second.written["claims"].added == second.written["events"].added == 0
    assert second.written["claims"].duplicates == 2
    source = store.con.execute("SELECT id, publisher, kind, published FROM sources").fetchone()
    assert source == (source_id(result), "Levant Test Ledger", "news", date(2025, 2, 1))


def test_claim_and_event_columns(store: Store) -> None:
    result = extract(TEXT, date(2025, 2, 1), article=Article(TEXT, path="a.txt"))
    write_extraction(store, result, "Override Wire")
    rows = store.con.execute(
        "SELECT speaker, speaker_id, speaker_kind, cue, content, span_start, span_end, "
        "quantities FROM claims ORDER BY span_start"
    ).fetchall()
    speaker, actor, kind, cue, content, start, end, quantities = rows[0]
    assert (speaker, actor, kind, cue) == (
        "the Israel Prison Service", "israel-prison-service", "official", "said",
    )  # fmt: skip
    assert TEXT[start:end] == content
    assert json.loads(quantities)[0]["value"] == 110
    event = store.con.execute(
        "SELECT occurred_on, precision, actor, action, object, quantity, claimed_by, notes "
        "FROM events"
    ).fetchone()
    assert event is not None
    assert event[:7] == (
        date(2025, 1, 30), "day", "israel", "release", "prisoner", 110, "israel-prison-service",
    )  # fmt: skip
    assert event[7].startswith("candidate from accord extract")
    publisher = store.con.execute("SELECT publisher FROM sources").fetchone()
    assert publisher == ("Override Wire",)
