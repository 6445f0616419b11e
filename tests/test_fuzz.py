"""Property tests: no input, however broken, makes loading raise; errors are always well-formed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.examples import example_files
from accord.load import LoadResult, load_spec_text
from accord.spec.errors import CATALOGUE
from accord.spec.timeexpr import ExprError, parse_duration, parse_time_expr

from .conftest import MINIMAL

SEEDS = [MINIMAL] + [f.read_text(encoding="utf-8") for f in example_files()]
YAML_ALPHABET = st.sampled_from(list(":-[]{},'\"#&*!|>?%@` \n\t") + list("abcdefghijkl0123456789"))


def _well_formed(result: LoadResult, text: str) -> None:
    lines = max(1, text.count("\n") + 1)
    for error in result.errors:
        assert error.code in CATALOGUE
        assert 1 <= error.line <= lines + 1
        assert error.col >= 1
        assert error.message
    assert result.ok == (result.spec is not None and not result.errors)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_raises(text: str) -> None:
    _well_formed(load_spec_text(text), text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=YAML_ALPHABET, max_size=200))
def test_yaml_shaped_noise_never_raises(text: str) -> None:
    _well_formed(load_spec_text(text), text)


@st.composite
def mutated_spec(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(SEEDS)).splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "char", "indent", "truncate"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "char" and lines[i]:
            k = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:k] + draw(YAML_ALPHABET) + lines[i][k + 1 :]
        elif op == "indent":
            lines[i] = "  " + lines[i]
        else:
            lines = lines[:i]
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(mutated_spec())
def test_mutated_specs_never_raise(text: str) -> None:
    _well_formed(load_spec_text(text), text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_time_parsers_raise_only_catalogue_errors(text: str) -> None:
    for parse in (parse_time_expr, parse_duration):
        try:
            parse(text)
        except ExprError as exc:
            assert exc.code in CATALOGUE


@st.composite
def time_expression(draw: st.DrawFn) -> str:
    day = draw(st.dates()).isoformat()
    offset = draw(st.sampled_from(["", "Z", "+05:00"]))
    base = draw(
        st.sampled_from(
            [
                "in_force",
                f"day {draw(st.integers(0, 99999))}",
                day,
                f"{day}T{draw(st.integers(0, 23)):02d}:30{offset}",
                "p1.start",
                "p1.end",
                "truce.fulfilled",
                "x.deadline",
                "nowhere.end",
            ]
        )
    )
    if draw(st.booleans()):
        sign = draw(st.sampled_from(["+", "-"]))
        unit = draw(st.sampled_from(["h", "d", "w", "mo", "y"]))
        base += f" {sign} {draw(st.integers(0, 999999))}{unit}"
    return base


@settings(max_examples=400, deadline=None)
@given(time_expression(), time_expression(), st.sampled_from(["up", "down", None]))
def test_any_time_expression_in_a_spec_never_raises(a: str, b: str, rounding: str | None) -> None:
    text = MINIMAL + f"  x: {{party: a, action: withdraw, deadline: '{a}', start: '{b}'}}\n"
    if rounding:
        text += f"date_rounding: {rounding}\n"
    _well_formed(load_spec_text(text), text)
