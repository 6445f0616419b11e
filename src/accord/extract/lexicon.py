"""The extractors' word lists: reporting cues, function words, calendar names, number words and
the vocabulary of quantities.

They are Python constants rather than a data file so that mypy checks their types and nothing
is parsed at import. Regular expressions are built from them where they are used, with
`alternation`, so that every list is written once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regular-expression group matching any of `words` literally, tried in the order given."""
    return "(?:" + "|".join(re.escape(word) for word in words) + ")"


# --- Reporting cues ---------------------------------------------------------------------------

#: Reporting verbs that introduce a claim (past and present forms as written in news copy).
CUE_VERBS: tuple[str, ...] = (
    "said", "says", "told", "tells", "added", "adds", "announced", "announces", "stated",
    "warned", "warns", "accused", "accuses", "claimed", "claims", "confirmed", "confirms",
    "denied", "denies", "insisted", "insists", "reported", "reports", "revealed", "emphasised",
    "emphasized", "stressed", "noted", "argued", "argues", "alleged", "acknowledged", "admitted",
    "criticised", "criticized", "explained", "asserted", "maintained", "declared", "disclosed",
    "wrote", "tweeted", "estimated", "cautioned", "conceded", "countered", "complained",
    "reiterated", "asked", "cited", "described", "predicted", "indicated", "suggested",
    "signalled", "signaled", "vowed", "pledged", "promised", "urged", "demanded", "replied",
    "responded", "recalled", "observed", "repeated", "blamed", "pointed out",
)  # fmt: skip

#: Cues that may be followed by a direct object before the content ("told Reuters that ...").
OBJECT_CUES = frozenset({"told", "tells", "accused", "accuses", "blamed", "urged", "asked"})

#: Cues that take the reported clause in a `that`-less form less reliably; they need `that` or
#: a quote to make an indirect claim.
THAT_ONLY_CUES = frozenset(
    {"predicted", "indicated", "suggested", "signalled", "signaled", "vowed", "pledged",
     "promised", "recalled", "observed", "repeated", "demanded", "replied",
     "responded", "cited", "described", "urged", "asked", "stated", "reports", "reported",
     "announced", "announces"}
)  # fmt: skip

# --- Function words ---------------------------------------------------------------------------

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})

DETERMINERS = frozenset(
    {"a", "an", "the", "two", "three", "four", "five", "several", "some", "one", "many",
     "other", "another", "his", "her", "their", "its", "this", "that", "these", "those", "both"}
)  # fmt: skip

#: Function words: they never name what a number counts, and their share of a line's words
#: tells article text from page furniture (as in jusText).
STOPWORDS = frozenset(
    {"a", "about", "according", "across", "additional", "after", "again", "against", "all",
     "also", "among", "an", "and", "any", "are", "around", "as", "at", "be", "because", "been",
     "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does",
     "down", "during", "each", "every", "extra", "for", "from", "further", "had", "has", "have",
     "he", "her", "here", "his", "how", "i", "if", "in", "including", "inside", "into", "is",
     "it", "its", "may", "might", "more", "most", "must", "near", "new", "no", "nor", "not",
     "of", "off", "on", "or", "other", "others", "our", "out", "outside", "over", "per", "said",
     "says", "she", "should", "since", "so", "some", "such", "than", "that", "the", "their",
     "them", "then", "there", "these", "they", "this", "those", "through", "to", "told",
     "under", "until", "up", "was", "we", "were", "what", "when", "where", "which", "while",
     "who", "whom", "whose", "will", "with", "within", "without", "would", "you", "your"}
)  # fmt: skip

# --- Calendar ---------------------------------------------------------------------------------

#: Month names; a month's number is its position plus one.
MONTH_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

#: Abbreviated months as news copy writes them, with their number ("May" has none). "Sept"
#: comes before "Sep" so that an alternation built from the keys tries the longer first.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sept": 9, "Sep": 9,
    "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip

#: Weekday names, Monday first (as `date.weekday()` numbers them).
WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip

# --- Speakers ---------------------------------------------------------------------------------

#: Speaker phrases' trailing words that are not part of the speaker ("Hamas has said").
SPEAKER_TAIL_WORDS = frozenset(
    {"has", "have", "had", "also", "later", "earlier", "previously", "repeatedly", "again",
     "separately", "publicly", "privately", "then", "already", "once", "would", "will",
     "reportedly", "officially", "initially", "subsequently", "first", "recently", "on", "late",
     "early", "last", "this", "week", "yesterday", "today", "tonight", "night", "morning",
     "afternoon", "evening", "further", "quickly", "immediately", "openly",
     *(day.lower() for day in WEEKDAY_NAMES)}
)  # fmt: skip

# --- Numbers ----------------------------------------------------------------------------------

#: Number words below a hundred that are written as one word, and "dozen".
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip

#: Scale words that multiply the number before them.
NUMBER_SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
}  # fmt: skip

#: Scales written straight after an amount of money ("$5m", "\u20ac2bn").
SHORT_SCALES: dict[str, int] = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}

# --- Quantities -------------------------------------------------------------------------------

#: Words before a number that qualify it, with the modifier they mean.
QUANTITY_MODIFIERS: dict[str, str] = {
    "over": "over", "more than": "more_than", "at least": "at_least", "nearly": "nearly",
    "almost": "almost", "up to": "up_to", "about": "about", "around": "about",
    "approximately": "about", "roughly": "about", "some": "about", "an estimated": "about",
    "close to": "nearly", "fewer than": "fewer_than", "less than": "less_than",
    "as many as": "up_to", "no fewer than": "at_least", "at most": "up_to",
}  # fmt: skip

#: Currency symbols; "US$" comes before "$" so that the longer is tried first.
CURRENCY_SYMBOLS: tuple[str, ...] = (
    "US$", "$", "\u00a3", "\u20ac", "\u00a5", "\u20bd", "\u20b4", "\u20aa", "\u20b9",
)  # fmt: skip

#: Currency words: the quantity is money with the currency as its noun ("300,000 pesos").
CURRENCY_WORDS = frozenset(
    {"dollars", "euros", "pounds", "pesos", "roubles", "rubles", "hryvnias", "hryvnia",
     "shekels", "riyals", "rials", "dinars", "dirhams", "lira", "liras", "yuan", "rupees",
     "francs", "birr", "afghanis", "naira", "shillings"}
)  # fmt: skip

#: Units after a number and a hyphen: "nine-point plan", "a 10-km zone", "45-day".
HYPHEN_UNITS: tuple[str, ...] = (
    "day", "week", "month", "year", "hour", "minute", "point", "member", "man", "nation",
    "party", "km", "kilometre", "kilometer", "mile", "metre", "meter", "tonne",
)  # fmt: skip

#: Units of time: a number counting them is a duration.
TIME_UNITS = frozenset(
    {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
     "minute", "minutes"}
)  # fmt: skip

#: Measures counted as the noun of their number ("5 km", "26,000 tonnes"), singular or not.
MEASURES = frozenset(
    {"km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles",
     "metre", "metres", "meter", "meters", "tonne", "tonnes", "ton", "tons", "kg", "kilogram",
     "kilograms", "litre", "litres", "liter", "liters", "barrel", "barrels", "hectare",
     "hectares", "acre", "acres"}
)  # fmt: skip

#: Plural nouns that do not end in -s, and mass nouns counted as they are.
IRREGULAR_PLURALS = frozenset(
    {"people", "children", "men", "women", "police", "personnel", "staff", "civilians",
     "cattle", "fuel", "aid", "livestock", "troops"}
)  # fmt: skip

#: Adjectives used as the counted noun ("with 30 wounded during the pullout").
NOMINAL_ADJECTIVES = frozenset({"wounded", "injured", "dead", "missing", "displaced", "detained"})

#: Words in -ing that are adjectives before the counted noun ("five living hostages").
ING_ADJECTIVES = frozenset({"living", "remaining", "missing", "surviving", "returning", "wounding"})

#: Words skipped between a number and its noun ("two more hostages").
SKIP_BEFORE_NOUN = frozenset({"more", "other", "additional", "further", "extra", "new"})

#: Adjectives a ratio's base may keep before its noun ("for each civilian hostage").
PER_ADJECTIVES = frozenset(
    {"civilian", "female", "male", "military", "elderly", "sick", "wounded", "child"}
)  # fmt: skip

#: "the two sides": the parties to the conflict, named, not counted.
PARTY_NOUNS = frozenset({"sides", "delegations", "camps"})

#: Words after which "one" counts something ("and one member", "including one detainee").
ONE_COUNTS_AFTER: tuple[str, ...] = (
    "and", "including", "only", "just", "exactly", "with", "plus", "for",
)  # fmt: skip

#: Nouns after "one" in idioms that count nothing ("for one thing", "one way or another").
ONE_IDIOMS = frozenset({"thing", "way", "another", "hand", "side", "point", "time"})

#: Verbs after which "over" and "about" are prepositions ("haggle over ten hostages").
PREPOSITION_VERBS: tuple[str, ...] = (
    "haggle", "haggling", "argue", "arguing", "argued", "talk", "talks", "talking", "talked",
    "row", "dispute", "fight", "fighting", "fought", "clash", "clashes", "negotiate",
    "negotiating", "negotiations", "spoke", "speak", "speaking", "asked", "think", "thinking",
    "worried", "concerned", "concerns", "care", "know", "knew", "war", "wars", "stalled",
)  # fmt: skip

#: Words before "over" a period that make it "more than" ("in over a year", "lasted over a
#: month") rather than a preposition ("over six weeks, it brought ...").
OVER_AS_MORE_THAN_AFTER: tuple[str, ...] = (
    "in", "for", "after", "within", "of", "since", "than", "lasted", "lasting", "lasts", "took",
    "taken", "takes", "spent", "waited", "ago",
)  # fmt: skip
