"""Reason codes for rejected files and rows. Stable slugs: reports and tests rely on them."""

from __future__ import annotations

#: Problems with a whole file: nothing from it is imported.
FILE_REASONS: dict[str, str] = {
    "unreadable-file": "The file cannot be read.",
    "empty-file": "The file holds no rows.",
    "bad-encoding": "The file is not in the expected encoding (UTF-8 unless --encoding says so).",
    "unknown-format": "The format cannot be told from the header; pass --format.",
    "missing-column": "A column the format requires is absent from the header.",
    "duplicate-column": "The header names a column twice.",
    "unknown-column": "The header has a column the format does not define.",
    "malformed-csv": "The CSV cannot be parsed (e.g. an unterminated quote).",
}

#: Problems with one row (or one field of it): the row goes to quarantine, the rest lands.
ROW_REASONS: dict[str, str] = {
    "missing-value": "A required field is empty.",
    "missing-fields": "The row has fewer fields than the header.",
    "extra-fields": "The row has more fields than the header.",
    "bad-date": "Not an ISO date (YYYY-MM-DD) or instant with a UTC offset, or not a real date.",
    "bad-interval": "The end of the interval is before its start.",
    "bad-number": "Not a whole number.",
    "negative-quantity": "A count below zero.",
    "bad-value": "A value outside the allowed set.",
    "unknown-action": "An action outside accord's vocabulary.",
    "unknown-source": "A source id that is neither in the store nor in the same file.",
    "unknown-event": "`amends` names an event that is neither in the store nor in the same file.",
    "unknown-field": "A key the format does not define.",
    "bad-json": "The line is not a JSON object.",
    "field-too-long": "A field longer than the limit (64 KiB).",
    "conflicting-duplicate": "The same id from the same source is stored with other content.",
}

MAX_FIELD_CHARS = 65_536
