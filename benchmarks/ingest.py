"""Benchmark: `accord ingest` of an ACLED-format CSV against DuckDB's own read_csv (the floor).

Generates a seeded ACLED-format file (1,000,000 rows by default), then runs, each in a fresh
process and a fresh store: (1) DuckDB `read_csv` of the file into a plain table, (2) `accord
ingest`. Prints rows per second, the ratio to the floor (target: within 3x) and each process's peak
memory (target: under 2 GB).

    python benchmarks/ingest.py [--rows N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from accord.evidence.acled import COLUMNS

EVENT_TYPES = [
    ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Political violence", "Battles", "Armed clash"),
    ("Political violence", "Violence against civilians", "Attack"),
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Strategic developments", "Strategic developments", "Agreement"),
    ("Strategic developments", "Strategic developments", "Arrests"),
]
PLACES = ["Gaza City", "Rafah", "Khan Younis", "Deir al-Balah", "Jabalia", "Beit Hanoun"]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Write an ACLED-format CSV with `rows` synthetic (clearly labelled) rows."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for i in range(rows):
            disorder, etype, sub = rng.choice(EVENT_TYPES)
            day = 1 + i % 28
            place = rng.choice(PLACES)
            writer.writerow([
                f"BEN{i:08d}", f"2025-02-{day:02d}", "2025", rng.choice("123"), disorder, etype,
                sub, "Military Forces of Israel (2022-)", "", "State forces",
                "Civilians (Palestine)", "", "Civilians", "State forces-Civilians", "", "275",
                "Middle East", "Palestine", "Gaza Strip", "Gaza City", "", place,
                f"31.{rng.randint(2000, 9999)}", f"34.{rng.randint(2000, 9999)}",
                rng.choice("123"), "Benchmark Wire; Test Daily", "National",
                f"Benchmark row {i}: synthetic event near {place}, not real data.",
                rng.randint(0, 12), "", 1_740_000_000 + i,
            ])  # fmt: skip


FLOOR = """
import duckdb, sys
con = duckdb.connect(sys.argv[2])
con.execute("SET enable_progress_bar = false")
con.execute("CREATE TABLE raw AS SELECT * FROM read_csv(?)", [sys.argv[1]])
"""
ACCORD = """
import sys
from pathlib import Path
from accord.evidence.ingest import ingest_file
from accord.evidence.store import Store
with Store(sys.argv[2]) as store:
    report = ingest_file(store, Path(sys.argv[1]))
assert report.status == "ok", report.to_dict()
"""


def measure(code: str, csv_path: Path, db: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one run in a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, str(csv_path), str(db)])
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"benchmark run failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="folder for the generated file (kept)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; medians are compared")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="accord-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / f"acled-{args.rows}.csv"
    if not csv_path.exists():
        t0 = time.perf_counter()
        generate(csv_path, args.rows)
        print(f"generated {args.rows:,} rows ({csv_path.stat().st_size / 1e6:.0f} MB) "
              f"in {time.perf_counter() - t0:.1f} s")  # fmt: skip
    runs: dict[str, list[tuple[float, float]]] = {"floor": [], "accord": []}
    for _ in range(args.repeat):  # alternate, so a slow spell of the machine hits both
        for name, code in (("floor", FLOOR), ("accord", ACCORD)):
            db = folder / f"{name}.duckdb"
            db.unlink(missing_ok=True)
            runs[name].append(measure(code, csv_path, db))
    labels = {"floor": "duckdb read_csv (floor)", "accord": "accord ingest"}
    medians = {}
    for name, results in runs.items():
        seconds = statistics.median(r[0] for r in results)
        peak = max(r[1] for r in results)
        medians[name] = seconds
        every = ", ".join(f"{r[0]:.2f}" for r in results)
        print(f"{labels[name]:24} median {seconds:6.2f} s ({every})  "
              f"{args.rows / seconds:10,.0f} rows/s  peak {peak:5.0f} MB")  # fmt: skip
    print(f"accord / floor: {medians['accord'] / medians['floor']:.2f}x (target: within 3x; "
          "peak memory target: under 2,048 MB)")  # fmt: skip


if __name__ == "__main__":
    main()
