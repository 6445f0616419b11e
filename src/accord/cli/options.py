"""Options shared by commands, so every command speaks the same flags."""

from __future__ import annotations

import json
from typing import Any

import click

json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print one JSON document to stdout instead of tables."
)


def print_json(document: Any) -> None:
    """Write one JSON document to stdout."""
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))
