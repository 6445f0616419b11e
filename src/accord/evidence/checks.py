"""Row checks, run as SQL over a staging table; each failing (row, field) becomes one problem.

Checks are data: a column, a reason code, a SQL condition that is true for a bad row, and a
message. Running them is one INSERT per check, so a million rows are checked in DuckDB, not in a
Python loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import duckdb

from accord.evidence.reasons import MAX_FIELD_CHARS
from accord.evidence.staging import COLUMNS
from accord.spec.vocabulary import EVENT_ACTIONS, SOURCE_KINDS, SPEAKER_KINDS

PRECISIONS = ("second", "minute", "hour", "day", "week", "month", "year")
AMENDMENTS = ("correct", "retract")

# Dates are written as a day (2025-01-19) or an instant with a UTC offset; nothing else.
MACROS = (
    r"""CREATE OR REPLACE TEMP MACRO accord_is_day(v) AS
        regexp_full_match(v, '\d{4}-\d{2}-\d{2}') AND TRY_CAST(v AS DATE) IS NOT NULL""",
    # DuckDB wants seconds and a numeric offset: 2025-01-19T11:15Z -> 2025-01-19 11:15:00+00:00.
    r"""CREATE OR REPLACE TEMP MACRO accord_instant(v) AS TRY_CAST(replace(
        CASE WHEN regexp_full_match(v, '\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(Z|[+-]\d{2}(:?\d{2})?)')
        THEN regexp_replace(v, '^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})', '\1 \2:00') ELSE v END,
        'Z', '+00:00') AS TIMESTAMPTZ)""",
    r"""CREATE OR REPLACE TEMP MACRO accord_is_instant(v) AS
        regexp_full_match(v,
            '\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)')
        AND accord_instant(v) IS NOT NULL""",
    """CREATE OR REPLACE TEMP MACRO accord_is_when(v) AS
        v IS NULL OR accord_is_day(v) OR accord_is_instant(v)""",
    r"""CREATE OR REPLACE TEMP MACRO accord_is_count(v) AS
        v IS NULL OR regexp_full_match(trim(v), '-?\d{1,18}')""",
    """CREATE OR REPLACE TEMP MACRO accord_is_negative(v) AS
        accord_is_count(v) AND TRY_CAST(trim(v) AS BIGINT) < 0""",
)


@dataclass(frozen=True)
class Check:
    """One rule: rows where `bad` is true are reported under `reason` for `column`."""

    column: str | None
    reason: str
    bad: str
    message: str
    #: row: a cheap test of the row alone, in the one-pass filter and reported;
    #: summary: in the filter only, standing for several `detail` checks;
    #: detail: reported, tested on the filter's suspects only;
    #: lookup: compares with other tables, so tested on every row, outside the filter.
    scope: Literal["row", "summary", "detail", "lookup"] = "row"


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _required(*columns: str) -> list[Check]:
    return [Check(c, "missing-value", f'"{c}" IS NULL', f"`{c}` is required") for c in columns]


def _dates(*columns: str) -> list[Check]:
    return [
        Check(
            c,
            "bad-date",
            f'NOT accord_is_when("{c}")',
            "write a date as YYYY-MM-DD or an instant with an offset, e.g. 2025-01-19T11:15+02:00",
        )
        for c in columns
    ]


def _counts(*columns: str) -> list[Check]:
    checks: list[Check] = []
    for c in columns:
        checks.append(Check(c, "bad-number", f'NOT accord_is_count("{c}")', "write a whole number"))
        checks.append(
            Check(
                c, "negative-quantity", f'accord_is_negative("{c}")', "a count cannot be negative"
            )
        )
    return checks


def _one_of(column: str, values: tuple[str, ...], reason: str = "bad-value") -> Check:
    shown = ", ".join(values)
    return Check(
        column,
        reason,
        f'"{column}" IS NOT NULL AND "{column}" NOT IN {_in(values)}',
        f"use one of: {shown}",
    )


def _unknown_source(known_sources: str) -> Check:
    return Check(
        "source",
        "unknown-source",
        f'"source" IS NOT NULL AND "source" NOT IN ({known_sources})',
        "no such source in the store or in this file; add a source record first",
        "lookup",
    )


def _not_a(json_type: str, column: str) -> str:
    return f"json_type(TRY_CAST(\"{column}\" AS JSON)) IS DISTINCT FROM '{json_type}'"


def _not_list(column: str) -> str:
    return f'"{column}" IS NOT NULL AND ' + _not_a("ARRAY", column)


def _lengths(kind: str) -> list[Check]:
    columns = [c for c in COLUMNS[kind] if c != "extra"]  # importers build `extra` themselves
    longest = "greatest(" + ", ".join(f'length("{c}")' for c in columns) + ")"
    # One cheap test for the one-pass filter; the per-field checks then run on suspects only.
    summary = Check(None, "field-too-long", f"{longest} > {MAX_FIELD_CHARS}", "", "summary")
    return [summary] + [
        Check(
            c,
            "field-too-long",
            f'length("{c}") > {MAX_FIELD_CHARS}',
            f"the field is longer than {MAX_FIELD_CHARS} characters",
            "detail",
        )
        for c in columns
    ]


def _shape() -> list[Check]:
    return [
        Check(
            None,
            "missing-fields",
            "shape = 'missing-fields'",
            "the row has fewer fields than the header",
        ),
        Check(
            None,
            "extra-fields",
            "shape = 'extra-fields'",
            "the row has more fields than the header",
        ),
    ]


def source_checks() -> list[Check]:
    """Checks for staged sources."""
    return [
        *_shape(),
        *_required("id", "publisher"),
        Check(
            "id",
            "bad-value",
            r"""NOT regexp_full_match("id", '[A-Za-z0-9][A-Za-z0-9_:.-]*')""",
            "a source id uses letters, digits and - _ : .",
        ),
        *_dates("published"),
        Check(
            "published", "bad-date", "\"published\" LIKE '%T%'", "`published` is a day (YYYY-MM-DD)"
        ),
        _one_of("kind", SOURCE_KINDS),
        _one_of("date_inferred", ("true", "false")),
        *_lengths("sources"),
    ]


def event_checks(known_sources: str, known_events: str, built_extra: bool) -> list[Check]:
    """Checks for staged events; the arguments are SQL lists of acceptable source and event ids.

    `extra` written by hand must be a JSON object; an importer's own is one by construction (and
    testing it would mean building it twice).
    """
    hand_written = [] if built_extra else [
        Check("extra", "bad-value", '"extra" IS NOT NULL AND ' + _not_a("OBJECT", "extra"),
              "`extra` is a JSON object")
    ]  # fmt: skip
    return [
        *hand_written,
        *_shape(),
        *_required("occurred_at", "actor", "action", "source"),
        *_dates("occurred_at", "occurred_until", "reported_at"),
        Check(
            "occurred_until",
            "bad-interval",
            '"occurred_until" IS NOT NULL AND accord_is_day("occurred_until") AND '
            'accord_is_when("occurred_at") AND '
            'CAST("occurred_until" AS DATE) < CAST(substr("occurred_at", 1, 10) AS DATE)',
            "the interval ends before it starts",
        ),
        _one_of("precision", PRECISIONS),
        _one_of("action", EVENT_ACTIONS, "unknown-action"),
        *_counts("quantity", "fatalities"),
        _one_of("amendment", AMENDMENTS),
        Check(
            "amends",
            "missing-value",
            '"amends" IS NULL AND "amendment" IS NOT NULL',
            "`amendment` needs `amends`: the id of the event it corrects or retracts",
        ),
        _unknown_source(known_sources),
        Check(
            "amends",
            "unknown-event",
            f'"amends" IS NOT NULL AND "amends" NOT IN ({known_events})',
            "no event with this id in the store or in this file",
            "lookup",
        ),
        *_lengths("events"),
    ]


def claim_checks(known_sources: str) -> list[Check]:
    """Checks for staged claims."""
    return [
        *_shape(),
        *_required("source", "speaker", "speaker_kind", "content"),
        _one_of("speaker_kind", SPEAKER_KINDS),
        *_dates("made_at"),
        *_counts("span_start", "span_end"),
        Check(
            "quantities",
            "bad-value",
            _not_list("quantities"),
            "`quantities` is a list of {value, unit, modifier}",
        ),
        Check(
            "about",
            "bad-value",
            _not_list("about"),
            "`about` is a list of `<spec>:<provision>` references",
        ),
        _unknown_source(known_sources),
        *_lengths("claims"),
    ]


SHAPE_REASONS = ("missing-fields", "extra-fields")


def run_checks(
    con: duckdb.DuckDBPyConnection, table: str, checks: list[Check], errors: str
) -> None:
    """Append one row to `errors` for every (row, check) that fails.

    One pass finds the suspect rows; the detailed checks then run on those alone, so the cost on
    a clean million-row file is a single scan. A row of the wrong shape is reported for its
    shape only: its fields are not where the header says.
    """
    suspects = f"{table}_suspects"
    in_filter = [c for c in checks if c.scope in ("row", "summary")]
    any_bad = " OR ".join(f"coalesce({c.bad}, false)" for c in in_filter)
    # Building `extra` is the costly part of a dataset row: leave it out unless a check reads it.
    has_extra = "extra" in _columns(con, table)
    checked = any(c.column == "extra" for c in checks)
    kept = " EXCLUDE (extra)" if has_extra and not checked else ""
    con.execute(f"CREATE TEMP TABLE {suspects} AS SELECT *{kept} FROM {table} WHERE {any_bad}")
    for check in (c for c in checks if c.scope != "summary"):
        column = "NULL" if check.column is None else f"'{check.column}'"
        value = "NULL" if check.column is None else f'left(CAST("{check.column}" AS VARCHAR), 200)'
        shaped = "" if check.reason in SHAPE_REASONS else " AND shape IS NULL"
        con.execute(
            f"INSERT INTO {errors} SELECT row_number, {column}, {value}, ?, ? "
            f"FROM {table if check.scope == 'lookup' else suspects} WHERE ({check.bad}){shaped}",
            [check.reason, check.message],
        )
    con.execute(f"DROP TABLE {suspects}")


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]


def create_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Define the date and number macros the checks use (per connection)."""
    for macro in MACROS:
        con.execute(macro)
