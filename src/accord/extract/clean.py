"""Line-level cleanup of scraped text: article text vs page furniture vs photo captions.

jusText classifies HTML blocks by length, stop-word density and link density; plain text has no
links, so each line is scored on a pattern list (site furniture seen on scraped news pages),
its length, its stop-word density and its final punctuation, then short undecided lines take
the class of their neighbours. Offsets stay those of the original text.
"""

from __future__ import annotations

import re

from accord.extract.lexicon import STOPWORDS
from accord.extract.models import Line, LineKind

_FURNITURE = re.compile(
    r"""^(?:
        site\ icon|exit\ mobile\ version|breaking(?:\ news)?:|join\ our\b|more\ analysis:|
        skip\ to\ (?:main\ )?content|advertisement|
        (?:read|see)\ (?:more|also)\b|read:|related(?:\ (?:stories|articles|coverage))?:?|
        (?:read|watch|listen)\ next\b|up\ next\b|(?:you\ (?:may|might)\ also\ like)|
        more\ (?:like\ this|in\ \w+:)|
        \(?(?:additional\ )?(?:reporting|writing|editing)\ by\b|
        also\ read\b|more\ (?:from|on|stories)\b|recommended|most\ (?:read|popular)\b|
        trending\b|watch:|listen:|video:|live:|latest\ news\b|
        share\b|share\ (?:on|this)\b|tweet\b|email\b|print\b|copy\ link|
        follow\ us\b|subscribe\b|sign\ up\b|newsletter\b|
        get\ (?:the|our)\ .*(?:newsletter|briefing|app)|
        download\ (?:the|our)\ app|open\ in\ app|
        tags?:|topics?:|filed\ under|categories?:|
        ©|\(c\)\ \d{4}|copyright\b|all\ rights\ reserved|
        we\ use\ cookies|this\ (?:site|website)\ uses\ cookies|accept\ (?:all\ )?cookies|cookie|
        (?:updated|published|posted|last\ updated)\b.*(?:ago|\d{4}|:\d\d|gmt|utc|am|pm)\.?$|
        \d+\ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\ ago\b|search\b|sections?\b|
        (?:just\ now|yesterday|today)$|
        listen\ to\ (?:this\ )?article|\d+\ min(?:ute)?s?\ read|
        by\ [^.]{0,80}[|·•].*|follow\ [\w\ ]{1,40}\ on\b.*|
        comments?\b\s*\(?\d*\)?$|
        (?:previous|next)\ (?:article|story|post)\b|
        back\ to\ top|home$|menu$|search$|log\ ?in$|sign\ in$|
        click\ here\b|please\ (?:enable|support)\b|support\ (?:our|independent)\ journalism
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_FURNITURE_ANYWHERE = re.compile(
    r"(?:\bshare\ on\ (?:x|facebook|twitter|whatsapp|linkedin)\b|all\ rights\ reserved"
    r"|\bsign\ up\b.*\bnewsletter\b|\bnewsletter\b.*\bsign\ up\b|exit\ mobile\ version"
    r"|\binbox\b.*\bsign\ up\b|[|·•]\s*\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago\b"
    r"|\b\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago\s*[|·•])"
    r"|[\u2014\u2013-]\s*\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago\s*$|\u00a9",
    re.IGNORECASE,
)
_NAV = re.compile(
    r"^[\w'\u2019&.-]+(?:\s[\w'\u2019&.-]+){0,2}(?:(?:\s*[|\u2022\u00b7\u00bb/>\u203a\u25be]\s*|\s{2,})[\w'\u2019&.-]+(?:\s[\w'\u2019&.-]+){0,2}){2,}"
    r"\s*[▾]?\s*$"
)
_CAPTION = re.compile(
    r"""(?:
        ^(?:photo|image|picture|file\ photo|caption|pictured|above|top|main\ image)\b
            \s*[:|\u2013\u2014-]|
        ^\[(?:photo|image)|
        (?:photo|image|picture|credit|photograph)\s*:\s*[^.]{0,80}$|
        \((?:photo|image|picture)[^)]*\)\s*$|
        (?:/|\|)\s*(?:afp|reuters|ap|getty\ images|anadolu|epa|xinhua)
            (?:\ via\ getty\ images)?\s*\)?\s*$|
        \((?:afp|reuters|ap|epa)(?:\ photo)?(?:/[^)]*)?\)\s*$|
        (?:afp|ap|reuters|epa|getty)\ (?:photo|images?)\b[^.]*$|
        \bvia\ getty\ images\s*$|
        \.\s+[^.]{0,60}\b(?:photo|picture|image|screenshot)\s*\.?$|
        /\s*(?:screenshot|staff|file|handout|pool|reuters|afp|ap)\s*\)?\s*$|
        \(photo\b[^)]*\)\s*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# "... ceremony. (Meridian Press/Photo desk)": a credit in brackets after the caption
_CAPTION_CASED = re.compile(r"\.\s*\([A-Z][\w'\u2019&.-]*(?:[\s/]+[\w'\u2019&.-]+){0,5}\)\s*$")
# "By Ledger correspondents in Baku", "By Amina Yusuf": a byline on its own line
_BYLINE = re.compile(
    r"^by\s+(?:[^.!?]{0,60}\b(?:staff|correspondents?|reporters?|desk|editors?|writers?|"
    r"bureau|team|contributors?)\b[^.!?]{0,40}|(?-i:(?:[A-Z][\w'\u2019-]+\s*){1,3}"
    r"(?:and\s+(?:[A-Z][\w'\u2019-]+\s*){1,3})?))$",
    re.IGNORECASE,
)
# a line of separated items ("Published yesterday · By X · Print this page · 9 comments")
_ITEM_SEPARATOR = re.compile(r"\s+[|\u2022\u00b7\u2014\u2013]\s+|\s*\|\s*")
_UI_ITEM = re.compile(
    r"^(?:sign\ in|log\ ?in|subscribe|register|donate|menu|search|share|print(?:\ this\ page)?|"
    r"email|save|comments?|\W*\s*\d+\s+comments?|listen|(?:updated|published|posted)\b.*|"
    r".*\bstaff|\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|"
    r"just\ now|yesterday|today|\d+\ min(?:ute)?s?\ read)$",
    re.IGNORECASE | re.VERBOSE,
)
_WORD = re.compile(r"[A-Za-z\u2019']+")
_SENTENCE_END = re.compile(r"[.!?:;,\"\u201d\u2019)]\s*$")
MAX_LINE_FOR_PATTERNS = 2000


def classify_lines(text: str) -> tuple[Line, ...]:
    """Every line of `text` (as `str.splitlines()` numbers them) with its kind and the reason."""
    spans = line_spans(text)
    first: list[tuple[LineKind, str]] = [_classify(text[s:e]) for s, e in spans]
    kinds = _smooth(first)
    return tuple(
        Line(number=i + 1, start=s, end=e, kind=k, reason=r)
        for i, ((s, e), (k, r)) in enumerate(zip(spans, kinds, strict=True))
    )


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its line break, matching `str.splitlines()`."""
    spans = []
    position = 0
    for piece in text.splitlines(keepends=True):
        content = piece.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        spans.append((position, position + len(content)))
        position += len(piece)
    return spans


def _classify(line: str) -> tuple[LineKind, str]:
    stripped = line.strip()
    if not stripped:
        return "blank", "blank"
    head = stripped[:MAX_LINE_FOR_PATTERNS]
    words = _WORD.findall(head)
    if _FURNITURE.match(head) or (len(words) < 40 and _FURNITURE_ANYWHERE.search(head)):
        return "furniture", "pattern"
    if len(words) < 60 and (_CAPTION.search(head) or _CAPTION_CASED.search(head)):
        return "caption", "caption-pattern"
    if _NAV.match(head):
        return "furniture", "navigation"
    if len(words) <= 16 and (_BYLINE.match(head) or _item_bar(head)):
        return "furniture", "byline"
    if not _SENTENCE_END.search(head) and (" — " in head or " | " in head) and len(words) <= 8:
        return "text", "tagline-candidate"
    stops = sum(w.lower() in STOPWORDS for w in words)
    density = stops / len(words) if words else 0.0
    ends = bool(_SENTENCE_END.search(head))
    if len(words) >= 12 and density >= 0.2:
        return "text", "long"
    if len(words) >= 6 and (ends or density >= 0.15):
        return "text", "medium"
    if len(words) <= 3 and not ends:
        return "furniture", "short"
    if len(words) <= 6 and not ends:
        return "text", "short-undecided" if len(words) < 5 else "undecided"
    return "text", "undecided"


def _item_bar(line: str) -> bool:
    """Two or more separated items, most of them page furniture (bylines, timestamps, share
    and print buttons, comment counts, sign-in links)."""
    items = [item.strip() for item in _ITEM_SEPARATOR.split(line) if item.strip()]
    if len(items) < 2:
        return False
    furniture = sum(bool(_UI_ITEM.match(item) or _BYLINE.match(item)) for item in items)
    return 2 * furniture >= len(items)


def _smooth(kinds: list[tuple[LineKind, str]]) -> list[tuple[LineKind, str]]:
    """jusText's context step, for lines the first pass left open.

    The first undecided line of five words or more before the body is the headline; a short
    line between two body lines is a subheading; other undecided lines inside furniture are
    furniture; a site tagline on the first line is furniture.
    """
    out = list(kinds)
    content = [i for i, (k, _) in enumerate(kinds) if k != "blank"]
    body_started = False
    for pos, i in enumerate(content):
        reason = kinds[i][1]
        before = kinds[content[pos - 1]] if pos > 0 else ("furniture", "edge")
        after = kinds[content[pos + 1]] if pos + 1 < len(content) else ("furniture", "edge")
        if reason in ("long", "medium"):
            body_started = True
        elif reason == "tagline-candidate":
            out[i] = ("furniture", "tagline") if pos == 0 else ("text", "undecided")
        elif reason == "short-undecided" and pos == 0:
            out[i] = ("furniture", "site-name")  # "The Rift Valley Courier"
        elif reason == "undecided" and not body_started and pos > 0:
            out[i] = ("text", "headline")
            body_started = True
        elif reason == "undecided" and before[0] == "furniture" and after[0] == "furniture":
            out[i] = ("furniture", "context")
        elif (
            reason == "short" and before[1] in ("long", "medium") and after[1] in ("long", "medium")
        ):
            out[i] = ("text", "subheading")
    return out
