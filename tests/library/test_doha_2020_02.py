"""Replay of the US-Taliban agreement signed in Doha on 29 February 2020.

Facts: shared/facts/agreements.md, section 4b. In force 29 Feb 2020 (Kabul time, +04:30).

31 December 2020:
- US forces down to 8,600 within 135 days: 29 Feb + 135 days = 13 Jul 2020. On 13 Jul the
  Pentagon said US forces were in the mid-8,000s (the United States' own account, reported by
  two outlets): fulfilled on the day, not late.
- Five bases within 135 days: transferred by 13 Jul: fulfilled, not late.
- Up to 5,000 Taliban prisoners by 10 Mar 2020. Running totals turned into increments in the
  evidence (arithmetic in each event's notes): 2,710 by 31 May; + 1,790 (4,500 - 2,710) by 30 Jul;
  + 100 (4,600 - 4,500) by 10 Aug; + 80 on 14 Aug; + 320 (400 - 80) by 12 Sep, when the talks
  began after the last releases. 2,710 + 1,790 + 100 + 80 + 320 = 5,000, reached with the
  releases completed by 12 Sep: fulfilled late (6 months after 10 Mar).
- Up to 1,000 government prisoners by 10 Mar: 20 on 12 Apr; + 400 (420 - 20) by 31 May; + 580
  (1,000 - 420) by 30 Jul (the Taliban's account): 1,000 by 30 Jul: fulfilled late.
- Intra-Afghan negotiations by 10 Mar: began 12 Sep 2020: fulfilled late.
"""

from __future__ import annotations

from tests.library.support import replay

SLUG = "doha-2020-02"


def _met_by(result_because: list[str]) -> str:
    return next(t for t in result_because if t.startswith("fulfilled by"))


def test_the_135_day_terms_were_met_on_time() -> None:
    result = replay(SLUG, "2020-12-31")
    forces = result.provision("reduce-us-forces")
    assert (forces.state, forces.late, forces.due and forces.due.iso()) == (
        "fulfilled", False, "2020-07-13",
    )  # fmt: skip
    bases = result.provision("leave-five-bases")
    assert (bases.state, bases.late, bases.delivered) == ("fulfilled", False, 5)


def test_prisoner_releases_and_talks_were_fulfilled_late() -> None:
    result = replay(SLUG, "2020-12-31")
    taliban = result.provision("release-taliban-prisoners")
    assert (taliban.state, taliban.late, taliban.required, taliban.delivered) == (
        "fulfilled", True, 5000, 5000,
    )  # fmt: skip
    assert "final-400-rest" in _met_by([r.text for r in taliban.because])
    others = result.provision("release-other-prisoners")
    assert (others.state, others.late, others.delivered) == ("fulfilled", True, 1000)
    assert "taliban-released-by-0730" in _met_by([r.text for r in others.because])
    talks = result.provision("intra-afghan-negotiations")
    assert (talks.state, talks.late) == ("fulfilled", True)


def test_before_the_last_releases_the_taliban_prisoners_are_partly_released() -> None:
    """On 1 Sep 2020: 2,710 + 1,790 + 100 + 80 = 4,680 of 5,000, past the 10 Mar deadline."""
    taliban = replay(SLUG, "2020-09-01").provision("release-taliban-prisoners")
    assert (taliban.state, taliban.delivered) == ("partially_fulfilled", 4680)
