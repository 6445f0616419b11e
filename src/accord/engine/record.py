"""The record: the acts the engine counts for a spec's provisions, and their totals.

Reports become acts as the evidence groups them (docs/evidence.md, "Reports and acts"); an act
that counts for several provisions (one release answering two exchange terms) is one act here,
listed with every provision it counts for, so totals count acts, not reports or provisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from accord.engine.acts import MatchedEvent
from accord.engine.evaluate import checked_policy, provision_windows
from accord.engine.evidence import Evidence
from accord.engine.lifecycle import end_of
from accord.schedule.resolve import spec_timezone
from accord.schedule.time import Moment
from accord.spec.models import Spec

#: The keys totals may be grouped by, in the order they are shown.
KEYS = ("party", "action", "object", "category")


class UnknownKey(ValueError):
    """A grouping key the record does not know."""


@dataclass(frozen=True)
class Act:
    """One act as the record counts it: the value chosen among its reports, and their sources."""

    event: str  # the report that stands for it
    at: str  # its day, or its instant
    until: str | None  # the last day of a figure reported over several days
    party: str
    action: str
    object: str | None
    category: str | None
    quantity: int | None
    sources: tuple[str, ...]  # every source reporting it, the standing report's first
    values: tuple[int, ...]  # every quantity reported for it, when the reports disagree
    provisions: tuple[str, ...]

    def key(self, by: Sequence[str]) -> tuple[str | None, ...]:
        """Its values of the grouping keys `by`."""
        return tuple(getattr(self, k) for k in by)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "event": self.event,
            "at": self.at,
            "until": self.until,
            "party": self.party,
            "action": self.action,
            "object": self.object,
            "category": self.category,
            "quantity": self.quantity,
            "sources": list(self.sources),
            "values": list(self.values),
            "disputed": bool(self.values),
            "provisions": list(self.provisions),
        }


@dataclass(frozen=True)
class Total:
    """The acts with one value of the grouping keys, and what they add up to."""

    key: dict[str, str | None]
    acts: int
    quantity: int | None  # None when no act of the group gives one

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {**self.key, "acts": self.acts, "quantity": self.quantity}


@dataclass(frozen=True)
class Record:
    """The acts counted for a spec at an instant under a policy, with totals by `by`."""

    agreement: str
    as_of: Moment
    policy: str
    by: tuple[str, ...]
    acts: list[Act]
    totals: list[Total]

    def to_dict(self) -> dict[str, Any]:
        """The `accord record --json` document."""
        return {
            "agreement": self.agreement,
            "as_of": self.as_of.iso(),
            "policy": self.policy,
            "by": list(self.by),
            "acts": [a.to_dict() for a in self.acts],
            "totals": [t.to_dict() for t in self.totals],
        }


def record(
    spec: Spec,
    evidence: Evidence,
    as_of: Moment,
    policy: str = "all",
    by: Sequence[str] = KEYS,
) -> Record:
    """The acts that count for `spec`'s provisions by `as_of`, once each, and their totals by
    the keys `by` (a subset of `KEYS`). Raises UnknownKey for another key, PolicyError for a
    policy that names nobody."""
    unknown = [k for k in by if k not in KEYS]
    if unknown:
        raise UnknownKey(f"unknown key {', '.join(unknown)}; use " + ", ".join(KEYS))
    instant = end_of(as_of)
    windows = [replace(w, full=True, thresholds=()) for w in provision_windows(spec, instant)]
    policy = checked_policy(spec, evidence, policy)
    matched = evidence.match(spec, windows, instant, policy, spec_timezone(spec))
    acts: dict[str, Act] = {}
    for xid, events in matched.items():
        for event in events:
            act = acts.get(event.uid) or _act(event, spec.provisions[xid].object)
            acts[event.uid] = replace(act, provisions=(*act.provisions, xid))
    ordered = sorted(acts.values(), key=lambda a: (a.at, a.event))
    return Record(spec.id, as_of, policy, tuple(by), ordered, _totals(ordered, tuple(by)))


def _act(event: MatchedEvent, object_kind: str | None) -> Act:
    return Act(
        event=event.event_id or event.uid,
        at=event.day.isoformat() if event.whole_day else event.start.isoformat(),
        until=event.until.isoformat() if event.until else None,
        party=event.actor,
        action=event.action,
        object=object_kind,
        category=event.category,
        quantity=event.quantity,
        sources=event.sources,
        values=tuple(q for q in event.accounts if q is not None),
        provisions=(),
    )


def _totals(acts: list[Act], by: tuple[str, ...]) -> list[Total]:
    groups: dict[tuple[str | None, ...], list[Act]] = {}
    for act in acts:
        groups.setdefault(act.key(by), []).append(act)
    return [
        Total(dict(zip(by, key, strict=True)), len(group), _sum(group))
        for key, group in sorted(groups.items(), key=lambda item: [v or "" for v in item[0]])
    ]


def _sum(acts: list[Act]) -> int | None:
    quantities = [a.quantity for a in acts if a.quantity is not None]
    return sum(quantities) if quantities else None
