"""`accord status SPEC (--db DB | --events FILE...)`: phases, provisions, ledger and violations."""

from __future__ import annotations

from pathlib import Path

import click

from accord.cli.evidence import as_of_option, evaluate_many, evidence_options, policy_option
from accord.cli.options import json_option, print_json
from accord.engine.policies import divergences
from accord.views.console import console, render_divergences, render_evaluation


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@evidence_options
@as_of_option
@policy_option
@click.option(
    "--compare-policies", "compare", help="Two policies, e.g. claimed_by:a,claimed_by:b: list "
    "the provisions whose state differs, with the events behind each side.",
)  # fmt: skip
@json_option
def status(
    spec: str,
    db: str | None,
    events: tuple[Path, ...],
    as_of: str | None,
    policy: str,
    compare: str | None,
    as_json: bool,
) -> None:
    """Where implementation stands: phases, provisions, exchange ledger and violations."""
    if compare is not None:
        pair = tuple(p.strip() for p in compare.split(","))
        if len(pair) != 2:
            raise click.BadParameter(
                "give two policies separated by a comma", param_hint="--compare-policies"
            )
        document, (first, second) = evaluate_many(spec, db, events, as_of, pair)
        found = divergences(first, second)
        if as_json:
            print_json(
                {
                    "agreement": document.id,
                    "as_of": first.as_of.iso(),
                    "policies": list(pair),
                    "differences": [d.to_dict() for d in found],
                }
            )
        else:
            render_divergences(console(), document, first, found)
        return
    document, (result,) = evaluate_many(spec, db, events, as_of, (policy,))
    if as_json:
        print_json(result.to_dict())
    else:
        render_evaluation(console(), document, result)
