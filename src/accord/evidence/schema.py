"""The store's schema as an ordered list of migrations; the version is kept in the store.

Migration N brings a store from version N-1 to N. Never edit a released migration: add one.
Events and claims carry no index or key constraint: DuckDB's indexes make bulk loads several times
slower, and the writer keeps content hashes unique itself (an anti-join per import).
"""

from __future__ import annotations

from accord.evidence.sql import Sql


def hex_digits(expression: Sql) -> Sql:
    """SQL for a 128-bit hash (or a column holding one) as its 32 lower-case hex digits."""
    return f"lpad(lower(hex({expression})), 32, '0')"


MIGRATIONS: list[list[str]] = [
    # 1: sources, events, the quarantine of rejected rows, and the ingest log.
    [
        "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
        """CREATE TABLE ingests (
            id INTEGER PRIMARY KEY, file VARCHAR NOT NULL, file_sha256 VARCHAR NOT NULL,
            format VARCHAR NOT NULL, started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ,
            user_name VARCHAR, accord_version VARCHAR NOT NULL, rows_read BIGINT,
            added BIGINT, duplicates BIGINT, replaced BIGINT, rejected BIGINT,
            sources_added BIGINT, claims_added BIGINT)""",
        """CREATE TABLE sources (
            id VARCHAR PRIMARY KEY, publisher VARCHAR NOT NULL, url VARCHAR, title VARCHAR,
            published DATE, date_inferred BOOLEAN NOT NULL, via VARCHAR, kind VARCHAR NOT NULL,
            note VARCHAR, content_hash UHUGEINT NOT NULL, ingest_id INTEGER NOT NULL)""",
        """CREATE TABLE events (
            uid UHUGEINT NOT NULL, event_id VARCHAR, source_id VARCHAR NOT NULL,
            occurred_on DATE NOT NULL, occurred_at TIMESTAMPTZ, occurred_until DATE,
            precision VARCHAR NOT NULL, actor VARCHAR NOT NULL, action VARCHAR NOT NULL,
            object VARCHAR, category VARCHAR, quantity BIGINT, unit VARCHAR, location VARCHAR,
            counterpart VARCHAR, claimed_by VARCHAR, reported_on DATE, reported_at TIMESTAMPTZ,
            notes VARCHAR, amends VARCHAR, amendment VARCHAR, fatalities BIGINT,
            revision VARCHAR, extra JSON, is_current BOOLEAN NOT NULL, superseded_by UHUGEINT,
            ingest_id INTEGER NOT NULL, row_number BIGINT NOT NULL)""",
        """CREATE TABLE quarantine (
            ingest_id INTEGER NOT NULL, file VARCHAR NOT NULL, row_number BIGINT,
            column_name VARCHAR, value VARCHAR, reason VARCHAR NOT NULL,
            message VARCHAR NOT NULL)""",
    ],
    # 2: attributed claims (statements that are not events).
    [
        """CREATE TABLE claims (
            uid UHUGEINT NOT NULL, claim_id VARCHAR, source_id VARCHAR NOT NULL,
            speaker VARCHAR NOT NULL, speaker_id VARCHAR, speaker_kind VARCHAR NOT NULL,
            cue VARCHAR, content VARCHAR NOT NULL, made_on DATE, quantities JSON, about JSON,
            span_start BIGINT, span_end BIGINT, notes VARCHAR,
            ingest_id INTEGER NOT NULL, row_number BIGINT NOT NULL)""",
    ],
    # 3: content hashes as 32 hex digits instead of 128-bit integers, which neither Arrow's
    # common types nor Spark hold. Zero-padded, so they sort as the integers did.
    [
        f"ALTER TABLE {table} ALTER {column} TYPE VARCHAR USING {hex_digits(column)}"
        for table, column in (
            ("events", "uid"),
            ("events", "superseded_by"),
            ("claims", "uid"),
            ("sources", "content_hash"),
        )
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)
