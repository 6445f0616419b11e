"""`accord extract FILE... [--published DATE] [--json] [--db DB] [--gazetteer FILE]`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from accord.cli.options import json_option, print_json
from accord.evidence.store import Store, StoreError
from accord.extract.actors import GazetteerError, load_gazetteer
from accord.extract.models import Article, Extraction
from accord.extract.pipeline import extract_article
from accord.extract.spacy_tier import ModelUnavailable, load_model
from accord.extract.store import StoreReport, write_extraction
from accord.extract.text import NotText, ReadError, article_paths, read_article
from accord.views.console import console
from accord.views.extract import render_extraction, render_store_reports


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--published", callback=_day, help="Publication date (YYYY-MM-DD) anchoring relative dates; "
    "overrides the date in an HTML page's metadata.",
)  # fmt: skip
@click.option("--db", help="Also store the article, its claims and candidate events here.")
@click.option(
    "--gazetteer", "gazetteer_file", type=click.Path(dir_okay=False, path_type=Path),
    help="A YAML file of extra actors (same format as the shipped gazetteer).",
)  # fmt: skip
@click.option("--publisher", help="The outlet whose page this is, when the page does not say.")
@click.option(
    "--model", "use_model", is_flag=True,
    help="Also use the optional spaCy model tier (pip install 'accord[model]') for named entities.",
)  # fmt: skip
@json_option
@click.pass_context
def extract(
    ctx: click.Context,
    files: tuple[Path, ...],
    published: date | None,
    db: str | None,
    gazetteer_file: Path | None,
    publisher: str | None,
    use_model: bool,
    as_json: bool,
) -> None:
    """Claims, quantities, dates, actors and candidate events from news text or HTML.

    Exit code 0, 1 when a file was skipped as not text (the others are still processed), 2 for
    a usage error.
    """
    try:
        gazetteer = load_gazetteer(gazetteer_file)
        paths = list(article_paths(list(files)))
        articles = _read_articles(paths, published)
        nlp = load_model() if use_model else None
    except (ReadError, GazetteerError, ModelUnavailable) as exc:
        raise click.UsageError(str(exc)) from None
    extractions = [extract_article(a, gazetteer, nlp) for a in articles]
    reports = []
    counts: dict[str, int] = {}
    if db is not None:
        try:
            with Store(db) as store:
                reports = [write_extraction(store, x, publisher) for x in extractions]
                counts = store.counts()
        except StoreError as exc:
            raise click.UsageError(str(exc)) from None
    _show(extractions, reports, counts, db, as_json)
    ctx.exit(0 if len(articles) == len(paths) else 1)


def _read_articles(paths: list[Path], published: date | None) -> list[Article]:
    """The articles read; a file that is not text is reported on stderr and left out."""
    articles = []
    for path in paths:
        try:
            articles.append(read_article(path, published))
        except NotText as exc:
            click.echo(f"accord: error: {exc}; skipped", err=True)
    return articles


def _show(
    extractions: list[Extraction],
    reports: list[StoreReport],
    counts: dict[str, int],
    db: str | None,
    as_json: bool,
) -> None:
    if as_json:
        document: dict[str, Any] = {"articles": []}
        for i, x in enumerate(extractions):
            item = x.to_dict()
            if x.article.fmt == "html":
                item["text"] = x.article.text
            if reports:
                item["store"] = reports[i].to_dict()
            document["articles"].append(item)
        if db is not None:
            document["db"] = db
            document["store"] = counts
        print_json(document)
        return
    out = console()
    for x in extractions:
        render_extraction(out, x)
    if db is not None:
        render_store_reports(out, reports, counts)
