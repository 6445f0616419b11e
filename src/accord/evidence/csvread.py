"""Reading a CSV file into a DuckDB table of text columns, keeping row order and shape problems.

DuckDB parses the file (fast, multi-line quoted fields, BOM); we fix the dialect ourselves so that
a bad row never stops the file: short rows are padded with NULL, an extra column catches long
rows, and empty fields stay empty strings (NULL only means "missing").
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb

DELIMITERS = (",", ";", "\t", "|")
ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "latin-1": "latin-1", "latin1": "latin-1"}
_MISSING = "\x01"  # DuckDB's null string: no real field holds it
_CHUNK = 1 << 20
NEWLINE = b"\n"


class FileProblem(Exception):
    """A whole-file problem; `reason` is a FILE_REASONS code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class CsvTable:
    """A loaded CSV: `table` has columns c0..cN (N = len(header)), in file order."""

    table: str
    header: list[str]
    delimiter: str
    first_rowid: int
    rows: int

    @property
    def row_number(self) -> str:
        """SQL for the row's number in the file, counting the header as row 1.

        Row ids follow file order (DuckDB keeps insertion order) but need not start at 0.
        """
        return f"rowid - {self.first_rowid} + 2"

    def column(self, name: str) -> str:
        """The SQL column holding header field `name` (empty text becomes NULL)."""
        return f"NULLIF(c{self.header.index(name)}, '')"

    def raw(self, name: str) -> str:
        """The SQL column holding header field `name` as written."""
        return f"c{self.header.index(name)}"

    @property
    def overflow(self) -> str:
        """The column that is non-NULL when a row has more fields than the header."""
        return f"c{len(self.header)}"

    @property
    def last(self) -> str:
        """The header's last column: NULL when a row has fewer fields than the header."""
        return f"c{len(self.header) - 1}"


def scan_file(path: Path, encoding: str) -> tuple[str, str]:
    """Read the file once: its encoding's DuckDB name and its SHA-256.

    Raises FileProblem when the file cannot be read or its bytes are not in `encoding`.
    """
    name = ENCODINGS.get(encoding.lower())
    if name is None:
        raise FileProblem(
            "bad-encoding", f"unsupported encoding `{encoding}`; use utf-8 or latin-1"
        )
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")() if name == "utf-8" else None
    line = 1
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                if decoder is not None:
                    line = _decode(decoder, chunk, line, final=False)
        if decoder is not None:
            _decode(decoder, b"", line, final=True)  # a sequence cut off at the end of the file
    except OSError as exc:
        raise FileProblem("unreadable-file", f"cannot read the file: {exc.strerror}") from None
    return name, digest.hexdigest()


def _decode(decoder: codecs.IncrementalDecoder, chunk: bytes, line: int, final: bool) -> int:
    """Decode one chunk; return the line number after it, or raise FileProblem naming the line."""
    try:
        decoder.decode(chunk, final=final)
    except UnicodeDecodeError as exc:
        bad_line = line + chunk[: exc.start].count(NEWLINE)
        raise FileProblem(
            "bad-encoding",
            f"line {bad_line} is not UTF-8 text; re-save the file as UTF-8 or pass "
            "--encoding latin-1",
        ) from None
    return line + chunk.count(NEWLINE)


def read_header(path: Path, encoding: str) -> tuple[list[str], str]:
    """The header fields and the delimiter that splits them best."""
    with path.open("r", encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline="") as f:
        first = f.readline()
        if not first.strip():
            rest = f.read(1 << 16)
            raise FileProblem(
                "empty-file",
                "the file is empty"
                if not rest.strip()
                else "the first line is blank; the header must be on line 1",
            )
    best: list[str] = []
    delimiter = ","
    for candidate in DELIMITERS:
        fields = next(csv.reader(io.StringIO(first), delimiter=candidate))
        if len(fields) > len(best):
            best, delimiter = fields, candidate
    header = [field.strip() for field in best]
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if duplicates:
        raise FileProblem("duplicate-column", "the header repeats " + ", ".join(duplicates))
    return header, delimiter


def load_csv(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, duck_encoding: str
) -> CsvTable:
    """Load `path` (already scanned) into temp table `table`.

    Raises FileProblem for problems that affect the whole file.
    """
    header, delimiter = read_header(path, duck_encoding)
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header) + 1))
    sql = (
        f"CREATE TEMP TABLE {table} AS SELECT * FROM read_csv(?, auto_detect = false, "
        f"header = false, skip = 1, columns = {{{columns}}}, null_padding = true, "
        f"nullstr = '{_MISSING}', delim = ?, quote = '\"', escape = '\"', strict_mode = false, "
        f"encoding = ?, max_line_size = 16000000)"
    )
    try:
        con.execute(sql, [str(path), delimiter, duck_encoding])
    except duckdb.Error as exc:
        detail = str(exc).strip().splitlines()[0]
        raise FileProblem("malformed-csv", f"cannot parse the CSV: {detail}") from None
    first, rows = con.execute(f"SELECT min(rowid), count(*) FROM {table}").fetchone() or (None, 0)
    if first is None:
        raise FileProblem("empty-file", "the file has a header but no rows")
    return CsvTable(table, header, delimiter, int(first), int(rows))
