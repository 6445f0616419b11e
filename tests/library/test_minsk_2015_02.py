"""Replay of Minsk II (Package of Measures, 12 February 2015).

Facts: shared/facts/agreements-2.md, section 3. Kyiv time; the ceasefire starts at 00:00 on
15 Feb 2015 (3.2), and day 1 is 15 Feb (`day_one: in_force`, the facts' own count, 3.2).
- Withdrawal begins by day 2: 15 Feb + 1 = 16 Feb. It is complete within 14 days of that:
  16 Feb + 14 = 2 Mar (the "2 March" of AP and Arabic reports).
- Prisoners: fifth day after the withdrawal deadline (not found verbatim; "within 19 days" in a
  Ukrainian summary): 2 Mar + 5 = 7 Mar.
- Rada resolution within 30 days of signing: 12 Feb + 30 = 14 Mar (16 days left in February + 14).

16 Feb (end of day 2): the start deadline is inclusive, so neither side is late yet: both
begin-withdrawal provisions pending, due 16 Feb. Fighting at Debaltseve from 15 Feb (3.3):
1 breach of the ceasefire, by the armed formations.

17 Feb: no withdrawal had begun (Kyiv said it could not withdraw while the rebels advanced, 3.3):
both begin-withdrawal provisions violated, past due.

21 Feb (day 7), prisoner exchange near Zholobok (3.3): 139 Ukrainian troops for 52 rebels.
Ukraine's side: 52 of at least 580 (the separatists' claim of how many Ukraine held), due 7 Mar:
pending. The formations' side has no known total, so their first release fulfils it in accord's
reading. OSCE monitors reached Debaltseve (3.3): monitoring fulfilled.

2 Mar (end of the completion deadline day):
- The separatists said they began on 24-25 Feb, Ukraine on 26 Feb (3.3): both begin-withdrawal
  provisions fulfilled late (8 and 10 days after 16 Feb).
- The separatists said they completed on 1 Mar (1 Mar <= 2 Mar): fulfilled, not late. Ukraine
  indicated 7 Mar: still pending on 2 Mar.

8 Mar: Ukraine's completion on 7 Mar, 5 days after 2 Mar: fulfilled late. Prisoners: 52 < 580
past 7 Mar: partially fulfilled, past due. Under the `corroborated` policy (two sources for the
same act) neither completion counts, each being one party's claim that the OSCE did not verify
(3.3, section 9): both violated; the 21 Feb exchange, reported by UPI and AFP, still counts 52.

31 Jan 2016: the special-status law on 17 Mar 2015 (3.3, weak source) is 3 days after 14 Mar:
fulfilled late. The end-2015 constitutional reform was not met (3.3): violated. Border control
depends on it (point 9): conditional.
"""

from __future__ import annotations

from accord.engine.results import Evaluation
from tests.library.support import replay

SLUG = "minsk-2015-02"


def _state(result: Evaluation, provision: str) -> tuple[object, ...]:
    p = result.provision(provision)
    return (p.state, p.due and p.due.iso(), p.late)


def test_day_two_the_withdrawal_may_still_begin() -> None:
    result = replay(SLUG, "2015-02-16")
    for side in ("ukraine", "formations"):
        assert _state(result, f"begin-withdrawal-{side}") == ("pending", "2015-02-16", False)
    assert result.provision("ceasefire").count == 1
    assert [(v.party, v.event) for v in result.violations] == [
        ("armed-formations", "debaltseve-fighting")
    ]


def test_day_three_neither_side_had_begun() -> None:
    result = replay(SLUG, "2015-02-17")
    for side in ("ukraine", "formations"):
        begin = result.provision(f"begin-withdrawal-{side}")
        assert (begin.state, "past_due" in begin.flags) == ("violated", True)


def test_the_first_prisoner_exchange_on_day_seven() -> None:
    result = replay(SLUG, "2015-02-21")
    ukraine = result.provision("release-prisoners-ukraine")
    assert (ukraine.state, ukraine.delivered, ukraine.required) == ("pending", 52, 580)
    assert ukraine.due and ukraine.due.iso() == "2015-03-07"
    assert result.provision("release-prisoners-formations").state == "fulfilled"
    assert result.provision("osce-monitoring").state == "fulfilled"


def test_the_completion_deadline_day() -> None:
    result = replay(SLUG, "2015-03-02")
    assert _state(result, "begin-withdrawal-ukraine") == ("fulfilled", "2015-02-16", True)
    assert _state(result, "begin-withdrawal-formations") == ("fulfilled", "2015-02-16", True)
    assert _state(result, "complete-withdrawal-formations") == ("fulfilled", "2015-03-02", False)
    assert _state(result, "complete-withdrawal-ukraine") == ("pending", "2015-03-02", False)


def test_after_the_deadlines_ukraine_late_and_prisoners_short() -> None:
    result = replay(SLUG, "2015-03-08")
    assert _state(result, "complete-withdrawal-ukraine") == ("fulfilled", "2015-03-02", True)
    prisoners = result.provision("release-prisoners-ukraine")
    assert (prisoners.state, prisoners.delivered, prisoners.required) == (
        "partially_fulfilled", 52, 580,
    )  # fmt: skip
    assert "past_due" in prisoners.flags


def test_on_corroborated_evidence_no_completion_counts() -> None:
    result = replay(SLUG, "2015-03-08", policy="corroborated")
    for side in ("ukraine", "formations"):
        assert result.provision(f"complete-withdrawal-{side}").state == "violated"
    assert result.provision("release-prisoners-ukraine").delivered == 52


def test_the_political_deadlines() -> None:
    result = replay(SLUG, "2016-01-31")
    assert _state(result, "rada-resolution") == ("fulfilled", "2015-03-14", True)
    assert _state(result, "constitutional-reform") == ("violated", "2015-12-31", False)
    assert result.provision("border-control").state == "conditional"
