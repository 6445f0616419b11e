"""`evaluate`: where implementation of a spec stands at one instant, on the evidence given.

A pure function of (spec, evidence, as_of, policy): no clock is read and nothing is written; the
caller opens the evidence (a store, or files loaded into one) and passes it: anything that
answers the engine's `Evidence` protocol.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, tzinfo

from accord.engine.acts import (
    MatchedEvent,
    PolicyError,
    Window,
    parse_policy,
)
from accord.engine.evidence import Evidence
from accord.engine.ledger import Book, BookRow, exchange_book, pool_of
from accord.engine.lifecycle import (
    Dates,
    apply_suspensions,
    end_of,
    grace_end,
    obligation_state,
    rate_state,
    shifted,
    suspensions,
)
from accord.engine.results import (
    Evaluation,
    PhaseResult,
    ProvisionResult,
    Reason,
    Violation,
    counted,
    event_reason,
)
from accord.schedule.resolve import Resolver, as_amended, depends_on_events, spec_timezone
from accord.schedule.time import Moment
from accord.spec.errors import did_you_mean
from accord.spec.models import Provision, Spec
from accord.spec.vocabulary import EVENT_ACTIONS

FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)
FAR_PAST = datetime(1900, 1, 1, tzinfo=UTC)
#: A provision named as a condition holds once fulfilled; a prohibition, while respected.
HOLDING = ("fulfilled", "respected")


def evaluate(spec: Spec, evidence: Evidence, as_of: Moment, policy: str = "all") -> Evaluation:
    """The state of every phase and provision of `spec` at `as_of` (a day means its end)."""
    policy = checked_policy(spec, evidence, policy)
    instant = end_of(as_of)
    resolver = Resolver(spec, None, as_amended(spec, instant))
    matched = evidence.match(spec, _windows(spec, resolver), instant, policy, spec_timezone(spec))
    return _evaluation(spec, resolver, _Record(matched), as_of, policy)


def evaluate_series(
    spec: Spec, evidence: Evidence, points: Sequence[Moment], policy: str = "all"
) -> list[Evaluation]:
    """`evaluate` at each of `points` (a daily timeline, say), in the order given.

    The evidence is matched once per stretch of days over which the amendments in force and the
    corrections on file stay the same; each day then reads the acts up to its end. Instants
    within a day are evaluated one by one: matching sums some acts by the day.
    """
    policy = checked_policy(spec, evidence, policy)
    tz = spec_timezone(spec)
    revised = evidence.revision_days()
    results: dict[int, Evaluation] = {}
    stretch: list[int] = []
    key: tuple[object, ...] | None = None
    for index in sorted(range(len(points)), key=lambda i: end_of(points[i])):
        point = points[index]
        if not point.whole_day:
            results[index] = evaluate(spec, evidence, point, policy)
            continue
        instant = end_of(point)
        point_key = (as_amended(spec, instant).applied, bisect_right(revised, point.day))
        if stretch and point_key != key:
            results |= _stretch(spec, evidence, [(i, points[i]) for i in stretch], policy, tz)
            stretch = []
        key = point_key
        stretch.append(index)
    if stretch:
        results |= _stretch(spec, evidence, [(i, points[i]) for i in stretch], policy, tz)
    return [results[i] for i in range(len(points))]


def checked_policy(spec: Spec, evidence: Evidence, policy: str) -> str:
    """The policy, if it names a party of the spec (or an alias) or a claimant or publisher of
    the evidence; a misspelt name would silently count nothing."""
    policy = parse_policy(policy)
    if not policy.startswith("claimed_by:"):
        return policy
    name = policy.split(":", 1)[1]
    known = {*spec.parties, *(a for party in spec.parties.values() for a in party.aliases)}
    if name in known:
        return policy
    claimants = evidence.claimants()
    if name not in claimants:
        raise PolicyError(
            f"`{name}` in `{policy}` is no party of {spec.id} and claims or publishes nothing "
            "in the evidence" + did_you_mean(name, known | claimants)
        )
    return policy


def _stretch(
    spec: Spec,
    evidence: Evidence,
    points: list[tuple[int, Moment]],
    policy: str,
    tz: tzinfo,
) -> dict[int, Evaluation]:
    """Days that share amendments and corrections: one match, then each day's prefix of it."""
    last = end_of(points[-1][1])
    resolver = Resolver(spec, None, as_amended(spec, last))
    record = _Record(evidence.match(spec, _windows(spec, resolver), last, policy, tz))
    return {index: _evaluation(spec, resolver, record, point, policy) for index, point in points}


def provision_windows(spec: Spec, instant: datetime) -> list[Window]:
    """Where and when each provision looks for acts, as the spec stands amended at `instant`
    (a provision whose start cannot be computed yet has none)."""
    return _provision_windows(spec, Resolver(spec, None, as_amended(spec, instant)))


def _provision_windows(spec: Spec, resolver: Resolver) -> list[Window]:
    return [w for xid in spec.provisions if (w := _window(spec, xid, resolver)) is not None]


def _windows(spec: Spec, resolver: Resolver) -> list[Window]:
    windows = _provision_windows(spec, resolver)
    return (
        windows
        + [w for base in windows for w in _control_windows(spec, base)]
        + [_condition_window(spec, cid) for cid in spec.conditions]
    )


def _condition_window(spec: Spec, cid: str) -> Window:
    """A named condition is established by an act of one of the spec's parties whose object is
    the condition's id (`{"actor": "israel", "action": "agree", "object": "phase2-terms"}`),
    whenever it is reported."""
    parties, actions = tuple(spec.parties), tuple(EVENT_ACTIONS)
    return Window(f"@{cid}", parties, actions, cid, (), (), FAR_PAST, FAR_FUTURE, full=True)


class _Record:
    """The matched acts of each provision up to some instant, read up to any earlier one.

    What is derived from whole lists (the violation records) is built once and cut to length.
    """

    def __init__(self, matched: dict[str, list[MatchedEvent]]) -> None:
        self.matched = matched
        self.starts = {key: [e.start for e in events] for key, events in matched.items()}
        self.spans = {k for k, events in matched.items() if any(e.until for e in events)}
        self._violations: dict[str, list[Violation]] = {}
        self._disputed: dict[str, list[int]] = {}
        self._books: dict[tuple[str, ...], Book] = {}
        self._members: dict[str, list[str]] = {}

    def upto(self, key: str, instant: datetime, done: bool = False) -> list[MatchedEvent]:
        """The acts matched for `key` (a provision or its control acts) begun by `instant`, or
        with `done`, complete by then."""
        events = self.matched.get(key, [])
        if not events:
            return events
        begun = events[: bisect_right(self.starts[key], instant)]
        if done and key in self.spans:
            return _retotal([e for e in begun if e.done <= instant])
        return begun

    def disputed(self, key: str, count: int) -> list[MatchedEvent]:
        """The acts among the first `count` whose sources disagree on the quantity."""
        if key not in self._disputed:
            self._disputed[key] = [i for i, e in enumerate(self.matched[key]) if e.accounts]
        indexes = self._disputed[key]
        return [self.matched[key][i] for i in indexes[: bisect_right(indexes, count - 1)]]

    def book(self, spec: Spec, xid: str) -> Book:
        """The ledger of exchange `xid` and the terms sharing its returns, over the record."""
        members = pool_of(spec, xid)
        if members not in self._books:
            exchanges = [e for m in members if (e := spec.provisions[m].exchange) is not None]
            self._books[members] = exchange_book(
                members,
                exchanges,
                self.matched.get(exchanges[0].for_, []),
                self.matched.get(xid, []),
            )
        return self._books[members]

    def obligations_of(self, spec: Spec, pid: str) -> list[str]:
        """The obligations of phase `pid`, in spec order."""
        if pid not in self._members:
            self._members[pid] = [
                xid
                for xid, prov in spec.provisions.items()
                if pid in prov.phase_ids and prov.kind == "obligation"
            ]
        return self._members[pid]

    def violations(self, xid: str, count: int) -> list[Violation]:
        """A violation record for each of the first `count` acts against prohibition `xid`."""
        if xid not in self._violations:
            self._violations[xid] = [
                Violation(
                    xid,
                    event.actor,
                    event.day.isoformat() if event.whole_day else event.start.isoformat(),
                    event.event_id or str(event.uid),
                    event.sources,
                )
                for event in self.matched[xid]
            ]
        return self._violations[xid][:count]


def _retotal(events: list[MatchedEvent]) -> list[MatchedEvent]:
    """The acts with their running totals counted again (some earlier ones were left out)."""
    quantity = acts = 0
    result = []
    for event in events:
        result.append(event._replace(quantity_before=quantity, acts_before=acts))
        quantity += event.quantity or 0
        acts += event.acts
    return result


def _evaluation(
    spec: Spec, resolver: Resolver, record: _Record, as_of: Moment, policy: str
) -> Evaluation:
    run = _Run(spec, resolver, record, end_of(as_of))
    if depends_on_events(spec):  # dates that follow a fulfilment are the run's own
        run.r = Resolver(spec, None, resolver.amended, run.fulfilled_at)
    evaluation = Evaluation(spec.id, as_of, policy)
    evaluation.provisions = [run.provision(xid) for xid in spec.provisions]
    evaluation.phases = [run.phase(pid) for pid in spec.phases]
    rows, instant = run.ledger, run.instant
    evaluation.ledger_rows = lambda: [row.at_instant(instant) for row in rows]
    evaluation.violations = run.violations
    return evaluation


def _window(spec: Spec, xid: str, resolver: Resolver) -> Window | None:
    prov = spec.provisions[xid]
    start = resolver.anchor(xid, "start").moment
    if start is None:
        return None
    end = FAR_FUTURE  # an obligation performed late still counts (it is fulfilled late)
    if prov.kind == "prohibition":
        until = resolver.anchor(xid, "end").moment
        end = end_of(until) if until is not None else FAR_FUTURE
    places = [p for pid in prov.where for p in (pid, spec.places[pid].name)]
    # Every act counts on its own for a prohibition (each is a violation) and for an exchange
    # (each delivery is a round of the ledger, each return is measured against its lag).
    full = (
        prov.kind == "prohibition"
        or prov.exchange is not None
        or any(
            other.exchange is not None and other.exchange.for_ == xid
            for other in spec.provisions.values()
        )
    )
    return Window(
        xid,
        tuple(prov.party),
        tuple(prov.action),
        prov.object,
        tuple(prov.categories),
        tuple(places),
        start.at,
        end,
        full,
        () if full else _thresholds(xid, prov, resolver),
        prov.rate is not None and prov.rate.category is not None,
    )


def required(xid: str, prov: Provision, resolver: Resolver) -> int | None:
    """The quantity an obligation requires, as amended by the time of the evaluation."""
    value, _ = resolver.amended.value(xid, "quantity", prov.quantity, ())
    return int(value) if value is not None else None


def _thresholds(xid: str, prov: Provision, resolver: Resolver) -> tuple[int, ...]:
    """The running totals at which an obligation's state changes: each instalment and the whole."""
    quantity = required(xid, prov, resolver)
    totals = [quantity] if quantity is not None else []
    running = 0
    for _, instalment in resolver.schedule(xid):
        running += instalment.quantity
        totals.append(running)
    return tuple(sorted(set(totals)))


def _control_windows(spec: Spec, base: Window) -> list[Window]:
    """Windows for the acts that suspend, resume or end a provision.

    A party bound by the provision may declare a suspension, and one holding a power over it
    may suspend it (`suspends_by` tells which declarations take effect); any party may end the
    agreement (`terminate`), and the result records who did.
    """
    holders = {may: _power_holders(spec, base.provision, may) for may in ("resume", "terminate")}
    parties = tuple(pid for pid, party in spec.parties.items() if party.role == "party")
    control = replace(base, categories=(), places=(), end=FAR_FUTURE, full=True, thresholds=())
    return [
        replace(control, provision=f"{base.provision}#suspend", actions=("suspend",),
                parties=_union(base.parties, _power_holders(spec, base.provision, "suspend"))),
        replace(control, provision=f"{base.provision}#resume", actions=("resume",),
                parties=_union(base.parties, holders["resume"])),
        replace(control, provision=f"{base.provision}#terminate", actions=("terminate",),
                object=None, parties=_union(parties, holders["terminate"])),
    ]  # fmt: skip


def _union(*groups: tuple[str, ...]) -> tuple[str, ...]:
    """The parties of every group, each once (a window row per party would match twice)."""
    return tuple(dict.fromkeys(p for group in groups for p in group))


def _power_holders(spec: Spec, xid: str, may: str) -> tuple[str, ...]:
    """The parties holding power `may` over provision `xid` (itself, its phases or the whole
    agreement)."""
    targets = {xid, "agreement", *spec.provisions[xid].phase_ids}
    return tuple(
        dict.fromkeys(
            p
            for power in spec.powers.values()
            if power.may == may and targets & set(power.target)
            for p in power.party
        )
    )


class _Run:
    """One evaluation: provisions are computed once each, in the order conditions need them."""

    def __init__(
        self,
        spec: Spec,
        resolver: Resolver,
        record: _Record,
        instant: datetime,
    ) -> None:
        self.spec = spec
        self.r = resolver
        self.record = record
        self.instant = instant
        self.done: dict[str, ProvisionResult] = {}
        self.active: set[str] = set()
        self.ledger: list[BookRow] = []
        self.violations: list[Violation] = []

    # -- provisions ----------------------------------------------------------------------
    def _acts(self, key: str) -> list[MatchedEvent]:
        """Acts done by the evaluation: one reported over several days counts once its last
        day has come."""
        return self.record.upto(key, self.instant, done=True)

    def fulfilled_at(self, xid: str) -> Moment | None:
        """When provision `xid` was fulfilled, if it has been by the evaluation."""
        if xid in self.active:
            return None  # a date that depends on itself: validation reports the cycle
        return self.provision(xid).fulfilled_at

    def _begun(self, key: str) -> list[MatchedEvent]:
        """Acts begun by the evaluation."""
        return self.record.upto(key, self.instant)

    def provision(self, xid: str) -> ProvisionResult:
        if xid not in self.done:
            self.active.add(xid)
            self.done[xid] = self._compute(xid, self.spec.provisions[xid])
            self.active.discard(xid)
        return self.done[xid]

    def _compute(self, xid: str, prov: Provision) -> ProvisionResult:
        clause = Reason("clause", prov.text or prov.name or xid, xid, tuple(prov.source))
        start = self.r.anchor(xid, "start")
        blocked = self._blocked(xid, prov, start.moment)
        if blocked is not None:
            blocked.because.insert(0, clause)
            return blocked
        begun = self._begun(xid)
        # A breach counts from its first day, a rate spreads a figure over its days; an act
        # performed counts once done.
        events = begun if prov.kind == "prohibition" or prov.rate is not None else self._acts(xid)
        if prov.kind == "prohibition":
            result = self._prohibition(xid, prov, events)
        elif prov.exchange is not None:
            result = self._exchange(xid, prov, events)
        elif prov.rate is not None:
            assert start.moment is not None
            end = self.r.anchor(xid, "end").moment
            result = rate_state(xid, prov, events, start.moment, end, self.instant)
        else:
            result = self._obligation(xid, prov, events)
        result.because.insert(0, clause)
        result.because.insert(1, Reason("date", f"applies from {start.how}"))
        self._note_amendments(xid, result)
        disputed = self.record.disputed(xid, len(begun))
        if disputed:
            result.disputed = True
            result.because += [
                Reason(
                    "rule",
                    f"sources disagree on {e.event_id}: {', '.join(map(str, e.accounts))}",
                    e.event_id,
                    e.sources,
                )
                for e in disputed
            ]
        return result

    def _obligation(self, xid: str, prov: Provision, events: list[MatchedEvent]) -> ProvisionResult:
        due = self.r.anchor(xid, "deadline") if self._has_deadline(xid, prov) else None
        spans = suspensions(
            self._acts(f"{xid}#suspend"),
            self._acts(f"{xid}#resume"),
            events,
            self.instant,
            _power_holders(self.spec, xid, "suspend"),
        )
        if prov.shift_on_suspend and due is not None:
            due = shifted(due, spans)
        dates = Dates(due, grace_end(due, prov), self.r.schedule(xid))
        quantity = required(xid, prov, self.r)
        result = obligation_state(xid, prov, quantity, events, dates, self.instant)
        apply_suspensions(result, spans)
        self._terminate(xid, result)
        return result

    def _terminate(self, xid: str, result: ProvisionResult) -> None:
        ends = self._acts(f"{xid}#terminate")
        if not ends or result.state == "fulfilled":
            return
        end = ends[0]
        if result.due is not None and end.start > end_of(result.due):
            return  # ended after the deadline had already passed: the breach stands
        result.state = "terminated"
        result.past_due = False
        result.terminated_by = end.actor
        result.because.append(event_reason(end, "ended by"))

    def _has_deadline(self, xid: str, prov: Provision) -> bool:
        return prov.deadline is not None or self.r.amended.replaces(xid, "deadline")

    def _note_amendments(self, xid: str, result: ProvisionResult) -> None:
        for aid, amendment in self.r.amended.changes(xid):
            result.amended.append(aid)
            result.because.append(
                Reason(
                    "rule",
                    f"{amendment.supersedes} superseded by amendment {aid} "
                    f"(value {amendment.value})",
                    aid,
                    tuple(amendment.source),
                )
            )

    def _blocked(self, xid: str, prov: Provision, start: Moment | None) -> ProvisionResult | None:
        """A result for a provision that does not apply yet, or None when it applies."""
        result = ProvisionResult(xid, prov.kind, "not_triggered", list(prov.party))
        if start is None:
            result.because.append(Reason("rule", "its start date cannot be computed yet"))
            return result
        if start.at > self.instant:
            result.because.append(
                Reason("rule", f"applies from {start.iso()}, after the evaluation")
            )
            return result
        if prov.trigger is not None and not self._holds(prov.trigger, result.because):
            return result
        unmet = [
            c
            for c in [*self._phase_requires(prov), *prov.condition]
            if not self._holds(c, result.because)
        ]
        if unmet:
            result.state = "conditional"
            return result
        return None

    def _phase_requires(self, prov: Provision) -> list[str]:
        # A provision applies from its first phase; later phases do not hold it back.
        return list(self.spec.phases[prov.phase_ids[0]].requires) if prov.phase_ids else []

    def _holds(self, ref: str, because: list[Reason]) -> bool:
        """A provision holds once fulfilled (a prohibition while respected); a named condition
        only when evidence shows it. The reason is added to `because`."""
        if ref in self.spec.provisions and ref not in self.active:
            state = self.provision(ref).state
            because.append(Reason("rule", f"condition {ref}: {state}", ref))
            return state in HOLDING
        established = self._acts(f"@{ref}")
        if established:
            because.append(event_reason(established[0], f"condition {ref} established"))
            return True
        because.append(Reason("rule", f"condition {ref} is not established by the evidence", ref))
        return False

    def _prohibition(
        self, xid: str, prov: Provision, events: list[MatchedEvent]
    ) -> ProvisionResult:
        result = ProvisionResult(
            xid, "prohibition", "respected", list(prov.party), count=len(events)
        )
        self.violations += self.record.violations(xid, len(events))
        result.because += counted(events, "breach")
        if events:
            result.state = "breached"
        straddling = [e for e in events if e.straddles]
        result.boundary_day = bool(straddling)
        result.because += [
            Reason("rule", f"{e.event_id or e.uid} is dated only by {e.day.isoformat()}, a day "
                   "the prohibition covers in part: counted as inside, though it may fall "
                   "outside", e.event_id, e.sources)
            for e in straddling
        ]  # fmt: skip
        return result

    def _exchange(self, xid: str, prov: Provision, events: list[MatchedEvent]) -> ProvisionResult:
        assert prov.exchange is not None
        book = self.record.book(self.spec, xid)
        count = len(self._begun(prov.exchange.for_))  # rows follow the deliveries as begun
        self.ledger += book.member_rows(xid, count)
        required = book.required(xid, count)
        delivered = book.allocated(xid, count, self.instant)
        result = ProvisionResult(
            xid, "obligation", "pending", list(prov.party), required=required, delivered=delivered
        )
        result.because += [note for row, note in book.notes if row < count] + counted(events)
        shared = [m for m in book.members if m != xid]
        result.because.append(
            Reason("rule", f"owed {required} for {count} deliveries under {prov.exchange.for_}"
                   + (f"; returns shared with {', '.join(shared)}"
                      if shared else ""))
        )  # fmt: skip
        if required and delivered >= required:
            self._exchange_paid(result, prov.exchange.for_)
        elif required and book.dues:
            self._exchange_lag(result, book, xid, count)
        spans = suspensions(
            self._acts(f"{xid}#suspend"), self._acts(f"{xid}#resume"), events, self.instant,
            _power_holders(self.spec, xid, "suspend"),
        )  # fmt: skip
        apply_suspensions(result, spans)
        return result

    def _exchange_paid(self, result: ProvisionResult, counterpart: str) -> None:
        """Every return owed so far is made: fulfilled once the deliveries it answers are over
        (their obligation fulfilled, past due or ended), else pending and up to date."""
        answered = self.provision(counterpart)
        if answered.state in ("fulfilled", "terminated") or answered.past_due:
            result.state = "fulfilled"
            return
        result.up_to_date = True
        result.because.append(
            Reason("rule", f"every return owed so far is made; {counterpart} is "
                   f"{answered.state.replace('_', ' ')}, so more may fall due", counterpart)
        )  # fmt: skip

    def _exchange_lag(self, result: ProvisionResult, book: Book, xid: str, count: int) -> None:
        """Each delivery's return is due some time after it: the earliest one missed decides."""
        due_rows = bisect_left(book.ends, self.instant, 0, count)  # deliveries whose due passed
        k, m = book.members.index(xid), len(book.members)
        missed = next((r for r in book.missed if r % m == k and r // m < due_rows), None)
        if missed is None:
            result.due = book.dues[min(due_rows, count - 1)]
            return  # every return due so far was made; the next one is not yet due
        result.due = book.dues[missed // m]
        result.state = "partially_fulfilled" if result.delivered else "overdue"
        row = book.rows[missed]
        assert row.due_end is not None
        result.because.append(
            Reason("rule", f"{row.required} owed by {result.due.iso()} for "
                   f"{row.counterpart_event}; {row.paid_by(row.due_end)} paid by then")
        )  # fmt: skip

    # -- phases --------------------------------------------------------------------------
    def phase(self, pid: str) -> PhaseResult:
        phase = self.spec.phases[pid]
        start = self.r.anchor(pid, "start")
        end = self.r.anchor(pid, "end")
        result = PhaseResult(pid, "scheduled", start.moment, end.moment)
        result.because.append(Reason("date", f"start: {start.how}"))
        result.because.append(Reason("date", f"end: {end.how}"))
        if start.moment is None or start.moment.at > self.instant:
            return result
        unmet_requires = [req for req in phase.requires if not self._holds(req, result.because)]
        if unmet_requires:
            result.state = "not_started"
            return result
        if end.moment is None or self.instant <= end_of(end.moment):
            result.state = "active"
            return result
        result.state = "completed"
        result.unmet = [
            xid
            for xid in self.record.obligations_of(self.spec, pid)
            if self.provision(xid).state != "fulfilled"
        ]
        if phase.continues_while and self._holds(phase.continues_while, result.because):
            result.state = "extended"
        return result
