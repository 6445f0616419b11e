"""Dates: explicit, relative, weekdays by tense, intervals, and no false dates."""

from __future__ import annotations

from datetime import date

import pytest

from accord.extract.dates import find_dates

PUBLISHED = date(2025, 1, 27)  # a Monday


def _dates(text: str, quoted: list[tuple[int, int]] | None = None) -> list[tuple[object, ...]]:
    found = find_dates(text, [(0, len(text))], PUBLISHED, quoted or [])
    return [(d.text, d.granularity, d.value, d.interval) for d in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks were due to open on 3 February.", ("3 February", "day", "2025-02-03", None)),
        ("It was signed January 19, 2025.", ("January 19, 2025", "day", "2025-01-19", None)),
        ("Nothing has changed since May 2024.", ("May 2024", "month", "2024-05", None)),
        ("The crowds had gathered yesterday.", ("yesterday", "day", "2025-01-26", None)),
        ("Hamas freed four soldiers on Saturday.", ("Saturday", "day", "2025-01-25", None)),
        ("Three more are to be freed on Saturday.", ("Saturday", "day", "2025-02-01", None)),
        ("They must be released by Friday.", ("Friday", "day", "2025-01-31", None)),
        ("It happened last week.", ("last week", "interval", None, ("2025-01-20", "2025-01-26"))),
        (
            "Aid fell earlier this year.",
            ("earlier this year", "interval", None, ("2025-01-01", "2025-01-27")),
        ),
        ("Prices rose last month.", ("last month", "month", "2024-12", None)),
        ("The attack of 7 October shocked Israel.", ("7 October", "day", "2024-10-07", None)),
        ("Elections are planned in 2026.", ("2026", "year", "2026", None)),
    ],
)
def test_dates_resolve_against_publication(text: str, expected: tuple[object, ...]) -> None:
    assert _dates(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "We may see a deal soon, and families march in the coming days.",
        "Officials said recently that talks could resume.",
        "We will wait. The talks ended at 14:00.",
    ],
)
def test_vague_words_and_false_friends_are_not_dates(text: str) -> None:
    assert _dates(text) == []


def test_deictic_words_inside_quotes_are_not_dated() -> None:
    text = '"She was supposed to be freed today," he said.'
    assert _dates(text, quoted=[(1, 40)]) == []


def test_without_publication_date_relative_dates_stay_unresolved() -> None:
    text = "It happened yesterday, on 3 February 2025."
    found = find_dates(text, [(0, len(text))], None, [])
    assert [(d.text, d.value) for d in found] == [
        ("yesterday", None),
        ("3 February 2025", "2025-02-03"),
    ]
