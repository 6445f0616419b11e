"""Replay of the Gaza ceasefire and exchange agreement of January 2025 (phase 1).

Facts: shared/facts/agreements.md, sections 1.3-1.5 (terms) and 2.1-2.3 (what happened). In force
19 Jan 2025 11:15 (+02:00); day 1 is 19 Jan, so day N is 19 Jan + (N - 1) days.

2 March 2025 (day 42 was 1 March):
- Phase 1 ran 42 days, 19 Jan to 1 Mar: completed.
- The 33 captives (1.3) count releases of living captives and returns of remains (action
  `[release, return_remains]`): living 3 (R1, 19 Jan) + 4 (R2, 25 Jan) + 3 (R3, 30 Jan; the 5 Thai
  nationals freed that day are outside the 33) + 3 (R4, 1 Feb) + 3 (R5, 8 Feb) + 3 (R6, 15 Feb)
  + 6 (R7b, 22 Feb) = 25; remains 4 reported on 20 Feb, corrected to 3 by Israel's account (the
  fourth body was not a captive's) + 1 (Shiri Bibas, 21 Feb) + 4 (R8, 26-27 Feb) = 8; 25 + 8 = 33:
  fulfilled on 27 Feb, before day 42.
- Instalments (3 on day 1, 4 on day 7, 3 on days 14, 21, 28, 35, 14 on day 42), against the
  running total (over-delivery carries forward): 3 by 19 Jan (day 1, on the day); 7 by 25 Jan
  (day 7, on the day); 10 due 1 Feb, reached 30 Jan; 13 due 8 Feb, reached 1 Feb; 16 due 15 Feb,
  reached 8 Feb; 19 due 22 Feb, reached 15 Feb; 33 due 1 Mar, reached with the handover of the
  night of 26 to 27 Feb (an act over two days is done by its last day, 27 Feb). None came late by
  count (the dispute of 25 Jan was about which captive came first, not how many).
- Prisoner ledger (1.4: 30 per civilian, 50 per female soldier, 3 + 27 per man over 50), rounds
  whose captives' category the sources give: R1 3 civilian women x 30 = 90; R2 4 female soldiers
  x 50 = 200; R3 Agam Berger (soldier) 50 + Arbel Yehud (civilian) 30 = 80 under the main ratio,
  and Gadi Moses (80, man over 50) 30 under the elderly ratio; 90 + 200 + 80 = 370 and 30. The
  two terms share one pool of releases, oldest owed first: 90 + 200 + 80 + ... by 30 Jan covers
  all 400. Rounds 4-8 owe nothing under the spec's ratios (no category in the sources).
- Day 16 (3 Feb): phase-2 talks not begun per the evidence: violated.
- Netzarim withdrawal, day 22 = 9 Feb: withdrawal began on 9 Feb: fulfilled on the day.
- 22 Feb: Israel postponed the 620 releases (a suspension by Israel); the releases of 27 Feb
  (596 overnight per Anadolu; 620 and 643 in other reports) ended it.

19 March 2025:
- Israel's strikes of 18 March (from 02:20): the ceasefire (phases 1 and 2) is breached, 1 record.
- Philadelphi withdrawal due day 50 = 19 Jan + 49 = 9 Mar: no withdrawal reported: violated.
"""

from __future__ import annotations

from accord.engine.policies import divergences
from accord.engine.results import Evaluation
from tests.library.support import replay

SLUG = "gaza-2025-01"


def _at(day: str) -> Evaluation:
    return replay(SLUG, day)


def test_phase_one_completed_with_the_33_captives_returned_before_day_42() -> None:
    result = _at("2025-03-02")
    assert result.phase("phase1").state == "completed"
    captives = result.provision("release-captives")
    assert (captives.state, captives.required, captives.delivered) == ("fulfilled", 33, 33)
    assert (captives.due and captives.due.iso(), captives.late) == ("2025-03-01", False)


def test_each_instalment_was_met_on_or_before_its_day() -> None:
    rows = _at("2025-03-02").provision("release-captives").instalments
    assert [(r.due and r.due.iso(), r.required_by_then, r.met_at, r.late) for r in rows] == [
        ("2025-01-19", 3, "2025-01-19", False),
        ("2025-01-25", 7, "2025-01-25", False),
        ("2025-02-01", 10, "2025-01-30", False),
        ("2025-02-08", 13, "2025-02-01", False),
        ("2025-02-15", 16, "2025-02-08", False),
        ("2025-02-22", 19, "2025-02-15", False),
        ("2025-03-01", 33, "2025-02-27", False),
    ]


def test_the_prisoner_ledger_per_round() -> None:
    result = _at("2025-03-02")
    owed = [
        (row["provision"], row["counterpart_event"], row["ratio"], row["required"],
         row["delivered"], row["outstanding"])
        for row in result.to_dict()["ledger"]
        if row["required"]
    ]  # fmt: skip
    assert owed == [
        ("release-prisoners", "r1-captives", 30, 90, 90, 0),
        ("release-prisoners", "r2-captives", 50, 200, 200, 0),
        ("release-prisoners", "r3-captive-berger", 50, 50, 50, 0),
        ("release-prisoners", "r3-captive-yehud", 30, 30, 30, 0),
        ("release-prisoners-elderly", "r3-captive-moses", 30, 30, 30, 0),
    ]
    main, elderly = (
        result.provision("release-prisoners"),
        result.provision("release-prisoners-elderly"),
    )
    assert (main.state, main.required, main.delivered) == ("fulfilled", 370, 370)
    assert (elderly.state, elderly.required, elderly.delivered) == ("fulfilled", 30, 30)


def test_talks_netzarim_and_the_postponement_of_22_february() -> None:
    result = _at("2025-03-02")
    talks = result.provision("negotiate-phase2")
    assert (talks.state, talks.due and talks.due.iso()) == ("violated", "2025-02-03")
    netzarim = result.provision("withdraw-netzarim")
    assert (netzarim.state, netzarim.late, netzarim.due and netzarim.due.iso()) == (
        "fulfilled", False, "2025-02-09",
    )  # fmt: skip
    trail = [reason.text for reason in result.provision("release-prisoners").because]
    # Israel, which owed the releases, postponed them on 22 Feb; the agreement gives it no power
    # to suspend them, so the postponement is a declared suspension and the dates still bind.
    assert any("declared by israel" in t and "r7b-prisoners-postponed" in t for t in trail)
    assert "israel holds no power to suspend it: its dates still bind" in trail
    assert any("suspension ended by performance" in t and "2025-02-27" in t for t in trail)
    assert "suspended" not in result.provision("release-prisoners").state


def test_on_19_march_the_ceasefire_is_breached_and_philadelphi_not_done() -> None:
    result = _at("2025-03-19")
    truce = result.provision("ceasefire")
    assert (truce.state, truce.count) == ("breached", 1)
    assert [(v.party, v.at, v.event) for v in result.violations] == [
        ("israel", "2025-03-18T02:20:00+02:00", "strikes-0318")
    ]
    philadelphi = result.provision("withdraw-philadelphi")
    assert (philadelphi.state, philadelphi.due and philadelphi.due.iso()) == (
        "violated", "2025-03-09",
    )  # fmt: skip


def test_the_accounts_diverge_where_only_one_side_reports() -> None:
    """Under Israel's account (claims by Israel or its prison service) the 27 February releases
    are the prison service's 643; under Hamas's account (no event in the bundled record is
    claimed by Hamas) no release counts, so the captives' and prisoners' terms differ."""
    everything = _at("2025-03-02")
    israel = replay(SLUG, "2025-03-02", "claimed_by:israel")
    hamas = replay(SLUG, "2025-03-02", "claimed_by:hamas")
    counted = [r.text for r in israel.provision("release-prisoners").because if r.kind == "event"]
    assert counted == [
        "counted: israel release x643 on 2025-02-27 (event r8-prisoners-ips, claimed by "
        "israel-prison-service)"
    ]
    differing = {d.provision for d in divergences(everything, hamas)}
    assert {"release-captives", "release-prisoners", "withdraw-netzarim"} <= differing
    assert everything.provision("release-captives").state == "fulfilled"
    assert hamas.provision("release-captives").state == "violated"
