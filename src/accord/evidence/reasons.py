"""Reason codes for rejected files and rows, and the record of one problem.

Codes are stable slugs: reports and tests rely on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Problems with a whole file: nothing from it is imported.
FILE_REASONS: dict[str, str] = {
    "unreadable-file": "The file cannot be read.",
    "empty-file": "The file holds no rows.",
    "bad-encoding": "The file is not in the expected encoding (UTF-8 unless --encoding says so).",
    "unknown-format": "The format cannot be told from the header; pass --format.",
    "missing-column": "A column the format requires is absent from the header.",
    "duplicate-column": "The header names a column twice.",
    "unknown-column": "The header has a column the format does not define.",
    "malformed-csv": "The CSV cannot be parsed (e.g. a line longer than DuckDB's limit).",
}

#: Problems with one row (or one field of it): the row goes to quarantine, the rest lands.
ROW_REASONS: dict[str, str] = {
    "missing-value": "A required field is empty.",
    "missing-fields": "The row has fewer fields than the header.",
    "extra-fields": "The row has more fields than the header.",
    "bad-date": "Not an ISO date (YYYY-MM-DD) or instant with a UTC offset, or not a real date.",
    "bad-interval": "The end of the interval is before its start.",
    "after-publication": "The event is dated more than a day after its source was published.",
    "bad-number": "Not a whole number.",
    "negative-quantity": "A count below zero.",
    "bad-value": "A value outside the allowed set.",
    "unknown-action": "An action outside accord's vocabulary.",
    "unknown-source": "A source id that is neither in the store nor in the same file.",
    "unknown-event": "`amends` names an event that is neither in the store nor in the same file.",
    "unknown-field": "A key the format does not define.",
    "bad-json": "The line is not a JSON object, or is nested too deeply or too long.",
    "unterminated-quote": "A quote opens a field and is never closed.",
    "field-too-long": "A field longer than the limit (64 KiB).",
    "conflicting-duplicate": "The same id from the same source is stored with other content.",
}

MAX_FIELD_CHARS = 65_536
#: JSON Lines: the longest line read, and the deepest nesting of lists and objects in it.
MAX_LINE_CHARS = 16_000_000
MAX_JSON_DEPTH = 64


@dataclass
class RowProblem:
    """A rejected row (or one of its fields), reported frictionless-style."""

    row: int | None
    column: str | None
    value: str | None
    reason: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for `accord ingest --json`."""
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
            "message": self.message,
        }
