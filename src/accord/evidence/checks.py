"""Row checks, run as SQL over a staging table; each failing (row, field) becomes one problem.

Checks are data: a column, a reason code, a SQL condition that is true for a bad row, and a
message. Running them is one INSERT for all the checks of a table, so a million rows are checked
in DuckDB, not in a Python loop. A condition never raises, whatever the text: casts are TRY_CASTs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import duckdb

from accord.evidence.reasons import MAX_FIELD_CHARS
from accord.evidence.sql import Sql, identifier, literal
from accord.evidence.staging import COLUMNS
from accord.spec.vocabulary import EVENT_ACTIONS, SOURCE_KINDS, SPEAKER_KINDS

PRECISIONS = ("second", "minute", "hour", "day", "week", "month", "year")
AMENDMENTS = ("correct", "retract")

# Dates are written as a day (2025-01-19) or an instant with a UTC offset; nothing else. Years
# run from 0001 to 9999, hours to 23, offsets from -14:00 to +14:00 (the widest in use), and an
# instant must stay within those years in UTC too. A day is tested first: most dates are days,
# and its pattern is the cheap one.
INSTANT = (
    r"\d{4}-\d{2}-\d{2}[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?"
    r"(Z|[+-](0\d|1[0-3])(:?[0-5]\d)?|[+-]14(:?00)?)"
)
# The macros test in order with CASE: DuckDB may evaluate both sides of an AND or an OR, and
# the costly test (the instant's pattern, a trim) is then paid on every row.
MACROS = (
    r"""CREATE OR REPLACE TEMP MACRO accord_is_day(v) AS
        CASE WHEN NOT regexp_full_match(v, '\d{4}-\d{2}-\d{2}') THEN false
        ELSE NOT starts_with(v, '0000') AND TRY_CAST(v AS DATE) IS NOT NULL END""",
    # DuckDB wants seconds and a numeric offset: 2025-01-19T11:15Z -> 2025-01-19 11:15:00+00:00.
    # Only for text that passed accord_is_instant (a colon at 17 means seconds are given).
    """CREATE OR REPLACE TEMP MACRO accord_instant(v) AS TRY_CAST(replace(
        substr(v, 1, 10) || ' ' || CASE WHEN substr(v, 17, 1) = ':' THEN substr(v, 12)
        ELSE substr(v, 12, 5) || ':00' || substr(v, 17) END, 'Z', '+00:00') AS TIMESTAMPTZ)""",
    f"""CREATE OR REPLACE TEMP MACRO accord_is_instant(v) AS
        CASE WHEN NOT regexp_full_match(v, '{INSTANT}') THEN false
        WHEN NOT accord_is_day(substr(v, 1, 10)) THEN false
        ELSE year(accord_instant(v)) BETWEEN 1 AND 9999 END""",
    """CREATE OR REPLACE TEMP MACRO accord_is_when(v) AS
        CASE WHEN v IS NULL OR accord_is_day(v) THEN true ELSE accord_is_instant(v) END""",
    r"""CREATE OR REPLACE TEMP MACRO accord_is_count(v) AS
        v IS NULL OR regexp_full_match(trim(v), '-?\d{1,18}')""",
    """CREATE OR REPLACE TEMP MACRO accord_is_negative(v) AS
        CASE WHEN TRY_CAST(trim(v) AS BIGINT) < 0 THEN accord_is_count(v) ELSE false END""",
    # Blank text is no value: an actor of two spaces names nobody. Only text that starts with
    # a space or a control character can be blank.
    """CREATE OR REPLACE TEMP MACRO accord_is_blank(v) AS
        CASE WHEN v IS NULL THEN true WHEN ascii(v) > 32 THEN false
        ELSE trim(v, ' ' || chr(9) || chr(10) || chr(13)) = '' END""",
)
#: An event may be dated the day after its source's publication day (time zones differ), no later.
PUBLICATION_SLACK_DAYS = 1


@dataclass(frozen=True)
class Check:
    """One rule: rows where `bad` is true are reported under `reason` for `column`."""

    column: str | None
    reason: str
    bad: Sql
    message: str
    #: row: a test of the row alone, which can run before the store is at hand;
    #: lookup: compares with the store's tables (and the file's other rows).
    scope: Literal["row", "lookup"] = "row"


def _in(values: tuple[str, ...]) -> Sql:
    return "(" + ", ".join(literal(v) for v in values) + ")"


def _required(*columns: str) -> list[Check]:
    return [
        Check(c, "missing-value", f"accord_is_blank({identifier(c)})", f"`{c}` is required")
        for c in columns
    ]


def _dates(*columns: str) -> list[Check]:
    return [
        Check(
            c,
            "bad-date",
            f"NOT accord_is_when({identifier(c)})",
            "write a date as YYYY-MM-DD or an instant with an offset, e.g. 2025-01-19T11:15+02:00",
        )
        for c in columns
    ]


def _counts(*columns: str) -> list[Check]:
    checks: list[Check] = []
    for c in columns:
        checks.append(
            Check(c, "bad-number", f"NOT accord_is_count({identifier(c)})", "write a whole number")
        )
        checks.append(
            Check(
                c,
                "negative-quantity",
                f"accord_is_negative({identifier(c)})",
                "a count cannot be negative",
            )
        )
    return checks


def _one_of(column: str, values: tuple[str, ...], reason: str = "bad-value") -> Check:
    shown = ", ".join(values)
    return Check(
        column,
        reason,
        f"{identifier(column)} IS NOT NULL AND {identifier(column)} NOT IN {_in(values)}",
        f"use one of: {shown}",
    )


def _unknown_source(known_sources: Sql) -> Check:
    return Check(
        "source",
        "unknown-source",
        f'"source" IS NOT NULL AND "source" NOT IN ({known_sources})',
        "no such source in the store or in this file; add a source record first",
        "lookup",
    )


def _not_a(json_type: str, column: str) -> Sql:
    return (
        f"json_type(TRY_CAST({identifier(column)} AS JSON)) IS DISTINCT FROM {literal(json_type)}"
    )


def _not_list(column: str) -> Sql:
    return f"{identifier(column)} IS NOT NULL AND " + _not_a("ARRAY", column)


def _lengths(kind: str) -> list[Check]:
    columns = [c for c in COLUMNS[kind] if c != "extra"]  # importers build `extra` themselves
    return [
        Check(
            c,
            "field-too-long",
            f"length({identifier(c)}) > {MAX_FIELD_CHARS}",
            f"the field is longer than {MAX_FIELD_CHARS} characters",
        )
        for c in columns
    ]


def _shape() -> list[Check]:
    return [
        Check(
            None,
            "missing-fields",
            "shape = 'missing-fields'",
            "the row has fewer fields than the header; check for a quote left open",
        ),
        Check(
            None,
            "extra-fields",
            "shape = 'extra-fields'",
            "the row has more fields than the header; quote a field that holds the delimiter, "
            "and check for a quote left open",
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


def event_checks(known_sources: Sql, known_events: Sql, built_extra: bool) -> list[Check]:
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
            'TRY_CAST("occurred_until" AS DATE) < TRY_CAST(substr("occurred_at", 1, 10) AS DATE)',
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
        Check(
            "occurred_at",
            "after-publication",
            # As a join on the source, the date is only read for sources that give theirs.
            'EXISTS (SELECT 1 FROM sources p WHERE p.id = "source" AND p.published + '
            f"{PUBLICATION_SLACK_DAYS} < "
            'TRY_CAST(substr("occurred_at", 1, 10) AS DATE) AND accord_is_when("occurred_at"))',
            "the event is dated more than a day after its source was published: a source "
            "reports what has happened; check the date, or the source's `published`",
            "lookup",
        ),
        *_lengths("events"),
    ]


def dataset_checks(required: tuple[str, ...]) -> list[Check]:
    """Checks a dataset export adds to accord's own: fields it always fills (its id, its
    revision), and a revision that is a whole number, which orders its versions."""
    revision = [
        Check(
            "revision",
            "bad-number",
            """"revision" IS NOT NULL AND NOT regexp_full_match(trim("revision"), '\\d{1,18}')""",
            "the revision is a whole number (ACLED's timestamp: seconds since 1970)",
        )
    ]
    return _required(*required) + (revision if "revision" in required else [])


def claim_checks(known_sources: Sql) -> list[Check]:
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
    con: duckdb.DuckDBPyConnection, table: Sql, checks: list[Check], errors: Sql
) -> None:
    """Append one row to `errors` for every (row, check) that fails.

    The checks of a row alone run as one statement: each condition is computed once per row,
    and each bad row lists its problems. (A UNION of one query per check takes DuckDB longer to
    plan than a small file takes to check.) Lookups run as a second statement, one query per
    lookup: as a filter, DuckDB skips the comparison for rows that have nothing to look up.
    A row of the wrong shape is reported for its shape only: its fields are not where the
    header says.
    """
    local = [c for c in checks if c.scope == "row"]
    lookups = [c for c in checks if c.scope == "lookup"]
    if local:
        # Building `extra` is the costly part of a dataset row: leave it out unless a check
        # reads it.
        has_extra = "extra" in _columns(con, table)
        reads_extra = any(c.column == "extra" for c in local)
        kept = " EXCLUDE (extra)" if has_extra and not reads_extra else ""
        flags = ", ".join(
            f"coalesce(({c.bad}), false) AS accord_bad_{i}" for i, c in enumerate(local)
        )
        found = ", ".join(
            f"CASE WHEN accord_bad_{i}{_shaped(c)} THEN {_problem(c)} END"
            for i, c in enumerate(local)
        )
        any_bad = " OR ".join(f"accord_bad_{i}" for i in range(len(local)))
        con.execute(
            f"""INSERT INTO {errors} SELECT row_number, p.c, p.v, p.r, p.m FROM (
                SELECT row_number, unnest(list_filter([{found}], p -> p IS NOT NULL)) AS p
                FROM (SELECT *{kept}, {flags} FROM {table}) WHERE {any_bad})"""
        )
    if lookups:
        found = " UNION ALL ".join(
            f"SELECT row_number, p.c, p.v, p.r, p.m FROM (SELECT row_number, {_problem(c)} AS p "
            f"FROM {table} WHERE ({c.bad}){_shaped(c)})"
            for c in lookups
        )
        con.execute(f"INSERT INTO {errors} {found}")


def _shaped(check: Check) -> Sql:
    """The condition that the row has the header's shape, unless `check` is about shape."""
    return "" if check.reason in SHAPE_REASONS else " AND shape IS NULL"


def _problem(check: Check) -> Sql:
    """The problem a failing `check` reports, as a struct: column, value, reason, message."""
    column = "NULL" if check.column is None else literal(check.column)
    value = (
        "NULL"
        if check.column is None
        else f"left(CAST({identifier(check.column)} AS VARCHAR), 200)"
    )
    return (
        f"{{'c': {column}, 'v': {value}, 'r': {literal(check.reason)}, "
        f"'m': {literal(check.message)}}}"
    )


def _columns(con: duckdb.DuckDBPyConnection, table: Sql) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]


def create_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Define the date and number macros the checks use (per connection)."""
    con.execute(";\n".join(MACROS))
