"""Writing checked rows into the store: content hashes, duplicates, conflicts and revisions.

A row's identity is the hash of its content, so the same row imported twice is stored once. Rows
that share an id within their source but differ are either revisions (a newer `revision`, as in
ACLED's `timestamp`: the newest is current, the others stay as history) or conflicts that go to
quarantine, because silently replacing a recorded fact would lose provenance.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from accord.evidence.schema import hex_digits
from accord.evidence.sql import Sql

CONFLICT = "conflicting-duplicate"


@dataclass
class Written:
    """What one kind of record added to the store."""

    added: int = 0
    duplicates: int = 0
    replaced: int = 0


def _hash(columns: list[Sql]) -> Sql:
    parts = ", ".join(f"coalesce(CAST({c} AS VARCHAR), chr(0))" for c in columns)
    return hex_digits(f"md5_number(concat_ws(chr(31), {parts}))")


def _good(table: Sql, errors: Sql, staged: bool = True) -> Sql:
    """`table` without its rejected rows (and, for a staging table, without rows of the wrong
    shape, whose problems may be reported later)."""
    rejected = f"SELECT row_number FROM {errors} WHERE row_number IS NOT NULL"
    shape = "shape IS NULL AND " if staged else ""
    return f"{table} WHERE {shape}row_number NOT IN ({rejected})"


def _count(con: duckdb.DuckDBPyConnection, sql: Sql) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _conflicts(con: duckdb.DuckDBPyConnection, errors: Sql, table: Sql, message: str) -> None:
    con.execute(
        f"INSERT INTO {errors} SELECT row_number, 'id', id_value, '{CONFLICT}', ? FROM {table}",
        [message],
    )


def write_sources(
    con: duckdb.DuckDBPyConnection, stage: Sql, errors: Sql, ingest_id: int
) -> Written:
    """Store new sources; an id already stored (or earlier in the file) with other content is a
    conflict."""
    fields = ["publisher", "url", "title", "published", "date_inferred", "via", "kind", "note"]
    con.execute(
        f"""CREATE TEMP TABLE {stage}_typed AS SELECT row_number, id, publisher, url, title,
            CAST(published AS DATE) AS published, coalesce(date_inferred = 'true', false)
            AS date_inferred, via, coalesce(kind, 'news') AS kind, note,
            {_hash(["id", *fields])} AS content_hash FROM {_good(stage, errors)}"""
    )
    typed = f"{stage}_typed"
    con.execute(
        f"""CREATE TEMP TABLE {stage}_conflicts AS SELECT t.row_number, t.id AS id_value
            FROM {typed} t WHERE EXISTS (SELECT 1 FROM sources s WHERE s.id = t.id
                AND s.content_hash <> t.content_hash)
            OR EXISTS (SELECT 1 FROM {typed} o WHERE o.id = t.id
                AND o.content_hash <> t.content_hash AND o.row_number < t.row_number)"""
    )
    _conflicts(
        con,
        errors,
        f"{stage}_conflicts",
        "a different source with this id is already stored; give this one another id",
    )
    total = _count(con, f"SELECT count(*) FROM {typed}")
    con.execute(
        f"""INSERT INTO sources SELECT id, publisher, url, title, published, date_inferred, via,
            kind, note, content_hash, {ingest_id} FROM (
                SELECT *, row_number() OVER (PARTITION BY id ORDER BY row_number) AS k FROM {typed}
                WHERE row_number NOT IN (SELECT row_number FROM {stage}_conflicts)
            ) WHERE k = 1 AND id NOT IN (SELECT id FROM sources)"""
    )
    added = _count(con, f"SELECT count(*) FROM sources WHERE ingest_id = {ingest_id}")
    conflicts = _count(con, f"SELECT count(*) FROM {stage}_conflicts")
    return Written(added=added, duplicates=total - added - conflicts)


_EVENT_CONTENT = (
    "source", "event_id", "occurred_at", "occurred_until", "precision", "actor", "action",
    "object", "category", "quantity", "unit", "location", "counterpart", "claimed_by",
    "reported_at", "notes", "amends", "amendment", "fatalities", "revision", "extra",
)  # fmt: skip

# Staged text -> the events table's columns, in its order (is_current and after are added later).
# Rows reach this point checked, so a date longer than YYYY-MM-DD is a valid instant.
_TYPED_EVENTS = f"""
    {_hash(list(_EVENT_CONTENT))} AS uid, event_id, source AS source_id,
    CAST(substr(occurred_at, 1, 10) AS DATE) AS occurred_on,
    CASE WHEN length(occurred_at) > 10 THEN accord_instant(occurred_at) END AS occurred_at,
    CAST(substr(occurred_until, 1, 10) AS DATE) AS occurred_until,
    coalesce(precision, CASE WHEN length(occurred_at) = 10 THEN 'day'
        WHEN substr(occurred_at, 17, 1) = ':' THEN 'second' ELSE 'minute' END) AS precision,
    actor, action, object, category, CAST(trim(quantity) AS BIGINT) AS quantity, unit,
    location, counterpart, claimed_by, CAST(substr(reported_at, 1, 10) AS DATE) AS reported_on,
    CASE WHEN length(reported_at) > 10 THEN accord_instant(reported_at) END AS reported_at,
    notes, amends, amendment, CAST(trim(fatalities) AS BIGINT) AS fatalities, revision,
    CAST(extra AS JSON) AS extra
"""


def write_events(
    con: duckdb.DuckDBPyConnection, stage: Sql, errors: Sql, ingest_id: int
) -> Written:
    """Store new events: skip exact duplicates, order revisions, quarantine conflicts."""
    return store_events(con, prepare_events(con, stage, errors), errors, ingest_id)


def prepare_events(con: duckdb.DuckDBPyConnection, stage: Sql, errors: Sql) -> Sql:
    """The staged events not rejected so far, typed as the store keeps them, with their content
    hash: the costly part of storing events, and one that needs nothing from the store."""
    typed = f"{stage}_typed"
    con.execute(
        f"""CREATE TEMP TABLE {typed} AS SELECT {_TYPED_EVENTS},
            TRY_CAST(revision AS BIGINT) AS rev, row_number FROM {_good(stage, errors)}"""
    )
    return typed


def store_events(
    con: duckdb.DuckDBPyConnection, typed: Sql, errors: Sql, ingest_id: int
) -> Written:
    """Store the prepared events (`prepare_events`) not rejected since.

    Rows with an id seen nowhere else (the usual case for a dataset export) go in with one INSERT.
    Rows without an id, or whose id repeats in the file or is already stored, take the slower
    path that removes duplicates and compares revisions.
    """
    keyed = f"{typed}_keyed"
    good = _good(typed, errors, staged=False)
    con.execute(
        f"""CREATE TEMP TABLE {keyed} AS
            SELECT source_id, event_id FROM {good} AND event_id IS NOT NULL
            GROUP BY ALL HAVING count(*) > 1
            UNION
            SELECT DISTINCT e.source_id, e.event_id FROM events e
            JOIN (SELECT DISTINCT source_id, event_id FROM {good}) s
            ON e.source_id = s.source_id AND e.event_id = s.event_id"""
    )
    counts = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE event_id IS NULL) FROM {good}"
    ).fetchone()
    total, without_id = (int(counts[0]), int(counts[1])) if counts else (0, 0)
    unique_id = f"""event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {keyed} k
        WHERE k.source_id = {typed}.source_id AND k.event_id = {typed}.event_id)"""
    con.execute(
        f"INSERT INTO events SELECT * EXCLUDE (rev, row_number), true, NULL, {ingest_id}, "
        f"row_number FROM {good} AND {unique_id}"
    )
    added = _count(con, f"SELECT count(*) FROM events WHERE ingest_id = {ingest_id}")
    slow = _Revisions()
    if without_id or _count(con, f"SELECT count(*) FROM {keyed}"):
        rest = f"(SELECT * FROM {good} AND NOT ({unique_id}))"
        slow = _write_revisions(con, typed, rest, keyed, errors, ingest_id)
    added += slow.added
    return Written(added=added, duplicates=total - added - slow.rejected, replaced=slow.replaced)


@dataclass
class _Revisions:
    added: int = 0
    replaced: int = 0
    rejected: int = 0


def _insert_events(
    con: duckdb.DuckDBPyConnection, rows: Sql, ingest_id: int, current: Sql, superseded: Sql
) -> int:
    """Insert typed rows (`n`) whose content hash is new, keeping the first of identical rows."""
    before = _count(con, f"SELECT count(*) FROM events WHERE ingest_id = {ingest_id}")
    con.execute(
        f"""INSERT INTO events SELECT n.* EXCLUDE (row_number, rev, winner), {current},
            {superseded}, {ingest_id}, n.row_number FROM {rows}
            WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.uid = n.uid)
            QUALIFY row_number() OVER (PARTITION BY n.uid ORDER BY n.row_number) = 1"""
    )
    return _count(con, f"SELECT count(*) FROM events WHERE ingest_id = {ingest_id}") - before


def _write_revisions(
    con: duckdb.DuckDBPyConnection,
    typed: Sql,
    rows: Sql,
    keyed: Sql,
    errors: Sql,
    ingest_id: int,
) -> _Revisions:
    """Store `rows` (a query over `typed`): rows without an id by content, the others by id and
    revision."""
    new, conflicts, winners = f"{typed}_new", f"{typed}_conflicts", f"{typed}_win"
    no_id = f"(SELECT *, NULL AS winner FROM {rows} WHERE event_id IS NULL) AS n"
    added = _insert_events(con, no_id, ingest_id, current="true", superseded="NULL")
    con.execute(
        f"""CREATE TEMP TABLE {new} AS SELECT t.* FROM {rows} t
            WHERE t.event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.uid = t.uid)
            QUALIFY row_number() OVER (PARTITION BY t.uid ORDER BY t.row_number) = 1"""
    )
    # Same id, other content, and nothing to order them by: keep the stored one, quarantine this.
    con.execute(
        f"""CREATE TEMP TABLE {conflicts} AS SELECT n.row_number, n.event_id AS id_value
            FROM {new} n WHERE
                EXISTS (SELECT 1 FROM events e WHERE e.is_current AND e.source_id = n.source_id
                    AND e.event_id = n.event_id AND (n.rev IS NULL
                    OR TRY_CAST(e.revision AS BIGINT) IS NULL
                    OR TRY_CAST(e.revision AS BIGINT) = n.rev))
                OR EXISTS (SELECT 1 FROM {new} o WHERE o.source_id = n.source_id
                    AND o.event_id = n.event_id AND o.row_number < n.row_number
                    AND (n.rev IS NULL OR o.rev IS NULL OR o.rev = n.rev))"""
    )
    _conflicts(
        con,
        errors,
        conflicts,
        "this id is already stored from the same source with other content; record a "
        "correction with `amends` instead, or give a newer revision",
    )
    con.execute(f"DELETE FROM {new} WHERE row_number IN (SELECT row_number FROM {conflicts})")
    con.execute(
        f"""CREATE TEMP TABLE {winners} AS SELECT source_id, event_id,
            coalesce(arg_max(uid, rev), min(uid)) AS winner
            FROM (SELECT source_id, event_id, uid, rev FROM {new}
                  UNION ALL
                  SELECT e.source_id, e.event_id, e.uid, TRY_CAST(e.revision AS BIGINT)
                  FROM events e JOIN {keyed} k
                  ON e.source_id = k.source_id AND e.event_id = k.event_id WHERE e.is_current)
            GROUP BY source_id, event_id"""
    )
    replaced = _count(
        con,
        f"""SELECT count(*) FROM events e JOIN {winners} w ON e.source_id = w.source_id
            AND e.event_id = w.event_id WHERE e.is_current AND e.uid <> w.winner""",
    )
    con.execute(
        f"""UPDATE events SET is_current = false, superseded_by = w.winner FROM {winners} w
            WHERE events.source_id = w.source_id AND events.event_id = w.event_id
            AND events.is_current AND events.uid <> w.winner"""
    )
    joined = f"""(SELECT n.*, w.winner FROM {new} n JOIN {winners} w
        ON n.source_id = w.source_id AND n.event_id = w.event_id) AS n"""
    added += _insert_events(
        con,
        joined,
        ingest_id,
        current="n.winner = n.uid",
        superseded="CASE WHEN n.winner <> n.uid THEN n.winner END",
    )
    return _Revisions(added, replaced, _count(con, f"SELECT count(*) FROM {conflicts}"))


def write_claims(
    con: duckdb.DuckDBPyConnection, stage: Sql, errors: Sql, ingest_id: int
) -> Written:
    """Store new claims; the same claim id from the same source with other content conflicts."""
    typed, conflicts = f"{stage}_typed", f"{stage}_conflicts"
    content = ["source", "id", "speaker", "speaker_id", "speaker_kind", "cue", "content",
               "made_at", "quantities", "about", "span_start", "span_end", "notes"]  # fmt: skip
    con.execute(
        f"""CREATE TEMP TABLE {typed} AS SELECT row_number, {_hash(content)} AS uid, id,
            source, speaker, speaker_id, speaker_kind, cue, content,
            CAST(substr(made_at, 1, 10) AS DATE) AS made_on, CAST(quantities AS JSON) AS q,
            CAST(about AS JSON) AS a, CAST(trim(span_start) AS BIGINT) AS s0,
            CAST(trim(span_end) AS BIGINT) AS s1, notes FROM {_good(stage, errors)}"""
    )
    con.execute(
        f"""CREATE TEMP TABLE {conflicts} AS SELECT t.row_number, t.id AS id_value FROM {typed} t
            WHERE t.id IS NOT NULL AND t.uid NOT IN (SELECT uid FROM claims) AND (
                EXISTS (SELECT 1 FROM claims c WHERE c.source_id = t.source AND c.claim_id = t.id)
                OR EXISTS (SELECT 1 FROM {typed} o WHERE o.source = t.source AND o.id = t.id
                    AND o.uid <> t.uid AND o.row_number < t.row_number))"""
    )
    _conflicts(
        con,
        errors,
        conflicts,
        "a different claim with this id from the same source is already stored",
    )
    con.execute(
        f"""INSERT INTO claims SELECT uid, id, source, speaker, speaker_id, speaker_kind, cue,
            content, made_on, q, a, s0, s1, notes, {ingest_id}, row_number FROM (
                SELECT *, row_number() OVER (PARTITION BY uid ORDER BY row_number) AS k
                FROM {typed} WHERE row_number NOT IN (SELECT row_number FROM {conflicts})
            ) WHERE k = 1 AND uid NOT IN (SELECT uid FROM claims)"""
    )
    total = _count(con, f"SELECT count(*) FROM {typed}")
    added = _count(con, f"SELECT count(*) FROM claims WHERE ingest_id = {ingest_id}")
    rejected = _count(con, f"SELECT count(*) FROM {conflicts}")
    return Written(added=added, duplicates=total - added - rejected)
