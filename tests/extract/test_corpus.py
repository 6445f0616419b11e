"""Consistency checks for the extraction evaluation corpus and its gold annotations."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).parent / "corpus"
GOLD_FILES = sorted(CORPUS.glob("*.gold.json"))

TOP_KEYS = {"article", "published", "outlet", "lines", "claims", "quantities", "dates"}
CLAIM_KEYS = {"kind", "speaker", "actor", "cue", "outlet", "content", "start", "end"}
QUANTITY_KEYS = {
    "text",
    "value",
    "value_max",
    "modifier",
    "noun",
    "per",
    "kind",
    "violations",
    "start",
    "end",
}
DATE_KEYS = {"text", "granularity", "value", "interval", "start", "end"}

CLAIM_KINDS = {"direct", "indirect", "according_to"}
MODIFIERS = {
    "over",
    "more_than",
    "at_least",
    "nearly",
    "almost",
    "up_to",
    "about",
    "fewer_than",
    "less_than",
}
QUANTITY_KINDS = {"count", "duration", "ratio", "range", "percent", "money"}
GRANULARITY_PATTERNS = {
    "day": r"\d{4}-\d{2}-\d{2}",
    "month": r"\d{4}-\d{2}",
    "year": r"\d{4}",
}
ACTORS = {
    "israel",
    "hamas",
    "islamic-jihad",
    "egypt",
    "qatar",
    "united-states",
    "un",
    "icrc",
    "hezbollah",
    "lebanon",
    "armenia",
    "azerbaijan",
    "russia",
    "ukraine",
    "turkey",
    "taliban",
    "afghanistan",
    "ethiopia",
    "tplf",
    "african-union",
    "sudan-saf",
    "rsf",
    "saudi-arabia",
    "houthis",
    "yemen-government",
    "osce",
    "syria",
    "colombia",
    "farc",
    "reuters",
    "ap",
    "afp",
    "haaretz",
    "al-jazeera",
    "bbc",
    "times-of-israel",
    "anadolu",
    "gaza-health-ministry",
    "gaza-media-office",
    "israel-prison-service",
    "idf",
}
MIN_ITEMS = 3
MIN_ARTICLES = 25


def _load(gold_path: Path) -> tuple[dict[str, Any], str]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (CORPUS / gold["article"]).read_text(encoding="utf-8")
    return gold, text


def _all_items(gold: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(key, item) for key in ("claims", "quantities", "dates") for item in gold[key]]


def _span_string(key: str, item: dict[str, Any]) -> str:
    return str(item["content"] if key == "claims" else item["text"])


def _is_iso_date(value: Any) -> bool:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return bool(re.fullmatch(GRANULARITY_PATTERNS["day"], value))


def _optional_str(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value != "")


def test_corpus_size() -> None:
    """The corpus has enough articles, each with exactly one gold file."""
    articles = [p for p in CORPUS.iterdir() if p.suffix in {".txt", ".html"}]
    assert len(articles) >= MIN_ARTICLES
    assert len(GOLD_FILES) == len(articles)
    assert {p.name for p in articles} == {
        json.loads(g.read_text(encoding="utf-8"))["article"] for g in GOLD_FILES
    }


def test_file_names_and_numbers_are_unique() -> None:
    """Article numbers (the NN prefix) do not repeat."""
    numbers = [g.name.split("-", 1)[0] for g in GOLD_FILES]
    assert all(re.fullmatch(r"\d{2}", n) for n in numbers)
    assert len(numbers) == len(set(numbers))


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_top_level_shape(gold_path: Path) -> None:
    """Top-level keys, the published date, the outlet and the article name are valid."""
    gold, text = _load(gold_path)
    assert set(gold) == TOP_KEYS
    assert gold["article"].rsplit(".", 1)[0] + ".gold.json" == gold_path.name
    assert _is_iso_date(gold["published"])
    assert isinstance(gold["outlet"], str) and gold["outlet"]
    assert text.strip()
    assert (
        gold_path.read_text(encoding="utf-8")
        == json.dumps(gold, indent=2, ensure_ascii=False) + "\n"
    )


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_minimum_items(gold_path: Path) -> None:
    """Every article has at least three claims, quantities and dates."""
    gold, _ = _load(gold_path)
    for key in ("claims", "quantities", "dates"):
        assert len(gold[key]) >= MIN_ITEMS, key


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_claims_shape(gold_path: Path) -> None:
    """Claims use the allowed kinds and actor ids and carry non-empty strings."""
    gold, _ = _load(gold_path)
    for claim in gold["claims"]:
        assert set(claim) == CLAIM_KEYS
        assert claim["kind"] in CLAIM_KINDS
        assert isinstance(claim["speaker"], str) and claim["speaker"]
        assert claim["actor"] is None or claim["actor"] in ACTORS
        assert _optional_str(claim["cue"]) and _optional_str(claim["outlet"])
        assert claim["content"] == claim["content"].strip() and claim["content"]
        if claim["kind"] == "according_to":
            assert claim["cue"] is not None and "according to" in claim["cue"].lower()


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_quantities_shape(gold_path: Path) -> None:
    """Quantities have numeric values, allowed modifiers and kinds, and consistent fields."""
    gold, _ = _load(gold_path)
    for qty in gold["quantities"]:
        assert set(qty) == QUANTITY_KEYS
        assert isinstance(qty["value"], int | float) and not isinstance(qty["value"], bool)
        assert qty["value_max"] is None or qty["value_max"] > qty["value"]
        assert qty["modifier"] is None or qty["modifier"] in MODIFIERS
        assert qty["kind"] in QUANTITY_KINDS
        assert isinstance(qty["violations"], bool)
        assert _optional_str(qty["noun"]) and _optional_str(qty["per"])
        assert (qty["kind"] == "range") == (qty["value_max"] is not None)
        if qty["kind"] == "ratio":
            assert qty["per"] is not None
        assert not re.fullmatch(r"(19|20)\d{2}", qty["text"]), "a year is not a quantity"


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_dates_shape(gold_path: Path) -> None:
    """Dates have a granularity whose value or interval has the matching form."""
    gold, _ = _load(gold_path)
    for date in gold["dates"]:
        assert set(date) == DATE_KEYS
        if date["granularity"] == "interval":
            assert date["value"] is None
            first, last = date["interval"]
            assert _is_iso_date(first) and _is_iso_date(last) and first <= last
        else:
            assert date["interval"] is None
            assert re.fullmatch(GRANULARITY_PATTERNS[date["granularity"]], date["value"])
            if date["granularity"] == "day":
                assert _is_iso_date(date["value"])


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_spans_match_text(gold_path: Path) -> None:
    """Offsets (txt) select exactly the annotated string; HTML strings occur in the page."""
    gold, text = _load(gold_path)
    is_html = gold["article"].endswith(".html")
    for key, item in _all_items(gold):
        expected = _span_string(key, item)
        if is_html:
            assert item["start"] is None and item["end"] is None
            assert expected in text, expected
        else:
            assert isinstance(item["start"], int) and isinstance(item["end"], int)
            assert 0 <= item["start"] < item["end"] <= len(text)
            assert text[item["start"] : item["end"]] == expected


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_items_are_sorted_and_not_duplicated(gold_path: Path) -> None:
    """Items of one kind appear in text order and no span is annotated twice."""
    gold, _ = _load(gold_path)
    if gold["article"].endswith(".html"):
        return
    for key in ("claims", "quantities", "dates"):
        spans = [(item["start"], item["end"]) for item in gold[key]]
        assert spans == sorted(spans), key
        assert len(spans) == len(set(spans)), key


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_lines(gold_path: Path) -> None:
    """Furniture and caption lines exist, are not blank, do not overlap, hold no gold items."""
    gold, text = _load(gold_path)
    if gold["article"].endswith(".html"):
        assert gold["lines"] == {}
        return
    assert set(gold["lines"]) == {"furniture", "caption"}
    lines = text.splitlines()
    furniture, caption = gold["lines"]["furniture"], gold["lines"]["caption"]
    assert furniture, "every scraped text page has furniture lines"
    assert not set(furniture) & set(caption)
    for number in furniture + caption:
        assert 1 <= number <= len(lines) and lines[number - 1].strip()
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    marked = set(furniture) | set(caption)
    for key, item in _all_items(gold):
        line_no = next(n for n in range(1, len(starts)) if starts[n] > item["start"])
        assert line_no not in marked, (key, _span_string(key, item))


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_html_page_structure(gold_path: Path) -> None:
    """HTML pages carry the published time, an article body and page furniture."""
    gold, text = _load(gold_path)
    if not gold["article"].endswith(".html"):
        return
    meta = re.search(r'<meta property="article:published_time" content="([^"]+)"', text)
    assert meta and meta.group(1).startswith(gold["published"])
    for tag in ("<nav", "<article", "<p>", "<aside", "<footer"):
        assert tag in text, tag
