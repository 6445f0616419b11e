"""docs/engine.md names every state, flag and JSON key the engine emits, and its examples run.

The states are collected from the engine's source (what is assigned to or compared with a
`state`, or given as the state of a result object) and from the design's lists; the JSON keys
from `Evaluation.to_dict()` of the Nagorno-Karabakh replay. Every `$ accord ...` example runs
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
from typing import Any

import pytest
from click.testing import CliRunner

from accord.cli.main import cli
from accord.engine.results import (
    Evaluation,
    InstalmentResult,
    LedgerRow,
    Reason,
    Violation,
)
from tests.library.support import replay

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "engine.md"
ENGINE = ROOT / "src" / "accord" / "engine"
DESIGN = ROOT.parent / "shared" / "DESIGN.md"
TRIM = "[...]"

# The positional index of the state argument of each result class.
RESULT_STATE_ARG = {"ProvisionResult": 2, "PhaseResult": 1, "InstalmentResult": 3}


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


def _returned(function: ast.FunctionDef) -> set[str]:
    return {
        s
        for node in ast.walk(function)
        if isinstance(node, ast.Return) and node.value is not None
        for s in _strings(node.value)
    }


def _module_states(tree: ast.Module) -> set[str]:
    """String literals that a module assigns to a state, compares a state with, or passes as the
    state of a result object (following helper functions and module constants one step)."""
    functions = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    constants = {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(_is_state(t) for t in node.targets):
            found |= _strings(node.value)
            found |= {
                s
                for call in ast.walk(node.value)
                if isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id in functions
                for s in _returned(functions[call.func.id])
            }
        elif isinstance(node, ast.Compare) and _is_state(node.left):
            for other in node.comparators:
                found |= _strings(other)
                if isinstance(other, ast.Name) and other.id in constants:
                    found |= _strings(constants[other.id])
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            index = RESULT_STATE_ARG.get(node.func.id)
            if index is not None and len(node.args) > index:
                found |= _strings(node.args[index])
            if index is not None:
                found |= {s for k in node.keywords if k.arg == "state" for s in _strings(k.value)}
    return found


def _engine_states() -> set[str]:
    states: set[str] = set()
    for path in sorted(ENGINE.glob("*.py")):
        states |= _module_states(ast.parse(path.read_text(encoding="utf-8")))
    return states


def _design_states() -> set[str]:
    """The backquoted states of the design's phase, obligation and prohibition bullets."""
    text = DESIGN.read_text(encoding="utf-8")
    semantics = _section(text, "## Engine semantics")
    states: set[str] = set()
    for bullet in re.split(r"\n- ", semantics):
        if not bullet.startswith(("Phase states", "Obligation states", "Prohibitions")):
            continue
        bullet = re.sub(r"\([^)]*\)", "", bullet)  # asides: "(flag `late`)"
        bullet = re.sub(r"`\w+` is a flag", "", bullet)
        states |= set(re.findall(r"`([a-z_]+)`", bullet))
    return states


def _table_states() -> set[str]:
    table = _section(_doc(), "### 5.1 ")
    return set(re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.MULTILINE))


def test_the_state_collectors_find_what_they_should() -> None:
    assert {"pending", "violated", "breached", "suspended", "scheduled"} <= _engine_states()


@pytest.mark.parametrize("state", sorted(_engine_states()))
def test_every_engine_state_is_in_the_state_table(state: str) -> None:
    assert state in _table_states()


def test_every_design_state_is_in_the_state_table() -> None:
    if not DESIGN.exists():
        pytest.skip("the design document is not next to this checkout")
    states = _design_states()
    assert {"scheduled", "discharged", "respected"} <= states
    assert "late" not in states and "disputed" not in states
    assert states - _table_states() == set()


def _flag_prefixes() -> set[str]:
    """The literal part of every flag the engine sets (`past_due`, `amended:`...)."""
    found: set[str] = set()
    for path in sorted(ENGINE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: list[ast.expr] = []
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                if node.func.attr == "append" and isinstance(owner, ast.Attribute):
                    values = list(node.args) if owner.attr == "flags" else []
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute) and t.attr == "flags" for t in node.targets
            ):
                values = [n for n in ast.walk(node.value) if isinstance(n, ast.JoinedStr)]
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.add(value.value)
                elif isinstance(value, ast.JoinedStr) and isinstance(value.values[0], ast.Constant):
                    found.add(str(value.values[0].value))
    return found


def test_every_flag_is_documented() -> None:
    flags = _flag_prefixes()
    assert {"past_due", "disputed", "amended:", "suspended_by:"} <= flags
    flag_table = _section(_doc(), "### 5.2 ")
    assert [f for f in sorted(flags) if f"`{f}" not in flag_table] == []


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
        | set(LedgerRow("x", "e", "2025-01-01", None, 1, 1, 1).to_dict())
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
