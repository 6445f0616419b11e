"""`accord explain SPEC PROVISION`: the because trail of one provision at an instant."""

from __future__ import annotations

from pathlib import Path

import click

from accord.cli.evidence import as_of_option, evaluate_cli, evidence_options, policy_option
from accord.cli.options import json_option, print_json
from accord.views.console import console, render_explanation


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.argument("provision")
@evidence_options
@as_of_option
@policy_option
@json_option
def explain(
    spec: str,
    provision: str,
    db: str | None,
    events: tuple[Path, ...],
    as_of: str | None,
    policy: str,
    as_json: bool,
) -> None:
    """Why a provision is in its state: the clause, the dates and the events behind it."""
    document, evaluation = evaluate_cli(spec, db, events, as_of, policy)
    if provision not in document.provisions:
        raise click.BadParameter(
            f"no provision `{provision}` in {document.id}", param_hint="PROVISION"
        )
    result = evaluation.provision(provision)
    if as_json:
        print_json(result.to_dict())
    else:
        render_explanation(console(), result)
