"""The `accord` entry point: the command group, one-line usage errors, `--debug` tracebacks."""

from __future__ import annotations

import sys

import click

from accord.cli.demo import demo
from accord.cli.explain import explain
from accord.cli.extract import extract
from accord.cli.ingest import ingest
from accord.cli.record import record
from accord.cli.schema import schema
from accord.cli.status import status
from accord.cli.timeline import timeline
from accord.cli.validate import validate
from accord.version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="accord")
@click.option("--debug", is_flag=True, help="Show full tracebacks on internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """accord: ceasefire and exchange agreements as code."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


for command in (validate, schema, timeline, ingest, status, explain, record, extract, demo):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; usage errors are one line on stderr with exit code 2."""
    args = sys.argv[1:] if argv is None else argv
    try:
        code = cli.main(args=args, prog_name="accord", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("accord: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(f"accord: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:
        if "--debug" in args:
            raise
        click.echo(
            f"accord: internal error: {type(exc).__name__}: {exc} (rerun with --debug)", err=True
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
