"""The evidence store: one DuckDB file, versioned by migrations, written a transaction at a time."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, tzinfo
from pathlib import Path
from types import TracebackType

import duckdb

from accord.engine.acts import MatchedEvent, Window
from accord.evidence.matching import match_events, revision_days
from accord.evidence.schema import MIGRATIONS, SCHEMA_VERSION
from accord.spec.models import Spec

DEFAULT_DB = "accord.duckdb"


class StoreError(Exception):
    """The store cannot be opened or used; the message says why and what to do."""


class Store:
    """An open evidence store. Opening migrates an older store; a newer one is refused.

    A store is the engine's `Evidence`: `accord.evaluate(spec, store, as_of)`.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open as an accord store: {exc}") from None
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute("SET enable_progress_bar = false")
        # A cap keeps big imports within a laptop's means; DuckDB spills to disk beyond it.
        limit = os.environ.get("ACCORD_MEMORY_LIMIT", "1GB")
        try:
            self.con.execute("SET memory_limit = ?", [limit])
        except duckdb.Error:
            self.con.close()
            raise StoreError(
                f"ACCORD_MEMORY_LIMIT={limit!r} is not a memory size; write e.g. 1GB or 800MB"
            ) from None
        try:
            self._migrate(read_only)
        except StoreError:
            self.con.close()
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
        """Close the connection (DuckDB checkpoints the file)."""
        self.con.close()

    @property
    def version(self) -> int:
        """The schema version written in the store (0 for an empty file)."""
        tables = {
            row[0] for row in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
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
