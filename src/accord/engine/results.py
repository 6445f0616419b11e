"""The result of an evaluation: phases, provisions, ledgers and violations, each with `because`.

Plain data with a `to_dict` whose keys are the JSON interface of `accord status --json`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Literal

from accord.engine.acts import MatchedEvent, running_acts, running_quantity
from accord.schedule.time import Moment

#: The states a result can be in (docs/engine.md 5.1 lists each; a test keeps them equal).
PhaseState = Literal["scheduled", "not_started", "active", "completed", "extended"]
ProvisionState = Literal[
    "not_triggered",
    "conditional",
    "pending",
    "overdue",
    "partially_fulfilled",
    "violated",
    "fulfilled",
    "suspended",
    "terminated",
    "respected",
    "breached",
]
InstalmentState = Literal["pending", "fulfilled", "overdue"]
ReasonKind = Literal["clause", "date", "event", "rule"]
ProvisionKind = Literal["obligation", "prohibition"]
#: The flags of a provision as `to_dict` writes them (docs/engine.md 5.2), in this order.
FLAGS = (
    "periods_met:",
    "past_due",
    "suspended_by:",
    "suspension_declared_by:",
    "terminated_by:",
    "amended:",
    "disputed",
    "up_to_date",
    "boundary_day",
)


@dataclass(frozen=True)
class Reason:
    """One line of a `because` trail: the clause, a computed date, an event, or a rule applied."""

    kind: ReasonKind
    text: str
    ref: str | None = None
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "kind": self.kind,
            "text": self.text,
            "ref": self.ref,
            "sources": list(self.sources),
        }


@lru_cache(maxsize=1 << 16)  # a timeline names the same first events day after day
def event_reason(event: MatchedEvent, role: str) -> Reason:
    """A `because` line naming an event and the source it rests on."""
    when = event.day.isoformat() if event.whole_day else event.start.isoformat(timespec="minutes")
    quantity = f" x{event.quantity}" if event.quantity is not None else ""
    if event.acts > 1:
        return Reason(
            "event",
            f"{role}: {event.acts} acts of {event.actor} {event.action}{quantity} on "
            f"{event.day.isoformat()} (first: event {event.event_id or event.uid})",
            event.event_id,
            event.sources,
        )
    claimed = f", claimed by {event.claimed_by}" if event.claimed_by else ""
    return Reason(
        "event",
        f"{role}: {event.actor} {event.action}{quantity} on {when} "
        f"(event {event.event_id or event.uid}{claimed})",
        event.event_id,
        event.sources,
    )


#: `because` names this many counted events one by one, then sums up the rest.
LISTED_EVENTS = 50


def counted(events: list[MatchedEvent], role: str = "counted") -> list[Reason]:
    """`because` lines for the events a provision counts: the first ones named, the rest summed."""
    reasons = [event_reason(e, role) for e in events[:LISTED_EVENTS]]
    if len(events) > LISTED_EVENTS:
        listed = events[:LISTED_EVENTS]
        acts = running_acts(events) - running_acts(listed)
        quantity = running_quantity(events) - running_quantity(listed)
        reasons.append(
            Reason(
                "event",
                f"{role}: {acts} more acts from {events[LISTED_EVENTS].day.isoformat()} to "
                f"{events[-1].day.isoformat()}, {quantity} in all",
            )
        )
    return reasons


@dataclass
class InstalmentResult:
    """One instalment of a schedule: due date and quantity, and how it stands."""

    due: Moment | None
    quantity: int
    required_by_then: int
    state: InstalmentState
    late: bool = False
    met_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "due": self.due.iso() if self.due else None,
            "quantity": self.quantity,
            "required_by_then": self.required_by_then,
            "state": self.state,
            "late": self.late,
            "met_at": self.met_at,
        }


@dataclass(frozen=True)
class PeriodsMet:
    """For a rate: how many of its periods so far met the rate."""

    met: int
    periods: int


@dataclass
class ProvisionResult:
    """The state of one provision at the evaluation instant.

    What the documented flags say is held as fields (`past_due`, `suspended_by`, ...);
    `flags` writes them as the JSON interface spells them.
    """

    id: str
    kind: ProvisionKind
    state: ProvisionState
    party: list[str]
    required: int | None = None
    delivered: int | None = None
    due: Moment | None = None
    late: bool = False
    count: int | None = None  # prohibitions: matching acts
    instalments: list[InstalmentResult] = field(default_factory=list)
    because: list[Reason] = field(default_factory=list)
    fulfilled_at: Moment | None = None  # when done, for dates written from it (`x.fulfilled`)
    periods_met: PeriodsMet | None = None
    past_due: bool = False  # the deadline and any grace are past without fulfilment
    suspended_by: str | None = None  # the party whose suspension is open
    declared_suspension_by: str | None = None  # a debtor's open suspension without the power
    terminated_by: str | None = None  # the party that ended the agreement
    amended: list[str] = field(default_factory=list)  # amendments that changed its values
    disputed: bool = False  # sources disagree on the quantity of an act it counts
    up_to_date: bool = False  # an exchange that owes nothing now while deliveries go on
    boundary_day: bool = False  # a day-only act on a day the window covers in part

    @property
    def flags(self) -> list[str]:
        """The flags, in the order of `FLAGS`: `["past_due", "amended:x"]`."""
        found = []
        if self.periods_met is not None:
            found.append(f"periods_met:{self.periods_met.met}/{self.periods_met.periods}")
        if self.past_due:
            found.append("past_due")
        if self.suspended_by is not None:
            found.append(f"suspended_by:{self.suspended_by}")
        if self.declared_suspension_by is not None:
            found.append(f"suspension_declared_by:{self.declared_suspension_by}")
        if self.terminated_by is not None:
            found.append(f"terminated_by:{self.terminated_by}")
        found += [f"amended:{aid}" for aid in self.amended]
        if self.disputed:
            found.append("disputed")
        if self.up_to_date:
            found.append("up_to_date")
        if self.boundary_day:
            found.append("boundary_day")
        return found

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (`id`, `state`, `party`, `required`, `delivered`, `due`, `because`)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "party": self.party,
            "required": self.required,
            "delivered": self.delivered,
            "due": self.due.iso() if self.due else None,
            "late": self.late,
            "flags": self.flags,
            "count": self.count,
            "instalments": [i.to_dict() for i in self.instalments],
            "because": [r.to_dict() for r in self.because],
        }


@dataclass
class PhaseResult:
    """The state of one phase, with the obligations it left unmet once completed."""

    id: str
    state: PhaseState
    start: Moment | None
    end: Moment | None
    unmet: list[str] = field(default_factory=list)
    because: list[Reason] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (`id`, `state`, `start`, `end`)."""
        return {
            "id": self.id,
            "state": self.state,
            "start": self.start.iso() if self.start else None,
            "end": self.end.iso() if self.end else None,
            "unmet": self.unmet,
            "because": [r.to_dict() for r in self.because],
        }


@dataclass(frozen=True)
class LedgerRow:
    """One delivery by the counterpart, what it makes owed in return, and how that stands at
    the evaluation: what the returns on file pay of it, what is outstanding, whether it is late
    (None without a lag, or when nothing is owed)."""

    provision: str
    counterpart_event: str
    at: str
    category: str | None
    counterpart_delivered: int
    ratio: int | None
    required: int
    delivered: int
    outstanding: int
    due: str | None
    late: bool | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (docs/engine.md 10.4)."""
        return {
            "provision": self.provision,
            "counterpart_event": self.counterpart_event,
            "at": self.at,
            "category": self.category,
            "counterpart_delivered": self.counterpart_delivered,
            "ratio": self.ratio,
            "required": self.required,
            "delivered": self.delivered,
            "outstanding": self.outstanding,
            "due": self.due,
            "late": self.late,
        }


@dataclass(frozen=True)
class Violation:
    """One act that breaches a prohibition while it applies."""

    provision: str
    party: str
    at: str
    event: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (`provision`, `party`, `at`, `event`, `sources`)."""
        return {
            "provision": self.provision,
            "party": self.party,
            "at": self.at,
            "event": self.event,
            "sources": list(self.sources),
        }


@dataclass
class Evaluation:
    """Where implementation stands at `as_of` under an evidence policy."""

    agreement: str
    as_of: Moment
    policy: str
    phases: list[PhaseResult] = field(default_factory=list)
    provisions: list[ProvisionResult] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    # A timeline builds hundreds of evaluations and reads few ledgers: rows are made when first
    # asked for, as final values.
    ledger_rows: Callable[[], list[LedgerRow]] = field(default=list, repr=False, compare=False)

    @cached_property
    def ledger(self) -> list[LedgerRow]:
        """The exchange ledger at the evaluation instant, one row per delivery and term."""
        return self.ledger_rows()

    def provision(self, provision_id: str) -> ProvisionResult:
        """The result of one provision."""
        return next(p for p in self.provisions if p.id == provision_id)

    def phase(self, phase_id: str) -> PhaseResult:
        """The result of one phase."""
        return next(p for p in self.phases if p.id == phase_id)

    def to_dict(self) -> dict[str, Any]:
        """The `accord status --json` document."""
        return {
            "agreement": self.agreement,
            "as_of": self.as_of.iso(),
            "policy": self.policy,
            "phases": [p.to_dict() for p in self.phases],
            "provisions": [p.to_dict() for p in self.provisions],
            "ledger": [row.to_dict() for row in self.ledger],
            "violations": [v.to_dict() for v in self.violations],
        }
