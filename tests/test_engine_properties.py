"""Invariants of the evaluation: monotone deliveries, the past ignores the future, the ledger
balances, and the JSON is the same byte for byte for the same inputs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.engine.acts import MatchedEvent, Window
from accord.engine.evaluate import evaluate, evaluate_series
from accord.evidence.ingest import ingest_file
from accord.evidence.store import Store
from accord.load import load_spec_text
from accord.schedule.time import Moment
from accord.spec.models import Spec

SPEC = load_spec_text(
    """\
accord: 1
kind: agreement
id: property-test
title: Property test (fictional)
in_force: 2025-05-01
day_one: in_force
timezone: "+02:00"
parties:
  a: {name: Party A}
  b: {name: Party B}
categories:
  captive: [civilian, soldier]
phases:
  p1: {start: in_force, duration: 20d}
provisions:
  free: {phase: p1, party: a, action: release, object: captive, quantity: 12, deadline: day 10}
  back:
    phase: p1
    party: b
    action: release
    object: prisoner
    exchange: {for: free, ratio: {civilian: 30, soldier: 50}}
  truce: {kind: prohibition, phase: p1, party: [a, b], action: attack}
"""
).spec
assert SPEC is not None
START = date(2025, 5, 1)

event = st.fixed_dictionaries(
    {
        "day": st.integers(0, 25),
        "actor": st.sampled_from(["a", "b", "c"]),
        "action": st.sampled_from(["release", "attack", "withdraw"]),
        "object": st.sampled_from(["captive", "prisoner"]),
        "category": st.sampled_from(["civilian", "soldier", None]),
        "quantity": st.integers(0, 40),
    }
)
pytestmark = pytest.mark.slow
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _store(tmp_path: Path, events: list[dict[str, object]]) -> Store:
    lines = ['{"record":"source","id":"s1","publisher":"Example Wire"}']
    for i, e in enumerate(events):
        record = {
            "record": "event", "id": e.get("id", f"e{i}"), "source": "s1",
            "occurred_at": _when(e),
            **{k: v for k, v in e.items() if k not in ("day", "hour", "id") and v is not None},
        }  # fmt: skip
        lines.append(json.dumps(record))
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = Store(":memory:")
    assert ingest_file(store, path).status == "ok"
    return store


def _when(event: dict[str, object]) -> str:
    day = (START + timedelta(days=int(event["day"]))).isoformat()  # type: ignore[call-overload]
    hour = event.get("hour")
    return day if hour is None else f"{day}T{hour:02d}:00:00+02:00"


def _at(day: int) -> Moment:
    return Moment.of_day(START + timedelta(days=day), timezone(timedelta(hours=2)))


@SETTINGS
@given(st.lists(event, max_size=12))
def test_delivered_never_decreases_as_time_goes_on(
    tmp_path: Path, events: list[dict[str, object]]
) -> None:
    assert SPEC is not None
    with _store(tmp_path, events) as store:
        previous = -1
        for day in range(0, 27, 3):
            delivered = evaluate(SPEC, store, _at(day)).provision("free").delivered or 0
            assert delivered >= previous
            previous = delivered


@SETTINGS
@given(st.lists(event, max_size=12), st.integers(0, 25))
def test_an_evaluation_ignores_every_event_after_it(
    tmp_path: Path, events: list[dict[str, object]], cut: int
) -> None:
    assert SPEC is not None
    numbered = [{**e, "id": f"e{i}"} for i, e in enumerate(events)]  # ids stay the same
    early = [e for e in numbered if int(e["day"]) <= cut]  # type: ignore[call-overload]
    with _store(tmp_path, numbered) as everything, _store(tmp_path, early) as past:
        full = evaluate(SPEC, everything, _at(cut)).to_dict()
        only_past = evaluate(SPEC, past, _at(cut)).to_dict()
    assert full == only_past


@SETTINGS
@given(st.lists(event, max_size=12))
def test_the_ledger_balances_and_output_is_deterministic(
    tmp_path: Path, events: list[dict[str, object]]
) -> None:
    assert SPEC is not None
    with _store(tmp_path, events) as store:
        first = evaluate(SPEC, store, _at(26))
        second = evaluate(SPEC, store, _at(26))
    back = first.provision("back")
    assert back.required == sum(row.required for row in first.ledger)
    assert json.dumps(first.to_dict()) == json.dumps(second.to_dict())


BUSY = load_spec_text(
    """\
accord: 1
kind: agreement
id: busy-test
title: Many small acts (fictional)
in_force: 2025-05-01
day_one: in_force
timezone: Europe/Paris
parties:
  a: {name: Party A}
  b: {name: Party B}
phases:
  p1: {start: in_force, duration: 20d}
provisions:
  free: {phase: p1, party: a, action: release, object: captive, quantity: 45, deadline: day 9}
  staged:
    phase: p1
    party: a
    action: release
    object: captive
    schedule: [{every: 3d, from: day 1, through: day 15, quantity: 7}]
  aid: {phase: p1, party: b, action: admit_aid, rate: {quantity: 4, unit: truck, per: 1d}}
  talks: {phase: p1, party: b, action: negotiate, deadline: day 5}
"""
).spec
busy_event = st.builds(
    lambda day, hour, act, quantity: {"day": day, "hour": hour, **act, "quantity": quantity},
    st.integers(0, 22),
    st.one_of(st.none(), st.integers(0, 23)),
    st.sampled_from(
        [
            {"actor": "a", "action": "release", "object": "captive"},
            {"actor": "b", "action": "admit_aid", "object": "truck"},
            {"actor": "b", "action": "negotiate"},
        ]
    ),
    st.integers(0, 3),
)
DECIDING = ("state", "required", "delivered", "due", "late", "flags", "instalments")


@settings(SETTINGS, max_examples=40)
@given(st.lists(busy_event, min_size=80, max_size=120), st.integers(12, 22))
def test_summing_acts_that_decide_nothing_changes_no_state(
    tmp_path: Path, events: list[dict[str, object]], day: int
) -> None:
    """Past the first acts, matching returns day sums except where a running total crosses a
    threshold; every state and figure must be what the act-by-act record gives."""
    assert BUSY is not None
    with _store(tmp_path, events) as store:
        summed = evaluate(BUSY, store, _at(day)).to_dict()
        exact = evaluate(BUSY, _EveryAct(store), _at(day)).to_dict()
    for mine, truth in zip(summed["provisions"], exact["provisions"], strict=True):
        assert {k: mine.get(k) for k in DECIDING} == {k: truth.get(k) for k in DECIDING}


class _EveryAct:
    """The store's evidence with every act of every window returned one by one."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def match(
        self, spec: Spec, windows: Sequence[Window], as_of: datetime, policy: str, tz: tzinfo
    ) -> dict[str, list[MatchedEvent]]:
        return self.store.match(spec, [replace(w, full=True) for w in windows], as_of, policy, tz)

    def revision_days(self) -> list[date]:
        return self.store.revision_days()

    def claimants(self) -> set[str]:
        return self.store.claimants()


@SETTINGS
@given(st.lists(event, max_size=30), st.lists(st.integers(0, 26), min_size=1, max_size=8))
def test_a_series_gives_what_each_evaluation_gives(
    tmp_path: Path, events: list[dict[str, object]], days: list[int]
) -> None:
    """The timeline matches once and reads each day's prefix: it must agree with evaluating
    every day on its own, whatever the order of the days asked for."""
    assert SPEC is not None
    points = [_at(day) for day in days]
    with _store(tmp_path, events) as store:
        series = [e.to_dict() for e in evaluate_series(SPEC, store, points)]
        one_by_one = [evaluate(SPEC, store, point).to_dict() for point in points]
    assert series == one_by_one
