"""What the engine reads from evidence: the acts that count for each provision's window.

The engine asks an `Evidence` (see `accord.engine.evidence`) for the acts in these windows; the
store answers with `MatchedEvent`s, already merged, corrected and in time order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import NamedTuple

POLICIES = ("all", "corroborated", "claimed_by:<party>")


class MatchedEvent(NamedTuple):
    """One event that counts for a provision, with what the engine needs of it.

    A named tuple rather than a dataclass: an evaluation may build a hundred thousand of them.
    """

    provision: str
    uid: str  # 32 hex digits: a content hash, the same on every engine
    event_id: str | None
    source: str
    start: datetime  # the first instant it may have happened (a whole day starts at midnight)
    whole_day: bool
    actor: str
    action: str
    category: str | None
    quantity: int | None
    claimed_by: str | None
    until: date | None = None  # the last day of a figure reported over several days
    others: tuple[str, ...] = ()  # other sources reporting the same act
    accounts: tuple[int | None, ...] = ()  # every quantity reported for it, when they differ
    acts: int = 1  # above 1: a day's sum of acts that decide nothing by themselves
    straddles: bool = False  # dated only by a day that the window covers in part
    # Running totals of the provision's acts before this one, in time order: any first part
    # of a provision's record sums up in constant time (a timeline reads hundreds of them).
    quantity_before: int = 0
    acts_before: int = 0

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source that reports this act."""
        return (self.source, *self.others)

    @property
    def day(self) -> date:
        """The calendar day of the event, in the agreement's timezone."""
        return self.start.date()

    @property
    def done(self) -> datetime:
        """When the act is known to be complete: a figure reported for several days ("2,710
        released by 31 May") only by the start of its last day."""
        if self.until is None:
            return self.start
        return datetime.combine(self.until, time(0), tzinfo=self.start.tzinfo)

    @property
    def done_on(self) -> str:
        """`done` as written in results: a day, or an instant."""
        if self.until is not None:
            return self.until.isoformat()
        return self.day.isoformat() if self.whole_day else self.start.isoformat()


@dataclass(frozen=True)
class Window:
    """Where and when a provision looks for events (both ends inclusive)."""

    provision: str
    parties: tuple[str, ...]
    actions: tuple[str, ...]
    object: str | None
    categories: tuple[str, ...]
    places: tuple[str, ...]  # place ids and names; empty means anywhere
    start: datetime
    end: datetime
    full: bool = False  # every act comes back one by one (each is a violation, a round...)
    thresholds: tuple[int, ...] = ()  # running totals at which the state changes
    by_category: bool = False  # day sums are kept apart by category (a rate of one category)


class PolicyError(ValueError):
    """An evidence policy that accord does not know."""


def parse_policy(policy: str) -> str:
    """Check a policy name: `all`, `corroborated` or `claimed_by:<party or outlet>`."""
    if policy in ("all", "corroborated"):
        return policy
    if policy.startswith("claimed_by:") and len(policy) > len("claimed_by:"):
        return policy
    raise PolicyError(f"unknown policy `{policy}`; use one of: " + ", ".join(POLICIES))


def running_quantity(events: Sequence[MatchedEvent]) -> int:
    """The quantity of every act in `events` (a provision's acts, or the first ones of them)."""
    return events[-1].quantity_before + (events[-1].quantity or 0) if events else 0


def running_acts(events: Sequence[MatchedEvent]) -> int:
    """How many acts `events` stands for (a provision's acts, or the first ones of them)."""
    return events[-1].acts_before + events[-1].acts if events else 0
