"""Replays of bundled agreements: a bundled spec evaluated against its bundled evidence."""

from __future__ import annotations

from functools import cache

import accord
from accord.engine.results import Evaluation
from accord.evidence.store import Store
from accord.spec.models import Spec


@cache
def bundled(name: str) -> tuple[Spec, Store]:
    """Bundled example `name` and its evidence, loaded once per test session (read only after)."""
    return accord.open_example(name)


def replay(name: str, as_of: str, policy: str = "all") -> Evaluation:
    """Evaluate bundled example `name` on `evidence/<name>.jsonl` at `as_of` (a day or instant)."""
    spec, store = bundled(name)
    return accord.evaluate_at(spec, store, as_of, policy)
