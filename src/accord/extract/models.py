"""The records extraction produces. Offsets are `str` indices into the article's text (end
exclusive).

For an HTML page the text is the main text trafilatura extracted, not the page's markup.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

LineKind = Literal["text", "furniture", "caption", "blank"]
ClaimKind = Literal["direct", "indirect", "according_to"]
Granularity = Literal["day", "month", "year", "interval"]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the input (1-based `number`, as `str.splitlines()` counts them)."""

    number: int
    start: int
    end: int
    kind: LineKind
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """The text to extract from, where it came from, and its publication date."""

    text: str
    path: str | None = None
    fmt: Literal["text", "html"] = "text"
    published: date | None = None
    published_from: Literal["option", "metadata", "none"] = "none"
    title: str | None = None
    url: str | None = None
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A gazetteer entry: a party, mediator, organisation, official or outlet."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    weak_aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorMention:
    """Where an actor is named: a gazetteer id, or (model tier) None with the entity label."""

    actor: str | None
    text: str
    start: int
    end: int
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with what it counts; `claim` is the index of the claim it sits in."""

    text: str
    start: int
    end: int
    value: float
    value_max: float | None
    modifier: str | None
    noun: str | None
    per: str | None
    kind: str
    violations: bool
    rule: str
    claim: int | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or period, resolved against the publication date when it is relative."""

    text: str
    start: int
    end: int
    granularity: Granularity | None
    value: str | None
    interval: tuple[str, str] | None
    rule: str
    claim: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """An attributed statement: who said it (as written), the cue, and the content span."""

    kind: ClaimKind
    speaker: str
    actor: str | None
    speaker_kind: str
    cue: str | None
    outlet: str | None
    content: str
    start: int
    end: int
    speaker_start: int | None
    speaker_end: int | None
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class CandidateEvent:
    """A reported act: a candidate for the evidence store, attributed to its speaker and outlet."""

    action: str
    trigger: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    actor: str | None
    object: str | None
    quantity: float | None
    date: str | None
    date_granularity: str | None
    speaker: str | None
    claimed_by: str | None
    outlet: str | None
    claim: int | None
    rule: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    lines: tuple[Line, ...]
    claims: tuple[Claim, ...]
    quantities: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    actors: tuple[ActorMention, ...]
    events: tuple[CandidateEvent, ...]
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; offsets index `article.text` (the HTML page's main text for HTML)."""
        article = self.article
        return {
            "article": {
                "path": article.path,
                "format": article.fmt,
                "published": article.published.isoformat() if article.published else None,
                "published_from": article.published_from,
                "title": article.title,
                "url": article.url,
                "publisher": article.publisher,
                "offsets_into": "main text extracted from the HTML"
                if article.fmt == "html"
                else "the file's text",
                "chars": len(article.text),
            },
            "lines": {
                kind: [ln.number for ln in self.lines if ln.kind == kind]
                for kind in ("furniture", "caption")
            },
            "claims": [asdict(c) for c in self.claims],
            "quantities": [asdict(q) for q in self.quantities],
            "dates": [_date_dict(d) for d in self.dates],
            "actors": [asdict(a) for a in self.actors],
            "events": [asdict(e) for e in self.events],
            "warnings": list(self.warnings),
        }


def _date_dict(mention: DateMention) -> dict[str, Any]:
    out = asdict(mention)
    out["interval"] = list(mention.interval) if mention.interval else None
    return out
