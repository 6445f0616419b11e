"""An evaluation session, as every front end runs one: open the evidence, read the instant a
user wrote in the spec's timezone, evaluate.

The CLI, the scripts, the benchmarks and the tests all go through these functions, so the
sequence is written once; a front end only turns their exceptions into messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from accord.engine.evaluate import evaluate, evaluate_series
from accord.engine.evidence import Evidence
from accord.engine.results import Evaluation
from accord.evidence.ingest import FileReport, ingest_file
from accord.evidence.store import DEFAULT_WAIT, Store
from accord.examples import example
from accord.load import load_spec
from accord.schedule.resolve import spec_timezone
from accord.schedule.time import Moment, parse_moment
from accord.spec.models import Spec
from accord.spec.timeexpr import ExprError

#: The latest year an evaluation may be asked about: the engine looks one day past its instant.
LAST_YEAR = 9998


class SessionError(ValueError):
    """A session that cannot be set up as asked (both or neither of a store and files)."""


def open_evidence(
    db: str | Path | None = None,
    files: Sequence[str | Path] = (),
    *,
    on_file: Callable[[Path, FileReport], None] | None = None,
    wait: float = DEFAULT_WAIT,
    on_wait: Callable[[str], None] | None = None,
) -> Store:
    """The evidence to evaluate against: the store at `db` (opened read-only, waiting up to
    `wait` seconds while another process holds it, `on_wait` told who), or `files` imported
    into a store in memory, each import's report passed to `on_file`.

    Raises SessionError unless exactly one of `db` and `files` is given, StoreError when the
    store cannot be opened (StoreBusy when it stayed busy). Close the store when done.
    """
    if (db is None) == (not files):
        raise SessionError("give either a store (--db DB) or evidence files (--events FILE...)")
    if db is not None:
        return Store(db, read_only=True, wait=wait, on_wait=on_wait)
    store = Store(":memory:")
    for name in files:
        path = Path(name)
        report = ingest_file(store, path)
        if on_file is not None:
            on_file(path, report)
    return store


def moment(spec: Spec, text: str) -> Moment:
    """The instant `text` names (`2025-03-02`, a whole day; `2025-03-02T10:00+02:00`), read in
    the spec's timezone. Raises ExprError for anything else."""
    found = parse_moment(text, spec_timezone(spec))
    if not 1 <= found.at.year <= LAST_YEAR:
        raise ExprError("bad-date", f"`{text}`: evaluate at a date before the year {LAST_YEAR + 1}")
    return found


def evaluate_at(
    spec: Spec, evidence: Evidence, as_of: str | Moment, policy: str = "all"
) -> Evaluation:
    """`evaluate` at an instant given as text (see `moment`) or as a Moment."""
    at = moment(spec, as_of) if isinstance(as_of, str) else as_of
    return evaluate(spec, evidence, at, policy)


def evaluate_days(
    spec: Spec, evidence: Evidence, days: Sequence[str | Moment], policy: str = "all"
) -> list[Evaluation]:
    """`evaluate_series` at instants given as text or Moments, in the order given."""
    points = [moment(spec, d) if isinstance(d, str) else d for d in days]
    return evaluate_series(spec, evidence, points, policy)


def open_example(name: str) -> tuple[Spec, Store]:
    """A bundled agreement (`gaza-2025-01`) and its bundled evidence loaded into memory.

    Raises ValueError when the bundled spec or its evidence does not load cleanly.
    """
    with resources.as_file(example(name)) as path:
        loaded = load_spec(path, display=f"examples/{name}.yaml")
    if loaded.spec is None or loaded.errors:
        raise ValueError("; ".join(e.format() for e in loaded.errors))
    evidence = resources.files("accord.examples").joinpath(f"evidence/{name}.jsonl")
    problems: list[str] = []

    def check(path: Path, report: FileReport) -> None:
        if report.status != "ok":
            problems.append(f"{path.name}: {report.status}, {report.rejected} rows rejected")

    with resources.as_file(evidence) as path:
        store = open_evidence(files=[path], on_file=check)
    if problems:
        store.close()
        raise ValueError("; ".join(problems))
    return loaded.spec, store
