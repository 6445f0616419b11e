"""The evidence formats accord reads, and telling them apart from a file's first line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from accord.evidence.acled import stage_acled
from accord.evidence.canonical import stage_accord_csv, stage_jsonl
from accord.evidence.csvread import FileProblem, Scan, read_header
from accord.evidence.staging import Staged
from accord.evidence.ucdp import stage_ucdp

#: (connection, file, its scan, prefix of the staging tables' names) -> the staged file.
Importer = Callable[[duckdb.DuckDBPyConnection, Path, Scan, str], Staged]
FORMATS: dict[str, Importer] = {
    "accord-csv": stage_accord_csv,
    "accord-jsonl": stage_jsonl,
    "acled": stage_acled,
    "ucdp-ged": stage_ucdp,
}
_JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")


def detect_format(path: Path, encoding: str) -> str:
    """The format of `path`, from its suffix or header; FileProblem when it cannot be told."""
    if path.suffix.lower() in _JSON_SUFFIXES or _first_char(path) == "{":
        return "accord-jsonl"
    header = set(read_header(path, encoding)[0])
    if {"event_id_cnty", "event_type"} <= header:
        return "acled"
    if {"date_start", "type_of_violence", "side_a"} <= header:
        return "ucdp-ged"
    if "occurred_at" in header or "publisher" in header:
        return "accord-csv"
    raise FileProblem(
        "unknown-format",
        "cannot tell the format from the header; pass --format " + "|".join(FORMATS),
    )


def _first_char(path: Path) -> str:
    with path.open("rb") as handle:
        start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start[:1].decode("latin-1")
