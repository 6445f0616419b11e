"""docs/library.md is what scripts/library_page.py renders from the bundled data, and its numbers
are the engine's."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from accord.examples import evidence_files, example_files
from tests.library.support import replay

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "library_page.py"
# An agreement with violation records, so the check below compares a number that is not zero.
SLUG = "gaza-2025-10"


def _load_script() -> ModuleType:
    # scripts/ is not a package: load the file as a module, registered first because its
    # dataclasses look their module up in sys.modules.
    spec = importlib.util.spec_from_file_location("library_page", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _load_script()


@pytest.fixture(scope="module")
def page(script: ModuleType) -> str:
    rendered: str = script.render()
    return rendered


def test_committed_page_is_fresh(script: ModuleType, page: str) -> None:
    committed = script.PAGE.read_text(encoding="utf-8")
    assert committed == page, (
        f"{script.PAGE} is stale (the data or the engine changed): regenerate it with "
        f"`{script.COMMAND}` and review the diff"
    )


def _section(page: str, slug: str) -> str:
    start = page.index(f"### `{slug}`")
    end = page.find("\n### ", start + 1)
    return page[start : end if end != -1 else len(page)]


def test_last_replay_row_matches_the_engine(page: str) -> None:
    row = re.search(
        r"^\| (\d{4}-\d\d-\d\d) \| [^|]*last event \| ([^|]+) \| (\d+) \|$",
        _section(page, SLUG),
        re.MULTILINE,
    )
    assert row is not None
    day, states, violations = row.group(1), row.group(2).strip(), int(row.group(3))
    evaluation = replay(SLUG, day)
    assert violations == len(evaluation.violations) > 0
    shown = {state: int(n) for state, n in (part.rsplit(" ", 1) for part in states.split(", "))}
    assert shown == Counter(p.state for p in evaluation.provisions)


def test_every_spec_has_a_section(page: str) -> None:
    headings = re.findall(r"^### `([^`]+)`$", page, re.MULTILINE)
    assert sorted(headings) == sorted(f.name.removesuffix(".yaml") for f in example_files())
    # Agreements come first: the last agreement (by slug) precedes every proposal.
    assert headings.index("us-bridge-2025-03") > headings.index("stockholm-2018-12")
    assert page.count("Replay (policy `all`)") == len(evidence_files())


def test_check_exits_1_when_stale(
    script: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "library.md"
    monkeypatch.setattr(script, "PAGE", target)
    monkeypatch.setattr(script, "render", lambda: "page\n")
    assert script.main(["--check"]) == 1
    assert script.main([]) == 0
    assert target.read_text(encoding="utf-8") == "page\n"
    assert script.main(["--check"]) == 0
    target.write_text("edited by hand\n", encoding="utf-8")
    assert script.main(["--check"]) == 1
