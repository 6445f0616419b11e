"""`accord status`: the JSON document's keys, evidence from files or a store, usage errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Run = Callable[..., Result]

SPEC = """\
accord: 1
kind: agreement
id: status-test
title: Status test (fictional)
in_force: 2025-03-01
day_one: in_force
timezone: "+02:00"
parties:
  a: {name: Party A}
  b: {name: Party B}
phases:
  p1: {start: in_force, duration: 10d}
provisions:
  truce: {kind: prohibition, phase: p1, party: [a, b], action: attack}
  go: {party: b, action: withdraw, deadline: day 3}
"""
EVENTS = (
    '{"record":"source","id":"s1","publisher":"Example Wire"}\n'
    '{"record":"event","id":"x1","occurred_at":"2025-03-02","actor":"a","action":"attack",'
    '"source":"s1"}\n'
)


def _files(tmp_path: Path) -> tuple[str, str]:
    spec, events = tmp_path / "s.yaml", tmp_path / "e.jsonl"
    spec.write_text(SPEC, encoding="utf-8")
    events.write_text(EVENTS, encoding="utf-8")
    return str(spec), str(events)


def test_status_json_has_the_design_keys(run_cli: Run, tmp_path: Path) -> None:
    spec, events = _files(tmp_path)
    result = run_cli("status", spec, "--events", events, "--as-of", "2025-03-05", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {
        "agreement",
        "as_of",
        "policy",
        "phases",
        "provisions",
        "ledger",
        "violations",
    }
    assert {"id", "state", "start", "end"} <= set(document["phases"][0])
    assert {"id", "state", "party", "required", "delivered", "due", "because"} <= set(
        document["provisions"][0]
    )
    (violation,) = document["violations"]
    assert violation == {
        "provision": "truce",
        "party": "a",
        "at": "2025-03-02",
        "event": "x1",
        "sources": ["s1"],
    }
    states = {p["id"]: p["state"] for p in document["provisions"]}
    assert states == {"truce": "breached", "go": "violated"}


def test_status_reads_a_store_and_gives_the_same_answer(run_cli: Run, tmp_path: Path) -> None:
    spec, events = _files(tmp_path)
    db = str(tmp_path / "s.duckdb")
    assert run_cli("ingest", events, "--db", db).exit_code == 0
    from_store = run_cli("status", spec, "--db", db, "--as-of", "2025-03-05", "--json")
    from_files = run_cli("status", spec, "--events", events, "--as-of", "2025-03-05", "--json")
    assert from_store.stdout == from_files.stdout  # deterministic, byte for byte


def test_status_usage_errors(run_cli: Run, tmp_path: Path) -> None:
    spec, events = _files(tmp_path)
    assert run_cli("status", spec, "--events", events).exit_code == 2  # no --as-of: no clock
    assert run_cli("status", spec, "--as-of", "2025-03-05").exit_code == 2  # no evidence
    bad = run_cli("status", spec, "--events", events, "--as-of", "2025-03-05", "--policy", "mine")
    assert bad.exit_code == 2
