"""The extraction pipeline: lines, sentences, claims, quantities, dates, actors, events.

`extract` is pure and deterministic: the publication date is an input (no clock), and every
offset indexes the text given.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from accord.extract.actors import Gazetteer, load_gazetteer
from accord.extract.attribution import extract_claims
from accord.extract.clean import classify_lines
from accord.extract.dates import find_dates
from accord.extract.events import find_events
from accord.extract.models import (
    ActorMention,
    Article,
    Extraction,
    Line,
)
from accord.extract.quantities import find_quantities
from accord.extract.quotes import find_quotes
from accord.extract.sentences import Sentence, split_sentences
from accord.extract.spacy_tier import NLP, entity_mentions
from accord.extract.spans import SpanIndex

#: Sentences longer than this are not real prose (a scraped blob); claims are not sought there,
#: which keeps the work per article linear.
MAX_SENTENCE_FOR_CLAIMS = 3000


def extract(
    text: str,
    published: date | None = None,
    *,
    article: Article | None = None,
    gazetteer: Gazetteer | None = None,
    model: NLP | None = None,
) -> Extraction:
    """Extract claims, quantities, dates, actors and candidate events from one article's text.

    `model` (the optional spaCy tier, see `accord.extract.spacy_tier`) adds named entities
    that the gazetteer does not know to `actors`; everything else is rule-based.
    """
    gazetteer = gazetteer or load_gazetteer()
    article = article or Article(text=text, published=published)
    published = published or article.published
    lines = classify_lines(text)
    paragraphs = [(ln.start, ln.end) for ln in lines if ln.kind == "text"]
    sentences = _sentences(text, lines, ("text",))
    prose = [s for s in sentences if s.end - s.start <= MAX_SENTENCE_FOR_CLAIMS]
    claims = extract_claims(text, paragraphs, prose, gazetteer)
    quoted = [(p.start, p.end) for g in find_quotes(text, paragraphs) for p in g]
    spans = [(s.start, s.end) for s in sentences]
    in_claim = SpanIndex([(c.start, c.end) for c in claims])
    speakers = SpanIndex(
        [
            (c.speaker_start, c.speaker_end or c.speaker_start)
            for c in claims
            if c.speaker_start is not None
        ]
    )
    quantities = [
        replace(q, claim=in_claim.containing(q.start, q.end))
        for q in find_quantities(text, spans)
        if speakers.containing(q.start, q.start) is None
    ]  # "Two officials said": the speaker, not a count
    dates = [
        replace(d, claim=in_claim.containing(d.start, d.end))
        for d in find_dates(text, spans, published, quoted)
    ]
    actors = [m for s, e in paragraphs for m in gazetteer.mentions(text, s, e)]
    if model is not None:
        actors = sorted(
            actors + entity_mentions(model, text, paragraphs, actors), key=lambda m: m.start
        )
    outlet = _outlet_id(article, gazetteer)
    events = find_events(text, prose, claims, quantities, dates, gazetteer, outlet)
    warnings = () if published else ("no publication date: relative dates are left unresolved",)
    return Extraction(
        article=article if article.published == published else _with_date(article, published),
        lines=lines,
        claims=tuple(claims),
        quantities=tuple(quantities),
        dates=tuple(dates),
        actors=tuple(_dedupe(actors)),
        events=tuple(events),
        warnings=warnings,
    )


def extract_article(
    article: Article, gazetteer: Gazetteer | None = None, model: NLP | None = None
) -> Extraction:
    """`extract` for an article read by `accord.extract.text`."""
    return extract(
        article.text, article.published, article=article, gazetteer=gazetteer, model=model
    )


def _sentences(text: str, lines: tuple[Line, ...], kinds: tuple[str, ...]) -> list[Sentence]:
    return [
        s
        for ln in lines
        if ln.kind in kinds
        for s in split_sentences(text, ln.start, ln.end, ln.number)
    ]


def _outlet_id(article: Article, gazetteer: Gazetteer) -> str | None:
    """The outlet whose page this is: its gazetteer id when known, else its name."""
    if not article.publisher:
        return None
    return gazetteer.normalise(article.publisher) or article.publisher


def _with_date(article: Article, published: date | None) -> Article:
    return replace(article, published=published, published_from="option")


def _dedupe(mentions: list[ActorMention]) -> list[ActorMention]:
    seen: set[tuple[int, int]] = set()
    out = []
    for mention in mentions:
        if (mention.start, mention.end) not in seen:
            seen.add((mention.start, mention.end))
            out.append(mention)
    return out
