"""The evidence store: one DuckDB file, versioned by migrations, written a transaction at a time.

DuckDB lets one process at a time open a file for writing (readers share it, but not with a
writer). accord makes that a queue rather than an error: a store that another process holds is
waited for (`wait` seconds), and the file is opened from an in-memory connection (`ATTACH`), so
that an import can let go of it while it reads and checks a file (`released`) and hold it only to
write. See docs/architecture.md, "Evidence store: one writer at a time".
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, tzinfo
from pathlib import Path
from types import TracebackType

import duckdb

from accord.engine.acts import MatchedEvent, Window
from accord.evidence.checks import create_macros
from accord.evidence.matching import match_events, revision_days
from accord.evidence.schema import MIGRATIONS, SCHEMA_VERSION
from accord.evidence.sql import literal
from accord.spec.models import Spec

DEFAULT_DB = "accord.duckdb"
DEFAULT_WAIT = 30.0
MEMORY = ":memory:"
#: The catalog name of the attached store file; the in-memory connection's own is `memory`.
ALIAS = "store"
_POLL = (0.01, 0.2)  # first and longest pause between two tries of a busy store, in seconds
_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


class StoreError(Exception):
    """The store cannot be opened or used; the message says why and what to do."""


class StoreBusy(StoreError):
    """Another process kept the store for longer than the wait allowed."""

    code = "store-busy"

    def __init__(self, message: str, holder: int | None) -> None:
        super().__init__(message)
        self.holder = holder


class Store:
    """An open evidence store. Opening migrates an older store; a newer one is refused.

    `wait` is how long to wait, in seconds, for a store another process holds; `on_wait` is told
    once, in a sentence, who holds it. `path` ":memory:" is a store that lives in this process.
    A store is the engine's `Evidence`: `accord.evaluate(spec, store, as_of)`.
    """

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        *,
        read_only: bool = False,
        wait: float = DEFAULT_WAIT,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.wait = wait
        self.on_wait = on_wait
        self.in_memory = str(path) == MEMORY
        self.con = duckdb.connect()
        self._spill = _spill_folder(self.path, self.in_memory)
        try:
            self._configure()
            if not self.in_memory:
                self._attach()
            self._migrate(read_only)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (DuckDB checkpoints the file first)."""
        self.con.close()
        shutil.rmtree(self._spill, ignore_errors=True)

    def _configure(self) -> None:
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute("SET enable_progress_bar = false")
        # Spilled pages go to a folder of this process only: two imports staging at once must
        # not share DuckDB's file names.
        self.con.execute(f"SET temp_directory = {literal(str(self._spill))}")
        # A cap keeps big imports within a laptop's means; DuckDB spills to disk beyond it.
        limit = os.environ.get("ACCORD_MEMORY_LIMIT", "1GB")
        try:
            self.con.execute("SET memory_limit = ?", [limit])
        except duckdb.Error:
            raise StoreError(
                f"ACCORD_MEMORY_LIMIT={limit!r} is not a memory size; write e.g. 1GB or 800MB"
            ) from None
        create_macros(self.con)

    def _attach(self) -> None:
        """Open the file, waiting while another process holds it."""
        mode = " (READ_ONLY)" if self.read_only else ""
        statement = f"ATTACH {literal(str(self.path))} AS {ALIAS}{mode}"
        deadline = time.monotonic() + self.wait
        pause, told = _POLL[0], False
        while True:
            try:
                self.con.execute(statement)
                break
            except duckdb.Error as exc:
                detail = str(exc).strip().splitlines()[0]
                holder = _HOLDER.search(detail)
                if holder is None:
                    raise StoreError(
                        f"{self.path}: cannot open as an accord store: {detail}"
                    ) from None
                pid, program = int(holder["pid"]), Path(holder["program"]).name
                if time.monotonic() + pause > deadline:
                    raise StoreBusy(
                        f"{self.path}: store-busy: the store is still in use by process {pid} "
                        f"({program}) after {self.wait:g} s; try again when it has finished, or "
                        "wait longer with --wait SECONDS",
                        pid,
                    ) from None
                if not told and self.on_wait is not None:
                    self.on_wait(
                        f"{self.path} is in use by process {pid} ({program}); waiting up to "
                        f"{self.wait:g} s for it"
                    )
                    told = True
                time.sleep(pause)
                pause = min(pause * 2, _POLL[1])
        self.con.execute(f"USE {ALIAS}")
        if not self.read_only:
            _remove_stale_spills(self.path)

    @contextmanager
    def released(self) -> Iterator[None]:
        """Let go of the file during the block (other processes may read or write it), and take
        it again after, waiting as when opening. Temporary tables stay."""
        if self.in_memory:
            yield
            return
        self.con.execute("USE memory")
        self.con.execute(f"DETACH {ALIAS}")
        try:
            yield
        finally:
            self._attach()

    @property
    def version(self) -> int:
        """The schema version written in the store (0 for an empty file)."""
        tables = {
            row[0]
            for row in self.con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
            ).fetchall()
        }
        if "meta" not in tables:
            if tables:
                raise StoreError(f"{self.path}: this DuckDB file is not an accord store")
            return 0
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self, read_only: bool) -> None:
        current = self.version
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: the store has schema version {current}, written by a newer accord; "
                f"this accord reads up to version {SCHEMA_VERSION}. Upgrade accord to open it."
            )
        if current == SCHEMA_VERSION:
            return
        if read_only:
            raise StoreError(f"{self.path}: the store needs an upgrade; open it once for writing")
        migrate(self.con, current, SCHEMA_VERSION)

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: commit when the block ends, roll back if it raises."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def match(
        self,
        spec: Spec,
        windows: Sequence[Window],
        as_of: datetime,
        policy: str,
        tz: tzinfo,
    ) -> dict[str, list[MatchedEvent]]:
        """The acts in each window by `as_of` under `policy` (see `accord.engine.evidence`)."""
        return match_events(self.con, spec, windows, as_of, policy, tz)

    def claimants(self) -> set[str]:
        """Every name evidence is claimed by (`claimed_by`) or published under (a publisher)."""
        rows = self.con.execute(
            "SELECT claimed_by FROM events WHERE claimed_by IS NOT NULL "
            "UNION SELECT publisher FROM sources"
        ).fetchall()
        return {name for (name,) in rows}

    def revision_days(self) -> list[date]:
        """The days on which a current correction or retraction is dated, in order."""
        return revision_days(self.con)

    def last_event_day(self) -> date | None:
        """The day of the latest current event, if the store holds any."""
        row = self.con.execute("SELECT max(occurred_on) FROM events WHERE is_current").fetchone()
        return row[0] if row else None

    def counts(self) -> dict[str, int]:
        """Row counts: sources, current events, all event versions, claims, quarantine, ingests."""
        queries = {
            "sources": "SELECT count(*) FROM sources",
            "events": "SELECT count(*) FROM events WHERE is_current",
            "event_versions": "SELECT count(*) FROM events",
            "claims": "SELECT count(*) FROM claims",
            "quarantined": "SELECT count(*) FROM quarantine",
            "ingests": "SELECT count(*) FROM ingests",
        }
        return {name: int(self.con.execute(sql).fetchone()[0]) for name, sql in queries.items()}  # type: ignore[index]


def migrate(con: duckdb.DuckDBPyConnection, current: int, target: int) -> None:
    """Apply migrations current+1 .. target, each in its own transaction."""
    for version in range(current + 1, target + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in MIGRATIONS[version - 1]:
                con.execute(statement)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")


def _spill_folder(path: Path, in_memory: bool) -> Path:
    """Where this process's DuckDB spills: `<store>.<pid>.tmp` beside the store."""
    if in_memory:
        return Path(tempfile.gettempdir()) / f"accord-memory.{os.getpid()}.tmp"
    return path.with_name(f"{path.name}.{os.getpid()}.tmp")


def _remove_stale_spills(path: Path) -> None:
    """Remove the spill folders of processes that were killed: `<store>.<pid>.tmp` of a process
    that is gone, and `<store>.tmp`, DuckDB's own, which nothing uses while accord holds the
    store."""
    stale = [path.with_name(f"{path.name}.tmp")]
    for folder in path.parent.glob(f"{glob.escape(path.name)}.*.tmp"):
        pid = folder.name[len(path.name) + 1 : -len(".tmp")]
        if pid.isdigit() and not _alive(int(pid)):
            stale.append(folder)
    for folder in stale:
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
