"""The DuckDB side of the engine's evidence seam: which reported acts count for which term.

The relational part runs in DuckDB over the evidence store, so it scales with the store: the
provisions become a small table, joined to the events by actor (party id or alias), action,
object, category and time window; acts reported by several sources are merged and running
totals kept there too, and only what can change a state comes back to Python.

Each match runs on a cursor of its own: its temporary tables belong to that cursor, so
evaluations on one store may run at the same time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

from accord.engine.acts import MatchedEvent, Window
from accord.evidence.sql import Sql, identifier
from accord.spec.models import Spec

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _policy_filter(policy: str) -> tuple[Sql, list[str]]:
    if policy == "all":
        return "true", []
    if policy == "corroborated":  # judged on acts, once reports are grouped: `counted`
        return "true", []
    # A party's account includes what is claimed under any of its aliases (its institutions).
    party = policy.split(":", 1)[1]
    return (
        "(e.claimed_by = ? OR e.claimed_by IN (SELECT name FROM accord_aliases WHERE party = ?) "
        "OR e.source_id IN (SELECT id FROM sources WHERE publisher = ?))",
        [party, party, party],
    )


#: Acts of a provision kept one by one at the start of its record (for the `because` trail);
#: past them, acts that decide nothing are summed per day, actor and category.
FIRST_ACTS = 20


def revision_days(con: duckdb.DuckDBPyConnection) -> list[date]:
    """The days on which a current correction or retraction is dated, in order."""
    rows = con.execute(
        "SELECT DISTINCT occurred_on FROM events WHERE is_current AND amends IS NOT NULL ORDER BY 1"
    ).fetchall()
    return [day for (day,) in rows]


def match_events(
    con: duckdb.DuckDBPyConnection,
    spec: Spec,
    windows: Sequence[Window],
    as_of: datetime,
    policy: str,
    tz: tzinfo,
) -> dict[str, list[MatchedEvent]]:
    """The acts that fall in each provision's window, up to `as_of`, under `policy`, in order.

    A date-only event covers its whole day: it counts from the start of that day in the
    agreement's timezone. Corrections replace the event they amend; retractions remove it. One
    act reported by several sources counts once (see `_CONSOLIDATE`). Matching, consolidation and
    running totals run in DuckDB; what comes back is bounded by what can change a state: every
    act of a window marked `full`, the first acts of the others, each act that carries a running
    total across one of the window's thresholds, and day sums of the rest.
    """
    result: dict[str, list[MatchedEvent]] = {w.provision: [] for w in windows}
    if not windows:
        return result
    (database,) = con.execute("SELECT current_database()").fetchone() or ("memory",)
    with con.cursor() as cursor:  # temporary tables of its own: see the module's docstring
        cursor.execute(f"USE {identifier(database)}")  # a cursor starts in the default one
        rows = _matched_rows(cursor, spec, windows, as_of, policy, tz)
    totals: dict[str, tuple[int, int]] = {}
    for r in rows:
        quantity_before, acts_before = totals.get(r[0], (0, 0))
        event = MatchedEvent(
            provision=r[0],
            uid=r[1],
            event_id=r[2],
            source=r[3],
            start=(EPOCH + timedelta(microseconds=r[4])).astimezone(tz),
            whole_day=bool(r[5]),
            actor=r[6],
            action=r[7],
            category=r[8],
            quantity=r[9],
            claimed_by=r[10],
            until=r[11],
            others=tuple(r[12]) if r[12] else (),
            accounts=tuple(r[13]) if r[13] else (),
            acts=int(r[14]),
            straddles=bool(r[15]),
            quantity_before=quantity_before,
            acts_before=acts_before,
        )
        result[r[0]].append(event)
        totals[r[0]] = (quantity_before + (event.quantity or 0), acts_before + event.acts)
    return result


def _matched_rows(
    con: duckdb.DuckDBPyConnection,
    spec: Spec,
    windows: Sequence[Window],
    as_of: datetime,
    policy: str,
    tz: tzinfo,
) -> list[tuple[Any, ...]]:
    _load_windows(con, spec, windows)
    midnight, midnight_params = _local_midnight(tz)
    local_day, day_params = _local_day(tz)
    day = as_of.astimezone(tz).date().isoformat()
    policy_sql, params = _policy_filter(policy)
    revision_sql, revision_params = (
        (policy_sql, params) if policy.startswith("claimed_by:") else ("true", [])
    )
    return con.execute(
        f"""WITH revisions AS (
            -- Corrections and retractions known by the evaluation, from any source (a later
            -- report may correct another's); under `claimed_by` only that party's own count.
            -- The latest correction gives the quantity.
            SELECT e.amends, bool_or(e.amendment = 'retract') AS retracted,
                arg_max([e.quantity], {{'r': coalesce(e.reported_on, e.occurred_on),
                    'u': e.uid}}) FILTER (WHERE e.amendment = 'correct')[1] AS corrected
            FROM events e
            WHERE e.is_current AND e.amends IS NOT NULL AND e.occurred_on <= CAST(? AS DATE)
                AND {revision_sql}
            GROUP BY e.amends
        ), candidates AS (
            SELECT w.provision, e.uid, e.event_id, e.source_id, e.occurred_on, e.occurred_at,
                a.party AS actor, e.action, e.category, e.quantity, e.claimed_by,
                e.occurred_until AS until, w.start_at AS window_start, w.end_at AS window_end
            FROM events e
            JOIN accord_aliases a ON a.name = e.actor
            JOIN accord_windows w ON w.party = a.party AND w.action = e.action
                AND (w.object IS NULL OR w.object = e.object)
                -- An event that does not say its category may be any of them: it counts.
                AND (w.categories IS NULL OR e.category IS NULL
                    OR list_contains(w.categories, e.category))
                AND (w.places IS NULL OR list_contains(w.places, lower(e.location)))
            WHERE e.is_current AND e.amends IS NULL AND e.occurred_on <= CAST(? AS DATE)
                AND {policy_sql}
                -- By day first (cheap, a day of slack for time zones), by instant below.
                AND e.occurred_on BETWEEN CAST(w.start_at AS DATE) - 1
                    AND CAST(w.end_at AS DATE) + 1
        ), timed AS (
            SELECT *, coalesce(occurred_at, {midnight}) AS start_at,
                occurred_at IS NULL AS whole_day
            FROM candidates e
        ), matched AS (
            -- Corrections replace the quantity of the event they amend; retractions remove it.
            SELECT f.provision, f.uid, f.event_id, f.source_id, f.start_at, f.whole_day,
                f.actor, f.action, f.category,
                CASE WHEN v.corrected IS NOT NULL THEN v.corrected ELSE f.quantity END
                    AS quantity,
                f.claimed_by, f.until
            FROM timed f
            LEFT JOIN revisions v ON v.amends = f.event_id
            -- A date-only event covers its day: it counts when the day overlaps the window.
            WHERE (f.start_at >= f.window_start
                    OR (f.whole_day AND f.start_at + INTERVAL 1 DAY > f.window_start))
                AND f.start_at <= f.window_end AND f.start_at <= ?
                AND NOT coalesce(v.retracted, false)
        ), located AS (
            SELECT *, CAST({local_day} AS DATE) AS day FROM matched
        ), {_CONSOLIDATE}, {_COMPRESS}
        -- Python converts an empty list slower than a NULL: lists come only when not empty.
        -- A day-only act on a day the window covers only in part straddles its boundary.
        SELECT provision, uid, event_id, source_id, epoch_us(c.start_at), whole_day, actor,
            action, category, quantity, claimed_by, until,
            CASE WHEN len(others) > 0 THEN others END,
            CASE WHEN len(accounts) > 0 THEN accounts END, acts,
            whole_day AND (c.start_at < w.start_at
                OR c.start_at + INTERVAL 1 DAY - INTERVAL 1 MICROSECOND > w.end_at) AS straddles
        FROM compressed c
        JOIN (SELECT DISTINCT provision, start_at, end_at FROM accord_windows) w
            USING (provision)
        ORDER BY provision, c.start_at, coalesce(event_id, ''), uid""",
        [
            *(day, *revision_params, day, *params, *midnight_params, as_of, *day_params),
            policy == "corroborated",
        ],
    ).fetchall()


def _load_windows(con: duckdb.DuckDBPyConnection, spec: Spec, windows: Sequence[Window]) -> None:
    """The spec's side of the join, as small temporary tables."""
    aliases = [(p, p) for p in spec.parties] + [
        (alias, pid) for pid, party in spec.parties.items() for alias in party.aliases
    ]
    _table(con, "accord_aliases", {"name": "VARCHAR", "party": "VARCHAR"}, aliases)
    columns = {"provision": "VARCHAR", "party": "VARCHAR", "action": "VARCHAR"}
    columns |= {"object": "VARCHAR", "categories": "VARCHAR[]", "places": "VARCHAR[]"}
    columns |= {"start_at": "TIMESTAMPTZ", "end_at": "TIMESTAMPTZ"}
    _table(
        con,
        "accord_windows",
        columns,
        [
            (
                w.provision,
                party,
                action,
                w.object,
                list(w.categories) or None,
                [p.lower() for p in w.places] or None,
                w.start.isoformat(),
                w.end.isoformat(),
            )
            for w in windows
            for party in w.parties
            for action in w.actions
        ],
    )
    _table(
        con,
        "accord_budget",
        {
            "provision": "VARCHAR",
            "keep_all": "BOOLEAN",
            "thresholds": "BIGINT[]",
            "by_category": "BOOLEAN",
        },
        [(w.provision, w.full, list(w.thresholds), w.by_category) for w in windows],
    )


def _table(
    con: duckdb.DuckDBPyConnection,
    name: Sql,
    columns: dict[Sql, Sql],
    rows: Sequence[tuple[object, ...]],
) -> None:
    """A temporary table filled from one JSON parameter: each bound parameter costs tens of
    microseconds, and a spec makes hundreds of window rows."""
    declared = ", ".join(f"{column} {kind}" for column, kind in columns.items())
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({declared})")
    payload = json.dumps([dict(zip(columns, row, strict=True)) for row in rows])
    con.execute(
        f"INSERT INTO {name} SELECT unnest(from_json(?, ?), recursive := true)",
        [payload, json.dumps([columns])],
    )


# Reports and acts. A report is one source's row; an act is what happened. Reports from
# several sources of one actor's action on one day (and reported span) are placed into acts:
# - timed reports less than ACT_TOLERANCE apart form one cluster; reports dated only by the day
#   join the cluster when the day has one, else form their own;
# - within a cluster, each source's reports are ranked in time order per category: the k-th
#   report of each source is the same act (a source's two rows are two acts);
# - a report with no category in an act whose other reports give categories is the total of
#   those parts: it corroborates them and counts no further;
# - an act whose timed reports lie further apart than the tolerance is not merged at all: its
#   reports stay separate acts rather than be taken for one.
# Each part of a merged act takes the quantity most of its reports give (the lower on a tie, no
# quantity lowest); its representative is the first report giving it; when they differ, every
# value is kept, so the result can be flagged as disputed.
#
# Most acts have one source: only the days shared by several sources' reports go through the
# window functions, the costly part.
ACT_TOLERANCE = "INTERVAL 2 HOUR"
_DAY = "PARTITION BY provision, day, until, actor, action"
_COLUMNS = """provision, uid, event_id, source_id, start_at, whole_day, actor, action, category,
    quantity, claimed_by, until, day"""
_CONSOLIDATE = f"""keyed AS (
    SELECT *, {{'p': provision, 'd': day, 'u': until, 'a': actor, 'x': action}} AS day_key
    FROM located
), shared AS (
    SELECT day_key FROM keyed GROUP BY day_key HAVING count(DISTINCT source_id) > 1
), clustered AS (
    SELECT *, CASE WHEN NOT whole_day THEN sum(CAST(gap IS NULL OR gap >= {ACT_TOLERANCE} AS INT))
            OVER (PARTITION BY day_key, whole_day ORDER BY start_at, coalesce(event_id, ''), uid
                ROWS UNBOUNDED PRECEDING) END AS cluster
    FROM (SELECT *, start_at - lag(start_at) OVER (PARTITION BY day_key, whole_day
                ORDER BY start_at, coalesce(event_id, ''), uid) AS gap
        FROM keyed SEMI JOIN shared USING (day_key))
), placed AS (
    SELECT *, row_number() OVER (PARTITION BY day_key, place, source_id, category
            ORDER BY start_at, coalesce(event_id, ''), uid) AS k
    FROM (SELECT *, CASE WHEN cluster IS NOT NULL THEN cluster
            WHEN coalesce(max(cluster) OVER (PARTITION BY day_key), 0) <= 1 THEN 1
            ELSE 0 END AS place
        FROM clustered)
), reports AS (
    SELECT *,
        count(DISTINCT source_id) OVER a AS n_sources,
        list(DISTINCT source_id) OVER a AS sources,
        max(start_at) FILTER (WHERE NOT whole_day) OVER a
            - min(start_at) FILTER (WHERE NOT whole_day) OVER a AS span,
        bool_or(category IS NOT NULL) OVER a AS split,
        row_number() OVER (part ORDER BY votes DESC, coalesce(quantity, -1), start_at,
            coalesce(event_id, ''), uid) AS pick,
        count(DISTINCT quantity) OVER part + max(CAST(quantity IS NULL AS INT)) OVER part
            AS n_values,
        list(DISTINCT quantity) OVER part AS reported
    FROM (SELECT *, {{'d': day_key, 'p': place, 'k': k}} AS act_key,
            count(*) OVER (PARTITION BY day_key, place, k, category, quantity) AS votes
        FROM placed)
    WINDOW a AS (PARTITION BY act_key), part AS (PARTITION BY act_key, category)
), acts AS (
    SELECT {_COLUMNS}, [] AS others, [] AS accounts, 1 AS n_sources
    FROM keyed ANTI JOIN shared USING (day_key)
    UNION ALL
    SELECT {_COLUMNS},
        CASE WHEN merged THEN list_sort(list_filter(sources, s -> s <> source_id))
            ELSE [] END,
        CASE WHEN merged AND n_values > 1
            THEN list_sort(list_filter(reported, q -> q IS NOT NULL)) ELSE [] END,
        CASE WHEN merged THEN n_sources ELSE 1 END
    FROM (SELECT *, n_sources >= 2 AND coalesce(span < {ACT_TOLERANCE}, true) AS merged
        FROM reports)
    WHERE NOT merged OR (pick = 1 AND NOT (split AND category IS NULL))
), counted AS (
    -- Under `corroborated`, only acts that two or more sources report.
    SELECT * FROM acts WHERE NOT ? OR n_sources >= 2
)"""

# Which acts come back one by one: see `match_events`. The rest are summed per run of
# consecutive acts between two kept ones, and per day, interval and actor (and category where
# the window asks), so running totals, day totals and each actor's first act of a day stay exact.
_ORDER = "ORDER BY start_at, coalesce(event_id, ''), uid"
_COMPRESS = f"""ranked AS (
    SELECT a.*, b.by_category, b.keep_all OR seq <= {FIRST_ACTS} OR len(a.accounts) > 0
            OR len(list_filter(b.thresholds, t -> t > cum - coalesce(a.quantity, 0)
                AND t <= cum)) > 0 AS kept
    FROM (SELECT *,
            row_number() OVER p AS seq,
            sum(coalesce(quantity, 0)) OVER p AS cum
        FROM counted
        WINDOW p AS (PARTITION BY provision {_ORDER} ROWS UNBOUNDED PRECEDING)) a
    JOIN accord_budget b USING (provision)
), runs AS (
    SELECT *, sum(CAST(kept AS INT)) OVER (PARTITION BY provision {_ORDER}
        ROWS UNBOUNDED PRECEDING) AS run
    FROM ranked
), compressed AS (
    SELECT provision, uid, event_id, source_id, start_at, whole_day, actor, action, category,
        quantity, claimed_by, until, others, accounts, 1 AS acts
    FROM runs WHERE kept
    UNION ALL
    SELECT provision, first.uid, first.event_id, first.source_id, first.start_at,
        first.whole_day, actor, first.action, category, quantity, first.claimed_by,
        first.until, [], [], acts
    FROM (SELECT provision, actor, CASE WHEN by_category THEN category END AS category,
            sum(quantity) AS quantity, count(*) AS acts,
            arg_min(struct_pack(uid, event_id, source_id, start_at, whole_day, action,
                claimed_by, until),
                {{'s': start_at, 'e': coalesce(event_id, ''), 'u': uid}}) AS first
        FROM runs WHERE NOT kept
        GROUP BY provision, run, day, until, actor, 3)
)"""


def _local_midnight(tz: tzinfo) -> tuple[Sql, list[object]]:
    """SQL for the instant a date-only event's day starts, in the agreement's timezone."""
    day = "CAST(e.occurred_on AS TIMESTAMP)"
    if isinstance(tz, ZoneInfo):  # DST-aware: the offset depends on the day
        return f"timezone(?, {day})", [tz.key]
    offset = tz.utcoffset(None) or timedelta(0)
    return f"CAST({day} - to_seconds(CAST(? AS BIGINT)) AS TIMESTAMPTZ)", [
        int(offset.total_seconds())
    ]


def _local_day(tz: tzinfo) -> tuple[Sql, list[object]]:
    """SQL for the calendar day of `start_at` in the agreement's timezone."""
    if isinstance(tz, ZoneInfo):
        return "timezone(?, start_at)", [tz.key]
    offset = tz.utcoffset(None) or timedelta(0)
    return "timezone('UTC', start_at) + to_seconds(CAST(? AS BIGINT))", [
        int(offset.total_seconds())
    ]
