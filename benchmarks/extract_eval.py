"""Score `accord extract` against the gold corpus in tests/extract/corpus/.

Usage: python benchmarks/extract_eval.py [CORPUS_DIR] [--json] [--show-errors]

Matching:
- claims: greedy best pairs by span overlap, overlap = shared characters / the longer span;
  a pair counts at >= 0.3 (and, reported too, >= 0.8). Speaker, cue, kind, actor and outlet are
  then compared on the matched pairs (speaker case-insensitive, "the"/"a" and trailing
  punctuation ignored; "lenient" also accepts the same head written with or without an
  apposition or title: "Mona Farid, a researcher" / "Mona Farid", "Netanyahu" / "Prime Minister
  Benjamin Netanyahu").
- quantities: overlapping spans with the same value, value_max, modifier and counted noun
  (case-insensitive); "value" scores overlapping spans with the same value only.
- dates: detection by overlapping spans; resolution = same granularity and value/interval, over
  the matched pairs.
- lines (plain-text articles): article text = non-blank lines not listed as furniture or caption.
For HTML articles gold offsets are null: each gold item is located by its text in the main text
the extractor works on (first occurrence after the previous item of the same type).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from accord.extract.models import Extraction
from accord.extract.pipeline import extract_article
from accord.extract.text import read_article

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "extract" / "corpus"
TARGETS = {
    "claims_precision": 0.85,
    "claims_recall": 0.70,
    "speaker_accuracy": 0.85,
    "quantities_f1": 0.85,
    "dates_precision": 0.90,
    "dates_recall": 0.85,
    "dates_resolution": 0.85,
    "text_line_recall": 0.97,
    "text_line_precision": 0.95,
    "articles_per_second": 50.0,
}


@dataclass
class Tally:
    """Counts for one item type."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def scores(self) -> dict[str, float]:
        """Precision, recall, F1."""
        p = self.matched / self.predicted if self.predicted else 1.0
        r = self.matched / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


@dataclass
class Totals:
    """Everything counted over the corpus."""

    claims30: Tally = field(default_factory=Tally)
    claims80: Tally = field(default_factory=Tally)
    agree: dict[str, int] = field(default_factory=dict)
    quantities: Tally = field(default_factory=Tally)
    quantity_values: Tally = field(default_factory=Tally)
    dates: Tally = field(default_factory=Tally)
    dates_resolved: int = 0
    text_lines: Tally = field(default_factory=Tally)
    errors: list[str] = field(default_factory=list)


def _norm(phrase: str | None) -> str:
    words = re.sub(r"[^\w\s'\u2019-]", " ", (phrase or "").lower()).split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _lenient(gold: str | None, predicted: str | None) -> bool:
    """The same speaker written with or without an apposition or a title: "Mona Farid" and
    "Mona Farid, a researcher"; "Netanyahu" and "Prime Minister Benjamin Netanyahu"."""
    a, b = _norm(gold), _norm(predicted)
    if a == b:
        return True
    head_a = _norm((gold or "").split(",")[0])
    head_b = _norm((predicted or "").split(",")[0])
    if head_a and head_a == head_b:
        return True
    short, long = sorted((head_a, head_b), key=len)
    return bool(short) and (long.endswith(" " + short) or long.startswith(short + " "))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    longest = max(a[1] - a[0], b[1] - b[0], 1)
    return max(shared, 0) / longest


def _greedy(
    gold: list[tuple[int, int]], predicted: list[tuple[int, int]], threshold: float
) -> list[tuple[int, int]]:
    pairs = sorted(
        ((_overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for score, i, j in pairs:
        if score < threshold or score <= 0:
            break
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def _locate(text: str, items: list[dict[str, Any]], key: str) -> list[tuple[int, int]]:
    """Offsets of gold items: given, or found by their text (HTML)."""
    spans = []
    cursor = 0
    for item in items:
        if item.get("start") is not None:
            spans.append((item["start"], item["end"]))
            continue
        needle = item[key]
        found = text.find(needle, cursor)
        if found < 0:
            found = text.find(needle)
        if found < 0:
            spans.append((-10, -5))  # unmatched on purpose
            continue
        spans.append((found, found + len(needle)))
        cursor = found + 1  # the next item is later or nested, never at the same spot
    return spans


def score_article(gold: dict[str, Any], result: Extraction, totals: Totals, name: str) -> None:
    """Add one article's counts to the totals."""
    text = result.article.text
    _score_claims(gold, result, totals, name, text)
    _score_quantities(gold, result, totals, name, text)
    _score_dates(gold, result, totals, name, text)
    if result.article.fmt == "text" and gold.get("lines") is not None:
        _score_lines(gold, result, totals, name, text)


def _score_claims(
    gold: dict[str, Any], result: Extraction, totals: Totals, name: str, text: str
) -> None:
    g_spans = _locate(text, gold["claims"], "content")
    p_spans = [(c.start, c.end) for c in result.claims]
    for tally, threshold in ((totals.claims30, 0.3), (totals.claims80, 0.8)):
        tally.gold += len(g_spans)
        tally.predicted += len(p_spans)
        tally.matched += len(_greedy(g_spans, p_spans, threshold))
    pairs = _greedy(g_spans, p_spans, 0.3)
    for i, j in pairs:
        g, p = gold["claims"][i], result.claims[j]
        checks = {
            "speaker": _norm(g["speaker"]) == _norm(p.speaker),
            "speaker_lenient": _lenient(g["speaker"], p.speaker),
            "cue": (g.get("cue") or "").lower() == (p.cue or "").lower(),
            "kind": g["kind"] == p.kind,
            "actor": g.get("actor") == p.actor,
            "outlet": _norm(g.get("outlet")) == _norm(p.outlet),
        }
        for key, ok in checks.items():
            totals.agree[key] = totals.agree.get(key, 0) + int(ok)
        if not checks["speaker_lenient"] or not checks["actor"]:
            totals.errors.append(
                f"{name}: claim speaker/actor: gold {g['speaker']!r}/{g.get('actor')} "
                f"got {p.speaker!r}/{p.actor} ({p.rule}) :: {g['content'][:50]!r}"
            )
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    for i, g in enumerate(gold["claims"]):
        if i not in matched_g:
            totals.errors.append(
                f"{name}: claim missed: {g['speaker']!r} {g['cue']} :: {g['content'][:80]!r}"
            )
    for j, p in enumerate(result.claims):
        if j not in matched_p:
            totals.errors.append(
                f"{name}: claim extra: {p.speaker!r} {p.cue} ({p.rule}) :: {p.content[:80]!r}"
            )


def _same_quantity(g: dict[str, Any], p: Any) -> bool:
    return (
        float(g["value"]) == p.value
        and (g.get("value_max") is None) == (p.value_max is None)
        and (g.get("value_max") is None or float(g["value_max"]) == p.value_max)
        and g.get("modifier") == p.modifier
        and _norm(g.get("noun")) == _norm(p.noun)
    )


def _score_quantities(
    gold: dict[str, Any], result: Extraction, totals: Totals, name: str, text: str
) -> None:
    g_spans = _locate(text, gold["quantities"], "text")
    predicted = list(result.quantities)
    totals.quantities.gold += len(g_spans)
    totals.quantities.predicted += len(predicted)
    totals.quantity_values.gold += len(g_spans)
    totals.quantity_values.predicted += len(predicted)
    full, values = set(), set()
    used_full: set[int] = set()
    used_value: set[int] = set()
    for i, (g, span) in enumerate(zip(gold["quantities"], g_spans, strict=True)):
        for j, p in enumerate(predicted):
            if _overlap(span, (p.start, p.end)) <= 0:
                continue
            if j not in used_value and float(g["value"]) == p.value and i not in values:
                values.add(i)
                used_value.add(j)
            if j not in used_full and _same_quantity(g, p) and i not in full:
                full.add(i)
                used_full.add(j)
    totals.quantities.matched += len(full)
    totals.quantity_values.matched += len(values)
    for i, g in enumerate(gold["quantities"]):
        if i not in full:
            got = [
                f"{p.text!r}:{p.value}/{p.modifier}/{p.noun}"
                for p in predicted
                if _overlap(g_spans[i], (p.start, p.end)) > 0
            ]
            wanted = f"{g['value']}/{g.get('modifier')}/{g.get('noun')}"
            totals.errors.append(f"{name}: quantity missed: {g['text']!r} {wanted} got {got}")
    for j, p in enumerate(predicted):
        if j not in used_full and not any(_overlap(s, (p.start, p.end)) > 0 for s in g_spans):
            totals.errors.append(f"{name}: quantity extra: {p.text!r}")


def _score_dates(
    gold: dict[str, Any], result: Extraction, totals: Totals, name: str, text: str
) -> None:
    g_spans = _locate(text, gold["dates"], "text")
    p_spans = [(d.start, d.end) for d in result.dates]
    totals.dates.gold += len(g_spans)
    totals.dates.predicted += len(p_spans)
    pairs = _greedy(g_spans, p_spans, 0.01)
    totals.dates.matched += len(pairs)
    for i, j in pairs:
        g, p = gold["dates"][i], result.dates[j]
        interval = list(p.interval) if p.interval else None
        ok = (
            g["granularity"] == p.granularity
            and g.get("value") == p.value
            and g.get("interval") == interval
        )
        totals.dates_resolved += int(ok)
        if not ok:
            totals.errors.append(
                f"{name}: date resolved wrong: {g['text']!r} gold {g['granularity']} "
                f"{g.get('value') or g.get('interval')} got {p.granularity} {p.value or interval}"
            )
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    for i, g in enumerate(gold["dates"]):
        if i not in matched_g:
            totals.errors.append(f"{name}: date missed: {g['text']!r}")
    for j, p in enumerate(result.dates):
        if j not in matched_p:
            totals.errors.append(f"{name}: date extra: {p.text!r} ({p.rule})")


def _score_lines(
    gold: dict[str, Any], result: Extraction, totals: Totals, name: str, text: str
) -> None:
    other = set(gold["lines"].get("furniture", [])) | set(gold["lines"].get("caption", []))
    lines = text.splitlines()
    gold_text = {i + 1 for i, line in enumerate(lines) if line.strip() and i + 1 not in other}
    predicted = {ln.number for ln in result.lines if ln.kind == "text"}
    totals.text_lines.gold += len(gold_text)
    totals.text_lines.predicted += len(predicted)
    totals.text_lines.matched += len(gold_text & predicted)
    for number in sorted(gold_text - predicted):
        totals.errors.append(f"{name}: text line dropped: {number}: {lines[number - 1][:80]!r}")
    for number in sorted(predicted - gold_text):
        totals.errors.append(f"{name}: furniture kept: {number}: {lines[number - 1][:80]!r}")


def run(corpus: Path) -> tuple[dict[str, Any], Totals]:
    """Extract every gold article and score it; also time the extraction."""
    totals = Totals()
    articles = []
    for gold_path in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        path = corpus / gold["article"]
        article = read_article(path, date.fromisoformat(gold["published"]))
        articles.append(article)
        score_article(gold, extract_article(article), totals, path.name)
    figures = _figures(totals)
    figures["articles"] = len(articles)
    figures.update(_throughput(articles))
    return figures, totals


def _throughput(articles: list[Any]) -> dict[str, float]:
    """Articles per second over the corpus, and on a 700-word article made of corpus lines
    (one process, one thread: per core)."""
    if not articles:
        return {}
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    rounds = 5
    started = time.perf_counter()
    for _ in range(rounds):
        for article in articles:
            extract_article(article)
    per_second = rounds * len(articles) / (time.perf_counter() - started)
    sample = _article_of(700, articles)
    runs = 200
    started = time.perf_counter()
    for _ in range(runs):
        extract_article(sample)
    return {
        "articles_per_second": round(per_second, 1),
        "mean_words_per_article": round(words, 1),
        "articles_per_second_at_700_words": round(runs / (time.perf_counter() - started), 1),
    }


def _article_of(words: int, articles: list[Any]) -> Any:
    lines: list[str] = []
    count = 0
    for line in (ln for a in articles if a.fmt == "text" for ln in a.text.splitlines()):
        if count >= words:
            break
        lines.append(line)
        count += len(line.split())
    return replace(articles[0], text="\n".join(lines), fmt="text")


def _figures(t: Totals) -> dict[str, Any]:
    matched = t.claims30.matched or 1
    agree = {k: round(v / matched, 3) for k, v in t.agree.items()}
    dates = t.dates.scores()
    return {
        "claims@0.3": t.claims30.scores()
        | {"gold": t.claims30.gold, "predicted": t.claims30.predicted},
        "claims@0.8": t.claims80.scores(),
        "claims_matched_agreement": agree,
        "quantities": t.quantities.scores()
        | {"gold": t.quantities.gold, "predicted": t.quantities.predicted},
        "quantity_values": t.quantity_values.scores(),
        "dates": dates | {"gold": t.dates.gold, "predicted": t.dates.predicted},
        "date_resolution_accuracy": round(t.dates_resolved / t.dates.matched, 3)
        if t.dates.matched
        else 1.0,
        "text_lines": t.text_lines.scores(),
    }


def _verdicts(f: dict[str, Any]) -> dict[str, tuple[float, float, bool]]:
    got = {
        "claims_precision": f["claims@0.3"]["precision"],
        "claims_recall": f["claims@0.3"]["recall"],
        "speaker_accuracy": f["claims_matched_agreement"].get("speaker_lenient", 0.0),
        "quantities_f1": f["quantities"]["f1"],
        "dates_precision": f["dates"]["precision"],
        "dates_recall": f["dates"]["recall"],
        "dates_resolution": f["date_resolution_accuracy"],
        "text_line_recall": f["text_lines"]["recall"],
        "text_line_precision": f["text_lines"]["precision"],
        "articles_per_second": f.get("articles_per_second_at_700_words", 0.0),
    }
    return {k: (v, TARGETS[k], v >= TARGETS[k]) for k, v in got.items()}


def main(argv: list[str] | None = None) -> int:
    """Print the figures (and, with --show-errors, every mismatch); exit 0 when targets are met."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show-errors", action="store_true", help="list every mismatch")
    args = parser.parse_args(argv)
    figures, totals = run(args.corpus)
    verdicts = _verdicts(figures)
    if args.json:
        figures["targets"] = {
            k: {"value": v, "target": t, "met": ok} for k, (v, t, ok) in verdicts.items()
        }
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:36} {value}")
        print()
        for key, (value, target, ok) in verdicts.items():
            print(f"{'ok  ' if ok else 'MISS'} {key:24} {value:>8} (target {target})")
    if args.show_errors:
        print("\n".join(totals.errors), file=sys.stderr)
    return 0 if all(ok for _, _, ok in verdicts.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
