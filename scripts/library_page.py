"""Generate docs/library.md, the page that describes accord's bundled specs and evidence.

Run `python scripts/library_page.py` to rewrite the page, `--check` to compare it with a fresh
render (exit 1 when it differs). Everything on the page comes from the bundled data through the
public API and the engine, so the page stays true to the data: regenerate it after a change.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from accord.engine.results import Evaluation
from accord.examples import evidence_files, example_files
from accord.load import load_spec
from accord.schedule.resolve import spec_timezone
from accord.schedule.timeline import Timeline, TimelineEntry, resolve_timeline
from accord.session import evaluate_days, open_example
from accord.spec.models import Spec

PAGE = Path(__file__).resolve().parent.parent / "docs" / "library.md"
COMMAND = ".venv/bin/python scripts/library_page.py"
POLICY = "all"
OPEN = "open"

INTRO = f"""\
# The bundled library

accord ships real agreements, proposals and stated positions as example specs
(`src/accord/examples/<slug>.yaml`), and for each agreement a file of implementation records
(`src/accord/examples/evidence/<slug>.jsonl`: sources, events and attributed claims). This page
lists them with what each spec contains and what the engine makes of the evidence.

The page is generated from that data by `scripts/library_page.py`; do not edit it by hand.
Regenerate it from the repository root with:

```
{COMMAND}
```

`{COMMAND} --check` exits 1 when the page differs from a fresh render, and
`tests/test_library_page.py` fails then. The replay counts come from the engine, so a change to
the engine or to the data can shift them: regenerating the page brings it up to date, and its
diff shows what changed.

How to read it:

- Dates are resolved by the timeline (as `accord timeline` shows them), in the spec's timezone.
  A phase start or end is **{OPEN}** when it does not resolve from the spec alone: no in-force
  date (a proposal or position), no end given, or an end that depends on events. Amended dates
  are shown as amended.
- Specs are sorted by slug, agreements first; parties and phases are in the order of the spec.
- Evidence counts are the rows the store holds after importing the agreement's file.
- The replay evaluates the spec against its evidence file under the `{POLICY}` policy (every
  record counts, including claims attributed to one party) at the end of each key date: the end
  of each phase whose end resolves, if it is on or before the day of the last event, and the day
  of the last event in the file. It gives the number of provisions in each state (most frequent
  first) and the number of violation records (acts counted against a prohibition; an
  obligation missed is a provision in state `violated`, not a violation record). These are
  accord's reading of the bundled records, not a finding on compliance; the spec and evidence
  files give the source of each term and record.
"""


@dataclass(frozen=True)
class Entry:
    """One bundled spec, its timeline, and its evidence file if it has one."""

    slug: str
    spec: Spec
    timeline: Timeline
    evidence: Traversable | None


@dataclass(frozen=True)
class Replay:
    """The evaluation at one key date, with why that date was chosen."""

    day: date
    reasons: tuple[str, ...]
    evaluation: Evaluation


def load_entries() -> list[Entry]:
    """Every bundled spec: agreements first, then proposals and positions, each sorted by slug."""
    evidence = {f.name.removesuffix(".jsonl"): f for f in evidence_files()}
    entries = []
    for file in example_files():
        slug = file.name.removesuffix(".yaml")
        with resources.as_file(file) as path:
            loaded = load_spec(path)
        if loaded.spec is None:
            problems = "; ".join(e.format() for e in loaded.errors)
            raise SystemExit(f"{file.name} does not load: {problems}")
        spec = loaded.spec
        entries.append(Entry(slug, spec, resolve_timeline(spec), evidence.get(slug)))
    return sorted(entries, key=lambda e: (e.spec.kind != "agreement", e.slug))


def current(timeline: Timeline, term: str, what: str) -> TimelineEntry | None:
    """The entry of `term.what` as amended (the version no later amendment supersedes)."""
    return next((e for e in timeline.find(term, what) if e.superseded_by is None), None)


def moment_text(entry: TimelineEntry | None) -> str:
    """A resolved date or instant, or `open`."""
    moment = entry.point.moment if entry else None
    return f"`{moment.iso()}`" if moment else OPEN


def count(n: int, noun: str) -> str:
    """`1 claim`, `2 claims`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def timezone_text(spec: Spec) -> str:
    """The timezone the spec gives, or the one the engine falls back to."""
    if spec.timezone:
        return f"`{spec.timezone}`"
    return f"not set (the engine uses `{spec_timezone(spec)}`)"


def header(entry: Entry) -> list[str]:
    """Title, kind, in-force instant, timezone and day-one convention."""
    spec, moment = entry.spec, entry.timeline.in_force.moment
    in_force = f"`{moment.iso()}`" if moment else f"none ({spec.kind})"
    return [
        f"### `{entry.slug}`",
        "",
        f"**{spec.title}**",
        "",
        f"- id: `{spec.id}`",
        f"- kind: {spec.kind}",
        f"- in force: {in_force}",
        f"- timezone: {timezone_text(spec)}",
        f"- day one: {f'`{spec.day_one}`' if spec.day_one else 'not set'}",
    ]


def parties(spec: Spec) -> list[str]:
    """One line per party: name, id and role."""
    lines = ["", "Parties:", ""]
    lines += [f"- {p.name} (`{pid}`): {p.role}" for pid, p in spec.parties.items()]
    return lines


def phases(entry: Entry) -> list[str]:
    """A table of phases with their resolved start and end."""
    if not entry.spec.phases:
        return ["", "Phases: none."]
    lines = ["", "| phase | start | end |", "|---|---|---|"]
    for pid in entry.spec.phases:
        start = moment_text(current(entry.timeline, pid, "start"))
        end = moment_text(current(entry.timeline, pid, "end"))
        lines.append(f"| `{pid}` | {start} | {end} |")
    return lines


def terms(spec: Spec) -> list[str]:
    """Counts of the terms of a spec."""
    prohibitions = sum(p.kind == "prohibition" for p in spec.provisions.values())
    return [
        "",
        f"Terms: {count(len(spec.provisions), 'provision')} "
        f"(of which {count(prohibitions, 'prohibition')}), "
        f"{count(len(spec.amendments), 'amendment')}, {count(len(spec.powers), 'power')}, "
        f"{count(len(spec.conditions), 'condition')}, {count(len(spec.sources), 'source')}.",
    ]


def key_days(entry: Entry, last_event: date) -> list[tuple[date, tuple[str, ...]]]:
    """The replay dates: resolved phase ends up to the last event's day, and that day."""
    reasons: dict[date, list[str]] = {last_event: []}
    for pid in entry.spec.phases:
        end = current(entry.timeline, pid, "end")
        moment = end.point.moment if end else None
        if moment is not None and moment.day <= last_event:
            reasons.setdefault(moment.day, []).append(f"end of `{pid}`")
    reasons[last_event].append("last event")
    return [(day, tuple(reasons[day])) for day in sorted(reasons)]


def replays(entry: Entry, evidence: Traversable) -> tuple[dict[str, int], list[Replay]]:
    """Import the evidence file into a fresh store; evaluate the spec at each key date."""
    spec, store = open_example(evidence.name.removesuffix(".jsonl"))
    with store:
        counts = store.counts()
        last = store.last_event_day()
        if last is None:
            return counts, []
        days = key_days(entry, last)
        found = evaluate_days(spec, store, [day.isoformat() for day, _ in days], POLICY)
        return counts, [Replay(day, why, e) for (day, why), e in zip(days, found, strict=True)]


def states_text(evaluation: Evaluation) -> str:
    """Provisions per state, most frequent first, ties by state name."""
    counts = Counter(p.state for p in evaluation.provisions)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{state} {n}" for state, n in ordered) or "no provisions"


def evidence_section(entry: Entry, evidence: Traversable) -> list[str]:
    """Evidence counts and the replay table of one agreement."""
    counts, runs = replays(entry, evidence)
    lines = [
        "",
        f"Evidence (`evidence/{evidence.name}`): {count(counts['sources'], 'source')}, "
        f"{count(counts['events'], 'event')}, {count(counts['claims'], 'claim')}.",
    ]
    if not runs:
        return [*lines, "", "Replay: no events to replay."]
    lines += [
        "",
        f"Replay (policy `{POLICY}`):",
        "",
        "| as of (end of day) | key date | provisions by state | violation records |",
        "|---|---|---|---|",
    ]
    for run in runs:
        why = ", ".join(run.reasons)
        lines.append(
            f"| {run.day.isoformat()} | {why} | {states_text(run.evaluation)} "
            f"| {len(run.evaluation.violations)} |"
        )
    return lines


def section(entry: Entry) -> list[str]:
    """Everything the page says about one spec."""
    lines = header(entry) + parties(entry.spec) + phases(entry) + terms(entry.spec)
    if entry.spec.kind == "agreement":
        if entry.evidence is None:
            lines += ["", "Evidence: no bundled file."]
        else:
            lines += evidence_section(entry, entry.evidence)
    return [*lines, ""]


def summary(entries: list[Entry]) -> list[str]:
    """An index table: one row per spec."""
    lines = ["| spec | kind | in force | provisions | phases |", "|---|---|---|---|---|"]
    for entry in entries:
        moment = entry.timeline.in_force.moment
        in_force = moment.day.isoformat() if moment else "none"
        lines.append(
            f"| [`{entry.slug}`](#{entry.slug}) | {entry.spec.kind} | {in_force} "
            f"| {len(entry.spec.provisions)} | {len(entry.spec.phases)} |"
        )
    return lines


def render() -> str:
    """The whole page, as Markdown; a pure function of the bundled data and the engine."""
    entries = load_entries()
    agreements = [e for e in entries if e.spec.kind == "agreement"]
    others = [e for e in entries if e.spec.kind != "agreement"]
    lines = [INTRO, "## Index", "", *summary(entries), "", "## Agreements", ""]
    for entry in agreements:
        lines += section(entry)
    lines += ["## Proposals and positions", ""]
    for entry in others:
        lines += section(entry)
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write docs/library.md, or with `--check` exit 1 if it differs from a fresh render."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 if stale")
    args = parser.parse_args(argv)
    page = render()
    if args.check:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != page:
            print(f"{PAGE.name} is out of date; regenerate it with `{COMMAND}`", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(page, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
