"""The shipped JSON Schema: in step with the models, valid draft-07, accepting every example."""

from __future__ import annotations

import json

import jsonschema
import pytest

from accord.examples import example_files
from accord.spec.schema import build_schema, render_schema, shipped_schema
from accord.spec.yamlsource import parse_yaml

from .conftest import MINIMAL

EXAMPLES = example_files()


def test_shipped_schema_matches_the_models() -> None:
    assert shipped_schema() == render_schema(), (
        "regenerate: python -m accord.spec.schema > src/accord/spec/schema.json"
    )


def test_schema_is_valid_draft07() -> None:
    jsonschema.Draft7Validator.check_schema(build_schema())


@pytest.mark.parametrize("item", EXAMPLES, ids=[f.name for f in EXAMPLES])
def test_every_bundled_example_validates_against_the_schema(item: object) -> None:
    data = parse_yaml(item.read_text(encoding="utf-8")).data  # type: ignore[attr-defined]
    jsonschema.Draft7Validator(json.loads(shipped_schema())).validate(data)


def test_schema_rejects_unknown_keys() -> None:
    data = parse_yaml(MINIMAL + "colour: blue\n").data
    validator = jsonschema.Draft7Validator(json.loads(shipped_schema()))
    assert any("colour" in e.message for e in validator.iter_errors(data))
