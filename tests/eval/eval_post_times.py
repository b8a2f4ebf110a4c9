"""Evaluate the parser of the post times Chinese platforms show (微博, 抖音, 公众号, 大鱼号, 网易号, 头条, B站, 快手).

    python tests/eval/eval_post_times.py                        # every set
    python tests/eval/eval_post_times.py --set post_times_set1
    python tests/eval/eval_post_times.py --json                 # the summary as JSON on stdout, nothing else

- post_times_setN.jsonl: one shown text a line (a feed row's "3天前", an article's "2021-03-19 10:20", a counter such
  as "阅读 1.2万" that is no time at all), the moment it was captured (`reference`, +08:00) and the range of Shanghai
  calendar dates it can mean (`earliest`..`latest`, equal for exact texts, both null for not a time).
- Scores: exact-interval accuracy over every case; precision (of the texts the parser gave a time for, the share
  whose interval is right; 0 when it gave none); recall (of the texts labelled with a time, the share read with the
  right interval); false times (a time given for a text labelled none); missed times (none given for a labelled
  time); and the unsafe errors, the parser's `latest` against the label's: LATER than truth (a stale account looks
  fresh: a missed 不更新) and **EARLIER than truth** (a fresh account looks stale: a false 不更新, the worst error).
  A wrong `earliest` under a right `latest` is wrong but neither of the two.
The script is a report: it always exits 0. Each set is labelled blind (written before the parser was read).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

EVAL = Path(__file__).resolve().parent
SHANGHAI = ZoneInfo("Asia/Shanghai")
FIELDS = ("text", "reference", "earliest", "latest", "platform", "note")

Interval = tuple[str, str]


def load_sets(only: str | None = None) -> dict[str, list[dict]]:
    """Every tests/eval/post_times_set*.jsonl by set name (the file stem), or just `only`."""
    sets = {}
    for path in sorted(EVAL.glob("post_times_set*.jsonl")):
        if only is None or path.stem == only:
            with path.open(encoding="utf-8") as handle:
                sets[path.stem] = [json.loads(line) for line in handle if line.strip()]
    return sets


def _day(value: date) -> str:
    """A Shanghai calendar day; a datetime (a looser parser) is read in Shanghai rather than compared as unequal."""
    if isinstance(value, datetime):
        value = value.astimezone(SHANGHAI).date() if value.tzinfo else value.date()
    return value.isoformat()


def _form(note: str) -> str:
    """The form a case exercises: its note's prefix before the colon ("weeks: 1周前 span" → weeks)."""
    return note.split(":", 1)[0].strip() if ":" in note else "other"


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def score(cases: Iterable[dict], parse: Callable[[str, datetime], Any]) -> dict[str, Any]:
    """Run `parse` (parse_post_time's signature) on every case and count what the bars and the report need."""
    results = []
    for case in cases:
        reference = datetime.fromisoformat(case["reference"]).astimezone(SHANGHAI)
        expected: Interval | None = (case["earliest"], case["latest"]) if case["earliest"] is not None else None
        raised = None
        try:
            found = parse(case["text"], reference)
        except Exception as error:  # a crash on one text is a wrong answer, not the end of the report
            found, raised = None, f"{type(error).__name__}: {error}"
        got: Interval | None = (_day(found.earliest), _day(found.latest)) if found is not None else None
        results.append(case | {"expected": expected, "got": got, "raised": raised, "right": got == expected})
    gave = [r for r in results if r["got"] is not None]
    labelled = [r for r in results if r["expected"] is not None]
    both = [r for r in gave if r["expected"] is not None]
    n = len(results)
    right = sum(r["right"] for r in results)
    summary: dict[str, Any] = {
        "cases": n,
        "right": right,
        "accuracy": _ratio(right, n),
        "given": len(gave),
        "precision": _ratio(sum(r["right"] for r in gave), len(gave)),
        "labelled": len(labelled),
        "recall": _ratio(sum(r["right"] for r in labelled), len(labelled)),
        "false_times": sum(r["expected"] is None for r in gave),
        "missed_times": sum(r["got"] is None for r in labelled),
        # ISO dates compare as strings in calendar order.
        "later_than_truth": sum(r["got"][1] > r["expected"][1] for r in both),
        "earlier_than_truth": sum(r["got"][1] < r["expected"][1] for r in both),
        "raised": sum(r["raised"] is not None for r in results),
    }
    for key, field in (("by_platform", "platform"), ("by_form", "note")):
        groups: dict[str, list[bool]] = defaultdict(list)
        for r in results:
            groups[r[field] if field == "platform" else _form(r[field])].append(r["right"])
        summary[key] = {
            name: {"cases": len(v), "accuracy": _ratio(sum(v), len(v))} for name, v in sorted(groups.items())
        }
    summary["wrong"] = [
        {
            "text": r["text"],
            "reference": r["reference"],
            "platform": r["platform"],
            "note": r["note"],
            "expected": r["expected"],
            "got": r["got"],
            "raised": r["raised"],
        }
        for r in results
        if not r["right"]
    ]
    return summary


def _shown(interval: Interval | None) -> str:
    if interval is None:
        return "None"
    return interval[0] if interval[0] == interval[1] else f"{interval[0]}..{interval[1]}"


def _print(name: str, s: dict[str, Any]) -> None:
    print(f"== {name}: {s['cases']} cases")
    print(
        f"exact-interval accuracy {s['accuracy']:.3f} ({s['right']}/{s['cases']}); "
        f"precision {s['precision']:.3f} (of {s['given']} given); recall {s['recall']:.3f} (of {s['labelled']} labelled)"
    )
    print(
        f"false times {s['false_times']}; missed times {s['missed_times']}; raised {s['raised']}; "
        f"UNSAFE: later than truth {s['later_than_truth']}, EARLIER THAN TRUTH (false 不更新) {s['earlier_than_truth']}"
    )
    for key, title in (("by_platform", "platform"), ("by_form", "form")):
        cells = ", ".join(f"{k} {v['accuracy']:.2f}/{v['cases']}" for k, v in s[key].items())
        print(f"  by {title}: {cells}")
    for wrong in s["wrong"]:
        got = wrong["raised"] or _shown(wrong["got"])
        print(f"    {wrong['text']!r} @ {wrong['reference']}: expected {_shown(wrong['expected'])}, got {got}")
        print(f"        {wrong['platform']} | {wrong['note']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--set", dest="only", help="one set, e.g. post_times_set1")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON only")
    args = parser.parse_args(argv)
    try:
        from auditor.extract.post_time import parse_post_time
    except ImportError as error:  # the report still runs (and exits 0) before the parser exists
        message = f"auditor.extract.post_time is not importable: {error}"
        print(json.dumps({"error": message}) if args.json else message)
        return 0
    sets = load_sets(args.only)
    report: dict[str, Any] = {name: score(cases, parse_post_time) for name, cases in sets.items()}
    if sets:
        report["overall"] = score([c for cases in sets.values() for c in cases], parse_post_time)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    elif not sets:
        print(f"no post_times_set*.jsonl{' named ' + args.only if args.only else ''} in {EVAL}")
    else:
        for name, summary in report.items():
            _print(name, summary)
    return 0


if __name__ == "__main__":
    main()
    sys.exit(0)
