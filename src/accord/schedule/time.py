"""Points in time and calendar arithmetic: whole days, instants, day numbers and offsets.

A `Moment` is either a whole calendar day (a deadline on it is met by any act that day) or an
exact instant. All moments are timezone-aware, in the spec's timezone.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal, TypeVar

from accord.spec.timeexpr import Duration, ExprError, TimeExpr, parse_time_expr

Rounding = Literal["up", "down"]
T = TypeVar("T")


class DateArithmeticError(ValueError):
    """Date arithmetic that has no answer; `code` is the spec error catalogue slug."""

    code = "bad-date"


class AmbiguousDate(DateArithmeticError):
    """Month or year arithmetic that lands on a day the target month lacks."""

    code = "ambiguous-date-arithmetic"


def _in_range(compute: Callable[[], T]) -> T:
    try:
        return compute()
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, DateArithmeticError):
            raise
        raise DateArithmeticError("the date falls outside the years 1 to 9999") from None


@dataclass(frozen=True, order=True)
class Moment:
    """A whole local day (`at` is its midnight) or an exact instant."""

    at: datetime
    whole_day: bool

    @classmethod
    def of_day(cls, day: date, tz: tzinfo) -> Moment:
        """The whole calendar day `day` in timezone `tz`."""
        return cls(datetime.combine(day, time(0), tzinfo=tz), True)

    @property
    def day(self) -> date:
        """The local calendar date."""
        return self.at.date()

    def iso(self) -> str:
        """`2025-02-03` for a day, `2025-01-19T11:15+02:00` for an instant."""
        if self.whole_day:
            return self.day.isoformat()
        spec = "minutes" if self.at.second == 0 and self.at.microsecond == 0 else "seconds"
        return self.at.isoformat(timespec=spec)


def instant_in(value: datetime, tz: tzinfo) -> Moment:
    """An instant expressed in `tz`; a value without an offset is read as local time in `tz`."""
    aware = value.replace(tzinfo=tz) if value.tzinfo is None else value.astimezone(tz)
    return Moment(aware, False)


def literal_moment(expr: TimeExpr, tz: tzinfo) -> Moment:
    """The date or instant an expression starts from (its offset aside), read in timezone `tz`."""
    if expr.instant is not None:
        return instant_in(expr.instant, tz)
    if expr.day_date is None:
        raise ExprError("bad-date", f"`{expr}` is not a date or instant")
    return Moment.of_day(expr.day_date, tz)


def parse_moment(text: str, tz: tzinfo) -> Moment:
    """Parse a date (`2025-04-01`) or instant (`2025-04-01T08:00+03:00`) given by a user.

    An instant keeps its own UTC offset; `tz` applies to dates and to instants without one.
    """
    expr = parse_time_expr(text)
    if expr.offset is not None:
        raise ExprError("bad-date", f"`{text}`: give a plain date or instant, without an offset")
    if expr.instant is not None and expr.instant.tzinfo is not None:
        return Moment(expr.instant, False)
    return literal_moment(expr, tz)


def _add_days(at: datetime, days: int) -> datetime:
    # Wall-clock arithmetic: a day later is the same local time, across DST changes too.
    local = at.replace(tzinfo=None) + timedelta(days=days)
    return local.replace(tzinfo=at.tzinfo)


def _add_months(day: date, months: int, rounding: Rounding | None) -> date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if day.day <= last:
        return date(year, month, day.day)
    if rounding is None:
        raise AmbiguousDate(
            f"{day.isoformat()} {'+' if months >= 0 else '-'} {abs(months)} month(s) has no "
            f"day {day.day} in {year}-{month:02d}; set `date_rounding: down` "
            f"({year}-{month:02d}-{last:02d}) or `date_rounding: up` (the 1st of the next month)"
        )
    if rounding == "down":
        return date(year, month, last)
    return date(year, month, last) + timedelta(days=1)


def shift(moment: Moment, duration: Duration, sign: int, rounding: Rounding | None) -> Moment:
    """Add (sign=1) or subtract (sign=-1) a duration; hours are exact, the rest calendar units.

    Raises DateArithmeticError (AmbiguousDate for month ends without a rounding).
    """
    return _in_range(lambda: _shift(moment, duration, sign, rounding))


def _shift(moment: Moment, duration: Duration, sign: int, rounding: Rounding | None) -> Moment:
    if duration.unit == "h":
        exact = moment.at.astimezone(UTC) + sign * timedelta(hours=duration.amount)
        return Moment(exact.astimezone(moment.at.tzinfo), False)
    if duration.days is not None:
        return Moment(_add_days(moment.at, sign * duration.days), moment.whole_day)
    months = duration.amount * (12 if duration.unit == "y" else 1)
    new_day = _add_months(moment.day, sign * months, rounding)
    return Moment(
        moment.at.replace(year=new_day.year, month=new_day.month, day=new_day.day), moment.whole_day
    )


def day_number(anchor: Moment, number: int, day_one: Literal["in_force", "next_day"]) -> Moment:
    """Day `number` of a period anchored at `anchor`, counted by the `day_one` convention."""
    offset = number - 1 if day_one == "in_force" else number
    return _in_range(
        lambda: Moment.of_day(anchor.day + timedelta(days=offset), anchor.at.tzinfo or UTC)
    )


def last_day_of_span(start: Moment, length: Duration, rounding: Rounding | None) -> Moment:
    """The last whole day of a span of calendar days that counts its first day as day 1."""
    after = shift(Moment.of_day(start.day, start.at.tzinfo or UTC), length, 1, rounding)
    return _in_range(lambda: Moment.of_day(after.day - timedelta(days=1), after.at.tzinfo or UTC))
