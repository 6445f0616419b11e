"""UCDP GED CSV: lethal events with a date interval and low/best/high death estimates."""

from __future__ import annotations

from pathlib import Path

import duckdb

from accord.evidence.canonical import shape_sql
from accord.evidence.csvread import load_csv
from accord.evidence.datasets import col, extra_json, iso_day, require, stage_dataset_source
from accord.evidence.staging import Staged, stage_from_select

REQUIRED = ("id", "date_start", "date_end", "type_of_violence", "side_a", "side_b", "best")
SOURCE = {
    "id": "ucdp-ged",
    "publisher": "Uppsala Conflict Data Program, Georeferenced Event Dataset (UCDP GED)",
    "url": "https://ucdp.uu.se",
    "kind": "dataset",
    "note": "Each event's own sources are kept in its `extra` (source_article, source_office...).",
}


def stage_ucdp(con: duckdb.DuckDBPyConnection, path: Path, encoding: str, prefix: str) -> Staged:
    """Stage a UCDP GED export: every event is lethal organised violence, so action `attack`."""
    table = load_csv(con, path, f"{prefix}_raw", encoding)
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
        "source": f"'{SOURCE['id']}'",
        "fatalities": col(table, "best"),
        "extra": extra_json(
            table, skip=("id", "date_start", "date_end", "side_a", "side_b", "best")
        ),
    }
    events = stage_from_select(
        con,
        "events",
        f"{prefix}_events",
        table.table,
        expressions,
        table.row_number,
        shape_sql(table),
    )
    rows = con.execute(f"SELECT count(*) FROM {events}").fetchone()
    sources = stage_dataset_source(con, f"{prefix}_sources", SOURCE)
    return Staged({"sources": sources, "events": events}, rows[0] if rows else 0)
