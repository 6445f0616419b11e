"""The public API listed in accord.__init__ is importable and complete."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import accord


def test_public_names_exist() -> None:
    for name in accord.__all__:
        assert hasattr(accord, name), name


def test_load_and_resolve_through_the_public_api() -> None:
    from .conftest import MINIMAL

    result = accord.load_spec_text(MINIMAL)
    assert result.ok and result.spec is not None
    timeline = accord.resolve_timeline(result.spec)
    assert timeline.find("p1", "end")[0].point.moment is not None


def _documented_names() -> set[str]:
    """The names in the first column of the public API table of docs/engine.md section 11."""
    doc = (Path(__file__).parent.parent / "docs" / "engine.md").read_text(encoding="utf-8")
    section = doc[doc.index("## 11. ") : doc.index("## 12. ")]
    table = [line for line in section.splitlines() if line.startswith("| `")]
    cells = [line.split("|")[1] for line in table]
    return {
        re.match(r"\w+", name).group(0) for cell in cells for name in re.findall(r"`([^`]+)`", cell)
    }  # type: ignore[union-attr]


def test_all_equals_the_documented_public_names() -> None:
    assert sorted(accord.__all__) == sorted(_documented_names())


def test_two_evaluations_on_one_store_at_once_give_what_each_gives_alone() -> None:
    """Each match runs on its own cursor: a dashboard serving two requests at once must not
    let one evaluation's window tables overwrite the other's."""
    spec, store = accord.open_example("gaza-2025-01")
    days = ["2025-02-01", "2025-03-19"] * 4
    with store:
        alone = [accord.evaluate_at(spec, store, day).to_dict() for day in days]
        with ThreadPoolExecutor(max_workers=4) as pool:
            together = list(pool.map(lambda d: accord.evaluate_at(spec, store, d).to_dict(), days))
    assert together == alone
    assert alone[0] != alone[1]  # the two instants really differ


def test_a_session_reads_instants_in_the_spec_timezone_and_refuses_the_end_of_time() -> None:
    spec, store = accord.open_example("gaza-2025-01")
    store.close()
    assert accord.moment(spec, "2025-03-02").iso() == "2025-03-02"
    for late in ("9999-12-31", "9999-06-01"):
        with pytest.raises(accord.ExprError, match="9999"):
            accord.moment(spec, late)
    with pytest.raises(accord.SessionError):
        accord.open_evidence()
