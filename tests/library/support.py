"""Replays of bundled agreements: a bundled spec evaluated against its bundled evidence."""

from __future__ import annotations

from importlib import resources

from accord.engine.evaluate import evaluate
from accord.engine.results import Evaluation
from accord.evidence.ingest import ingest_file
from accord.evidence.store import Store
from accord.examples import example
from accord.load import load_spec
from accord.schedule.resolve import spec_timezone
from accord.schedule.time import parse_moment


def replay(name: str, as_of: str, policy: str = "all") -> Evaluation:
    """Evaluate bundled example `name` on `evidence/<name>.jsonl` at `as_of` (a day or instant)."""
    with resources.as_file(example(name)) as spec_path:
        loaded = load_spec(spec_path)
    assert loaded.spec is not None, [e.format() for e in loaded.errors]
    spec = loaded.spec
    evidence = resources.files("accord.examples").joinpath(f"evidence/{name}.jsonl")
    with resources.as_file(evidence) as path, Store(":memory:") as store:
        report = ingest_file(store, path)
        assert report.status == "ok", report
        return evaluate(spec, store.con, parse_moment(as_of, spec_timezone(spec)), policy)
