"""Bundled real evidence: each file lands whole, twice gives the same counts, claims stay claims."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from accord.evidence.ingest import ingest_file
from accord.evidence.store import Store
from accord.examples import evidence_files
from tests.test_examples import AGREEMENTS

FILES = evidence_files()


def test_every_agreement_has_its_implementation_record_bundled() -> None:
    assert [f.name for f in FILES] == [f"{name}.jsonl" for name in sorted(AGREEMENTS)]


@pytest.mark.parametrize("item", FILES, ids=[f.name for f in FILES])
def test_bundled_file_lands_whole_and_twice_gives_the_same_counts(
    tmp_path: Path, item: object
) -> None:
    with resources.as_file(item) as path, Store(tmp_path / "s.duckdb") as store:  # type: ignore[call-overload]
        first = ingest_file(store, path)
        assert first.status == "ok", [p.to_dict() for p in first.problems]
        counts = store.counts()
        second = ingest_file(store, path)
        assert second.status == "ok"
        assert sum(w.added for w in second.written.values()) == 0
        again = store.counts()
        assert {k: v for k, v in again.items() if k != "ingests"} == {
            k: v for k, v in counts.items() if k != "ingests"
        }


def test_gaza_disagreements_stay_separate_and_counts_are_claims(tmp_path: Path) -> None:
    item = next(f for f in FILES if f.name.startswith("gaza"))
    with resources.as_file(item) as path, Store(tmp_path / "g.duckdb") as store:
        ingest_file(store, path)
        last_round = store.con.execute(
            "SELECT count(DISTINCT source_id), list(DISTINCT quantity ORDER BY quantity) "
            "FROM events WHERE action = 'release' AND object = 'prisoner' "
            "AND occurred_on >= DATE '2025-02-26'"
        ).fetchone()
        assert last_round is not None and last_round[0] >= 3
        assert {596, 620, 643} <= set(last_round[1])
        claims = store.con.execute(
            "SELECT speaker_id, quantities->>'$[0].value' FROM claims "
            "WHERE quantities->>'$[0].unit' = 'violation'"
        ).fetchall()
        assert {value for _, value in claims} >= {"962", "350"}
        corrected = store.con.execute(
            "SELECT count(*) FROM events WHERE amends IS NOT NULL AND amendment = 'correct'"
        ).fetchone()
        assert corrected is not None and corrected[0] >= 1
