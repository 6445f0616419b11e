"""Quantities: modifiers, counted nouns, durations, ratios, ranges, number words, exclusions."""

from __future__ import annotations

import pytest

from accord.extract.quantities import find_quantities, number_value


def _one(text: str) -> tuple[object, ...]:
    found = find_quantities(text, [(0, len(text))])
    assert len(found) == 1, found
    q = found[0]
    return (q.text, q.value, q.value_max, q.modifier, q.noun, q.per, q.kind, q.violations)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At least 48,000 people have been killed.",
            ("At least 48,000 people", 48000, None, "at_least", "people", None, "count", False),
        ),
        (
            "The truce was breached more than 350 times.",
            ("more than 350 times", 350, None, "more_than", "times", None, "count", True),
        ),
        (
            "The draft provides for a 45-day truce.",
            ("45-day", 45, None, None, "day", None, "duration", False),
        ),
        (
            "The first phase lasts six weeks.",
            ("six weeks", 6, None, None, "weeks", None, "duration", False),
        ),
        (
            "Israel would free 30 prisoners for each captive.",
            (
                "30 prisoners for each captive",
                30,
                None,
                None,
                "prisoners",
                "captive",
                "ratio",
                False,
            ),
        ),
        (
            "and 50 per soldier.",
            ("50 per soldier", 50, None, None, None, "soldier", "ratio", False),
        ),
        (
            "between 990 and 1,650 prisoners",
            ("between 990 and 1,650 prisoners", 990, 1650, None, "prisoners", None, "range", False),
        ),
        (
            "Nearly 1.2 million people fled.",
            (
                "Nearly 1.2 million people",
                1_200_000,
                None,
                "nearly",
                "people",
                None,
                "count",
                False,
            ),
        ),
        (
            "The text provides for 600 aid trucks a day.",
            ("600 aid trucks a day", 600, None, None, "trucks", "day", "ratio", False),
        ),
        (
            "Hamas freed three Israelis.",
            ("three Israelis", 3, None, None, "Israelis", None, "count", False),
        ),
    ],
)
def test_quantities(text: str, expected: tuple[object, ...]) -> None:
    assert _one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Talks began in 2024 and resumed on 3 February.",
        "The truce took effect at 08:30 and again at 11:15, around 1 a.m. locally.",
        "Under Resolution 2334, a 34-year-old man was detained.",
        "One of them said the second phase would follow.",
    ],
)
def test_years_dates_times_names_and_pronouns_are_not_quantities(text: str) -> None:
    assert find_quantities(text, [(0, len(text))]) == []


def test_number_words() -> None:
    assert number_value("twenty-five") == 25
    assert number_value("two hundred") == 200
    assert number_value("1,650") == 1650
    assert number_value("a dozen") == 12
    assert number_value("several") is None
