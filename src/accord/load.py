"""Load and validate spec files: YAML, structure, cross-references and dates, all errors at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from accord.schedule.time import Moment
from accord.schedule.timeline import resolve_timeline
from accord.spec.errors import Problem, SpecError
from accord.spec.models import Spec
from accord.spec.references import check_references
from accord.spec.translate import translate
from accord.spec.yamlsource import YamlDocument, parse_yaml, read_yaml

FORMAT_VERSION = 1
# Stand-ins for broken required scalars, so that the rest of the document can still be checked.
_PLACEHOLDERS: dict[str, Any] = {
    "accord": FORMAT_VERSION,
    "kind": "agreement",
    "id": "x",
    "title": "",
}
_SECTIONS = {
    "sources",
    "parties",
    "places",
    "conditions",
    "phases",
    "provisions",
    "powers",
    "amendments",
}
_MAX_PASSES = 4


@dataclass
class LoadResult:
    """A validated spec, or the errors that keep it from being one."""

    file: str
    spec: Spec | None
    errors: list[SpecError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file is a valid spec."""
        return self.spec is not None and not self.errors

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready report of one file."""
        return {
            "file": self.file,
            "valid": self.ok,
            "id": self.spec.id if self.spec else None,
            "errors": [e.to_dict() for e in self.errors],
        }


def load_spec(path: str | Path, display: str | None = None) -> LoadResult:
    """Read and validate one spec file. Never raises for bad input; errors are in the result."""
    return validate_document(read_yaml(Path(path), display))


def load_spec_text(text: str, file: str = "<string>") -> LoadResult:
    """Validate spec text (as if read from `file`)."""
    return validate_document(parse_yaml(text, file))


def validate_document(doc: YamlDocument) -> LoadResult:
    """Validate parsed YAML: structure first, then names and dates on what is well-formed."""
    errors = list(doc.errors)
    if errors and doc.data is None:
        return LoadResult(doc.file, None, sorted(set(errors)))
    if not isinstance(doc.data, dict):
        doc.error(
            doc.position(()), "wrong-type", "a spec is a mapping that starts with `accord: 1`"
        )
        return LoadResult(doc.file, None, sorted(set(doc.errors)))
    data = dict(doc.data)
    problems = _version(data)
    spec, broken, structural = _structure(data)
    problems += structural
    if spec is not None:
        linked = check_references(spec, broken)
        problems += linked
        # Dates are computed only once their references are known to end, and soon enough.
        if not any(p.code in ("reference-cycle", "out-of-range") for p in linked):
            problems += _date_problems(spec)
    # A value the YAML layer already refused (a bad tag, say) is not reported again as a value.
    refused = {(e.line, e.col) for e in doc.errors}
    for problem in problems:
        pos = doc.position(problem.path, key=problem.at_key)
        if pos not in refused:
            doc.error(pos, problem.code, problem.message)
    final = spec if not doc.errors else None
    return LoadResult(doc.file, final, sorted(set(doc.errors)))


def _date_problems(spec: Spec) -> list[Problem]:
    """Problems found while computing dates (ambiguous months, instalment sums...)."""
    if spec.in_force is not None:
        return resolve_timeline(spec).problems
    # A proposal has no in-force date. Day-numbered schedules still add up or not whatever the
    # start, so sum them from a nominal one; other date problems depend on the real start.
    nominal = Moment.of_day(date(2001, 1, 1), UTC)
    return [p for p in resolve_timeline(spec, nominal).problems if p.code == "schedule-mismatch"]


def _version(data: dict[str, Any]) -> list[Problem]:
    version = data.get("accord", FORMAT_VERSION)
    # The version is the integer 1: not `true`, `1.0` or "1", which compare or convert equal.
    if type(version) is int and version == FORMAT_VERSION:
        return []
    data["accord"] = FORMAT_VERSION
    written = f'"{version}"' if isinstance(version, str) else version
    if version is None or isinstance(version, bool):
        written = "null" if version is None else str(version).lower()
    return [
        Problem(
            ("accord",),
            "unsupported-version",
            f"`accord: {written}` is not a format this accord reads; write `accord: 1`",
        )
    ]


def _structure(data: dict[str, Any]) -> tuple[Spec | None, set[str], list[Problem]]:
    """Validate the structure; drop broken terms and retry so later checks still see the rest.

    Returns the spec (None if a required top-level key is broken), the ids of dropped terms
    (other terms may still name them) and the structural problems.
    """
    problems: list[Problem] = []
    broken: set[str] = set()
    for _ in range(_MAX_PASSES):
        try:
            return Spec.model_validate(data), broken, problems
        except ValidationError as exc:
            details = exc.errors()
        problems += [translate(error, Spec) for error in details]
        if not _prune(data, [tuple(e["loc"]) for e in details], broken):
            break
    return None, broken, problems


def _prune(data: dict[str, Any], locs: list[tuple[Any, ...]], broken: set[str]) -> bool:
    copied: set[str] = set()  # each section is copied once, not once per error: linear time
    for loc in locs:
        top = loc[0] if loc else None
        if top is None or (top == "parties" and len(loc) < 2):
            return False
        if top in _PLACEHOLDERS:
            data[top] = _PLACEHOLDERS[top]
        elif top in _SECTIONS and len(loc) >= 2 and isinstance(data.get(top), dict):
            if top not in copied:
                copied.add(top)
                data[top] = dict(data[top])
            data[top].pop(loc[1], None)
            if top == "parties" and not data[top]:
                return False  # nothing left to check references against
            broken.add(str(loc[1]))
        else:
            data.pop(top, None)
    return True
