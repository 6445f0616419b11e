"""Benchmark: one evaluation of a 100-provision agreement against millions of stored events.

Builds a store with N synthetic events (default 10,000,000; generated inside DuckDB), a synthetic
agreement of 100 provisions (obligations with deadlines and quantities, and prohibitions), then
prints: the time of one evaluation, the time of a daily timeline (as_of every day for a year, or
--points days), and a naive pure-Python evaluation of the same spec over a 100,000-event sample,
scaled to N. Targets (issue): one evaluation under 2 s on 2 cores; the timeline under 3x one
evaluation; at least 50x faster than the naive loop.

    python benchmarks/engine.py [--events N] [--points P] [--keep DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from accord.engine.evaluate import evaluate
from accord.engine.resolve import spec_timezone
from accord.engine.time import Moment
from accord.evidence.store import Store
from accord.spec.load import load_spec_text
from accord.spec.models import Spec

ACTIONS = ["release", "withdraw", "admit_aid", "attack", "negotiate"]
PARTIES = [f"p{i}" for i in range(10)]
START = date(2025, 1, 1)


def build_spec() -> Spec:
    """A synthetic agreement: 100 provisions over 10 parties and 5 actions."""
    lines = [
        "accord: 1", "kind: agreement", "id: bench", "title: Benchmark agreement (synthetic)",
        "in_force: 2025-01-01", "day_one: in_force", "timezone: UTC", "parties:",
        *(f"  {p}: {{name: Party {p}}}" for p in PARTIES),
        "phases:", "  main: {start: in_force, duration: 365d}", "provisions:",
    ]  # fmt: skip
    for i in range(100):
        party, action = PARTIES[i % 10], ACTIONS[i % 5]
        if action == "attack":
            lines.append(
                f"  x{i}: {{kind: prohibition, phase: main, party: {party}, action: attack}}"
            )
        else:
            lines.append(
                f"  x{i}: {{phase: main, party: {party}, action: {action}, "
                f"quantity: {1000 + i}, deadline: day {30 + i * 3}}}"
            )
    result = load_spec_text("\n".join(lines) + "\n")
    assert result.spec is not None, [e.format() for e in result.errors]
    return result.spec


def fill_store(store: Store, events: int) -> None:
    """N synthetic events over 2025, generated in SQL (no Python loop)."""
    store.con.execute(
        "INSERT INTO sources VALUES ('bench', 'Benchmark', NULL, NULL, NULL, false, NULL, "
        "'dataset', NULL, 0, 0)"
    )
    parties = "['" + "','".join([*PARTIES, "other"]) + "']"
    actions = "['" + "','".join(ACTIONS) + "']"
    store.con.execute(
        f"""INSERT INTO events SELECT i, 'e' || i, 'bench', DATE '2025-01-01' + (i % 365)::INT,
            NULL, NULL, 'day', {parties}[1 + (hash(i) % 11)::INT],
            {actions}[1 + (hash(i * 7) % 5)::INT], NULL, NULL, 1 + (i % 3), NULL, NULL, NULL,
            NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, NULL, 0, i
            FROM range({events}) t(i)"""
    )


def naive(spec: Spec, rows: list[tuple[object, ...]], as_of: date) -> dict[str, int]:
    """The same matching as a plain Python loop: for each provision, scan every event."""
    delivered: dict[str, int] = {}
    for xid, prov in spec.provisions.items():
        total = 0
        for day, actor, action, quantity in rows:
            if actor in prov.party and action == prov.action and day <= as_of:  # type: ignore[operator]
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
    with Store(db, read_only=True) as store:
        as_of = Moment.of_day(date(2025, 7, 1), tz)
        evaluate(spec, store.con, as_of)  # warm the file cache
        t0 = time.perf_counter()
        evaluate(spec, store.con, as_of)
        one = time.perf_counter() - t0
        print(f"one evaluation:            {one:8.2f} s")
        t0 = time.perf_counter()
        for day in range(args.points):
            evaluate(spec, store.con, Moment.of_day(START + timedelta(days=day), tz))
        timeline = time.perf_counter() - t0
        print(f"timeline of {args.points} points:    {timeline:8.2f} s ({timeline / one:.1f}x one)")
        sample = min(100_000, args.events)
        rows = store.con.execute(
            f"SELECT occurred_on, actor, action, quantity FROM events LIMIT {sample}"
        ).fetchall()
    t0 = time.perf_counter()
    naive(spec, rows, date(2025, 7, 1))
    scaled = (time.perf_counter() - t0) * args.events / sample
    print(f"naive loop, scaled:        {scaled:8.2f} s ({scaled / one:.0f}x one evaluation)")


if __name__ == "__main__":
    main()
