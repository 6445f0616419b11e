"""Hostile and broken specs: each gets a located error that names a fix; none hangs or crashes.

Every file under `specs/` is one case, a spec you can also run with `accord validate`. Its
header says what it shows and what validation must report:

    # <what the case shows>
    # expect: <code> at line <N>      (or `# expect: valid`)
    # fix: <words the message must contain>
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.examples import example_files
from accord.load import LoadResult, load_spec, load_spec_text
from accord.spec.errors import CATALOGUE

from ..conftest import MINIMAL

SPECS = Path(__file__).parent / "specs"
_EXPECT = re.compile(r"^# expect: (?:(valid)|([a-z-]+) at line (\d+))$", re.MULTILINE)
_FIX = re.compile(r"^# fix: (.+)$", re.MULTILINE)
# ruamel counts every YAML line break, not only "\n".
_LINE_BREAK = re.compile(r"\r\n|[\n\r]")  # YAML 1.2 breaks: U+0085, U+2028 and U+2029 are not


@dataclass(frozen=True)
class Case:
    """What one case file expects."""

    path: Path
    code: str | None  # None: the spec is valid
    line: int
    fix: str


def _case(path: Path) -> Case:
    text = path.read_text(encoding="utf-8")
    expect = _EXPECT.search(text)
    assert expect is not None, f"{path.name} has no `# expect:` line"
    if expect.group(1):
        return Case(path, None, 0, "")
    fix = _FIX.search(text)
    assert fix is not None, f"{path.name} has no `# fix:` line"
    return Case(path, expect.group(2), int(expect.group(3)), fix.group(1).strip())


CASES = [_case(p) for p in sorted(SPECS.glob("*.yaml"))]


def _located(result: LoadResult, text: str) -> None:
    """Every error is a catalogue code at a line and column that exist in `text`."""
    lines = _LINE_BREAK.split(text)
    for error in result.errors:
        assert error.code in CATALOGUE
        assert error.message
        assert 1 <= error.line <= len(lines) + 1, error.format()
        width = len(lines[error.line - 1]) if error.line <= len(lines) else 0
        assert 1 <= error.col <= width + 1, error.format()
        assert "\n" not in error.format()
    assert result.ok == (result.spec is not None and not result.errors)


@pytest.mark.parametrize("case", CASES, ids=[c.path.stem for c in CASES])
def test_case_gets_its_located_error_with_a_fix(case: Case) -> None:
    result = load_spec(case.path, "case.yaml")
    _located(result, case.path.read_text(encoding="utf-8"))
    if case.code is None:
        assert result.ok, [e.format() for e in result.errors]
        return
    assert not result.ok
    first = result.errors[0]
    assert (first.code, first.line) == (case.code, case.line), [e.format() for e in result.errors]
    assert case.fix in first.message, first.format()
    assert first.format().startswith(f"case.yaml:{first.line}:{first.col}: {case.code}: ")


def test_every_new_hostile_input_code_has_a_case() -> None:
    codes = {c.code for c in CASES}
    assert {"yaml-tag", "alias-expansion", "out-of-range", "duplicate-id"} <= codes


def _phase_chain(count: int, first_start: str = "in_force", reverse: bool = False) -> str:
    phases = [f"  q0: {{start: {first_start}, duration: 1d}}\n"]
    phases += [f"  q{i}: {{start: q{i - 1}.end, duration: 1d}}\n" for i in range(1, count)]
    listed = "".join(reversed(phases) if reverse else phases)
    return MINIMAL.replace("phases:\n", "phases:\n" + listed)


@pytest.mark.parametrize("reverse", [False, True])
def test_chains_of_references_are_bounded_in_either_order(reverse: bool) -> None:
    # q24.end -> q24.start -> q23.end ... -> q0.start: 49 references, within MAX_CHAIN (50).
    assert load_spec_text(_phase_chain(25, reverse=reverse)).ok
    errors = load_spec_text(_phase_chain(26, reverse=reverse)).errors
    assert [e.code for e in errors] == ["out-of-range"]
    assert "51 references in a row" in errors[0].message
    assert "give a term on the way a date" in errors[0].message
    long = load_spec_text(_phase_chain(3000, reverse=reverse)).errors
    assert [e.code for e in long] == ["out-of-range"]


def test_a_cycle_closing_a_long_chain_is_found() -> None:
    errors = load_spec_text(_phase_chain(3000, first_start="q2999.end", reverse=True)).errors
    assert [e.code for e in errors] == ["reference-cycle"]


def test_misspelt_names_among_many_still_get_a_suggestion() -> None:
    many = "".join(f"  c{i}: {{name: Condition {i}}}\n" for i in range(500))
    text = MINIMAL.replace("phases:\n", "conditions:\n" + many + "phases:\n").replace(
        "action: attack,", "action: attack, condition: [c4O2],"
    )
    errors = load_spec_text(text).errors
    assert [e.code for e in errors] == ["unknown-reference"]
    assert "did you mean `c402`?" in errors[0].message


def test_aliases_within_the_limit_expand_and_locate_at_the_alias() -> None:
    text = MINIMAL.replace("  a: {name: Party A}", "  a: {name: &pa Party A}").replace(
        "  b: {name: Party B}", "  b: {name: *pa, role: guarantr}"
    )
    errors = load_spec_text(text).errors
    assert [(e.line, e.col, e.code) for e in errors] == [(11, 24, "bad-value")]
    assert load_spec_text(text.replace("guarantr", "guarantor")).ok


SEEDS = [MINIMAL] + [f.read_text(encoding="utf-8") for f in example_files()]
# Pieces of YAML and of spec values that have broken readers before, or could.
HOSTILE = [
    "!!binary ", "!x ", "!!python/name:os.system ", "!!set ", "!!int ", "!!bool ", "!!str ",
    "&a ", "*a", "*guarantor", "&guarantor ", "<<: ", "? ", ": ", "- ", "{", "}", "[", "]", ",",
    "\n", "\n  ", "\n    - ", "'", '"', "#", "|", ">", "%YAML 1.1\n", "---\n", "...\n",
    "null", "~", "true", "yes", "1.0", "1e400", "0x1f", "0o17", "-1", "99999999999999999999",
    "9999-12-31", "0000-01-01", "0001-01-01T00:30+05:00", "2025-02-30", "T25:00+99:99",
    "day 0", "day 99999999", "999999y", "87649417h", " + 1d", ".end", ".fulfilled", "in_force",
    "\t", "\\", "\x00", "\u2028", "\ufeff", "\U0001d518", "a\nb",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A bundled spec with a few pieces inserted, deleted or replaced anywhere in its text."""
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        span = draw(st.integers(0, 12))
        piece = draw(st.sampled_from(HOSTILE) | st.text(max_size=3))
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        if op == "insert":
            text = text[:at] + piece + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + span :]
        else:
            text = text[:at] + piece + text[at + span :]
    return text


@settings(max_examples=400, deadline=None)
@given(mutated())
def test_mutated_specs_validate_or_get_located_errors(text: str) -> None:
    _located(load_spec_text(text), text)
