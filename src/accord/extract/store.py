"""Writing an extraction into the evidence store: the article as a `news` source, its claims,
and its dated candidate events, in one transaction with an `ingests` log line.

Rows go through the same staging tables, checks and writers as `accord ingest`, so identity is
the content hash: extracting the same article again adds nothing. The source id is derived from
the article's text, so the same article read from another path is the same source.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import duckdb

from accord.evidence.checks import (
    claim_checks,
    create_macros,
    event_checks,
    run_checks,
    source_checks,
)
from accord.evidence.ingest import log_end, log_start
from accord.evidence.staging import stage_rows
from accord.evidence.store import Store
from accord.evidence.writer import Written, write_claims, write_events, write_sources
from accord.extract.models import CandidateEvent, Extraction

FORMAT = "news-extract"
NOTE = "candidate from accord extract (rule-based, unverified)"


@dataclass
class StoreReport:
    """What one article added to the store."""

    file: str
    source_id: str
    written: dict[str, Written] = field(default_factory=dict)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    events_skipped: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "file": self.file,
            "source": self.source_id,
            **{kind: vars(w) for kind, w in self.written.items()},
            "rejected": self.rejected,
            "events_skipped_without_date_or_actor": self.events_skipped,
        }


def source_id(extraction: Extraction) -> str:
    """A stable id for the article: `news-` and the first 16 hex digits of its text's SHA-256."""
    digest = hashlib.sha256(extraction.article.text.encode("utf-8")).hexdigest()
    return f"news-{digest[:16]}"


def write_extraction(store: Store, extraction: Extraction, publisher: str | None) -> StoreReport:
    """Store one article's source, claims and dated candidate events (idempotent)."""
    article = extraction.article
    report = StoreReport(article.path or "<text>", source_id(extraction))
    # One errors table serves all three stages, so row numbers never repeat across them.
    sources = [(1, _source_row(extraction, report.source_id, publisher))]
    claims = [
        (i + 2, _claim_row(extraction, i, report.source_id)) for i in range(len(extraction.claims))
    ]
    events = []
    for number, event in enumerate(extraction.events, start=len(claims) + 2):
        row = _event_row(extraction, event, report.source_id)
        if row is None:
            report.events_skipped += 1
        else:
            events.append((number, row))
    with store.transaction() as con:
        digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        ingest_id = log_start(con, report.file, digest, FORMAT)
        prefix = f"extract{ingest_id}"
        errors = f"{prefix}_errors"
        con.execute(
            f"CREATE TEMP TABLE {errors} (row_number BIGINT, column_name VARCHAR, "
            "value VARCHAR, reason VARCHAR, message VARCHAR)"
        )
        create_macros(con)
        stages = {
            "sources": stage_rows(con, "sources", f"{prefix}_sources", sources),
            "claims": stage_rows(con, "claims", f"{prefix}_claims", claims),
            "events": stage_rows(con, "events", f"{prefix}_events", events),
        }
        known = "SELECT id FROM sources"
        run_checks(con, stages["sources"], source_checks(), errors)
        report.written["sources"] = write_sources(con, stages["sources"], errors, ingest_id)
        run_checks(con, stages["claims"], claim_checks(known), errors)
        report.written["claims"] = write_claims(con, stages["claims"], errors, ingest_id)
        known_events = "SELECT event_id FROM events"
        run_checks(con, stages["events"], event_checks(known, known_events, False), errors)
        report.written["events"] = write_events(con, stages["events"], errors, ingest_id)
        report.rejected = [
            dict(zip(("row", "column", "value", "reason", "message"), row, strict=True))
            for row in con.execute(f"SELECT * FROM {errors} ORDER BY row_number").fetchall()
        ]
        rows = sum(w.added + w.duplicates for w in report.written.values()) + len(report.rejected)
        rejected = len({r["row"] for r in report.rejected})
        log_end(con, ingest_id, rows, rejected, report.written)
        _drop_work_tables(con, prefix)
    return report


def _drop_work_tables(con: duckdb.DuckDBPyConnection, prefix: str) -> None:
    for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, ?)",
        [prefix],
    ).fetchall():
        con.execute(f"DROP TABLE IF EXISTS {name}")


def _source_row(extraction: Extraction, sid: str, publisher: str | None) -> dict[str, Any]:
    article = extraction.article
    offsets = "the HTML page's main text" if article.fmt == "html" else "the file's text"
    return {
        "id": sid,
        "publisher": publisher or article.publisher or _site_name(extraction) or "unknown",
        "url": article.url,
        "title": article.title or _headline(extraction),
        "published": article.published.isoformat() if article.published else None,
        "date_inferred": article.published_from == "metadata",
        "kind": "news",
        "note": f"extracted by accord extract from {article.path or 'text'}; "
        f"offsets into {offsets}",
    }


def _site_name(extraction: Extraction) -> str | None:
    """A scraped page's first line when it is short furniture: usually the site's name."""
    first = next((ln for ln in extraction.lines if ln.kind != "blank"), None)
    if first is None or first.kind != "furniture" or first.reason not in ("short", "tagline"):
        return None
    name = extraction.article.text[first.start : first.end].split(" \u2014 ")[0].strip()
    return name or None


def _headline(extraction: Extraction) -> str | None:
    for line in extraction.lines:
        if line.kind == "text":
            return extraction.article.text[line.start : line.end].strip()[:300] or None
    return None


def _claim_row(extraction: Extraction, index: int, sid: str) -> dict[str, Any]:
    claim = extraction.claims[index]
    published = extraction.article.published
    quantities = [
        {"value": q.value, "value_max": q.value_max, "unit": q.noun, "modifier": q.modifier,
         "per": q.per, "kind": q.kind, "text": q.text}
        for q in extraction.quantities
        if q.claim == index
    ]  # fmt: skip
    dates = [
        {"text": d.text, "granularity": d.granularity, "value": d.value,
         "interval": list(d.interval) if d.interval else None}
        for d in extraction.dates
        if d.claim == index
    ]  # fmt: skip
    notes = {
        "kind": claim.kind, "speaker_as_written": claim.speaker, "outlet": claim.outlet,
        "rule": claim.rule, "confidence": claim.confidence, "dates": dates,
    }  # fmt: skip
    return {
        "source": sid,
        "speaker": claim.speaker,
        "speaker_id": claim.actor,
        "speaker_kind": claim.speaker_kind,
        "cue": claim.cue,
        "content": claim.content,
        "made_at": published.isoformat() if published else None,
        "quantities": quantities,
        "span_start": claim.start,
        "span_end": claim.end,
        "notes": json.dumps(notes, ensure_ascii=False, sort_keys=True),
    }


def _event_row(extraction: Extraction, event: CandidateEvent, sid: str) -> dict[str, Any] | None:
    """An events row, or None when the act has no actor or no date (a date is never made up)."""
    when = next(
        (d for d in extraction.dates
         if event.sentence_start <= d.start < event.sentence_end and d.granularity),
        None,
    )  # fmt: skip
    if event.actor is None or when is None:
        return None
    occurred, until, precision = _occurred(when.granularity, when.value, when.interval)
    if occurred is None:
        return None
    published = extraction.article.published
    quantity = event.quantity
    return {
        "occurred_at": occurred,
        "occurred_until": until,
        "precision": precision,
        "actor": event.actor,
        "action": event.action,
        "object": event.object,
        "quantity": str(int(quantity)) if quantity is not None and quantity.is_integer() else None,
        "source": sid,
        "claimed_by": event.claimed_by,
        "reported_at": published.isoformat() if published else None,
        "notes": f"{NOTE}: {event.trigger!r}"
        + (f", said by {event.speaker}" if event.speaker else "")
        + (f", to {event.outlet}" if event.outlet else ""),
        "extra": {
            "candidate": True,
            "trigger": event.trigger,
            "rule": event.rule,
            "span": [event.start, event.end],
            "sentence": [event.sentence_start, event.sentence_end],
            "speaker": event.speaker,
            "outlet": event.outlet,
            "date_text": when.text,
        },
    }


def _occurred(
    granularity: str | None, value: str | None, interval: tuple[str, str] | None
) -> tuple[str | None, str | None, str]:
    if granularity == "day" and value:
        return value, None, "day"
    if granularity == "month" and value:
        return f"{value}-01", None, "month"
    if granularity == "year" and value:
        return f"{value}-01-01", None, "year"
    if granularity == "interval" and interval:
        return interval[0], interval[1], "day"
    return None, None, "day"
