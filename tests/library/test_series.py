"""A daily timeline over real records (amendments, corrections, suspensions) agrees with
evaluating each day on its own."""

from __future__ import annotations

from datetime import date, timedelta
from importlib import resources

import pytest

from accord.engine.evaluate import evaluate, evaluate_series
from accord.evidence.ingest import ingest_file
from accord.evidence.store import Store
from accord.examples import example
from accord.load import load_spec
from accord.schedule.resolve import spec_timezone
from accord.schedule.time import Moment


@pytest.mark.parametrize(
    ("name", "first", "days"),
    [
        ("nagorno-karabakh-2020-11", date(2020, 11, 9), 30),  # an extension on 15 Nov
        ("gaza-2025-01", date(2025, 1, 18), 62),  # a correction, a postponement
        ("black-sea-grain-2022-07", date(2022, 10, 25), 20),  # a suspension and its end
    ],
)
def test_a_daily_timeline_agrees_with_each_day_evaluated_alone(
    name: str, first: date, days: int
) -> None:
    with resources.as_file(example(name)) as path:
        spec = load_spec(path).spec
    assert spec is not None
    tz = spec_timezone(spec)
    points = [Moment.of_day(first + timedelta(days=n), tz) for n in range(days)]
    evidence = resources.files("accord.examples").joinpath(f"evidence/{name}.jsonl")
    with resources.as_file(evidence) as file, Store(":memory:") as store:
        assert ingest_file(store, file).status == "ok"
        series = evaluate_series(spec, store.con, points)
        alone = [evaluate(spec, store.con, point) for point in points]
    for point, mine, truth in zip(points, series, alone, strict=True):
        assert mine.to_dict() == truth.to_dict(), point.iso()
