"""Every hostile or broken file of cases.yaml gets the outcome promised, in-process and through
the CLI: it lands, or its bad row is a located row problem while the good rows land, or the file
is refused whole and nothing is stored. Nothing raises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from accord.cli.main import cli
from accord.evidence.ingest import ingest_file
from accord.evidence.reasons import FILE_REASONS, ROW_REASONS
from accord.evidence.store import Store

from .conftest import load_cases

CASES = load_cases()
EXIT = {"lands": 0, "row-problem": 1, "file-error": 2}


def _files(tmp_path: Path, case: dict[str, Any]) -> list[Path]:
    paths = []
    if "before" in case:
        before = tmp_path / "before.csv"
        before.write_text(case["before"], encoding="utf-8")
        paths.append(before)
    path = tmp_path / case["file"]
    path.write_text(case["content"], encoding="utf-8", errors="surrogatepass")
    return [*paths, path]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(tmp_path: Path, case: dict[str, Any]) -> None:
    *before, path = _files(tmp_path, case)
    with Store(tmp_path / "s.duckdb") as store:
        for earlier in before:
            assert ingest_file(store, earlier).status == "ok"
        counts = store.counts()
        report = ingest_file(store, path)
        expect = case["expect"]
        if expect == "file-error":
            assert case["code"] in FILE_REASONS
            assert report.status == "failed"
            assert report.failure is not None and report.failure.reason == case["code"]
            assert store.counts() == counts  # not even a line in the import log
        elif expect == "row-problem":
            assert case["code"] in ROW_REASONS
            found = [(p.row, p.column, p.reason) for p in report.problems]
            assert (case["row"], case.get("column"), case["code"]) in found, found
            assert report.status == "partial" or report.rows_read == 1
            stored = store.con.execute(
                "SELECT row_number FROM quarantine WHERE reason = ?", [case["code"]]
            ).fetchall()
            assert (case["row"],) in stored
            # The rejected row is not stored; every other row is.
            rows = {r[0] for r in store.con.execute("SELECT row_number FROM events").fetchall()}
            assert case["row"] not in rows
            assert report.rejected + _landed(report) == report.rows_read
        else:
            assert report.status == "ok", report.to_dict()
            assert store.counts()["events"] > counts["events"]
            if "extra" in case:
                (extra,) = store.con.execute("SELECT extra FROM events").fetchone() or ("{}",)
                stored = json.loads(extra)
                # The header's text is a key, nothing more: nothing was read or run.
                assert {k: stored[k] for k in case["extra"]} == case["extra"]
                assert "[build-system]" not in extra


def _landed(report: Any) -> int:
    # A dataset's rows are events; the source standing for the dataset is no row of the file.
    kinds = ("events",) if report.format in ("acled", "ucdp-ged") else tuple(report.written)
    return sum(report.written[k].added + report.written[k].duplicates for k in kinds)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_through_the_cli(tmp_path: Path, case: dict[str, Any]) -> None:
    files = [str(p) for p in _files(tmp_path, case)]
    result = CliRunner().invoke(
        cli, ["ingest", *files, "--db", str(tmp_path / "s.duckdb"), "--json"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    document = json.loads(result.stdout)
    last = document["files"][-1]
    code = EXIT[case["expect"]]
    # With a file imported before, a refused file still leaves the command partly done.
    assert result.exit_code == (1 if code == 2 and len(files) > 1 else code)
    if case["expect"] == "file-error":
        assert last["failure"]["reason"] == case["code"]
