"""Comparing evaluations under two evidence policies: where the parties' accounts diverge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accord.engine.results import Evaluation, Reason


@dataclass(frozen=True)
class Divergence:
    """A provision whose state differs between two policies, with the evidence behind each."""

    provision: str
    states: dict[str, str]
    events: dict[str, list[Reason]]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "provision": self.provision,
            "states": self.states,
            "events": {p: [r.to_dict() for r in reasons] for p, reasons in self.events.items()},
        }


def divergences(first: Evaluation, second: Evaluation) -> list[Divergence]:
    """Provisions whose state, count or delivered quantity differs between two evaluations."""
    found = []
    for a, b in zip(first.provisions, second.provisions, strict=True):
        if (a.state, a.delivered, a.count) == (b.state, b.delivered, b.count):
            continue
        found.append(
            Divergence(
                a.id,
                {first.policy: a.state, second.policy: b.state},
                {
                    first.policy: [r for r in a.because if r.kind == "event"],
                    second.policy: [r for r in b.because if r.kind == "event"],
                },
            )
        )
    return found
