"""Pydantic field types for spec values written as short strings (durations, times, id lists).

Each type raises a PydanticCustomError whose type is an error-catalogue code, so the loader can
report `bad-duration` or `bad-date` instead of a generic validation error.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator, Field, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from accord.spec.timeexpr import (
    ID_PATTERN,
    Duration,
    ExprError,
    TimeExpr,
    parse_date,
    parse_duration,
    parse_time_expr,
)

T = TypeVar("T")

#: The largest quantity a spec may state: beyond any real count, and exact in the 64-bit
#: integers and doubles that evidence stores and engines compute with.
MAX_COUNT = 10**15


def custom_error(code: str, message: str) -> PydanticCustomError:
    """A pydantic error carrying a catalogue code; the message is passed as data, not a template."""
    return PydanticCustomError(code, "{message}", {"message": message})


def _reporting(parse: Callable[[object], T]) -> Callable[[object], T]:
    def run(value: object) -> T:
        try:
            return parse(value)
        except ExprError as exc:
            raise custom_error(exc.code, exc.message) from None

    return run


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _calendar_day(value: object) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        digits = f"{value:08d}"
        example = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}" if len(digits) == 8 else "2025-01-19"
        raise ExprError("bad-date", f"`{value}` is a number, not a date; write it as {example}")
    if not isinstance(value, str):
        raise ExprError("bad-date", f"expected a date like 2025-01-19, got {value!r}")
    return parse_date(value.strip())


def _ratio(value: object) -> int | dict[str, int]:
    if isinstance(value, bool) or not isinstance(value, int | dict):
        raise custom_error(
            "wrong-type",
            "a ratio is a whole number (30) or a mapping of categories to numbers "
            "({life_sentence: 3, other_sentence: 27})",
        )
    parts = value.values() if isinstance(value, dict) else [value]
    if any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in parts):
        raise custom_error("bad-value", "ratio numbers are whole numbers of 0 or more")
    if any(n > MAX_COUNT for n in parts):
        raise custom_error("out-of-range", f"ratio numbers are at most {MAX_COUNT:_}")
    return value


_DURATION_SCHEMA = {
    "type": "string",
    "pattern": r"^\s*\d+\s*(h|d|w|mo|y|hours?|days?|weeks?|months?|years?)\s*$",
    "description": "A whole number and a unit: 12h, 42d, 6w, 14mo, 5y.",
}
_TIME_SCHEMA = {
    "type": "string",
    "description": "A date (2025-01-19), an instant (2025-01-19T11:15+02:00), `in_force`, "
    "`day N`, or `<term>.start|end|deadline|fulfilled`, optionally `+ 60d` / `- 6mo`.",
}

#: A number of things (people, trucks...): a whole number from 0 to MAX_COUNT.
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
DurationField = Annotated[
    Duration,
    PlainValidator(_reporting(parse_duration)),
    PlainSerializer(str),
    WithJsonSchema(_DURATION_SCHEMA),
]
TimeField = Annotated[
    TimeExpr,
    PlainValidator(_reporting(parse_time_expr)),
    PlainSerializer(str),
    WithJsonSchema(_TIME_SCHEMA),
]
DayField = Annotated[
    date,
    PlainValidator(_reporting(_calendar_day)),
    PlainSerializer(lambda d: d.isoformat()),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
IdList = Annotated[
    list[str],
    BeforeValidator(_as_list),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": ID_PATTERN},
                {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
            ]
        }
    ),
]
RatioField = Annotated[
    int | dict[str, int],
    PlainValidator(_ratio),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": MAX_COUNT},
                {
                    "type": "object",
                    "additionalProperties": {"type": "integer", "minimum": 0, "maximum": MAX_COUNT},
                },
            ]
        }
    ),
]
