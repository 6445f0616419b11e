"""The store: created at the current schema, older stores upgraded, newer ones refused."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from accord.evidence.ingest import ingest_file
from accord.evidence.schema import SCHEMA_VERSION
from accord.evidence.store import Store, StoreError, migrate


def test_new_store_has_the_current_schema_and_no_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "new.duckdb") as store:
        assert store.version == SCHEMA_VERSION == 3
        assert set(store.counts().values()) == {0}


def test_an_older_store_is_upgraded_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, 0, 1)  # a store written before claims existed
    con.execute(
        "INSERT INTO sources VALUES ('s1', 'Example Wire', NULL, NULL, NULL, false, NULL, "
        "'news', NULL, 1, 1)"
    )
    con.close()
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION
        assert store.counts()["sources"] == 1
        assert store.counts()["claims"] == 0  # the new table exists


def test_integer_hashes_become_portable_hex_in_place(tmp_path: Path) -> None:
    """Version 3 stores content hashes as 32 hex digits: an old store's events keep their
    identity (the same hash, written in hex) and a re-import of the same file adds nothing."""
    path = tmp_path / "v2.duckdb"
    events = tmp_path / "events.jsonl"
    events.write_text(
        '{"record": "source", "id": "s1", "publisher": "Example Wire"}\n'
        '{"record": "event", "id": "e1", "source": "s1", "occurred_at": "2025-01-19", '
        '"actor": "a", "action": "release", "object": "captive", "quantity": 3}\n',
        encoding="utf-8",
    )
    with Store(path) as store:
        ingest_file(store, events)
        hashed = store.con.execute("SELECT uid FROM events").fetchall()
    con = duckdb.connect(str(path))  # write it back as version 2 held it: 128-bit integers
    for table, column in (("events", "uid"), ("claims", "uid"), ("sources", "content_hash")):
        high, low = (f"CAST(('0x' || substr({column}, {i}, 16)) AS UBIGINT)" for i in (1, 17))
        con.execute(
            f"ALTER TABLE {table} ALTER {column} TYPE UHUGEINT "
            f"USING (CAST({high} AS UHUGEINT) << 64) | {low}"
        )
    con.execute("ALTER TABLE events ALTER superseded_by TYPE UHUGEINT USING NULL")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION
        assert store.con.execute("SELECT uid FROM events").fetchall() == hashed
        assert len(hashed[0][0]) == 32
        assert ingest_file(store, events).written["events"].added == 0


def test_a_newer_store_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    with Store(path) as store:
        store.con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99, written by a newer accord"):
        Store(path)


@pytest.mark.parametrize("kind", ["other-duckdb", "text"])
def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "other.duckdb"
    if kind == "text":
        path.write_text("not a database\n")
    else:
        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE t (x INTEGER)")
        con.close()
    with pytest.raises(StoreError):
        Store(path)


def test_a_failed_transaction_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    with Store(tmp_path / "t.duckdb") as store:
        with pytest.raises(RuntimeError), store.transaction() as con:
            con.execute(
                "INSERT INTO ingests (id, file, file_sha256, format, started_at, "
                "accord_version) VALUES (1, 'f', 'h', 'acled', now(), 'x')"
            )
            raise RuntimeError("stop half-way")
        assert store.counts()["ingests"] == 0
