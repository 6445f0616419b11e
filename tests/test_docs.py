"""docs/spec.md documents every spec key, error code and vocabulary word; its example is valid."""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from click.testing import Result
from pydantic import BaseModel

from accord.load import load_spec
from accord.spec.errors import CATALOGUE
from accord.spec.models import Spec, Term
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


# Where each model's keys are documented (the heading that opens its section).
SECTIONS = {
    "Spec": "### 3.1 ",
    "Term": "### 3.2 ",
    "Source": "### 3.3 ",
    "Party": "### 3.4 ",
    "Place": "### 3.5 ",
    "Condition": "### 3.6 ",
    "Phase": "### 3.9 ",
    "Renewal": "#### 3.9.1 ",
    "Provision": "### 3.10 ",
    "Instalment": "#### 3.10.1 ",
    "Rate": "#### 3.10.2 ",
    "Exchange": "#### 3.10.3 ",
    "Power": "### 3.11 ",
    "Amendment": "### 3.12 ",
}


def _section(doc: str, heading: str) -> str:
    start = doc.index("\n" + heading)
    following = re.search(r"\n#{1,4} ", doc[start + 1 :])
    return doc[start : start + 1 + following.start()] if following else doc[start:]


@pytest.mark.parametrize(("model", "key"), _keys())
def test_every_spec_key_is_documented_in_its_section(doc: str, model: str, key: str) -> None:
    owner = "Term" if key in Term.model_fields and model != "Instalment" else model
    section = _section(doc, SECTIONS[owner])
    assert f"`{key}`" in section, f"{model}.{key} is not documented under {SECTIONS[owner]}"


@pytest.mark.parametrize(
    "word", sorted({*CATALOGUE, *ACTIONS, *OBJECT_KINDS, *ROLES, *SOURCE_KINDS})
)
def test_every_code_and_vocabulary_word_is_documented(doc: str, word: str) -> None:
    assert f"`{word}`" in doc


def test_the_documented_example_is_valid() -> None:
    result = load_spec(DOCS / "example-spec.yaml")
    assert result.ok, [e.format() for e in result.errors]


def test_the_first_example_in_the_doc_is_the_shipped_example_file(doc: str) -> None:
    first = re.findall(r"```yaml\n(.*?)```", doc, flags=re.S)[0]
    assert first == (DOCS / "example-spec.yaml").read_text(encoding="utf-8")


def test_the_timeline_shown_in_the_doc_is_the_real_output(
    doc: str, run_cli: Callable[..., Result]
) -> None:
    shown = re.findall(r"```text\n(Illustrative.*?)```", doc, flags=re.S)[0]
    result = run_cli("timeline", str(DOCS / "example-spec.yaml"))
    real = "\n".join(line.rstrip() for line in result.stdout.splitlines())
    assert shown.rstrip("\n") == real.rstrip("\n")
