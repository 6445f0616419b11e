"""A daily timeline over real records (amendments, corrections, suspensions) agrees with
evaluating each day on its own."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import accord
from accord.schedule.resolve import spec_timezone
from accord.schedule.time import Moment
from tests.library.support import bundled


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
    spec, store = bundled(name)
    tz = spec_timezone(spec)
    points = [Moment.of_day(first + timedelta(days=n), tz) for n in range(days)]
    series = accord.evaluate_series(spec, store, points)
    alone = [accord.evaluate(spec, store, point) for point in points]
    for point, mine, truth in zip(points, series, alone, strict=True):
        assert mine.to_dict() == truth.to_dict(), point.iso()
