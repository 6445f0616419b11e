"""The one place where text enters SQL other than as a bound parameter: quoting.

Values go to DuckDB as bound parameters (`?`). Where SQL syntax leaves no room for a parameter (a
JSON key in a view's definition, the path in `ATTACH`), the text is written as a quoted literal by
`literal()`; a name read back from DuckDB's catalog is quoted by `identifier()`. Everything else
in accord's SQL is built by the code itself from constants, numbers and such quoted text; `Sql`
marks parameters and results that carry it, so that tests/reliability/test_sql_text.py can check
every SQL string of the package.
"""

from __future__ import annotations

from typing import TypeAlias

#: SQL text (or a table name) made by accord's code from constants, numbers and `literal()`;
#: never text read from a file, an option or a spec.
Sql: TypeAlias = str


def literal(text: str) -> Sql:
    """`text` as a DuckDB string literal: quotes doubled; a NUL, which a literal cannot hold,
    written as chr(0)."""
    parts = ("'" + part.replace("'", "''") + "'" for part in text.split("\x00"))
    return " || chr(0) || ".join(parts)


def identifier(name: str) -> Sql:
    """`name` as a DuckDB quoted identifier (a table or column name)."""
    return '"' + name.replace('"', '""') + '"'
