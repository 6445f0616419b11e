"""Dates and periods in news text, resolved against the publication date.

Explicit dates keep the granularity they are written with; weekdays take the tense of their
clause (past: the latest such day on or before publication; future: the next one after);
relative periods become intervals. Vague expressions ("soon", "recently") are not dates, month
names need a day, a year or a preposition ("may", "march" and "We" never match).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from accord.extract.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    NUMBER_WORDS,
    WEEKDAY_NAMES,
    alternation,
)
from accord.extract.models import DateMention, Granularity

MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES, start=1)} | {
    name.lower(): number for name, number in MONTH_ABBREVIATIONS.items()
}
WEEKDAYS = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
_MONTH = "(?:" + "|".join([*MONTH_NAMES, *(rf"{name}\.?" for name in MONTH_ABBREVIATIONS)]) + ")"
_WEEKDAY = alternation(WEEKDAY_NAMES)
_YEAR = r"(?:19|20)\d{2}"
# "two days ago", "a week ago": counts of days or weeks up to ten
_NUMBER_WORDS = {"a": 1, "an": 1} | {w: n for w, n in NUMBER_WORDS.items() if 1 <= n <= 10}
_PREPOSITIONS = r"(?:in|since|until|by|from|during|of|through|before|after|and|or|to|between)"
_RELATIVE = (
    r"(?:earlier|later)\s+this\s+(?:week|month|year)|(?:last|this|next|past)\s+"
    r"(?:week|month|year|weekend)|over\s+the\s+weekend|at\s+the\s+weekend|yesterday|today|"
    r"tomorrow|tonight"
)
_I = re.IGNORECASE
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "day-month-year",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    (
        "month-day-year",
        re.compile(
            rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,\d|\d|:)"
            rf"(?:,?\s+(?P<y>{_YEAR})\b)?"
        ),
    ),
    (
        "part-of-month",
        re.compile(
            r"\b(?P<part>early|mid|late|end of|beginning of|start of)[\s-]"
            rf"(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\b",
            _I,
        ),
    ),
    ("month-year", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b")),
    (
        "month",
        re.compile(rf"\b(?:{_PREPOSITIONS}|last|this|next)\s(?P<x>(?P<m>{_MONTH}))\b(?![\s-]+\d)"),
    ),
    (
        "year",
        re.compile(
            rf"\b(?:{_PREPOSITIONS}|early|late|mid)\s(?P<x>(?P<y>{_YEAR}))\b"
            r"(?![\s-]*(?:\d|[a-z]+s\b))"
        ),
    ),
    (
        "weekday",
        re.compile(rf"\b(?P<rel>(?:last|next|this|on|late|early)\s+)?(?P<w>{_WEEKDAY})\b"),
    ),
    (
        "days-ago",
        re.compile(
            rf"\b(?P<n>\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})\s+(?P<u>days?|weeks?)\s+ago\b",
            _I,
        ),
    ),
    ("relative", re.compile(rf"\b(?P<rel>{_RELATIVE})\b", _I)),
]
_DEICTIC = frozenset({"today", "tonight", "tomorrow"})
_MARKER = re.compile(
    r"\b(?:(?P<pastfuture>(?:was|were)\s+(?:due|expected|scheduled|supposed|set|to)\b)|"
    r"(?P<future>to\s+be\s+\w+|(?:is|are)\s+to\s+(?:be\s+)?\w+|due\s+to\s+(?:be\s+)?\w+|due|"
    r"expected|scheduled|set\s+to|plans?\s+to|planned|going\s+to|will|'ll|shall|would|next|"
    r"upcoming|supposed)|"
    r"(?P<present>is|are|falls|takes|expires|starts|begins|ends|opens|lasts|comes|runs|remains|"
    r"holds|meets|resumes)|"
    r"(?P<past>\w+ed|was|were|had|did|took|came|went|left|held|began|saw|met|struck|made|gave|"
    r"told|said|says|brought|kept|fell|rose|sent|spent|built|since|last|ago|broke|fought|shot|"
    r"won|lost|hit|ran|drew|withdrew|led|paid|stood|tore|threw|wrote|freed|handed|got))\b",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\bsince\s+(?:\w+\s+)?$", re.IGNORECASE)
WINDOW = 200  # characters either side of a date that its tense is read from
MAX_DATES = 5000  # per article: bounds the work on pathological input
_DEADLINE_BEFORE = re.compile(
    r"(?<!^)\b(?:by|before|until|till|ahead\s+of)\s+(?:\w+\s+){0,3}$", re.IGNORECASE
)
_CLAUSE = re.compile(r"[,;:\u2014\u2013(]|\bthat\b|\bwhen\b|\bwhile\b|\bafter\b|\bwhich\b")


@dataclass(frozen=True, slots=True)
class _Found:
    rule: str
    start: int
    end: int
    match: re.Match[str]


def find_dates(
    text: str,
    spans: list[tuple[int, int]],
    published: date | None,
    quoted: list[tuple[int, int]],
) -> list[DateMention]:
    """Date mentions in the given spans (sentences), resolved when `published` is known."""
    out: list[DateMention] = []
    for start, end in spans:
        taken = bytearray(end - start)  # characters already part of a date
        for rule, pattern in _PATTERNS:
            for match in pattern.finditer(text, start, end):
                s, e = _mention_span(rule, match)
                if any(taken[s - start : e - start]):
                    continue
                if _skip(text, rule, match, s, quoted):
                    continue
                taken[s - start : e - start] = b"\x01" * (e - s)
                if len(out) >= MAX_DATES:
                    return sorted(out, key=lambda d: d.start)
                found = _Found(rule, s, e, match)
                out.append(_resolve(text, found, start, end, published))
    out.sort(key=lambda d: d.start)
    return out


def _mention_span(rule: str, match: re.Match[str]) -> tuple[int, int]:
    if rule == "weekday":
        return match.start("w"), match.end("w")
    if "x" in match.re.groupindex:
        return match.start("x"), match.end("x")
    return match.start(), match.end()


def _skip(
    text: str, rule: str, match: re.Match[str], start: int, quoted: list[tuple[int, int]]
) -> bool:
    word = match.group(0).lower()
    if rule == "relative" and word in _DEICTIC:
        return any(a <= start < b for a, b in quoted)
    if rule == "weekday" and text[match.end() : match.end() + 2] in ("'s", "\u2019s"):
        return True  # "Saturday's release" names the release, not a date of its own
    if "m" in match.re.groupindex and match.group("m") and match.group("m").startswith("May"):
        # "May" alone is too often the verb at the start of a sentence.
        return rule == "month" and not text[match.end() : match.end() + 1].isspace()
    return False


def _resolve(text: str, found: _Found, s0: int, s1: int, published: date | None) -> DateMention:
    match = found.match
    mention = text[found.start : found.end]
    gran: Granularity | None = None
    value: str | None = None
    interval: tuple[str, str] | None = None
    groups = match.groupdict()
    future = _is_future(text, s0, s1, found.start, found.end, groups.get("rel"))
    if found.rule in ("day-month-year", "month-day-year"):
        month, day = MONTHS[groups["m"].lower().rstrip(".")], int(groups["d"])
        year = int(groups["y"]) if groups.get("y") else _year_for(published, month, day, future)
        when = _safe_date(year, month, day)
        if when is not None:
            gran, value = "day", when.isoformat()
    elif found.rule in ("month-year", "month"):
        month = MONTHS[groups["m"].lower().rstrip(".")]
        year = int(groups["y"]) if groups.get("y") else _year_for(published, month, 15, future)
        if year:
            gran, value = "month", f"{year:04d}-{month:02d}"
    elif found.rule == "part-of-month":
        interval = _part_of_month(groups, published, future)
        gran = "interval" if interval else None
    elif found.rule == "year":
        gran, value = "year", groups["y"]
    elif published is not None:
        gran, value, interval = _relative(found.rule, groups, published, future)
    return DateMention(mention, found.start, found.end, gran, value, interval, found.rule)


def _safe_date(year: int | None, month: int, day: int) -> date | None:
    if not year:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(published: date | None, month: int, day: int, future: bool) -> int | None:
    """The year that makes sense: the publication's, unless that puts a past event well after
    publication (then the year before) or a future one well before it (the year after)."""
    if published is None:
        return None
    year = published.year
    candidate = _safe_date(year, month, min(day, 28)) or date(year, month, 1)
    if not future and candidate > published + timedelta(days=31):
        return year - 1
    if future and candidate < published - timedelta(days=62):
        return year + 1
    return year


def _part_of_month(
    groups: dict[str, str | None], published: date | None, future: bool
) -> tuple[str, str] | None:
    month = MONTHS[(groups["m"] or "").lower().rstrip(".")]
    written = groups.get("y")
    year = int(written) if written else _year_for(published, month, 15, future)
    if not year:
        return None
    last = calendar.monthrange(year, month)[1]
    part = (groups["part"] or "").lower()
    first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(
        part, (21, last) if part == "end of" else (1, 10)
    )
    return date(year, month, first_day).isoformat(), date(year, month, last_day).isoformat()


def _relative(
    rule: str, groups: dict[str, str | None], published: date, future: bool
) -> tuple[Granularity | None, str | None, tuple[str, str] | None]:
    if rule == "weekday":
        return "day", _weekday(groups, published, future).isoformat(), None
    if rule == "days-ago":
        n = groups["n"] or "1"
        count = int(n) if n.isdigit() else _NUMBER_WORDS.get(n.lower(), 1)
        days = count * (7 if (groups["u"] or "").lower().startswith("week") else 1)
        return "day", (published - timedelta(days=days)).isoformat(), None
    return _period((groups["rel"] or "").lower(), published)


def _weekday(groups: dict[str, str | None], published: date, future: bool) -> date:
    target = WEEKDAYS[(groups["w"] or "").lower()]
    rel = (groups.get("rel") or "").strip().lower()
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7 or 7
    if rel == "last":
        return published - timedelta(days=back or 7)
    if rel == "next" or future:
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)


def _period(
    rel: str, published: date
) -> tuple[Granularity | None, str | None, tuple[str, str] | None]:
    rel = " ".join(rel.split())
    monday = published - timedelta(days=published.weekday())
    simple = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
    if rel in simple:
        return "day", (published + timedelta(days=simple[rel])).isoformat(), None
    unit = rel.split()[-1]
    if unit in ("week", "weekend"):
        shift = {"last": -7, "past": -7, "next": 7}.get(rel.split()[0], 0)
        start = monday + timedelta(days=shift)
        if unit == "weekend" or "weekend" in rel:
            saturday = start + timedelta(days=5)
            if rel in ("over the weekend", "at the weekend") and saturday > published:
                saturday -= timedelta(days=7)
            return (
                "interval",
                None,
                (saturday.isoformat(), (saturday + timedelta(days=1)).isoformat()),
            )
        end = published if rel.startswith("earlier") else start + timedelta(days=6)
        if rel.startswith("later"):
            return (
                "interval",
                None,
                (published.isoformat(), (start + timedelta(days=6)).isoformat()),
            )
        return "interval", None, (start.isoformat(), end.isoformat())
    if unit == "month":
        year, month = published.year, published.month
        first = rel.split()[0]
        if first in ("last", "past"):
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        elif first == "next":
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        elif first == "earlier":
            return "interval", None, (published.replace(day=1).isoformat(), published.isoformat())
        elif first == "later":
            last = calendar.monthrange(year, month)[1]
            return (
                "interval",
                None,
                (published.isoformat(), published.replace(day=last).isoformat()),
            )
        return "month", f"{year:04d}-{month:02d}", None
    first = rel.split()[0]
    year = published.year + {"last": -1, "past": -1, "next": 1}.get(first, 0)
    if first == "earlier":
        return "interval", None, (date(year, 1, 1).isoformat(), published.isoformat())
    if first == "later":
        return "interval", None, (published.isoformat(), date(year, 12, 31).isoformat())
    return "year", str(year), None


def _is_future(text: str, s0: int, s1: int, start: int, end: int, rel: str | None) -> bool:
    """Whether the clause around a date speaks of the future (for weekdays and bare months).

    The nearest tense marker before the date in its clause decides ("was due to" is past;
    present tense, as in "the phase expires on Saturday", is future); then markers after it;
    then a deadline preposition ("by Friday"); then the whole sentence; else the past.
    """
    rel = (rel or "").strip().lower()
    if rel in ("next", "last"):
        return rel == "next"
    # The tense is read within WINDOW characters either side: an unbounded clause after the
    # date made every date of a long run-on sentence scan the rest of it
    s0, s1 = max(s0, start - WINDOW), min(s1, end + WINDOW)
    if _SINCE.search(text[max(s0, start - 30) : start]):
        return False
    clause_start = s0
    for match in _CLAUSE.finditer(text, s0, start):
        clause_start = match.end()
    clause_end = s1
    after = _CLAUSE.search(text, end, s1)
    if after is not None:
        clause_end = after.start()
    deadline = _DEADLINE_BEFORE.search(text[s0:start]) is not None
    in_past = any(m.group("pastfuture") for m in _MARKER.finditer(text, clause_start, start))
    if deadline and not in_past:
        return True  # "by Saturday", "by noon on Saturday": a deadline lies ahead
    for found in (
        _last_marker(text, clause_start, start),
        _first_marker(text, end, clause_end),
        _last_marker(text, s0, start),
        _first_marker(text, end, s1),
    ):
        if found is not None:
            return found
    return False


def _tense(match: re.Match[str]) -> bool:
    return bool(match.group("future") or match.group("present"))


def _last_marker(text: str, start: int, end: int) -> bool | None:
    last = None
    for match in _MARKER.finditer(text, start, end):
        last = match
    return None if last is None else _tense(last)


def _first_marker(text: str, start: int, end: int) -> bool | None:
    match = _MARKER.search(text, start, end)
    return None if match is None else _tense(match)
