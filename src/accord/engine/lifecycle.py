"""States of provisions and phases at one instant, from their dates and their matched events.

Deadlines are inclusive: an act at or before the deadline is on time; a deadline on a whole day
is met by an act any time that day. A date-only event counts from the start of its day.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from math import ceil
from operator import attrgetter

from accord.engine.acts import MatchedEvent, running_acts, running_quantity
from accord.engine.results import (
    InstalmentResult,
    PeriodsMet,
    ProvisionResult,
    ProvisionState,
    Reason,
    counted,
    event_reason,
)
from accord.schedule.resolve import Point
from accord.schedule.time import Moment, shift
from accord.spec.models import Instalment, Provision
from accord.spec.timeexpr import Duration

START = attrgetter("start")  # sort key of acts in time order


def end_of(moment: Moment) -> datetime:
    """The last instant a moment allows: the end of its day, or the instant itself."""
    if moment.whole_day:
        return (moment.at.replace(tzinfo=None) + timedelta(days=1)).replace(
            tzinfo=moment.at.tzinfo
        ) - timedelta(microseconds=1)
    return moment.at


def on_time(event: MatchedEvent, due: Moment) -> bool:
    """An act done at or before the deadline is on time (inclusive)."""
    return event.done <= end_of(due)


@dataclass(frozen=True)
class Dates:
    """The dates one provision is judged by, resolved as the spec stands at the evaluation."""

    due: Point | None
    grace_end: datetime | None
    instalments: Sequence[tuple[Point, Instalment]]


def obligation_state(
    xid: str,
    prov: Provision,
    required: int | None,
    events: list[MatchedEvent],
    dates: Dates,
    as_of: datetime,
) -> ProvisionResult:
    """Pending, overdue, fulfilled (maybe late), partially fulfilled or violated."""
    result = ProvisionResult(xid, "obligation", "pending", list(prov.party), required=required)
    due = dates.due.moment if dates.due else None
    if due is None and dates.instalments:  # a schedule is due by its last instalment
        due = dates.instalments[-1][0].moment
    result.due = due
    if dates.due is not None and due is not None:
        result.because.append(Reason("date", f"deadline: {dates.due.how}"))
    delivered, met_at = _delivered(events, required)
    result.delivered = delivered if required is not None else None
    result.because += counted(events)
    if met_at is not None:
        result.state = "fulfilled"
        result.fulfilled_at = Moment(met_at.done, met_at.whole_day or met_at.until is not None)
        result.late = due is not None and not on_time(met_at, due)
        note = f"fulfilled by {met_at.event_id or met_at.uid}" + (
            " after the deadline" if result.late else ""
        )
        result.because.append(Reason("rule", note, met_at.event_id, (met_at.source,)))
    elif due is not None and as_of > end_of(due):
        result.state = _past_due(result, dates.grace_end, as_of)
    if dates.instalments:
        result.instalments = _instalments(dates.instalments, events, as_of)
    return result


def _delivered(events: list[MatchedEvent], required: int | None) -> tuple[int, MatchedEvent | None]:
    """Total delivered, and the event that completed the obligation (if any)."""
    if required is None:  # an act, not a quantity: the first matching act fulfils it
        return running_acts(events), events[0] if events else None
    return running_quantity(events), _reached(events, required)


def _past_due(
    result: ProvisionResult, grace_end: datetime | None, as_of: datetime
) -> ProvisionState:
    partial = result.required is not None and (result.delivered or 0) > 0
    if grace_end is not None and as_of <= grace_end:
        result.because.append(Reason("rule", "past the deadline, within the grace period"))
        return "partially_fulfilled" if partial else "overdue"
    result.past_due = True
    result.because.append(Reason("rule", "past the deadline (and any grace) without fulfilment"))
    return "partially_fulfilled" if partial else "violated"


def _instalments(
    points: Sequence[tuple[Point, Instalment]], events: list[MatchedEvent], as_of: datetime
) -> list[InstalmentResult]:
    """Each instalment against cumulative deliveries: over-delivery carries forward."""
    results: list[InstalmentResult] = []
    cumulative_required = 0
    for point, inst in points:
        cumulative_required += inst.quantity
        row = InstalmentResult(point.moment, inst.quantity, cumulative_required, "pending")
        met = _reached(events, cumulative_required)
        if met is not None:
            row.state = "fulfilled"
            row.met_at = met.done_on
            row.late = point.moment is not None and not on_time(met, point.moment)
        elif point.moment is not None and as_of > end_of(point.moment):
            row.state = "overdue"
        results.append(row)
    return results


def _reached(events: list[MatchedEvent], target: int) -> MatchedEvent | None:
    """The act that brings the running total to `target`, if one does."""
    index = bisect_left(events, target, key=lambda e: e.quantity_before + (e.quantity or 0))
    return events[index] if index < len(events) else None


def grace_end(due: Point | None, prov: Provision) -> datetime | None:
    """The last instant of the grace period after the deadline, if the provision has one."""
    if due is None or due.moment is None or prov.grace is None:
        return None
    return end_of(shift(due.moment, prov.grace, 1, None))


def rate_state(
    xid: str,
    prov: Provision,
    events: list[MatchedEvent],
    start: Moment,
    end: Moment | None,
    as_of: datetime,
) -> ProvisionResult:
    """A rate (600 trucks a day): each period's deliveries against the rate, and the share met.

    Periods count from the provision's first day. While the provision runs it is pending; once its
    period is over it is fulfilled when every period met the rate, else partially fulfilled.
    """
    assert prov.rate is not None
    rate = prov.rate
    per_days = rate.per.days or 1
    last_day = min(end_of(end).date() if end else as_of.date(), as_of.date())
    first_day = start.day
    periods = max(0, (last_day - first_day).days // per_days + 1)
    delivered: list[int | Fraction] = [0] * periods
    counted_in: int | Fraction = 0
    for event in events:
        if rate.category is not None and event.category not in (None, rate.category):
            continue
        # A figure reported for several days (`until`) is spread evenly over them, and counts
        # only for the days that have come.
        days = (event.until - event.day).days + 1 if event.until else 1
        share = Fraction(event.quantity or 0, days) if days > 1 else event.quantity or 0
        first = (event.day - first_day).days
        for offset in range(min(days, (last_day - event.day).days + 1)):
            index = (first + offset) // per_days
            if 0 <= index < periods:
                delivered[index] += share
            counted_in += share
    targets = [Fraction(rate.quantity)] * periods
    stub = _stub(end, as_of, first_day, per_days, periods)
    if stub is not None:  # the last period ends part-way: its rate is prorated
        targets[-1] = rate.quantity * stub
    met = sum(1 for total, target in zip(delivered, targets, strict=True) if total >= target)
    result = ProvisionResult(
        xid, "obligation", "pending", list(prov.party), required=ceil(sum(targets)),
        delivered=int(counted_in),
    )  # fmt: skip
    result.periods_met = PeriodsMet(met, periods)
    result.because.append(
        Reason(
            "rule",
            f"rate {rate.quantity} {rate.unit} per {rate.per.describe()}: {met} of {periods} "
            f"periods met from {first_day.isoformat()} to {last_day.isoformat()}",
        )
    )
    result.because += counted(events)
    if end is not None and as_of > end_of(end):
        result.state = "fulfilled" if periods and met == periods else "partially_fulfilled"
    return result


def _stub(
    end: Moment | None, as_of: datetime, first_day: date, per_days: int, periods: int
) -> Fraction | None:
    """The share of its length that the last period keeps when the provision ends at an
    instant part-way through it, once that instant has passed; else None. (The first period is
    whole: day 1 is the in-force day, whatever its hour.)"""
    if end is None or end.whole_day or as_of <= end.at or not periods:
        return None
    begins = datetime.combine(first_day + timedelta(days=(periods - 1) * per_days), time(0))
    kept = end.at - begins.replace(tzinfo=end.at.tzinfo)
    share = Fraction(int(kept.total_seconds()), per_days * 86400)
    return share if 0 < share < 1 else None


@dataclass(frozen=True)
class Suspension:
    """A span during which a party suspended a provision; only that party lifts it.

    Only a party holding the power suspends (`entitled`); a party bound by the provision that
    declares a suspension without one has declared it, and its deadline still binds.
    """

    by: str
    start: datetime
    end: datetime | None  # None: still suspended at the evaluation instant
    reasons: tuple[Reason, ...]
    entitled: bool = True


def suspensions(
    suspends: list[MatchedEvent],
    resumes: list[MatchedEvent],
    performances: list[MatchedEvent],
    as_of: datetime,
    holders: Sequence[str],
) -> list[Suspension]:
    """Suspension spans: each lasts until the same party resumes, or performs the act itself.
    `holders` are the parties with the power to suspend."""
    spans: list[Suspension] = []
    for suspend in suspends:
        entitled = suspend.actor in holders
        reasons = [event_reason(suspend, f"suspended by {suspend.actor}")]
        if not entitled:
            reasons = [
                event_reason(suspend, f"suspension declared by {suspend.actor}"),
                Reason("rule", f"{suspend.actor} holds no power to suspend it: its dates still "
                       "bind", suspend.event_id, suspend.sources),
            ]  # fmt: skip
        end: datetime | None = None
        for resume in resumes[bisect_left(resumes, suspend.start, key=START) :]:
            if resume.actor != suspend.actor:
                reasons.append(
                    Reason(
                        "rule",
                        f"resumption by {resume.actor} ignored: only {suspend.actor} lifts its own "
                        "suspension",
                        resume.event_id,
                        resume.sources,
                    )
                )
                continue
            end = resume.start
            reasons.append(event_reason(resume, "resumed"))
            break
        after = performances[bisect_left(performances, suspend.start, key=START) :]
        act = next((a for a in after if a.actor == suspend.actor), None)
        if act is not None and (end is None or act.start < end):
            end = act.start
            reasons.append(event_reason(act, "suspension ended by performance"))
        until = end if end and end <= as_of else None
        spans.append(Suspension(suspend.actor, suspend.start, until, tuple(reasons), entitled))
    return spans


def shifted(due: Point, spans: list[Suspension]) -> Point:
    """The deadline pushed back by the whole days the provision spent suspended."""
    if due.moment is None or not spans:
        return due
    days = 0
    for span in spans:
        if span.entitled and span.start <= end_of(due.moment) and span.end is not None:
            days += max(1, (span.end.date() - span.start.date()).days)
    if not days:
        return due
    moment = shift(due.moment, Duration(days, "d"), 1, None)
    return Point(
        moment, f"{due.how}, moved {days} days later for the time suspended = {moment.iso()}"
    )


def apply_suspensions(result: ProvisionResult, spans: list[Suspension]) -> None:
    """An unfulfilled obligation under an open suspension is `suspended`, naming who did it.

    A suspension declared once the deadline had passed does not hide the breach: the obligation
    stays violated (or partly fulfilled), and the trail records the suspension.
    """
    for span in spans:
        result.because += span.reasons
    declared = [s for s in spans if s.end is None and not s.entitled]
    if declared and result.state != "fulfilled":
        result.declared_suspension_by = declared[-1].by
    breached = result.past_due
    open_spans = [
        s for s in spans
        if s.end is None and s.entitled
        and not (breached and result.due and s.start > end_of(result.due))
    ]  # fmt: skip
    if open_spans and result.state != "fulfilled":
        result.state = "suspended"
        result.past_due = False
        result.suspended_by = open_spans[-1].by
