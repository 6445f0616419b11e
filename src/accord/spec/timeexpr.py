"""Durations and time expressions as written in specs, parsed into small immutable values.

A time expression is one of
    2025-01-19            a calendar day (a deadline on it means the end of that day)
    2025-01-19T11:15+02:00  an instant
    in_force              the moment the document enters into force
    day 16                the 16th day, counted by the spec's `day_one` convention
    phase1.end            a reference to another term (`start`, `end`, `deadline`, `fulfilled`)
optionally followed by `+ 135d` or `- 6mo` (an offset that adds calendar time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DurationUnit = Literal["h", "d", "w", "mo", "y"]
Anchor = Literal["start", "end", "deadline", "fulfilled"]

_UNIT_WORDS: dict[str, DurationUnit] = {
    "h": "h",
    "hour": "h",
    "hours": "h",
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "week": "w",
    "weeks": "w",
    "mo": "mo",
    "month": "mo",
    "months": "mo",
    "y": "y",
    "year": "y",
    "years": "y",
}
_DURATION = re.compile(r"^\s*(\d+)\s*([a-z]+)\s*$")
_DAY = re.compile(r"^day\s+(\d+)$")
_REF = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_-]*)\.([a-z_]+)$")
_OFFSET = re.compile(r"^(.*?)\s*([+-])\s*(\d+\s*[A-Za-z]+)\s*$")
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
# Python's own ISO parser also takes week dates, ordinal dates and offsets with seconds; a spec
# takes only the two forms the documentation shows.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INSTANT = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?"
    r"(?:[Zz]|[+-]\d{2}:?[0-5]\d)?"
)
_TZ_OFFSET = re.compile(r"^(?:UTC)?([+-])(\d{2}):?(\d{2})$")
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
_ID = re.compile(ID_PATTERN)
#: Days from 0001-01-01 to 9999-12-31, the calendar accord computes in.
CALENDAR_DAYS = 3_652_059
#: The longest duration in each unit: one that could still fit in the calendar.
MAX_AMOUNT: dict[DurationUnit, int] = {
    "h": CALENDAR_DAYS * 24,
    "d": CALENDAR_DAYS,
    "w": CALENDAR_DAYS // 7,
    "mo": 9999 * 12,
    "y": 9999,
}
# Dates and instants keep a day's margin at each end of the calendar, so that converting them
# to any timezone (or to UTC for comparison) stays inside it.
FIRST_DAY = date(1, 1, 2)
LAST_DAY = date(9999, 12, 30)
ANCHORS: tuple[Anchor, ...] = ("start", "end", "deadline", "fulfilled")


class ExprError(ValueError):
    """A malformed duration, date or time expression; `code` is a catalogue slug."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def is_id(text: str) -> bool:
    """True for a valid id: letters, digits, `-` and `_`, starting with a letter or a digit.

    `re.match` with `$` would accept a trailing newline; the whole text must match.
    """
    return _ID.fullmatch(text) is not None


@dataclass(frozen=True)
class Duration:
    """A whole number of hours, days, weeks, months or years."""

    amount: int
    unit: DurationUnit

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"

    @property
    def days(self) -> int | None:
        """Length in whole days for d and w units; None otherwise."""
        return {"d": self.amount, "w": 7 * self.amount}.get(self.unit)

    def describe(self) -> str:
        """Human words: `15 days`, `1 month`."""
        word = {"h": "hour", "d": "day", "w": "week", "mo": "month", "y": "year"}[self.unit]
        return f"{self.amount} {word}{'' if self.amount == 1 else 's'}"


@dataclass(frozen=True)
class TimeExpr:
    """A parsed time expression: a base point plus an optional signed offset."""

    text: str
    kind: Literal["date", "instant", "in_force", "day", "ref"]
    day_date: date | None = None
    instant: datetime | None = None
    day: int | None = None
    ref: str | None = None
    anchor: Anchor | None = None
    offset: Duration | None = None
    sign: int = 1

    def __str__(self) -> str:
        return self.text

    @property
    def uses_day_numbers(self) -> bool:
        """True when the expression counts days (needs the `day_one` convention)."""
        return self.kind == "day"


def parse_duration(value: object) -> Duration:
    """Parse `42d`, `6w`, `14mo`, `5y`, `12h` (or `42 days`); raise ExprError otherwise."""
    if isinstance(value, Duration):
        return value
    if not isinstance(value, str):
        raise ExprError("bad-duration", f"expected a duration like `42d`, got {value!r}")
    match = _DURATION.match(value.lower())
    unit = _UNIT_WORDS.get(match.group(2)) if match else None
    if match is not None and match.group(2) in ("m", "min", "mins", "minute", "minutes"):
        raise ExprError(
            "bad-duration",
            f"`{value}`: `m` is ambiguous and minutes are not a unit here; write "
            f"`{match.group(1)}mo` for months or use hours (`h`)",
        )
    if match is None or unit is None:
        raise ExprError(
            "bad-duration",
            f"`{value}` is not a duration; write a whole number and a unit: "
            "`12h`, `42d`, `6w`, `14mo` or `5y`",
        )
    digits = match.group(1)
    if len(digits) > 9 or int(digits) > MAX_AMOUNT[unit]:
        raise ExprError(
            "out-of-range",
            f"`{value}` is longer than any date range accord computes with; a duration is at "
            f"most {MAX_AMOUNT[unit]}{unit} (9999 years); check the number",
        )
    return Duration(int(digits), unit)


def parse_date(text: str) -> date:
    """Parse an ISO calendar date, naming the problem when the day does not exist."""
    if not _DATE.fullmatch(text):
        raise ExprError(
            "bad-date", f"`{text}` is not a valid date; write YYYY-MM-DD, e.g. 2025-01-19"
        )
    try:
        day = date.fromisoformat(text)
    except ValueError:
        if text.startswith("0000"):
            raise _out_of_range(text) from None
        raise ExprError(
            "bad-date", f"`{text}` is not a valid date; check that the day exists (YYYY-MM-DD)"
        ) from None
    return _in_calendar(day, text)


def parse_instant(text: str) -> datetime:
    """Parse an ISO instant such as 2025-01-19T11:15+02:00 (the offset may be left to the spec)."""
    match = _INSTANT.fullmatch(text)
    problem = ExprError(
        "bad-date",
        f"`{text}` is not a valid date-time; write e.g. 2025-01-19T11:15+02:00 (hours, minutes "
        "and an offset of hours and minutes, or Z)",
    )
    if match is None:
        raise problem
    parse_date(match.group("day"))
    try:
        instant = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise problem from None
    _in_calendar(instant.date(), text)
    return instant


def _in_calendar(day: date, text: str) -> date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise _out_of_range(text)
    return day


def _out_of_range(text: str) -> ExprError:
    return ExprError(
        "out-of-range",
        f"`{text}` is outside the calendar accord computes with; write a date from "
        f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}",
    )


def parse_time_expr(value: object) -> TimeExpr:
    """Parse a time expression; raise ExprError with a catalogue code when it is malformed."""
    if isinstance(value, TimeExpr):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        raise ExprError(
            "bad-time-expression", f"`{value}` is a number, not a time; did you mean `day {value}`?"
        )
    if not isinstance(value, str) or not value.strip():
        raise ExprError(
            "bad-time-expression",
            f"expected a time such as `2025-01-19`, `in_force`, `day 16` or `phase1.end`, "
            f"got {value!r}",
        )
    text = " ".join(value.split())
    base_text, offset, sign = text, None, 1
    offset_match = _OFFSET.match(text)
    if offset_match:
        base_text = offset_match.group(1)
        sign = -1 if offset_match.group(2) == "-" else 1
        offset = parse_duration(offset_match.group(3))
    base = _parse_base(base_text, text)
    return TimeExpr(
        text=text,
        kind=base.kind,
        day_date=base.day_date,
        instant=base.instant,
        day=base.day,
        ref=base.ref,
        anchor=base.anchor,
        offset=offset,
        sign=sign,
    )


def _parse_base(text: str, whole: str) -> TimeExpr:
    if text == "in_force":
        return TimeExpr(whole, "in_force")
    day = _DAY.match(text)
    if day:
        digits = day.group(1)
        if len(digits) > 9 or int(digits) > CALENDAR_DAYS:
            raise ExprError(
                "out-of-range",
                f"`{text}` is beyond the calendar accord computes with; a day number is at most "
                f"{CALENDAR_DAYS}",
            )
        number = int(digits)
        if number < 1:
            raise ExprError("bad-time-expression", "days are counted from 1; write `day 1` or more")
        return TimeExpr(whole, "day", day=number)
    if _DATE_LIKE.match(text):
        if "T" in text or " " in text.strip():
            return TimeExpr(whole, "instant", instant=parse_instant(text.replace(" ", "T")))
        return TimeExpr(whole, "date", day_date=parse_date(text))
    ref = _REF.match(text)
    if ref:
        anchor = ref.group(2)
        if anchor not in ANCHORS:
            raise ExprError(
                "bad-time-expression",
                f"`{text}`: a reference ends in .start, .end, .deadline or .fulfilled, "
                f"not .{anchor}",
            )
        return TimeExpr(whole, "ref", ref=ref.group(1), anchor=anchor)
    raise ExprError(
        "bad-time-expression",
        f"`{whole}` is not a time; write a date (2025-01-19), an instant "
        "(2025-01-19T11:15+02:00), `in_force`, `day 16` or a reference like `phase1.end`, "
        "optionally followed by `+ 60d`",
    )


def parse_timezone(name: str) -> tzinfo:
    """An IANA zone (`Asia/Jerusalem`) or a fixed offset (`+02:00`); ValueError otherwise."""
    match = _TZ_OFFSET.match(name.strip())
    if match:
        sign = -1 if match.group(1) == "-" else 1
        hours, minutes = int(match.group(2)), int(match.group(3))
        if hours > 23 or minutes > 59:
            raise ValueError(
                f"`{name}` is not a UTC offset; write hours below 24 and minutes below 60, "
                "e.g. +02:00 or -05:30"
            )
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    if name.strip().upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"`{name}` is not a timezone; use an IANA name such as Asia/Jerusalem or an "
            "offset such as +02:00"
        ) from None
