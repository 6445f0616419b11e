"""Attribution: direct and indirect speech, according to, floating quotes, speakers, outlets."""

from __future__ import annotations

from datetime import date

from accord.extract.models import Claim
from accord.extract.pipeline import extract

ARTICLE = """Mediators say truce talks will resume, says Egyptian official
CAIRO (Wire) - Two officials familiar with the talks said the group would free the remaining \
captives in one go if the crossings opened.

"We will not hand over anyone until the trucks enter," a senior Hamas official said.

"Nobody should expect miracles," he added.

The truce was breached more than 350 times, the media office said.

At least 48,000 people have been killed, according to health officials.

An Israeli official told the newspaper Haaretz that talks were due to open on 3 February.

\u201cThe first week is where trust is won or lost.

\u201cAfter that, everything depends on the second phase,\u201d said Samir, a mediator.

\u201cWe are ready.\u201d
"""


def _claims() -> list[Claim]:
    return list(extract(ARTICLE, date(2025, 2, 1)).claims)


def _by_content(start: str) -> Claim:
    return next(c for c in _claims() if c.content.startswith(start))


def test_indirect_claim_with_anonymous_speaker() -> None:
    claim = _by_content("the group would free")
    assert claim.kind == "indirect"
    assert claim.speaker == "Two officials familiar with the talks"
    assert claim.cue == "said"
    assert claim.actor is None
    assert claim.speaker_kind == "anonymous"
    assert ARTICLE[claim.start : claim.end] == claim.content


def test_direct_quote_after_and_pronoun_carried_to_last_speaker() -> None:
    first = _by_content("We will not hand over anyone")
    assert (first.kind, first.speaker, first.actor) == (
        "direct",
        "a senior Hamas official",
        "hamas",
    )
    assert first.content == "We will not hand over anyone until the trucks enter"
    second = _by_content("Nobody should expect miracles")
    assert second.speaker == "a senior Hamas official"
    assert second.cue == "added"


def test_reversed_attribution_and_according_to() -> None:
    breach = _by_content("The truce was breached")
    assert breach.speaker == "the media office"
    toll = _by_content("At least 48,000 people")
    assert (toll.kind, toll.speaker, toll.cue) == (
        "according_to",
        "health officials",
        "according to",
    )


def test_outlet_the_statement_was_given_to() -> None:
    claim = _by_content("talks were due to open")
    assert claim.cue == "told"
    assert claim.outlet == "Haaretz"
    assert claim.actor == "israel"


def test_headline_attribution() -> None:
    claim = _by_content("Mediators say truce talks will resume")
    assert claim.speaker == "Egyptian official"
    assert claim.actor == "egypt"


def test_paragraph_spanning_quote_and_floating_quote() -> None:
    first = _by_content("The first week is where trust")
    second = _by_content("After that, everything depends")
    assert first.speaker == second.speaker == "Samir"
    floating = _by_content("We are ready")
    assert floating.speaker == "Samir"
    assert floating.cue is None
    assert floating.rule == "quote-floating"


def test_scare_quotes_and_unattributed_fragments_are_not_claims() -> None:
    text = 'The deal was described in the press as a "breakthrough" by many.'
    assert extract(text, date(2025, 1, 1)).claims == ()


def test_coordinated_cues_share_the_speaker() -> None:
    text = (
        "A Hamas official accused Israel of stalling the talks, and argued the delay on the "
        "coastal road was itself a breach of the deal."
    )
    claims = extract(text, date(2025, 1, 1)).claims
    assert [(c.cue, c.speaker) for c in claims] == [
        ("accused", "A Hamas official"),
        ("argued", "A Hamas official"),
    ]
    assert claims[0].content == "Israel of stalling the talks"


def test_single_quoted_headline_and_apostrophes() -> None:
    text = (
        "\u2018We will not give in\u2019, says Hamas leader\n"
        "The families\u2019 forum said the government won\u2019t wait any longer for it.\n"
    )
    claims = extract(text, date(2025, 1, 1)).claims
    assert [(c.kind, c.speaker, c.content) for c in claims] == [
        ("direct", "Hamas leader", "We will not give in"),
        (
            "indirect",
            "The families\u2019 forum",
            "the government won\u2019t wait any longer for it",
        ),
    ]


def test_a_named_speaker_is_given_without_the_description_that_follows() -> None:
    text = (
        "Talks stalled again on Monday after a week of contacts between the two delegations.\n"
        '"It will take time," said Mona Farid, a researcher at the Gulf Policy Circle, '
        "a think tank.\n"
        '"We are tired," said Huda, a mother of three.\n'
    )
    speakers = [c.speaker for c in extract(text, date(2025, 1, 1)).claims]
    assert speakers == ["Mona Farid", "Huda"]


def test_a_report_aligning_with_figures_is_its_owners_claim() -> None:
    text = (
        "Officials met on Monday to review the casualty figures from the last month.\n"
        "The UN's report aligns with figures from the health ministry, which say 48,000 people "
        "have died.\n"
    )
    (claim,) = extract(text, date(2025, 1, 1)).claims
    assert (claim.speaker, claim.actor, claim.cue, claim.rule) == (
        "The UN",
        "un",
        "aligns with",
        "report-cue",
    )


def test_description_before_a_name_and_asides_between_commas() -> None:
    text = (
        "Heavy weapons handed over at last, officials in the region say\n"
        "Ethiopia's ambassador to Kenya, Bacha Debele, said the handover had been rescheduled.\n"
        "A UN official in the capital, who asked not to be named because the mission had not "
        "authorised interviews, said the observers preferred a late handover.\n"
        "At a camp in the south, Rodrigo, a FARC commander who gave only his nom de guerre, "
        'said his unit was waiting for orders. "We did not come down to live in a tent," '
        "he said.\n"
        "A woman from Logar province, whose son is held, said she had heard nothing at all.\n"
    )
    claims = extract(text, date(2022, 12, 30)).claims
    found = [(c.speaker, c.actor) for c in claims]
    assert found == [
        ("Bacha Debele", "ethiopia"),
        ("A UN official in the capital", "un"),
        ("Rodrigo", "farc"),
        ("Rodrigo", "farc"),
        ("A woman from Logar province", None),
    ]
    for claim in claims:
        assert text[claim.speaker_start : claim.speaker_end] == claim.speaker
