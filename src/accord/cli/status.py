"""`accord status SPEC (--db DB | --events FILE...)`: phases, provisions, ledger and violations."""

from __future__ import annotations

from pathlib import Path

import click

from accord.cli.ingest import StoreUnavailable
from accord.cli.options import json_option, print_json
from accord.cli.specarg import load_valid_spec
from accord.engine.evaluate import evaluate
from accord.engine.match import PolicyError
from accord.engine.resolve import spec_timezone
from accord.engine.time import parse_moment
from accord.evidence.ingest import ingest_file
from accord.evidence.store import Store, StoreError
from accord.spec.timeexpr import ExprError
from accord.views.console import console, render_evaluation


def open_evidence(db: str | None, events: tuple[Path, ...]) -> Store:
    """The store to evaluate against: `--db`, or the `--events` files loaded into memory."""
    if (db is None) == (not events):
        raise click.UsageError("give either --db DB or --events FILE...")
    try:
        if db is not None:
            return Store(db, read_only=True)
        store = Store(":memory:")
    except StoreError as exc:
        raise StoreUnavailable(str(exc)) from None
    for path in events:
        report = ingest_file(store, path)
        if report.status != "ok":
            click.echo(
                f"warning: {path}: {report.status}, {report.rejected} rows rejected", err=True
            )
    return store


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--db", help="An evidence store made with `accord ingest`.")
@click.option(
    "--events", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
    help="Evidence files to read instead of a store (repeatable).",
)  # fmt: skip
@click.option("--as-of", "as_of", help="The instant to evaluate at (a date means its end).")
@click.option("--policy", default="all", show_default=True, help="all, corroborated, claimed_by:X")
@json_option
def status(
    spec: str,
    db: str | None,
    events: tuple[Path, ...],
    as_of: str | None,
    policy: str,
    as_json: bool,
) -> None:
    """Where implementation stands: phases, provisions, exchange ledger and violations."""
    document = load_valid_spec(spec)
    if as_of is None:
        raise click.UsageError(
            "give --as-of (accord never reads the clock), e.g. --as-of 2025-03-02"
        )
    try:
        moment = parse_moment(as_of, spec_timezone(document))
    except ExprError as exc:
        raise click.BadParameter(exc.message, param_hint="--as-of") from None
    with open_evidence(db, events) as store:
        try:
            result = evaluate(document, store.con, moment, policy)
        except PolicyError as exc:
            raise click.BadParameter(str(exc), param_hint="--policy") from None
    if as_json:
        print_json(result.to_dict())
    else:
        render_evaluation(console(), document, result)
