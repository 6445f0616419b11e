"""Replay of the Moscow Additional Protocol on Idlib (5 Mar 2020), checked by hand from the facts.

Facts: the sourced facts file agreements-2.md, section 5. Ceasefire from 00:01 on 6 Mar 2020 (5.2,
read as Idlib local time). Corridor parameters "within 7 days" (5.2): the spec counts 7 days after
the protocol's date, 5 Mar + 7 d = 12 Mar 2020 (13 Mar if counted from 6 Mar; La Repubblica's
six days give 11 Mar). Joint patrols begin on 15 Mar 2020 (5.2) along the M4 from Trumba to
Ain al-Havr.

Evidence (5.3): on 6 Mar SOHR reported government shelling and jihadist rocket fire (two reports
of each, one act per actor, so 2 acts by non-signatories); the defence ministries agreed the
corridor document on 13 Mar (Akar); the first patrol, on 15 Mar, was cut short, and every patrol
until the first one to complete the whole route (22 Jul per South Front, 23 Jul per nef2) covered
part of it; the Syrian civil defence reported 40 government rocket attacks on 23 Mar; Russian
airstrikes on 26 Oct 2020 (three reports with tolls 78, 34 and 38: one act) are the only act by a
signatory; the HTS-led offensive and government air strikes of 27 Nov 2024 close the record.

- 12 Mar 2020 (the deadline day): corridor-parameters pending, due 12 Mar; the patrols do not
  apply before 15 Mar (not triggered); the non-signatories' ceasefire breached by 2 acts (6 Mar);
  the signatories' ceasefire respected.
- 14 Mar 2020: corridor-parameters fulfilled late (13 Mar > 12 Mar).
- 16 Mar 2020: joint-patrols fulfilled on time (15 Mar <= 15 Mar); patrols-cover-the-route
  violated (due 15 Mar, only a cut-short patrol).
- 1 Dec 2024: patrols-cover-the-route fulfilled late (22 Jul 2020, the earlier of the two disputed
  days); the signatories' ceasefire breached once (Russia, 26 Oct 2020, 3 sources); the
  non-signatories' 5 times (6 Mar x2, 23 Mar 2020, 27 Nov 2024 x2); the coordination centres
  still pending (no act reported); the 14 Jul 2020 attack on a patrol is by unidentified
  attackers and counts against no one.
"""

from __future__ import annotations

from tests.library.support import replay

SLUG = "idlib-2020-03"


def test_corridor_deadline_day() -> None:
    result = replay(SLUG, "2020-03-12")
    corridor = result.provision("corridor-parameters")
    assert (corridor.state, corridor.due and corridor.due.iso()) == ("pending", "2020-03-12")
    assert result.provision("joint-patrols").state == "not_triggered"
    local = result.provision("ceasefire-regime-local-forces")
    assert (local.state, local.count) == ("breached", 2)
    assert sorted((v.party, v.at) for v in result.violations) == [
        ("armed-groups", "2020-03-06"), ("syrian-government", "2020-03-06"),
    ]  # fmt: skip
    assert result.provision("ceasefire").state == "respected"


def test_corridor_agreed_a_day_late() -> None:
    corridor = replay(SLUG, "2020-03-14").provision("corridor-parameters")
    assert (corridor.state, corridor.late) == ("fulfilled", True)


def test_first_patrol_on_time_but_cut_short() -> None:
    result = replay(SLUG, "2020-03-16")
    patrols = result.provision("joint-patrols")
    assert (patrols.state, patrols.late, patrols.due and patrols.due.iso()) == (
        "fulfilled", False, "2020-03-15",
    )  # fmt: skip
    route = result.provision("patrols-cover-the-route")
    assert (route.state, route.due and route.due.iso()) == ("violated", "2020-03-15")


def test_end_of_the_record() -> None:
    result = replay(SLUG, "2024-12-01")
    route = result.provision("patrols-cover-the-route")
    assert (route.state, route.late) == ("fulfilled", True)
    ceasefire = result.provision("ceasefire")
    assert (ceasefire.state, ceasefire.count) == ("breached", 1)
    (strike,) = [v for v in result.violations if v.provision == "ceasefire"]
    assert (strike.party, strike.at, len(strike.sources)) == ("russia", "2020-10-26", 3)
    assert result.provision("ceasefire-regime-local-forces").count == 5
    assert result.provision("coordination-centres").state == "pending"
