"""Matching events to provisions: which reported acts count toward or against which term.

The relational part runs in DuckDB over the evidence store, so it scales with the store: the
provisions become a small table, joined to the events by actor (party id or alias), action,
object, category and time window. Only the matched rows come back to Python.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import duckdb

from accord.spec.models import Spec

POLICIES = ("all", "corroborated", "claimed_by:<party>")


@dataclass(frozen=True)
class MatchedEvent:
    """One event that counts for a provision, with what the engine needs of it."""

    provision: str
    uid: int
    event_id: str | None
    source: str
    start: datetime  # the first instant it may have happened (a whole day starts at midnight)
    whole_day: bool
    actor: str
    action: str
    category: str | None
    quantity: int | None
    claimed_by: str | None
    until: date | None = None  # the last day of an interval event (a running total, say)
    others: tuple[str, ...] = ()  # other sources reporting the same act
    accounts: tuple[int | None, ...] = ()  # every quantity reported for it, when they differ

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source that reports this act."""
        return (self.source, *self.others)

    @property
    def day(self) -> date:
        """The calendar day of the event, in the agreement's timezone."""
        return self.start.date()


@dataclass(frozen=True)
class Window:
    """Where and when a provision looks for events (both ends inclusive)."""

    provision: str
    parties: tuple[str, ...]
    action: str
    object: str | None
    categories: tuple[str, ...]
    places: tuple[str, ...]  # place ids and names; empty means anywhere
    start: datetime
    end: datetime


class PolicyError(ValueError):
    """An evidence policy that accord does not know."""


def parse_policy(policy: str) -> str:
    """Check a policy name: `all`, `corroborated` or `claimed_by:<party or outlet>`."""
    if policy in ("all", "corroborated"):
        return policy
    if policy.startswith("claimed_by:") and len(policy) > len("claimed_by:"):
        return policy
    raise PolicyError(f"unknown policy `{policy}`; use one of: " + ", ".join(POLICIES))


def _policy_filter(policy: str) -> tuple[str, list[str]]:
    if policy == "all":
        return "true", []
    if policy == "corroborated":
        # Two independent sources: another current event of the same act from another source.
        return (
            """EXISTS (SELECT 1 FROM events o WHERE o.is_current AND o.source_id <> e.source_id
                AND o.actor = e.actor AND o.action = e.action
                AND o.object IS NOT DISTINCT FROM e.object
                AND o.occurred_on = e.occurred_on
                AND o.quantity IS NOT DISTINCT FROM e.quantity)""",
            [],
        )
    party = policy.split(":", 1)[1]
    return "(e.claimed_by = ? OR e.source_id IN (SELECT id FROM sources WHERE publisher = ?))", [
        party,
        party,
    ]


def match_events(
    con: duckdb.DuckDBPyConnection,
    spec: Spec,
    windows: list[Window],
    as_of: datetime,
    policy: str,
    tz: tzinfo,
) -> list[MatchedEvent]:
    """Events that fall in each provision's window, up to `as_of`, under `policy`.

    A date-only event covers its whole day: it counts from the start of that day in the
    agreement's timezone. Corrections replace the event they amend; retractions remove it.
    """
    if not windows:
        return []
    aliases = [(p, p) for p in spec.parties] + [
        (alias, pid) for pid, party in spec.parties.items() for alias in party.aliases
    ]
    con.execute("CREATE OR REPLACE TEMP TABLE accord_aliases (name VARCHAR, party VARCHAR)")
    con.executemany("INSERT INTO accord_aliases VALUES (?, ?)", aliases)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE accord_windows (provision VARCHAR, party VARCHAR, "
        "action VARCHAR, object VARCHAR, categories VARCHAR[], places VARCHAR[], "
        "start_at TIMESTAMPTZ, end_at TIMESTAMPTZ)"
    )
    con.executemany(
        "INSERT INTO accord_windows VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                w.provision,
                party,
                w.action,
                w.object,
                list(w.categories) or None,
                [p.lower() for p in w.places] or None,
                w.start,
                w.end,
            )
            for w in windows
            for party in w.parties
        ],
    )
    midnight, midnight_params = _local_midnight(tz)
    day = as_of.astimezone(tz).date().isoformat()
    policy_sql, params = _policy_filter(policy)
    rows = con.execute(
        f"""WITH effective AS (
            SELECT e.uid, e.event_id, e.source_id, e.actor, e.action, e.object, e.category,
                e.location, e.occurred_until,
                coalesce(c.quantity, e.quantity) AS quantity, e.claimed_by,
                coalesce(e.occurred_at, {midnight}) AS start_at,
                e.occurred_at IS NULL AS whole_day
            FROM events e
            LEFT JOIN events c ON c.is_current AND c.amends = e.event_id
                AND c.source_id = e.source_id AND c.amendment = 'correct'
                AND c.occurred_on <= CAST(? AS DATE)
            WHERE e.is_current AND e.amends IS NULL AND {policy_sql}
            AND NOT EXISTS (SELECT 1 FROM events r WHERE r.is_current AND r.amends = e.event_id
                AND r.source_id = e.source_id AND r.amendment = 'retract'
                AND r.occurred_on <= CAST(? AS DATE))
        )
        SELECT w.provision, f.uid, f.event_id, f.source_id, f.start_at, f.whole_day, a.party,
            f.action, f.category, f.quantity, f.claimed_by, f.occurred_until
        FROM effective f
        JOIN accord_aliases a ON a.name = f.actor
        JOIN accord_windows w ON w.party = a.party AND w.action = f.action
            AND (w.object IS NULL OR w.object = f.object)
            -- An event that does not say its category may be any of them: it counts.
            AND (w.categories IS NULL OR f.category IS NULL
                OR list_contains(w.categories, f.category))
            AND (w.places IS NULL OR list_contains(w.places, lower(f.location)))
        -- A date-only event covers its day: it counts when the day overlaps the window.
        WHERE (f.start_at >= w.start_at
                OR (f.whole_day AND f.start_at + INTERVAL 1 DAY > w.start_at))
            AND f.start_at <= w.end_at AND f.start_at <= ?
        ORDER BY w.provision, f.start_at, f.event_id, f.uid""",
        [*midnight_params, day, *params, day, as_of],
    ).fetchall()
    return [
        MatchedEvent(
            provision=r[0],
            uid=int(r[1]),
            event_id=r[2],
            source=r[3],
            start=r[4].astimezone(tz),
            whole_day=bool(r[5]),
            actor=r[6],
            action=r[7],
            category=r[8],
            quantity=r[9],
            claimed_by=r[10],
            until=r[11],
        )
        for r in rows
    ]


def consolidate(events: list[MatchedEvent]) -> list[MatchedEvent]:
    """One act reported by several sources counts once.

    Reports from different sources of the same act (same days, actor, action and category) are
    merged: the quantity is the one most sources give (the lower on a tie), and when the
    accounts differ they are all kept, so the result can be flagged as disputed. Several rows
    from one source stay separate acts.
    """
    groups: dict[tuple[object, ...], list[MatchedEvent]] = {}
    for event in events:
        key = (event.provision, event.day, event.until, event.actor, event.action, event.category)
        groups.setdefault(key, []).append(event)
    merged: list[MatchedEvent] = []
    for group in groups.values():
        by_source: dict[str, MatchedEvent] = {}
        for event in group:
            by_source.setdefault(event.source, event)
        if len(by_source) < 2 or len(by_source) != len(group):
            merged += group
            continue
        quantities = [e.quantity for e in by_source.values()]
        chosen = min(
            set(quantities), key=lambda q: (-quantities.count(q), q if q is not None else -1)
        )
        first = next(e for e in group if e.quantity == chosen)
        accounts = (
            tuple(sorted({q for q in quantities if q is not None}))
            if len(set(quantities)) > 1
            else ()
        )
        others = tuple(sorted(s for s in by_source if s != first.source))
        merged.append(replace(first, others=others, accounts=accounts))
    return sorted(merged, key=lambda e: (e.start, e.event_id or "", e.uid))


def _local_midnight(tz: tzinfo) -> tuple[str, list[object]]:
    """SQL for the instant a date-only event's day starts, in the agreement's timezone."""
    day = "CAST(e.occurred_on AS TIMESTAMP)"
    if isinstance(tz, ZoneInfo):  # DST-aware: the offset depends on the day
        return f"timezone(?, {day})", [tz.key]
    offset = tz.utcoffset(None) or timedelta(0)
    return f"CAST({day} - to_seconds(CAST(? AS BIGINT)) AS TIMESTAMPTZ)", [
        int(offset.total_seconds())
    ]
