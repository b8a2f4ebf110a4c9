"""Evaluate the list extractor on the second set of column pages, written by someone who had not read it.

Held out until 2026-11-27: before the fixes it prompted, it scored kind 0.878, latest date 0.902 (precision
0.958, recall 0.885), row count 0.871 — the honest figure for pages the extractor had never seen.

    python tests/eval/eval_columns_heldout.py [cases.json]

Same labels, scores and report as tests/eval/eval_columns.py, on tests/eval/columns_heldout_cases.json and the
pages in tests/eval/columns_heldout/ (other CMS families, districts and traps; three pages are GB2312 bytes).
The script is a report: it always exits 0.
"""

from __future__ import annotations

import platform
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # tests/eval is not a package: import the sibling script by path
    sys.path.insert(0, str(HERE))

import eval_columns  # noqa: E402 (after sys.path)

CASES_PATH = HERE / "columns_heldout_cases.json"
PAGES_DIR = HERE / "columns_heldout"


def main(argv: list[str]) -> int:
    cases = eval_columns.load_cases(Path(argv[0]) if argv else CASES_PATH)
    report = eval_columns.evaluate(cases, PAGES_DIR)
    now = datetime.now().isoformat(timespec="seconds")
    print(f"columns held-out eval — {now}, Python {platform.python_version()}, {report['N']} pages")
    eval_columns._print_report(report)
    eval_columns._print_errors(report["errors"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
