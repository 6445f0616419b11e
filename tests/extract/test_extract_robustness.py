"""Arbitrary input never crashes or hangs extraction; work per article stays bounded."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.extract.pipeline import extract
from accord.extract.text import decode, read_article

PIECES = st.sampled_from(
    [
        '"', "\u201c", "\u201d", " said ", " told Reuters ", ", according to ", "more than ",
        " 350 times", " on Monday", " 3 February", "\n", "\n\n", "Hamas", " the ministry ",
        "Read more:", " at least 48,000 people", " for each ", "45-day", ". ", ", ", "he said",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=60).map("".join)


def _check(text: str) -> None:
    result = extract(text, date(2025, 2, 10))
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.content
    for item in (*result.quantities, *result.dates):
        assert text[item.start : item.end] == item.text
    result.to_dict()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_arbitrary_text_never_crashes(text: str) -> None:
    _check(text)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode(data: bytes) -> None:
    _check(decode(data))


def test_huge_lines_and_unbalanced_quotes_stay_fast() -> None:
    cases = [
        '"' * 50_000,
        ("Hamas said " * 20_000) + "that.",
        "a" * 300_000,
        ("\u201cWe will not, he said, " * 5_000),
        ("more than 1, " * 20_000),
        ("On Monday, " * 20_000) + "Hamas said it would.",
        (", according to " * 10_000),
    ]
    for text in cases:
        started = time.perf_counter()
        _check(text)
        assert time.perf_counter() - started < 5, text[:40]


def test_mixed_encodings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 owners said the truce held \x93well\x94.".encode("latin-1"))
    article = read_article(path, date(2025, 1, 1))
    assert "\u201cwell\u201d" in article.text
