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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # measures: the unit is the counted noun, singular or not
        (
            "A corridor 5 km wide runs through Lachin.",
            ("5 km", 5, None, None, "km", None, "count", False),
        ),
        (
            "It left carrying about 26,000 tonnes of maize.",
            ("about 26,000 tonnes", 26000, None, "about", "tonnes", None, "count", False),
        ),
        # hyphenated counts other than durations
        (
            "The nine-point statement was signed.",
            ("nine-point", 9, None, None, "point", None, "count", False),
        ),
        # money: a symbol (noun null, short scales resolved) or the currency written out
        (
            "We paid about $40,000 in cover.",
            ("about $40,000", 40000, None, "about", None, None, "money", False),
        ),
        (
            "The fund holds $5m for repairs.",
            ("$5m", 5_000_000, None, None, None, None, "money", False),
        ),
        (
            "I have sold 300,000 pesos of food.",
            ("300,000 pesos", 300000, None, None, "pesos", None, "money", False),
        ),
        # percents end at the sign
        (
            "He said 80% of the troops had left.",
            ("80%", 80, None, None, None, None, "percent", False),
        ),
        # one unit of time written with the article; "roughly" is "about"
        (
            "Power returned for the first time in over a year.",
            ("over a year", 1, None, "over", "year", None, "duration", False),
        ),
        (
            "They arrived roughly 49 days late.",
            ("roughly 49 days", 49, None, "about", "days", None, "duration", False),
        ),
        (
            "UN teams monitored the handover over four days.",
            ("four days", 4, None, None, "days", None, "duration", False),
        ),
        # plurals in -men, adjectives used as nouns, partitives
        (
            "The contingent is set at 1,960 servicemen.",
            ("1,960 servicemen", 1960, None, None, "servicemen", None, "count", False),
        ),
        (
            "Troops came out, with 30 wounded during the pullout.",
            ("30 wounded", 30, None, None, "wounded", None, "count", False),
        ),
        (
            "Ukraine was holding about 580 of their fighters.",
            ("about 580 of their fighters", 580, None, "about", "fighters", None, "count", False),
        ),
        # "one" counts after "and", "including", "for"
        (
            "A few transfers, including one Saudi detainee flown to Riyadh.",
            ("one Saudi detainee", 1, None, None, "detainee", None, "count", False),
        ),
        # "X and Y of Z" are two groups, not one noun
        (
            "It has 380 motor vehicles and units of special equipment.",
            ("380 motor vehicles", 380, None, None, "vehicles", None, "count", False),
        ),
        # "from" without a range is no part of the quantity
        (
            "Forces withdrew from three Yemeni ports.",
            ("three Yemeni ports", 3, None, None, "ports", None, "count", False),
        ),
    ],
)
def test_measures_money_percents_and_held_out_classes(
    text: str, expected: tuple[object, ...]
) -> None:
    assert _one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Point 6 set the handover of Kalbajar, and Point 9 calls for open roads.",
        "The rest was due by Day 90 and the last part by Day 150.",
        "KYIV, Feb 26 (Eastlink) - the army moved back.",
        "On Saturday the two sides met, and later the two Afghan sides argued.",
        "Ethiopia has one army, said one official, for one thing.",
    ],
)
def test_labels_the_two_sides_and_pronoun_one_are_not_quantities(text: str) -> None:
    assert find_quantities(text, [(0, len(text))]) == []


def test_a_participle_sharing_an_elided_noun_is_not_the_noun() -> None:
    text = "It said 116 people were killed and 490 wounded."
    found = find_quantities(text, [(0, len(text))])
    assert [(q.text, q.noun) for q in found] == [("116 people", "people"), ("490", None)]
