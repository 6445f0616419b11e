"""`accord ingest`: exit codes, the text and JSON reports, and a kill in the middle of an import."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from accord.evidence.store import Store

from .conftest import DATA

Run = Callable[..., Result]


def test_exit_codes(run_cli: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    good = run_cli("ingest", str(DATA / "acled_gaza_sample.csv"), "--db", db)
    assert good.exit_code == 0
    assert "12 rows read, 0 rejected" in good.stdout
    some = run_cli("ingest", str(DATA / "acled_bad_rows.csv"), "--db", db)
    assert some.exit_code == 1
    assert "row 18, column event_date, value '2025-02-30': bad-date" in some.stdout
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    none = run_cli("ingest", str(empty), "--db", db)
    assert none.exit_code == 2
    assert "empty-file" in none.stdout


def test_json_report(run_cli: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    result = run_cli("ingest", "--json", str(DATA / "acled_bad_rows.csv"), "--db", db)
    document = json.loads(result.stdout)
    (report,) = document["files"]
    assert report["status"] == "partial"
    assert report["events"]["added"] == 97
    assert report["rejected"] == 3
    assert report["problems"][0] == {
        "row": 18,
        "column": "event_date",
        "value": "2025-02-30",
        "reason": "bad-date",
        "message": report["problems"][0]["message"],
    }
    assert document["store"]["events"] == 97


def test_format_can_be_forced_and_a_newer_store_is_a_usage_error(
    run_cli: Run, tmp_path: Path
) -> None:
    db = tmp_path / "s.duckdb"
    forced = run_cli(
        "ingest", "--format", "ucdp-ged", str(DATA / "acled_gaza_sample.csv"), "--db", str(db)
    )
    assert forced.exit_code == 2
    assert "missing-column" in forced.stdout
    with Store(db) as store:
        store.con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    refused = subprocess.run(
        [sys.executable, "-c", "from accord.cli.main import main; main()", "ingest",
         str(DATA / "acled_gaza_sample.csv"), "--db", str(db)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert refused.returncode == 2  # nothing imported
    assert "newer accord" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_killing_an_import_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from ingest import generate  # type: ignore[import-not-found]

    big = tmp_path / "big.csv"
    generate(big, 300_000)
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        from accord.evidence.ingest import ingest_file

        ingest_file(store, DATA / "acled_gaza_sample.csv")
        before = store.counts()
    process = subprocess.Popen(
        [sys.executable, "-c", "from accord.cli.main import main; main()", "ingest", str(big),
         "--db", str(db)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(1.5)  # well inside an import that takes several seconds
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with Store(db) as store:
        assert store.counts() == before
