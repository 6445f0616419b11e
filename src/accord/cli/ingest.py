"""`accord ingest FILE... --db DB`: import evidence; exit 0 all ok, 1 some rows rejected, 2 none."""

from __future__ import annotations

from pathlib import Path

import click

from accord.cli.options import json_option, print_json
from accord.evidence.formats import FORMATS
from accord.evidence.ingest import STEPS, exit_code, ingest_file
from accord.evidence.store import DEFAULT_DB, Store, StoreError
from accord.views.console import console, progress_steps, render_ingest

PROGRESS_BYTES = 4 << 20  # show progress for files over 4 MB


class StoreUnavailable(click.ClickException):
    """The store cannot be opened: nothing is imported, so the exit code is 2."""

    exit_code = 2


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--db", default=DEFAULT_DB, show_default=True, help="The evidence store (DuckDB file)."
)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), help="Skip format detection.")
@click.option(
    "--encoding", default="utf-8", show_default=True, help="Text encoding: utf-8 or latin-1."
)
@json_option
@click.pass_context
def ingest(
    ctx: click.Context,
    files: tuple[Path, ...],
    db: str,
    fmt: str | None,
    encoding: str,
    as_json: bool,
) -> None:
    """Import evidence files (accord CSV/JSONL, ACLED, UCDP GED) into the store."""
    try:
        store = Store(db)
    except StoreError as exc:
        raise StoreUnavailable(str(exc)) from None
    reports = []
    with store:
        for path in files:
            big = path.is_file() and path.stat().st_size > PROGRESS_BYTES
            with progress_steps(str(path), STEPS, enabled=big and not as_json) as step:
                reports.append(ingest_file(store, path, fmt, encoding, step))
        counts = store.counts()
    if as_json:
        print_json({"db": db, "files": [r.to_dict() for r in reports], "store": counts})
    else:
        render_ingest(console(), reports, counts)
    ctx.exit(exit_code(reports))
