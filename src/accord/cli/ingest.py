"""`accord ingest FILE... --db DB`: import evidence; exit 0 all ok, 1 some rows rejected, 2 none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from accord.cli.options import json_option, print_json
from accord.evidence.formats import FORMATS
from accord.evidence.ingest import STEPS, FileReport, exit_code, ingest_file
from accord.evidence.store import DEFAULT_DB, DEFAULT_WAIT, Store, StoreBusy, StoreError
from accord.views.console import console, progress_steps, render_ingest

PROGRESS_BYTES = 4 << 20  # show progress for files over 4 MB
F = TypeVar("F", bound=Callable[..., Any])


class StoreUnavailable(click.ClickException):
    """The store cannot be opened, or stayed busy: the exit code is 2."""

    exit_code = 2


def say_waiting(message: str) -> None:
    """Tell, on stderr, that the command waits for a store another process holds."""
    click.echo(f"accord: {message}", err=True)


def wait_option(**settings: Any) -> Callable[[F], F]:
    """`--wait SECONDS`: how long to wait for a store that another process is using."""
    return click.option(
        "--wait",
        type=click.FloatRange(min=0),
        default=DEFAULT_WAIT,
        show_default=True,
        help="Seconds to wait for a store that another accord (or DuckDB) process is using.",
        **settings,
    )


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--db", default=DEFAULT_DB, show_default=True, help="The evidence store (DuckDB file)."
)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), help="Skip format detection.")
@click.option(
    "--encoding", default="utf-8", show_default=True, help="Text encoding: utf-8 or latin-1."
)
@wait_option()
@json_option
@click.pass_context
def ingest(
    ctx: click.Context,
    files: tuple[Path, ...],
    db: str,
    fmt: str | None,
    encoding: str,
    wait: float,
    as_json: bool,
) -> None:
    """Import evidence files (accord CSV/JSONL, ACLED, UCDP GED) into the store."""
    try:
        store = Store(db, wait=wait, on_wait=say_waiting)
    except StoreError as exc:
        raise StoreUnavailable(str(exc)) from None
    reports = []
    with store:
        for path in files:
            big = path.is_file() and path.stat().st_size > PROGRESS_BYTES
            with progress_steps(str(path), STEPS, enabled=big and not as_json) as step:
                try:
                    reports.append(ingest_file(store, path, fmt, encoding, step))
                except StoreBusy as exc:
                    raise StoreUnavailable(_busy(str(exc), reports)) from None
        counts = store.counts()
    if as_json:
        print_json({"db": db, "files": [r.to_dict() for r in reports], "store": counts})
    else:
        render_ingest(console(), reports, counts)
    ctx.exit(exit_code(reports))


def _busy(message: str, reports: list[FileReport]) -> str:
    """The store-busy message, naming the files this command imported before it."""
    done = [r.file for r in reports if r.status != "failed"]
    return message + (f"; imported before: {', '.join(done)}" if done else "")
