"""`accord demo`: the bundled examples end to end: validate them, show Gaza's timeline, load its
evidence into a temporary store and show where implementation stood on two dates."""

from __future__ import annotations

from importlib import resources

import click

from accord.examples import example, example_files
from accord.load import load_spec
from accord.schedule.timeline import resolve_timeline
from accord.session import evaluate_days, open_example
from accord.views.console import console, render_evaluation, render_timeline, render_validation

DEMO_SPEC = "gaza-2025-01"
#: The day after phase 1 ended, and the day after the strikes of 18 March 2025.
DEMO_DATES = ("2025-03-02", "2025-03-19")


@click.command()
def demo() -> None:
    """Validate the bundled specs; show the Gaza January 2025 timeline and its status."""
    out = console()
    results = []
    for item in example_files():
        with resources.as_file(item) as path:
            results.append(load_spec(path, display=f"examples/{item.name}"))
    render_validation(out, results)
    with resources.as_file(example(DEMO_SPEC)) as path:
        gaza = load_spec(path, display=f"examples/{DEMO_SPEC}.yaml")
    if gaza.spec is None or not all(r.ok for r in results):
        raise click.exceptions.Exit(1)
    out.print()
    render_timeline(out, gaza.spec, resolve_timeline(gaza.spec))
    spec, store = open_example(DEMO_SPEC)
    with store:
        counts = store.counts()
        out.print()
        out.print(
            f"loaded {counts['events']} events, {counts['sources']} sources and "
            f"{counts['claims']} claims from evidence/{DEMO_SPEC}.jsonl into a temporary store"
        )
        for evaluation in evaluate_days(spec, store, DEMO_DATES):
            out.print()
            render_evaluation(out, spec, evaluation)
