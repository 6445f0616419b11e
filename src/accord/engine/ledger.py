"""Exchanges: what one party owes in return for the other's deliveries, round by round.

required = sum over the counterpart's deliveries of ratio(category) x quantity. A ratio may be a
plain number or a mapping of this provision's categories to numbers (3 life + 27 other); the total
is then their sum. A category the ratio does not name owes nothing, and the ledger says so.

Exchange terms that answer the same deliveries with the same kind of act (Israel's prisoner
releases answering captives freed, under a 30/50 ratio and an elderly ratio) draw on one pool of
returns: a release counts once, and the pool pays the oldest amount owed first.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import datetime
from itertools import accumulate

from accord.engine.acts import MatchedEvent, running_quantity
from accord.engine.lifecycle import START, end_of
from accord.engine.results import LedgerRow, Reason
from accord.schedule.time import Moment, shift
from accord.spec.models import Exchange, Provision, Spec
from accord.spec.vocabulary import ANY_CATEGORY


def ratio_for(exchange: Exchange, category: str | None) -> int | None:
    """How many are owed per unit delivered in `category` (None when the ratio omits it)."""
    value = exchange.ratio.get(category or "", exchange.ratio.get(ANY_CATEGORY))
    if value is None:
        return None
    return sum(value.values()) if isinstance(value, dict) else value


def pool_of(spec: Spec, xid: str) -> tuple[str, ...]:
    """The exchange terms that share returns with `xid` (itself included), in spec order.

    They answer the same deliveries and look for the same acts (party, action, object,
    categories, phases), so their returns are the same events.
    """

    def key(prov: Provision) -> tuple[object, ...]:
        assert prov.exchange is not None
        return (prov.exchange.for_, prov.party, prov.action, prov.object, prov.categories,
                prov.phase_ids)  # fmt: skip

    mine = key(spec.provisions[xid])
    return tuple(
        pid for pid, prov in spec.provisions.items() if prov.exchange and key(prov) == mine
    )


@dataclass(frozen=True)
class BookRow:
    """One delivery by the counterpart and what it makes owed, over the whole record.

    What has been returned against it depends on the instant: see `at_instant`.
    """

    provision: str
    counterpart_event: str
    at: str
    category: str | None
    counterpart_delivered: int
    ratio: int | None
    required: int
    owed_before: int = 0  # owed by the pool for earlier rows: returns pay those first
    due: str | None = None  # when the return falls due, for an exchange with a lag
    completed: datetime | None = None  # when the returns covered this row, if ever
    due_end: datetime | None = None

    def at_instant(self, returned: int, instant: datetime) -> LedgerRow:
        """The row as it stands at `instant`, when the pool has returned `returned`."""
        paid = min(self.required, max(0, returned - self.owed_before))
        late = None  # without a lag nothing is late; unpaid and not yet due, not yet either
        if self.due_end is not None and self.required:
            if self.completed is not None and self.completed <= instant:
                late = self.completed > self.due_end
            elif instant > self.due_end:
                late = True
        return LedgerRow(
            self.provision, self.counterpart_event, self.at, self.category,
            self.counterpart_delivered, self.ratio, self.required, paid, self.required - paid,
            self.due, late,
        )  # fmt: skip


@dataclass(frozen=True)
class Book:
    """A pool of exchange terms over a whole record.

    Each delivery makes one row per member (rows in delivery order, members in spec order), so
    the book read at an earlier instant is its first rows: a timeline builds it once. `through`
    is what the pool owes up to and including each row; returns pay rows in that order.
    """

    members: tuple[str, ...]
    rows: list[BookRow]
    notes: list[tuple[int, Reason]]  # (delivery, note) for deliveries a ratio does not cover
    through: list[int]
    dues: list[Moment]  # when each delivery's return falls due (empty without a lag)
    ends: list[datetime]  # the last instant of each due
    missed: list[int]  # rows whose pool, by the row's due, had returned less than `through`
    returns: list[MatchedEvent]
    owed: dict[str, list[int]] = field(default_factory=dict)  # each member's running total
    member_through: dict[str, list[int]] = field(default_factory=dict)  # `through` of its rows

    def member_rows(self, xid: str, deliveries: int) -> list[BookRow]:
        """The rows of member `xid` for the first `deliveries` deliveries."""
        k, m = self.members.index(xid), len(self.members)
        return self.rows[k : deliveries * m : m]

    def required(self, xid: str, deliveries: int) -> int:
        """What member `xid` owes for the first `deliveries` deliveries."""
        owed = self.owed[xid]
        return owed[deliveries - 1] if deliveries else 0

    def allocated(self, xid: str, deliveries: int, returned: int) -> int:
        """What `returned` (the pool's returns so far) pays of member `xid`'s rows."""
        through = self.member_through[xid]
        paid = bisect_right(through, returned, 0, deliveries)  # rows paid in full
        total = self.owed[xid][paid - 1] if paid else 0
        if paid < deliveries:
            row = self.rows[paid * len(self.members) + self.members.index(xid)]
            total += min(row.required, max(0, returned - row.owed_before))
        return total

    def given_by(self, row: int, returns: list[MatchedEvent]) -> int:
        """Returned to the pool by the due of `row`."""
        end = self.ends[row // len(self.members)]
        return running_quantity(returns[: bisect_right(returns, end, key=START)])


def exchange_book(
    members: tuple[str, ...],
    exchanges: list[Exchange],
    counterpart: list[MatchedEvent],
    returns: list[MatchedEvent],
) -> Book:
    """The book of a pool: `counterpart` are the deliveries it answers, `returns` its acts."""
    book = Book(members, [], [], [], [], [], [], returns)
    owed = 0
    for index, event in enumerate(counterpart):
        due = None
        if exchanges[0].within is not None:
            due = shift(Moment(event.start, event.whole_day), exchanges[0].within, 1, None)
            book.dues.append(due)
            book.ends.append(end_of(due))
        ratios = [ratio_for(exchange, event.category) for exchange in exchanges]
        if all(ratio is None for ratio in ratios):
            text = f"no ratio for category `{event.category}` of {event.event_id}: owes nothing"
            book.notes.append((index, Reason("rule", text, event.event_id, (event.source,))))
        for xid, ratio in zip(members, ratios, strict=True):
            delivered = event.quantity or 0
            required = (ratio or 0) * delivered
            completed = _paid(returns, owed + required) if required else None
            book.rows.append(
                BookRow(
                    xid, event.event_id or str(event.uid),
                    event.day.isoformat() if event.whole_day else event.start.isoformat(),
                    event.category, delivered, ratio, required, owed,
                    due.iso() if due else None, completed, book.ends[-1] if due else None,
                )
            )  # fmt: skip
            owed += required
            book.through.append(owed)
    for k, xid in enumerate(members):
        rows = book.rows[k :: len(members)]
        book.owed[xid] = list(accumulate(row.required for row in rows))
        book.member_through[xid] = book.through[k :: len(members)]
    if book.dues:
        book.missed.extend(
            row for row in range(len(book.rows))
            if book.rows[row].required and book.given_by(row, returns) < book.through[row]
        )  # fmt: skip
    return book


def _paid(returns: list[MatchedEvent], total: int) -> datetime | None:
    """When the returns first add up to `total`, if they do."""
    index = bisect_left(returns, total, key=lambda e: e.quantity_before + (e.quantity or 0))
    return returns[index].done if index < len(returns) else None
