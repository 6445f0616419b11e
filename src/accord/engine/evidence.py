"""The seam between the engine and the evidence it reads.

The engine needs three things from evidence, whatever holds it (the DuckDB store, another engine
over the same tables): the acts that fall in each provision's window by an instant under a
policy; the days on which corrections or retractions were reported (a daily timeline reuses one
match between them); and the names that claim or publish evidence (to check a policy).
Implementations live beside the data, in `accord.evidence`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from typing import Protocol

from accord.engine.acts import MatchedEvent, Window
from accord.spec.models import Spec


class Evidence(Protocol):
    """What an evaluation reads. Implementations must be safe to call from several threads."""

    def match(
        self,
        spec: Spec,
        windows: Sequence[Window],
        as_of: datetime,
        policy: str,
        tz: tzinfo,
    ) -> dict[str, list[MatchedEvent]]:
        """The acts in each window reported by `as_of` under `policy`, in time order.

        Every window's provision is a key (with an empty list when nothing matched). A date-only
        report covers its whole day in `tz`; corrections and retractions apply; one act reported
        by several sources comes back once; each act carries the running totals before it.
        Every act of a `full` window comes back one by one; elsewhere the first acts, each one
        that carries a running total across one of the window's thresholds, and day sums of the
        rest.
        """
        ...

    def claimants(self) -> set[str]:
        """Every name evidence is claimed by (`claimed_by`) or published under (a publisher)."""
        ...

    def revision_days(self) -> list[date]:
        """The days, in order, on which a current correction or retraction is dated."""
        ...
