"""Exchanges: what one party owes in return for the other's deliveries, row by row.

required = sum over the counterpart's deliveries of ratio(category) x quantity. A ratio may be a
plain number or a mapping of this provision's categories to numbers (3 life + 27 other); the total
is then their sum. A category the ratio does not name owes nothing, and the ledger says so.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime

from accord.engine.lifecycle import end_of
from accord.engine.match import MatchedEvent, running_quantity
from accord.engine.results import LedgerRow, Reason
from accord.engine.time import Moment, shift
from accord.spec.models import Exchange
from accord.spec.vocabulary import ANY_CATEGORY


def ratio_for(exchange: Exchange, category: str | None) -> int | None:
    """How many are owed per unit delivered in `category` (None when the ratio omits it)."""
    value = exchange.ratio.get(category or "", exchange.ratio.get(ANY_CATEGORY))
    if value is None:
        return None
    return sum(value.values()) if isinstance(value, dict) else value


@dataclass(frozen=True)
class Book:
    """An exchange over a whole record: one ledger row per counterpart delivery, with the running
    amount owed, and (with a lag) when each return falls due and what had been returned by then.

    Rows follow the deliveries in time order, so the book read at an earlier instant is its first
    rows: a timeline builds it once.
    """

    rows: list[LedgerRow]
    notes: list[tuple[int, Reason]]  # (row, note) for deliveries the ratio does not cover
    owed: list[int]  # owed after each row
    dues: list[Moment]  # when each row's return falls due (empty without a lag)
    ends: list[datetime]  # the last instant of each due
    missed: list[int]  # rows whose return, by its due, fell short of what was owed

    def required(self, count: int) -> int:
        """Owed for the first `count` deliveries."""
        return self.owed[count - 1] if count else 0

    def given_by(self, row: int, returns: list[MatchedEvent]) -> int:
        """Returned by the due of `row`."""
        return running_quantity(returns[: bisect_right(returns, self.ends[row], key=_start)])


def exchange_book(
    xid: str, exchange: Exchange, counterpart: list[MatchedEvent], returns: list[MatchedEvent]
) -> Book:
    """The book of exchange `xid`: `counterpart` are the deliveries it answers."""
    rows: list[LedgerRow] = []
    notes: list[tuple[int, Reason]] = []
    owed: list[int] = []
    for index, event in enumerate(counterpart):
        delivered = event.quantity or 0
        ratio = ratio_for(exchange, event.category)
        when = event.day.isoformat() if event.whole_day else event.start.isoformat()
        if ratio is None:
            text = f"no ratio for category `{event.category}` of {event.event_id}: owes nothing"
            notes.append((index, Reason("rule", text, event.event_id, (event.source,))))
        row = LedgerRow(
            xid, event.event_id or str(event.uid), when, event.category, delivered, ratio,
            (ratio or 0) * delivered,
        )  # fmt: skip
        rows.append(row)
        owed.append((owed[-1] if owed else 0) + row.required)
    book = Book(rows, notes, owed, [], [], [])
    if exchange.within is not None:
        for event in counterpart:
            due = shift(Moment(event.start, event.whole_day), exchange.within, 1, None)
            book.dues.append(due)
            book.ends.append(end_of(due))
        book.missed.extend(
            row for row in range(len(rows)) if book.given_by(row, returns) < owed[row]
        )
    return book


def _start(event: MatchedEvent) -> datetime:
    return event.start
