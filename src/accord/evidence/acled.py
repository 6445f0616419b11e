"""ACLED CSV exports: the 31 current columns, event types mapped onto accord's actions.

ACLED is a living dataset: a re-export can carry the same `event_id_cnty` with a newer `timestamp`.
The timestamp is kept as the row's revision, so the newer row replaces the older one as current
while the older stays in the store as history.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from accord.evidence.csvread import Scan, load_csv
from accord.evidence.datasets import col, extra_json, iso_day, require, stage_dataset
from accord.evidence.sql import Sql, literal
from accord.evidence.staging import Staged

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "timestamp")
SOURCE = {
    "id": "acled",
    "publisher": "Armed Conflict Location & Event Data (ACLED)",
    "url": "https://acleddata.com",
    "kind": "dataset",
    "note": "Each event's own outlets are kept in its `extra.source`.",
}

#: (event_type, sub_event_type or None for any) -> accord action; the first match wins.
ACTION_MAP: tuple[tuple[str, str | None, str], ...] = (
    ("Strategic developments", "Agreement", "agree"),
    ("Strategic developments", "Non-violent transfer of territory", "hand_over_territory"),
    ("Strategic developments", "Headquarters or base established", "deploy"),
    ("Battles", None, "attack"),
    ("Explosions/Remote violence", None, "attack"),
    ("Violence against civilians", None, "attack"),
)
PRECISION = {"1": "day", "2": "week", "3": "month"}
#: The export's column behind each event field (for reports in the file's own terms).
FILE_COLUMNS = {
    "event_id": "event_id_cnty",
    "occurred_at": "event_date",
    "precision": "time_precision",
    "actor": "actor1",
    "action": "event_type",
    "counterpart": "actor2",
    "location": "location",
    "notes": "notes",
    "fatalities": "fatalities",
    "revision": "timestamp",
}
#: Columns stored in an event field of their own; the rest go to the event's `extra`.
MAPPED = ("event_id_cnty", "event_date", "actor1", "actor2", "location", "notes", "fatalities",
          "timestamp")  # fmt: skip


#: Event fields every ACLED row fills; an empty one rejects the row (an empty `event_type`
#: leaves `action` empty).
REQUIRED_FIELDS = ("event_id", "revision")


def action_sql(event_type: Sql, sub_event_type: Sql) -> Sql:
    """SQL mapping ACLED's event and sub-event types onto an accord action (else `other`; no
    action when the event type is empty)."""
    cases = [f"WHEN {event_type} IS NULL THEN NULL"]
    for etype, sub, action in ACTION_MAP:
        condition = f"{event_type} = {literal(etype)}"
        if sub is not None:
            condition += f" AND {sub_event_type} = {literal(sub)}"
        cases.append(f"WHEN {condition} THEN {literal(action)}")
    return f"CASE {' '.join(cases)} ELSE 'other' END"


def stage_acled(con: duckdb.DuckDBPyConnection, path: Path, scan: Scan, prefix: Sql) -> Staged:
    """Stage an ACLED export; the dataset itself is the events' source."""
    table = load_csv(con, path, f"{prefix}_raw", scan)
    require(table, REQUIRED, "ACLED")
    precision = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in PRECISION.items())
    expressions = {
        "event_id": col(table, "event_id_cnty"),
        "occurred_at": iso_day(col(table, "event_date")),
        "precision": f"CASE trim({col(table, 'time_precision')}) {precision} ELSE 'day' END",
        "actor": col(table, "actor1"),
        "action": action_sql(col(table, "event_type"), col(table, "sub_event_type")),
        "counterpart": col(table, "actor2"),
        "location": col(table, "location"),
        "source": literal(SOURCE["id"]),
        "notes": col(table, "notes"),
        "fatalities": col(table, "fatalities"),
        "revision": col(table, "timestamp"),
        "extra": extra_json(table, skip=MAPPED),
    }
    return stage_dataset(con, table, prefix, expressions, SOURCE, FILE_COLUMNS, REQUIRED_FIELDS)
