"""Evaluate the list extractor on the fourth set of column pages, written without reading the extractor.

Held out until 2026-11-27: its first run scored kind 0.789, latest date 0.895 (precision 0.909, recall 0.909),
row count 0.793 (23/29) — the honest figure for unseen pages after three rounds of fixes.

    python tests/eval/eval_columns_batch4.py [cases.json]

Same labels, scores and report as tests/eval/eval_columns.py, on tests/eval/columns_batch4_cases.json and the
pages in tests/eval/columns_batch4/ (other CMS families and departments: WordPress 街道 sites, MetInfo, 万户 ezEIP,
Bootstrap and Element UI front ends, 公安局/教育局/卫健委/开发区管委会/信用网站 templates; traps such as
published-then-updated times, 有效期至/处理期限/生效日期 columns after the publication date, 截止 dates before it,
hidden metadata popups, two items per table row, one list split into two ul, pinned rows in their own ul, ISO dates
inside titles, MM-DD rows across a new year, undated guide rows; three pages are GB2312 bytes). The script is a
report: it always exits 0.
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

CASES_PATH = HERE / "columns_batch4_cases.json"
PAGES_DIR = HERE / "columns_batch4"


def main(argv: list[str]) -> int:
    cases = eval_columns.load_cases(Path(argv[0]) if argv else CASES_PATH)
    report = eval_columns.evaluate(cases, PAGES_DIR)
    now = datetime.now().isoformat(timespec="seconds")
    print(f"columns batch-4 eval — {now}, Python {platform.python_version()}, {report['N']} pages")
    eval_columns._print_report(report)
    eval_columns._print_errors(report["errors"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
