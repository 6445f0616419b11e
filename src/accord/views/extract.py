"""Rich rendering of `accord extract`: the cleaned article with highlights, then tables."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from accord.extract.models import Extraction, Line
from accord.extract.store import StoreReport

CLAIM_STYLE = "cyan"
SPEAKER_STYLE = "bold"
QUANTITY_STYLE = "bold yellow"
DATE_STYLE = "bold magenta"


def render_extraction(out: Console, extraction: Extraction) -> None:
    """The article's text lines (captions dimmed, furniture left out), then the tables."""
    article = extraction.article
    when = article.published.isoformat() if article.published else "unknown date"
    out.print(Text(f"{article.path or 'text'} ({article.fmt}, published {when})", style="bold"))
    for warning in extraction.warnings:
        out.print(Text(f"warning: {warning}", style="yellow"))
    dropped = sum(ln.kind == "furniture" for ln in extraction.lines)
    for line in extraction.lines:
        if line.kind in ("text", "caption"):
            out.print(_line(extraction, line), soft_wrap=True)
    out.print(Text(f"({dropped} furniture lines left out)", style="dim"))
    legend = Text.assemble(
        ("claim", CLAIM_STYLE), "  ", ("speaker", SPEAKER_STYLE), "  ",
        ("quantity", QUANTITY_STYLE), "  ", ("date", DATE_STYLE),
    )  # fmt: skip
    out.print(legend)
    _tables(out, extraction)


def _line(extraction: Extraction, line: Line) -> Text:
    text = Text(extraction.article.text[line.start : line.end])
    if line.kind == "caption":
        text.stylize("dim italic")
        return Text("[caption] ", style="dim") + text
    spans: list[tuple[int, int, str]] = []
    for claim in extraction.claims:
        spans.append((claim.start, claim.end, CLAIM_STYLE))
        if claim.speaker_start is not None and claim.speaker_end is not None:
            spans.append((claim.speaker_start, claim.speaker_end, SPEAKER_STYLE))
    spans += [(q.start, q.end, QUANTITY_STYLE) for q in extraction.quantities]
    spans += [(d.start, d.end, DATE_STYLE) for d in extraction.dates]
    for start, end, style in spans:
        s, e = max(start, line.start), min(end, line.end)
        if s < e:
            text.stylize(style, s - line.start, e - line.start)
    return text


def _tables(out: Console, extraction: Extraction) -> None:
    claims = Table(
        "#", "kind", "speaker", "actor", "cue", "outlet", "content", "rule",
        box=box.SIMPLE_HEAD, show_edge=False, header_style="bold",
    )  # fmt: skip
    for i, c in enumerate(extraction.claims):
        claims.add_row(
            str(i), c.kind, c.speaker, c.actor or "", c.cue or "", c.outlet or "",
            c.content if len(c.content) < 120 else c.content[:117] + "...", c.rule,
        )  # fmt: skip
    out.print(Text(f"claims: {len(extraction.claims)}", style="bold"))
    out.print(claims)
    quantities = Table(
        "text", "value", "modifier", "noun", "per", "kind", "violations", "claim",
        box=box.SIMPLE_HEAD, show_edge=False, header_style="bold",
    )  # fmt: skip
    for q in extraction.quantities:
        value = _number(q.value) + (f"-{_number(q.value_max)}" if q.value_max is not None else "")
        quantities.add_row(
            q.text, value, q.modifier or "", q.noun or "", q.per or "", q.kind,
            "yes" if q.violations else "", "" if q.claim is None else str(q.claim),
        )  # fmt: skip
    out.print(Text(f"quantities: {len(extraction.quantities)}", style="bold"))
    out.print(quantities)
    dates = Table(
        "text", "granularity", "resolved", "claim", box=box.SIMPLE_HEAD, show_edge=False,
        header_style="bold",
    )  # fmt: skip
    for d in extraction.dates:
        resolved = d.value or (" .. ".join(d.interval) if d.interval else "unresolved")
        dates.add_row(
            d.text, d.granularity or "", resolved, "" if d.claim is None else str(d.claim)
        )
    out.print(Text(f"dates: {len(extraction.dates)}", style="bold"))
    out.print(dates)
    _events(out, extraction)


def _events(out: Console, extraction: Extraction) -> None:
    events = Table(
        "action", "trigger", "actor", "object", "qty", "date", "claimed by",
        box=box.SIMPLE_HEAD, show_edge=False, header_style="bold",
    )  # fmt: skip
    for e in extraction.events:
        events.add_row(
            e.action, e.trigger, e.actor or "", e.object or "",
            "" if e.quantity is None else _number(e.quantity), e.date or "", e.claimed_by or "",
        )  # fmt: skip
    out.print(Text(f"candidate events: {len(extraction.events)}", style="bold"))
    out.print(events)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() else str(value)


def render_store_reports(
    out: Console, reports: Sequence[StoreReport], counts: dict[str, int]
) -> None:
    """What each article added to the store, then the store's totals."""
    for report in reports:
        parts = "; ".join(
            f"{kind}: {w.added} added, {w.duplicates} already stored"
            for kind, w in report.written.items()
        )
        out.print(Text(f"stored {report.file} as {report.source_id}: {parts}"), soft_wrap=True)
        if report.events_skipped:
            out.print(
                Text(f"  {report.events_skipped} candidate events not stored (no date or actor)"),
                style="dim",
            )
        for problem in report.rejected:
            out.print(
                Text(f"  rejected row {problem['row']}: {problem['reason']}: {problem['message']}")
            )
    totals = ", ".join(f"{v} {k}" for k, v in counts.items())
    out.print(Text(f"store: {totals}", style="bold"))
