"""Candidate events: sentences that report an act, mapped to the action vocabulary.

A trigger word gives the action; the actor is the first gazetteer actor before the trigger,
the object kind comes from the nouns after it, quantity and date from the same sentence. Every
event is a candidate, attributed to the claim it sits in (its speaker and outlet) or to the
article's outlet.
"""

from __future__ import annotations

import re

from accord.extract.actors import Gazetteer
from accord.extract.models import CandidateEvent, Claim, DateMention, Quantity
from accord.extract.sentences import Sentence
from accord.extract.spans import SpanIndex
from accord.spec.vocabulary import EVENT_ACTIONS, OBJECT_KINDS

_TRIGGERS: tuple[tuple[str, str], ...] = (
    (r"(?:handed\s+over|returned)\s+(?:the\s+)?(?:bodies|remains)", "return_remains"),
    (r"released|freed|set\s+free|handed\s+over|were\s+handed|was\s+handed", "release"),
    (r"withdrew|pulled\s+(?:out|back)|retreated|withdrawn", "withdraw"),
    (r"struck|strikes?\s+(?:on|hit|killed)|shelled|bombed|attacked|fired\s+(?:on|at)|raided|"
     r"killed|launched\s+(?:an?\s+)?(?:attack|strike|offensive)|air\s*strikes?", "attack"),
    (r"halted\s+(?:aid|deliveries|the\s+entry)|suspended|blocked\s+aid|postponed|delayed|"
     r"cut\s+off", "suspend"),
    (r"resumed", "resume"),
    (r"(?:trucks|aid|convoys?)\s+(?:entered|crossed|arrived)|allowed\s+(?:aid|trucks)",
     "admit_aid"),
    (r"reopened|opened\s+(?:the\s+)?(?:crossing|border|road)", "open_crossing"),
    (r"deployed|sent\s+troops", "deploy"),
    (r"returned\s+(?:home|north|to\s+their)|began\s+crossing|head(?:ed)?\s+north", "allow_return"),
    (r"agreed\s+(?:to|on|a|the)|signed\s+(?:a|an|the)|accepted\s+the\s+(?:deal|proposal|agreement)",
     "agree"),
    (r"held\s+talks|negotiated|met\s+with", "negotiate"),
    (r"terminated|ended\s+the\s+(?:truce|ceasefire|agreement)|collapsed", "terminate"),
)  # fmt: skip
_TRIGGER = [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), a) for p, a in _TRIGGERS]
_OBJECTS: tuple[tuple[str, str], ...] = (
    (r"hostages?|captives?", "captive"),
    (r"prisoners?", "prisoner"),
    (r"detainees?", "detainee"),
    (r"bodies|remains", "remains"),
    (r"trucks?|lorries", "truck"),
    (r"fuel", "fuel"),
    (r"aid|food|medicine|supplies", "aid"),
    (r"troops|forces|soldiers", "forces"),
    (r"crossing|border", "crossing"),
    (r"displaced|families|residents", "displaced_person"),
    (r"Palestinians|Israelis|civilians|people|women|children|minors", "person"),
    (r"talks|negotiations", "talks"),
    (r"corridor|area|positions|territory|villages?|towns?", "area"),
)
_OBJECT = [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), k) for p, k in _OBJECTS]
_FUTURE = re.compile(r"\b(?:will|would|is\s+to|are\s+to|due\s+to|expected|plans?|could|may)\b")


def find_events(
    text: str,
    sentences: list[Sentence],
    claims: list[Claim],
    quantities: list[Quantity],
    dates: list[DateMention],
    gazetteer: Gazetteer,
    outlet: str | None,
) -> list[CandidateEvent]:
    """One candidate event per sentence and action reported as done (not as planned)."""
    out: list[CandidateEvent] = []
    index = _Index(claims, quantities, dates)
    for sentence in sentences:
        seen: set[str] = set()
        used: list[tuple[int, int]] = []  # one action per trigger: "handed over the bodies"
        for pattern, action in _TRIGGER:
            match = pattern.search(text, sentence.start, sentence.end)
            if match is None or action in seen or action not in EVENT_ACTIONS:
                continue
            if any(s < match.end() and match.start() < e for s, e in used):
                continue
            used.append(match.span())
            if _FUTURE.search(text, max(sentence.start, match.start() - 25), match.start()):
                continue
            seen.add(action)
            out.append(_event(text, sentence, match, action, index, gazetteer, outlet))
    return out


class _Index:
    """Claims, quantities and dates looked up by position."""

    def __init__(
        self, claims: list[Claim], quantities: list[Quantity], dates: list[DateMention]
    ) -> None:
        self.claims = claims
        self.quantities = quantities
        self.dates = dates
        self.claim_spans = SpanIndex([(c.start, c.end) for c in claims])
        self.quantity_spans = SpanIndex([(q.start, q.end) for q in quantities])
        self.date_spans = SpanIndex([(d.start, d.end) for d in dates])


def _event(
    text: str,
    sentence: Sentence,
    match: re.Match[str],
    action: str,
    index: _Index,
    gazetteer: Gazetteer,
    outlet: str | None,
) -> CandidateEvent:
    actors = gazetteer.mentions(text, max(sentence.start, match.start() - 300), match.start())
    actor = actors[0].actor if actors else None
    obj = _object(text, match.end(), min(sentence.end, match.end() + 200))
    obj = obj or _object(text, max(sentence.start, match.start() - 200), match.start())
    inside = [
        index.quantities[i] for i in index.quantity_spans.starting_in(sentence.start, sentence.end)
    ]
    when = [
        index.dates[i]
        for i in index.date_spans.starting_in(sentence.start, sentence.end)
        if index.dates[i].value
    ]
    claim_index = index.claim_spans.containing(match.start(), match.start())
    claim = index.claims[claim_index] if claim_index is not None else None
    claimed_by = (claim.actor if claim else None) or (claim.outlet if claim else None) or outlet
    return CandidateEvent(
        action=action,
        trigger=match.group(0),
        start=match.start(),
        end=match.end(),
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        actor=actor,
        object=obj,
        quantity=inside[0].value if inside else None,
        date=when[0].value if when else None,
        date_granularity=when[0].granularity if when else None,
        speaker=claim.speaker if claim else None,
        claimed_by=claimed_by,
        outlet=claim.outlet if claim else outlet,
        claim=claim_index,
        rule=f"trigger:{action}",
    )


def _object(text: str, start: int, end: int) -> str | None:
    best: tuple[int, str] | None = None
    for pattern, kind in _OBJECT:
        match = pattern.search(text, start, end)
        if match and kind in OBJECT_KINDS and (best is None or match.start() < best[0]):
            best = (match.start(), kind)
    return best[1] if best else None
