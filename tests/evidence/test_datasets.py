"""ACLED and UCDP GED imports from hand-written files in the real formats."""

from __future__ import annotations

from accord.evidence.ingest import ingest_file
from accord.evidence.store import Store

from .conftest import DATA


def _events(store: Store, where: str = "true") -> list[tuple[object, ...]]:
    return store.con.execute(
        f"SELECT event_id, action, actor, counterpart, occurred_on, occurred_until, precision, "
        f"fatalities, is_current FROM events WHERE {where} ORDER BY event_id, revision"
    ).fetchall()


def test_acled_export_lands_with_actions_mapped_and_provenance_kept(store: Store) -> None:
    report = ingest_file(store, DATA / "acled_gaza_sample.csv")
    assert (report.format, report.status, report.rows_read) == ("acled", "ok", 12)
    assert report.written["events"].added == 12
    actions = dict(store.con.execute("SELECT event_id, action FROM events").fetchall())
    assert actions["PSE90001"] == "attack"  # Explosions/Remote violence
    assert actions["PSE90003"] == "attack"  # Battles
    assert actions["PSE90004"] == "agree"  # Strategic developments / Agreement
    assert actions["PSE90005"] == "hand_over_territory"
    assert actions["PSE90006"] == "other"  # a protest matches no provision
    assert actions["PSE90009"] == "deploy"  # Headquarters or base established
    row = store.con.execute(
        "SELECT source_id, extra->>'$.sub_event_type', extra->>'$.geo_precision', "
        "extra->>'$.time_precision', extra->>'$.source', notes, revision FROM events "
        "WHERE event_id = 'PSE90005'"
    ).fetchone()
    assert row is not None
    assert row[0] == "acled"
    assert row[1] == "Non-violent transfer of territory"
    assert row[2] and row[3] and row[4]
    assert row[5] and "\n" in row[5]  # the quoted note spanning two lines survives
    assert row[6].isdigit()
    assert store.counts()["sources"] == 1


def test_acled_reimport_is_idempotent(store: Store) -> None:
    ingest_file(store, DATA / "acled_gaza_sample.csv")
    before = store.counts()
    again = ingest_file(store, DATA / "acled_gaza_sample.csv")
    after = store.counts()
    assert again.written["events"].added == 0
    assert again.written["events"].duplicates == 12
    assert {k: v for k, v in after.items() if k != "ingests"} == {
        k: v for k, v in before.items() if k != "ingests"
    }


def test_acled_reexport_with_a_newer_timestamp_replaces_and_keeps_history(store: Store) -> None:
    ingest_file(store, DATA / "acled_gaza_sample.csv")
    report = ingest_file(store, DATA / "acled_gaza_reexport.csv")
    events = report.written["events"]
    assert (events.added, events.duplicates, events.replaced) == (2, 1, 1)
    versions = _events(store, "event_id = 'PSE90001'")
    assert [(v[7], v[8]) for v in versions] == [(4, False), (6, True)]  # fatalities, current
    old_points_to_new = store.con.execute(
        "SELECT o.superseded_by = n.uid FROM events o JOIN events n ON n.event_id = o.event_id "
        "WHERE o.event_id = 'PSE90001' AND NOT o.is_current AND n.is_current"
    ).fetchone()
    assert old_points_to_new == (True,)
    assert store.counts()["events"] == 13


def test_an_older_revision_arriving_late_is_kept_as_history(store: Store) -> None:
    ingest_file(store, DATA / "acled_gaza_reexport.csv")  # the newer PSE90001 first
    ingest_file(store, DATA / "acled_gaza_sample.csv")
    versions = _events(store, "event_id = 'PSE90001'")
    assert [(v[7], v[8]) for v in versions] == [(4, False), (6, True)]


def test_three_bad_rows_among_a_hundred(store: Store) -> None:
    report = ingest_file(store, DATA / "acled_bad_rows.csv")
    assert report.status == "partial"
    assert report.written["events"].added == 97
    assert report.rejected == 3
    assert [(p.row, p.column, p.value, p.reason) for p in report.problems] == [
        (18, "event_date", "2025-02-30", "bad-date"),  # named as in the export
        (53, "fatalities", "-4", "negative-quantity"),
        (89, "fatalities", "many", "bad-number"),
    ]
    quarantined = store.con.execute(
        "SELECT row_number, reason FROM quarantine ORDER BY row_number"
    ).fetchall()
    assert quarantined == [(18, "bad-date"), (53, "negative-quantity"), (89, "bad-number")]


def test_ucdp_ged_keeps_intervals_and_the_death_estimates(store: Store) -> None:
    report = ingest_file(store, DATA / "ucdp_ged_sample.csv")
    assert (report.format, report.status) == ("ucdp-ged", "ok")
    assert report.written["events"].added == 8
    rows = store.con.execute(
        "SELECT event_id, occurred_on, occurred_until, fatalities, extra->>'$.low', "
        "extra->>'$.high', extra->>'$.where_prec', action FROM events ORDER BY event_id"
    ).fetchall()
    assert all(r[7] == "attack" for r in rows)
    assert all(int(r[4]) <= r[3] <= int(r[5]) for r in rows)  # low <= best <= high
    intervals = [r for r in rows if r[2] is not None and r[2] > r[1]]
    assert len(intervals) == 4
    assert {r[0] for r in rows} == {str(n) for n in range(990001, 990009)}


def test_staging_tables_are_freed_after_each_file(store: Store) -> None:
    ingest_file(store, DATA / "acled_gaza_sample.csv")
    ingest_file(store, DATA / "ucdp_ged_sample.csv")
    temporary = store.con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone()
    assert temporary == (0,)
