"""Line classification of scraped pages: furniture, captions, article text, offsets."""

from __future__ import annotations

from accord.extract.clean import classify_lines, line_spans

PAGE = """Harbour Test News
World | Middle East | Africa | Business
Site icon
Truce talks resume in Cairo as mediators press both sides
By Wire staff | 3 hours ago | Share on X | Share on Facebook
A negotiator arrives for talks in Cairo. Photo: Harbour Test News/File
CAIRO (Wire) - Negotiators met again on Monday, two officials familiar with the talks said.

Why it matters

The talks resumed after a pause of several days, and both delegations said they were ready.
Read more: What is in the draft, clause by clause
Sign up for our newsletter
Tags: Gaza, truce
© 2025 Harbour Test News. All rights reserved.
Exit mobile version
"""


def _kinds() -> dict[int, str]:
    return {line.number: line.kind for line in classify_lines(PAGE)}


def test_furniture_lines_are_recognised() -> None:
    kinds = _kinds()
    for number in (1, 2, 3, 5, 12, 13, 14, 15, 16):
        assert kinds[number] == "furniture", number


def test_captions_are_kept_apart() -> None:
    assert _kinds()[6] == "caption"


def test_headline_dateline_subheading_and_body_are_text() -> None:
    kinds = _kinds()
    for number in (4, 7, 9, 11):
        assert kinds[number] == "text", number
    assert kinds[8] == "blank"


def test_line_offsets_index_the_original_text() -> None:
    text = "first line\r\nsecond line\n\nfourth\u2028fifth"
    spans = line_spans(text)
    assert [text[s:e] for s, e in spans] == text.splitlines()
