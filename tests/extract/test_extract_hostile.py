"""Hostile input: whatever the text, bytes or HTML, extraction returns a result or raises the
package's documented error (`ReadError`, of which `NotText` is a kind), in bounded time."""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.extract.dates import MAX_DATES
from accord.extract.models import Article, Extraction
from accord.extract.pipeline import extract, extract_article
from accord.extract.text import (
    MAX_CONTROL_SHARE,
    NotText,
    ReadError,
    decode,
    html_article,
    not_text,
)
from accord.extract.text import read_article as read_file

T = TypeVar("T")
SECONDS = 10.0  # per call: generous on a shared machine, far below what a quadratic path takes
PUBLISHED = date(2025, 2, 10)

HOSTILE = st.sampled_from(
    [
        "\ud800", "\udfff", "\x00", "\u202e", "\u202c", "\u200f", "\u2067", "\ufeff", "\x1b[31m",
        "\r\n", "\u2028", "\x85", "\x0c", "\u0301", "\U0001f44d\U0001f3fd", "<div>", "</p>",
        "&amp;", '"', "\u201c", "\u201d", " said ", "Hamas", ", according to ", " on Monday",
        " 3 February", "more than 1,000", " for each ", ". ", "\n", "\n\n",
    ]
)  # fmt: skip
CHARACTERS = st.one_of(st.characters(), st.characters(categories=["Cs", "Cc", "Cf"]))
CHUNK = st.one_of(HOSTILE, st.text(CHARACTERS, max_size=30))
HUGE_LINE = st.tuples(CHUNK, st.integers(1, 20_000)).map(lambda pair: pair[0] * pair[1])
TEXT = st.lists(st.one_of(CHUNK, CHUNK, HUGE_LINE), max_size=12).map("".join)
TAGS = st.sampled_from(["div", "p", "b", "table", "tr", "td", "span", "ul", "li", "blockquote"])
NESTED_HTML = st.tuples(st.lists(TAGS, min_size=1, max_size=8), st.integers(1, 3_000), TEXT).map(
    lambda t: "<html><body>" + "".join(f"<{tag}>" for tag in t[0]) * t[1] + t[2]
)


def _bounded(call: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = call()
    assert time.perf_counter() - started < SECONDS
    return result


def _check(text: str, result: Extraction) -> None:
    """Every span indexes the text it came from, and the result serialises."""
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.content
    for item in (*result.quantities, *result.dates):
        assert text[item.start : item.end] == item.text
    json.dumps(result.to_dict())


def _read(data: bytes) -> Article | None:
    """`read_article` on a file of `data`: the article, or None for its documented error."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_bytes(data)
        try:
            return read_file(path, PUBLISHED)
        except ReadError:
            return None


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_gives_a_result(text: str) -> None:
    _check(text, _bounded(lambda: extract(text, PUBLISHED)))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NESTED_HTML)
def test_any_html_gives_a_result(page: str) -> None:
    article = _bounded(lambda: html_article(page, "page.html", PUBLISHED))
    _check(article.text, _bounded(lambda: extract_article(article)))


@settings(max_examples=40, deadline=None)
@given(st.one_of(st.binary(max_size=3_000), TEXT.map(lambda t: t.encode("utf-8", "replace"))))
def test_any_bytes_give_an_article_or_not_text(data: bytes) -> None:
    article = _bounded(lambda: _read(data))
    if article is None:
        assert not_text(data, decode(data)) is not None
    else:
        _check(article.text, _bounded(lambda: extract_article(article)))


@pytest.mark.parametrize("character", ["a", "\n", "\u202e", "\ud800", "\x00", '"', "1", "\u0301"])
def test_a_megabyte_of_one_character(character: str) -> None:
    text = character * 1_000_000
    _check(text, _bounded(lambda: extract(text, PUBLISHED)))


def test_a_run_on_sentence_of_dates_stays_linear() -> None:
    text = " on Monday" * MAX_DATES  # found by hypothesis: each date's tense was read to the end
    result = _bounded(lambda: extract(text, PUBLISHED))
    assert len(result.dates) == MAX_DATES


def test_a_megabyte_of_nested_tags() -> None:
    page = "<html><body>" + "<div>" * 200_000 + "Hamas said it would."
    article = _bounded(lambda: html_article(page, "page.html", PUBLISHED))
    _check(article.text, _bounded(lambda: extract_article(article)))


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"Talks\x00resumed.", True),
        (b"\xff\xfeT\x00a\x00l\x00k\x00s\x00", True),  # UTF-16 is not one of the encodings read
        (b"a\x01" * 10, True),
        (b"\x1b[1mTruce\x1b[0m holds, officials said on Monday." * 3, False),
        (b"Page one\x0cPage two\r\n\tindented\x0b", False),
        ("Caf\u00e9 \u201cquotes\u201d".encode("cp1252"), False),
    ],
)
def test_not_text_rule(data: bytes, text: bool) -> None:
    article = _read(data)
    assert (article is None) is text


def test_the_share_of_control_characters_is_the_limit() -> None:
    limit = int(MAX_CONTROL_SHARE * 100)
    assert not_text(b"", "x" * (100 - limit) + "\x01" * limit) is None
    reason = not_text(b"", "x" * (99 - limit) + "\x01" * (limit + 1))
    assert reason == f"{limit + 1:.1f}% of its characters are control characters (over {limit}%)"


def test_not_text_is_a_read_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"\x00")
    with pytest.raises(NotText, match=f"^{re.escape(str(path))}: not text: it holds NUL bytes$"):
        read_file(path)
    assert issubclass(NotText, ReadError)
