"""The command line: exit codes, JSON documents, one-line usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from .conftest import MINIMAL

Run = Callable[..., Result]


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_validate_exit_codes_and_error_lines(run_cli: Run, tmp_path: Path) -> None:
    good = _write(tmp_path, "good.yaml", MINIMAL)
    bad = _write(tmp_path, "bad.yaml", MINIMAL.replace("kind: agreement", "kind: treaty"))
    ok = run_cli("validate", good)
    assert ok.exit_code == 0
    assert "1 valid, 0 invalid" in ok.stdout
    mixed = run_cli("validate", good, bad)
    assert mixed.exit_code == 1
    assert f"{bad}:2:7: bad-value: `treaty` is not allowed" in mixed.stdout


def test_validate_json_report(run_cli: Run, tmp_path: Path) -> None:
    bad = _write(tmp_path, "bad.yaml", MINIMAL.replace("duration: 10d", "duration: 10x"))
    result = run_cli("validate", "--json", bad)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    (entry,) = report["files"]
    assert entry["errors"][0] == {
        "file": bad,
        "line": 13,
        "col": 35,
        "code": "bad-duration",
        "message": entry["errors"][0]["message"],
    }


def test_schema_prints_draft07_json(run_cli: Run) -> None:
    result = run_cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "provisions" in schema["properties"]


def test_timeline_json(run_cli: Run, tmp_path: Path) -> None:
    spec = _write(
        tmp_path,
        "s.yaml",
        MINIMAL + "  talks: {party: a, action: negotiate, deadline: day 16}\n",
    )
    result = run_cli("timeline", "--json", spec)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    (talks,) = [e for e in document["entries"] if e["term"] == "talks"]
    assert talks["date"] == "2025-02-03"
    assert talks["how"] == "day 16 = in_force 2025-01-19 + 15 days"
    assert document["in_force"] == "2025-01-19"


def test_timeline_of_an_invalid_spec_exits_1_with_errors_on_stderr(
    run_cli: Run, tmp_path: Path
) -> None:
    spec = _write(tmp_path, "s.yaml", MINIMAL.replace("action: attack", "action: atack"))
    result = run_cli("timeline", spec)
    assert result.exit_code == 1
    assert "bad-value" in result.stderr
    assert result.stdout == ""


def test_timeline_start_anchors_a_proposal(run_cli: Run, tmp_path: Path) -> None:
    text = MINIMAL.replace("in_force: 2025-01-19", "in_force: null").replace(
        "kind: agreement", "kind: proposal"
    )
    spec = _write(tmp_path, "p.yaml", text)
    document = json.loads(run_cli("timeline", "--json", "--start", "2025-04-01", spec).stdout)
    (end,) = [e for e in document["entries"] if e["term"] == "p1" and e["what"] == "end"]
    assert end["date"] == "2025-04-10"
    bad = run_cli("timeline", "--start", "someday", spec)
    assert bad.exit_code == 2


def test_demo_runs_the_bundled_example(run_cli: Run) -> None:
    result = run_cli("demo")
    assert result.exit_code == 0, result.output
    assert "invalid" not in result.stdout.replace("0 invalid", "")
    assert "2025-03-01" in result.stdout
    # The status on both dates, from the bundled evidence loaded into a temporary store.
    assert "(gaza-2025-01) at 2025-03-02, policy all" in result.stdout
    assert "(gaza-2025-01) at 2025-03-19, policy all" in result.stdout
    assert "strikes-0318" in result.stdout  # the breach of 18 March, only on the second date


def _accord(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from accord.cli.main import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )


def test_usage_errors_are_one_line_with_exit_2() -> None:
    result = _accord("timeline")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("accord: error:")
    unknown = _accord("frobnicate")
    assert unknown.returncode == 2
    assert "Traceback" not in unknown.stderr


def test_validate_exit_code_through_the_entry_point(tmp_path: Path) -> None:
    bad = _write(tmp_path, "bad.yaml", "accord: [\n")
    result = _accord("validate", bad)
    assert result.returncode == 1
    assert "yaml-syntax" in result.stdout
