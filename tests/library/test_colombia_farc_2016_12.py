"""Replay of the Colombia - FARC-EP laying down of arms (D-Day 1 Dec 2016), checked by hand.

Facts: the sourced facts file agreements-2.md, section 7. The spec counts D-Day as day 1
(`day_one: in_force`), as the UN Mission did for D+180 (7.2), so D+N is 1 Dec 2016 + (N - 1) days:
D+5 = 5 Dec 2016, D+30 = 30 Dec 2016 (La Diaria's date), D+90 = 28 Feb 2017, D+120 = 30 Mar 2017,
D+150 = 29 Apr 2017 (La Diaria's date), D+180 = 29 May 2017 (the UN Mission's date; adding 180 days
gives 30 May, and Santos said 1 Jun). The zones period is 180 days counting D-Day as day 1, last
day 29 May 2017. On 29 May 2017 (7.3) the CSIVI postponed the handover (the spec's new deadline:
20 Jun 2017, the date given for the final 40%) and extended the stay in the zones to 1 Aug 2017.

Evidence (7.3): the first move toward the zones reported is the "last march" of 28-31 Jan 2017;
the last unit arrived on 18 Feb 2017 (two reports, one act); the UN began verification on 1 Mar;
the FARC-EP announced the first 30% around 7 Jun; the UN had stored all individual weapons by
26 Jun (three reports, one act; its quantity is the remaining 100 - 30 = 70%); the UN certified
completion at Mesetas on 27 Jun; nothing reported breaches the ceasefire.

- 31 Dec 2016: begin-move (due 5 Dec) and all-in-zones (due 30 Dec) violated, no act by then;
  lay-down-arms pending, 0 of 100 delivered, due 29 Apr 2017.
- 19 Feb 2017: both moves fulfilled late (28 Jan > 5 Dec; 18 Feb > 30 Dec).
- 30 May 2017, the day after D+180: the 29 May decisions are in effect: the zones period runs to
  1 Aug; lay-down-arms is due 20 Jun, still pending with 0 delivered, all three instalments
  (28 Feb, 30 Mar, 29 Apr) overdue; the UN certification, due 29 May, violated.
- 25 Jun 2017: lay-down-arms past its 20 Jun deadline with 30 of 100: partially fulfilled.
- 30 Jun 2017: lay-down-arms fulfilled late, 30 + 70 = 100; instalments met on 7 Jun (30) and
  26 Jun (60 and 100), all late; certification fulfilled late on 27 Jun (> 29 May).
- 2 Aug 2017: the zones period completed (last day 1 Aug) with no unmet obligation.
"""

from __future__ import annotations

from accord.engine.results import Evaluation
from tests.library.support import replay

SLUG = "colombia-farc-2016-12"


def _due(result: Evaluation, xid: str) -> tuple[str, str | None]:
    prov = result.provision(xid)
    return prov.state, prov.due.iso() if prov.due else None


def test_moves_to_the_zones_missed_at_d_plus_30() -> None:
    result = replay(SLUG, "2016-12-31")
    assert _due(result, "begin-move-to-zones") == ("violated", "2016-12-05")
    assert _due(result, "all-in-zones") == ("violated", "2016-12-30")
    arms = result.provision("lay-down-arms")
    assert (arms.state, arms.required, arms.delivered) == ("pending", 100, 0)
    assert arms.due and arms.due.iso() == "2017-04-29"
    assert result.provision("ceasefire").state == "respected"


def test_moves_completed_late() -> None:
    result = replay(SLUG, "2017-02-19")
    for xid in ("begin-move-to-zones", "all-in-zones"):
        prov = result.provision(xid)
        assert (prov.state, prov.late) == ("fulfilled", True), xid


def test_d_plus_180_and_the_road_map_of_29_may() -> None:
    result = replay(SLUG, "2017-05-30")
    zones = result.phase("zones-period")
    assert (zones.state, zones.end and zones.end.iso()) == ("active", "2017-08-01")
    arms = result.provision("lay-down-arms")
    assert _due(result, "lay-down-arms") == ("pending", "2017-06-20")
    assert arms.delivered == 0
    assert "amended:handover-postponed" in arms.flags
    assert [(i.due and i.due.iso(), i.state) for i in arms.instalments] == [
        ("2017-02-28", "overdue"), ("2017-03-30", "overdue"), ("2017-04-29", "overdue"),
    ]  # fmt: skip
    assert _due(result, "un-certification") == ("violated", "2017-05-29")


def test_handover_past_the_new_deadline_is_partial() -> None:
    result = replay(SLUG, "2017-06-25")
    arms = result.provision("lay-down-arms")
    assert (arms.state, arms.required, arms.delivered) == ("partially_fulfilled", 100, 30)
    assert "past_due" in arms.flags


def test_handover_and_certification_completed_late() -> None:
    result = replay(SLUG, "2017-06-30")
    arms = result.provision("lay-down-arms")
    assert (arms.state, arms.late, arms.delivered) == ("fulfilled", True, 100)
    assert [(i.required_by_then, i.met_at, i.late) for i in arms.instalments] == [
        (30, "2017-06-07", True), (60, "2017-06-26", True), (100, "2017-06-26", True),
    ]  # fmt: skip
    certification = result.provision("un-certification")
    assert (certification.state, certification.late) == ("fulfilled", True)


def test_zones_period_completed_after_the_extension() -> None:
    result = replay(SLUG, "2017-08-02")
    zones = result.phase("zones-period")
    assert (zones.state, zones.unmet) == ("completed", [])
    assert result.violations == []
