"""Writing an extraction into the evidence store: the article as a `news` source, its claims,
and its dated candidate events, in one transaction with an `ingests` log line.

The extraction becomes the records of accord's JSON Lines format (docs/evidence.md, section 3)
and goes through `accord.evidence.ingest.ingest_records`, the path `accord ingest` takes for a
JSON Lines file, so identity is the content hash: extracting the same article again adds
nothing. The source id is derived from the article's text, so the same article read from
another path is the same source.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from accord.evidence.ingest import ingest_records
from accord.evidence.store import Store
from accord.evidence.writer import Written
from accord.extract.models import CandidateEvent, Extraction

FORMAT = "news-extract"
NOTE = "candidate from accord extract (rule-based, unverified)"
#: The order in which a report lists what was written: the order of the records.
KINDS = ("sources", "claims", "events")


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
    return f"news-{_text_digest(extraction)[:16]}"


def write_extraction(store: Store, extraction: Extraction, publisher: str | None) -> StoreReport:
    """Store one article's source, claims and dated candidate events (idempotent)."""
    report = StoreReport(extraction.article.path or "<text>", source_id(extraction))
    records = extraction_records(extraction, publisher)
    report.events_skipped = len(extraction.events) - sum(r["record"] == "event" for r in records)
    ingested = ingest_records(
        store, records, name=report.file, fmt=FORMAT, digest=_text_digest(extraction)
    )
    report.written = {kind: ingested.written[kind] for kind in KINDS}
    report.rejected = [problem.to_dict() for problem in ingested.problems]
    return report


def extraction_records(extraction: Extraction, publisher: str | None) -> list[dict[str, Any]]:
    """The article as JSON Lines records: its source, its claims, then the candidate events
    that have an actor and a date (the others cannot be stored)."""
    sid = source_id(extraction)
    claims = [_claim_row(extraction, i, sid) for i in range(len(extraction.claims))]
    events = [_event_row(extraction, event, sid) for event in extraction.events]
    return [
        {"record": "source", **_source_row(extraction, sid, publisher)},
        *({"record": "claim", **row} for row in claims),
        *({"record": "event", **row} for row in events if row is not None),
    ]


def _text_digest(extraction: Extraction) -> str:
    return hashlib.sha256(extraction.article.text.encode("utf-8")).hexdigest()


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
        "quantity": int(quantity) if quantity is not None and quantity.is_integer() else None,
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
