"""Replay of the Stockholm Agreement (Yemen, 13 December 2018): Hodeidah and the prisoner swap.

Facts: shared/facts/agreements-2.md, section 4. Yemen time (+03:00). The UN started the Hodeidah
ceasefire at 00:00 on 18 Dec 2018 (4.5), and the spec counts 18 Dec as day 1 (`day_one:
in_force`): ports by day 14 = 18 Dec + 13 days = 31 Dec; city by day 21 = 18 Dec + 20 days =
7 Jan 2019. 7 or 8 January (4.2): "by midnight 7 Jan" (coalition official) and Crisis Group's
"expired on 8 Jan" name the same instant, 18 Dec 00:00 + 21 days = 8 Jan 00:00; as a whole day the
deadline is 7 Jan, met by an act on 7 Jan and missed on 8 Jan. Prisoners (4.3): 11 Dec + 40 days
= 20 Jan 2019 (20 days left in December + 20), then 10 days for ICRC transfers (grace to 30 Jan).

31 Dec 2018 (end of day 14): the Houthis said they handed Hodeidah port to the coast guard on
29 Dec (4.5): on their word (policy `all`) that port is fulfilled on time; on corroborated evidence
(two sources for one act) it is not, the UN and the government disputing it. Salif and Ras Issa:
still pending on their last day. Lists exchanged on 11 Dec (4.3): fulfilled.

7 Jan 2019 (end of day 21): city redeployment pending, due 7 Jan. Salif and Ras Issa: violated.
8 Jan 2019: the city deadline has passed with no redeployment (4.5): both sides violated.

25 Jan 2019: prisoners due 20 Jan, no release yet, within the 10-day ICRC window: overdue.
31 Jan 2019: past 30 Jan. The Houthis released 1 (a Saudi detainee, 29-30 Jan, 4.6) of 8,576:
partially fulfilled; the government 0 of 7,487: violated.

31 May 2019: Houthi redeployment from Salif, Ras Issa and Hodeidah ports on 11-14 May, monitored
by the UN (4.5): Salif and Ras Issa fulfilled late (11 May > 31 Dec, 131 days: 31 in January, 28,
31, 30, then 11). On corroborated evidence (UNMHA and the Irish Times both report it) Hodeidah
port is fulfilled on 11 May, late.

31 Oct 2020, the October 2020 swap (4.6, Arabic-press daily figures): Houthis 1 + 250 + 251 = 502
of 8,576; government 480 + 200 = 680 of 7,487: both partially fulfilled, past due.
30 Apr 2023: the April 2023 releases (869 in all, 4.6) have no split by side in the facts, so the
counts stay 502 and 680.
"""

from __future__ import annotations

from accord.engine.results import Evaluation
from tests.library.support import replay

SLUG = "stockholm-2018-12"


def _state(result: Evaluation, provision: str) -> tuple[object, ...]:
    p = result.provision(provision)
    return (p.state, p.due and p.due.iso(), p.late)


def test_day_14_the_ports() -> None:
    result = replay(SLUG, "2018-12-31")
    assert _state(result, "redeploy-hodeidah-port") == ("fulfilled", "2018-12-31", False)
    assert _state(result, "redeploy-salif-port") == ("pending", "2018-12-31", False)
    assert _state(result, "redeploy-ras-issa-port") == ("pending", "2018-12-31", False)
    assert result.provision("exchange-lists").state == "fulfilled"
    assert "amended:ceasefire-start-set" in result.provision("ceasefire-hodeidah").flags
    corroborated = replay(SLUG, "2018-12-31", policy="corroborated")
    assert corroborated.provision("redeploy-hodeidah-port").state == "pending"


def test_7_january_is_the_last_day_for_the_city() -> None:
    result = replay(SLUG, "2019-01-07")
    for side in ("houthis", "government"):
        assert _state(result, f"redeploy-city-{side}") == ("pending", "2019-01-07", False)
    assert result.provision("redeploy-salif-port").state == "violated"


def test_8_january_the_city_deadline_has_passed() -> None:
    result = replay(SLUG, "2019-01-08")
    for side in ("houthis", "government"):
        city = result.provision(f"redeploy-city-{side}")
        assert (city.state, "past_due" in city.flags) == ("violated", True)


def test_the_prisoner_swap_in_the_icrc_window_and_after() -> None:
    during = replay(SLUG, "2019-01-25")
    assert _state(during, "release-by-houthis") == ("overdue", "2019-01-20", False)
    assert _state(during, "release-by-government") == ("overdue", "2019-01-20", False)
    after = replay(SLUG, "2019-01-31")
    houthis = after.provision("release-by-houthis")
    assert (houthis.state, houthis.delivered, houthis.required) == ("partially_fulfilled", 1, 8576)
    government = after.provision("release-by-government")
    assert (government.state, government.delivered, government.required) == ("violated", 0, 7487)


def test_the_ports_in_may_2019() -> None:
    result = replay(SLUG, "2019-05-31")
    assert _state(result, "redeploy-salif-port") == ("fulfilled", "2018-12-31", True)
    assert _state(result, "redeploy-ras-issa-port") == ("fulfilled", "2018-12-31", True)
    assert result.provision("redeploy-city-houthis").state == "violated"
    corroborated = replay(SLUG, "2019-05-31", policy="corroborated")
    assert _state(corroborated, "redeploy-hodeidah-port") == ("fulfilled", "2018-12-31", True)


def test_the_swaps_of_2020_and_2023() -> None:
    for as_of in ("2020-10-31", "2023-04-30"):
        result = replay(SLUG, as_of)
        houthis = result.provision("release-by-houthis")
        government = result.provision("release-by-government")
        assert (houthis.state, houthis.delivered) == ("partially_fulfilled", 502)
        assert (government.state, government.delivered) == ("partially_fulfilled", 680)
