"""Comparing evaluations under two evidence policies: where the parties' accounts diverge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accord.engine.results import Evaluation, ProvisionResult, ProvisionState, Reason


@dataclass(frozen=True)
class Divergence:
    """A provision whose state differs between two policies, with the evidence behind each."""

    provision: str
    states: dict[str, ProvisionState]
    events: dict[str, list[Reason]]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "provision": self.provision,
            "states": self.states,
            "events": {p: [r.to_dict() for r in reasons] for p, reasons in self.events.items()},
        }


def divergences(first: Evaluation, second: Evaluation) -> list[Divergence]:
    """Provisions whose state, count, delivered quantity or counted evidence differs between two
    evaluations: two accounts that both read "breached, 3 acts" with other acts still diverge."""
    found = []
    for a, b in zip(first.provisions, second.provisions, strict=True):
        if (a.state, a.delivered, a.count, _evidence(a)) == (
            b.state, b.delivered, b.count, _evidence(b),
        ):  # fmt: skip
            continue
        found.append(
            Divergence(
                a.id,
                {first.policy: a.state, second.policy: b.state},
                {first.policy: _evidence(a), second.policy: _evidence(b)},
            )
        )
    return found


def _evidence(result: ProvisionResult) -> list[Reason]:
    """The events a result counts, as its trail names them."""
    return [r for r in result.because if r.kind == "event"]
