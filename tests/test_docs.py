"""docs/spec.md documents every spec key, error code and vocabulary word; its example is valid."""

from __future__ import annotations

import re
import types
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from pydantic import BaseModel

from accord.spec.errors import CATALOGUE
from accord.spec.load import load_spec, load_spec_text
from accord.spec.models import Spec
from accord.spec.vocabulary import ACTIONS, OBJECT_KINDS, ROLES, SOURCE_KINDS

DOCS = Path(__file__).resolve().parent.parent / "docs"
SPEC_DOC = DOCS / "spec.md"


def _models(root: type[BaseModel]) -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    pending: list[Any] = [root]
    while pending:
        tp = pending.pop()
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in found:
                continue
            found.add(tp)
            pending.extend(f.annotation for f in tp.model_fields.values())
        elif get_origin(tp) is not None or isinstance(tp, types.UnionType):
            pending.extend(get_args(tp))
    return found


def _keys() -> list[tuple[str, str]]:
    return sorted(
        {
            (model.__name__, field.alias or name)
            for model in _models(Spec)
            for name, field in model.model_fields.items()
        }
    )


@pytest.fixture(scope="module")
def doc() -> str:
    return SPEC_DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize(("model", "key"), _keys())
def test_every_spec_key_is_documented(doc: str, model: str, key: str) -> None:
    assert f"`{key}`" in doc, f"{model}.{key} is not documented in docs/spec.md"


@pytest.mark.parametrize(
    "word", sorted({*CATALOGUE, *ACTIONS, *OBJECT_KINDS, *ROLES, *SOURCE_KINDS})
)
def test_every_code_and_vocabulary_word_is_documented(doc: str, word: str) -> None:
    assert f"`{word}`" in doc


def test_the_documented_example_is_valid() -> None:
    result = load_spec(DOCS / "example-spec.yaml")
    assert result.ok, [e.format() for e in result.errors]


def test_yaml_blocks_in_the_doc_that_are_whole_specs_are_valid(doc: str) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", doc, flags=re.S)
    whole = [b for b in blocks if b.lstrip().startswith("accord: 1")]
    assert whole, "docs/spec.md should show at least one complete spec"
    for block in whole:
        result = load_spec_text(block, "docs/spec.md")
        assert result.ok, [e.format() for e in result.errors]
