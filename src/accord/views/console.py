"""Rich terminal rendering of validation reports and timelines. Presentation only."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from rich import box
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from accord.engine.policies import Divergence
from accord.engine.record import Record
from accord.engine.results import Evaluation, ProvisionResult
from accord.evidence.ingest import FileReport
from accord.load import LoadResult
from accord.schedule.timeline import Timeline, TimelineEntry
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


@contextmanager
def progress_steps(
    label: str, steps: Sequence[str], enabled: bool
) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr that advances through named steps; a no-op when disabled."""
    if not enabled:
        yield lambda _step: None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=len(steps))

        def step(name: str) -> None:
            progress.update(task, description=f"{label}: {name}", completed=steps.index(name))

        yield step


def render_ingest(out: Console, reports: Sequence[FileReport], counts: dict[str, int]) -> None:
    """One summary line per file, then its rejected rows, then the store's totals."""
    for report in reports:
        style = {"ok": "green", "partial": "yellow", "failed": "red"}[report.status]
        kinds = "; ".join(
            f"{kind}: {w.added} added, {w.duplicates} already stored"
            + (f", {w.replaced} replaced" if w.replaced else "")
            for kind, w in report.written.items()
            if w.added or w.duplicates or w.replaced
        )
        out.print(
            Text.assemble(
                (f"{report.status:8}", style),
                f"{report.file} [{report.format or '?'}]: {report.rows_read} rows read, "
                f"{report.rejected} rejected" + (f"; {kinds}" if kinds else ""),
            ),
            soft_wrap=True,
        )
        if report.failure is not None:
            out.print(Text(f"  {report.failure.reason}: {report.failure.message}"), soft_wrap=True)
        for problem in report.problems:
            where = f"row {problem.row}" if problem.row is not None else "file"
            column = f", column {problem.column}" if problem.column else ""
            value = f", value {problem.value!r}" if problem.value is not None else ""
            out.print(
                Text(f"  {where}{column}{value}: {problem.reason}: {problem.message}"),
                soft_wrap=True,
            )
        hidden = report.problem_count - len(report.problems)
        if hidden > 0:
            out.print(Text(f"  ... and {hidden} more problems (see the quarantine table)"))
    totals = ", ".join(f"{v} {k}" for k, v in counts.items())
    out.print(Text(f"store: {totals}", style="bold"))


def render_record(out: Console, spec: Spec, found: Record) -> None:
    """The acts counted, one row each, then the totals by the record's keys."""
    out.print(
        Text(f"{spec.title} ({spec.id}) at {found.as_of.iso()}, policy {found.policy}",
             style="bold")
    )  # fmt: skip
    acts = Table(
        "at", "party", "action", "object", "category", "quantity", "event", "sources",
        "provisions", box=box.SIMPLE_HEAD, show_edge=False,
    )  # fmt: skip
    for act in found.acts:
        quantity = "" if act.quantity is None else str(act.quantity)
        if act.values:
            quantity += " (reported: " + ", ".join(map(str, act.values)) + ")"
        acts.add_row(
            act.at + (f" to {act.until}" if act.until else ""), act.party, act.action,
            act.object or "", act.category or "", quantity, act.event, ", ".join(act.sources),
            ", ".join(act.provisions),
        )  # fmt: skip
    out.print(acts)
    totals = Table(*found.by, "acts", "quantity", box=box.SIMPLE_HEAD, show_edge=False)
    for total in found.totals:
        quantity = "" if total.quantity is None else str(total.quantity)
        totals.add_row(*(v or "" for v in total.key.values()), str(total.acts), quantity)
    out.print(totals)


def render_evaluation(out: Console, spec: Spec, evaluation: Evaluation) -> None:
    """Phases, provisions, the exchange ledger and violations as tables."""
    out.print(
        Text(
            f"{spec.title} ({spec.id}) at {evaluation.as_of.iso()}, policy {evaluation.policy}",
            style="bold",
        )
    )
    phases = Table("phase", "state", "start", "end", "unmet", box=box.SIMPLE_HEAD, show_edge=False)
    for p in evaluation.phases:
        phases.add_row(
            p.id,
            p.state,
            p.start.iso() if p.start else "",
            p.end.iso() if p.end else "",
            ", ".join(p.unmet),
        )
    out.print(phases)
    provisions = Table(
        "provision", "state", "party", "required", "delivered", "due", "notes",
        box=box.SIMPLE_HEAD, show_edge=False,
    )  # fmt: skip
    for r in evaluation.provisions:
        notes = ", ".join([*(["late"] if r.late else []), *r.flags])
        if r.count:
            notes = f"{r.count} act{'s' if r.count > 1 else ''}" + (f", {notes}" if notes else "")
        provisions.add_row(
            r.id,
            r.state,
            ", ".join(r.party),
            "" if r.required is None else str(r.required),
            "" if r.delivered is None else str(r.delivered),
            r.due.iso() if r.due else "",
            notes,
        )
    out.print(provisions)
    rows = [row for row in evaluation.ledger if row.required]
    if rows:
        ledger = Table(
            "exchange", "for delivery", "at", "category", "delivered", "ratio", "owed",
            "returned", "outstanding", "due", "late", box=box.SIMPLE_HEAD, show_edge=False,
        )  # fmt: skip
        for row in rows:
            ledger.add_row(
                row.provision, row.counterpart_event, row.at, row.category or "",
                str(row.counterpart_delivered), str(row.ratio), str(row.required),
                str(row.delivered), str(row.outstanding), row.due or "",
                {None: "", True: "late", False: "on time"}[row.late],
            )  # fmt: skip
        out.print(ledger)
    if len(rows) < len(evaluation.ledger):
        out.print(f"{len(evaluation.ledger) - len(rows)} ledger rows owe nothing under the ratios")
    if evaluation.violations:
        violations = Table(
            "violated", "party", "at", "event", "sources", box=box.SIMPLE_HEAD, show_edge=False
        )
        for v in evaluation.violations:
            violations.add_row(v.provision, v.party, v.at, v.event, ", ".join(v.sources))
        out.print(violations)


def render_explanation(out: Console, result: ProvisionResult) -> None:
    """One provision's state and its because trail, line by line."""
    out.print(Text(f"{result.id}: {result.state}", style="bold"))
    for reason in result.because:
        sources = f" [{', '.join(reason.sources)}]" if reason.sources else ""
        out.print(Text(f"  {reason.kind:7} {reason.text}{sources}"), soft_wrap=True)


def render_divergences(
    out: Console, spec: Spec, first: Evaluation, found: Sequence[Divergence]
) -> None:
    """The provisions whose state differs between two policies, with each side's events."""
    out.print(Text(f"{spec.title} ({spec.id}) at {first.as_of.iso()}", style="bold"))
    if not found:
        out.print("the two accounts count the same evidence")
    for divergence in found:
        states = ", ".join(f"{p}: {s}" for p, s in divergence.states.items())
        out.print(Text(f"{divergence.provision}: {states}", style="bold"))
        for policy, reasons in divergence.events.items():
            for reason in reasons:
                out.print(Text(f"  [{policy}] {reason.text}"), soft_wrap=True)
