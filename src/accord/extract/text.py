"""Reading articles: plain text (any common encoding), HTML pages (main text via trafilatura),
and folders of them.

Offsets are kept into the text returned here: the file's decoded text as-is for plain text (no
normalisation, so gold offsets computed with `open(path, encoding="utf-8").read()` line up), and
the extracted main text for HTML. Bytes that are not text (a NUL byte, or more than 5% control
characters once decoded) are refused with NotText rather than read as Latin-1 noise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Literal

from accord.extract.models import Article

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: The files a folder is read for, as docs/extract.md lists them.
FOLDER_SUFFIXES = (".txt", ".html", ".htm")
MAX_CHARS = 2_000_000  # bound the work per article; longer input is cut and a warning given
#: Decoded text with a larger share of control characters is not text (random bytes have ~23%).
MAX_CONTROL_SHARE = 0.05
# Unicode's control characters (category Cc) but tab, line feed, vertical tab, form feed and
# carriage return, which plain text uses
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_HTML_START = re.compile(r"\s*(<!doctype html|<html|<head|<body|<article)", re.IGNORECASE)


class ReadError(Exception):
    """An input path cannot be read as an article."""


class NotText(ReadError):
    """A file's bytes are not text: they hold a NUL byte, or once decoded more than
    `MAX_CONTROL_SHARE` of the characters are control characters."""


def article_paths(paths: list[Path]) -> Iterator[Path]:
    """The article files named, with folders expanded to their `.txt`, `.html` and `.htm`
    files, sorted (so a corpus folder's gold `.json` files are skipped)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix.lower() in FOLDER_SUFFIXES:
                    yield child
        elif path.is_file():
            yield path
        else:
            raise ReadError(f"{path}: no such file or folder")


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (BOM dropped), else Windows-1252, else Latin-1 (never fails)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def looks_like_html(path: Path, text: str) -> bool:
    """True for an HTML page, by suffix or by its first tag."""
    return path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(text[:200]))


def not_text(data: bytes, text: str) -> str | None:
    """Why a file's bytes (and their decoded `text`) are not text, or None when they are."""
    if b"\x00" in data:
        return "it holds NUL bytes"
    controls = len(text) - len(_CONTROL.sub("", text))
    if controls > MAX_CONTROL_SHARE * len(text):
        share = controls / len(text)
        return (
            f"{share:.1%} of its characters are control characters (over {MAX_CONTROL_SHARE:.0%})"
        )
    return None


def read_article(path: Path, published: date | None = None) -> Article:
    """Read one article; `published` overrides the date found in HTML metadata.

    Raises ReadError when the file cannot be read, NotText when its bytes are not text.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: cannot read: {exc.strerror}") from None
    text = decode(data)
    reason = not_text(data, text)
    if reason is not None:
        raise NotText(f"{path}: not text: {reason}")
    if looks_like_html(path, text):
        return html_article(text, str(path), published)
    return Article(
        text=text[:MAX_CHARS],
        path=str(path),
        published=published,
        published_from="option" if published else "none",
    )


def html_article(page: str, path: str | None = None, published: date | None = None) -> Article:
    """The main text of an HTML page, with title, URL, site name and date from its metadata."""
    from trafilatura import bare_extraction  # imported lazily: it is slow to import

    doc = bare_extraction(page[:MAX_CHARS], with_metadata=True, include_comments=False)
    if doc is None:
        return Article(text="", path=path, fmt="html", published=published)
    meta_date = _iso_day(getattr(doc, "date", None))
    when = published or meta_date
    source: Literal["option", "metadata", "none"] = (
        "option" if published else ("metadata" if meta_date else "none")
    )
    return Article(
        text=(getattr(doc, "text", None) or "")[:MAX_CHARS],
        path=path,
        fmt="html",
        published=when,
        published_from=source,
        title=getattr(doc, "title", None),
        url=getattr(doc, "url", None),
        publisher=getattr(doc, "sitename", None),
    )


def _iso_day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
