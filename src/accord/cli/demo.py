"""`accord demo`: the bundled examples end to end (for now: validate them, show Gaza's timeline)."""

from __future__ import annotations

from importlib import resources

import click

from accord.engine.timeline import resolve_timeline
from accord.examples import example, example_files
from accord.spec.load import load_spec
from accord.views.console import console, render_timeline, render_validation

DEMO_SPEC = "gaza-2025-01"


@click.command()
def demo() -> None:
    """Validate the bundled example specs and print the Gaza January 2025 timeline."""
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
