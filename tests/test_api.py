"""The public API listed in accord.__init__ is importable and complete."""

from __future__ import annotations

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
