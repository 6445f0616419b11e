"""The timeline of a spec: every phase start and end, deadline and instalment, in date order."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from accord.schedule.amended import Amended
from accord.schedule.resolve import Point, Resolver, amendments_by_date
from accord.schedule.time import DateArithmeticError, Moment, last_day_of_span, shift
from accord.spec.errors import Problem
from accord.spec.models import Phase, Provision, Spec
from accord.spec.timeexpr import Duration


@dataclass(frozen=True)
class TimelineEntry:
    """One dated item of a timeline: a phase start or end, a deadline, an instalment..."""

    term: str
    what: str
    point: Point
    quantity: int | None = None
    category: str | None = None
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
            "category": self.category,
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


def resolve_timeline(spec: Spec, start: Moment | None = None) -> Timeline:
    """Every phase start and end, deadline and instalment of `spec`, as concrete dates.

    `start` anchors `in_force` for a proposal or position that has none.
    """
    builder = _TimelineBuilder(spec, start)
    builder.build()
    return Timeline(spec.id, builder.r.in_force, builder.ordered(), builder.problems())


class _TimelineBuilder:
    """Lists dates as amended (the current schedule) plus each superseded version before it."""

    def __init__(self, spec: Spec, start: Moment | None) -> None:
        self.spec = spec
        self.start = start
        self.entries: list[TimelineEntry] = []
        self.original = Resolver(spec, start)
        self.order = [aid for aid, _ in amendments_by_date(spec, self.original)]
        self._versions: dict[int, Resolver] = {0: self.original}
        self.r = self.version(len(self.order))

    def _applied_through(self, aid: str | None) -> int:
        return 0 if aid is None else self.order.index(aid) + 1

    def version(self, applied: int) -> Resolver:
        """The resolver for the spec after the first `applied` amendments (in date order)."""
        if applied not in self._versions:
            self._versions[applied] = Resolver(
                self.spec, self.start, Amended(self.spec, self.order[:applied])
            )
        return self._versions[applied]

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        for resolver in self._versions.values():
            found += [p for p in resolver.problems if p not in found]
        return found

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

    def _anchor(
        self, term: str, anchor: str, cond: tuple[str, ...], source: tuple[str, ...], note: str = ""
    ) -> Point:
        """Add `term.anchor` as it stands now, and each earlier version it superseded."""
        chain = self._amendments_of(term, anchor)
        versions: list[str | None] = [None, *chain]
        for position, aid in enumerate(versions):
            later = versions[position + 1] if position + 1 < len(versions) else None
            # The current version sees every amendment; earlier ones only those before them.
            applied = len(self.order) if later is None else self._applied_through(aid)
            point = self.version(applied).anchor(term, anchor)
            shown = replace(point, how=f"{point.how}; {note}") if note else point
            entry = TimelineEntry(term, anchor, shown, conditional_on=cond, source=source)
            self.add(replace(entry, amendment=aid, superseded_by=later))
        return self.r.anchor(term, anchor)

    def _phase(self, pid: str, phase: Phase) -> None:
        cond, source = tuple(phase.requires), tuple(phase.source)
        self._anchor(pid, "start", cond, source)
        note = f"runs on while {phase.continues_while} holds" if phase.continues_while else ""
        end = self._anchor(pid, "end", cond, source, note)
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
        except DateArithmeticError as exc:
            self.r.problem(path, exc.code, str(exc))
            return
        how = f"renewed automatically for {renewal.every.describe()} unless notice is given"
        self.add(TimelineEntry(pid, "end if renewed", Point(renewed, how)))

    def _provision(self, xid: str, prov: Provision) -> None:
        source = tuple(prov.source)
        cond = tuple(prov.condition) + ((prov.trigger,) if prov.trigger else ())
        for anchor in ("start", "end", "deadline"):
            if getattr(prov, anchor) is not None or self._amendments_of(xid, anchor):
                self._anchor(xid, anchor, cond, source)
        if prov.grace is not None:
            self._grace(xid, prov.grace, cond, source)
        self._instalments(xid, prov, cond)
        if prov.exchange is not None and prov.exchange.within is not None:
            how = (
                f"within {prov.exchange.within.describe()} of each delivery under "
                f"{prov.exchange.for_}: depends on events"
            )
            self.add(TimelineEntry(xid, "exchange due", Point(None, how), source=source))

    def _grace(
        self, xid: str, grace: Duration, cond: tuple[str, ...], source: tuple[str, ...]
    ) -> None:
        deadline = self.r.anchor(xid, "deadline")
        if deadline.moment is None:
            point = Point(None, f"{grace.describe()} after the deadline: {deadline.how}")
        else:
            try:
                end = shift(deadline.moment, grace, 1, self.spec.date_rounding)
            except DateArithmeticError as exc:
                self.r.problem(("provisions", xid, "grace"), exc.code, str(exc))
                return
            point = Point(end, f"deadline {deadline.moment.iso()} + {grace.describe()} of grace")
        self.add(TimelineEntry(xid, "grace ends", point, conditional_on=cond, source=source))

    def _amendments_of(self, term: str, anchor: str) -> list[str]:
        """Amendments that change `term.anchor` directly, in date order."""
        keys = {anchor, "duration"} if anchor == "end" else {anchor}
        found = [(aid, self.spec.amendments[aid]) for aid in self.order]
        return [aid for aid, a in found if a.term == term and a.key in keys]

    def _amendment(self, aid: str) -> None:
        amendment = self.spec.amendments[aid]
        when = self.r.expr(amendment.date, ("amendments", aid, "date"))
        how = f"{when.how}; changes {amendment.supersedes}"
        self.add(
            TimelineEntry(aid, "amendment", replace(when, how=how), source=tuple(amendment.source))
        )

    def _instalments(self, xid: str, prov: Provision, cond: tuple[str, ...]) -> None:
        points = self.r.schedule(xid)
        for point, inst in points:
            entry = TimelineEntry(
                xid,
                "instalment",
                point,
                quantity=inst.quantity,
                category=inst.category,
                conditional_on=cond,
                source=tuple(inst.source or prov.source),
            )
            self.add(entry)
        complete = bool(points) and all(p.moment is not None for p, _ in points)
        total = sum(inst.quantity for _, inst in points)
        if complete and prov.quantity is not None and total != prov.quantity:
            self.r.problem(
                ("provisions", xid, "schedule"),
                "schedule-mismatch",
                f"the instalments add up to {total} but `quantity` is {prov.quantity}; "
                "fix one of them",
            )


def _chronological(entry: TimelineEntry) -> tuple[date, bool, datetime]:
    # Within a day, exact instants come before whole-day items (which run to the day's end).
    moment = entry.point.moment
    assert moment is not None
    return (moment.day, moment.whole_day, moment.at)
