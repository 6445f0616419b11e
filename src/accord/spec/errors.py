"""The spec error catalogue and the error record every check produces.

Codes are stable slugs: tools and tests rely on them, so a code is never renamed or reused.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

#: code -> one-line description. docs/spec.md lists every code (a test checks it).
CATALOGUE: dict[str, str] = {
    "unreadable-file": "The file cannot be read or is not UTF-8 text.",
    "yaml-syntax": "The file is not well-formed YAML.",
    "empty-document": "The file holds no spec (empty, or only comments).",
    "duplicate-key": "The same key appears twice in one mapping.",
    "unknown-key": "A key the spec language does not define at this place.",
    "missing-key": "A required key is absent.",
    "wrong-type": "A value has the wrong shape (e.g. a list where a mapping is expected).",
    "bad-value": "A value outside the allowed set or range.",
    "unsupported-version": "The `accord:` format version is not one this accord reads.",
    "bad-date": "A date or instant that is not ISO 8601 or does not exist.",
    "bad-duration": "A duration that is not a whole number followed by h, d, w, mo or y.",
    "bad-time-expression": "A time that is not a date, `in_force`, `day N` or a reference.",
    "unknown-reference": "A name that refers to a phase, provision, party, source, place or "
    "condition that the spec does not define.",
    "unknown-category": "A category that is not listed for its object kind under `categories:`.",
    "reference-cycle": "Dates that depend on each other in a circle.",
    "ambiguous-date-arithmetic": "Month or year arithmetic that lands on a day the month lacks, "
    "with no `date_rounding:` given.",
    "conflicting-keys": "Two keys that cannot be used together.",
    "schedule-mismatch": "Instalments that do not add up to the provision's quantity.",
    "yaml-tag": "A YAML tag other than the standard scalar and collection tags, or a value its "
    "tag does not fit.",
    "alias-expansion": "YAML aliases that expand to far more values than the file itself holds.",
    "out-of-range": "A number, date, day number or duration beyond the range accord computes with.",
    "duplicate-id": "One id names two terms that a reference could not tell apart.",
}


@dataclass(frozen=True, order=True)
class SpecError:
    """One problem found in a spec, located at a line and column (both 1-based)."""

    file: str
    line: int
    col: int
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"error code {self.code!r} is not in the catalogue")
        # Messages quote what the user wrote; a newline in there would break the one-line form.
        if not self.message.isprintable():
            shown = "".join(
                c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                for c in self.message
            )
            object.__setattr__(self, "message", shown)

    def format(self) -> str:
        """Render as `file:line:col: code: message`, the form editors and CI logs understand."""
        return f"{self.file}:{self.line}:{self.col}: {self.code}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form used by `accord validate --json`."""
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "message": self.message,
        }


#: Beyond this many names, difflib's all-pairs comparison would make a spec with many misspelt
#: references quadratic; suggestions then come from names one edit away, found by lookup.
_FEW_NAMES = 200
_LONGEST_WORD = 100
_ID_CHARS = string.ascii_letters + string.digits + "-_"


def did_you_mean(word: str, choices: Collection[str]) -> str:
    """A ' (did you mean `x`?)' hint, or a list of the valid names when nothing is close."""
    if not choices or len(word) > _LONGEST_WORD:
        return ""
    if len(choices) > _FEW_NAMES:
        near = _one_edit_away(word, choices if isinstance(choices, set) else set(choices))
        return f"; did you mean `{near}`?" if near else ""
    options = sorted(set(choices))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"; did you mean `{close[0]}`?"
    if len(options) <= 12:
        return "; expected one of: " + ", ".join(f"`{o}`" for o in options)
    return ""


def _one_edit_away(word: str, names: set[str]) -> str | None:
    """The first (in sort order) name that differs from `word` by case or by one edit."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    candidates = {word.lower(), word.replace("_", "-"), word.replace("-", "_")}
    candidates.update(a + b[1:] for a, b in splits if b)
    candidates.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    candidates.update(a + c + b[1:] for a, b in splits if b for c in _ID_CHARS)
    candidates.update(a + c + b for a, b in splits for c in _ID_CHARS)
    found = sorted(c for c in candidates if c in names and c != word)
    return found[0] if found else None


@dataclass(frozen=True)
class Problem:
    """A problem found in a parsed spec, located by its document path (keys and indices).

    Checks that work on models rather than YAML produce these; the loader turns the path into a
    line and column.
    """

    path: tuple[str | int, ...]
    code: str
    message: str
    at_key: bool = False
