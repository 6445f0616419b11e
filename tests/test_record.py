"""`accord record`: the acts the engine counts, once each, and their totals (record class 11)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

import accord
from accord.engine.record import record
from tests.library.support import bundled

Run = Callable[..., Result]
EXAMPLES = Path(accord.__file__).parent / "examples"


def test_gaza_phase_one_gives_the_33_captives_25_living_and_8_remains() -> None:
    spec, store = bundled("gaza-2025-01")
    found = record(spec, store, accord.moment(spec, "2025-03-19"), by=("party", "action"))
    totals = {(t.key["party"], t.key["action"]): t.quantity for t in found.totals}
    assert totals[("hamas", "release")] == 25
    assert totals[("hamas", "return_remains")] == 8


def test_an_act_counting_for_several_provisions_is_one_act() -> None:
    spec, store = bundled("gaza-2025-01")
    found = record(spec, store, accord.moment(spec, "2025-03-19"))
    shared = [a for a in found.acts if len(a.provisions) > 1]
    assert shared, "the prisoner releases answer several exchange terms"
    assert len({a.event for a in found.acts}) == len(found.acts)
    total = sum(t.acts for t in found.totals)
    assert total == len(found.acts)


def test_a_total_and_its_split_are_one_act_in_the_record(tmp_path: Path) -> None:
    spec = accord.load_spec_text(
        "accord: 1\nkind: agreement\nid: r\ntitle: R (fictional)\nin_force: 2025-06-01\n"
        "parties: {a: {name: A}, b: {name: B}}\ncategories: {captive: [woman, child]}\n"
        "provisions:\n  free: {party: a, action: release, object: captive, quantity: 20}\n"
    ).spec
    assert spec is not None
    events = tmp_path / "e.jsonl"
    rows = [
        {"record": "source", "id": "s1", "publisher": "One"},
        {"record": "source", "id": "s2", "publisher": "Two"},
        {"record": "event", "id": "t", "source": "s1", "occurred_at": "2025-06-03",
         "actor": "a", "action": "release", "object": "captive", "quantity": 13},
        {"record": "event", "id": "w", "source": "s2", "occurred_at": "2025-06-03",
         "actor": "a", "action": "release", "object": "captive", "category": "woman",
         "quantity": 9},
        {"record": "event", "id": "c", "source": "s2", "occurred_at": "2025-06-03",
         "actor": "a", "action": "release", "object": "captive", "category": "child",
         "quantity": 4},
    ]  # fmt: skip
    events.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with accord.open_evidence(files=[events]) as store:
        found = record(spec, store, accord.moment(spec, "2025-06-04"), by=("party",))
    assert [(t.acts, t.quantity) for t in found.totals] == [(2, 13)]  # two parts of one release
    assert {s for a in found.acts for s in a.sources} == {"s1", "s2"}


def test_the_command_prints_json_and_refuses_an_unknown_key(run_cli: Run) -> None:
    spec = str(EXAMPLES / "gaza-2025-01.yaml")
    events = str(EXAMPLES / "evidence" / "gaza-2025-01.jsonl")
    result = run_cli("record", spec, "--events", events, "--as-of", "2025-03-19", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert list(document) == ["agreement", "as_of", "policy", "by", "acts", "totals"]
    assert set(document["acts"][0]) >= {"event", "at", "party", "quantity", "sources"}
    table = run_cli("record", spec, "--events", events, "--as-of", "2025-03-19")
    assert table.exit_code == 0 and "return_remains" in table.stdout
    wrong = run_cli("record", spec, "--events", events, "--as-of", "2025-03-19", "--by", "side")
    assert wrong.exit_code == 2 and "unknown key side" in wrong.stderr
