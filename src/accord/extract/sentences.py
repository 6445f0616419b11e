"""Sentence segmentation inside one line (a paragraph of scraped text), with offsets.

Lines are segmented separately: a headline or caption without final punctuation must not merge
into the next sentence (spaCy's parser does exactly that on scraped text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.extract.lexicon import MONTH_ABBREVIATIONS

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "brig",
        "adm",
        "cmdr",
        "cpl",
        "pvt",
        "rev",
        "hon",
        "amb",
        "pres",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "maj",
        "rep",
        "sen",
        "gov",
        "prof",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        *(month.lower() for month in MONTH_ABBREVIATIONS),
        "a.m",
        "p.m",
        "e.g",
        "i.e",
        "u.s",
        "u.n",
        "u.k",
        "e.u",
        "approx",
        "est",
        "dept",
        "govt",
        "mt",
        "ft",
        "pp",
        "fig",
    ]
)
_BOUNDARY = re.compile(r"[.!?]+[\"\u201d\u2019')\]]*(?=\s+[\"\u201c\u2018'(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its offsets in the article text and the line it sits in."""

    start: int
    end: int
    line: int


def split_sentences(text: str, start: int, end: int, line: int) -> list[Sentence]:
    """The sentences of `text[start:end]`, trimmed of surrounding whitespace."""
    out: list[Sentence] = []
    segment = text[start:end]
    begin = 0
    for match in _BOUNDARY.finditer(segment):
        if _is_abbreviation(segment, match.start()):
            continue
        out.append(Sentence(start + begin, start + match.end(), line))
        begin = match.end()
    out.append(Sentence(start + begin, end, line))
    return [trimmed for s in out if (trimmed := _trim(text, s)) is not None]


def _is_abbreviation(segment: str, dot: int) -> bool:
    if segment[dot] != ".":
        return False
    word = _LAST_WORD.search(segment[max(0, dot - 12) : dot])
    if word is None:
        return False
    token = word.group(1).lower()
    # Initials ("J. Smith") and known abbreviations do not end a sentence.
    return token in _ABBREVIATIONS or (len(token) == 1 and segment[dot - 1].isupper())


def _trim(text: str, sentence: Sentence) -> Sentence | None:
    s, e = sentence.start, sentence.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Sentence(s, e, sentence.line) if e > s else None
