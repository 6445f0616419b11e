"""Shared helpers for dataset importers (ACLED, UCDP): column access and provenance."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from accord.evidence.csvread import CsvTable, FileProblem
from accord.evidence.sql import Sql, literal
from accord.evidence.staging import Staged, stage_csv, stage_rows


def require(table: CsvTable, columns: Iterable[str], dataset: str) -> None:
    """FileProblem when the header lacks a column the dataset importer needs."""
    missing = [c for c in columns if c not in table.header]
    if missing:
        raise FileProblem(
            "missing-column",
            f"this is not a {dataset} export: the header lacks " + ", ".join(missing),
        )


def col(table: CsvTable, name: str) -> Sql:
    """SQL for a column's value (NULL when empty or when the export lacks the column)."""
    return table.column(name) if name in table.header else "NULL"


def extra_json(table: CsvTable, skip: Iterable[str] = ()) -> Sql:
    """SQL building a JSON object of every column of the export except `skip`.

    The header's names are the file's text: they enter the SQL as quoted literals only.
    """
    names = [name for name in table.header if name not in set(skip)]
    # A struct is faster to turn into JSON than json_object (measured, for wide rows), but its
    # keys must be plain literals (no NUL), non-empty, and differ in more than case.
    folded = {name.casefold() for name in names}
    if all(names) and len(folded) == len(names) and not any("\x00" in n for n in names):
        fields = ", ".join(f"{literal(name)}: {table.column(name)}" for name in names)
        return f"to_json({{{fields}}})"
    pairs = ", ".join(f"{literal(name)}, {table.column(name)}" for name in names)
    return f"json_object({pairs})"


def stage_dataset(
    con: duckdb.DuckDBPyConnection,
    table: CsvTable,
    prefix: Sql,
    expressions: dict[str, Sql],
    source: dict[str, str],
    file_columns: dict[str, str],
    required: tuple[str, ...],
) -> Staged:
    """Stage a dataset export's events, and the source record that stands for the dataset.

    `file_columns` names the export's column behind each staged field, for reports; `required`
    lists the event fields every row of the export fills.
    """
    events = stage_csv(con, "events", f"{prefix}_events", table, expressions)
    dataset = [(0, {**source, "date_inferred": False})]
    sources = stage_rows(con, "sources", f"{prefix}_sources", dataset)
    return Staged(
        {"sources": sources, "events": events},
        table.rows,
        problems=list(table.problems),
        file_columns=file_columns,
        built_extra=True,
        required=required,
    )


def iso_day(expression: Sql) -> Sql:
    """SQL turning `2025-01-19`, `2025-01-19 00:00:00.000` or `19 January 2025` into `2025-01-19`;
    anything else is kept as written so the date check reports it."""
    return (
        f"CASE WHEN regexp_full_match(trim({expression}), "
        r"'\d{4}-\d{2}-\d{2}([ T]00:00:00(\.0+)?)?') "
        f"THEN substr(trim({expression}), 1, 10) "
        f"ELSE coalesce(strftime(try_strptime(trim({expression}), '%d %B %Y'), '%Y-%m-%d'), "
        f"{expression}) END"
    )
