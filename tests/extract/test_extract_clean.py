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


OTHER_PAGE = """The Rift Test Courier
Sign in | Subscribe
Ceasefire commanders agree a timetable for disarmament in Nairobi
By Courier correspondents in Nairobi and Mekelle
Published yesterday · By Courier reporters · Print this page · 💬 9 comments
Test Reporter staff — 6 hours ago
Delegates leave the venue after the signing. (Courier Press/Photo desk)
NAIROBI (Courier) - Commanders signed a timetable on Saturday, mediators said.
By Sunday the two delegations had left the city without a further statement.
(Reporting by Courier correspondents; Editing by the Africa desk)
Read next: Who is monitoring the ceasefire?
All content © The Rift Test Courier 2022
"""


def test_page_types_not_seen_in_tuning() -> None:
    """A site name of four words, a sign-in bar, bylines on their own line or among other
    items, a staff line with a relative time, a bracketed credit after a caption, wire credits,
    "Read next:" and a copyright sign inside the line."""
    kinds = {line.number: line.kind for line in classify_lines(OTHER_PAGE)}
    for number in (1, 2, 4, 5, 6, 10, 11, 12):
        assert kinds[number] == "furniture", number
    assert kinds[7] == "caption"
    for number in (3, 8, 9):
        assert kinds[number] == "text", number
