"""Speaker phrases: trimming them out of a clause, telling anonymous from named, resolving
"he" and "the ministry" to the speaker they refer back to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.extract.actors import Gazetteer
from accord.extract.lexicon import (
    DETERMINERS,
    MONTH_NAMES,
    PRONOUNS,
    SPEAKER_TAIL_WORDS,
    WEEKDAY_NAMES,
)

_LEADING_CLAUSE = re.compile(
    r"^(?:(?:in|on|at|under|after|during|earlier|later|meanwhile|however|speaking|asked|late|"
    r"separately|since|following|despite|before|when|while|as|with|without|from|by|for|"
    r"writing|addressing|overnight|today|yesterday|within|just|shortly|hours|minutes|moments|"
    r"days|weeks|soon|once|then|also|instead|nevertheless|previously|responding|reacting|"
    rf"last|this|that|earlier|in\s+response|{'|'.join(MONTH_NAMES)}|{'|'.join(WEEKDAY_NAMES)}|"
    r"\d{1,2}\s+\w+)\b[^,]{0,120},(?:\s*\d{4},)?\s*)+",
    re.IGNORECASE,
)
# "CAIRO (Reuters) - ", "GAZA CITY, Feb 10 (AP) — "
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\- ]{1,30}(?:,\s*[A-Z][\w.]*(?:\s\d{1,2})?)?\s*(?:\([^)]{1,40}\))?"
    r"\s*[-\u2013\u2014]+\s+"
)
_LEADING_WORDS = re.compile(r"^(?:(?:but|and|yet|still|so|also|now|instead)\s+)+", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r"(?:[;:]\s+|,\s+(?:but|while|whereas|although|though|as|because|after|when|so)\s+"
    r"|\s+(?:but|while|whereas|although|though|because|after|before|when|once|since|until|"
    r"unless|if)\s+|\u2014\s*|\s\u2013\s)"
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|did|does|do|could|should|can|may|might|must|shall|"
    r"has|have|had|received|rejected|withdrew|agreed|published|announced|confirmed|"
    r"who|which|whom|whose|if|than|not|saying|according|took|made|came|went|got|kept|"
    r"released|freed|killed|began|left|set|held|reached|struck|opened|closed|entered)\b",
)
_TRAILING_TIME = re.compile(
    r"(?:\s*,)?\s+(?:(?:late|early|earlier|later)\s+)?(?:on|in|at|last|this|on\s+the)?\s*"
    rf"(?:{'|'.join(WEEKDAY_NAMES)}|week|night|morning|"
    r"afternoon|evening|weekend|month|year|today|yesterday|tonight)(?:\s+(?:morning|night|"
    r"afternoon|evening))?\s*,?$",
    re.IGNORECASE,
)
_TRAILING_STATEMENT = re.compile(
    r"(?:,\s*|\s+)(?:in|via|through|on)\s+(?:a|an|its|his|her|their)\s+[\w\s-]{0,30}?"
    r"(?:statement|interview|post|briefing|message|letter|speech|conference)\s*,?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'\u2019.-]+")
MAX_SPEAKER_WORDS = 14
_PREPOSITIONS = frozenset(
    [
        "under",
        "in",
        "on",
        "at",
        "after",
        "before",
        "during",
        "with",
        "without",
        "from",
        "by",
        "for",
        "of",
        "to",
        "into",
        "since",
        "as",
    ]
)


@dataclass(frozen=True, slots=True)
class Span:
    """A speaker phrase's offsets in the text."""

    start: int
    end: int


def speaker_before(text: str, clause_start: int, cue_start: int) -> Span | None:
    """The speaker phrase ending just before a cue verb, or None if the words there are not one.

    Leading adverbial clauses ("In a statement, ..."), conjunctions and trailing time phrases
    ("Hamas on Sunday said") are trimmed; a phrase with a finite verb in it is no speaker.
    """
    s, e = clause_start, cue_start
    segment = text[s:e]
    aside = _ASIDE.search(segment)
    if aside is not None and aside.start() > 0:
        # "A UN official, who asked not to be named because ..., said", "Rodrigo, a FARC
        # commander who ..., said": the words between the commas say who the speaker is; a
        # "because" or "who" in them does not start or end the speaker
        head = speaker_before(text, s, s + aside.start())
        if head is not None and (aside.group("rel") or _proper(text[head.start : head.end])):
            return Span(head.start, _clean_end(text, head.start, e))
    breaks = list(_CLAUSE_BREAK.finditer(segment))
    if breaks:
        s += breaks[-1].end()
        segment = text[s:e]
    found = _trimmed(text, s, e)
    if found is None and (coordinated := list(_AND.finditer(segment))):
        found = _trimmed(text, s + coordinated[-1].end(), e)
    if found is None and (comma := segment.rfind(", ")) > 0:
        found = _trimmed(text, s + comma + 2, e)  # "Just after midnight, Israel said"
    return found


_AND = re.compile(r",\s+and\s+")
# ", who asked not to be named because the mission had not authorised interviews, " before a cue
_ASIDE = re.compile(r",\s+(?:(?P<rel>who|whose)|a|an|the)\s[^,\"\u201c\u201d]{1,160},\s*$")


def _clean_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,":
        end -= 1
    return end


# "a man who had just returned home said" keeps its relative clause (it says who the speaker is);
# "Hamas, which controls Gaza, said" is Hamas.
_RELATIVE_SPEAKER = re.compile(
    r"^(?P<np>[^,]{1,80}?)(?:,\s*(?P<which>which\b|asked\b|speaking\b|responding\b|writing\b|"
    r"reacting\b|quoted\b|cited\b)[^,]*,?\s*$|,?\s+(?:who|whose)\b[^\"“”]{0,140}$)"
)


def _trimmed(text: str, s: int, e: int) -> Span | None:
    segment = text[s:e]
    for pattern in (_DATELINE, _LEADING_CLAUSE, _LEADING_WORDS):
        match = pattern.match(segment)
        if match:
            s += match.end()
            segment = text[s:e]
    relative = _RELATIVE_SPEAKER.match(segment)
    if relative is not None:
        if relative.group("which"):
            return _span_if_speaker(text, s, s + relative.end("np"))
        head = _span_if_speaker(text, s, s + relative.end("np"))
        end = e
        while end > s and text[end - 1] in " ,":
            end -= 1
        return None if head is None else Span(head.start, end)
    changed = True
    while changed:
        changed = False
        for pattern in (_TRAILING_TIME, _TRAILING_STATEMENT):
            match = pattern.search(segment)
            if match and match.start() > 0:
                e = s + match.start()
                segment = text[s:e]
                changed = True
        words = segment.split()
        while words and words[-1].lower().strip(",") in SPEAKER_TAIL_WORDS and len(words) > 1:
            e = s + segment.rstrip().rfind(words[-1])
            segment = text[s:e]
            words = segment.split()
            changed = True
    return _span_if_speaker(text, s, e)


_PERSONISH = re.compile(
    r"\b(?:official|officials|spokes\w+|minister|ministry|office|president|leader|envoy|"
    r"diplomat|diplomats|negotiator|commander|chief|man|woman|mother|father|brother|sister|son|"
    r"daughter|resident|witness|doctor|source|sources|mediators?|army|military|group|movement|"
    r"government|agency|agencies|forum|committee|directorate|service|police|aide|adviser|"
    r"advisor|analyst|researcher|head|director|secretary|ambassador|prime|king|emir)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"\b[A-Z][a-z'\u2019-]+\s+(?:al-|bin\s+|Abu\s+)?[A-Z][a-z'\u2019-]+")
_VERB = re.compile(
    r"\b(?:\w+ed|is|are|was|were|has|have|had|will|would|did|does|do|can|could|said|says|told|"
    r"began|went|came|made|took|gave|kept|held|met|saw|left|called|calls|wants|remains|spoke|"
    r"speaks|rejects|warns|accuses|agrees|insists|vows|denies|confirms|announces)\b"
)
_AMONG = re.compile(r"^Among\s+(?:them|those)\s+(?:was|were)\s+(?P<np>[^.,;]+)")


def sentence_subject(text: str, start: int, end: int) -> Span | None:
    """A person or body the sentence is about (its subject), for later "he said"; else None."""
    among = _AMONG.match(text, start, end)
    if among is not None:
        return Span(among.start("np"), among.end("np"))
    verb = _VERB.search(text, start, min(end, start + 300))
    if verb is None:
        return None
    span = speaker_before(text, start, verb.start())
    if span is None:
        return None
    phrase = text[span.start : span.end]
    if is_pronoun(phrase) or not (_PERSONISH.search(phrase) or _NAME.search(phrase)):
        return None
    return span


def skip_dateline(text: str, start: int, end: int) -> int:
    """The offset after a leading dateline ("BEIRUT (AP) \u2014 "), or `start`."""
    match = _DATELINE.match(text[start : min(end, start + 120)])
    return start + match.end() if match else start


def valid_speaker(text: str, start: int, end: int) -> Span | None:
    """The phrase as a speaker (trimmed), or None when it cannot be one ("the threats
    frightened her", "about the plan")."""
    span = _span_if_speaker(text, start, end)
    if span is None or _PARTICIPLE.search(text, span.start, span.end):
        return None
    return span


def is_adverbial(phrase: str) -> bool:
    """A leading adverbial clause such as "Earlier in the truce," or "On Monday,"."""
    match = _LEADING_CLAUSE.match(phrase.strip() + ", ")
    return match is not None and match.end() >= len(phrase.strip())


_PARTICIPLE = re.compile(r"\b[a-z]\w+ed\b")


def trim_apposition(text: str, span: Span) -> Span:
    """ "Huda, a mother of three" -> "Huda"; a full name keeps the description that follows it
    ("Mona Farid, a researcher at the Gulf Policy Circle") so that the actor can be read from
    it; `named_speaker` then gives the name alone."""
    comma = text.find(",", span.start, span.end)
    if comma <= span.start:
        return span
    name = text[span.start : comma]
    described = _APPOSITION.match(text, comma, span.end)
    if described is not None and len(_NAME_WORD.findall(name)) >= 2:
        end = described.end()
        while end > span.start and text[end - 1] in " ,":
            end -= 1
        return Span(span.start, end)
    return Span(span.start, comma)


_APPOSITION = re.compile(r",\s+(?:a|an|the|who)\s[^,]{1,120}")
_NAME_WORD = re.compile(r"\b[A-Z][a-z'\u2019-]+")


_NAME_PARTICLES = frozenset(
    ["al-", "al", "bin", "ibn", "abu", "de", "del", "da", "la", "van", "von"]
)
_NONRESTRICTIVE = re.compile(
    r"^\s*(?:who|whose|which|read|quoted|cited|speaking|writing|issued|released|published)\b"
)


def named_speaker(text: str, span: Span) -> Span:
    """The speaker as named, without the description around the name: "Selam Hailu, who
    studies ..." and "Basurin, a Donetsk separatist official" -> the name; "Ethiopia's
    ambassador to Kenya, Bacha Debele" -> "Bacha Debele"; "A woman from Logar province, whose
    son is held" -> "A woman from Logar province". An unnamed speaker keeps a restrictive
    clause ("an official who attended the handover"). Callers read the actor from the whole
    phrase, so the description still counts for it."""
    phrase = text[span.start : span.end]
    comma = phrase.find(",")
    if comma <= 0:
        return span
    head = phrase[:comma]
    if _proper(head):
        return Span(span.start, span.start + len(head.rstrip()))
    last = phrase.rfind(",")
    tail = phrase[last + 1 :]
    if " and " not in phrase and _proper(tail) and any(w.islower() for w in head.split()):
        return Span(span.start + last + 1 + len(tail) - len(tail.lstrip()), span.end)
    if _NONRESTRICTIVE.match(phrase[comma + 1 :]):
        return Span(span.start, span.start + len(head.rstrip()))
    return span


def _proper(phrase: str) -> bool:
    """A name: every word capitalised, except name particles ("Taher al-Nunu", "The CSIVI",
    "President Poroshenko")."""
    words = phrase.split()
    return (
        bool(words)
        and all(
            w[0].isupper() or w.lower() in _NAME_PARTICLES or w.lower().startswith("al-")
            for w in words
        )
        and words[0][0].isupper()
    )


def _span_if_speaker(text: str, s: int, e: int) -> Span | None:
    while s < e and text[s] in " ,\t\n":
        s += 1
    while e > s and text[e - 1] in " ,\t\n":
        e -= 1
    phrase = text[s:e]
    words = _WORD.findall(phrase)
    if not words or len(words) > MAX_SPEAKER_WORDS or any(c in phrase for c in '“”"()'):
        return None
    first = words[0]
    if first.lower() in _PREPOSITIONS or first[0].isdigit():
        return None
    lower_ok = first.lower() in DETERMINERS or first.lower() in PRONOUNS or _NAME.search(phrase)
    if not (first[0].isupper() or lower_ok):
        return None  # "army spokesman Ali Hamdan" may start in lower case: it names someone
    if _FINITE.search(phrase.lower()):
        return None
    return Span(s, e)


def is_pronoun(phrase: str) -> bool:
    """He, she, they, it, we, I."""
    return phrase.strip().lower() in PRONOUNS


def definite_head(phrase: str) -> str | None:
    """The head noun of a short definite description ("the ministry" -> "ministry")."""
    words = phrase.strip().split()
    if 2 <= len(words) <= 3 and words[0].lower() == "the" and words[-1].islower():
        return words[-1].lower()
    return None


_PLURAL_GENERIC = re.compile(r"^(?:[a-z]+\s+)?[a-z]+s(?:\s+(?:in|from|at|of)\s+.*)?$")


def bare_plural(phrase: str) -> bool:
    """A generic plural with no determiner: "Analysts", "Aid groups", "Families in the south"."""
    words = phrase.split()
    if not words:
        return False
    if words[0].lower() in {"some", "many", "others", "several", "most", "both", "each"}:
        return True
    if words[0].lower() in DETERMINERS:
        return False
    return bool(_PLURAL_GENERIC.match(phrase[0].lower() + phrase[1:]))


_ANONYMOUS = re.compile(
    r"\b(?:official|officials|source|sources|diplomat|diplomats|person|people|someone|"
    r"spokesperson|spokesman|spokeswoman|aide|aides|negotiator|negotiators|member|members|"
    r"analyst|analysts|witness|witnesses|resident|residents)\b",
    re.IGNORECASE,
)
_OFFICIAL = re.compile(
    r"\b(?:minister|ministry|office|president|spokes\w+|official|officials|government|"
    r"prime|secretary|ambassador|envoy|commander|directorate|army|military|cabinet)\b",
    re.IGNORECASE,
)


def speaker_kind(phrase: str, actor: str | None, gazetteer: Gazetteer) -> str:
    """One of the store's speaker kinds for a speaker phrase."""
    kind = gazetteer.kind(actor)
    words = phrase.split()
    anonymous = bool(words) and words[0].lower() in DETERMINERS and _ANONYMOUS.search(phrase)
    if kind == "outlet":
        return "outlet"
    if anonymous:
        return "anonymous"
    if kind == "monitor":
        return "monitor"
    if kind == "organisation":
        return "organisation"
    if kind in ("official", "mediator") or _OFFICIAL.search(phrase):
        return "official"  # a mediating state speaks through its officials
    if kind == "party":
        return "party"
    return "other"
