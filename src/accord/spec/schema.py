"""The JSON Schema (draft-07) of the spec language, for editors and other tools.

The schema shipped in the package (`schema.json`) is generated from the models; a test keeps the
two in step. Regenerate with `python -m accord.spec.schema > src/accord/spec/schema.json`.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from accord.spec.models import Spec

SCHEMA_ID = "https://accord.invalid/schema/spec-1.json"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def build_schema() -> dict[str, Any]:
    """Generate the draft-07 schema from the pydantic models."""
    schema = Spec.model_json_schema(by_alias=True, mode="validation")
    text = json.dumps(schema).replace('"#/$defs/', '"#/definitions/')
    converted: dict[str, Any] = json.loads(text)
    if "$defs" in converted:
        converted["definitions"] = converted.pop("$defs")
    return {"$schema": DRAFT_07, "$id": SCHEMA_ID, **converted}


def render_schema() -> str:
    """The schema as stable, pretty JSON text."""
    return json.dumps(build_schema(), indent=2, sort_keys=True) + "\n"


def shipped_schema() -> str:
    """The schema file shipped in the package."""
    return resources.files("accord.spec").joinpath("schema.json").read_text(encoding="utf-8")


if __name__ == "__main__":
    print(render_schema(), end="")
