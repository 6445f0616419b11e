"""Rich terminal rendering of validation reports and timelines. Presentation only."""

from __future__ import annotations

import os
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from accord.engine.timeline import Timeline, TimelineEntry
from accord.spec.load import LoadResult
from accord.spec.models import Spec

PIPE_WIDTH = 160


def console(stderr: bool = False) -> Console:
    """A console for command output (stdout) or for progress and warnings (stderr).

    Output to a file or pipe gets a wide fixed width rather than 80 columns, so tables with long
    explanations stay readable in logs and files.
    """
    out = Console(stderr=stderr, highlight=False, soft_wrap=False)
    if not out.is_terminal and "COLUMNS" not in os.environ:
        out.width = PIPE_WIDTH
    return out


def render_validation(out: Console, results: Sequence[LoadResult]) -> None:
    """One line per valid file, one `file:line:col: code: message` line per error."""
    for result in results:
        if result.ok and result.spec is not None:
            out.print(
                Text.assemble(("valid ", "green"), f"{result.file} ({result.spec.id})"),
                soft_wrap=True,
            )
        for error in result.errors:
            out.print(Text(error.format()), soft_wrap=True)
    invalid = sum(not r.ok for r in results)
    summary = f"{len(results) - invalid} valid, {invalid} invalid"
    out.print(Text(summary, style="bold red" if invalid else "bold green"))


def render_timeline(out: Console, spec: Spec, timeline: Timeline) -> None:
    """The timeline as a table: date, term, what, quantity and how it was computed."""
    out.print(Text(f"{spec.title} ({spec.id}, {spec.kind})", style="bold"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold")
    for column in ("date", "term", "what", "qty", "how"):
        table.add_column(column, overflow="fold", no_wrap=column != "how")
    for entry in timeline.entries:
        table.add_row(*_row(entry))
    out.print(table)


def _row(entry: TimelineEntry) -> tuple[Text, str, str, str, Text]:
    moment = entry.point.moment
    when = Text(moment.iso() if moment else "unresolved", style="" if moment else "yellow")
    notes = [entry.point.how]
    if entry.conditional_on:
        notes.append("if " + ", ".join(entry.conditional_on))
    if entry.amendment:
        notes.append(f"as amended by {entry.amendment}")
    how = Text("; ".join(notes))
    if entry.superseded_by:
        when.stylize("strike")
        how = Text(f"superseded by {entry.superseded_by}: ", style="dim") + how
    quantity = "" if entry.quantity is None else f"{entry.quantity} {entry.category or ''}".strip()
    return when, entry.term, entry.what, quantity, how
