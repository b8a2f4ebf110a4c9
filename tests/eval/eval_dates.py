"""Evaluate the publication-date extractors on labelled snippets (htmldate's evaluation style).

    python tests/eval/eval_dates.py [cases.jsonl]

Each case is a list row or an article page's visible text with the date a reader would call its publication
date, or null. TP: a date predicted and equal to the expected one; FP: a date predicted but the expected one
is null or different (a wrong date counts as FP only); FN: a date expected and none predicted; TN: both null.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from auditor.extract.dates import FoundDate, detail_page_date, list_item_date  # noqa: E402 (after sys.path)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

CASES_PATH = Path(__file__).with_name("dates_cases.jsonl")
EXTRACTORS: dict[str, Callable[..., FoundDate | None]] = {"list": list_item_date, "detail": detail_page_date}


def load_cases(path: Path = CASES_PATH) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _scores(outcomes: Iterable[str]) -> dict:
    counts = dict.fromkeys(("TP", "FP", "TN", "FN"), 0)
    for outcome in outcomes:
        counts[outcome] += 1
    n = sum(counts.values())
    precision = counts["TP"] / (counts["TP"] + counts["FP"]) if counts["TP"] + counts["FP"] else 0.0
    recall = counts["TP"] / (counts["TP"] + counts["FN"]) if counts["TP"] + counts["FN"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = (counts["TP"] + counts["TN"]) / n if n else 0.0
    return counts | {"N": n, "precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy}


def _outcome(expected: str | None, predicted: str | None) -> str:
    if predicted is None:
        return "TN" if expected is None else "FN"
    return "TP" if predicted == expected else "FP"


def evaluate(cases: list[dict]) -> dict:
    """Run every case; return overall and per-kind scores, the misclassified cases and timing."""
    results = []
    started = time.perf_counter()
    for case in cases:
        found = EXTRACTORS[case["kind"]](case["text"], as_of=date.fromisoformat(case["as_of"]))
        predicted = found.value.isoformat() if found else None
        results.append(case | {"predicted": predicted, "outcome": _outcome(case["expected"], predicted)})
    elapsed = time.perf_counter() - started
    return {
        "overall": _scores(r["outcome"] for r in results),
        "by_kind": {kind: _scores(r["outcome"] for r in results if r["kind"] == kind) for kind in EXTRACTORS},
        "errors": [r for r in results if r["outcome"] in {"FP", "FN"}],
        "seconds": elapsed,
        "seconds_per_case": elapsed / len(results) if results else 0.0,
    }


def _row(name: str, s: dict) -> str:
    return (
        f"{name:<8}{s['N']:>5}{s['TP']:>5}{s['FP']:>5}{s['TN']:>5}{s['FN']:>5}"
        f"{s['precision']:>11.3f}{s['recall']:>8.3f}{s['accuracy']:>10.3f}{s['f1']:>7.3f}"
    )


def main(argv: list[str]) -> int:
    cases = load_cases(Path(argv[0]) if argv else CASES_PATH)
    report = evaluate(cases)
    print(f"dates eval — {datetime.now().isoformat(timespec='seconds')}, Python {platform.python_version()}")
    print(
        f"{'kind':<8}{'N':>5}{'TP':>5}{'FP':>5}{'TN':>5}{'FN':>5}{'precision':>11}{'recall':>8}{'accuracy':>10}{'F1':>7}"
    )
    for kind, scores in report["by_kind"].items():
        print(_row(kind, scores))
    print(_row("all", report["overall"]))
    print(f"time: {report['seconds'] * 1000:.1f} ms total, {report['seconds_per_case'] * 1e6:.0f} µs per case")
    if report["errors"]:
        print(f"\nmisclassified ({len(report['errors'])}):")
        for error in report["errors"]:
            text = error["text"].replace("\n", "⏎")[:90]
            print(f"  {error['id']} {error['outcome']} expected={error['expected']} got={error['predicted']}")
            print(f"      {error['note']} | {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
