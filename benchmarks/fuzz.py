"""Fuzzing: mutated specs and evidence files, run the way accord runs them, counted by outcome.

Specs: the bundled examples (src/accord/examples/*.yaml) with keys deleted, duplicated or
retyped, values swapped, Unicode injected and numbers made huge; each goes through
`accord.load_spec_text` and through `accord validate` in-process. Evidence: the bundled JSON Lines
files and the samples of tests/data (accord CSV, JSON Lines, ACLED, UCDP GED), with lines, fields,
headers and bytes mutated; each is imported with `ingest_file` into a fresh store.

Every case runs in a worker process that the runner kills when a case takes longer than the
timeout (a hang). Prints, per class: cases tried, clear errors (the input was refused or partly
refused with accord's own errors), accepted, internal errors (anything raised), hangs, and the
slowest case.

    python benchmarks/fuzz.py [--cases N] [--seed S] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import csv
import functools
import io
import json
import random
import select
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "accord" / "examples"
DATA = ROOT / "tests" / "data"
CLASSES = ("spec", "accord-csv", "accord-jsonl", "acled", "ucdp-ged")
HOSTILE = [
    "", " ", '"', "'", "''", '""', "\\", ",", ";", "\t", "\n", "x': (SELECT 1), 'y", "🙂",
    "\u202e", "\u0000", "é" * 50, "9" * 40, "-1", "1e400", "NaN", "null", "[", "{", "2025-02-30",
    "9999-12-31", "0000-01-01", "2025-01-19T10:00+25:00", "2025-01-19T24:00Z", "x" * 70_000,
]  # fmt: skip
JSON_VALUES: list[Any] = [
    None, True, 0, -1, 10**30, 1.5, "", " ", "4", [], [1, [2]], {}, {"a": {"b": []}},
    "x': (SELECT 1), 'y", "\ud800", "🙂", "9999-12-31",
]  # fmt: skip
YAML_VALUES = [
    "[]", "{}", "[a, b]", "{a: 1}", "null", "~", "true", "0", "-1", "10000000000000000000000000",
    "1e309", "''", '""', "'🙂\u202e'", "2025-02-30", "9999-12-31", "P1D", "-5d", "*x", "&x y",
    "!!binary aGk=",
]  # fmt: skip


@dataclass
class Case:
    """One input: its class, a name saying how it was made, and its bytes."""

    kind: str
    name: str
    content: bytes


# --- Specs ----------------------------------------------------------------------------------


def spec_cases(rng: random.Random, count: int) -> list[Case]:
    """`count` specs, each a bundled example with one to four mutations."""
    seeds = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.yaml"))]
    cases = []
    for n in range(count):
        stem, text = rng.choice(seeds)
        lines = text.splitlines()
        done = []
        for _ in range(rng.randint(1, 4)):
            op = rng.choice(SPEC_OPS)
            op(rng, lines)
            done.append(op.__name__.strip("_"))
        name = f"spec-{n}:{stem}:{'+'.join(done)}"
        cases.append(Case("spec", name, "\n".join(lines).encode("utf-8", "surrogatepass")))
    return cases


def _keyed(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if ":" in line and not line.lstrip().startswith("#")]


def _delete(rng: random.Random, lines: list[str]) -> None:
    if lines:
        del lines[rng.randrange(len(lines))]


def _duplicate(rng: random.Random, lines: list[str]) -> None:
    if lines:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])


def _retype(rng: random.Random, lines: list[str]) -> None:
    keyed = _keyed(lines)
    if keyed:
        i = rng.choice(keyed)
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {rng.choice(YAML_VALUES)}"


def _swap(rng: random.Random, lines: list[str]) -> None:
    keyed = _keyed(lines)
    if len(keyed) > 1:
        i, j = rng.sample(keyed, 2)
        (ki, vi), (kj, vj) = lines[i].split(":", 1), lines[j].split(":", 1)
        lines[i], lines[j] = f"{ki}:{vj}", f"{kj}:{vi}"


def _unicode(rng: random.Random, lines: list[str]) -> None:
    if lines:
        i = rng.randrange(len(lines))
        k = rng.randint(0, len(lines[i]))
        lines[i] = (
            lines[i][:k]
            + rng.choice(["🙂", "\u202e", "\u00a0", "\ufeff", "é", "\u2028"])
            + lines[i][k:]
        )


def _huge(rng: random.Random, lines: list[str]) -> None:
    keyed = _keyed(lines)
    if keyed:
        i = rng.choice(keyed)
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {rng.choice(['9' * 30, '-9' + '9' * 30, '1e999', '99999d', '0'])}"


def _indent(rng: random.Random, lines: list[str]) -> None:
    if lines:
        i = rng.randrange(len(lines))
        lines[i] = rng.choice(["  ", "\t", " "]) + lines[i]


SPEC_OPS: list[Callable[[random.Random, list[str]], None]] = [
    _delete, _duplicate, _retype, _swap, _unicode, _huge, _indent,
]  # fmt: skip


# --- Evidence ------------------------------------------------------------------------------


@functools.cache
def evidence_seeds() -> dict[str, list[tuple[str, str]]]:
    """Seed files per format: (name, text), each cut to its first 40 lines."""
    seeds: dict[str, list[tuple[str, str]]] = {k: [] for k in CLASSES[1:]}
    for path in sorted((EXAMPLES / "evidence").glob("*.jsonl")):
        seeds["accord-jsonl"].append((path.name, _head(path.read_text(encoding="utf-8"))))
    seeds["acled"] = [(p.name, _head(p.read_text(encoding="utf-8"))) for p in DATA.glob("acled*")]
    seeds["ucdp-ged"] = [(p.name, _head(p.read_text(encoding="utf-8"))) for p in DATA.glob("ucdp*")]
    seeds["accord-csv"] = _accord_csv(EXAMPLES / "evidence" / "gaza-2025-01.jsonl")
    return seeds


def _head(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[:lines]) + "\n"


def _accord_csv(path: Path) -> list[tuple[str, str]]:
    """The bundled file's sources and events, written as accord's two CSV formats."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    files = []
    for kind, name in (("source", "sources.csv"), ("event", "events.csv")):
        rows = [
            {k: v for k, v in r.items() if k != "record"} for r in records if r["record"] == kind
        ]
        header = sorted({k for r in rows for k in r})
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows[:30]:
            writer.writerow([_cell(row.get(k)) for k in header])
        files.append((name, out.getvalue()))
    return files


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value) if isinstance(value, dict | list) else str(value)


def evidence_cases(rng: random.Random, kind: str, count: int) -> list[Case]:
    """`count` files of format `kind`, each a seed with one to four mutations."""
    seeds = evidence_seeds()[kind]
    cases = []
    for n in range(count):
        name, text = rng.choice(seeds)
        lines = text.splitlines()
        done = []
        content: bytes | None = None
        for _ in range(rng.randint(1, 4)):
            op = rng.choice(JSONL_OPS if kind == "accord-jsonl" else CSV_OPS)
            op(rng, lines)
            done.append(op.__name__.strip("_"))
        content = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
        if rng.random() < 0.1:  # a byte that may not be UTF-8
            k = rng.randint(0, len(content))
            content = content[:k] + bytes([rng.randrange(256)]) + content[k:]
            done.append("byte")
        suffix = ".jsonl" if kind == "accord-jsonl" else ".csv"
        cases.append(Case(kind, f"{kind}-{n}:{name}:{'+'.join(done)}{suffix}", content))
    return cases


def _row(rng: random.Random, lines: list[str]) -> int | None:
    return rng.randrange(1, len(lines)) if len(lines) > 1 else None


def _csv_field(rng: random.Random, lines: list[str]) -> None:
    i = _row(rng, lines)
    if i is not None:
        try:
            fields = next(csv.reader([lines[i]]), [])
        except csv.Error:  # a line an earlier mutation broke: leave it broken
            return
        if fields:
            fields[rng.randrange(len(fields))] = rng.choice(HOSTILE)
            out = io.StringIO()
            csv.writer(out, lineterminator="").writerow(fields)
            lines[i] = out.getvalue()


def _csv_raw(rng: random.Random, lines: list[str]) -> None:
    """A character inserted as is: quotes and delimiters break the row's shape."""
    i = rng.randrange(len(lines)) if lines else None
    if i is not None:
        k = rng.randint(0, len(lines[i]))
        lines[i] = (
            lines[i][:k] + rng.choice(['"', ",", ";", "\t", "|", "\r", "'", "\x00"]) + lines[i][k:]
        )


def _header(rng: random.Random, lines: list[str]) -> None:
    if lines:
        names = lines[0].split(",")
        j = rng.randrange(len(names))
        choice = rng.random()
        if choice < 0.3:
            del names[j]
        elif choice < 0.6:
            names.append(names[j])
        else:
            names[j] = rng.choice(["", "x' || 'y", "driver's note", names[j].upper(), '"q"', "🙂"])
        lines[0] = ",".join(names)


def _truncate(rng: random.Random, lines: list[str]) -> None:
    if lines:
        i = rng.randrange(len(lines))
        lines[i] = lines[i][: rng.randint(0, len(lines[i]))]


def _json_value(rng: random.Random, lines: list[str]) -> None:
    i = rng.randrange(len(lines)) if lines else None
    if i is None:
        return
    try:
        record = json.loads(lines[i])
    except ValueError:
        return
    if isinstance(record, dict) and record:
        key = rng.choice([*record, "record", "colour"])
        choice = rng.random()
        if choice < 0.15:
            record.pop(key, None)
        elif choice < 0.3:
            record[key] = record.get(key) if key != "record" else rng.choice(["event", "claim"])
            record[rng.choice(["id", "source", "occurred_at"])] = rng.choice(JSON_VALUES)
        else:
            record[key] = rng.choice([*JSON_VALUES, rng.choice(HOSTILE)])
        lines[i] = json.dumps(record, ensure_ascii=rng.random() < 0.5)


def _json_raw(rng: random.Random, lines: list[str]) -> None:
    i = rng.randrange(len(lines)) if lines else None
    if i is not None:
        k = rng.randint(0, len(lines[i]))
        noise = rng.choice(["{", "}", "[" * 5000, '"', ",", "\\ud800", "NaN", "1" * 5000, "\x00"])
        lines[i] = lines[i][:k] + noise + lines[i][k:]


CSV_OPS = [_delete, _duplicate, _csv_field, _csv_field, _csv_raw, _header, _truncate]
JSONL_OPS = [_delete, _duplicate, _json_value, _json_value, _json_raw, _truncate]


# --- Running --------------------------------------------------------------------------------


def run_case(case: Case, folder: Path) -> tuple[str, str]:
    """(outcome, detail): `clear` (refused with accord's errors), `accepted` or `internal`."""
    try:
        if case.kind == "spec":
            return _run_spec(case, folder)
        return _run_evidence(case, folder)
    except Exception as exc:  # anything raised is an internal error: the point of the run
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return (
            "internal",
            f"{type(exc).__name__}: {str(exc)[:200]} ({where.filename}:{where.lineno})",
        )


def _run_spec(case: Case, folder: Path) -> tuple[str, str]:
    import click

    from accord import load_spec_text
    from accord.cli.main import cli

    text = case.content.decode("utf-8", "surrogatepass")
    result = load_spec_text(text)
    path = folder / "spec.yaml"
    path.write_bytes(case.content)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            code = cli.main(["validate", str(path)], standalone_mode=False)
        except click.exceptions.Exit as exit_:
            code = exit_.exit_code
        except click.ClickException:
            code = 2
    if result.ok != (code in (0, None)):
        return "internal", f"load_spec_text ok={result.ok} but accord validate exit {code}"
    return ("accepted", "") if result.ok else ("clear", result.errors[0].code)


def _run_evidence(case: Case, folder: Path) -> tuple[str, str]:
    from accord.evidence.ingest import ingest_file
    from accord.evidence.reasons import FILE_REASONS, ROW_REASONS
    from accord.evidence.store import Store

    path = folder / case.name.rsplit(":", 1)[-1].replace("/", "_")
    path.write_bytes(case.content)
    db = folder / "fuzz.duckdb"
    with Store(db) as store:
        if case.kind == "accord-csv":  # events cite sources: import the seed's, unmutated
            sources = folder / "seed-sources.csv"
            sources.write_text(dict(evidence_seeds()["accord-csv"])["sources.csv"], "utf-8")
            ingest_file(store, sources)
        report = ingest_file(store, path)
    for suffix in ("", ".wal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    if report.failure is not None:
        known = report.failure.reason in FILE_REASONS
        return ("clear", report.failure.reason) if known else ("internal", report.failure.reason)
    unknown = [p.reason for p in report.problems if p.reason not in ROW_REASONS]
    if unknown:
        return "internal", f"unknown reason {unknown[0]}"
    return ("accepted", "") if report.status == "ok" else ("clear", report.problems[0].reason)


def worker() -> None:
    """Read cases (JSON lines) on stdin, answer each with its outcome on stdout."""
    with tempfile.TemporaryDirectory(prefix="accord-fuzz-") as folder:
        for line in sys.stdin:
            message = json.loads(line)
            case = Case(message["kind"], message["name"], base64.b64decode(message["content"]))
            start = time.perf_counter()
            outcome, detail = run_case(case, Path(folder))
            seconds = time.perf_counter() - start
            print(
                json.dumps({"outcome": outcome, "detail": detail, "seconds": seconds}), flush=True
            )


@dataclass
class Tally:
    tried: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    slowest: tuple[float, str] = (0.0, "")
    internal: list[str] = field(default_factory=list)


class Runner:
    """A worker process, replaced when a case hangs."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.process = self._start()

    def _start(self) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, __file__, "--worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip

    def run(self, case: Case) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        content = base64.b64encode(case.content).decode("ascii")
        message = {"kind": case.kind, "name": case.name, "content": content}
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], self.timeout)
        line = self.process.stdout.readline() if ready else ""
        if line:
            answer: dict[str, Any] = json.loads(line)
            return answer
        self.close(kill=True)
        self.process = self._start()
        died = "hang" if not ready else "internal"
        return {"outcome": died, "detail": "no answer", "seconds": self.timeout}

    def close(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        elif self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=260, help="cases per class")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per case")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return
    rng = random.Random(args.seed)
    cases = spec_cases(rng, args.cases * 4)
    for kind in CLASSES[1:]:
        cases += evidence_cases(rng, kind, args.cases)
    tallies = {kind: Tally() for kind in CLASSES}
    runner = Runner(args.timeout)
    started = time.perf_counter()
    for case in cases:
        answer = runner.run(case)
        tally = tallies[case.kind]
        tally.tried += 1
        tally.outcomes[answer["outcome"]] = tally.outcomes.get(answer["outcome"], 0) + 1
        tally.slowest = max(tally.slowest, (answer["seconds"], case.name))
        if answer["outcome"] in ("internal", "hang"):
            tally.internal.append(f"{case.name}: {answer['detail']}")
    runner.close()
    print(f"{len(cases):,} cases in {time.perf_counter() - started:.0f} s (seed {args.seed})")
    print(f"{'class':14}{'tried':>7}{'clear error':>13}{'accepted':>10}{'internal':>10}{'hang':>6}"
          "  slowest case")  # fmt: skip
    for kind, tally in tallies.items():
        o = tally.outcomes
        print(f"{kind:14}{tally.tried:7}{o.get('clear', 0):13}{o.get('accepted', 0):10}"
              f"{o.get('internal', 0):10}{o.get('hang', 0):6}  "
              f"{tally.slowest[0]:.2f} s {tally.slowest[1][:60]}")  # fmt: skip
    for kind, tally in tallies.items():
        for line in tally.internal[:10]:
            print(f"  {kind}: {line}")


if __name__ == "__main__":
    main()
