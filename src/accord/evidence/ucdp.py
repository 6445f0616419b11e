"""UCDP GED CSV: lethal events with a date interval and low/best/high death estimates."""

from __future__ import annotations

from pathlib import Path

import duckdb

from accord.evidence.csvread import Scan, load_csv
from accord.evidence.datasets import col, extra_json, iso_day, require, stage_dataset
from accord.evidence.sql import Sql, literal
from accord.evidence.staging import Staged

#: The export's column behind each event field (for reports in the file's own terms).
FILE_COLUMNS = {
    "event_id": "id",
    "occurred_at": "date_start",
    "occurred_until": "date_end",
    "actor": "side_a",
    "counterpart": "side_b",
    "location": "where_description",
    "fatalities": "best",
}
REQUIRED = ("id", "date_start", "date_end", "type_of_violence", "side_a", "side_b", "best")
#: Event fields every GED row fills: its id and its best estimate of deaths.
REQUIRED_FIELDS = ("event_id", "fatalities")
SOURCE = {
    "id": "ucdp-ged",
    "publisher": "Uppsala Conflict Data Program, Georeferenced Event Dataset (UCDP GED)",
    "url": "https://ucdp.uu.se",
    "kind": "dataset",
    "note": "Each event's own sources are kept in its `extra` (source_article, source_office...).",
}


def stage_ucdp(con: duckdb.DuckDBPyConnection, path: Path, scan: Scan, prefix: Sql) -> Staged:
    """Stage a UCDP GED export: every event is lethal organised violence, so action `attack`."""
    table = load_csv(con, path, f"{prefix}_raw", scan)
    require(table, REQUIRED, "UCDP GED")
    expressions = {
        "event_id": col(table, "id"),
        "occurred_at": iso_day(col(table, "date_start")),
        "occurred_until": iso_day(col(table, "date_end")),
        "precision": "'day'",
        "actor": col(table, "side_a"),
        "action": "'attack'",
        "counterpart": col(table, "side_b"),
        "location": f"coalesce({col(table, 'where_description')}, {col(table, 'adm_1')})",
        "source": literal(SOURCE["id"]),
        "fatalities": col(table, "best"),
        "extra": extra_json(
            table, skip=("id", "date_start", "date_end", "side_a", "side_b", "best")
        ),
    }
    return stage_dataset(con, table, prefix, expressions, SOURCE, FILE_COLUMNS, REQUIRED_FIELDS)
