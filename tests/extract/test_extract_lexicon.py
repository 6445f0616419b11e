"""The shared word lists: calendar names written once, and what the extractors build from them."""

from __future__ import annotations

import re
from datetime import date

import pytest

from accord.extract.dates import find_dates
from accord.extract.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    NUMBER_WORDS,
    WEEKDAY_NAMES,
    alternation,
)
from accord.extract.quantities import find_quantities, number_value
from accord.extract.sentences import split_sentences


def test_alternation_is_literal_and_keeps_the_order() -> None:
    pattern = alternation(["US$", "$", "a.m."])
    assert re.fullmatch(pattern, "US$") and re.fullmatch(pattern, "a.m.")
    assert re.fullmatch(pattern, "abm.") is None
    longer_first = re.match(alternation(["Sept", "Sep"]), "Sept")
    assert longer_first is not None and longer_first.group(0) == "Sept"


def test_calendar_names_line_up_with_their_numbers() -> None:
    for abbreviation, number in MONTH_ABBREVIATIONS.items():
        assert MONTH_NAMES[number - 1].startswith(abbreviation)
    assert WEEKDAY_NAMES[date(2025, 1, 27).weekday()] == "Monday"


@pytest.mark.parametrize(
    ("text", "value"),
    [("It began on Sept. 5.", "2024-09-05"), ("It began on Sep 5.", "2024-09-05")],
)
def test_every_abbreviation_is_a_month(text: str, value: str) -> None:
    (found,) = find_dates(text, [(0, len(text))], date(2025, 1, 27), [])
    assert (found.granularity, found.value) == ("day", value)


def test_month_abbreviations_do_not_end_a_sentence() -> None:
    text = "Talks began on Sept. 5 in Doha. They ended."
    assert len(split_sentences(text, 0, len(text), 1)) == 2


def test_number_words_resolve_and_months_are_not_counts() -> None:
    assert [number_value(w) for w in ("ninety-nine", "a dozen", "seventeen")] == [99, 12, 17]
    assert all(number_value(word) == value for word, value in NUMBER_WORDS.items())
    text = "On Sept. 5 they freed 5 January detainees and 3 more in Dec. 4 talks."
    assert [q.text for q in find_quantities(text, [(0, len(text))])] == ["3"]
