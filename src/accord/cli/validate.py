"""`accord validate SPEC...`: exit 0 when every file is a valid spec, 1 otherwise."""

from __future__ import annotations

import click

from accord.cli.options import json_option, print_json
from accord.load import load_spec
from accord.views.console import console, render_validation


@click.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@json_option
@click.pass_context
def validate(ctx: click.Context, specs: tuple[str, ...], as_json: bool) -> None:
    """Check spec files; errors are printed as file:line:col: code: message."""
    results = [load_spec(path) for path in specs]
    valid = all(r.ok for r in results)
    if as_json:
        print_json({"valid": valid, "files": [r.to_dict() for r in results]})
    else:
        render_validation(console(), results)
    ctx.exit(0 if valid else 1)
