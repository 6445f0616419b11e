"""docs/engine.md names every state, flag and JSON key the engine emits, and its examples run.

The states and flags are the typed lists of `accord.engine.results`; the JSON keys come from
`Evaluation.to_dict()` of the Nagorno-Karabakh replay. Every `$ accord ...` example runs
from the repository root with exit code 0 and prints the lines the page shows.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest
from click.testing import CliRunner

from accord.cli.main import cli
from accord.engine.results import (
    FLAGS,
    Evaluation,
    InstalmentResult,
    InstalmentState,
    LedgerRow,
    PeriodsMet,
    PhaseState,
    ProvisionResult,
    ProvisionState,
    Reason,
    Violation,
)
from tests.library.support import replay

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "engine.md"
ENGINE = ROOT / "src" / "accord" / "engine"
TRIM = "[...]"


def _doc() -> str:
    return DOC.read_text(encoding="utf-8")


def _section(doc: str, heading: str) -> str:
    """From `heading` to the next heading of its level or above."""
    start = doc.index("\n" + heading)
    level = len(heading) - len(heading.lstrip("#"))
    following = re.search(rf"\n#{{1,{level}}} ", doc[start + 1 :])
    return doc[start : start + 1 + following.start()] if following else doc[start:]


def _strings(node: ast.AST) -> set[str]:
    return {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def _is_state(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "state") or (
        isinstance(node, ast.Name) and node.id == "state"
    )


def _table_states(heading: str = "### 5.1 ") -> set[str]:
    table = _section(_doc(), heading)
    return set(re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.MULTILINE))


def test_the_state_table_lists_exactly_the_states_results_can_take() -> None:
    states = {*get_args(PhaseState), *get_args(ProvisionState), *get_args(InstalmentState)}
    assert {"scheduled", "pending", "breached", "terminated"} <= states
    assert _table_states() == states


def test_the_engine_assigns_no_state_outside_its_types() -> None:
    """A state written as a plain string in the engine must be one of the typed states (mypy
    checks assignments; this catches comparisons with a state nothing produces)."""
    states = {*get_args(PhaseState), *get_args(ProvisionState), *get_args(InstalmentState)}
    compared: set[str] = set()
    for path in sorted(ENGINE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and _is_state(node.left):
                compared |= {s for c in node.comparators for s in _strings(c)}
    assert compared and compared <= states


def test_every_flag_is_documented() -> None:
    flag_table = _section(_doc(), "### 5.2 ")
    documented = set(re.findall(r"^\| `([a-z_]+:?)", flag_table, flags=re.MULTILINE))
    assert set(FLAGS) == documented - {"late"}


def test_flags_are_written_in_the_documented_order() -> None:
    result = ProvisionResult("x", "obligation", "terminated", ["a"], past_due=True)
    result.periods_met = PeriodsMet(1, 3)
    result.suspended_by, result.terminated_by, result.amended = "a", "b", ["m1", "m2"]
    result.disputed = True
    assert result.flags == [
        "periods_met:1/3", "past_due", "suspended_by:a", "terminated_by:b", "amended:m1",
        "amended:m2", "disputed",
    ]  # fmt: skip


# -- JSON keys ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nagorno_karabakh() -> Evaluation:
    return replay("nagorno-karabakh-2020-11", "2020-12-31")


def _keys(items: list[dict[str, Any]]) -> set[str]:
    return {key for item in items for key in item}


def test_every_status_json_key_is_documented(nagorno_karabakh: Evaluation) -> None:
    document = nagorno_karabakh.to_dict()
    reasons = [r for p in document["provisions"] + document["phases"] for r in p["because"]]
    keys = (
        set(document)
        | _keys(document["provisions"])
        | _keys(document["phases"])
        | _keys(reasons)
        | set(InstalmentResult(None, 1, 1, "pending").to_dict())
        | set(LedgerRow("x", "e", "2025-01-01", None, 1, 1, 1, 1, 0, None, None).to_dict())
        | set(Violation("x", "a", "2025-01-01", "e", ("s",)).to_dict())
        | set(Reason("rule", "text").to_dict())
    )
    assert len(document["provisions"]) > 10 and reasons
    doc = _section(_doc(), "## 10. ")
    assert sorted(k for k in keys if f"`{k}`" not in doc) == []


# -- command and Python examples ------------------------------------------------------------------


def _blocks(language: str) -> Iterator[list[str]]:
    """The lines of every fenced block in `language`, in page order."""
    for match in re.finditer(rf"^```{language}\n(.*?)^```", _doc(), re.MULTILINE | re.DOTALL):
        yield match.group(1).splitlines()


def _examples() -> list[tuple[str, list[str]]]:
    """Each `$ accord ...` command (continuation lines joined) and the output lines shown."""
    examples: list[tuple[str, list[str]]] = []
    for block in _blocks("console"):
        lines: list[str] = []
        for line in block:
            if lines and lines[-1].endswith("\\"):
                lines[-1] = lines[-1][:-1] + " " + line.strip()
            else:
                lines.append(line)
        for line in lines:
            if line.startswith("$ "):
                examples.append((line[2:], []))
            elif examples:
                examples[-1][1].append(line)
    return examples


def _example_id(command: str) -> str:
    """The command without the paths every example repeats."""
    words = [w for w in shlex.split(command)[1:] if "examples/" not in w and w != "--events"]
    return " ".join(words)


def _normal(line: str) -> str:
    return " ".join(line.split())


def test_the_page_has_command_examples() -> None:
    commands = [command for command, _ in _examples()]
    assert len(commands) >= 8
    assert all(c.startswith("accord ") for c in commands)
    # A command written without its `$ ` prompt would escape the test below.
    unprompted = [line for block in _blocks(r"\w*") for line in block if line.startswith("accord ")]
    assert unprompted == []


@pytest.mark.parametrize(
    ("command", "shown"), _examples(), ids=[_example_id(c) for c, _ in _examples()]
)
def test_every_command_example_runs_and_prints_what_the_page_shows(
    command: str, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner(env={"COLUMNS": None}).invoke(cli, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    printed = [_normal(line) for line in result.output.splitlines()]
    for line in shown:
        expected = _normal(line)
        if expected == TRIM:
            continue
        if expected.endswith(TRIM):
            prefix = expected[: -len(TRIM)].rstrip()
            assert any(p.startswith(prefix) for p in printed), line
        else:
            assert expected in printed, line


def test_the_python_example_prints_what_the_page_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    (code,) = list(_blocks("python"))
    section = _section(_doc(), "## 11. ")
    output = section.split("prints\n\n```text\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile("\n".join(code), str(DOC), "exec"), {"__name__": "engine_doc_example"})
    assert printed.getvalue() == output
