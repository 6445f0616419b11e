"""Property tests: random and mutated files never crash an import, and rows are never lost."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.evidence.ingest import ingest_file
from accord.evidence.store import Store

from .conftest import DATA

FIELD = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _check(store: Store, path: Path) -> None:
    before = store.counts()
    report = ingest_file(store, path)
    after = store.counts()
    assert report.status in ("ok", "partial", "failed")
    if report.status == "failed" and report.failure is not None:
        assert after == before
    else:
        landed = sum(w.added + w.duplicates for w in report.written.values())
        assert landed + report.rejected >= report.rows_read  # every row is accounted for


@SETTINGS
@given(st.lists(st.lists(FIELD, min_size=0, max_size=10), max_size=8))
def test_random_accord_csv_rows(tmp_path: Path, rows: list[list[str]]) -> None:
    header = "id,occurred_at,actor,action,object,quantity,source,notes"
    lines = [header] + [",".join(f'"{v.replace(chr(34), chr(34) * 2)}"' for v in r) for r in rows]
    path = tmp_path / "f.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        _check(store, path)


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with Store(tmp_path / "s.duckdb") as store:
        _check(store, path)


@SETTINGS
@given(st.data())
def test_mutated_acled_export(tmp_path: Path, data: st.DataObject) -> None:
    lines = (DATA / "acled_gaza_sample.csv").read_text(encoding="utf-8").splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(1, len(lines) - 1))
        k = data.draw(st.integers(0, max(0, len(lines[i]) - 1)))
        lines[i] = (
            lines[i][:k]
            + data.draw(st.sampled_from([",", '"', "", "x", "\t", "-1"]))
            + lines[i][k + 1 :]
        )
    path = tmp_path / "acled.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        _check(store, path)
