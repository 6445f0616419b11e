"""Claims: direct quotations and indirect speech with their speaker, cue, outlet and content.

Rules (each claim records which one fired):
- quote-after: `"...," he said` / `"...," said Huda` / `"..." Abu Khaled told The Post`
- quote-before: `Hamas said: "..."`, `Hamas cited "technical reasons"`
- quote-paragraph: another quote in a paragraph whose quote is attributed
- quote-floating: a quote opening a paragraph, carried to the last speaker (no cue)
- said-forward: `X said (that) ...`; said-reversed: `..., X said.` / `..., said X.`
- according-to: `..., according to X.` / `According to X, ...`
Pronouns ("he said") and short definite descriptions ("the ministry said") take the speaker
they refer back to, as written where it was named.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from accord.extract.actors import Gazetteer
from accord.extract.lexicon import CUE_VERBS, OBJECT_CUES, THAT_ONLY_CUES, WEEKDAY_NAMES
from accord.extract.models import Claim, ClaimKind
from accord.extract.quotes import QuotePiece, find_quotes
from accord.extract.sentences import Sentence
from accord.extract.spans import DisjointSpans
from accord.extract.speakers import (
    Span,
    bare_plural,
    definite_head,
    is_adverbial,
    is_pronoun,
    named_speaker,
    sentence_subject,
    skip_dateline,
    speaker_before,
    speaker_kind,
    trim_apposition,
    valid_speaker,
)

_CUES = "|".join(sorted((re.escape(c) for c in CUE_VERBS), key=len, reverse=True))
_CUE = re.compile(rf"\b(?:{_CUES})\b")
_AFTER_CUE_FIRST = re.compile(
    rf"^\s*,?\s*(?P<cue>{_CUES})\s+(?P<sp>[^.;!?“”\"]{{1,160}}?)\s*(?=[.;!?]|$)"
)
_AFTER_SPEAKER_FIRST = re.compile(
    rf"^\s*,?\s*(?P<sp>[^.;!?“”\"]{{1,120}}?)\s+(?P<cue>{_CUES})\b(?P<rest>[^.;!?“”\"]*)"
)
_BEFORE = re.compile(rf"\b(?P<cue>{_CUES})\b(?P<mid>[^.!?“”\"]{{0,100}}?)[:,]?\s*$")
_SENTENCE_END_BEFORE = re.compile(r"[.!?][\"\u201d\u2019]?\s+(?=\S)")
_OUTLET = re.compile(
    r"^\s*(?:the\s+(?:newspaper|daily|broadcaster|news\s+agency|agency|channel|network|"
    r"outlet|radio\s+station|television\s+channel|paper|website|public\s+broadcaster|"
    r"magazine|news\s+site)\s+)?(?P<name>(?:The\s+)?[A-Z][\w'\u2019.&-]*(?:\s+(?:[A-Z][\w'\u2019.&-]*|of))*)"
)
_RECIPIENT = re.compile(
    r"^\s*(?:reporters|journalists|a\s+(?:news|press)\s+conference|parliament|lawmakers|"
    r"state\s+(?:media|television|tv|radio)|the\s+(?:cabinet|council|"
    r"security\s+council|parliament|assembly)|(?:him|her|them|us|me))\b",
    re.IGNORECASE,
)
_THAT_WINDOW = re.compile(
    r"(?P<adv>(?:\s*,?\s*(?:(?:in|on|at|during|after|via|through|to|late|early|earlier|later|"
    rf"last|this|by|over|from)\b[^,.;“”\"]{{0,60}}?|{'|'.join(WEEKDAY_NAMES)}|"
    r"yesterday|today|on\s+\w+|again|also|repeatedly|publicly|privately)"
    r")*)\s*,?\s*that\s+",
    re.IGNORECASE,
)
_LEADING_ADVERBIAL = re.compile(
    rf"\s*,?\s*(?:(?:late|early)\s+)?(?:on\s+)?(?:{'|'.join(WEEKDAY_NAMES)}|"
    r"yesterday|today|last\s+week|this\s+week)\b\s*,?\s*",
    re.IGNORECASE,
)
_CONTENT_CUT = re.compile(
    r",?\s+(?:but|and)\s+(?:declined|did\s+not|would\s+not|refused|gave\s+no|could\s+not|"
    r"stopped\s+short)\b"
    r"|,\s+(?:without|adding|citing|noting|saying|speaking|in\s+a\s+statement|who|once|"
    r"although|though|whereas|suggesting|arguing|insisting|warning|claiming|describing|calling|"
    r"accusing)\b"
)
_NEXT_CUE = re.compile(rf"(?:,\s*|\s+)(?:and|but)\s+(?:also\s+)?(?:{_CUES})\b")
_CONTENT_SPLIT = re.compile(
    r",?\s+and\s+(?=(?:it|he|she|they|we)\s+(?:had|has|have|would|will|was|were|is|are|could|"
    r"should|did)\b)"
)
_TAIL_CLAUSE = re.compile(r"\b(?:that|is|are|was|were|has|have|had|will|would|did|[a-z]\w+ed)\b")
_REPORT = re.compile(
    r"\b(?P<sp>(?:[A-Z][\w.-]*\s+){0,4}[A-Z][\w.-]*)['\u2019]s?\s+(?:own\s+)?"
    r"(?:report|statement|account|figures|count|data|tally|assessment|findings)\s+"
    r"(?P<cue>aligns?\s+with|matche[sd]|show(?:s|ed)|f(?:ou|i)nds?|suggest(?:s|ed)|"
    r"confirm(?:s|ed)|put|puts)\s+(?:that\s+)?"
)
_COORDINATED = re.compile(r"(?:,\s*|\s+)(?:and|but)\s+(?:also\s+)?$")
_ACCORDING_TAIL = re.compile(r",\s*[Aa]ccording\s+to\s+(?P<sp>[^.;!?“”\"]+?)\s*(?=[.;!?]?$)")
_ACCORDING_HEAD = re.compile(r"^According\s+to\s+(?P<sp>[^,.;!?“”\"]+),\s*")
_RELATIVE_BEFORE = re.compile(r"\b(?:who|which|that|whose|whom)\s+(?:\w+\s+)?$", re.IGNORECASE)
_APPOSITION_STOP = re.compile(r",\s*(?:although|though|but|which|who|and|as|while|after)\b")
MIN_CONTENT_WORDS = 3
WINDOW = 600  # characters around a quotation searched for its attribution
HISTORY = 50  # earlier speakers a definite description may refer back to
SHORT_QUOTE_WORDS = 5
SPEAKER_ONLY = "speaker-only"  # remembered for later pronouns, not a claim


@dataclass(frozen=True, slots=True)
class _Raw:
    """A claim before its speaker is resolved (pronouns, floating quotes)."""

    kind: ClaimKind
    start: int
    end: int
    speaker: Span | None
    cue: str | None
    outlet: str | None
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class _Said:
    phrase: str
    start: int
    end: int


class _Resolver:
    """Speakers named so far, for pronouns, definite descriptions and floating quotes; sentence
    subjects too, since "A Hamas spokesman rejected it. "...," he said." refers to the subject."""

    def __init__(self, text: str, subjects: list[Span]) -> None:
        self.text = text
        self.history: list[_Said] = []
        self.subjects = subjects
        self.starts = [s.start for s in subjects]

    def resolve(self, span: Span, content_start: int) -> _Said:
        phrase = self.text[span.start : span.end]
        if is_pronoun(phrase):
            before = min(span.start, content_start)
            return self._antecedent(before) or _Said(phrase, span.start, span.end)
        head = definite_head(phrase)
        if head is not None:
            for said in reversed(self.history[-HISTORY:]):
                if head in said.phrase.lower().split():
                    return said
            earlier = self._earlier_mention(head, span.start)
            if earlier is not None:
                return earlier
        return _Said(phrase, span.start, span.end)

    def _antecedent(self, before: int) -> _Said | None:
        said = self.history[-1] if self.history else None
        k = bisect_left(self.starts, before)
        subject = self.subjects[k - 1] if k > 0 else None
        if subject is not None and (said is None or subject.start >= said.end):
            return _Said(self.text[subject.start : subject.end], subject.start, subject.end)
        return said

    def _earlier_mention(self, head: str, before: int) -> _Said | None:
        pattern = re.compile(rf"\b(?:[Tt]he\s+)(?:[A-Z][\w'\u2019-]*\s+)+{re.escape(head)}\b")
        found = None
        for match in pattern.finditer(self.text, max(0, before - 3000), before):
            found = match
        if found is None:
            return None
        return _Said(found.group(0), found.start(), found.end())

    def remember(self, said: _Said) -> None:
        self.history.append(said)


def extract_claims(
    text: str,
    paragraphs: list[tuple[int, int]],
    sentences: list[Sentence],
    gazetteer: Gazetteer,
) -> list[Claim]:
    """All claims in the article's text paragraphs, in text order."""
    groups = find_quotes(text, paragraphs)
    raws = _direct(text, groups, paragraphs) + _indirect(text, sentences, groups)
    raws.sort(key=lambda r: (r.start, r.end))
    subjects = [
        span for s in sentences if (span := sentence_subject(text, s.start, s.end)) is not None
    ]
    return _resolve(text, raws, gazetteer, subjects)


def _direct(
    text: str, groups: list[list[QuotePiece]], paragraphs: list[tuple[int, int]]
) -> list[_Raw]:
    out: list[_Raw] = []
    attributed_paragraphs: dict[int, _Raw] = {}
    pending: list[QuotePiece] = []
    for group in groups:
        last = group[-1]
        found = _after(text, last, paragraphs) or _before(text, group[0], paragraphs)
        for piece in group:
            if found is not None:
                raw = replace(found, start=piece.start, end=piece.end)
                out.append(raw)
                attributed_paragraphs.setdefault(piece.paragraph, raw)
            else:
                pending.append(piece)
    for piece in pending:
        inherit = attributed_paragraphs.get(piece.paragraph)
        starts_paragraph = piece.open_mark == _first_visible(text, paragraphs[piece.paragraph][0])
        if inherit is not None:
            out.append(replace(inherit, start=piece.start, end=piece.end, rule="quote-paragraph"))
        elif starts_paragraph and len(text[piece.start : piece.end].split()) >= 2:
            out.append(
                _Raw("direct", piece.start, piece.end, None, None, None, "quote-floating", 0.6)
            )
    return out


def _first_visible(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _after(text: str, piece: QuotePiece, paragraphs: list[tuple[int, int]]) -> _Raw | None:
    if piece.close_mark is None:
        return None
    end = paragraphs[piece.paragraph][1]
    tail = text[piece.close_mark + 1 : min(end, piece.close_mark + 1 + WINDOW)]
    nxt = min((tail.find(c) for c in '“"' if c in tail), default=-1)
    if nxt >= 0:
        tail = tail[:nxt]
    base = piece.close_mark + 1
    match = _AFTER_CUE_FIRST.match(tail)
    if match and match.group("sp").strip():
        span = _clean(text, base + match.start("sp"), base + match.end("sp"))
        if span is not None and _plausible(text[span.start : span.end]):
            span = trim_apposition(text, span)
            return _Raw("direct", 0, 0, span, match.group("cue"), None, "quote-after", 0.9)
    match = _AFTER_SPEAKER_FIRST.match(tail)
    if match:
        span = speaker_before(text, base + match.start("sp"), base + match.end("sp"))
        if span is not None:
            span = trim_apposition(text, span)
            cue = match.group("cue")
            outlet = _outlet(match.group("rest")) if cue in OBJECT_CUES else None
            return _Raw("direct", 0, 0, span, cue, outlet, "quote-after", 0.9)
    return None


def _before(text: str, piece: QuotePiece, paragraphs: list[tuple[int, int]]) -> _Raw | None:
    start = max(paragraphs[piece.paragraph][0], piece.open_mark - WINDOW)
    head = text[start : piece.open_mark]
    ends = list(_SENTENCE_END_BEFORE.finditer(head))
    offset = start + (ends[-1].end() if ends else 0)
    head = text[offset : piece.open_mark]
    match = _BEFORE.search(head)
    if match is None:
        return None
    cue_start = offset + match.start("cue")
    span = speaker_before(text, offset, cue_start)
    if span is None and _COORDINATED.search(text[offset:cue_start]):
        span = _first_speaker(text, offset, cue_start)
    if span is None:
        return None
    cue = match.group("cue")
    outlet = _outlet(match.group("mid")) if cue in OBJECT_CUES else None
    return _Raw("direct", 0, 0, span, cue, outlet, "quote-before", 0.85)


def _first_speaker(text: str, start: int, end: int) -> Span | None:
    """The speaker of the first cue in a sentence ("X said A, and warned "B"": X)."""
    first = _CUE.search(text, start, end)
    return None if first is None else speaker_before(text, start, first.start())


def _clean(text: str, s: int, e: int) -> Span | None:
    while s < e and text[s] in " ,":
        s += 1
    while e > s and text[e - 1] in " ,":
        e -= 1
    return Span(s, e) if e > s else None


def _plausible(phrase: str) -> bool:
    words = phrase.split()
    return (
        bool(words)
        and len(words) <= 20
        and (words[0][0].isupper() or words[0] in ("a", "an", "the"))
    )


def _outlet(after_cue: str) -> str | None:
    if _RECIPIENT.match(after_cue):
        return None
    match = _OUTLET.match(after_cue)
    return match.group("name").strip() if match else None


def _object_end(sentence_text: str, position: int) -> tuple[int, str | None]:
    """Skip the recipient of `told` ("told the newspaper Haaretz"); return (offset, outlet)."""
    rest = sentence_text[position:]
    recipient = _RECIPIENT.match(rest)
    if recipient:
        return position + recipient.end(), None
    match = _OUTLET.match(rest)
    if match:
        return position + match.end(), match.group("name").strip()
    return position, None


def _indirect(text: str, sentences: list[Sentence], groups: list[list[QuotePiece]]) -> list[_Raw]:
    """Reported speech; a short quotation inside the reported clause ("said the organisation
    was "appalled" by ...") stays part of it, a long one makes the claim a direct quote."""
    long_quotes = DisjointSpans(
        [
            (p.open_mark, (p.close_mark or p.end) + 1)
            for g in groups
            for p in g
            if len(text[p.start : p.end].split()) > SHORT_QUOTE_WORDS
        ]
    )
    quote_marks = DisjointSpans(
        [(p.open_mark, (p.close_mark or p.end) + 1) for g in groups for p in g]
    )
    out: list[_Raw] = []
    for sentence in sentences:
        out += _sentence_claims(text, sentence, quote_marks, long_quotes)
    return out


def _sentence_claims(
    text: str,
    sentence: Sentence,
    quoted: DisjointSpans,
    long_quotes: DisjointSpans,
) -> list[_Raw]:
    s0, s1 = sentence.start, sentence.end
    body_end = s1
    while body_end > s0 and text[body_end - 1] in ".!?;: ":
        body_end -= 1
    claims = _according(text, s0, body_end, quoted) + _report(text, s0, body_end)
    previous: _Raw | None = None
    for match in _CUE.finditer(text, s0, body_end):
        if quoted.holds(match.start()):
            continue
        if _RELATIVE_BEFORE.search(text[max(s0, match.start() - 20) : match.start()]):
            continue
        coordinated = previous is not None and _COORDINATED.search(text[s0 : match.start()])
        nested = previous is not None and previous.start <= match.start() < previous.end
        if nested and not coordinated and previous is not None:
            # "said A, and the families' forum said B" is two claims; a cue inside reported
            # content with no speaker of its own ("..., a point Israel had insisted on") is none
            second = _second_clause(text, previous, match, body_end)
            if second is not None:
                claims[-1] = previous = replace(previous, end=second.previous_end)
                pieces = _split(text, second.claim)
                claims += pieces
                previous = pieces[-1]
            continue
        raw = _claim_at(text, s0, body_end, match, previous)
        if raw is None or long_quotes.overlaps(raw.start, raw.end):
            continue
        if previous is not None and previous.end > raw.start and previous.start < raw.start:
            previous = replace(previous, end=_trim_end(text, previous.start, raw.start))
            claims[-1] = previous
        pieces = _split(text, raw)
        claims += pieces
        previous = pieces[-1]
    return [_short_to_speaker(text, c) for c in claims]


def _short_to_speaker(text: str, raw: _Raw) -> _Raw:
    """A claim with too short a content ("confirmed the arrangement") still names a speaker
    that a later "it said" may refer to."""
    if len(text[raw.start : raw.end].split()) >= MIN_CONTENT_WORDS:
        return raw
    return replace(raw, end=raw.start, rule=SPEAKER_ONLY)


@dataclass(frozen=True, slots=True)
class _Second:
    claim: _Raw
    previous_end: int


_SECOND_CLAUSE = re.compile(r"(?:,\s+(?:and|but|while|whereas)\s+|;\s+)")


def _second_clause(text: str, previous: _Raw, match: re.Match[str], s1: int) -> _Second | None:
    breaks = list(_SECOND_CLAUSE.finditer(text, previous.start, match.start()))
    if not breaks:
        return None
    cut = breaks[-1]
    span = speaker_before(text, cut.end(), match.start())
    if span is None or _CUE.search(text, span.start, span.end):
        return None
    raw = _forward(text, s1, match, match.group(0), span, "said-forward")
    if raw is None:
        return None
    return _Second(raw, _trim_end(text, previous.start, cut.start()))


def _claim_at(
    text: str, s0: int, s1: int, match: re.Match[str], previous: _Raw | None
) -> _Raw | None:
    cue = match.group(0)
    before = text[s0 : match.start()]
    if previous is not None and _COORDINATED.search(before):
        return _forward(text, s1, match, cue, previous.speaker, "said-coordinated")
    reversed_claim = _reversed(text, s0, s1, match, cue)
    if reversed_claim is not None:
        return reversed_claim
    span = speaker_before(text, s0, match.start())
    if span is None or _has_cue(text, span):
        return None
    return _forward(text, s1, match, cue, span, "said-forward")


def _has_cue(text: str, span: Span) -> bool:
    """A cue verb in a speaker phrase, other than in a relative clause ("who asked not to be
    named")."""
    return any(
        not _RELATIVE_BEFORE.search(text[max(span.start, m.start() - 20) : m.start()])
        for m in _CUE.finditer(text, span.start, span.end)
    )


def _forward(
    text: str, s1: int, match: re.Match[str], cue: str, span: Span | None, rule: str
) -> _Raw | None:
    position, outlet = match.end(), None
    if cue in OBJECT_CUES and cue not in ("accused", "accuses", "blamed"):
        position, outlet = _object_end(text[:s1], match.end())
    window = _THAT_WINDOW.match(text, position, s1)
    if window is not None:
        position = window.end()
    elif cue in THAT_ONLY_CUES:
        return None
    else:
        lead = _LEADING_ADVERBIAL.match(text, position, s1)
        if lead is not None:
            position = lead.end()
    while position < s1 and text[position] in " ,:":
        position += 1
    if position >= s1 or text[position] in '“"':
        return None
    end = _content_end(text, position, s1)
    confidence = 0.8 if window is not None else 0.7
    return _Raw("indirect", position, end, span, cue, outlet, rule, confidence)


def _reversed(text: str, s0: int, s1: int, match: re.Match[str], cue: str) -> _Raw | None:
    """`..., the media office said.` or `..., said the media office.`"""
    after_comma = text.find(",", match.end(), s1)
    tail = text[match.end() : s1 if after_comma < 0 else after_comma]
    comma = text.rfind(", ", s0, match.start())
    if comma < 0:
        return None
    between = text[comma + 2 : match.start()].strip()
    outlet = None
    if between:  # ", X said (to Y)."
        span = speaker_before(text, comma + 2, match.start())
        if span is None or len(tail.split()) > 8 or _TAIL_CLAUSE.search(tail):
            return None
        if _CUE.search(text, span.start, span.end):
            return None
        if cue in OBJECT_CUES:
            outlet = _outlet(tail)
    else:  # ", said X."
        words = tail.split()
        if not words or len(words) > 10:
            return None
        span = _clean(text, match.end(), s1)
        if span is None:
            return None
        span = trim_apposition(text, span)
        span = valid_speaker(text, span.start, span.end)
        if span is None:
            return None
    if text[s0] in '“"\u2018' or is_adverbial(text[s0:comma]):
        return None
    s0 = skip_dateline(text, s0, comma)
    end = _trim_end(text, s0, comma)
    if end <= s0:
        return None
    return _Raw("indirect", s0, end, span, cue, outlet, "said-reversed", 0.75)


def _according(text: str, s0: int, s1: int, quoted: DisjointSpans) -> list[_Raw]:
    sentence = text[s0:s1]
    head = _ACCORDING_HEAD.match(sentence)
    if head:
        span = Span(s0 + head.start("sp"), s0 + head.end("sp"))
        start = s0 + head.end()
        return [_Raw("according_to", start, s1, span, "according to", None, "according-to", 0.85)]
    tail = _ACCORDING_TAIL.search(sentence)
    if tail is None or quoted.holds(s0 + tail.start()):
        return []
    content_start = skip_dateline(text, s0, s0 + tail.start())
    sp_end = s0 + tail.end("sp")
    stop = _APPOSITION_STOP.search(text, s0 + tail.start("sp"), sp_end)
    if stop is not None:
        sp_end = stop.start()
    span = Span(s0 + tail.start("sp"), sp_end)
    return [
        _Raw(
            "according_to",
            content_start,
            s0 + tail.start(),
            span,
            "according to",
            None,
            "according-to",
            0.85,
        )
    ]


def _report(text: str, s0: int, s1: int) -> list[_Raw]:
    """ "The ministry's report aligns with ...", "Reuters' tally showed ...": the owner speaks."""
    match = _REPORT.search(text, s0, s1)
    if match is None:
        return []
    span = valid_speaker(text, match.start("sp"), match.end("sp"))
    if span is None:
        return []
    end = _content_end(text, match.end(), s1)
    cue = " ".join(match.group("cue").split())
    return [_Raw("indirect", match.end(), end, span, cue, None, "report-cue", 0.7)]


def _content_end(text: str, start: int, end: int) -> int:
    for pattern in (_CONTENT_CUT, _NEXT_CUE):
        cut = pattern.search(text, start, end)
        if cut is not None:
            end = cut.start()
    return _trim_end(text, start, end)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,.;:!?":
        end -= 1
    return end


def _split(text: str, raw: _Raw) -> list[_Raw]:
    """'that it had X and it would Y' is two claims."""
    out = []
    start = raw.start
    for match in _CONTENT_SPLIT.finditer(text, raw.start, raw.end):
        out.append(replace(raw, start=start, end=_trim_end(text, start, match.start())))
        start = match.end()
    out.append(replace(raw, start=start))
    return out


def _surname_actor(text: str, said: _Said, gazetteer: Gazetteer) -> str | None:
    """ "Hamdan said": the actor of the full name used earlier ("Osama Hamdan")."""
    if not re.fullmatch(r"[A-Z][\w'\u2019-]+", said.phrase):
        return None
    pattern = re.compile(rf"\b[A-Z][\w'\u2019-]+\s+(?:al-|bin\s+)?{re.escape(said.phrase)}\b")
    earlier = pattern.search(text, max(0, said.start - 5000), said.start)
    return gazetteer.normalise(earlier.group(0)) if earlier else None


def _generic(raw: _Raw, said: _Said, gazetteer: Gazetteer) -> bool:
    """Reported speech of an unnamed crowd ("Analysts said", "Aid groups said") is colour, not
    evidence, unless the phrase names an actor ("Mediators in Cairo")."""
    if raw.kind != "indirect" or not bare_plural(said.phrase):
        return False
    return not gazetteer.mentions(said.phrase)


def _resolve(
    text: str, raws: list[_Raw], gazetteer: Gazetteer, subjects: list[Span]
) -> list[Claim]:
    resolver = _Resolver(text, subjects)
    claims: list[Claim] = []
    for raw in raws:
        if raw.speaker is None:
            if not resolver.history:
                continue
            said = resolver.history[-1]
        else:
            said = resolver.resolve(raw.speaker, raw.start)
        resolver.remember(said)
        if raw.rule == SPEAKER_ONLY or raw.end <= raw.start or _generic(raw, said, gazetteer):
            continue
        named = named_speaker(text, Span(said.start, said.end))
        name = _Said(text[named.start : named.end], named.start, named.end)
        actor = gazetteer.normalise(said.phrase) or _surname_actor(text, name, gazetteer)
        claims.append(
            Claim(
                kind=raw.kind,
                speaker=name.phrase,
                actor=actor,
                speaker_kind=speaker_kind(said.phrase, actor, gazetteer),
                cue=raw.cue,
                outlet=raw.outlet,
                content=text[raw.start : raw.end],
                start=raw.start,
                end=raw.end,
                speaker_start=name.start,
                speaker_end=name.end,
                rule=raw.rule,
                confidence=raw.confidence,
            )
        )
    return claims
