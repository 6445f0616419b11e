"""Loading a spec argument for commands that need a valid spec."""

from __future__ import annotations

import click

from accord.load import load_spec
from accord.spec.models import Spec


def load_valid_spec(path: str) -> Spec:
    """The spec at `path`, or exit 1 after printing its errors to stderr."""
    result = load_spec(path)
    if result.spec is None or result.errors:
        for error in result.errors:
            click.echo(error.format(), err=True)
        raise click.exceptions.Exit(1)
    return result.spec
