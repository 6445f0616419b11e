"""Benchmark: one evaluation of a 100-provision agreement against millions of stored events.

Builds a store with N synthetic events (default 10,000,000; generated inside DuckDB), a synthetic
agreement of 100 provisions (obligations with deadlines and quantities, and prohibitions), then
prints: the time of one evaluation (at mid-year, and on the timeline's last day, which covers the
same events as the timeline), the time of a daily timeline (as_of every day for a year, or
--points days), and a naive pure-Python evaluation of the same spec over a 100,000-event sample,
scaled to N. Targets (issue): one evaluation under 2 s on 2 cores; the timeline under 3x one
evaluation; at least 50x faster than the naive loop.

    python benchmarks/engine.py [--events N] [--points P] [--keep DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from accord.engine.evaluate import evaluate, evaluate_series
from accord.evidence.schema import hex_digits
from accord.evidence.store import Store
from accord.load import load_spec_text
from accord.schedule.resolve import spec_timezone
from accord.schedule.time import Moment
from accord.spec.models import Spec

PARTIES = [f"p{i}" for i in range(10)]
# The store holds a whole conflict's events, most of them by actors the agreement does not bind.
ACTORS = [*PARTIES, *(f"o{i}" for i in range(50))]
ACTIONS = [
    "release", "return_remains", "withdraw", "admit_aid", "attack", "negotiate", "deploy",
    "open_crossing", "allow_return", "hand_over_territory", "disarm", "monitor",
    "transfer_governance", "other", "exchange_information",
]  # fmt: skip
OBJECTS = ["captive", "prisoner", "truck", "area", "remains"]
CATEGORIES = ["civilian", "soldier", "woman", "child", "elderly", "wounded"]
START = date(2025, 1, 1)


def build_spec() -> Spec:
    """A synthetic agreement: 100 provisions of every shape over 10 parties and four phases.

    40 quantity obligations (10 with weekly instalments), 20 act obligations, 20 prohibitions,
    10 rates and 10 exchanges.
    """
    lines = [
        "accord: 1", "kind: agreement", "id: bench", "title: Benchmark agreement (synthetic)",
        "in_force: 2025-01-01", "day_one: in_force", "timezone: UTC", "parties:",
        *(f"  {p}: {{name: Party {p}}}" for p in PARTIES),
        f"categories: {{captive: [{', '.join(CATEGORIES)}]}}",
        "phases:", "  ph0: {start: in_force, duration: 90d}",
        *(f"  ph{n}: {{start: ph{n - 1}.end, duration: 90d}}" for n in range(1, 4)),
        "provisions:",
    ]  # fmt: skip
    for i in range(100):
        party, phase = PARTIES[i % 10], f"ph{i % 4}"
        head = f"  x{i}: {{phase: {phase}, party: {party}, "
        if i < 30:
            lines.append(head + f"action: release, object: captive, quantity: {200 + i * 40}, "
                         f"deadline: day {30 + i * 10}}}")  # fmt: skip
        elif i < 40:
            lines.append(head + "action: return_remains, object: remains, schedule: "
                         "[{every: 7d, from: day 1, through: day 84, quantity: 30}]}")  # fmt: skip
        elif i < 60:
            action = ("withdraw", "negotiate", "open_crossing", "hand_over_territory")[i % 4]
            lines.append(head + f"action: {action}, deadline: day {20 + i * 5}}}")
        elif i < 80:
            lines.append(head.replace("{", "{kind: prohibition, ", 1) + "action: attack}")
        elif i < 90:
            lines.append(head + "action: admit_aid, object: truck, "
                         "rate: {quantity: 20, unit: truck, per: 1d}}")  # fmt: skip
        else:
            lines.append(head + f"action: release, object: prisoner, exchange: {{for: x{i - 90}, "
                         "ratio: {civilian: 30, soldier: 50, any: 3}, within: 7d}}")  # fmt: skip
    result = load_spec_text("\n".join(lines) + "\n")
    assert result.spec is not None, [e.format() for e in result.errors]
    return result.spec


def fill_store(store: Store, events: int) -> None:
    """N synthetic events over 2025, generated in SQL (no Python loop).

    Actors, actions, objects and categories are drawn evenly (5% of events without a category);
    a third carry a time of day; 2% of acts are reported a second time by another source. Uids
    are 128-bit hashes written in hex, as an import makes them.
    """
    store.con.execute(
        "INSERT INTO sources SELECT 'bench' || i, 'Benchmark', NULL, NULL, NULL, false, NULL, "
        "'dataset', NULL, CAST(i AS VARCHAR), 0 FROM range(2) t(i)"
    )

    def pick(values: list[str], salt: int) -> str:
        return f"{values!r}[1 + (hash(i * {salt}) % {len(values)})::INT]"

    store.con.execute(
        f"""INSERT INTO events SELECT {hex_digits("md5_number('e' || i)")}, 'e' || i, 'bench0', day,
            CASE WHEN i % 3 = 0 THEN CAST(day AS TIMESTAMPTZ) + to_hours(i % 24) END, NULL,
            CASE WHEN i % 3 = 0 THEN 'hour' ELSE 'day' END, {pick(ACTORS, 3)},
            {pick(ACTIONS, 7)}, {pick(OBJECTS, 11)},
            CASE WHEN i % 20 <> 0 THEN {pick(CATEGORIES, 13)} END, 1 + (i % 3),
            NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, NULL,
            0, i
            FROM (SELECT i, DATE '2025-01-01' + (hash(i * 5) % 365)::INT AS day
                  FROM range({events}) t(i))"""
    )
    store.con.execute(
        f"""INSERT INTO events SELECT {hex_digits("md5_number('r' || event_id)")},
            'r' || event_id, 'bench1',
            occurred_on,
            occurred_at, occurred_until, precision, actor, action, object, category, quantity,
            unit, location, counterpart, claimed_by, reported_on, reported_at, notes, amends,
            amendment, fatalities, revision, extra, is_current, superseded_by, ingest_id,
            row_number FROM events WHERE row_number % 50 = 0"""
    )


def naive(spec: Spec, rows: list[tuple[object, ...]], as_of: date) -> dict[str, int]:
    """The same matching as a plain Python loop: for each provision, scan every event."""
    delivered: dict[str, int] = {}
    for xid, prov in spec.provisions.items():
        total = 0
        for day, actor, action, obj, quantity in rows:
            if (
                actor in prov.party
                and action == prov.action
                and obj == (prov.object or obj)
                and day <= as_of  # type: ignore[operator]
            ):
                total += quantity  # type: ignore[operator]
        delivered[xid] = total
    return delivered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--points", type=int, default=365)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="accord-engine-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"engine-{args.events}.duckdb"
    spec = build_spec()
    if not db.exists():
        t0 = time.perf_counter()
        with Store(db) as store:
            fill_store(store, args.events)
        print(f"built a store of {args.events:,} events in {time.perf_counter() - t0:.1f} s")
    tz = spec_timezone(spec)
    days = [Moment.of_day(START + timedelta(days=day), tz) for day in range(args.points)]
    with Store(db, read_only=True) as store:
        evaluate(spec, store, days[-1])  # warm the file cache
        mid = _timed(lambda: evaluate(spec, store, Moment.of_day(date(2025, 7, 1), tz)))
        last = _timed(lambda: evaluate(spec, store, days[-1]))
        print(f"one evaluation, 1 Jul:     {mid:8.2f} s")
        print(f"one evaluation, last day:  {last:8.2f} s (the events the timeline covers)")
        timeline = _timed(lambda: evaluate_series(spec, store, days))
        print(
            f"timeline of {args.points} points:    {timeline:8.2f} s "
            f"({timeline / last:.1f}x the last day's evaluation, {timeline / mid:.1f}x 1 Jul's)"
        )
        sample = min(100_000, args.events)
        rows = store.con.execute(
            f"SELECT occurred_on, actor, action, object, quantity FROM events LIMIT {sample}"
        ).fetchall()
    naive_time = _timed(lambda: naive(spec, rows, date(2025, 7, 1)))
    scaled = naive_time * args.events / sample
    print(f"naive loop on 1 Jul, scaled: {scaled:6.2f} s ({scaled / mid:.0f}x one evaluation)")


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
