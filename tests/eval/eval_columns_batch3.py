"""Evaluate the list extractor on the third set of column pages, written without reading the extractor.

Held out until 2026-11-27: its first run scored kind 0.842, latest date 0.789 (precision 0.800, recall 0.800),
row count 0.786 (22/28) — the honest figure for unseen pages after two rounds of fixes.

    python tests/eval/eval_columns_batch3.py [cases.json]

Same labels, scores and report as tests/eval/eval_columns.py, on tests/eval/columns_batch3_cases.json and the
pages in tests/eval/columns_batch3/ (other CMS families and templates: SiteServer, a provincial 政务公开 catalogue,
old ASP table layouts, DTCMS, Nuxt/React front ends; traps such as parallel title/date columns, dates only in
title attributes, month-group headings, calendar and weather widgets, hidden sidebar tabs, two lists of the same
column; three pages are GB2312 bytes). The script is a report: it always exits 0.
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

CASES_PATH = HERE / "columns_batch3_cases.json"
PAGES_DIR = HERE / "columns_batch3"


def main(argv: list[str]) -> int:
    cases = eval_columns.load_cases(Path(argv[0]) if argv else CASES_PATH)
    report = eval_columns.evaluate(cases, PAGES_DIR)
    now = datetime.now().isoformat(timespec="seconds")
    print(f"columns batch-3 eval — {now}, Python {platform.python_version()}, {report['N']} pages")
    eval_columns._print_report(report)
    eval_columns._print_errors(report["errors"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
