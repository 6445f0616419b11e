"""accord's own evidence formats: CSV (events or sources) and JSON Lines (all three kinds)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import duckdb

from accord.evidence.csvread import FileProblem, Scan, load_csv
from accord.evidence.reasons import MAX_JSON_DEPTH, MAX_LINE_CHARS, RowProblem
from accord.evidence.sql import Sql
from accord.evidence.staging import (
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    SOURCE_COLUMNS,
    Staged,
    stage_csv,
    stage_rows,
)

#: CSV/JSON names of event fields; `id` is stored as the event's id within its source.
EVENT_FIELDS = tuple("id" if c == "event_id" else c for c in EVENT_COLUMNS if c != "revision")
RECORD_FIELDS = {"event": EVENT_FIELDS, "source": SOURCE_COLUMNS, "claim": CLAIM_COLUMNS}
_RECORD_KINDS = {"event": "events", "source": "sources", "claim": "claims"}
#: The staged event column behind the files' `id`, so reports use the file's name.
_FILE_COLUMNS = {"event_id": "id"}
#: JSON Lines fields that are not text: whole numbers, and JSON values of one type.
COUNT_FIELDS = frozenset({"quantity", "fatalities", "span_start", "span_end"})
JSON_FIELDS: dict[str, tuple[type, str]] = {
    "extra": (dict, "`extra` is a JSON object"),
    "quantities": (list, "`quantities` is a list of {value, unit, modifier}"),
    "about": (list, "`about` is a list of `<spec>:<provision>` references"),
}
# A \uD800-\uDFFF escape in the text; only then can the parsed line hold half a character.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def stage_accord_csv(con: duckdb.DuckDBPyConnection, path: Path, scan: Scan, prefix: Sql) -> Staged:
    """Stage an accord events CSV or sources CSV (told apart by their header)."""
    table = load_csv(con, path, f"{prefix}_raw", scan)
    header = set(table.header)
    if {"occurred_at", "action"} <= header:
        kind, fields = "events", EVENT_FIELDS
    elif {"id", "publisher"} <= header:
        kind, fields = "sources", SOURCE_COLUMNS
    else:
        raise FileProblem(
            "missing-column",
            "an accord CSV has `occurred_at` and `action` (events) "
            "or `id` and `publisher` (sources)",
        )
    unknown = sorted(header - set(fields))
    if unknown:
        raise FileProblem(
            "unknown-column",
            "the header has columns accord does not know: " + ", ".join(unknown),
        )
    expressions = {
        ("event_id" if name == "id" and kind == "events" else name): table.column(name)
        for name in table.header
    }
    return Staged(
        {kind: stage_csv(con, kind, f"{prefix}_{kind}", table, expressions)},
        table.rows,
        problems=list(table.problems),
        file_columns=_FILE_COLUMNS if kind == "events" else {},
    )


def stage_jsonl(con: duckdb.DuckDBPyConnection, path: Path, scan: Scan, prefix: Sql) -> Staged:
    """Stage accord JSON Lines: one source, event or claim object per line."""
    records: dict[str, list[tuple[int, dict[str, Any]]]] = {k: [] for k in RECORD_FIELDS}
    staged = Staged(file_columns=_FILE_COLUMNS)
    encoding = "utf-8-sig" if scan.encoding == "utf-8" else scan.encoding
    with path.open("r", encoding=encoding) as handle:
        for number, line in _lines(handle):
            if line is not None and not line.strip():
                continue
            staged.rows_read += 1
            parsed = parse_record(number, line, staged.problems)
            if parsed is not None:
                records[parsed[0]].append((number, parsed[1]))
    if staged.rows_read == 0:
        raise FileProblem("empty-file", "the file holds no records")
    for record, rows in records.items():
        kind = _RECORD_KINDS[record]
        staged.tables[kind] = stage_rows(con, kind, f"{prefix}_{kind}", rows)
    return staged


def _lines(handle: IO[str]) -> Iterator[tuple[int, str | None]]:
    """(line number, text) for each line; the text is None for a line over MAX_LINE_CHARS,
    which is skipped without being held in memory whole."""
    number = 0
    while line := handle.readline(MAX_LINE_CHARS + 1):
        number += 1
        if len(line) <= MAX_LINE_CHARS or line.endswith("\n"):
            yield number, line
            continue
        while (rest := handle.readline(MAX_LINE_CHARS)) and not rest.endswith("\n"):
            pass
        yield number, None


def parse_record(
    number: int, line: str | None, problems: list[RowProblem]
) -> tuple[str, dict[str, Any]] | None:
    """One JSON Lines record as (kind, staged fields), or None with its problems appended.

    `line` is None for a line too long to read. Nothing in a line raises: bad JSON, values of
    the wrong type, nesting too deep and text that is not Unicode are all problems of the line.
    """
    obj = _parse(line)
    if isinstance(obj, str):
        shown = None if line is None else line.strip()[:200]
        problems.append(RowProblem(number, None, shown, "bad-json", obj))
        return None
    record = obj.pop("record", None)
    if not isinstance(record, str) or record not in RECORD_FIELDS:
        problems.append(
            RowProblem(
                number, "record", _shown(record), "bad-value", "`record` is source, event or claim"
            )
        )
        return None
    unknown = sorted(set(obj) - set(RECORD_FIELDS[record]))
    for key in unknown:
        problems.append(
            RowProblem(number, key, None, "unknown-field", f"the {record} record has no `{key}`")
        )
    typed = [(key, _type_problem(key, value)) for key, value in obj.items() if key not in unknown]
    for key, found in typed:
        if found is not None:
            problems.append(RowProblem(number, key, _shown(obj[key]), *found))
    if unknown or any(found is not None for _, found in typed):
        return None
    # An empty string is "not given", as an empty CSV field is.
    fields = {key: value for key, value in obj.items() if value != ""}
    if record == "event" and "id" in fields:
        fields["event_id"] = fields.pop("id")
    return record, fields


def _parse(line: str | None) -> dict[str, Any] | str:
    """The line's object, or what is wrong with the line."""
    if line is None:
        return f"the line is longer than {MAX_LINE_CHARS:,} characters"
    try:
        obj = json.loads(line, parse_constant=_no_constant)
    except RecursionError:
        return f"nested deeper than {MAX_JSON_DEPTH} levels"
    except ValueError as exc:  # JSONDecodeError, NaN, or an integer of thousands of digits
        return f"not JSON: {getattr(exc, 'msg', str(exc))}"
    if not isinstance(obj, dict):
        return "each line is one object"
    if line.count("[") + line.count("{") > MAX_JSON_DEPTH and _depth(obj) > MAX_JSON_DEPTH:
        return f"nested deeper than {MAX_JSON_DEPTH} levels"
    if _SURROGATE_ESCAPE.search(line):
        try:
            json.dumps(obj, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            return "a \\uD800-\\uDFFF escape without its pair is half a character, not text"
    return obj


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in `value` (without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in item)
    return deepest


def _type_problem(key: str, value: Any) -> tuple[str, str] | None:
    """(reason, message) when `value` is of the wrong JSON type for field `key`."""
    if value is None:
        return None
    if key in COUNT_FIELDS:
        if isinstance(value, int) and not isinstance(value, bool):
            return None
        return "bad-number", f'`{key}` is a JSON integer, e.g. 4 (not "4", 4.0 or true)'
    if key in JSON_FIELDS:
        kind, message = JSON_FIELDS[key]
        return None if isinstance(value, kind) else ("bad-value", message)
    if key == "date_inferred":
        return None if isinstance(value, bool | str) else ("bad-value", "use one of: true, false")
    if isinstance(value, str):
        return None
    return "bad-value", f"`{key}` is text: write it as a JSON string"


def _shown(value: Any) -> str | None:
    """A value as reported: text as written, anything else as JSON; at most 200 characters."""
    if value is None:
        return None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text[:200]
