"""Turn pydantic validation errors into catalogue errors with a fix-it message."""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from accord.spec.errors import CATALOGUE, Problem, did_you_mean

_EXPECTED = {
    "dict_type": "a mapping (`key: value` lines)",
    "model_type": "a mapping (`key: value` lines)",
    "model_attributes_type": "a mapping (`key: value` lines)",
    "list_type": "a list (`- item` lines or [a, b])",
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "float_type": "a number",
    "float_parsing": "a number",
}


_BOUNDS = {
    "greater_than_equal": "must not be negative",
    "greater_than": "must be above zero",
    "too_short": "must not be empty",
    "string_pattern_mismatch": "use letters, digits, `-` and `_`, starting with a letter or digit",
}


_YAML_WORDS = {None: "null", True: "true", False: "false"}


def translate(error: ErrorDetails, root: type[BaseModel]) -> Problem:
    """One pydantic error as a located catalogue problem."""
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind in CATALOGUE:
        return Problem(loc, kind, str((error.get("ctx") or {}).get("message", error["msg"])))
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _keys_at(root, loc[:-1])
        return Problem(
            loc, "unknown-key", f"`{key}` is not a key here" + did_you_mean(key, allowed), True
        )
    if kind == "missing":
        return Problem(loc[:-1], "missing-key", f"add the required key `{loc[-1]}`")
    if kind == "literal_error":
        expected = str((error.get("ctx") or {}).get("expected", ""))
        return Problem(loc, "bad-value", f"{_shown(error)} is not allowed; use {expected}")
    if kind == "less_than_equal":
        limit = (error.get("ctx") or {}).get("le")
        return Problem(
            loc, "out-of-range", f"{_shown(error)} is too large; write at most {limit:_}"
        )
    if kind in ("greater_than_equal", "greater_than", "too_short", "string_pattern_mismatch"):
        return Problem(loc, "bad-value", f"{_shown(error)}: {_BOUNDS.get(kind, error['msg'])}")
    expected = _EXPECTED.get(kind, "a different kind of value")
    return Problem(loc, "wrong-type", f"expected {expected}, got {_shown(error)}")


def _shown(error: ErrorDetails) -> str:
    value: Any = error.get("input")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None or isinstance(value, bool):
        return f"`{_YAML_WORDS[value]}`"
    text = repr(value) if not isinstance(value, str) else f"`{value}`"
    return text if len(text) <= 60 else text[:57] + "..."


def _keys_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The keys the model at `loc` accepts, for did-you-mean hints."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next(
                (f for n, f in current.model_fields.items() if (f.alias or n) == part), None
            )
            if field is None:
                return []
            current = field.annotation
        elif get_origin(current) in (dict, list):
            current = get_args(current)[-1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


def _unwrap(tp: Any) -> Any:
    """Strip `Annotated[...]` and `X | None` down to the type that holds keys."""
    while True:
        if get_origin(tp) is Annotated:
            tp = get_args(tp)[0]
            continue
        if get_origin(tp) in (Union, types.UnionType):
            options = [a for a in get_args(tp) if a is not type(None)]
            if len(options) == 1:
                tp = options[0]
                continue
        return tp
