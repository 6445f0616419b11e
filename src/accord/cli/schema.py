"""`accord schema`: print the spec JSON Schema (draft-07) shipped with accord."""

from __future__ import annotations

import click

from accord.spec.schema import shipped_schema


@click.command()
def schema() -> None:
    """Print the JSON Schema of the spec language (for editors and other tools)."""
    click.echo(shipped_schema(), nl=False)
