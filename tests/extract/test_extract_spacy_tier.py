"""The optional model tier: its entities are added to actors; without it nothing changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from accord.extract import spacy_tier
from accord.extract.pipeline import extract

TEXT = "Mona Farid, a researcher, said Hamas and Israel were both under pressure to agree.\n"


@dataclass
class _Entity:
    label_: str
    start_char: int
    end_char: int
    text: str


@dataclass
class _Doc:
    ents: list[_Entity]


def _fake_nlp(text: str) -> _Doc:
    """Stands in for spaCy: tags every capitalised name it knows."""
    names = {"Mona Farid": "PERSON", "Hamas": "ORG", "Israel": "GPE"}
    found = [
        _Entity(label, text.index(name), text.index(name) + len(name), name)
        for name, label in names.items()
        if name in text
    ]
    return _Doc(found)


def test_model_entities_fill_gaps_in_the_gazetteer() -> None:
    plain = extract(TEXT, date(2025, 1, 1))
    with_model = extract(TEXT, date(2025, 1, 1), model=_fake_nlp)
    assert {m.actor for m in plain.actors} == {"hamas", "israel"}
    added = [m for m in with_model.actors if m.actor is None]
    assert [(m.text, m.label) for m in added] == [("Mona Farid", "PERSON")]
    assert with_model.claims == plain.claims


def test_missing_model_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy_tier, "PACKAGE", "accord_no_such_model_package")
    with pytest.raises(spacy_tier.ModelUnavailable, match="pip install"):
        spacy_tier.load_model()
