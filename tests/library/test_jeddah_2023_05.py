"""Replay of the Jeddah short-term ceasefire (Sudan, May 2023), checked by hand from the facts.

Facts: the sourced facts file agreements-2.md, section 8. Times are Khartoum time (UTC+02:00).

Dates of the spec (8.1): signed 20 May 2023; in force 48 hours later, 22 May 21:45, so the
notification period runs 20 May 21:45 + 48 h = 22 May 21:45. The ceasefire lasts "7 days" from
22 May 21:45, counted as "N days after": 22 May 21:45 + 7 d = 29 May 21:45 (the facilitators'
own expiry, 8.1). The five-day extension agreed on 29 May (8.2) moves the end to
29 May 21:45 + 5 d = 3 Jun 21:45. The aid, services and hospital-withdrawal obligations are read
as due by the end of the ceasefire (the spec marks that deadline uncertain).

Evidence (8.2): the facilitators said neither side kept the no-military-advantage commitment in
the 48-hour period (one act per party, reported by two outlets, so 2 acts); the committee met on
23 May; the 28 May statement names three SAF attacks (the 27 May airstrike, the strike on the
currency printing press, the attacks in Saq al-Umla) and SAF military flights; the RSF acts it
names (occupation and looting, moving forces to Halfaya Bridge) are not attacks. The SAF
suspended its participation in the talks on 31 May; the facilitators suspended the talks on
1 Jun, but they are neither bound by the talks provision nor given a power over it.

- 22 May 21:00, before entry into force: notification active, ceasefire phase scheduled;
  no-military-advantage breached by 2 acts (SAF and RSF), each dated at the period's start
  20 May 21:45; the ceasefire prohibition does not apply yet.
- 28 May (end of day): ceasefire active to 29 May 21:45; ceasefire breached by 3 SAF acts (23, 23,
  27 May: the two undated acts are dated at the ceasefire's first full day); the aircraft
  prohibition by 1; aid due 29 May 21:45, still pending; the committee's monitoring fulfilled.
- 30 May: the extension of 29 May is in effect: end and aid deadline 3 Jun 21:45; talks pending.
- 4 Jun: the ceasefire phase is completed with 3 unmet obligations (aid, services, hospitals),
  each violated (3 Jun 21:45 passed, no act); the talks suspended by the SAF; 2 + 3 + 1 = 6
  violation records.
"""

from __future__ import annotations

from tests.library.support import replay

SLUG = "jeddah-2023-05"


def test_notification_period_before_entry_into_force() -> None:
    result = replay(SLUG, "2023-05-22T21:00+02:00")
    assert result.phase("notification").state == "active"
    assert result.phase("ceasefire-period").state == "scheduled"
    advantage = result.provision("no-military-advantage")
    assert (advantage.state, advantage.count) == ("breached", 2)
    assert sorted((v.party, v.at) for v in result.violations) == [
        ("rsf", "2023-05-20T21:45:00+02:00"),
        ("saf", "2023-05-20T21:45:00+02:00"),
    ]
    assert result.provision("ceasefire").state == "not_triggered"


def test_ceasefire_before_its_original_expiry() -> None:
    result = replay(SLUG, "2023-05-28")
    period = result.phase("ceasefire-period")
    assert (period.state, period.end and period.end.iso()) == ("active", "2023-05-29T21:45+02:00")
    ceasefire = result.provision("ceasefire")
    assert (ceasefire.state, ceasefire.count) == ("breached", 3)
    assert sorted(v.at for v in result.violations if v.provision == "ceasefire") == [
        "2023-05-23", "2023-05-23", "2023-05-27",
    ]  # fmt: skip
    assert {v.party for v in result.violations if v.provision == "ceasefire"} == {"saf"}
    assert result.provision("no-military-aircraft").count == 1
    aid = result.provision("facilitate-aid")
    assert (aid.state, aid.due and aid.due.iso()) == ("pending", "2023-05-29T21:45+02:00")
    monitoring = result.provision("ceasefire-monitoring")
    assert (monitoring.state, monitoring.late) == ("fulfilled", False)


def test_extension_moves_the_end_by_five_days() -> None:
    result = replay(SLUG, "2023-05-30")
    period = result.phase("ceasefire-period")
    assert (period.state, period.end and period.end.iso()) == ("active", "2023-06-03T21:45+02:00")
    aid = result.provision("facilitate-aid")
    assert (aid.state, aid.due and aid.due.iso()) == ("pending", "2023-06-03T21:45+02:00")
    assert result.provision("discuss-longer-term-ceasefire").state == "pending"


def test_breakdown_after_the_extension() -> None:
    result = replay(SLUG, "2023-06-04")
    period = result.phase("ceasefire-period")
    assert period.state == "completed"
    assert sorted(period.unmet) == ["facilitate-aid", "restore-services", "withdraw-from-hospitals"]
    for xid in period.unmet:
        assert result.provision(xid).state == "violated", xid
    talks = result.provision("discuss-longer-term-ceasefire")
    # The SAF, bound to these talks, announced it suspended them on 31 May; the declaration
    # gives it no power to suspend, so the talks are recorded as suspended by declaration and
    # stay pending (they have no deadline).
    assert (talks.state, talks.flags) == ("pending", ["suspension_declared_by:saf"])
    assert len(result.violations) == 6
