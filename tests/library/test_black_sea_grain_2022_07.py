"""Replay of the Black Sea Grain Initiative (22 Jul 2022), checked by hand from the facts.

Facts: the sourced facts file agreements-2.md, section 6. The term (6.2, para 5(H)) is 120 days from
signature, counted "N days after": 22 Jul 2022 + 120 d = 19 Nov 2022 (the UN's date). Renewals
(6.3), each counted from the previous end: 17 Nov 2022, +120 d: 19 Nov 2022 + 120 d = 19 Mar 2023;
18 Mar 2023, +60 d per Russia (disputed; the spec's choice): 19 Mar + 60 d = 18 May 2023;
17 May 2023, two months: 18 May + 2 mo = 18 Jul 2023. Each renewal applies from the day it was
agreed.

Evidence (6.3): JCC inaugurated 27 Jul 2022; the first ship (Razoni) left Odesa on 1 Aug with
maize and was inspected on 3 Aug; Russia suspended its participation on 29 Oct and rejoined on
2 Nov 2022; no fertiliser or ammonia was ever exported (UN Geneva, June 2023); Russia objected to
the extension on 17 Jul 2023 (a notice under para 5(H), the power to terminate). No attack on a
vessel or port engaged in the initiative is reported.

- 31 Oct 2022: term active to 19 Nov 2022; foodstuff exports fulfilled (1 Aug); fertiliser
  exports, unperformed, suspended by Russia (29 Oct, not yet resumed); JCC fulfilled (27 Jul).
- 18 Nov 2022: renewal-1 (17 Nov) in effect, term to 19 Mar 2023; fertiliser exports pending
  again (Russia resumed on 2 Nov).
- 16 May 2023: renewal-2 (18 Mar) in effect, term to 18 May 2023; 17 May 2023: renewal-3 in effect,
  term to 18 Jul 2023.
- 20 Jul 2023: the term's last day (18 Jul) has passed: completed, with fertiliser exports left
  unmet; that obligation is terminated by Russia's notice; every prohibition respected (0 acts).
"""

from __future__ import annotations

from tests.library.support import replay

SLUG = "black-sea-grain-2022-07"


def _term_end(as_of: str) -> tuple[str, str | None]:
    term = replay(SLUG, as_of).phase("term")
    return term.state, term.end.iso() if term.end else None


def test_russian_suspension_of_october_2022() -> None:
    result = replay(SLUG, "2022-10-31")
    term = result.phase("term")
    assert (term.state, term.end and term.end.iso()) == ("active", "2022-11-19")
    assert result.provision("foodstuff-exports").state == "fulfilled"
    assert result.provision("jcc-operations").state == "fulfilled"
    # Russia, one of the four bound by the undertaking, announced it suspended its part on
    # 29 Oct 2022. The Initiative gives no party a power to suspend (only to end it, para 5(H)),
    # so the suspension is recorded as declared and the undertaking stays pending.
    fertiliser = result.provision("fertiliser-exports")
    assert (fertiliser.state, fertiliser.flags) == ("pending", ["suspension_declared_by:russia"])


def test_first_renewal_and_resumption() -> None:
    result = replay(SLUG, "2022-11-18")
    term = result.phase("term")
    assert (term.state, term.end and term.end.iso()) == ("active", "2023-03-19")
    assert result.provision("fertiliser-exports").state == "pending"


def test_second_and_third_renewals() -> None:
    assert _term_end("2023-05-16") == ("active", "2023-05-18")
    assert _term_end("2023-05-17") == ("active", "2023-07-18")


def test_end_after_russia_objected_to_the_extension() -> None:
    result = replay(SLUG, "2023-07-20")
    term = result.phase("term")
    assert (term.state, term.end and term.end.iso(), term.unmet) == (
        "completed", "2023-07-18", ["fertiliser-exports"],
    )  # fmt: skip
    fertiliser = result.provision("fertiliser-exports")
    assert (fertiliser.state, fertiliser.flags) == ("terminated", ["terminated_by:russia"])
    for xid in ("no-attacks-on-vessels", "no-attacks-on-ports", "keep-clear-of-corridor"):
        assert (result.provision(xid).state, result.provision(xid).count) == ("respected", 0), xid
    assert result.violations == []
