"""Benchmark: `accord validate` on large generated specs stays linear in the size of the file.

For specs of 1,000, 10,000 and 40,000 provisions (about 5 MB at 37,000, the size of the outside
probe's spec), prints the time to parse the YAML alone (ruamel's round-trip composer, the loader
accord uses), the time of accord's whole validation of the same text (parsing included), their
ratio, and the peak memory of the process doing it. Validation is linear when the ratio stays
roughly constant as the spec grows. Each size runs in a fresh process, so that its peak memory
is its own.

    python benchmarks/validate.py [--sizes 1000,10000,40000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from ruamel.yaml import YAML

from accord.load import load_spec_text

PARTIES = [f"p{i}" for i in range(10)]
PHASES = 10


def make_spec(provisions: int) -> str:
    """A valid agreement of `provisions` provisions of every common shape, in block style.

    Quantities with deadlines, instalment schedules, deadlines that refer to other provisions,
    prohibitions, rates and exchanges, spread over 10 parties and a chain of 10 phases.
    """
    lines = [
        "accord: 1", "kind: agreement", "id: bench", "title: Benchmark agreement (synthetic)",
        "in_force: 2025-01-01T12:00+02:00", "day_one: in_force", "timezone: '+02:00'",
        "sources:", "  wire: {publisher: Example Wire, published: 2025-01-01}",
        "parties:", *(f"  {p}: {{name: Party {p}}}" for p in PARTIES),
        "conditions:", "  talks-held: {name: Talks held}",
        "categories:", "  captive: [civilian, soldier]",
        "phases:", "  ph0: {start: in_force, duration: 42d}",
        *(f"  ph{n}: {{start: ph{n - 1}.end, duration: 42d}}" for n in range(1, PHASES)),
        "provisions:",
    ]  # fmt: skip
    for i in range(provisions):
        lines += [f"  x{i}:", f"    phase: ph{i % PHASES}", f"    party: {PARTIES[i % 10]}"]
        shape = i % 6
        if shape == 0:
            lines += [
                "    action: release", "    object: captive", "    categories: [civilian]",
                "    quantity: 10", f"    deadline: day {1 + i % 400}", "    source: wire",
            ]  # fmt: skip
        elif shape == 1:
            lines += [
                "    action: release", "    object: captive", "    quantity: 6", "    schedule:",
                "      - {due: day 1, quantity: 3}", "      - {due: day 8, quantity: 3}",
            ]  # fmt: skip
        elif shape == 2:
            lines += [
                "    action: withdraw", f"    deadline: x{i - 2}.deadline + 2d",
                "    condition: [talks-held]", "    text: Withdraws two days after the release.",
            ]  # fmt: skip
        elif shape == 3:
            lines += ["    kind: prohibition", "    action: attack"]
        elif shape == 4:
            lines += ["    action: admit_aid", "    rate: {quantity: 40, unit: truck, per: 1d}"]
        else:
            lines += [
                "    action: release", "    object: captive",
                f"    exchange: {{for: x{i - 5}, ratio: {{civilian: 3, any: 1}}, within: 7d}}",
            ]  # fmt: skip
    return "\n".join(lines) + "\n"


def measure(provisions: int) -> dict[str, float]:
    """Time the YAML parse and the whole validation of one generated spec, in this process."""
    text = make_spec(provisions)
    started = time.perf_counter()
    YAML(typ="rt", pure=True).compose(text)
    parsed = time.perf_counter() - started
    started = time.perf_counter()
    result = load_spec_text(text)
    validated = time.perf_counter() - started
    if not result.ok:
        raise SystemExit("the generated spec is invalid: " + result.errors[0].format())
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "provisions": provisions,
        "megabytes": len(text.encode()) / 1e6,
        "parse": parsed,
        "validate": validated,
        "peak_mb": peak_kib / 1024,
    }


def main() -> None:
    """Run each size in a child process and print one row per size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,40000", help="provision counts")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(measure(args.child)))
        return
    header = ("provisions", "MB", "parse s", "validate s", "ratio", "peak MB")
    print(" ".join(f"{h:>{w}}" for h, w in zip(header, (10, 6, 9, 11, 6, 8), strict=True)))
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        row = json.loads(out)
        print(
            f"{row['provisions']:>10,} {row['megabytes']:>6.2f} {row['parse']:>9.2f} "
            f"{row['validate']:>11.2f} {row['validate'] / row['parse']:>6.2f} "
            f"{row['peak_mb']:>8.0f}"
        )


if __name__ == "__main__":
    main()
