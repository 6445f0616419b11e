"""`accord timeline SPEC`: the resolved dates of phases, deadlines and instalments."""

from __future__ import annotations

import click

from accord.cli.options import json_option, print_json
from accord.cli.specarg import load_valid_spec
from accord.schedule.resolve import spec_timezone
from accord.schedule.time import parse_moment
from accord.schedule.timeline import resolve_timeline
from accord.spec.timeexpr import ExprError
from accord.views.console import console, render_timeline


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--start", help="Anchor `in_force` (for a proposal that has none), e.g. 2025-04-01.")
@json_option
def timeline(spec: str, start: str | None, as_json: bool) -> None:
    """List every phase start and end, deadline and instalment with how it was computed."""
    document = load_valid_spec(spec)
    anchor = None
    if start is not None:
        try:
            anchor = parse_moment(start, spec_timezone(document))
        except ExprError as exc:
            raise click.BadParameter(exc.message, param_hint="--start") from None
    result = resolve_timeline(document, anchor)
    for problem in result.problems:  # only possible with --start: the file itself is valid
        where = ".".join(str(part) for part in problem.path)
        click.echo(f"warning: {problem.code}: {problem.message} (at {where})", err=True)
    if as_json:
        print_json(result.to_dict())
    else:
        render_timeline(console(), document, result)
