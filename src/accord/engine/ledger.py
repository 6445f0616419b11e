"""Exchanges: what one party owes in return for the other's deliveries, row by row.

required = sum over the counterpart's deliveries of ratio(category) x quantity. A ratio may be a
plain number or a mapping of this provision's categories to numbers (3 life + 27 other); the total
is then their sum. A category the ratio does not name owes nothing, and the ledger says so.
"""

from __future__ import annotations

from accord.engine.match import MatchedEvent
from accord.engine.results import LedgerRow, Reason
from accord.spec.models import Exchange
from accord.spec.vocabulary import ANY_CATEGORY


def ratio_for(exchange: Exchange, category: str | None) -> int | None:
    """How many are owed per unit delivered in `category` (None when the ratio omits it)."""
    value = exchange.ratio.get(category or "", exchange.ratio.get(ANY_CATEGORY))
    if value is None:
        return None
    return sum(value.values()) if isinstance(value, dict) else value


def exchange_rows(
    xid: str, exchange: Exchange, counterpart: list[MatchedEvent]
) -> tuple[list[LedgerRow], list[Reason]]:
    """One ledger row per counterpart delivery, and notes on deliveries the ratio does not cover."""
    rows: list[LedgerRow] = []
    notes: list[Reason] = []
    for event in counterpart:
        delivered = event.quantity or 0
        ratio = ratio_for(exchange, event.category)
        when = event.day.isoformat() if event.whole_day else event.start.isoformat()
        if ratio is None:
            notes.append(
                Reason(
                    "rule",
                    f"no ratio for category `{event.category}` of {event.event_id}: owes nothing",
                    event.event_id,
                    (event.source,),
                )
            )
        rows.append(
            LedgerRow(
                xid,
                event.event_id or str(event.uid),
                when,
                event.category,
                delivered,
                ratio,
                (ratio or 0) * delivered,
            )
        )
    return rows, notes
