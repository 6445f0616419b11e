"""Staging tables: every importer turns its file into the same text columns, checked in SQL.

Importers differ only in how they fill these tables; checking and storing are shared. All staged
values are text (NULL when absent) so that a bad value can be reported as written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import duckdb

from accord.evidence.csvread import CsvTable
from accord.evidence.reasons import RowProblem
from accord.evidence.sql import Sql

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "occurred_at",
    "occurred_until",
    "precision",
    "actor",
    "action",
    "object",
    "category",
    "quantity",
    "unit",
    "location",
    "counterpart",
    "source",
    "claimed_by",
    "reported_at",
    "notes",
    "amends",
    "amendment",
    "fatalities",
    "revision",
    "extra",
)
SOURCE_COLUMNS: tuple[str, ...] = (
    "id",
    "publisher",
    "url",
    "title",
    "published",
    "date_inferred",
    "via",
    "kind",
    "note",
)
CLAIM_COLUMNS: tuple[str, ...] = (
    "id",
    "source",
    "speaker",
    "speaker_id",
    "speaker_kind",
    "cue",
    "content",
    "made_at",
    "quantities",
    "about",
    "span_start",
    "span_end",
    "notes",
)
COLUMNS = {"events": EVENT_COLUMNS, "sources": SOURCE_COLUMNS, "claims": CLAIM_COLUMNS}


@dataclass
class Staged:
    """What an importer staged from one file: table names per kind, and rows read."""

    tables: dict[str, Sql] = field(default_factory=dict)
    rows_read: int = 0
    #: Problems found while reading, in the file's own terms (its row numbers and names).
    problems: list[RowProblem] = field(default_factory=list)
    #: The file's own name for a staged column, so reports speak the file's language.
    file_columns: dict[str, str] = field(default_factory=dict)
    #: True when the importer builds `extra` itself (valid JSON by construction).
    built_extra: bool = False
    #: Event fields the format requires beyond accord's own (a dataset's id, its revision).
    required: tuple[str, ...] = ()


def create_stage(con: duckdb.DuckDBPyConnection, kind: str, name: Sql) -> Sql:
    """An empty staging table for `kind` (events, sources or claims)."""
    columns = ", ".join(f'"{c}" VARCHAR' for c in COLUMNS[kind])
    con.execute(f"CREATE TEMP TABLE {name} (row_number BIGINT, shape VARCHAR, {columns})")
    return name


def stage_csv(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    name: Sql,
    table: CsvTable,
    expressions: Mapping[str, Sql],
) -> Sql:
    """Stage rows of a loaded CSV: one SQL expression (over its columns) per staging column.

    The stage is a view: each later step computes only the columns it reads, so costly ones
    (the dataset's extra fields as JSON) are built once, when rows are stored.
    """
    selected = ", ".join(
        f'{_as_text(column, expressions.get(column, "NULL"))} AS "{column}"'
        for column in COLUMNS[kind]
    )
    # A row that an open quote ran to the end of the file is rejected for that alone.
    broken = f"WHEN {table.row_number} = {table.broken_row} THEN 'unterminated-quote' "
    shape = (
        f"CASE {broken if table.broken_row is not None else ''}"
        f"WHEN {table.last} IS NULL THEN 'missing-fields' "
        f"WHEN {table.overflow} IS NOT NULL THEN 'extra-fields' END"
    )
    con.execute(
        f"CREATE TEMP VIEW {name} AS SELECT {table.row_number} AS row_number, {shape} AS shape, "
        f"{selected} FROM {table.table}"
    )
    return name


def _as_text(column: str, expression: Sql) -> Sql:
    # `extra` is built as JSON by the importer; casting it to text and back would parse it twice.
    built_json = column == "extra" and expression != "NULL"
    return expression if built_json else f"CAST({expression} AS VARCHAR)"


def stage_rows(
    con: duckdb.DuckDBPyConnection, kind: str, name: Sql, rows: Iterable[tuple[int, dict[str, Any]]]
) -> Sql:
    """Stage rows given as (row number, mapping) pairs, e.g. from JSON Lines.

    The rows travel as one JSON parameter: a bound parameter per value costs tens of
    microseconds, more than DuckDB takes to read the whole JSON text.
    """
    create_stage(con, kind, name)
    columns = COLUMNS[kind]
    records = [
        {"row_number": number, **{c: _text(record[c]) for c in columns if c in record}}
        for number, record in rows
    ]
    if records:
        types = {"row_number": "BIGINT", "shape": "VARCHAR"} | dict.fromkeys(columns, "VARCHAR")
        con.execute(
            f"INSERT INTO {name} SELECT unnest(from_json(?, ?), recursive := true)",
            [json.dumps(records, ensure_ascii=False), json.dumps([types])],
        )
    return name


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
