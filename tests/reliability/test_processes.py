"""The store with several processes at once, all real: ingests queue for it and all land, a
reader gets its answer while another process imports, a busy store is waited for and then
refused with `store-busy`, and a killed import leaves the store as it was and no spill folder.

No test sleeps: a process that holds the store stops at a known step (pausing_ingest.py) or holds
DuckDB's lock until the test tells it to let go.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from accord.evidence.store import Store

from .conftest import HERE, accord, python

PAUSING_CODE = (HERE / "pausing_ingest.py").read_text(encoding="utf-8")
HOLD = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read")
print("holding", flush=True)
sys.stdin.readline()
"""


def _jsonl(path: Path, rows: int, prefix: str, notes: int = 10) -> Path:
    """A JSON Lines file: one source and `rows` events with `notes` characters of notes each."""
    lines = [json.dumps({"record": "source", "id": f"{prefix}-s", "publisher": "Example Wire"})]
    lines += [
        json.dumps({"record": "event", "id": f"{prefix}-{i}", "occurred_at": "2025-01-19",
                    "actor": "a", "action": "release", "quantity": i, "source": f"{prefix}-s",
                    "notes": "n" * notes})
        for i in range(rows)
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return store.counts()


def _done(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def _hold(db: Path, mode: str = "write") -> subprocess.Popen[str]:
    holder = python(HOLD, str(db), mode)
    assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
    return holder


def _let_go(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("\n")
    process.stdin.flush()


def test_four_ingests_started_together_all_land_once(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    holder = _hold(db)  # so that all four find the store busy and queue for it
    files = [_jsonl(tmp_path / f"f{i}.jsonl", 50, f"f{i}") for i in range(4)]
    ingests = [accord("ingest", str(f), "--db", str(db), "--wait", "60") for f in files]
    for process in ingests:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert f"is in use by process {holder.pid}" in line, line
    _let_go(holder)
    _done(holder)
    for process in ingests:
        code, _, err = _done(process)
        assert code == 0, err
        assert "Traceback" not in err
    counts = _counts(db)
    assert (counts["sources"], counts["events"], counts["ingests"]) == (4, 200, 4)


def test_a_reader_and_a_writer_go_on_while_a_big_file_is_read(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    big = _jsonl(tmp_path / "big.jsonl", 400, "big", notes=4000)  # over RELEASE_BYTES
    importer = python(PAUSING_CODE, str(db), str(big), "checking", "wait")
    assert importer.stdout is not None and importer.stdout.readline() == "checking\n"
    # The importer holds its staged rows but not the store: others read and write at once.
    small = _jsonl(tmp_path / "small.jsonl", 3, "small")
    code, _, err = _done(accord("ingest", str(small), "--db", str(db), "--wait", "0"))
    assert code == 0, err
    again = accord("ingest", str(small), "--db", str(db), "--wait", "0", "--json")
    code, out, err = _done(again)
    assert code == 0, err
    assert json.loads(out)["store"]["events"] == 3  # the store as before the big import
    spec = str(HERE.parents[1] / "src/accord/examples/gaza-2025-01.yaml")
    reader = accord("status", spec, "--db", str(db), "--as-of", "2025-03-01", "--wait", "0")
    code, _, err = _done(reader)
    assert code == 0, err
    _let_go(importer)
    code, out, err = _done(importer)
    assert (code, out.split()[-1]) == (0, "ok"), err
    assert _counts(db)["events"] == 403


def test_a_busy_store_is_waited_for_then_refused_as_store_busy(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    small = _jsonl(tmp_path / "small.jsonl", 3, "small")
    importer = python(PAUSING_CODE, str(db), str(small), "storing", "wait")
    assert importer.stdout is not None and importer.stdout.readline() == "storing\n"
    code, out, err = _done(accord("ingest", str(small), "--db", str(db), "--wait", "0.2"))
    assert code == 2
    assert "waiting up to 0.2 s" in err and f"process {importer.pid}" in err
    assert "store-busy" in err and "Traceback" not in err
    spec = str(HERE.parents[1] / "src/accord/examples/gaza-2025-01.yaml")
    status = ["status", spec, "--db", str(db), "--as-of", "2025-03-01"]
    code, _, err = _done(accord(*status, "--wait", "0"))
    assert code == 2 and "store-busy" in err
    # A reader that waits long enough gets the store once the import has written.
    reader = accord(*status, "--wait", "60", "--json")
    assert reader.stderr is not None
    assert f"process {importer.pid}" in reader.stderr.readline()
    _let_go(importer)
    assert _done(importer)[0] == 0
    code, out, err = _done(reader)
    assert code == 0, err
    assert json.loads(out)["agreement"] == "gaza-2025-01"


@pytest.mark.parametrize("step", ["reading", "checking", "storing", "writing"])
def test_kill_9_at_any_step_leaves_the_store_as_it_was(tmp_path: Path, step: str) -> None:
    db = tmp_path / "s.duckdb"
    first = _jsonl(tmp_path / "first.jsonl", 5, "first")
    with Store(db) as store:
        from accord.evidence.ingest import ingest_file

        assert ingest_file(store, first).status == "ok"
    before = _counts(db)
    rows = 5_000 if step == "writing" else 400  # long enough to be caught writing
    big = _jsonl(tmp_path / "big.jsonl", rows, "big", notes=4000 if step != "writing" else 10)
    importer = python(PAUSING_CODE, str(db), str(big), step, "kill")
    code, out, _ = _done(importer)
    assert (code, out) == (-9, f"{step}\n")
    assert _counts(db) == before
    # The next import lands, and leaves no spill folder of the killed one.
    assert _done(accord("ingest", str(big), "--db", str(db)))[0] == 0
    assert _counts(db)["events"] == before["events"] + rows
    assert not list(tmp_path.glob("*.tmp"))


def test_stale_spill_folders_are_removed_by_the_next_writer(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = [tmp_path / f"s.duckdb.{int(gone.stdout)}.tmp", tmp_path / "s.duckdb.tmp"]
    alive = tmp_path / f"s.duckdb.{os.getppid()}.tmp"  # a process that still runs keeps its own
    for folder in [*stale, alive]:
        folder.mkdir()
        (folder / "duckdb_temp_storage_DEFAULT-0.tmp").write_bytes(b"x")
    Store(db).close()
    assert [f.exists() for f in stale] == [False, False]
    assert alive.exists()
