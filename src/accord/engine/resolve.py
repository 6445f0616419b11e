"""Resolve a spec's time expressions into concrete dates: phases, deadlines and instalments.

Every resolved point keeps a `how` text ("day 16 = in_force 2025-01-19 + 15 days"). A point that
depends on an event (`x.fulfilled`) or on a missing anchor stays unresolved with a reason; it is
never guessed. Problems found on the way (ambiguous month arithmetic, instalments that do not add
up) are collected as `Problem`s so that validation can report them with a line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from accord.engine.time import (
    AmbiguousDate,
    Moment,
    day_number,
    last_day_of_span,
    literal_moment,
    shift,
)
from accord.spec.errors import Problem
from accord.spec.models import Phase, Provision, Spec
from accord.spec.timeexpr import (
    Duration,
    ExprError,
    TimeExpr,
    parse_duration,
    parse_time_expr,
    parse_timezone,
)
from accord.spec.yamlsource import DocPath

_MAX_OCCURRENCES = 1000
TIME_KEYS = ("start", "end", "deadline")


@dataclass(frozen=True)
class Point:
    """A resolved (or unresolved) point with the explanation of how it was computed."""

    moment: Moment | None
    how: str

    @property
    def resolved(self) -> bool:
        """True when the point has a concrete date."""
        return self.moment is not None


@dataclass(frozen=True)
class TimelineEntry:
    """One dated item of a timeline: a phase start or end, a deadline, an instalment..."""

    term: str
    what: str
    point: Point
    quantity: int | None = None
    conditional_on: tuple[str, ...] = ()
    superseded_by: str | None = None
    amendment: str | None = None
    source: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (keys are part of the `accord timeline --json` interface)."""
        moment = self.point.moment
        return {
            "term": self.term,
            "what": self.what,
            "resolved": moment is not None,
            "date": moment.day.isoformat() if moment else None,
            "at": moment.iso() if moment else None,
            "whole_day": moment.whole_day if moment else None,
            "how": self.point.how,
            "quantity": self.quantity,
            "conditional_on": list(self.conditional_on),
            "superseded_by": self.superseded_by,
            "amendment": self.amendment,
            "source": list(self.source),
        }


@dataclass
class Timeline:
    """All dated items a spec implies, in date order, unresolved ones last."""

    spec_id: str
    in_force: Point
    entries: list[TimelineEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form of the whole timeline."""
        return {
            "spec": self.spec_id,
            "in_force": self.in_force.moment.iso() if self.in_force.moment else None,
            "entries": [e.to_dict() for e in self.entries],
        }

    def find(self, term: str, what: str) -> list[TimelineEntry]:
        """Entries of one term and kind (e.g. `phase1`, `end`)."""
        return [e for e in self.entries if e.term == term and e.what == what]


def spec_timezone(spec: Spec) -> tzinfo:
    """The spec's timezone: `timezone:`, else the offset of `in_force`, else UTC."""
    if spec.timezone:
        try:
            return parse_timezone(spec.timezone)
        except ValueError:
            return UTC
    if spec.in_force is not None and spec.in_force.instant is not None:
        return spec.in_force.instant.tzinfo or UTC
    return UTC


class _Resolver:
    def __init__(self, spec: Spec, start: Moment | None) -> None:
        self.spec = spec
        self.tz = spec_timezone(spec)
        self.problems: list[Problem] = []
        self.overrides: dict[tuple[str, str], tuple[Any, DocPath]] = {}
        self._memo: dict[str, Point] = {}
        self._active: set[str] = set()
        self.in_force = self._in_force(start)

    # -- anchors -------------------------------------------------------------------------
    def _in_force(self, start: Moment | None) -> Point:
        if start is not None:
            return Point(start, f"in_force {start.iso()} (given as --start)")
        expr = self.spec.in_force
        if expr is None:
            return Point(None, "in_force is not set (a proposal or position); pass a start date")
        if expr.kind not in ("date", "instant") or expr.offset is not None:
            return Point(None, f"in_force `{expr}` must be a date or an instant")
        moment = literal_moment(expr, self.tz)
        return Point(moment, f"in_force {moment.iso()}")

    def expr(self, expr: TimeExpr, path: DocPath) -> Point:
        """Resolve a time expression written at `path`."""
        base = self._base(expr, path)
        if base.moment is None or expr.offset is None:
            return base
        try:
            moment = shift(base.moment, expr.offset, expr.sign, self.spec.date_rounding)
        except AmbiguousDate as exc:
            self.problem(path, "ambiguous-date-arithmetic", str(exc))
            return Point(None, f"{base.how}: ambiguous month arithmetic")
        sign = "+" if expr.sign > 0 else "-"
        return Point(moment, f"{base.how} {sign} {expr.offset.describe()} = {moment.iso()}")

    def _base(self, expr: TimeExpr, path: DocPath) -> Point:
        if expr.kind in ("date", "instant"):
            moment = literal_moment(expr, self.tz)
            return Point(moment, f"{moment.iso()} (given)")
        if expr.kind == "in_force":
            return self.in_force
        if expr.kind == "day":
            return self._day(expr)
        assert expr.ref is not None and expr.anchor is not None
        if expr.anchor == "fulfilled":
            return Point(None, f"when {expr.ref} is fulfilled: depends on events")
        point = self.anchor(expr.ref, expr.anchor)
        if point.moment is None:
            return Point(None, f"{expr.ref}.{expr.anchor}: {point.how}")
        return Point(point.moment, f"{expr.ref}.{expr.anchor} {point.moment.iso()}")

    def _day(self, expr: TimeExpr) -> Point:
        assert expr.day is not None
        anchor = self.in_force.moment
        if anchor is None:
            return Point(None, f"day {expr.day}: {self.in_force.how}")
        convention = self.spec.day_one or "in_force"
        moment = day_number(anchor, expr.day, convention)
        added = expr.day - 1 if convention == "in_force" else expr.day
        return Point(
            moment,
            f"day {expr.day} = in_force {anchor.day.isoformat()} + {added} "
            f"day{'' if added == 1 else 's'}",
        )

    def anchor(self, term: str, anchor: str) -> Point:
        """The start, end or deadline of a phase or provision, resolved once."""
        key = f"{term}.{anchor}"
        if key in self._memo:
            return self._memo[key]
        if key in self._active:  # validation reports cycles; stay safe if called anyway
            return Point(None, f"{key} depends on itself")
        self._active.add(key)
        point = self._compute_anchor(term, anchor)
        self._active.discard(key)
        self._memo[key] = point
        return point

    def _compute_anchor(self, term: str, anchor: str) -> Point:
        if term in self.spec.phases:
            return self._phase_anchor(term, self.spec.phases[term], anchor)
        if term in self.spec.provisions:
            return self._provision_anchor(term, self.spec.provisions[term], anchor)
        return Point(None, f"`{term}` is not a phase or provision")

    def _override(self, term: str, key: str, original: Any, path: DocPath) -> tuple[Any, DocPath]:
        return self.overrides.get((term, key), (original, path))

    def _phase_anchor(self, pid: str, phase: Phase, anchor: str) -> Point:
        start_expr, start_path = self._override(pid, "start", phase.start, ("phases", pid, "start"))
        if anchor == "start":
            return self.start_point(start_expr, start_path)
        if anchor != "end":
            return Point(None, f"a phase has no {anchor}")
        end_expr, end_path = self._override(pid, "end", phase.end, ("phases", pid, "end"))
        duration, dur_path = self._override(
            pid, "duration", phase.duration, ("phases", pid, "duration")
        )
        if end_expr is not None:
            return self.expr(end_expr, end_path)
        if duration is None:
            return Point(None, "open-ended: no duration or end given")
        start = self.anchor(pid, "start")
        if start.moment is None:
            return Point(None, f"{pid}.start: {start.how}")
        return self._span_end(pid, start.moment, duration, dur_path)

    def _span_end(self, pid: str, start: Moment, duration: Duration, path: DocPath) -> Point:
        if duration.unit == "h":
            end = shift(start, duration, 1, None)
            return Point(end, f"{pid}.start {start.iso()} + {duration.describe()}")
        try:
            last = last_day_of_span(start, duration, self.spec.date_rounding)
        except AmbiguousDate as exc:
            self.problem(path, "ambiguous-date-arithmetic", str(exc))
            return Point(None, "ambiguous month arithmetic")
        return Point(
            last,
            f"{pid}.start {start.day.isoformat()} + {duration.describe()}, counting the start "
            f"day as day 1: last day {last.iso()}",
        )

    def _provision_anchor(self, xid: str, prov: Provision, anchor: str) -> Point:
        base = ("provisions", xid)
        expr, path = self._override(xid, anchor, getattr(prov, anchor), (*base, anchor))
        if expr is not None:
            return self.start_point(expr, path) if anchor == "start" else self.expr(expr, path)
        if anchor == "deadline":
            return Point(None, "no deadline")
        phases = prov.phase_ids
        if not phases:
            if anchor == "start":
                return self.in_force
            return Point(None, "open-ended: no phase or end given")
        pid = phases[0] if anchor == "start" else phases[-1]
        point = self.anchor(pid, anchor)
        if point.moment is None:
            return Point(None, f"{pid}.{anchor}: {point.how}")
        return Point(point.moment, f"{pid}.{anchor} {point.moment.iso()}")

    def amended(self, term: str, key: str, value: Any, path: DocPath, anchor: str) -> Point:
        """`term.anchor` as it stands when `term.key` is replaced by an amendment's value."""
        self.overrides[(term, key)] = (value, path)
        self._memo.clear()
        try:
            return self.anchor(term, anchor)
        finally:
            del self.overrides[(term, key)]
            self._memo.clear()

    def start_point(self, expr: TimeExpr, path: DocPath) -> Point:
        """A start: something that starts at another term's end begins right after it."""
        point = self.expr(expr, path)
        moment = point.moment
        if moment is None or not (expr.kind == "ref" and expr.anchor == "end"):
            return point
        if moment.whole_day:
            moment = Moment.of_day(moment.day + timedelta(days=1), moment.at.tzinfo or UTC)
        return Point(moment, f"the day after {point.how}" if point.moment != moment else point.how)

    def problem(self, path: DocPath, code: str, message: str) -> None:
        problem = Problem(path, code, message)
        if problem not in self.problems:
            self.problems.append(problem)


def resolve_timeline(spec: Spec, start: Moment | None = None) -> Timeline:
    """Every phase start and end, deadline and instalment of `spec`, as concrete dates.

    `start` anchors `in_force` for a proposal or position that has none.
    """
    resolver = _Resolver(spec, start)
    builder = _TimelineBuilder(spec, resolver)
    builder.build()
    return Timeline(spec.id, resolver.in_force, builder.ordered(), resolver.problems)


class _TimelineBuilder:
    def __init__(self, spec: Spec, resolver: _Resolver) -> None:
        self.spec = spec
        self.r = resolver
        self.entries: list[TimelineEntry] = []

    def ordered(self) -> list[TimelineEntry]:
        resolved = [e for e in self.entries if e.point.moment is not None]
        resolved.sort(key=_chronological)
        return resolved + [e for e in self.entries if e.point.moment is None]

    def add(self, entry: TimelineEntry) -> None:
        self.entries.append(entry)

    def build(self) -> None:
        self.add(TimelineEntry(self.spec.id, "in force", self.r.in_force))
        for pid, phase in self.spec.phases.items():
            self._phase(pid, phase)
        for xid, prov in self.spec.provisions.items():
            self._provision(xid, prov)
        for aid in self.spec.amendments:
            self._amendment(aid)

    def _phase(self, pid: str, phase: Phase) -> None:
        common = {"conditional_on": tuple(phase.requires), "source": tuple(phase.source)}
        self.add(TimelineEntry(pid, "start", self.r.anchor(pid, "start"), **common))  # type: ignore[arg-type]
        end = self.r.anchor(pid, "end")
        if phase.continues_while:
            end = replace(end, how=f"{end.how}; runs on while {phase.continues_while} holds")
        self.add(TimelineEntry(pid, "end", end, **common))  # type: ignore[arg-type]
        if phase.renewal and end.moment is not None:
            self._renewal(pid, phase, end.moment)

    def _renewal(self, pid: str, phase: Phase, end: Moment) -> None:
        assert phase.renewal is not None
        renewal, rounding = phase.renewal, self.spec.date_rounding
        path = ("phases", pid, "renewal")
        try:
            if renewal.notice is not None:
                boundary = Moment.of_day(end.day + timedelta(days=1), end.at.tzinfo or UTC)
                notice = shift(boundary, renewal.notice, -1, rounding)
                how = f"{renewal.notice.describe()} before the end of the term ({end.iso()})"
                self.add(TimelineEntry(pid, "renewal notice due", Point(notice, how)))
            renewed = last_day_of_span(
                Moment.of_day(end.day + timedelta(days=1), end.at.tzinfo or UTC),
                renewal.every,
                rounding,
            )
        except AmbiguousDate as exc:
            self.r.problem(path, "ambiguous-date-arithmetic", str(exc))
            return
        how = f"renewed automatically for {renewal.every.describe()} unless notice is given"
        self.add(TimelineEntry(pid, "end if renewed", Point(renewed, how)))

    def _provision(self, xid: str, prov: Provision) -> None:
        source = tuple(prov.source)
        cond = tuple(prov.condition) + ((prov.trigger,) if prov.trigger else ())
        if prov.start is not None:
            start = self.r.anchor(xid, "start")
            self.add(TimelineEntry(xid, "start", start, conditional_on=cond, source=source))
        if prov.end is not None:
            end = self.r.anchor(xid, "end")
            self.add(TimelineEntry(xid, "end", end, conditional_on=cond, source=source))
        if prov.deadline is not None:
            self._deadline(xid, prov, cond, source)
        self._instalments(xid, prov, cond)
        if prov.exchange is not None and prov.exchange.within is not None:
            how = (
                f"within {prov.exchange.within.describe()} of each delivery under "
                f"{prov.exchange.for_}: depends on events"
            )
            self.add(TimelineEntry(xid, "exchange due", Point(None, how), source=source))

    def _deadline(
        self, xid: str, prov: Provision, cond: tuple[str, ...], source: tuple[str, ...]
    ) -> None:
        amended = self._amendment_of(xid, "deadline")
        if amended is None:
            point = self.r.anchor(xid, "deadline")
            self.add(TimelineEntry(xid, "deadline", point, conditional_on=cond, source=source))
            return
        assert prov.deadline is not None
        original = self.r.expr(prov.deadline, ("provisions", xid, "deadline"))
        self.add(
            TimelineEntry(
                xid, "deadline", original, conditional_on=cond, superseded_by=amended, source=source
            )
        )

    def _amendment_of(self, term: str, key: str) -> str | None:
        for aid, amendment in self.spec.amendments.items():
            if amendment.supersedes == f"{term}.{key}":
                return aid
        return None

    def _amendment(self, aid: str) -> None:
        amendment = self.spec.amendments[aid]
        path = ("amendments", aid)
        when = self.r.expr(amendment.date, (*path, "date"))
        self.add(TimelineEntry(aid, "amendment agreed", when, source=tuple(amendment.source)))
        term, _, key = amendment.supersedes.partition(".")
        value = _typed_value(key, amendment.value)
        if value is None or key not in ("start", "end", "deadline", "duration"):
            return
        anchor = "end" if key == "duration" else key
        point = self.r.amended(term, key, value, (*path, "value"), anchor)
        self.add(TimelineEntry(term, anchor, point, amendment=aid, source=tuple(amendment.source)))

    def _instalments(self, xid: str, prov: Provision, cond: tuple[str, ...]) -> None:
        total, complete = 0, True
        for index, inst in enumerate(prov.schedule):
            path = ("provisions", xid, "schedule", index)
            if inst.every is None:
                assert inst.due is not None
                points = [self.r.expr(inst.due, (*path, "due"))]
            else:
                points = self._occurrences(inst.every, inst, path)
            complete &= all(p.moment is not None for p in points) and bool(points)
            for point in points:
                total += inst.quantity
                entry = TimelineEntry(
                    xid,
                    "instalment",
                    point,
                    quantity=inst.quantity,
                    conditional_on=cond,
                    source=tuple(inst.source or prov.source),
                )
                self.add(entry)
        if complete and prov.schedule and prov.quantity is not None and total != prov.quantity:
            self.r.problem(
                ("provisions", xid, "schedule"),
                "schedule-mismatch",
                f"the instalments add up to {total} but `quantity` is {prov.quantity}; "
                "fix one of them",
            )

    def _occurrences(self, every: Duration, inst: Any, path: DocPath) -> list[Point]:
        first = self.r.expr(inst.from_, (*path, "from"))
        last = self.r.expr(inst.through, (*path, "through"))
        if first.moment is None or last.moment is None:
            return [Point(None, f"every {every.describe()} from {inst.from_}: {first.how}")]
        points, current, n = [], first.moment, 0
        while current <= last.moment and n < _MAX_OCCURRENCES:
            how = f"every {every.describe()} from {inst.from_} ({first.moment.iso()}), #{n + 1}"
            points.append(Point(current, how))
            current = shift(current, every, 1, self.spec.date_rounding)
            n += 1
        if n >= _MAX_OCCURRENCES:
            self.r.problem(path, "bad-value", f"more than {_MAX_OCCURRENCES} instalments")
        return points


def _chronological(entry: TimelineEntry) -> tuple[date, bool, datetime]:
    # Within a day, exact instants come before whole-day items (which run to the day's end).
    moment = entry.point.moment
    assert moment is not None
    return (moment.day, moment.whole_day, moment.at)


def _typed_value(key: str, value: Any) -> Any:
    try:
        if key in TIME_KEYS:
            return parse_time_expr(value)
        if key == "duration":
            return parse_duration(value)
    except ExprError:
        return None
    return value
