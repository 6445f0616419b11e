"""Invariants of the evaluation: monotone deliveries, the past ignores the future, the ledger
balances, and the JSON is the same byte for byte for the same inputs."""

from __future__ import annotations

import json
from datetime import date, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.engine.evaluate import evaluate
from accord.engine.time import Moment
from accord.evidence.ingest import ingest_file
from accord.evidence.store import Store
from accord.spec.load import load_spec_text

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
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _store(tmp_path: Path, events: list[dict[str, object]]) -> Store:
    lines = ['{"record":"source","id":"s1","publisher":"Example Wire"}']
    for i, e in enumerate(events):
        record = {
            "record": "event", "id": e.get("id", f"e{i}"), "source": "s1",
            "occurred_at": (START + timedelta(days=int(e["day"]))).isoformat(),  # type: ignore[call-overload]
            **{k: v for k, v in e.items() if k not in ("day", "id") and v is not None},
        }  # fmt: skip
        lines.append(json.dumps(record))
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = Store(":memory:")
    assert ingest_file(store, path).status == "ok"
    return store


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
            delivered = evaluate(SPEC, store.con, _at(day)).provision("free").delivered or 0
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
        full = evaluate(SPEC, everything.con, _at(cut)).to_dict()
        only_past = evaluate(SPEC, past.con, _at(cut)).to_dict()
    assert full == only_past


@SETTINGS
@given(st.lists(event, max_size=12))
def test_the_ledger_balances_and_output_is_deterministic(
    tmp_path: Path, events: list[dict[str, object]]
) -> None:
    assert SPEC is not None
    with _store(tmp_path, events) as store:
        first = evaluate(SPEC, store.con, _at(26))
        second = evaluate(SPEC, store.con, _at(26))
    back = first.provision("back")
    assert back.required == sum(row.required for row in first.ledger)
    assert json.dumps(first.to_dict()) == json.dumps(second.to_dict())
