"""Quantities: numbers with their modifier, counted noun, ratio base, range or duration unit.

Years, dates, times of day, ages, ordinals and numbers in names ("Resolution 2334") are not
quantities. Number words are resolved ("two" -> 2, "1.2 million" -> 1200000).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.extract.lexicon import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    HYPHEN_UNITS,
    ING_ADJECTIVES,
    IRREGULAR_PLURALS,
    MEASURES,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    NOMINAL_ADJECTIVES,
    NUMBER_SCALES,
    NUMBER_WORDS,
    ONE_COUNTS_AFTER,
    ONE_IDIOMS,
    OVER_AS_MORE_THAN_AFTER,
    PARTY_NOUNS,
    PER_ADJECTIVES,
    PREPOSITION_VERBS,
    QUANTITY_MODIFIERS,
    SHORT_SCALES,
    SKIP_BEFORE_NOUN,
    STOPWORDS,
    TIME_UNITS,
    alternation,
)
from accord.extract.models import Quantity

_TENS = [word for word, value in NUMBER_WORDS.items() if value >= 20]
_ONES = [word for word, value in NUMBER_WORDS.items() if 1 <= value <= 9]
_UNDER_TWENTY = [word for word, value in NUMBER_WORDS.items() if value < 20 and word != "dozen"]
# "twenty-five" is one number; "dozen" also comes with its article ("a dozen")
_WORD_NUM = (
    rf"(?:{alternation(_TENS)}(?:-{alternation(_ONES)})?|{'|'.join(_UNDER_TWENTY)}|"
    r"a\s+dozen|dozen)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUM = rf"(?:{_DIGITS}|{_WORD_NUM}(?:\s+hundred)?)(?:\s+{alternation(NUMBER_SCALES)})?"
_MOD = "|".join(sorted((re.escape(m) for m in QUANTITY_MODIFIERS), key=len, reverse=True))
_CURRENCY = alternation(CURRENCY_SYMBOLS)
_SHORT = alternation(sorted(SHORT_SCALES, key=len, reverse=True))
_CANDIDATE = re.compile(
    rf"(?<![\w.,$£€-])(?:(?P<mod>{_MOD})\s+)?(?:(?P<between>between|from)\s+)?"
    rf"(?P<cur>{_CURRENCY})?(?P<num>{_NUM})(?P<short>(?(cur){_SHORT}|(?!)))?(?![\w])"
    rf"(?:(?:\s*(?:-|\u2013|to)\s*|\s+and\s+(?(between)|(?!)))"
    rf"(?P<cur2>{_CURRENCY})?(?P<num2>{_NUM})(?![\w]))?"
    rf"(?P<hyphen>-(?P<hunit>{alternation(HYPHEN_UNITS)})(?![\w-]))?",
    re.IGNORECASE,
)
# "more than a year", "over a month": one unit of time, written with the article
_ONE_UNIT = re.compile(
    rf"(?<![\w-])(?P<mod>{_MOD})\s+(?:a|an)\s+(?P<unit>day|week|month|year|decade|hour)\b",
    re.IGNORECASE,
)
_PREPOSITION_USE = re.compile(rf"\b{alternation(PREPOSITION_VERBS)}\s+$", re.IGNORECASE)
_ONE_COUNTS_AFTER = re.compile(rf"\b{alternation(ONE_COUNTS_AFTER)}\s+$", re.IGNORECASE)
_AND_NOUN = re.compile(r"\s+and\s+([a-z]+)\b")
_NOT_AFTER = re.compile(
    r"^(?:\s*(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b|local\s+time|o'clock|:\d)|"
    rf"\s*(?:-|\s)?year-old|(?:st|nd|rd|th)\b|\s*{alternation(MONTH_NAMES)}\b|"
    r"%?\s*(?:days?|weeks?)\s+ago\b)",
    re.IGNORECASE,
)
_NOT_BEFORE = re.compile(
    r"(?:\b(?:resolution|no\.|number|article|route|highway|channel|flight|gate|section|"
    r"clause|paragraph|phase|page|chapter|line|unit|brigade|division|covid|f|su|mig|"
    r"point|item|annex|stage|sector|gate|checkpoint|camp|(?-i:Day)|D\+|"
    rf"{alternation(MONTH_NAMES)}|{alternation(MONTH_ABBREVIATIONS)}\.?)\s*$|\d:$)",
    re.IGNORECASE,
)
_PER = re.compile(
    r"\s*(?:(?:(?:for|in\s+exchange\s+for|in\s+return\s+for)\s+(?:each|every)|per)\s+"
    r"(?P<per>[A-Za-z-]+(?:\s+[A-Za-z-]+){0,2})"
    r"|(?:a|each|every)\s+(?P<tper>day|week|month|year|hour)\b)"
)
_PERCENT = re.compile(r"\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)
_VIOLATION = re.compile(r"\b(?:violat\w*|breach\w*)\b", re.IGNORECASE)
_NOUN_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'-]*)")
_AGE = re.compile(r"[A-Z][a-z'\u2019-]+,\s*$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


@dataclass(frozen=True, slots=True)
class _Noun:
    noun: str | None
    end: int


def find_quantities(text: str, spans: list[tuple[int, int]]) -> list[Quantity]:
    """Quantities in the given spans (sentences), in text order."""
    out: list[Quantity] = []
    for start, end in spans:
        violations = bool(_VIOLATION.search(text, start, end))
        found = [
            quantity
            for match in _CANDIDATE.finditer(text, start, end)
            if (quantity := _quantity(text, match, end, violations)) is not None
        ]
        found += [
            _one_unit(text, match, violations)
            for match in _ONE_UNIT.finditer(text, start, end)
            if not _over_as_preposition(text, match, start)
        ]
        out += sorted(found, key=lambda q: q.start)
    return out


def _one_unit(text: str, match: re.Match[str], violations: bool) -> Quantity:
    modifier = QUANTITY_MODIFIERS[" ".join(match.group("mod").lower().split())]
    return _make(
        text=text, start=match.start(), end=match.end(), value=1, modifier=modifier,
        noun=match.group("unit"), kind="duration", violations=violations, rule="one-unit",
    )  # fmt: skip


def _over_as_preposition(text: str, match: re.Match[str], sentence_start: int) -> bool:
    """ "Over six weeks, it brought ...", "monitored the handover over four days": "over" a
    period is a preposition, unless a preposition or verb of duration comes first ("in over a
    year", "lasted over a month")."""
    if match.group("mod").lower() != "over":
        return bool(_PREPOSITION_USE.search(text, max(0, match.start() - 20), match.start()))
    before = text[max(sentence_start, match.start() - 20) : match.start()]
    return _OVER_AS_MORE_THAN.search(before) is None


_OVER_AS_MORE_THAN = re.compile(rf"\b{alternation(OVER_AS_MORE_THAN_AFTER)}\s+$", re.IGNORECASE)


def number_value(words: str) -> float | None:
    """'1,650' -> 1650, 'twenty-five' -> 25, '1.2 million' -> 1200000, 'a dozen' -> 12."""
    total = 0.0
    current = 0.0
    seen = False
    for token in re.split(r"[\s-]+", words.lower().replace(",", "")):
        if not token or token == "a":
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?", token):
            current += float(token)
        elif token in NUMBER_WORDS:
            current += NUMBER_WORDS[token]
        elif token in NUMBER_SCALES:
            current = (current or 1) * NUMBER_SCALES[token]
            if NUMBER_SCALES[token] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _quantity(text: str, match: re.Match[str], limit: int, violations: bool) -> Quantity | None:
    num = match.group("num")
    value = number_value(num)
    if value is None or _excluded(text, match, num):
        return None
    second = match.group("num2")
    value_max = number_value(second) if second else None
    if second and (value_max is None or not _is_range(match, num, second)):
        value_max, end = None, match.end("num")
    else:
        end = match.end()
    if match.group("short"):  # "$5m", "€2bn"
        value *= SHORT_SCALES[match.group("short").lower()]
    modifier = QUANTITY_MODIFIERS.get(" ".join((match.group("mod") or "").lower().split()))
    if modifier in ("over", "about") and _PREPOSITION_USE.search(
        text, max(0, match.start() - 20), match.start()
    ):
        modifier = None  # "haggle over ten hostages", "talking about two wars"
    ranged = match.group("between") and value_max is not None
    start = (
        match.start()
        if modifier or ranged
        else match.start("cur")
        if match.group("cur")
        else match.start("num")
    )
    if modifier is None and match.group("mod") and not ranged:
        start = match.start("cur") if match.group("cur") else match.start("num")
    if match.group("hyphen"):
        unit = match.group("hunit")
        timed = unit.lower() in TIME_UNITS
        return _make(
            text=text, start=start, end=match.end(), value=value, modifier=modifier, noun=unit,
            kind="duration" if timed else "count", violations=violations,
            rule="hyphen-duration" if timed else "hyphen-count",
        )  # fmt: skip
    if match.group("cur"):
        return _make(
            text=text, start=start, end=end, value=value, value_max=value_max, modifier=modifier,
            kind="money", violations=violations, rule="money",
        )  # fmt: skip
    percent = _PERCENT.match(text, end, limit)
    if percent:
        return _make(
            text=text, start=start, end=percent.end(), value=value, value_max=value_max,
            modifier=modifier, kind="percent", violations=violations, rule="percent",
        )  # fmt: skip
    noun = _one_noun(text, end, limit) if num.lower() == "one" else _noun(text, end, limit, value)
    if noun.noun and noun.noun.lower() == "ones":  # "three dead ones": counted, noun elided
        noun = _Noun(None, end)
    if num.lower() == "one" and noun.noun is None:
        return None
    if _names_the_parties(text, match, noun):
        return None
    stop = noun.end if noun.noun else end
    per = _PER.match(text, stop, limit)
    if per and (per.group("tper") or _per_ok(per.group("per"))):
        group = "tper" if per.group("tper") else "per"
        per_text = per.group("tper") or _per_phrase(per.group("per"))
        per_end = per.start(group) + len(per_text)
        return _make(
            text=text, start=start, end=per_end, value=value, modifier=modifier, noun=noun.noun,
            per=per_text, kind="ratio", violations=violations, rule="ratio",
        )  # fmt: skip
    if not noun.noun and _word_number_alone(text, num, match.start("num"), stop, limit):
        return None
    kind = "range" if value_max is not None else "count"
    if noun.noun and noun.noun.lower() in CURRENCY_WORDS:
        kind = "money"
    if noun.noun and noun.noun.lower() in TIME_UNITS and kind == "count":
        kind = "duration"
        if modifier == "over" and match.group("mod") and _over_as_preposition(text, match, 0):
            modifier, start = None, match.start("num")  # "Over six weeks, ...": a preposition
    return _make(
        text=text, start=start, end=stop, value=value, value_max=value_max, modifier=modifier,
        noun=noun.noun, kind=kind, violations=violations, rule=kind,
    )  # fmt: skip


def _make(
    *, text: str, start: int, end: int, value: float, value_max: float | None = None,
    modifier: str | None, noun: str | None = None, per: str | None = None, kind: str,
    violations: bool, rule: str,
) -> Quantity:  # fmt: skip
    """The quantity at `text[start:end]`, without trailing spaces and punctuation.

    Keyword-only: several of its arguments are optional strings, easily swapped by position.
    """
    while end > start and text[end - 1] in " ,.":
        end -= 1
    return Quantity(
        text=text[start:end], start=start, end=end, value=value, value_max=value_max,
        modifier=modifier, noun=noun, per=per, kind=kind, violations=violations, rule=rule,
    )  # fmt: skip


def _is_range(match: re.Match[str], num: str, second: str) -> bool:
    joined = match.group(0)
    if match.group("between") and " and " in joined.lower():
        return True
    return bool(re.search(r"\d\s*(?:-|\u2013|to)\s*\d", joined)) or (
        " to " in joined.lower() and not re.fullmatch(r"[\d,.]+", num + second)
    )


def _excluded(text: str, match: re.Match[str], num: str) -> bool:
    before = text[max(0, match.start("num") - 20) : match.start("num")]
    after = text[match.end("num") : match.end("num") + 25]
    if _NOT_BEFORE.search(before) or _NOT_AFTER.match(after):
        return True
    if _YEAR.match(num) and not match.group("mod"):
        return True
    if _AGE.search(before) and re.match(r",", after):
        return True  # "Hussein Ali, 52, said": an age
    # "one" is nearly always a pronoun or an article ("one of them", "one party") in news
    # copy; it counts after "and", "including", "only" ("two envoys and one member")
    return num.lower() == "one" and not _ONE_COUNTS_AFTER.search(before)


def _one_noun(text: str, position: int, limit: int) -> _Noun:
    """The noun "one" counts: the last of the lower-case words after any proper adjectives
    ("one Saudi detainee flown", "one national defense force"), unless the phrase is an idiom
    ("for one thing")."""
    cursor = position
    found = _Noun(None, position)
    for _ in range(4):
        word = _NOUN_WORD.match(text, cursor, limit)
        if word is None:
            break
        token = word.group(1)
        cursor = word.end()
        if token[:1].isupper() and found.noun is None:
            continue
        lowered = token.lower()
        if token[:1].isupper() or lowered in STOPWORDS or lowered in ONE_IDIOMS:
            break
        if lowered.endswith(("ed", "ing")) or (found.noun and lowered.endswith(("en", "wn"))):
            break
        found = _Noun(token, word.end())
    return found


def _names_the_parties(text: str, match: re.Match[str], noun: _Noun) -> bool:
    """ "the two sides", "the two Afghan delegations" name the parties, they count nothing."""
    if not noun.noun or noun.noun.lower() not in PARTY_NOUNS:
        return False
    before = text[max(0, match.start() - 5) : match.start()]
    return match.group("num").lower() == "two" and before.lower().endswith("the ")


def _noun(text: str, position: int, limit: int, value: float) -> _Noun:
    """The counted noun after a number: the head of up to four words ("Palestinian prisoners",
    "fuel trucks", "living hostages"); "minors and women" stays whole."""
    words: list[tuple[str, int]] = []
    cursor = position
    while len(words) < 4:
        word = _NOUN_WORD.match(text, cursor, limit)
        if word is None:
            break
        token = word.group(1)
        lowered = token.lower()
        if lowered in SKIP_BEFORE_NOUN and not words:
            cursor = word.end()
            continue
        if lowered in STOPWORDS or (lowered.endswith("ing") and lowered not in ING_ADJECTIVES):
            break
        words.append((token, word.end()))
        cursor = word.end()
        if (
            _plural(token, value)
            and not _adjective(lowered)
            and not _next_is_noun(text, cursor, limit, value)
        ):
            break
    for index in range(len(words) - 1, -1, -1):
        token, end = words[index]
        if _plural(token, value) and not _adjective(token.lower()):
            pair = _AND_NOUN.match(text, end, limit)
            if (
                pair
                and _plural(pair.group(1), value)
                and not _OF_AFTER.match(text, pair.end(), limit)
            ):  # "minors and women" is one group; "vehicles and units of equipment" two
                return _Noun(f"{token} and {pair.group(1)}", pair.end())
            return _Noun(token, end)
    if (
        len(words) == 1
        and words[0][0].lower() in NOMINAL_ADJECTIVES
        and not _coordinated(text, position)
    ):
        return _Noun(*words[0])
    if not words:
        partitive = _PARTITIVE.match(text, position, limit)
        if partitive and _plural(partitive.group(1), 2):
            return _Noun(partitive.group(1), partitive.end())
    return _Noun(None, position)


def _coordinated(text: str, position: int) -> bool:
    """ "116 people were killed and 490 wounded": a participle sharing an elided noun."""
    number = _NUMBER_BEFORE.search(text, max(0, position - 40), position)
    return (
        number is not None
        and _AND_BEFORE.search(text, max(0, number.start() - 6), number.start()) is not None
    )


_NUMBER_BEFORE = re.compile(r"[\w,.]+$")
_AND_BEFORE = re.compile(r"(?:\band|,)\s+$")
_OF_AFTER = re.compile(r"\s+of\b")
# "about 580 of their fighters": the counted noun follows "of" and a possessive
_PARTITIVE = re.compile(r"\s+of\s+(?:their|its|his|her|our|the)\s+([a-z]+s)\b")


def _next_is_noun(text: str, position: int, limit: int, value: float) -> bool:
    word = _NOUN_WORD.match(text, position, limit)
    if word is None:
        return False
    token = word.group(1)
    return token.lower() not in STOPWORDS and _plural(token, value) and token.islower()


def _plural(token: str, value: float) -> bool:
    word = token.lower()
    if word in IRREGULAR_PLURALS or word in TIME_UNITS or word in MEASURES:
        return True
    if word.endswith("men") and len(word) > 4:
        return True  # servicemen, gunmen, policemen
    if value == 1:
        return not word.endswith("ed")
    if token[:1].isupper() and word.endswith("s"):
        return True  # Israelis, Thais, Palestinians
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2


def _adjective(word: str) -> bool:
    return word.endswith(("ian", "ese", "ish", "ful", "ive", "al")) and not word.endswith("s")


def _per_ok(phrase: str) -> bool:
    first = phrase.split()[0].lower()
    return first not in STOPWORDS or first in ("day", "week")


def _per_phrase(phrase: str) -> str:
    words = []
    for word in phrase.split():
        if word.lower() in STOPWORDS:
            break
        words.append(word)
        if _plural(word.lower(), 2) or word.lower() in ("day", "week", "month", "year", "hour"):
            break
        if not _adjective(word.lower()) and word.lower() not in PER_ADJECTIVES:
            break
    return " ".join(words)


def _word_number_alone(text: str, num: str, start: int, stop: int, limit: int) -> bool:
    """A number word with nothing counted is dropped, unless the count is elliptical: "three
    more", "the five", "groups of seven", "ten hostages or eleven"."""
    if num[0].isdigit():
        return False
    if re.match(r"\s+(?:more|others?|of\s+(?:them|whom|the))\b", text[stop:limit]):
        return False
    before = text[max(0, start - 12) : start]
    return re.search(r"\b(?:the|of|or|and)\s+$", before, re.IGNORECASE) is None
