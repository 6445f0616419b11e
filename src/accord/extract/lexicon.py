"""Word lists shared by the extractors: reporting cues, pronouns, determiners."""

from __future__ import annotations

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

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})

DETERMINERS = frozenset(
    {"a", "an", "the", "two", "three", "four", "five", "several", "some", "one", "many",
     "other", "another", "his", "her", "their", "its", "this", "that", "these", "those", "both"}
)  # fmt: skip

#: Speaker phrases' trailing words that are not part of the speaker ("Hamas has said").
SPEAKER_TAIL_WORDS = frozenset(
    {"has", "have", "had", "also", "later", "earlier", "previously", "repeatedly", "again",
     "separately", "publicly", "privately", "then", "already", "once", "would", "will",
     "reportedly", "officially", "initially", "subsequently", "first", "recently", "on", "late",
     "early", "last", "this", "week", "yesterday", "today", "tonight", "night", "morning",
     "afternoon", "evening", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
     "sunday", "further", "quickly", "immediately", "openly"}
)  # fmt: skip
