"""Collects engine scenarios written as data: a spec, events, an instant, the expected states.

Each `*.yaml` file here holds one spec (inline, or a bundled example by name) and a list of
scenarios. A failure reads `file: scenario: message`, not a traceback.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

import accord
from accord.engine.results import Evaluation
from accord.evidence.ingest import FileReport
from accord.examples import example
from accord.spec.models import Spec

DEFAULT_SOURCE = {"record": "source", "id": "s1", "publisher": "Scenario source"}


class ScenarioFailure(Exception):
    """A scenario whose evaluation differs from what it expects."""


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.parent == Path(__file__).parent:
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        document = YAML(typ="safe").load(self.path.read_text(encoding="utf-8"))
        spec = _spec(document, self.path)
        for scenario in document["scenarios"]:
            yield ScenarioItem.from_parent(self, name=scenario["name"], spec=spec, data=scenario)


def _spec(document: dict[str, Any], path: Path) -> Spec:
    if "spec_file" in document:
        result = accord.load_spec(Path(str(example(document["spec_file"]))))
    else:
        result = accord.load_spec_text(document["spec"], str(path))
    if result.spec is None:
        raise ScenarioFailure("; ".join(e.format() for e in result.errors))
    return result.spec


class ScenarioItem(pytest.Item):
    def __init__(self, *, spec: Spec, data: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec
        self.data = data

    def runtest(self) -> None:
        evaluation = self.evaluate()
        problems = list(_compare(evaluation, self.data.get("expect", {})))
        if problems:
            raise ScenarioFailure("; ".join(problems))

    def evaluate(self) -> Evaluation:
        records = [
            DEFAULT_SOURCE,
            *({"record": "source", **source} for source in self.data.get("sources", [])),
            *(
                {"record": "event", "source": "s1", **event}
                for event in self.data.get("events", [])
            ),
        ]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "events.jsonl"
            path.write_text(
                "\n".join(json.dumps(r, default=str) for r in records) + "\n", encoding="utf-8"
            )
            with accord.open_evidence(files=[path], on_file=_all_landed) as store:
                as_of = str(self.data["as_of"])
                return accord.evaluate_at(self.spec, store, as_of, self.data.get("policy", "all"))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailure):
            return f"{self.path.name}: {self.name}: {excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"scenario: {self.name}"


def _all_landed(path: Path, report: FileReport) -> None:
    if report.status != "ok":
        raise ScenarioFailure(f"events rejected: {[p.to_dict() for p in report.problems]}")


def _compare(evaluation: Evaluation, expect: dict[str, Any]) -> Iterator[str]:
    for pid, wanted in expect.get("phases", {}).items():
        yield from _fields(f"phase {pid}", evaluation.phase(pid).to_dict(), wanted)
    for xid, wanted in expect.get("provisions", {}).items():
        yield from _fields(f"provision {xid}", evaluation.provision(xid).to_dict(), wanted)
    if "violations" in expect and len(evaluation.violations) != expect["violations"]:
        yield f"violations: expected {expect['violations']}, got {len(evaluation.violations)}"
    rows = {(r.provision, r.counterpart_event): r.to_dict() for r in evaluation.ledger}
    for wanted in expect.get("ledger", []):
        key = (wanted["provision"], wanted["counterpart_event"])
        if key not in rows:
            yield f"ledger: no row for {key}"
            continue
        yield from _fields(f"ledger row {key}", rows[key], wanted)
    if "ledger_owed" in expect:
        owed = sum(row.required for row in evaluation.ledger)
        if owed != expect["ledger_owed"]:
            yield f"ledger owed: expected {expect['ledger_owed']}, got {owed}"


def _fields(what: str, actual: dict[str, Any], wanted: Any) -> Iterator[str]:
    wanted = wanted if isinstance(wanted, dict) else {"state": wanted}
    for key, value in wanted.items():
        got = actual.get(key)
        if key == "instalments":
            got = [row["state"] + ("/late" if row["late"] else "") for row in got or []]
        if got != value:
            yield f"{what} {key}: expected {value!r}, got {got!r}"
