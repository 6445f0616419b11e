"""Date resolution: day numbers, offsets, spans, instalments, amendments, unresolved points."""

from __future__ import annotations

from datetime import UTC, date

import pytest

from accord.load import load_spec_text
from accord.schedule.time import Moment
from accord.schedule.timeline import Timeline, resolve_timeline
from accord.spec.models import Spec

from .conftest import MINIMAL


def _spec(text: str) -> Spec:
    result = load_spec_text(text)
    assert result.spec is not None, [e.format() for e in result.errors]
    return result.spec


def _timeline(text: str, start: Moment | None = None) -> Timeline:
    return resolve_timeline(_spec(text), start)


def _at(timeline: Timeline, term: str, what: str, index: int = 0) -> str | None:
    moment = timeline.find(term, what)[index].point.moment
    return moment.iso() if moment else None


def _provisions(extra: str, header: str = MINIMAL) -> str:
    return header + extra


def test_day_numbers_count_the_in_force_day_as_day_one() -> None:
    tl = _timeline(_provisions("  talks: {party: a, action: negotiate, deadline: day 16}\n"))
    assert _at(tl, "talks", "deadline") == "2025-02-03"
    assert tl.find("talks", "deadline")[0].point.how == "day 16 = in_force 2025-01-19 + 15 days"


def test_next_day_convention_counts_from_the_day_after() -> None:
    text = _provisions("  talks: {party: a, action: negotiate, deadline: day 16}\n")
    tl = _timeline(text.replace("day_one: in_force", "day_one: next_day"))
    assert _at(tl, "talks", "deadline") == "2025-02-04"


def test_offset_adds_days_to_the_in_force_date() -> None:
    text = MINIMAL.replace("in_force: 2025-01-19", "in_force: 2024-11-27T04:00+02:00")
    tl = _timeline(
        _provisions("  go: {party: a, action: withdraw, deadline: in_force + 60d}\n", text)
    )
    assert _at(tl, "go", "deadline") == "2025-01-26T04:00+02:00"
    text = MINIMAL.replace("in_force: 2025-01-19", "in_force: 2020-02-29")
    tl = _timeline(
        _provisions("  cut: {party: a, action: withdraw, deadline: in_force + 135d}\n", text)
    )
    assert _at(tl, "cut", "deadline") == "2020-07-13"


def test_phase_duration_counts_its_first_day_and_next_phase_starts_after() -> None:
    text = MINIMAL.replace("in_force: 2025-01-19", "in_force: 2025-01-19T11:15+02:00").replace(
        "  p1: {start: in_force, duration: 10d}",
        "  p1: {start: in_force, duration: 42d}\n  p2: {start: p1.end, duration: 12h}",
    )
    tl = _timeline(text)
    assert _at(tl, "p1", "start") == "2025-01-19T11:15+02:00"
    assert _at(tl, "p1", "end") == "2025-03-01"
    assert _at(tl, "p2", "start") == "2025-03-02"
    assert _at(tl, "p2", "end") == "2025-03-02T12:00+02:00"  # hours are exact


def test_month_arithmetic_needs_a_rounding_only_when_ambiguous() -> None:
    base = MINIMAL.replace("in_force: 2025-01-19", "in_force: 2025-01-31")
    extra = "  x: {party: a, action: withdraw, deadline: in_force + 1mo}\n"
    errors = load_spec_text(_provisions(extra, base)).errors
    assert [e.code for e in errors] == ["ambiguous-date-arithmetic"]
    down = _timeline(_provisions(extra, base) + "date_rounding: down\n")
    assert _at(down, "x", "deadline") == "2025-02-28"
    up = _timeline(_provisions(extra, base) + "date_rounding: up\n")
    assert _at(up, "x", "deadline") == "2025-03-01"
    clean = _timeline(_provisions("  x: {party: a, action: withdraw, deadline: in_force + 14mo}\n"))
    assert _at(clean, "x", "deadline") == "2026-03-19"


def test_recurring_instalments_expand_and_sum_to_quantity() -> None:
    extra = (
        "  free:\n    phase: p1\n    party: a\n    action: release\n    quantity: 33\n"
        "    schedule:\n"
        "      - {due: day 1, quantity: 3}\n"
        "      - {due: day 7, quantity: 4}\n"
        "      - {every: 7d, from: day 14, through: day 35, quantity: 3}\n"
        "      - {due: day 42, quantity: 14}\n"
    )
    tl = _timeline(_provisions(extra))
    dates = [
        (e.point.moment.iso(), e.quantity) for e in tl.find("free", "instalment") if e.point.moment
    ]
    assert dates == [
        ("2025-01-19", 3),
        ("2025-01-25", 4),
        ("2025-02-01", 3),
        ("2025-02-08", 3),
        ("2025-02-15", 3),
        ("2025-02-22", 3),
        ("2025-03-01", 14),
    ]


def test_event_dependent_dates_stay_unresolved() -> None:
    extra = (
        "  free: {phase: p1, party: a, action: release, quantity: 3}\n"
        "  open: {party: b, action: open_crossing, deadline: free.fulfilled + 1d}\n"
    )
    entry = _timeline(_provisions(extra)).find("open", "deadline")[0]
    assert entry.point.moment is None
    assert "depends on events" in entry.point.how


def test_proposal_without_in_force_is_unresolved_until_anchored() -> None:
    text = MINIMAL.replace("kind: agreement", "kind: proposal").replace(
        "in_force: 2025-01-19", "in_force: null"
    )
    text = _provisions("  talks: {party: a, action: negotiate, deadline: day 3}\n", text)
    assert _at(_timeline(text), "talks", "deadline") is None
    anchored = _timeline(text, Moment.of_day(date(2025, 4, 1), UTC))
    assert _at(anchored, "talks", "deadline") == "2025-04-03"


def test_amendment_supersedes_and_keeps_the_original_visible() -> None:
    extra = (
        "  go: {party: a, action: withdraw, deadline: 2020-11-15}\n"
        "amendments:\n"
        "  later: {date: 2020-11-15, supersedes: go.deadline, value: 2020-11-25, source: s1}\n"
    )
    tl = _timeline(_provisions(extra))
    original, amended = tl.find("go", "deadline")
    assert (original.point.moment and original.point.moment.iso()) == "2020-11-15"
    assert original.superseded_by == "later"
    assert (amended.point.moment and amended.point.moment.iso()) == "2020-11-25"
    assert amended.amendment == "later"


def test_renewal_lists_the_notice_date_and_the_renewed_term() -> None:
    text = MINIMAL.replace(
        "  p1: {start: in_force, duration: 10d}",
        "  p1: {start: in_force, duration: 5y, renewal: {every: 5y, notice: 6mo}}",
    )
    tl = _timeline(text)
    assert _at(tl, "p1", "end") == "2030-01-18"
    assert _at(tl, "p1", "renewal notice due") == "2029-07-19"
    assert _at(tl, "p1", "end if renewed") == "2035-01-18"


def test_timeline_is_in_date_order_with_unresolved_last() -> None:
    extra = (
        "  late: {party: a, action: withdraw, deadline: day 9}\n"
        "  early: {party: a, action: withdraw, deadline: day 2}\n"
        "  never: {party: b, action: withdraw, deadline: late.fulfilled}\n"
    )
    entries = _timeline(_provisions(extra)).entries
    resolved = [e.point.moment for e in entries if e.point.moment]
    assert resolved == sorted(resolved, key=lambda m: (m.day, m.whole_day, m.at))
    assert entries[-1].term == "never"


@pytest.mark.parametrize("tz", ["Asia/Jerusalem", "+02:00"])
def test_timezone_applies_to_dates_and_naive_instants(tz: str) -> None:
    text = MINIMAL.replace("day_one: in_force", f"day_one: in_force\ntimezone: {tz}")
    tl = _timeline(
        _provisions("  x: {party: a, action: withdraw, deadline: 2025-01-20T10:00}\n", text)
    )
    assert _at(tl, "x", "deadline") == "2025-01-20T10:00+02:00"


@pytest.mark.parametrize(
    "deadline",
    ["in_force + 999999y", "in_force - 999999mo", "9999-12-31 + 5d", "day 99999 + 9999y"],
)
def test_dates_out_of_range_are_errors_not_crashes(deadline: str) -> None:
    text = MINIMAL + f"  x: {{party: a, action: withdraw, deadline: {deadline}}}\n"
    errors = load_spec_text(text).errors
    # Durations and dates past the calendar are refused where written (`out-of-range`); what
    # only arithmetic carries past it is a `bad-date`.
    assert [e.code for e in errors] in (["bad-date"], ["out-of-range"])
    assert "9999" in errors[0].message


def test_monthly_instalments_from_a_month_end_need_a_rounding() -> None:
    extra = (
        "  pay:\n    party: a\n    action: release\n    quantity: 6\n    schedule:\n"
        "      - {every: 1mo, from: 2025-01-31, through: 2025-06-30, quantity: 1}\n"
    )
    assert [e.code for e in load_spec_text(MINIMAL + extra).errors] == ["ambiguous-date-arithmetic"]
    tl = _timeline(MINIMAL + extra + "date_rounding: down\n")
    assert [e.point.moment.iso() for e in tl.find("pay", "instalment") if e.point.moment] == [
        "2025-01-31",
        "2025-02-28",
        "2025-03-31",
        "2025-04-30",
        "2025-05-31",
        "2025-06-30",
    ]


def test_amended_phase_end_and_amendment_chains_mark_what_they_supersede() -> None:
    extra = (
        "amendments:\n"
        "  longer: {date: 2025-01-25, supersedes: p1.duration, value: 20d, source: s1}\n"
        "  longest: {date: 2025-02-01, supersedes: p1.end, value: 2025-02-20, source: s1}\n"
    )
    ends = _timeline(MINIMAL + extra).find("p1", "end")
    assert [
        (e.point.moment and e.point.moment.iso(), e.amendment, e.superseded_by) for e in ends
    ] == [
        ("2025-01-28", None, "longer"),
        ("2025-02-07", "longer", "longest"),
        ("2025-02-20", "longest", None),
    ]


def test_empty_repeat_range_and_late_day_numbers_are_reported() -> None:
    extra = (
        "  pay:\n    party: a\n    action: release\n    quantity: 3\n    schedule:\n"
        "      - {every: 7d, from: day 20, through: day 10, quantity: 3}\n"
    )
    assert [e.code for e in load_spec_text(MINIMAL + extra).errors] == ["bad-value"]
    late = MINIMAL.replace("in_force: 2025-01-19", "in_force: 9999-06-01")
    late += "  x: {party: a, action: withdraw, deadline: day 9000}\n"
    assert [e.code for e in load_spec_text(late).errors] == ["bad-date"]


def test_proposal_schedules_are_summed_without_an_in_force_date() -> None:
    text = MINIMAL.replace("kind: agreement", "kind: proposal").replace(
        "in_force: 2025-01-19", "in_force: null"
    )
    text += (
        "  free:\n    party: a\n    action: release\n    quantity: 10\n    schedule:\n"
        "      - {due: day 1, quantity: 4}\n      - {due: day 5, quantity: 5}\n"
    )
    assert [e.code for e in load_spec_text(text).errors] == ["schedule-mismatch"]


def test_amended_dates_carry_through_to_the_terms_that_depend_on_them() -> None:
    text = MINIMAL.replace(
        "  p1: {start: in_force, duration: 10d}",
        "  p1: {start: in_force, duration: 10d}\n  p2: {start: p1.end, duration: 5d}",
    )
    text += (
        "amendments:\n"
        "  late: {date: 2025-02-01, supersedes: p1.duration, value: 20d, source: s1}\n"
        "  early: {date: 2025-01-25, supersedes: p2.duration, value: 2d, source: s1}\n"
    )
    tl = _timeline(text)
    starts = tl.find("p2", "start")
    assert [(e.point.moment and e.point.moment.iso(), e.superseded_by) for e in starts] == [
        ("2025-02-08", None)
    ]
    ends = tl.find("p2", "end")
    assert [
        (e.point.moment and e.point.moment.iso(), e.amendment, e.superseded_by) for e in ends
    ] == [("2025-02-02", None, "early"), ("2025-02-09", "early", None)]


def test_amendment_can_give_a_provision_a_date_it_did_not_have() -> None:
    text = MINIMAL + "  talks: {party: a, action: negotiate}\n"
    text += "amendments:\n  set: {date: 2025-01-20, supersedes: talks.deadline, value: day 9}\n"
    rows = _timeline(text).find("talks", "deadline")
    assert [
        (r.point.moment and r.point.moment.iso(), r.amendment, r.superseded_by) for r in rows
    ] == [
        ("2025-01-27", "set", None),
        (None, None, "set"),
    ]


def test_grace_period_end_follows_the_current_deadline() -> None:
    text = MINIMAL + "  go: {party: a, action: withdraw, deadline: day 14, grace: 3d}\n"
    text += "amendments:\n  later: {date: 2025-01-25, supersedes: go.deadline, value: day 18}\n"
    assert _at(_timeline(text), "go", "grace ends") == "2025-02-08"  # day 18 + 3 days
