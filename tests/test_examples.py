"""The bundled examples: valid, sourced, and giving the dates the real texts give."""

from __future__ import annotations

from importlib import resources

import pytest

from accord.examples import example, example_files
from accord.load import load_spec
from accord.schedule.timeline import Timeline, resolve_timeline
from accord.spec.models import Spec

EXAMPLES = example_files()
AGREEMENTS = [
    "gaza-2025-01",
    "nagorno-karabakh-2020-11",
    "doha-2020-02",
    "lebanon-2024-11",
    "gaza-2025-10",
    "pretoria-2022-11",
    "minsk-2015-02",
    "stockholm-2018-12",
    "idlib-2020-03",
    "black-sea-grain-2022-07",
    "colombia-farc-2016-12",
    "jeddah-2023-05",
]
PROPOSALS = [
    "us-bridge-2025-03",
    "egypt-qatar-2025-04",
    "israel-counter-2025-04",
    "hamas-position-2025-04",
]


def _load(name: str) -> Spec:
    with resources.as_file(example(name)) as path:
        result = load_spec(path)
    assert result.spec is not None, [e.format() for e in result.errors]
    return result.spec


def _dates(timeline: Timeline, term: str, what: str) -> list[str]:
    return [e.point.moment.iso()[:10] for e in timeline.find(term, what) if e.point.moment]


def test_the_expected_examples_are_bundled() -> None:
    assert sorted(f.name for f in EXAMPLES) == sorted(f"{n}.yaml" for n in AGREEMENTS + PROPOSALS)


@pytest.mark.parametrize("name", AGREEMENTS + PROPOSALS)
def test_example_is_valid_and_every_term_is_sourced(name: str) -> None:
    spec = _load(name)
    assert spec.id == name
    assert spec.kind == ("agreement" if name in AGREEMENTS else spec.kind)
    if name in PROPOSALS:
        assert spec.kind in ("proposal", "position")
        assert spec.in_force is None
    for section in ("phases", "provisions", "amendments", "powers", "conditions"):
        for term_id, term in getattr(spec, section).items():
            assert term.source, f"{name}: {section}.{term_id} has no source"
    for source_id, source in spec.sources.items():
        assert source.url or source.note, f"{name}: source {source_id} has no url or note"


def test_gaza_timeline_matches_the_reported_day_numbers() -> None:
    timeline = resolve_timeline(_load("gaza-2025-01"))
    assert _dates(timeline, "withdraw-rashid", "deadline") == ["2025-01-25"]  # day 7
    assert _dates(timeline, "negotiate-phase2", "deadline") == ["2025-02-03"]  # day 16
    assert _dates(timeline, "withdraw-netzarim", "deadline") == ["2025-02-09"]  # day 22
    assert _dates(timeline, "phase1", "end") == ["2025-03-01"]  # 42 days
    assert _dates(timeline, "withdraw-philadelphi", "deadline") == ["2025-03-09"]  # day 50
    instalments = timeline.find("release-captives", "instalment")
    assert sum(e.quantity or 0 for e in instalments) == 33


def test_doha_reduction_deadline_is_135_days_after_signing() -> None:
    timeline = resolve_timeline(_load("doha-2020-02"))
    assert _dates(timeline, "reduce-us-forces", "deadline") == ["2020-07-13"]


def test_lebanon_withdrawal_deadline_and_its_extension() -> None:
    timeline = resolve_timeline(_load("lebanon-2024-11"))
    original, amended = timeline.find("israeli-withdrawal", "deadline")
    assert original.point.moment and original.point.moment.day.isoformat() == "2025-01-26"
    assert original.superseded_by == "extension-withdrawal"
    assert amended.point.moment and amended.point.moment.day.isoformat() == "2025-02-18"


def test_nagorno_karabakh_handover_deadlines_and_kalbajar_extension() -> None:
    timeline = resolve_timeline(_load("nagorno-karabakh-2020-11"))
    assert _dates(timeline, "hand-over-aghdam", "deadline") == ["2020-11-20"]
    assert _dates(timeline, "hand-over-lachin", "deadline") == ["2020-12-01"]
    original, amended = timeline.find("hand-over-kalbajar", "deadline")
    assert (original.point.moment and original.point.moment.iso()) == "2020-11-15"
    assert original.superseded_by == "kalbajar-extension"
    assert (amended.point.moment and amended.point.moment.iso()) == "2020-11-25"


def test_egypt_qatar_ratio_is_marked_unverified() -> None:
    spec = _load("egypt-qatar-2025-04")
    ratio_terms = [p for p in spec.provisions.values() if p.exchange is not None]
    assert ratio_terms
    assert all(p.certainty == "unverified" or "exchange" in p.uncertain for p in ratio_terms), (
        "the 250-per-captive ratio has no confirming source"
    )


@pytest.mark.parametrize("name", AGREEMENTS + PROPOSALS)
def test_folded_texts_read_without_control_characters(name: str) -> None:
    """ruamel marks the fold points of `>` scalars with BEL; a loaded text never keeps them."""
    spec = _load(name)
    for section in ("phases", "provisions", "amendments", "powers", "conditions"):
        for term_id, term in getattr(spec, section).items():
            text = term.text or ""
            assert not any(ord(c) < 32 and c != "\n" for c in text), f"{section}.{term_id}"
