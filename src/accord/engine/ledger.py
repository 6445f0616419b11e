"""Exchanges: what one party owes in return for the other's deliveries, round by round.

required = sum over the counterpart's deliveries of ratio(category) x quantity. A ratio may be a
plain number or a mapping of this provision's categories to numbers (3 life + 27 other); the total
is then their sum. A category the ratio does not name owes nothing, and the ledger says so.

Exchange terms that answer the same deliveries with the same kind of act (Israel's prisoner
releases answering captives freed, under a 30/50 ratio and an elderly ratio) draw on one pool of
returns: a release counts once. Each return pays first what the deliveries of its own day made
owed, then the oldest amount still owed; what is left over pays the next deliveries as they come.
So a return made for today's delivery never pays yesterday's row and leaves today's late.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import accumulate

from accord.engine.acts import MatchedEvent
from accord.engine.lifecycle import end_of
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
    """One delivery by the counterpart and what it makes owed, over the whole record, with the
    payments the pool's returns made to it (when, and the running total paid).

    What has been returned against it depends on the instant: see `at_instant`.
    """

    provision: str
    counterpart_event: str
    at: str
    category: str | None
    counterpart_delivered: int
    ratio: int | None
    required: int
    due: str | None = None  # when the return falls due, for an exchange with a lag
    due_end: datetime | None = None
    paid_at: tuple[datetime, ...] = ()
    paid_total: tuple[int, ...] = ()  # running total paid, after each payment

    def paid_by(self, instant: datetime) -> int:
        """What the returns had paid of this row by `instant`."""
        index = bisect_right(self.paid_at, instant)
        return self.paid_total[index - 1] if index else 0

    @property
    def completed(self) -> datetime | None:
        """When the returns covered this row, if they did."""
        if self.paid_total and self.paid_total[-1] >= self.required:
            return self.paid_at[-1]
        return None

    def at_instant(self, instant: datetime) -> LedgerRow:
        """The row as it stands at `instant`."""
        paid = self.paid_by(instant)
        late = None  # without a lag nothing is late; unpaid and not yet due, not yet either
        completed = self.completed
        if self.due_end is not None and self.required:
            if completed is not None and completed <= instant:
                late = completed > self.due_end
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
    the book read at an earlier instant is its first rows: a timeline builds it once.
    """

    members: tuple[str, ...]
    rows: list[BookRow]
    notes: list[tuple[int, Reason]]  # (delivery, note) for deliveries a ratio does not cover
    dues: list[Moment]  # when each delivery's return falls due (empty without a lag)
    ends: list[datetime]  # the last instant of each due
    missed: list[int]  # rows not paid in full by their due
    owed: dict[str, list[int]] = field(default_factory=dict)  # each member's running total

    def member_rows(self, xid: str, deliveries: int) -> list[BookRow]:
        """The rows of member `xid` for the first `deliveries` deliveries."""
        k, m = self.members.index(xid), len(self.members)
        return self.rows[k : deliveries * m : m]

    def required(self, xid: str, deliveries: int) -> int:
        """What member `xid` owes for the first `deliveries` deliveries."""
        owed = self.owed[xid]
        return owed[deliveries - 1] if deliveries else 0

    def allocated(self, xid: str, deliveries: int, instant: datetime) -> int:
        """What the pool's returns by `instant` paid of member `xid`'s rows."""
        return sum(row.paid_by(instant) for row in self.member_rows(xid, deliveries))


def exchange_book(
    members: tuple[str, ...],
    exchanges: list[Exchange],
    counterpart: list[MatchedEvent],
    returns: list[MatchedEvent],
) -> Book:
    """The book of a pool: `counterpart` are the deliveries it answers, `returns` its acts."""
    book = Book(members, [], [], [], [], [])
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
            book.rows.append(
                BookRow(
                    xid, event.event_id or event.uid,
                    event.day.isoformat() if event.whole_day else event.start.isoformat(),
                    event.category, delivered, ratio, (ratio or 0) * delivered,
                    due.iso() if due else None, book.ends[-1] if due else None,
                )
            )  # fmt: skip
    book.rows[:] = _allocate(book.rows, counterpart, returns, len(members))
    for k, xid in enumerate(members):
        book.owed[xid] = list(accumulate(row.required for row in book.rows[k :: len(members)]))
    book.missed.extend(
        r for r, row in enumerate(book.rows)
        if row.required and row.due_end is not None and row.paid_by(row.due_end) < row.required
    )  # fmt: skip
    return book


def _allocate(
    rows: list[BookRow], deliveries: list[MatchedEvent], returns: list[MatchedEvent], members: int
) -> list[BookRow]:
    """The rows with the payments the returns make, in time order: each return pays its own
    day's deliveries first, then the oldest owed; a surplus waits for the next deliveries."""
    paid = [0] * len(rows)
    payments: list[list[tuple[datetime, int]]] = [[] for _ in rows]
    credit, credit_at, begun = 0, None, 0
    steps = sorted(
        [(e.start, 0, i) for i, e in enumerate(deliveries)]
        + [(e.done, 1, i) for i, e in enumerate(returns)]
    )
    for at, kind, i in steps:
        if kind == 0:  # a delivery: its rows exist from now, and take any surplus
            begun = i + 1
            for r in range(i * members, (i + 1) * members):
                credit = _pay(rows, paid, payments, r, credit, max(at, credit_at or at))
            continue
        day = returns[i].day
        order = [d for d in range(begun) if deliveries[d].day == day] + list(range(begun))
        left = returns[i].quantity or 0
        for d in order:
            for r in range(d * members, (d + 1) * members):
                left = _pay(rows, paid, payments, r, left, at)
        credit, credit_at = credit + left, at
    return [
        replace(row, paid_at=tuple(t for t, _ in p), paid_total=tuple(n for _, n in p))
        for row, p in zip(rows, payments, strict=True)
    ]


def _pay(
    rows: list[BookRow], paid: list[int], payments: list[list[tuple[datetime, int]]], r: int,
    amount: int, at: datetime,
) -> int:  # fmt: skip
    """Pay row `r` what it still owes out of `amount` at `at`; what is left."""
    give = min(amount, rows[r].required - paid[r])
    if give > 0:
        paid[r] += give
        payments[r].append((at, paid[r]))
    return amount - give
