"""Evaluate the list extractor on every labelled set of saved column pages (htmldate's evaluation style).

    python tests/eval/eval_columns.py                 # every set, one report each
    python tests/eval/eval_columns.py --set columns_batch4 [--set …]
    python tests/eval/eval_columns.py CASES.json PAGES_DIR

The sets (SETS below) are listed in the order they were written; each after the first was written by someone who
had not read the extractor, and its first figures are the honest ones for unseen templates (docs/evaluation.md).

Each case is a saved column page (tests/eval/columns/*.html, bytes as served: some are GB2312) with what a
human inspector sees in it: the kind of page (list | empty | hub | none), the newest publication date among
the column's own list rows (null when no row shows one) and the number of list rows (null where counting makes
no sense: hubs and content pages).

Three scores:
- kind: accuracy and a confusion table (expected kind by row, predicted kind by column);
- latest date, read the way the auditor reads it (rules/columns.py): the newest item date <= as_of of a page
  the extractor calls a list. TP: predicted == label; FP: a date predicted but wrong, or the label is null;
  FN: a date labelled and none predicted; TN: both null;
- item count: exact and within ±1, over the cases whose label has a count;
- false findings: pages the auditor would call blank that are not empty lists (a false 空白栏目), and pages that
  are not lists (hubs, content, articles) on which it would judge a date (a possible false 栏目不更新). Both must be 0.
The latest date is the auditor's own judgement (computed/column_status.judge_column), not a copy of its logic.
The script is a report: it always exits 0.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from auditor.computed.column_status import judge_column  # noqa: E402 (after sys.path)
from auditor.extract.html import decode_html  # noqa: E402
from auditor.extract.lists import ListExtraction, extract_list  # noqa: E402
from auditor.model.artifacts import ColumnFacts, PageFacts  # noqa: E402
from auditor.settings import default_indicators  # noqa: E402

HERE = Path(__file__).resolve().parent
CASES_PATH = HERE / "columns_cases.json"
PAGES_DIR = HERE / "columns"
# name -> (cases, pages): every labelled set, in the order written.
SETS: dict[str, tuple[Path, Path]] = {
    name: (HERE / f"{name}_cases.json", HERE / name)
    for name in ("columns", "columns_heldout", "columns_batch3", "columns_batch4", "columns_set5", "columns_set6")
}
_KIND_OF_EXTRACTION = {"list": "list", "empty": "list", "hub": "hub", "none": "content"}
KINDS = ("list", "empty", "hub", "none")
ERROR_KIND = "error"  # the extractor raised


def load_cases(path: Path = CASES_PATH) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def read_page(case: dict, pages_dir: Path = PAGES_DIR) -> str:
    # Decoded as the auditor decodes a fetched page: <meta charset> first, so the GB2312 fixtures read right.
    return decode_html((pages_dir / case["file"]).read_bytes())


def predicted_latest(extraction: ListExtraction, as_of: date, url: str = "http://eval.invalid/") -> str | None:
    """The latest date the auditor itself would judge the page by (None for hubs, content and empty lists)."""
    page = PageFacts(
        url=url,
        fetched_by="http",
        kind=_KIND_OF_EXTRACTION[extraction.kind],  # type: ignore[arg-type]
        items=extraction.items,
        meta=extraction.meta,
        placeholder=extraction.placeholder,
    )
    name = extraction.meta.get("ColumnName") or extraction.title
    result = judge_column(ColumnFacts(name=name, url=url, page=page), as_of, default_indicators())
    if result.page_kind != "list":
        return None  # the auditor judges freshness on list pages only
    return result.latest_date.isoformat() if result.latest_date else None


def _outcome(expected: str | None, predicted: str | None) -> str:
    if predicted is None:
        return "TN" if expected is None else "FN"
    return "TP" if predicted == expected else "FP"


def _scores(outcomes: list[str]) -> dict:
    counts = dict.fromkeys(("TP", "FP", "TN", "FN"), 0)
    for outcome in outcomes:
        counts[outcome] += 1
    n = sum(counts.values())
    precision = counts["TP"] / (counts["TP"] + counts["FP"]) if counts["TP"] + counts["FP"] else 0.0
    recall = counts["TP"] / (counts["TP"] + counts["FN"]) if counts["TP"] + counts["FN"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = (counts["TP"] + counts["TN"]) / n if n else 0.0
    return counts | {"N": n, "precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy}


def run_case(case: dict, pages_dir: Path = PAGES_DIR) -> dict:
    """Extract one page and compare it with its labels."""
    as_of = date.fromisoformat(case["as_of"])
    html = read_page(case, pages_dir)
    started = time.perf_counter()
    try:
        extraction = extract_list(html, case["url"], as_of=as_of)
    except Exception as exc:  # a crash is a wrong answer on this page, not the end of the report
        seconds = time.perf_counter() - started
        kind, latest, items, detail = ERROR_KIND, None, None, f"{type(exc).__name__}: {exc}"
    else:
        seconds = time.perf_counter() - started
        kind, latest, items = extraction.kind, predicted_latest(extraction, as_of, case["url"]), len(extraction.items)
        detail = extraction.selector or ""
    outcome = _outcome(case["latest"], latest)
    expected_items = case["items"]
    return case | {
        "predicted_kind": kind,
        "predicted_latest": latest,
        "predicted_items": items,
        "detail": detail,  # the CSS path of the list the extractor chose, or the exception
        "kind_ok": kind == case["kind"],
        "latest_outcome": outcome,
        "latest_ok": outcome in {"TP", "TN"},
        "items_ok": expected_items is None or items == expected_items,
        "items_near": expected_items is None or (items is not None and abs(items - expected_items) <= 1),
        # Would print a 空白栏目 on a page that is not an empty list.
        "false_blank": kind == "empty" and case["kind"] != "empty",
        # Would judge a date (and so possibly 栏目不更新) on a page that is not a list.
        "false_dated": case["kind"] in {"hub", "none"} and latest is not None,
        "seconds": seconds,
    }


def evaluate(cases: list[dict], pages_dir: Path = PAGES_DIR) -> dict:
    """Run every case; return kind, latest-date and item-count scores, the failing cases and timing."""
    results = [run_case(case, pages_dir) for case in cases]
    n = len(results)
    confusion = {kind: Counter() for kind in (*KINDS, ERROR_KIND)}
    for r in results:
        confusion[r["kind"]][r["predicted_kind"]] += 1
    per_kind = {}
    for kind in KINDS:
        expected = sum(confusion[kind].values())
        predicted = sum(confusion[other][kind] for other in confusion)
        hits = confusion[kind][kind]
        per_kind[kind] = {
            "expected": expected,
            "predicted": predicted,
            "correct": hits,
            "precision": hits / predicted if predicted else 0.0,
            "recall": hits / expected if expected else 0.0,
        }
    counted = [r for r in results if r["items"] is not None]
    seconds = sum(r["seconds"] for r in results)
    return {
        "N": n,
        "kind": {
            "accuracy": sum(r["kind_ok"] for r in results) / n if n else 0.0,
            "confusion": {kind: dict(row) for kind, row in confusion.items() if row},
            "per_kind": per_kind,
        },
        "latest": _scores([r["latest_outcome"] for r in results]),
        "items": {
            "N": len(counted),
            "exact": sum(r["items_ok"] for r in counted),
            "within_1": sum(r["items_near"] for r in counted),
            "exact_accuracy": sum(r["items_ok"] for r in counted) / len(counted) if counted else 0.0,
            "within_1_accuracy": sum(r["items_near"] for r in counted) / len(counted) if counted else 0.0,
        },
        "false_findings": {
            "blank": [r["file"] for r in results if r["false_blank"]],
            "dated_non_list": [r["file"] for r in results if r["false_dated"]],
        },
        "results": results,
        "errors": [r for r in results if not (r["kind_ok"] and r["latest_ok"] and r["items_ok"])],
        "seconds": seconds,
        "seconds_per_page": seconds / n if n else 0.0,
        "slowest": max(results, key=lambda r: r["seconds"])["file"] if results else None,
    }


def _print_report(report: dict) -> None:
    kind = report["kind"]
    print(f"\nkind accuracy: {kind['accuracy']:.3f} ({sum(r['kind_ok'] for r in report['results'])}/{report['N']})")
    columns = [*KINDS, ERROR_KIND]
    print(f"{'expected/got':<16}" + "".join(f"{c:>7}" for c in columns) + f"{'recall':>9}{'precision':>11}")
    for expected in KINDS:
        row = kind["confusion"].get(expected, {})
        stats = kind["per_kind"][expected]
        cells = "".join(f"{row.get(c, 0):>7}" for c in columns)
        print(f"{expected:<16}{cells}{stats['recall']:>9.3f}{stats['precision']:>11.3f}")

    s = report["latest"]
    print("\nlatest date (auditor's view: newest item date <= as_of on a page called a list)")
    print(f"{'N':>5}{'TP':>5}{'FP':>5}{'TN':>5}{'FN':>5}{'precision':>11}{'recall':>8}{'accuracy':>10}{'F1':>7}")
    print(
        f"{s['N']:>5}{s['TP']:>5}{s['FP']:>5}{s['TN']:>5}{s['FN']:>5}"
        f"{s['precision']:>11.3f}{s['recall']:>8.3f}{s['accuracy']:>10.3f}{s['f1']:>7.3f}"
    )

    items = report["items"]
    print(
        f"\nitem count ({items['N']} labelled cases): exact {items['exact']} ({items['exact_accuracy']:.3f}), "
        f"within ±1 {items['within_1']} ({items['within_1_accuracy']:.3f})"
    )
    false = report["false_findings"]
    print(
        f"\nfalse findings: blank on a page that is not an empty list {len(false['blank'])}, "
        f"a date judged on a page that is not a list {len(false['dated_non_list'])} (both must be 0)"
    )
    print(
        f"\ntime: {report['seconds'] * 1000:.1f} ms total, {report['seconds_per_page'] * 1000:.2f} ms per page "
        f"(slowest: {report['slowest']})"
    )


def _print_errors(errors: list[dict]) -> None:
    if not errors:
        print("\nno mismatches")
        return
    print(f"\nmismatches ({len(errors)}):")
    for e in errors:
        wrong = []
        if not e["kind_ok"]:
            wrong.append(f"kind {e['kind']}→{e['predicted_kind']}")
        if not e["latest_ok"]:
            wrong.append(f"latest {e['latest']}→{e['predicted_latest']} ({e['latest_outcome']})")
        if not e["items_ok"]:
            wrong.append(f"items {e['items']}→{e['predicted_items']}")
        print(f"  {e['file']}: {'; '.join(wrong)}")
        print(f"      {e['note']}")
        if e["detail"]:
            print(f"      chosen: {e['detail']}")


def report_set(name: str, cases_path: Path, pages_dir: Path) -> dict:
    report = evaluate(load_cases(cases_path), pages_dir)
    now = datetime.now().isoformat(timespec="seconds")
    print(f"\n=== {name} — {now}, Python {platform.python_version()}, {report['N']} pages")
    _print_report(report)
    _print_errors(report["errors"])
    return report


def main(argv: list[str]) -> int:
    if len(argv) == 2 and not argv[0].startswith("--"):
        report_set(argv[0], Path(argv[0]), Path(argv[1]))
        return 0
    wanted = [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--set"] or list(SETS)
    unknown = [name for name in wanted if name not in SETS]
    if unknown:
        print(f"unknown set(s): {', '.join(unknown)}; sets: {', '.join(SETS)}", file=sys.stderr)
        return 2
    for name in wanted:
        cases_path, pages_dir = SETS[name]
        if cases_path.is_file():
            report_set(name, cases_path, pages_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
