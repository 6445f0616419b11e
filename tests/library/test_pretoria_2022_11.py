"""Replay of the Pretoria cessation of hostilities (Ethiopia and the TPLF, 2 November 2022).

Facts: shared/facts/agreements-2.md, section 2. Days are Ethiopian calendar days (+03:00); the
agreement was signed on 2 Nov 2022 (2.1) and "within N days of signing" adds N days to it.

7 Nov 2022:
- Commanders meet within 5 days of signing (2.2): 2 Nov + 5 = 7 Nov; the meeting opened in
  Nairobi on 7 Nov (2.5): fulfilled, not late.
- Heavy weapons within 10 days of that meeting (2.2, not found verbatim, resting on the
  ambassador's 17 Nov date): 7 Nov + 10 = 17 Nov. Not yet due: pending.

3 Dec 2022:
- Light weapons within 30 days of signing (2.2): 2 Nov + 30 = 2 Dec. "Disarmament yet to begin as
  the 30-day deadline lapses" (2.5) and no disarmament act by 3 Dec: violated, past due.
- Heavy weapons: the 17 Nov handover "did not happen" (2.5); 17 Nov is past: violated, past due.
- Federal control "on disengagement" (2.3): orientation 15-21 Nov (7 days), disengagement 22-25
  Nov (4 days), so due 25 Nov; the handover to the Federal Police came on 29 Dec: violated on 3 Dec.

31 Dec 2022:
- After the second Nairobi meeting (22-23 Dec, 2.4) disarmament was to finish "in six months":
  23 Dec + 6 months = 23 Jun 2023 supersedes 2 Dec, so light weapons are pending again, due
  23 Jun 2023, flagged as amended.
- Federal institutions in Mekelle handed to the Federal Police on 29 Dec (2.5): fulfilled,
  29 Dec > 25 Nov so late. Mekelle's power back on 6 Dec (2.5): services fulfilled. AU mission
  launched in Mekelle on 29 Dec (2.5): monitoring fulfilled.

31 Jan 2023:
- First heavy-weapons handover at Agula on 10 Jan 2023 (2.5): fulfilled; 10 Jan > 17 Nov, late
  (54 days: 13 left in November + 31 in December + 10 in January).

30 Apr 2023:
- Further handovers at Dengolat in April 2023 (2.5, kind of weapons not given: an uncategorised
  act counts toward any category): light weapons fulfilled, by 23 Jun 2023, so not late.
- Getachew Reda appointed head of the interim administration on 23 Mar 2023 (2.5): fulfilled.

The heavy-weapons deadline is written from the meeting's fulfilment
(`commanders-meeting.fulfilled + 10d`): the engine resolves it once the meeting is on file.
"""

from __future__ import annotations

from accord.engine.results import Evaluation
from tests.library.support import replay

SLUG = "pretoria-2022-11"


def _state(result: Evaluation, provision: str) -> tuple[object, ...]:
    p = result.provision(provision)
    return (p.state, p.due and p.due.iso(), p.late)


def test_the_commanders_met_on_the_fifth_day() -> None:
    result = replay(SLUG, "2022-11-07")
    assert _state(result, "commanders-meeting") == ("fulfilled", "2022-11-07", False)
    assert result.provision("disarm-heavy-weapons").state == "pending"


def test_the_30_day_light_weapons_deadline_lapsed() -> None:
    result = replay(SLUG, "2022-12-03")
    light = result.provision("disarm-light-weapons")
    assert _state(result, "disarm-light-weapons") == ("violated", "2022-12-02", False)
    assert "past_due" in light.flags
    assert _state(result, "federal-control") == ("violated", "2022-11-25", False)
    assert result.provision("ceasefire").state == "respected"


def test_the_heavy_weapons_were_due_ten_days_after_the_meeting() -> None:
    result = replay(SLUG, "2022-12-03")
    assert _state(result, "disarm-heavy-weapons") == ("violated", "2022-11-17", False)


def test_the_six_month_schedule_supersedes_the_30_days() -> None:
    result = replay(SLUG, "2022-12-31")
    light = result.provision("disarm-light-weapons")
    assert _state(result, "disarm-light-weapons") == ("pending", "2023-06-23", False)
    assert "amended:light-weapons-six-months" in light.flags
    assert _state(result, "federal-control") == ("fulfilled", "2022-11-25", True)
    assert result.provision("restore-services").state == "fulfilled"
    assert result.provision("au-monitoring").state == "fulfilled"


def test_the_first_heavy_weapons_handover() -> None:
    heavy = replay(SLUG, "2023-01-31").provision("disarm-heavy-weapons")
    assert heavy.state == "fulfilled"


def test_the_first_heavy_weapons_handover_was_late() -> None:
    result = replay(SLUG, "2023-01-31")
    assert _state(result, "disarm-heavy-weapons") == ("fulfilled", "2022-11-17", True)


def test_by_april_2023_light_weapons_were_handed_over_within_the_new_schedule() -> None:
    result = replay(SLUG, "2023-04-30")
    assert _state(result, "disarm-light-weapons") == ("fulfilled", "2023-06-23", False)
    assert result.provision("interim-administration").state == "fulfilled"
