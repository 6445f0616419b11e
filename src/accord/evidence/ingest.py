"""Importing evidence files into the store: one transaction per file, bad rows to quarantine.

A file lands whole (its good rows, with its bad rows in quarantine and a line in the ingest log)
or, when the whole file is unusable, not at all. Importing the same file again adds nothing.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from accord.evidence.checks import (
    claim_checks,
    create_macros,
    event_checks,
    run_checks,
    source_checks,
)
from accord.evidence.csvread import FileProblem, scan_file
from accord.evidence.formats import FORMATS, detect_format
from accord.evidence.staging import RowProblem, Staged
from accord.evidence.store import Store
from accord.evidence.writer import Written, write_claims, write_events, write_sources
from accord.version import __version__

REPORT_LIMIT = 100
STEPS = ("reading", "checking", "storing")
Progress = Callable[[str], None]


@dataclass
class FileReport:
    """The outcome of importing one file."""

    file: str
    format: str | None = None
    rows_read: int = 0
    rejected: int = 0
    written: dict[str, Written] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    problem_count: int = 0
    failure: RowProblem | None = None

    @property
    def status(self) -> str:
        """`ok`, `partial` (some rows rejected) or `failed` (nothing imported)."""
        if self.failure is not None or (self.rows_read and self.rejected == self.rows_read):
            return "failed"
        return "partial" if self.rejected else "ok"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for `accord ingest --json`."""
        return {
            "file": self.file,
            "format": self.format,
            "status": self.status,
            "rows_read": self.rows_read,
            "rejected": self.rejected,
            **{kind: vars(w) for kind, w in self.written.items()},
            "failure": self.failure.to_dict() if self.failure else None,
            "problems": [p.to_dict() for p in self.problems],
            "problems_total": self.problem_count,
        }


def exit_code(reports: Iterable[FileReport]) -> int:
    """0 when every row of every file landed, 2 when nothing was imported, 1 otherwise."""
    statuses = [r.status for r in reports]
    if all(s == "ok" for s in statuses):
        return 0
    return 2 if all(s == "failed" for s in statuses) else 1


def ingest_file(
    store: Store,
    path: Path,
    fmt: str | None = None,
    encoding: str = "utf-8",
    progress: Progress | None = None,
) -> FileReport:
    """Import one file into `store` in one transaction and report what happened."""
    report = FileReport(str(path))
    step = progress or (lambda _: None)
    try:
        with store.transaction() as con:
            _import(con, path, fmt, encoding, report, step)
    except FileProblem as problem:
        report.failure = RowProblem(None, None, None, problem.reason, problem.message)
        report.rows_read = report.rejected = 0
        report.written = {}
    finally:
        store.con.execute("RESET preserve_insertion_order")
        _drop_work_tables(store.con)
    return report


def _drop_work_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Free the staging tables of the file just imported (they hold the whole file)."""
    for kind, name in con.execute(
        "SELECT 'VIEW', view_name FROM duckdb_views() WHERE temporary AND view_name LIKE 'ingest%' "
        "UNION ALL SELECT 'TABLE', table_name FROM duckdb_tables() "
        "WHERE temporary AND table_name LIKE 'ingest%'"
    ).fetchall():
        con.execute(f"DROP {kind} IF EXISTS {name}")


def _import(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    fmt: str | None,
    encoding: str,
    report: FileReport,
    step: Progress,
) -> None:
    step("reading")
    if not path.is_file():
        raise FileProblem("unreadable-file", "no such file")
    if path.stat().st_size == 0:
        raise FileProblem("empty-file", "the file is empty")
    duck_encoding, digest = scan_file(path, encoding)
    report.format = fmt or detect_format(path, duck_encoding)
    ingest_id = log_start(con, str(path), digest, report.format)
    prefix = f"ingest{ingest_id}"
    staged = FORMATS[report.format](con, path, duck_encoding, prefix)
    # Row numbers are fixed now (they came from the file's order); from here on, rows may be
    # written in any order, which lets DuckDB use every core. ingest_file resets this.
    con.execute("SET preserve_insertion_order = false")
    report.rows_read = staged.rows_read
    step("checking")
    errors = _errors_table(con, prefix, staged)
    create_macros(con)
    step("storing")
    report.written = _check_and_write(con, staged, errors, ingest_id)
    _name_columns_as_in_file(con, errors, staged.file_columns)
    _quarantine(con, errors, ingest_id, str(path), report)
    log_end(con, ingest_id, report.rows_read, report.rejected, report.written)


def _check_and_write(
    con: duckdb.DuckDBPyConnection, staged: Staged, errors: str, ingest_id: int
) -> dict[str, Written]:
    # Sources first: events and claims in the same file may cite them.
    written = {kind: Written() for kind in ("sources", "events", "claims")}
    known_sources = "SELECT id FROM sources"
    if "sources" in staged.tables:
        run_checks(con, staged.tables["sources"], source_checks(), errors)
        written["sources"] = write_sources(con, staged.tables["sources"], errors, ingest_id)
    if "events" in staged.tables:
        table = staged.tables["events"]
        known_events = f"SELECT event_id FROM events UNION SELECT event_id FROM {table}"
        checks = event_checks(known_sources, known_events, staged.built_extra)
        run_checks(con, table, checks, errors)
        written["events"] = write_events(con, table, errors, ingest_id)
    if "claims" in staged.tables:
        run_checks(con, staged.tables["claims"], claim_checks(known_sources), errors)
        written["claims"] = write_claims(con, staged.tables["claims"], errors, ingest_id)
    return written


def _name_columns_as_in_file(
    con: duckdb.DuckDBPyConnection, errors: str, names: dict[str, str]
) -> None:
    for staged, original in names.items():
        con.execute(
            f"UPDATE {errors} SET column_name = ? WHERE column_name = ?", [original, staged]
        )


def _errors_table(con: duckdb.DuckDBPyConnection, prefix: str, staged: Staged) -> str:
    name = f"{prefix}_errors"
    con.execute(
        f"CREATE TEMP TABLE {name} (row_number BIGINT, column_name VARCHAR, value VARCHAR, "
        "reason VARCHAR, message VARCHAR)"
    )
    if staged.problems:
        con.executemany(
            f"INSERT INTO {name} VALUES (?, ?, ?, ?, ?)",
            [(p.row, p.column, p.value, p.reason, p.message) for p in staged.problems],
        )
    return name


def _quarantine(
    con: duckdb.DuckDBPyConnection, errors: str, ingest_id: int, file: str, report: FileReport
) -> None:
    # Re-importing the same file reports its bad rows again but does not quarantine them twice.
    con.execute(
        f"""INSERT INTO quarantine SELECT {ingest_id}, ?, e.row_number, e.column_name, e.value,
            e.reason, e.message FROM {errors} e WHERE NOT EXISTS (
                SELECT 1 FROM quarantine q JOIN ingests i ON q.ingest_id = i.id
                JOIN ingests now ON now.id = {ingest_id}
                WHERE i.file_sha256 = now.file_sha256 AND i.id <> now.id
                AND q.row_number IS NOT DISTINCT FROM e.row_number
                AND q.column_name IS NOT DISTINCT FROM e.column_name AND q.reason = e.reason)""",
        [file],
    )
    rows = con.execute(
        f"SELECT row_number, column_name, value, reason, message FROM {errors} "
        f"ORDER BY row_number, column_name NULLS FIRST, reason LIMIT {REPORT_LIMIT}"
    ).fetchall()
    report.problems = [RowProblem(*row) for row in rows]
    counts = con.execute(f"SELECT count(*), count(DISTINCT row_number) FROM {errors}").fetchone()
    report.problem_count, report.rejected = (int(counts[0]), int(counts[1])) if counts else (0, 0)


def log_start(con: duckdb.DuckDBPyConnection, file: str, digest: str, fmt: str) -> int:
    """Open an entry of the ingest log (inside the import's transaction); its id."""
    row = con.execute("SELECT coalesce(max(id), 0) + 1 FROM ingests").fetchone()
    ingest_id = int(row[0]) if row else 1
    con.execute(
        "INSERT INTO ingests (id, file, file_sha256, format, started_at, user_name, "
        "accord_version) VALUES (?, ?, ?, ?, now(), ?, ?)",
        [ingest_id, file, digest, fmt, _user(), __version__],
    )
    return ingest_id


def log_end(
    con: duckdb.DuckDBPyConnection,
    ingest_id: int,
    rows_read: int,
    rejected: int,
    written: dict[str, Written],
) -> None:
    """Close an entry of the ingest log with what the import read, wrote and rejected."""
    events = written["events"]
    con.execute(
        "UPDATE ingests SET finished_at = now(), rows_read = ?, added = ?, duplicates = ?, "
        "replaced = ?, rejected = ?, sources_added = ?, claims_added = ? WHERE id = ?",
        [
            rows_read, events.added, events.duplicates, events.replaced, rejected,
            written["sources"].added, written["claims"].added, ingest_id,
        ],
    )  # fmt: skip


def _user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def ingest_records(
    store: Store,
    records: Iterable[dict[str, Any]],
    *,
    name: str,
    fmt: str = "accord-jsonl",
    digest: str | None = None,
) -> FileReport:
    """Import in-memory records as `ingest_file` imports a JSON Lines file of them.

    Each record is one JSON Lines object (a `record` key: source, event or claim; see
    docs/evidence.md, section 3). They are written as JSON Lines and read by the JSON Lines
    importer, so the checks, row numbers (a record's position, from 1), quarantine and ingest
    log are those of `accord ingest`. The log names the import `name`, with format `fmt` and
    `digest` as its SHA-256 (by default, that of the JSON Lines text).
    """
    # json.dumps escapes every non-ASCII character (lone surrogates too): the write cannot fail.
    text = "".join(json.dumps(record) + "\n" for record in records)
    report = FileReport(name, fmt)
    try:
        with tempfile.TemporaryDirectory(prefix="accord-records-") as folder:
            path = Path(folder) / "records.jsonl"
            path.write_text(text, encoding="utf-8")
            with store.transaction() as con:
                sha = digest or hashlib.sha256(text.encode("utf-8")).hexdigest()
                ingest_id = log_start(con, name, sha, fmt)
                prefix = f"ingest{ingest_id}"
                staged = FORMATS["accord-jsonl"](con, path, "utf-8", prefix)
                report.rows_read = staged.rows_read
                errors = _errors_table(con, prefix, staged)
                create_macros(con)
                report.written = _check_and_write(con, staged, errors, ingest_id)
                _quarantine(con, errors, ingest_id, name, report)
                log_end(con, ingest_id, report.rows_read, report.rejected, report.written)
    except FileProblem as problem:
        report.failure = RowProblem(None, None, None, problem.reason, problem.message)
    finally:
        _drop_work_tables(store.con)
    return report
