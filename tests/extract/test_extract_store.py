"""Writing an extraction into the store: the source, claims with spans, dated candidate events,
through the path `accord ingest` takes for JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from accord.evidence.ingest import ingest_file, ingest_records
from accord.evidence.store import Store
from accord.extract.models import Article
from accord.extract.pipeline import extract
from accord.extract.store import extraction_records, source_id, write_extraction

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


def _rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every stored row but the id of the import that stored it."""
    return {
        table: store.con.execute(
            f"SELECT * EXCLUDE (ingest_id) FROM {table} ORDER BY ALL"
        ).fetchall()
        for table in ("sources", "claims", "events")
    }


def test_stores_what_accord_ingest_stores_from_its_json_lines(store: Store, tmp_path: Path) -> None:
    result = extract(TEXT, date(2025, 2, 1), article=Article(TEXT, path="a.txt"))
    write_extraction(store, result, None)
    records = extraction_records(result, None)
    assert [r["record"] for r in records] == ["source", "claim", "claim", "event"]
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with Store(tmp_path / "ingested.duckdb") as ingested:
        report = ingest_file(ingested, jsonl)
        assert report.status == "ok"
        assert _rows(ingested) == _rows(store)
    log = store.con.execute("SELECT file, format, rows_read, rejected FROM ingests").fetchall()
    assert log == [("a.txt", "news-extract", 4, 0)]


def test_candidate_events_without_a_date_are_counted_not_stored(store: Store) -> None:
    text = "Israel released 110 Palestinian prisoners, the Israel Prison Service said.\n"
    result = extract(text, None, article=Article(text, path="b.txt"))
    assert result.events
    report = write_extraction(store, result, None)
    assert report.events_skipped == len(result.events)
    assert report.written["events"].added == 0
    assert [r["record"] for r in extraction_records(result, None)] == ["source", "claim"]


def test_a_conflicting_source_is_rejected_and_quarantined(store: Store) -> None:
    result = extract(TEXT, date(2025, 2, 1), article=Article(TEXT, path="a.txt"))
    write_extraction(store, result, None)
    again = write_extraction(store, result, "Another Publisher")
    assert [(p["row"], p["reason"]) for p in again.rejected] == [(1, "conflicting-duplicate")]
    assert again.written["claims"].duplicates == 2
    assert store.counts()["quarantined"] == 1
    assert store.con.execute("SELECT publisher FROM sources").fetchall() == [
        ("Levant Test Ledger",)
    ]
    assert list(again.to_dict())[2:5] == ["sources", "claims", "events"]


def test_no_records_is_a_failed_import_that_logs_nothing(store: Store) -> None:
    report = ingest_records(store, [], name="nothing")
    assert report.status == "failed" and report.failure is not None
    assert report.failure.reason == "empty-file"
    assert store.counts()["ingests"] == 0
