"""The package's layering: data flows one way, so no two top-level packages import each other,
and the engine reaches evidence only through its seam (it never imports DuckDB)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import accord

PACKAGE = Path(accord.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every module named by an import anywhere in the file (lazy imports included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _part(path: Path) -> str:
    """The top-level part of accord a file belongs to: `engine` for engine/match.py."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        if path.parent == PACKAGE and path.name == "__init__.py":
            continue  # the public API gathers every part by design
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "accord" and len(parts) > 1 and parts[1] != _part(path):
                graph[_part(path)].add(parts[1])
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle between parts, if any (depth-first search)."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        trail.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*trail[trail.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        trail.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_between_top_level_packages() -> None:
    cycle = _cycle(_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_dates_come_from_the_schedule_package_only() -> None:
    assert not (PACKAGE / "engine" / "time.py").exists()
    assert "engine" not in _graph().get("schedule", set())
    assert "engine" not in _graph().get("spec", set())


def test_engine_never_imports_duckdb() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "engine").rglob("*.py")
        if any(name.split(".")[0] == "duckdb" for name in _imports(path))
    ]
    assert offenders == []
