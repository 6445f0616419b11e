"""accord's own evidence formats: CSV (events or sources) and JSON Lines (all three kinds)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from accord.evidence.csvread import FileProblem, load_csv
from accord.evidence.staging import (
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    SOURCE_COLUMNS,
    RowProblem,
    Staged,
    stage_csv,
    stage_rows,
)

#: CSV/JSON names of event fields; `id` is stored as the event's id within its source.
EVENT_FIELDS = tuple("id" if c == "event_id" else c for c in EVENT_COLUMNS if c != "revision")
RECORD_FIELDS = {"event": EVENT_FIELDS, "source": SOURCE_COLUMNS, "claim": CLAIM_COLUMNS}
_RECORD_KINDS = {"event": "events", "source": "sources", "claim": "claims"}


def stage_accord_csv(
    con: duckdb.DuckDBPyConnection, path: Path, encoding: str, prefix: str
) -> Staged:
    """Stage an accord events CSV or sources CSV (told apart by their header)."""
    table = load_csv(con, path, f"{prefix}_raw", encoding)
    header = set(table.header)
    if {"occurred_at", "action"} <= header:
        kind, fields = "events", EVENT_FIELDS
    elif {"id", "publisher"} <= header:
        kind, fields = "sources", SOURCE_COLUMNS
    else:
        raise FileProblem(
            "missing-column",
            "an accord CSV has `occurred_at` and `action` (events) "
            "or `id` and `publisher` (sources)",
        )
    unknown = sorted(header - set(fields))
    if unknown:
        raise FileProblem(
            "unknown-column",
            "the header has columns accord does not know: " + ", ".join(unknown),
        )
    expressions = {
        ("event_id" if name == "id" and kind == "events" else name): table.column(name)
        for name in table.header
    }
    return Staged({kind: stage_csv(con, kind, f"{prefix}_{kind}", table, expressions)}, table.rows)


def stage_jsonl(con: duckdb.DuckDBPyConnection, path: Path, encoding: str, prefix: str) -> Staged:
    """Stage accord JSON Lines: one source, event or claim object per line."""
    records: dict[str, list[tuple[int, dict[str, Any]]]] = {k: [] for k in RECORD_FIELDS}
    staged = Staged()
    with path.open("r", encoding="utf-8-sig" if encoding == "utf-8" else encoding) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            staged.rows_read += 1
            parsed = _record(number, line, staged.problems)
            if parsed is not None:
                records[parsed[0]].append((number, parsed[1]))
    if staged.rows_read == 0:
        raise FileProblem("empty-file", "the file holds no records")
    for record, rows in records.items():
        kind = _RECORD_KINDS[record]
        staged.tables[kind] = stage_rows(con, kind, f"{prefix}_{kind}", rows)
    return staged


def _record(
    number: int, line: str, problems: list[RowProblem]
) -> tuple[str, dict[str, Any]] | None:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        problems.append(
            RowProblem(number, None, line.strip()[:200], "bad-json", f"not JSON: {exc.msg}")
        )
        return None
    if not isinstance(obj, dict):
        problems.append(
            RowProblem(number, None, line.strip()[:200], "bad-json", "each line is one object")
        )
        return None
    record = obj.pop("record", None)
    if record not in RECORD_FIELDS:
        problems.append(
            RowProblem(
                number, "record", str(record), "bad-value", "`record` is source, event or claim"
            )
        )
        return None
    unknown = sorted(set(obj) - set(RECORD_FIELDS[record]))
    if unknown:
        for key in unknown:
            problems.append(
                RowProblem(
                    number, key, None, "unknown-field", f"the {record} record has no `{key}`"
                )
            )
        return None
    if record == "event" and "id" in obj:
        obj["event_id"] = obj.pop("id")
    return record, obj
