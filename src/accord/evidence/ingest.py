"""Importing evidence files into the store: one transaction per file, bad rows to quarantine.

A file lands whole (its good rows, with its bad rows in quarantine and a line in the ingest log)
or, when the whole file is unusable, not at all. Importing the same file again adds nothing.

A file of more than RELEASE_BYTES is read, checked and typed while the store is let go
(`Store.released`), so that other processes can read or write the store meanwhile; the store is
held again only to compare the rows with what it holds and write them.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import tempfile
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from accord.evidence.checks import (
    Check,
    claim_checks,
    dataset_checks,
    event_checks,
    run_checks,
    source_checks,
)
from accord.evidence.csvread import FileProblem, scan_file
from accord.evidence.formats import FORMATS, detect_format
from accord.evidence.reasons import RowProblem
from accord.evidence.sql import Sql, identifier
from accord.evidence.staging import Staged
from accord.evidence.store import Store
from accord.evidence.writer import (
    Written,
    prepare_events,
    store_events,
    write_claims,
    write_sources,
)
from accord.version import __version__

REPORT_LIMIT = 100
# Letting go of the store and taking it back costs a checkpoint and a reopen (tens of
# milliseconds): more than reading a small file takes, so a small file is read holding it.
RELEASE_BYTES = 1 << 20
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
    """Import one file into `store` in one transaction and report what happened.

    Raises StoreBusy when another process keeps the store past its wait once the file is read.
    """
    report = FileReport(str(path))
    step = progress or (lambda _: None)
    try:
        with _let_go(store, path):
            work = _prepare(store.con, path, fmt, encoding, report, step)
        step("storing")
        with store.transaction() as con:
            _store(con, work, str(path), report)
    except FileProblem as problem:
        report.failure = RowProblem(None, None, None, problem.reason, problem.message)
        report.rows_read = report.rejected = 0
        report.written = {}
    finally:
        store.con.execute("RESET preserve_insertion_order")
        _drop_work_tables(store.con)
    return report


def _let_go(store: Store, path: Path) -> AbstractContextManager[None]:
    """Release the store while `path` is read, if it is big enough for that to pay."""
    big = path.is_file() and path.stat().st_size > RELEASE_BYTES
    return store.released() if big else nullcontext()


@dataclass
class _Work:
    """A file read and checked, waiting for the store: its staged rows, their problems so far
    (`errors`), the events typed for storing, and what the store must still check."""

    staged: Staged
    fmt: str
    digest: str
    errors: Sql
    lookups: dict[str, list[Check]]
    typed_events: Sql | None = None


_PREFIX = "ingest"


def _drop_work_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Free the staging tables of the file just imported (they hold the whole file)."""
    for kind, name in con.execute(
        "SELECT 'VIEW', view_name FROM duckdb_views() WHERE temporary AND view_name LIKE 'ingest%' "
        "UNION ALL SELECT 'TABLE', table_name FROM duckdb_tables() "
        "WHERE temporary AND table_name LIKE 'ingest%'"
    ).fetchall():
        con.execute(f"DROP {'VIEW' if kind == 'VIEW' else 'TABLE'} IF EXISTS {identifier(name)}")


def _prepare(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    fmt: str | None,
    encoding: str,
    report: FileReport,
    step: Progress,
) -> _Work:
    """Everything that needs the file and not the store: read, stage, check rows, type events."""
    step("reading")
    if not path.is_file():
        raise FileProblem("unreadable-file", "no such file")
    if path.stat().st_size == 0:
        raise FileProblem("empty-file", "the file is empty")
    scan = scan_file(path, encoding)
    report.format = found = fmt or detect_format(path, scan.encoding)
    staged = FORMATS[found](con, path, scan, _PREFIX)
    # Row numbers are fixed now (they came from the file's order); from here on, rows may be
    # written in any order, which lets DuckDB use every core. ingest_file resets this.
    con.execute("SET preserve_insertion_order = false")
    report.rows_read = staged.rows_read
    step("checking")
    errors = f"{_PREFIX}_errors"
    con.execute(
        f"CREATE TEMP TABLE {errors} (row_number BIGINT, column_name VARCHAR, value VARCHAR, "
        "reason VARCHAR, message VARCHAR)"
    )
    # Checks of a row alone run now; those that compare with the store wait for it.
    lookups = {}
    for kind, checks in _checks(staged).items():
        run_checks(con, staged.tables[kind], [c for c in checks if c.scope != "lookup"], errors)
        lookups[kind] = [c for c in checks if c.scope == "lookup"]
    work = _Work(staged, found, scan.digest, errors, lookups)
    if "events" in staged.tables:
        work.typed_events = prepare_events(con, staged.tables["events"], errors)
    return work


def _checks(staged: Staged) -> dict[str, list[Check]]:
    """The checks of each staged kind, sources first: events and claims may cite them."""
    known_sources = "SELECT id FROM sources"
    checks: dict[str, list[Check]] = {}
    if "sources" in staged.tables:
        checks["sources"] = source_checks()
    if "events" in staged.tables:
        table = staged.tables["events"]
        known_events = f"SELECT event_id FROM events UNION SELECT event_id FROM {table}"
        checks["events"] = event_checks(known_sources, known_events, staged.built_extra)
        checks["events"] += dataset_checks(staged.required)
    if "claims" in staged.tables:
        checks["claims"] = claim_checks(known_sources)
    return checks


def _store(con: duckdb.DuckDBPyConnection, work: _Work, file: str, report: FileReport) -> None:
    """What needs the store, in the import's transaction: the log, lookups, writes, quarantine."""
    staged, errors = work.staged, work.errors
    ingest_id = log_start(con, file, work.digest, work.fmt)
    written = {kind: Written() for kind in ("sources", "events", "claims")}
    for kind, checks in work.lookups.items():
        run_checks(con, staged.tables[kind], checks, errors)
        if kind == "sources":
            written[kind] = write_sources(con, staged.tables[kind], errors, ingest_id)
        elif kind == "events" and work.typed_events is not None:
            written[kind] = store_events(con, work.typed_events, errors, ingest_id)
        elif kind == "claims":
            written[kind] = write_claims(con, staged.tables[kind], errors, ingest_id)
    report.written = written
    _name_columns_as_in_file(con, errors, staged.file_columns)
    if staged.problems:
        # Problems found while reading are in the file's terms already.
        con.execute(
            f"INSERT INTO {errors} SELECT unnest(from_json(?, ?), recursive := true)",
            [
                json.dumps([p.to_dict() for p in staged.problems], ensure_ascii=False),
                json.dumps([_PROBLEM_TYPES]),
            ],
        )
    _quarantine(con, errors, ingest_id, file, report)
    log_end(con, ingest_id, report.rows_read, report.rejected, report.written)


_PROBLEM_TYPES = {
    "row": "BIGINT",
    "column": "VARCHAR",
    "value": "VARCHAR",
    "reason": "VARCHAR",
    "message": "VARCHAR",
}


def _name_columns_as_in_file(
    con: duckdb.DuckDBPyConnection, errors: Sql, names: dict[str, str]
) -> None:
    for staged, original in names.items():
        con.execute(
            f"UPDATE {errors} SET column_name = ?, message = replace(message, ?, ?) "
            "WHERE column_name = ?",
            [original, f"`{staged}`", f"`{original}`", staged],
        )


def _quarantine(
    con: duckdb.DuckDBPyConnection, errors: Sql, ingest_id: int, file: str, report: FileReport
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
            work = _prepare(store.con, path, "accord-jsonl", "utf-8", report, lambda _: None)
            work.fmt = report.format = fmt
            work.digest = digest or hashlib.sha256(text.encode("utf-8")).hexdigest()
            with store.transaction() as con:
                _store(con, work, name, report)
    except FileProblem as problem:
        report.failure = RowProblem(None, None, None, problem.reason, problem.message)
    finally:
        store.con.execute("RESET preserve_insertion_order")
        _drop_work_tables(store.con)
    return report
