"""Properties of an import, one per format: whatever the values, each row of the file either lands
equal to what the file says, or is a row problem located at its row; an import never raises.

Files are written by a correct writer (Python's csv and json), with values drawn from everything
a hostile file can hold: quotes, delimiters, line breaks, apostrophes, SQL, NUL, any Unicode,
wrong types, numbers too big, dates out of range.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.evidence.ingest import FileReport, ingest_file
from accord.evidence.reasons import ROW_REASONS
from accord.evidence.store import Store

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HOSTILE = st.sampled_from(
    ['"', ",", ";", "'", "\n", "\r\n", '""', " ", "", "\x00", "x': (SELECT 1), 'y", "é", "🙂",
     "\t", "NULL", "\\", "{", "["]
)  # fmt: skip
TEXT = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
    st.lists(HOSTILE, max_size=4).map("".join),
)
WHEN = st.one_of(
    st.dates().map(lambda d: d.isoformat() if d.year >= 1 else "0000-01-01"),
    st.sampled_from(
        ["2025-01-19", "2025-01-19T10:00+02:00", "2025-01-19T10:00:30.5Z", "2025-02-30",
         "2025-01-19T24:00Z", "2025-01-19T10:00+25:00", "0000-01-01", "9999-12-31T23:00-05:00",
         "19/01/2025", "2025-1-9", ""]
    ),
    TEXT,
)  # fmt: skip
COUNT = st.one_of(
    st.integers(-5, 10**6).map(str),
    st.sampled_from(["4.0", "+4", " 4 ", "many", "9" * 19, "-0", ""]),
    TEXT,
)
ACTION = st.one_of(st.sampled_from(["release", "attack", "other", "Release", ""]), TEXT)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # CRLF line ends: a field holding a CR or an LF is quoted
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _located(report: FileReport, columns: set[str]) -> dict[int, list[str]]:
    """The problems by row, checking each is located: a row, a column of the file (or none),
    a known reason."""
    problems: dict[int, list[str]] = {}
    for problem in report.problems:
        assert problem.reason in ROW_REASONS, problem
        assert problem.row is not None, problem
        assert problem.column is None or problem.column in columns, problem
        problems.setdefault(problem.row, []).append(problem.reason)
    return problems


def _given(value: str) -> str | None:
    return value if value != "" else None


def _stored(store: Store, event_id: str, columns: str) -> tuple[Any, ...] | None:
    return store.con.execute(
        f"SELECT {columns} FROM events WHERE event_id = ?", [event_id]
    ).fetchone()


def _import(tmp_path: Path, name: str, content: str, before: str | None = None) -> Any:
    """A new store (one per example) with `content` imported, and the import's report."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    store = Store(folder / "s.duckdb")
    if before is not None:
        sources = folder / "sources.csv"
        sources.write_text(before, encoding="utf-8")
        assert ingest_file(store, sources).status == "ok"
    path = folder / name
    path.write_text(content, encoding="utf-8", newline="")
    return store, ingest_file(store, path)


@SETTINGS
@given(st.lists(st.tuples(WHEN, TEXT, ACTION, COUNT, TEXT), min_size=1, max_size=8))
def test_accord_csv_rows_land_as_written_or_are_located(
    tmp_path: Path, rows: list[tuple[str, str, str, str, str]]
) -> None:
    header = ["id", "occurred_at", "actor", "action", "quantity", "notes", "source"]
    written = [[f"e{i}", *row, "s1"] for i, row in enumerate(rows)]
    before = "id,publisher,published\ns1,Example Wire,9999-12-30\n"
    store, report = _import(tmp_path, "events.csv", _csv(header, written), before)
    with store:
        assert report.failure is None and report.rows_read == len(rows)
        problems = _located(report, set(header))
        for i, (when, actor, action, quantity, notes) in enumerate(rows):
            stored = _stored(
                store, f"e{i}", "CAST(occurred_on AS VARCHAR), actor, action, quantity, notes"
            )
            if i + 2 in problems:
                assert stored is None
                continue
            assert stored == (
                when[:10], actor, action, int(quantity) if quantity.strip() else None,
                _given(notes),
            )  # fmt: skip


JSON_VALUE = st.one_of(
    TEXT,
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@SETTINGS
@given(
    st.lists(
        st.fixed_dictionaries(
            {"occurred_at": st.one_of(WHEN, JSON_VALUE), "actor": JSON_VALUE,
             "action": st.one_of(ACTION, JSON_VALUE), "quantity": JSON_VALUE,
             "notes": JSON_VALUE, "extra": JSON_VALUE}
        ),
        min_size=1,
        max_size=8,
    )
)  # fmt: skip
def test_json_lines_records_land_as_written_or_are_located(
    tmp_path: Path, records: list[dict[str, Any]]
) -> None:
    lines = [json.dumps({"record": "source", "id": "s1", "publisher": "W"})]
    lines += [
        json.dumps({"record": "event", "id": f"e{i}", "source": "s1", **r})
        for i, r in enumerate(records)
    ]
    store, report = _import(tmp_path, "events.jsonl", "\n".join(lines) + "\n")
    with store:
        assert report.failure is None and report.rows_read == len(lines)
        problems = _located(report, {"record", "id", "source", *records[0]})
        for i, record in enumerate(records):
            stored = _stored(store, f"e{i}", "actor, action, quantity, notes, extra")
            if i + 2 in problems:
                assert stored is None
                continue
            assert stored is not None
            actor, action, quantity, notes, extra = stored
            assert (actor, action, quantity) == (record["actor"], record["action"],
                                                 record["quantity"])  # fmt: skip
            assert notes == (record["notes"] or None)
            assert (json.loads(extra) if extra else None) == record["extra"]


ACLED_HEADER = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
                "fatalities", "notes", "timestamp", "admin1"]  # fmt: skip
EVENT_TYPES = st.one_of(st.sampled_from(["Battles", "Protests", ""]), TEXT)


@SETTINGS
@given(st.lists(st.tuples(WHEN, EVENT_TYPES, TEXT, COUNT, TEXT, COUNT, TEXT), max_size=8))
def test_acled_rows_land_as_written_or_are_located(tmp_path: Path, rows: list[Any]) -> None:
    written = [
        [f"X{i}", when, etype, "Armed clash", actor, deaths, notes, stamp, admin]
        for i, (when, etype, actor, deaths, notes, stamp, admin) in enumerate(rows)
    ]
    store, report = _import(tmp_path, "acled.csv", _csv(ACLED_HEADER, written))
    with store:
        if not rows:
            assert report.failure is not None and report.failure.reason == "empty-file"
            return
        assert report.failure is None and report.rows_read == len(rows)
        problems = _located(report, set(ACLED_HEADER))
        for i, (_, etype, actor, deaths, notes, stamp, admin) in enumerate(rows):
            stored = _stored(
                store, f"X{i}", "CAST(occurred_on AS VARCHAR), actor, fatalities, notes, "
                "revision, extra->>'$.admin1', extra->>'$.event_type'",
            )  # fmt: skip
            if i + 2 in problems:
                assert stored is None
                continue
            assert stored is not None and stored[0] is not None
            assert stored[1:] == (
                actor, int(deaths) if deaths.strip() else None, _given(notes), stamp,
                _given(admin), etype,
            )  # fmt: skip


UCDP_HEADER = ["id", "date_start", "date_end", "type_of_violence", "side_a", "side_b", "best",
               "where_description"]  # fmt: skip


@SETTINGS
@given(st.lists(st.tuples(TEXT, WHEN, WHEN, TEXT, COUNT, TEXT), min_size=1, max_size=8))
def test_ucdp_rows_land_as_written_or_are_located(tmp_path: Path, rows: list[Any]) -> None:
    written = [
        [f"{i}-{ident}", start, end, "1", side_a, "B", best, where]
        for i, (ident, start, end, side_a, best, where) in enumerate(rows)
    ]
    store, report = _import(tmp_path, "ged.csv", _csv(UCDP_HEADER, written))
    with store:
        assert report.failure is None and report.rows_read == len(rows)
        problems = _located(report, set(UCDP_HEADER))
        for i, row in enumerate(written):
            stored = _stored(
                store, row[0], "actor, fatalities, location, CAST(occurred_until AS VARCHAR)"
            )
            if i + 2 in problems:
                assert stored is None
                continue
            assert stored == (row[4], int(row[6]), _given(row[7]), _given(row[2][:10]))
