"""`accord record SPEC (--db DB | --events FILE...)`: the acts counted, and their totals."""

from __future__ import annotations

from pathlib import Path

import click

from accord.cli.evidence import (
    as_of_option,
    evidence_options,
    instant,
    open_evidence,
    policy_option,
)
from accord.cli.options import json_option, print_json
from accord.cli.specarg import load_valid_spec
from accord.engine.acts import PolicyError
from accord.engine.record import KEYS, UnknownKey
from accord.engine.record import record as build_record
from accord.views.console import console, render_record


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@evidence_options
@as_of_option
@policy_option
@click.option(
    "--by", default=",".join(KEYS), show_default=True,
    help="Keys to total by, comma-separated: " + ", ".join(KEYS) + ".",
)  # fmt: skip
@json_option
def record(
    spec: str,
    db: str | None,
    events: tuple[Path, ...],
    as_of: str | None,
    policy: str,
    by: str,
    as_json: bool,
) -> None:
    """The acts the engine counts, each with its reports' sources and the value chosen, and
    totals by party, action, object and category."""
    keys = tuple(k.strip() for k in by.split(",") if k.strip())
    document = load_valid_spec(spec)
    moment = instant(document, as_of)
    with open_evidence(db, events) as store:
        try:
            found = build_record(document, store, moment, policy, keys)
        except UnknownKey as exc:
            raise click.BadParameter(str(exc), param_hint="--by") from None
        except PolicyError as exc:
            raise click.BadParameter(str(exc), param_hint="--policy") from None
    if as_json:
        print_json(found.to_dict())
    else:
        render_record(console(), document, found)
