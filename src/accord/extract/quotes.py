"""Finding quotations: curly and straight double quotes, paragraphs that continue a quote.

News style opens each paragraph of a long quote with a quote mark and closes only the last one;
each paragraph's piece becomes its own claim, all attributed as the last piece is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
SINGLE_OPEN = "\u2018"
SINGLE_CLOSE = "\u2019"
QUOTE_CHARS = OPENERS + CLOSERS + STRAIGHT
_MARKS = re.compile("[" + re.escape(QUOTE_CHARS + SINGLE_OPEN + SINGLE_CLOSE) + "]")
_TRIM = " \t,.;:"


@dataclass(frozen=True, slots=True)
class QuotePiece:
    """One paragraph's part of a quotation: content offsets (marks excluded) and the marks'."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    paragraph: int


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[list[QuotePiece]]:
    """Quotations as lists of pieces (one per paragraph), in text order."""
    groups: list[list[QuotePiece]] = []
    carried: list[QuotePiece] = []
    for index, (start, end) in enumerate(paragraphs):
        pieces, dangling = _scan(text, start, end, index)
        if carried:
            if pieces and pieces[0].open_mark == _first_visible(text, start, end):
                first = pieces.pop(0)
                carried.append(first)
                if first is dangling:
                    continue
            groups.append(carried)
            carried = []
        for piece in pieces:
            if piece is dangling:
                carried = [piece]
            else:
                groups.append([piece])
    if carried:
        groups.append(carried)
    return [[p for p in g if p.end > p.start] for g in groups if any(p.end > p.start for p in g)]


def _first_visible(text: str, start: int, end: int) -> int:
    position = start
    while position < end and text[position].isspace():
        position += 1
    return position


def _scan(
    text: str, start: int, end: int, paragraph: int
) -> tuple[list[QuotePiece], QuotePiece | None]:
    """Pieces in one paragraph; the last one is `dangling` when its quote is still open.

    Single curly quotes (headline style) count only when no double quote is open, open after a
    space or the line start, and close before a space or punctuation: "won\u2019t" and
    "families\u2019 forum" stay apostrophes.
    """
    pieces: list[QuotePiece] = []
    open_at: int | None = None
    single = False
    for match in _MARKS.finditer(text, start, end):
        position, char = match.start(), match.group(0)
        if char in SINGLE_OPEN + SINGLE_CLOSE:
            if open_at is None and char == SINGLE_OPEN and _starts_word(text, position, start):
                open_at, single = position, True
            elif (
                single
                and open_at is not None
                and char == SINGLE_CLOSE
                and _ends_word(text, position, end)
            ):
                pieces.append(_piece(text, open_at, position, position, paragraph))
                open_at, single = None, False
            continue
        opening = char in OPENERS or (char == STRAIGHT and (open_at is None or single))
        if opening and (open_at is None or single):
            open_at, single = position, False
        elif not opening and open_at is not None and not single:
            pieces.append(_piece(text, open_at, position, position, paragraph))
            open_at = None
    if open_at is None or single:
        return pieces, None
    dangling = _piece(text, open_at, end, None, paragraph)
    pieces.append(dangling)
    return pieces, dangling


def _starts_word(text: str, position: int, start: int) -> bool:
    return position == start or text[position - 1] in " \t([\u2014\u2013-"


def _ends_word(text: str, position: int, end: int) -> bool:
    return position + 1 >= end or not text[position + 1].isalnum()


def _piece(text: str, open_mark: int, end: int, close: int | None, paragraph: int) -> QuotePiece:
    s, e = open_mark + 1, end
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return QuotePiece(s, e, open_mark, close, paragraph)
