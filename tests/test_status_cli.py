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


def test_explain_prints_the_because_trail(run_cli: Run, tmp_path: Path) -> None:
    spec, events = _files(tmp_path)
    text = run_cli("explain", spec, "truce", "--events", events, "--as-of", "2025-03-05")
    assert text.exit_code == 0
    assert "truce: breached" in text.stdout
    assert "breach: a attack on 2025-03-02 (event x1)" in text.stdout
    document = json.loads(
        run_cli("explain", spec, "go", "--events", events, "--as-of", "2025-03-05", "--json").stdout
    )
    kinds = [r["kind"] for r in document["because"]]
    assert kinds[:3] == ["clause", "date", "date"]  # the clause, when it applies, its deadline
    missing = run_cli("explain", spec, "nope", "--events", events, "--as-of", "2025-03-05")
    assert missing.exit_code == 2


def test_compare_policies_lists_where_accounts_diverge(run_cli: Run, tmp_path: Path) -> None:
    spec, _ = _files(tmp_path)
    events = tmp_path / "claims.jsonl"
    events.write_text(
        '{"record":"source","id":"s1","publisher":"Example Wire"}\n'
        '{"record":"event","id":"x1","occurred_at":"2025-03-02","actor":"a","action":"attack",'
        '"source":"s1","claimed_by":"b"}\n'
        '{"record":"event","id":"w1","occurred_at":"2025-03-02","actor":"b","action":"withdraw",'
        '"source":"s1","claimed_by":"b"}\n',
        encoding="utf-8",
    )
    result = run_cli(
        "status", spec, "--events", str(events), "--as-of", "2025-03-05",
        "--compare-policies", "claimed_by:a,claimed_by:b", "--json",
    )  # fmt: skip
    document = json.loads(result.stdout)
    found = {d["provision"]: d["states"] for d in document["differences"]}
    assert found == {
        "truce": {"claimed_by:a": "respected", "claimed_by:b": "breached"},
        "go": {"claimed_by:a": "violated", "claimed_by:b": "fulfilled"},
    }


def test_compare_policies_lists_a_provision_whose_accounts_count_other_acts(
    run_cli: Run, tmp_path: Path
) -> None:
    """Record class 9: both accounts read "breached, 1 act", but not the same act."""
    spec, _ = _files(tmp_path)
    events = tmp_path / "two.jsonl"
    events.write_text(
        '{"record":"source","id":"s1","publisher":"Example Wire"}\n'
        '{"record":"event","id":"x1","occurred_at":"2025-03-02","actor":"a","action":"attack",'
        '"source":"s1","claimed_by":"b"}\n'
        '{"record":"event","id":"x2","occurred_at":"2025-03-04","actor":"b","action":"attack",'
        '"source":"s1","claimed_by":"a"}\n',
        encoding="utf-8",
    )
    result = run_cli(
        "status", spec, "--events", str(events), "--as-of", "2025-03-05",
        "--compare-policies", "claimed_by:a,claimed_by:b", "--json",
    )  # fmt: skip
    truce = next(d for d in json.loads(result.stdout)["differences"] if d["provision"] == "truce")
    assert truce["states"] == {"claimed_by:a": "breached", "claimed_by:b": "breached"}
    assert [r["ref"] for r in truce["events"]["claimed_by:a"]] == ["x2"]
    assert [r["ref"] for r in truce["events"]["claimed_by:b"]] == ["x1"]


def test_a_policy_naming_nobody_is_a_usage_error_with_a_suggestion(
    run_cli: Run, tmp_path: Path
) -> None:
    """Record class 10: `claimed_by:bb` would count nothing, silently."""
    spec, events = _files(tmp_path)
    wrong = run_cli("status", spec, "--events", events, "--as-of", "2025-03-05",
                    "--policy", "claimed_by:bb")  # fmt: skip
    assert wrong.exit_code == 2
    assert "did you mean `b`?" in wrong.stderr
    publisher = run_cli("status", spec, "--events", events, "--as-of", "2025-03-05",
                        "--policy", "claimed_by:Example Wire")  # fmt: skip
    assert publisher.exit_code == 0
