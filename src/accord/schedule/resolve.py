"""Resolve a spec's time expressions into concrete dates, each with how it was computed.

Every resolved point keeps a `how` text ("day 16 = in_force 2025-01-19 + 15 days"). A point that
depends on an event (`x.fulfilled`) or on a missing anchor stays unresolved with a reason; it is
never guessed. Problems found on the way (ambiguous month arithmetic) are collected as `Problem`s
so that validation can report them with a line and column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from accord.schedule.amended import Amended
from accord.schedule.time import (
    DateArithmeticError,
    Moment,
    day_number,
    last_day_of_span,
    literal_moment,
    shift,
)
from accord.spec.errors import Problem
from accord.spec.models import Instalment, Phase, Provision, Spec
from accord.spec.timeexpr import Duration, TimeExpr, parse_timezone
from accord.spec.yamlsource import DocPath

_MAX_OCCURRENCES = 1000


@dataclass(frozen=True)
class Point:
    """A resolved (or unresolved) point with the explanation of how it was computed."""

    moment: Moment | None
    how: str


def spec_timezone(spec: Spec, start: Moment | None = None) -> tzinfo:
    """The spec's timezone: `timezone:`, else the offset of `in_force` (or of a given start),
    else UTC."""
    if spec.timezone:
        try:
            return parse_timezone(spec.timezone)
        except ValueError:
            return UTC
    if spec.in_force is not None and spec.in_force.instant is not None:
        return spec.in_force.instant.tzinfo or UTC
    if start is not None and start.at.tzinfo is not None:
        return start.at.tzinfo
    return UTC


class Resolver:
    """Resolves the anchors of one spec (start, end, deadline of each term), once each.

    `amended` says which amendments apply: the resolver then answers for the spec as it stood
    after them (none by default).
    """

    def __init__(
        self,
        spec: Spec,
        start: Moment | None,
        amended: Amended | None = None,
        fulfilled: Callable[[str], Moment | None] | None = None,
    ) -> None:
        self.spec = spec
        self.amended = amended or Amended(spec)
        # When the evidence is known: when a provision was fulfilled (`x.fulfilled`).
        self.fulfilled = fulfilled
        self.tz = spec_timezone(spec, start)
        self.problems: list[Problem] = []
        self._memo: dict[str, Point] = {}
        self._active: set[str] = set()
        self.in_force = self._in_force(start)

    # -- anchors -------------------------------------------------------------------------
    def _in_force(self, start: Moment | None) -> Point:
        if start is not None:
            start = Moment(start.at.astimezone(self.tz), start.whole_day)
            if start.whole_day:
                start = Moment.of_day(start.day, self.tz)
            return Point(start, f"in_force {start.iso()} (given as the start)")
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
        except DateArithmeticError as exc:
            self.problem(path, exc.code, str(exc))
            return Point(None, f"{base.how}: {exc}")
        sign = "+" if expr.sign > 0 else "-"
        return Point(moment, f"{base.how} {sign} {expr.offset.describe()} = {moment.iso()}")

    def _base(self, expr: TimeExpr, path: DocPath) -> Point:
        if expr.kind in ("date", "instant"):
            moment = literal_moment(expr, self.tz)
            return Point(moment, f"{moment.iso()} (given)")
        if expr.kind == "in_force":
            return self.in_force
        if expr.kind == "day":
            return self._day(expr, path)
        assert expr.ref is not None and expr.anchor is not None
        if expr.anchor == "fulfilled":
            if self.fulfilled is None:
                return Point(None, f"when {expr.ref} is fulfilled: depends on events")
            done = self.fulfilled(expr.ref)
            if done is None:
                return Point(None, f"{expr.ref} is not fulfilled yet")
            return Point(done, f"{expr.ref} fulfilled {done.iso()}")
        point = self.anchor(expr.ref, expr.anchor)
        if point.moment is None:
            return Point(None, f"{expr.ref}.{expr.anchor}: {point.how}")
        return Point(point.moment, f"{expr.ref}.{expr.anchor} {point.moment.iso()}")

    def _day(self, expr: TimeExpr, path: DocPath) -> Point:
        assert expr.day is not None
        anchor = self.in_force.moment
        if anchor is None:
            return Point(None, f"day {expr.day}: {self.in_force.how}")
        convention = self.spec.day_one or "in_force"
        try:
            moment = day_number(anchor, expr.day, convention)
        except DateArithmeticError as exc:
            self.problem(path, exc.code, str(exc))
            return Point(None, f"day {expr.day}: {exc}")
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
        return self.amended.value(term, key, original, path)

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
        except DateArithmeticError as exc:
            self.problem(path, exc.code, str(exc))
            return Point(None, str(exc))
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

    def start_point(self, expr: TimeExpr, path: DocPath) -> Point:
        """A start: something that starts at another term's end begins right after it."""
        point = self.expr(expr, path)
        moment = point.moment
        if moment is None or not (expr.kind == "ref" and expr.anchor == "end"):
            return point
        if not moment.whole_day:
            return point
        after = Moment.of_day(moment.day + timedelta(days=1), moment.at.tzinfo or UTC)
        return Point(after, f"{point.how}; starts the day after: {after.iso()}")

    def schedule(self, xid: str) -> list[tuple[Point, Instalment]]:
        """Every instalment of a provision's schedule with its due point, repeats expanded."""
        points: list[tuple[Point, Instalment]] = []
        for index, inst in enumerate(self.spec.provisions[xid].schedule):
            path: DocPath = ("provisions", xid, "schedule", index)
            if inst.every is None:
                assert inst.due is not None
                points.append((self.expr(inst.due, (*path, "due")), inst))
            else:
                points += [(p, inst) for p in self._occurrences(inst, path)]
        return points

    def _occurrences(self, inst: Instalment, path: DocPath) -> list[Point]:
        assert inst.every is not None and inst.from_ is not None and inst.through is not None
        every = inst.every
        first = self.expr(inst.from_, (*path, "from"))
        last = self.expr(inst.through, (*path, "through"))
        if first.moment is None or last.moment is None:
            return [Point(None, f"every {every.describe()} from {inst.from_}: {first.how}")]
        if every.amount == 0:
            self.problem((*path, "every"), "bad-duration", "a repeat interval must be above 0")
            return []
        if last.moment < first.moment:
            message = f"`through` ({last.moment.iso()}) is before `from` ({first.moment.iso()})"
            self.problem((*path, "through"), "bad-value", message)
            return [Point(None, message)]
        points: list[Point] = []
        how = f"every {every.describe()} from {inst.from_} ({first.moment.iso()})"
        try:
            # Each occurrence counts from the first, so month ends do not drift (31, 28, 31...).
            current = first.moment
            while current <= last.moment and len(points) < _MAX_OCCURRENCES:
                points.append(Point(current, f"{how}, #{len(points) + 1}"))
                step = Duration(every.amount * len(points), every.unit)
                current = shift(first.moment, step, 1, self.spec.date_rounding)
        except DateArithmeticError as exc:
            self.problem((*path, "every"), exc.code, str(exc))
            points.append(Point(None, str(exc)))
        if len(points) >= _MAX_OCCURRENCES:
            self.problem(path, "bad-value", f"more than {_MAX_OCCURRENCES} instalments")
        return points

    def problem(self, path: DocPath, code: str, message: str) -> None:
        problem = Problem(path, code, message)
        if problem not in self.problems:
            self.problems.append(problem)


def amendments_by_date(spec: Spec, resolver: Resolver) -> list[tuple[str, Moment | None]]:
    """Amendment ids with the moment each was agreed, in date order (undated last, then as
    listed)."""
    dated = [
        (index, aid, resolver.expr(a.date, ("amendments", aid, "date")).moment)
        for index, (aid, a) in enumerate(spec.amendments.items())
    ]
    dated.sort(
        key=lambda d: (d[2] is None, d[2].at if d[2] else datetime.max.replace(tzinfo=UTC), d[0])
    )
    return [(aid, when) for _, aid, when in dated]


def as_amended(spec: Spec, instant: datetime) -> Amended:
    """The spec as amended by `instant`: the amendments agreed by then, in date order."""
    agreed = amendments_by_date(spec, Resolver(spec, None))
    return Amended(spec, [aid for aid, when in agreed if when and when.at <= instant])


def depends_on_events(spec: Spec) -> bool:
    """Whether some date of the spec is written from a provision's fulfilment (`x.fulfilled`)."""
    exprs: list[TimeExpr | None] = []
    for phase in spec.phases.values():
        exprs += [phase.start, phase.end]
    for prov in spec.provisions.values():
        exprs += [prov.start, prov.deadline, prov.end]
        exprs += [e for i in prov.schedule for e in (i.due, i.from_, i.through)]
    exprs += [a.new_value for a in spec.amendments.values() if isinstance(a.new_value, TimeExpr)]
    return any(e is not None and e.anchor == "fulfilled" for e in exprs)
