"""Every error code in the catalogue, triggered by a spec, reported at the exact line and column."""

from __future__ import annotations

import pytest

from accord.load import load_spec, load_spec_text
from accord.spec.errors import CATALOGUE

from .conftest import MINIMAL


def _with(extra: str) -> str:
    return MINIMAL + extra


# (case id, spec text, expected "line:col: code" strings, in order)
CASES: list[tuple[str, str, list[str]]] = [
    ("yaml-syntax", "accord: 1\nkind: [agreement\n", ["3:1: yaml-syntax"]),
    ("yaml-syntax-tab", "accord: 1\n\tkind: x\n", ["2:1: yaml-syntax"]),
    ("empty-document", "# nothing here\n", ["1:1: empty-document"]),
    (
        "duplicate-key",
        MINIMAL.replace("title: A minimal agreement\n", "title: A\ntitle: B\n"),
        ["5:1: duplicate-key"],
    ),
    ("unknown-key-top", _with("colour: blue\n"), ["16:1: unknown-key"]),
    (
        "unknown-key-nested",
        MINIMAL.replace("{start: in_force, duration: 10d}", "{start: in_force, durration: 10d}"),
        ["13:25: unknown-key"],
    ),
    ("missing-key", MINIMAL.replace("title: A minimal agreement\n", ""), ["1:1: missing-key"]),
    (
        "missing-key-nested",
        MINIMAL.replace("  a: {name: Party A}", "  a: {role: party}"),
        ["10:6: missing-key"],
    ),
    ("wrong-type", MINIMAL.replace("  b: {name: Party B}", "  b: [Party B]"), ["11:6: wrong-type"]),
    ("wrong-type-root", "- accord: 1\n", ["1:1: wrong-type"]),
    ("bad-value", MINIMAL.replace("kind: agreement", "kind: treaty"), ["2:7: bad-value"]),
    (
        "bad-value-action",
        MINIMAL.replace("action: attack", "action: atack"),
        ["15:64: bad-value"],
    ),
    (
        "unsupported-version",
        MINIMAL.replace("accord: 1", "accord: 2"),
        ["1:9: unsupported-version"],
    ),
    (
        "bad-date",
        MINIMAL.replace("in_force: 2025-01-19", "in_force: 2025-02-30"),
        ["5:11: bad-date"],
    ),
    (
        "bad-date-source",
        MINIMAL.replace("published: 2025-01-15", "published: 15/01/2025"),
        ["8:44: bad-date"],
    ),
    (
        "bad-duration",
        MINIMAL.replace("duration: 10d", "duration: ten days"),
        ["13:35: bad-duration"],
    ),
    (
        "bad-time-expression",
        MINIMAL.replace("{start: in_force,", "{start: in force,"),
        ["13:15: bad-time-expression"],
    ),
    (
        "unknown-reference-party",
        MINIMAL.replace("party: [a, b]", "party: [a, c]"),
        ["15:52: unknown-reference"],
    ),
    (
        "unknown-reference-phase",
        MINIMAL.replace("phase: p1,", "phase: phase1,"),
        ["15:37: unknown-reference"],
    ),
    (
        "unknown-reference-source",
        MINIMAL.replace("source: s1}", "source: s2}"),
        ["15:80: unknown-reference"],
    ),
    (
        "unknown-reference-time",
        _with("  talks: {party: a, action: negotiate, deadline: p2.end}\n"),
        ["16:50: unknown-reference"],
    ),
    (
        "unknown-category",
        MINIMAL.replace("phases:\n", "categories:\n  detainee: [minor, adult]\nphases:\n")
        + "  free: {phase: p1, party: a, action: release, object: detainee, "
        "categories: [minors]}\n",
        ["18:79: unknown-category"],
    ),
    (
        "reference-cycle",
        MINIMAL.replace(
            "  p1: {start: in_force, duration: 10d}",
            "  p1: {start: p2.end, duration: 10d}\n  p2: {start: p1.end, duration: 5d}",
        ),
        ["14:15: reference-cycle"],
    ),
    (
        "ambiguous-date-arithmetic",
        MINIMAL.replace("in_force: 2025-01-19", "in_force: 2025-01-31").replace(
            "duration: 10d", "duration: 1mo"
        ),
        ["13:35: ambiguous-date-arithmetic"],
    ),
    (
        "conflicting-keys",
        MINIMAL.replace("duration: 10d}", "duration: 10d, end: day 10}"),
        ["13:7: conflicting-keys"],
    ),
    (
        "schedule-mismatch",
        _with(
            "  free:\n    phase: p1\n    party: a\n    action: release\n    object: detainee\n"
            "    quantity: 10\n    schedule:\n      - {due: day 1, quantity: 4}\n"
            "      - {due: day 5, quantity: 5}\n"
        ),
        ["23:7: schedule-mismatch"],
    ),
    (
        "yaml-tag",
        MINIMAL.replace("title: A minimal agreement", "title: !!binary QQ=="),
        ["4:8: yaml-tag"],
    ),
    (
        "alias-expansion",
        MINIMAL
        + "text: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"note{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 5)),
        ["19:48: alias-expansion"],
    ),
    (
        "out-of-range",
        MINIMAL.replace("duration: 10d", "duration: 99999y"),
        ["13:35: out-of-range"],
    ),
    (
        "duplicate-id",
        MINIMAL.replace("  truce: {kind", "  p1: {kind"),
        ["13:3: duplicate-id", "15:3: duplicate-id"],
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_error_is_reported_at_its_place(case: str, text: str, expected: list[str]) -> None:
    result = load_spec_text(text, "spec.yaml")
    got = [f"{e.line}:{e.col}: {e.code}" for e in result.errors]
    assert got == expected, [e.format() for e in result.errors]
    assert not result.ok
    assert all(
        e.format().startswith(f"spec.yaml:{e.line}:{e.col}: {e.code}: ") for e in result.errors
    )


def test_every_catalogue_code_has_a_case() -> None:
    covered = {code.split(": ")[1] for _, _, expected in CASES for code in expected}
    covered.add("unreadable-file")  # tested below with a real file
    assert covered == set(CATALOGUE)


def test_unreadable_file(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "latin1.yaml"  # type: ignore[operator]
    path.write_bytes("accord: 1\ntitle: caf\xe9\n".encode("latin-1"))
    result = load_spec(path)
    assert [e.format() for e in result.errors] == [
        f"{path}:2:1: unreadable-file: the file is not UTF-8 text; save it as UTF-8"
    ]
    missing = load_spec(tmp_path / "nope.yaml")  # type: ignore[operator]
    assert [e.code for e in missing.errors] == ["unreadable-file"]


def test_all_errors_are_collected_not_only_the_first() -> None:
    text = (
        MINIMAL.replace("kind: agreement", "kind: treaty")
        .replace("party: [a, b]", "party: [a, c]")
        .replace("duration: 10d", "duration: 10 parsecs")
    )
    codes = [e.code for e in load_spec_text(text).errors]
    assert codes == ["bad-value", "bad-duration", "unknown-reference"]


def test_messages_suggest_a_fix() -> None:
    errors = load_spec_text(MINIMAL.replace("phase: p1,", "phase: p1x,")).errors
    assert "did you mean `p1`?" in errors[0].message
    errors = load_spec_text(MINIMAL.replace("in_force: 2025-01-19\n", "colour: x\n")).errors
    assert any("not a key here" in e.message for e in errors)


def test_terms_set_aside_for_errors_are_not_reported_as_missing() -> None:
    text = (
        MINIMAL + "  free:\n    party: a\n    action: release\n    quantity: 2\n    schedule:\n"
        "      - {due: day 0, quantity: 2}\n"
        "  back: {party: b, action: release, exchange: {for: free, ratio: {any: 3}}}\n"
        "amendments:\n  move: {date: 2025-01-20, supersedes: free.deadline, value: day 3}\n"
    )
    assert [e.code for e in load_spec_text(text).errors] == ["bad-time-expression"]


def test_units_are_case_insensitive_and_ambiguous_m_is_explained() -> None:
    upper = MINIMAL + "  x: {party: a, action: withdraw, deadline: day 2 + 2D}\n"
    assert load_spec_text(upper.replace("duration: 10d", "duration: 10D")).ok
    errors = load_spec_text(MINIMAL.replace("duration: 10d", "duration: 6m")).errors
    assert "write `6mo` for months" in errors[0].message
    errors = load_spec_text(MINIMAL + "  x: {party: a, action: withdraw, deadline: 18}\n").errors
    assert "did you mean `day 18`?" in errors[0].message
