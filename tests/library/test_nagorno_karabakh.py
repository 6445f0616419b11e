"""Replays of real history: bundled specs against bundled evidence, checked by hand from the facts.

Nagorno-Karabakh (shared/facts/agreements.md, 4a): Aghdam handed over on 20 Nov 2020, the original
deadline; Kalbajar on 25 Nov 2020, the deadline as extended on 15 Nov (original: 15 Nov); Lachin on
1 Dec 2020, the original deadline.
"""

from __future__ import annotations

from tests.library.support import replay


def test_nagorno_karabakh_handovers() -> None:
    result = replay("nagorno-karabakh-2020-11", "2020-12-31")
    aghdam = result.provision("hand-over-aghdam")
    assert (aghdam.state, aghdam.late, aghdam.due and aghdam.due.iso()) == (
        "fulfilled", False, "2020-11-20",
    )  # fmt: skip
    kalbajar = result.provision("hand-over-kalbajar")
    assert (kalbajar.state, kalbajar.late, kalbajar.due and kalbajar.due.iso()) == (
        "fulfilled", False, "2020-11-25",
    )  # fmt: skip
    assert "amended:kalbajar-extension" in kalbajar.flags
    lachin = result.provision("hand-over-lachin")
    assert (lachin.state, lachin.late) == ("fulfilled", False)


def test_kalbajar_before_the_extension_was_agreed_is_judged_by_the_original_deadline() -> None:
    result = replay("nagorno-karabakh-2020-11", "2020-11-14")
    kalbajar = result.provision("hand-over-kalbajar")
    assert (kalbajar.state, kalbajar.due and kalbajar.due.iso()) == ("pending", "2020-11-15")
