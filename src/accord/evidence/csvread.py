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
import mmap
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from accord.evidence.reasons import RowProblem
from accord.evidence.sql import Sql

DELIMITERS = (",", ";", "\t", "|")
ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "latin-1": "latin-1", "latin1": "latin-1"}
_MISSING = "\x01"  # DuckDB's null string: no real field holds it
_CHUNK = 1 << 20
NEWLINE = b"\n"
QUOTE = b'"'
BOM = b"\xef\xbb\xbf"


class FileProblem(Exception):
    """A whole-file problem; `reason` is a FILE_REASONS code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class Scan:
    """What one read of a file found: DuckDB's name of its encoding, its SHA-256, and how many
    quote characters it holds (an odd number means a quote may be left open)."""

    encoding: str
    digest: str
    quotes: int = 0


@dataclass(frozen=True)
class CsvTable:
    """A loaded CSV: `table` has columns c0..cN (N = len(header)), in file order."""

    table: Sql
    header: list[str]
    delimiter: str
    first_rowid: int
    rows: int
    #: The row that a quote never closed runs to the end of the file, if any; its problem.
    broken_row: int | None = None
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def row_number(self) -> Sql:
        """SQL for the row's number in the file, counting the header as row 1.

        Row ids follow file order (DuckDB keeps insertion order) but need not start at 0.
        """
        return f"rowid - {self.first_rowid} + 2"

    def column(self, name: str) -> Sql:
        """The SQL column holding header field `name` (empty text becomes NULL)."""
        return f"NULLIF(c{self.header.index(name)}, '')"

    @property
    def overflow(self) -> Sql:
        """The column that is non-NULL when a row has more fields than the header."""
        return f"c{len(self.header)}"

    @property
    def last(self) -> Sql:
        """The header's last column: NULL when a row has fewer fields than the header."""
        return f"c{len(self.header) - 1}"


def scan_file(path: Path, encoding: str) -> Scan:
    """Read the file once: its encoding's DuckDB name, its SHA-256, its count of quotes.

    Raises FileProblem when the file cannot be read or its bytes are not in `encoding`.
    """
    name = ENCODINGS.get(encoding.lower())
    if name is None:
        raise FileProblem(
            "bad-encoding", f"unsupported encoding `{encoding}`; use utf-8 or latin-1"
        )
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")() if name == "utf-8" else None
    line, quotes = 1, 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                quotes += chunk.count(QUOTE)
                if decoder is not None:
                    line = _decode(decoder, chunk, line, final=False)
        if decoder is not None:
            _decode(decoder, b"", line, final=True)  # a sequence cut off at the end of the file
    except OSError as exc:
        raise FileProblem("unreadable-file", f"cannot read the file: {exc.strerror}") from None
    return Scan(name, digest.hexdigest(), quotes)


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


def load_csv(con: duckdb.DuckDBPyConnection, path: Path, table: Sql, scan: Scan) -> CsvTable:
    """Load `path` (already scanned) into temp table `table`.

    Raises FileProblem for problems that affect the whole file.
    """
    header, delimiter = read_header(path, scan.encoding)
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header) + 1))
    sql = (
        f"CREATE TEMP TABLE {table} AS SELECT * FROM read_csv(?, auto_detect = false, "
        f"header = false, skip = 1, columns = {{{columns}}}, null_padding = true, "
        f"nullstr = '{_MISSING}', delim = ?, quote = '\"', escape = '\"', strict_mode = false, "
        f"encoding = ?, max_line_size = 16000000, parallel = ?)"
    )
    # DuckDB's parallel reader splits the file at line breaks, and a line break inside a quoted
    # field can fool it (a lone CR splits the row without a word); only a file without quotes
    # is read in parallel.
    try:
        con.execute(sql, [str(path), delimiter, scan.encoding, scan.quotes == 0])
    except duckdb.Error as exc:
        detail = str(exc).strip().splitlines()[0]
        raise FileProblem("malformed-csv", f"cannot parse the CSV: {detail}") from None
    first, last, rows = con.execute(
        f"SELECT min(rowid), max(rowid), count(*) FROM {table}"
    ).fetchone() or (None, None, 0)
    if first is None:
        raise FileProblem("empty-file", "the file has a header but no rows")
    loaded = CsvTable(table, header, delimiter, int(first), int(rows))
    line = unclosed_quote(path, delimiter) if scan.quotes % 2 else None
    return loaded if line is None else _broken(con, loaded, int(last), line)


def _broken(con: duckdb.DuckDBPyConnection, table: CsvTable, last: int, line: int) -> CsvTable:
    """`table` with its last row marked: a quote left open made it run to the end of the file."""
    fields = con.execute(f"SELECT * FROM {table.table} WHERE rowid = ?", [last]).fetchone() or ()
    filled = [i for i, value in enumerate(fields) if value is not None]
    index = filled[-1] if filled else 0
    row = last - table.first_rowid + 2
    problem = RowProblem(
        row,
        table.header[index] if index < len(table.header) else None,
        (fields[index] or "")[:200] if fields else None,
        "unterminated-quote",
        f"the quote opened on line {line} is never closed, so the rest of the file was read "
        'into this field; close the quote (a quote inside a quoted field is written "")',
    )
    return CsvTable(
        table.table,
        table.header,
        table.delimiter,
        table.first_rowid,
        table.rows,
        broken_row=row,
        problems=[problem],
    )


def unclosed_quote(path: Path, delimiter: str) -> int | None:
    """The line of a quote that opens a field and is never closed, or None.

    Only quote characters are visited: one that follows a delimiter or a line break opens a
    quoted field (elsewhere it is a character of its field); inside, `""` is a quote and a lone
    `"` closes the field.
    """
    before = (delimiter.encode(), b"\n", b"\r")
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        opened: int | None = None
        k = data.find(QUOTE)
        while k >= 0:
            if opened is None:
                if k == 0 or data[k - 1 : k] in before or (k == len(BOM) and data[:k] == BOM):
                    opened = k
                k = data.find(QUOTE, k + 1)
            elif data[k + 1 : k + 2] == QUOTE:
                k = data.find(QUOTE, k + 2)
            else:
                opened = None
                k = data.find(QUOTE, k + 1)
        if opened is None:
            return None
        return 1 + sum(
            data[i : min(i + _CHUNK, opened)].count(NEWLINE) for i in range(0, opened, _CHUNK)
        )
