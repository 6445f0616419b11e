"""Bad files and bad rows: each gets its reason code, nothing crashes, nothing half-writes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from accord.evidence.ingest import ingest_file
from accord.evidence.store import Store

Write = Callable[..., Path]
HEADER = "id,occurred_at,actor,action,object,quantity,source,notes\n"
SOURCES = "id,publisher,published,kind\ns1,Example Wire,2025-01-20,news\n"


def _with_sources(store: Store, write: Write) -> None:
    assert ingest_file(store, write("sources.csv", SOURCES)).status == "ok"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty-file"),
        (b"\n\n  \n", "empty-file"),
        (HEADER.encode(), "empty-file"),
        (b"a,b,c\n1,2,3\n", "unknown-format"),
        (
            (HEADER + "e1,2025-01-19,a,release,captive,3,s1,caf\xe9\n").encode("latin-1"),
            "bad-encoding",
        ),
        (
            b"occurred_at,actor,action,source,colour\n2025-01-19,a,release,s1,red\n",
            "unknown-column",
        ),
        (b"event_id_cnty,event_type,sub_event_type\nX1,Battles,Armed clash\n", "missing-column"),
    ],
)
def test_whole_file_problems_import_nothing(
    store: Store, write: Write, content: bytes, reason: str
) -> None:
    before = store.counts()
    report = ingest_file(store, write("bad.csv", content))
    assert report.status == "failed"
    assert report.failure is not None and report.failure.reason == reason
    assert store.counts() == before  # not even an ingest log line


def test_latin1_file_lands_when_the_encoding_is_given(store: Store, write: Write) -> None:
    _with_sources(store, write)
    path = write(
        "l1.csv", (HEADER + "e1,2025-01-19,a,release,captive,3,s1,caf\xe9\n").encode("latin-1")
    )
    report = ingest_file(store, path, encoding="latin-1")
    assert report.status == "ok"
    assert store.con.execute("SELECT notes FROM events").fetchone() == ("café",)


def test_bom_and_semicolons_are_read(store: Store, write: Write) -> None:
    _with_sources(store, write)
    text = "\ufeff" + HEADER.replace(",", ";") + "e1;2025-01-19;a;release;captive;3;s1;x, y\n"
    report = ingest_file(store, write("semi.csv", text))
    assert report.status == "ok"
    assert store.con.execute("SELECT event_id, notes FROM events").fetchone() == ("e1", "x, y")


def test_each_bad_row_gets_its_reason_and_good_rows_land(store: Store, write: Write) -> None:
    _with_sources(store, write)
    rows = [
        "good,2025-01-19,a,release,captive,3,s1,ok",
        "d1,19/01/2025,a,release,captive,3,s1,date",
        "d2,2025-01-19T10:00,a,release,captive,3,s1,no offset",
        "q1,2025-01-19,a,release,captive,-2,s1,negative",
        "q2,2025-01-19,a,release,captive,three,s1,words",
        "a1,2025-01-19,a,relase,captive,3,s1,typo",
        "s9,2025-01-19,a,release,captive,3,nowhere,unknown source",
        "m1,2025-01-19,,release,captive,3,s1,no actor",
        "short,2025-01-19,a",
        "long,2025-01-19,a,release,captive,3,s1,x,extra",
        "big,2025-01-19,a,release,captive,3,s1," + "x" * 1_000_000,
        "inj,2025-01-19,a,release,captive,3,s1,=cmd|' /C calc'!A0",
    ]
    report = ingest_file(store, write("rows.csv", HEADER + "\n".join(rows) + "\n"))
    assert report.status == "partial"
    assert report.written["events"].added == 2
    reasons = {(p.row, p.reason) for p in report.problems}
    assert reasons == {
        (3, "bad-date"),
        (4, "bad-date"),
        (5, "negative-quantity"),
        (6, "bad-number"),
        (7, "unknown-action"),
        (8, "unknown-source"),
        (9, "missing-value"),
        (10, "missing-fields"),
        (11, "extra-fields"),
        (12, "field-too-long"),
    }
    stored = store.con.execute("SELECT notes FROM events WHERE event_id = 'inj'").fetchone()
    assert stored == ("=cmd|' /C calc'!A0",)  # kept as text, never evaluated


def test_same_id_other_content_without_revision_is_a_conflict(store: Store, write: Write) -> None:
    _with_sources(store, write)
    first = HEADER + "e1,2025-01-19,a,release,captive,3,s1,first\n"
    assert ingest_file(store, write("one.csv", first)).status == "ok"
    changed = ingest_file(store, write("two.csv", first.replace("first", "changed")))
    assert [(p.row, p.reason) for p in changed.problems] == [(2, "conflicting-duplicate")]
    assert store.counts()["events"] == 1


def test_repeated_ids_in_one_file(store: Store, write: Write) -> None:
    _with_sources(store, write)
    row = "e1,2025-01-19,a,release,captive,3,s1,same"
    twice = ingest_file(store, write("twice.csv", HEADER + row + "\n" + row + "\n"))
    assert (twice.status, twice.written["events"].added, twice.written["events"].duplicates) == (
        "ok",
        1,
        1,
    )
    other = row.replace("same", "other").replace("e1", "e2")
    clash = ingest_file(
        store, write("clash.csv", HEADER + other + "\n" + other.replace("other", "x") + "\n")
    )
    assert [(p.row, p.reason) for p in clash.problems] == [(3, "conflicting-duplicate")]


def test_hand_written_extra_must_be_a_json_object(store: Store, write: Write) -> None:
    lines = [
        '{"record":"source","id":"s1","publisher":"Example Wire"}',
        '{"record":"event","id":"ok","occurred_at":"2025-01-19","actor":"a","action":"release",'
        '"source":"s1","extra":{"round":1}}',
        '{"record":"event","id":"bad","occurred_at":"2025-01-19","actor":"a","action":"release",'
        '"source":"s1","extra":"round one"}',
    ]
    report = ingest_file(store, write("x.jsonl", "\n".join(lines) + "\n"))
    assert [(p.row, p.column, p.reason) for p in report.problems] == [(3, "extra", "bad-value")]
    assert store.con.execute("SELECT extra->>'$.round' FROM events").fetchone() == ("1",)


def test_corrections_point_to_the_event_they_amend(store: Store, write: Write) -> None:
    lines = [
        '{"record":"source","id":"s1","publisher":"Example Wire","published":"2025-02-21"}',
        '{"record":"event","id":"r7a","occurred_at":"2025-02-20","actor":"a",'
        '"action":"return_remains","quantity":4,"source":"s1"}',
        '{"record":"event","id":"r7a-fix","occurred_at":"2025-02-21","actor":"a",'
        '"action":"return_remains","quantity":3,"source":"s1","amends":"r7a","amendment":"correct"}',
        '{"record":"event","id":"bad-fix","occurred_at":"2025-02-21","actor":"a",'
        '"action":"return_remains","source":"s1","amends":"nope","amendment":"correct"}',
        '{"record":"event","id":"no-target","occurred_at":"2025-02-21","actor":"a",'
        '"action":"return_remains","source":"s1","amendment":"retract"}',
    ]
    report = ingest_file(store, write("fix.jsonl", "\n".join(lines) + "\n"))
    assert [(p.row, p.column, p.reason) for p in report.problems] == [
        (4, "amends", "unknown-event"),
        (5, "amends", "missing-value"),
    ]
    fix = store.con.execute("SELECT amends, amendment FROM events WHERE event_id = 'r7a-fix'")
    assert fix.fetchone() == ("r7a", "correct")


def test_json_lines_problems(store: Store, write: Write) -> None:
    lines = [
        '{"record":"source","id":"s1","publisher":"Example Wire"}',
        "not json",
        "[1, 2]",
        '{"record":"event","colour":"red"}',
        '{"record":"rumour"}',
        '{"record":"claim","speaker":"a spokesperson","speaker_kind":"party","content":"said x",'
        '"source":"s1","quantities":[{"value":962,"unit":"violation"}],"about":["d:ceasefire"]}',
        '{"record":"claim","speaker":"x","speaker_kind":"gossip","content":"y","source":"s1"}',
    ]
    report = ingest_file(store, write("mixed.jsonl", "\n".join(lines) + "\n"))
    assert [(p.row, p.reason) for p in report.problems] == [
        (2, "bad-json"),
        (3, "bad-json"),
        (4, "unknown-field"),
        (5, "bad-value"),
        (7, "bad-value"),
    ]
    assert report.written["claims"].added == 1
    assert store.con.execute("SELECT quantities->>'$[0].value' FROM claims").fetchone() == ("962",)


def test_instants_keep_their_offset_and_dates_stay_local(store: Store, write: Write) -> None:
    _with_sources(store, write)
    text = HEADER + (
        "e1,2025-01-20T01:00+02:00,a,release,prisoner,90,s1,\n"
        "e2,2025-01-19,a,release,captive,3,s1,\n"
    )
    assert ingest_file(store, write("t.csv", text)).status == "ok"
    rows = store.con.execute(
        "SELECT event_id, CAST(occurred_on AS VARCHAR), CAST(occurred_at AS VARCHAR), precision "
        "FROM events ORDER BY event_id"
    ).fetchall()
    assert rows == [
        ("e1", "2025-01-20", "2025-01-19 23:00:00+00", "minute"),
        ("e2", "2025-01-19", None, "day"),
    ]
