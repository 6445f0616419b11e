"""Options and loading shared by the commands that evaluate a spec against evidence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from accord import session
from accord.cli.ingest import StoreUnavailable, say_waiting, wait_option
from accord.cli.specarg import load_valid_spec
from accord.engine.acts import PolicyError
from accord.engine.results import Evaluation
from accord.evidence.ingest import FileReport
from accord.evidence.store import DEFAULT_WAIT, Store, StoreError
from accord.schedule.time import Moment
from accord.session import SessionError
from accord.spec.models import Spec
from accord.spec.timeexpr import ExprError

F = TypeVar("F", bound=Callable[..., Any])
_WAIT = "accord.evidence.wait"


def evidence_options(command: F) -> F:
    """`--db DB` or `--events FILE...`, and `--wait SECONDS` for a busy store."""
    command = wait_option(expose_value=False, callback=_remember_wait)(command)
    command = click.option(
        "--events",
        multiple=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="Evidence files to read instead of a store (repeatable).",
    )(command)
    return click.option("--db", help="An evidence store made with `accord ingest`.")(command)


def _remember_wait(ctx: click.Context, _param: click.Parameter, seconds: float) -> None:
    # Kept in the context, so the commands' own signatures need not carry it.
    ctx.meta[_WAIT] = seconds


def policy_option(command: F) -> F:
    """`--policy P`: whose evidence counts."""
    return click.option(
        "--policy", default="all", show_default=True, help="all, corroborated, claimed_by:X"
    )(command)


def as_of_option(command: F) -> F:
    """`--as-of T` (required: accord never reads the clock)."""
    return click.option(
        "--as-of",
        "as_of",
        help="The instant to evaluate at, e.g. 2025-03-02 (a date means its end).",
    )(command)


def _warn_rejected(path: Path, report: FileReport) -> None:
    if report.status != "ok":
        click.echo(f"warning: {path}: {report.status}, {report.rejected} rows rejected", err=True)


def open_evidence(db: str | None, events: tuple[Path, ...]) -> Store:
    """The store to evaluate against: `--db`, or the `--events` files loaded into memory."""
    try:
        context = click.get_current_context(silent=True)
        wait = context.meta.get(_WAIT, DEFAULT_WAIT) if context else DEFAULT_WAIT
        return session.open_evidence(
            db, events, on_file=_warn_rejected, wait=wait, on_wait=say_waiting
        )
    except SessionError as exc:
        raise click.UsageError(str(exc)) from None
    except StoreError as exc:
        raise StoreUnavailable(str(exc)) from None


def instant(document: Spec, as_of: str | None) -> Moment:
    """The evaluation instant given with --as-of."""
    if as_of is None:
        raise click.UsageError(
            "give --as-of (accord never reads the clock), e.g. --as-of 2025-03-02"
        )
    try:
        return session.moment(document, as_of)
    except ExprError as exc:
        raise click.BadParameter(exc.message, param_hint="--as-of") from None


def evaluate_cli(
    spec: str, db: str | None, events: tuple[Path, ...], as_of: str | None, *policies: str
) -> tuple[Spec, Evaluation]:
    """Load the spec and evidence and evaluate under the first policy given."""
    document, (evaluation,) = evaluate_many(spec, db, events, as_of, policies[:1])
    return document, evaluation


def evaluate_many(
    spec: str,
    db: str | None,
    events: tuple[Path, ...],
    as_of: str | None,
    policies: tuple[str, ...],
) -> tuple[Spec, list[Evaluation]]:
    """Load the spec and evidence once and evaluate under each policy."""
    document = load_valid_spec(spec)
    moment = instant(document, as_of)
    with open_evidence(db, events) as store:
        try:
            return document, [session.evaluate_at(document, store, moment, p) for p in policies]
        except PolicyError as exc:
            raise click.BadParameter(str(exc), param_hint="--policy") from None
