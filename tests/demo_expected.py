"""What the auditor should find on the demo portal: one hand-written label per column.

Ids, names, paths, levels and latest-date offsets come from the column table (content.COLUMNS) that also
generates the pages, so the labels cannot drift from the site. The class, status, date source and list error
are stated here by hand: they are the ground truth, never computed by auditor code.

Statuses assume the windows of auditor/settings.py (news 14 days, notice/policy 6 months, personnel/planning
and other 1 year, warning 3 days ahead) and hold for any T.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from auditor.demo.content import COLUMNS
from auditor.demo.rows import column_rows

ColumnClassLabel = Literal[
    "news",
    "notice_policy",
    "personnel_planning",
    "other",
    "interaction",
    "interaction_excluded",
    "historical",
    "not_list",
]
StatusLabel = Literal["fresh", "stale", "warning", "blank", "not_judged"]
DateSourceLabel = Literal["list", "detail", "home_block", "none"]


@dataclass(frozen=True)
class ExpectedColumn:
    id: str
    name: str
    path: str  # relative to the base URL, e.g. "/portal/col/ywdt/"
    level: int  # 1 or 2
    column_class: ColumnClassLabel
    page_kind: Literal["list", "hub", "content"]
    latest_offset_days: int | None  # latest publication date = as_of - this; None when no dated item
    status: StatusLabel
    date_source: DateSourceLabel
    list_page_error: bool  # True when the column's list page answers with an HTTP error (sqdt: 500)
    note: str = ""


# id -> (column_class, status, date_source, list_page_error, why)
_LABELS: dict[str, tuple[ColumnClassLabel, StatusLabel, DateSourceLabel, bool, str]] = {
    "ywdt": ("news", "fresh", "list", False, "置顶 row dated T-400 must not hide the T-1 row"),
    "bmdt": ("news", "stale", "list", False, "table rows, [YYYY-MM-DD]; T-20 is outside 14 days"),
    "xzdt": ("news", "fresh", "list", False, "rows arrive by fetch() after 300 ms"),
    "tpxw": ("news", "fresh", "list", False, "picture cards, YYYY年M月D日, newest card in the middle"),
    "tzgg": ("notice_policy", "fresh", "list", False, "list inside an iframe; newest title names T+20"),
    "zcjd": ("notice_policy", "stale", "list", False, "dates only via document.write; T-200 > 6 months"),
    "gzdt": ("news", "stale", "list", False, "GBK page, YYYY/M/D; T-16 is outside 14 days"),
    "xwfb": ("news", "warning", "list", False, "T-11: fresh at T, stale from T+3"),
    "sqdt": ("news", "fresh", "home_block", True, "list page answers 500; the home block shows T-2"),
    "zcwj": ("notice_policy", "fresh", "list", False, "MM-DD without year; rows span the previous year"),
    "rsxx": (
        "personnel_planning",
        "fresh",
        "detail",
        False,
        "undated list; detail PubDate T-100, 成文日期 older",
    ),
    "ghjh": ("personnel_planning", "stale", "list", False, "T-400 > 1 year"),
    "gsgg": ("notice_policy", "stale", "list", False, "level 2; T-220 > 6 months"),
    "czxx": ("other", "blank", "none", False, "暂无信息 only"),
    "tjxx": ("other", "blank", "none", False, "script fills the list from an API that returns []"),
    "zdxm": (
        "other",
        "fresh",
        "list",
        False,
        "trap numbers (2099-12-31, 报名截止 T+10, 20210315); real T-300",
    ),
    "xxgk": ("not_list", "not_judged", "none", False, "信息公开 hub: the tree of its sub-columns"),
    "hdjl": ("not_list", "not_judged", "none", False, "互动交流 hub"),
    "zxzx": (
        "interaction",
        "not_judged",
        "list",
        False,
        "留言 table; latest 留言时间 T-500, replies 2-6 days later: the newest activity is the newest 回复时间",
    ),
    "zxft": ("interaction_excluded", "not_judged", "list", False, "在线访谈 is excluded from freshness"),
    "qqgk": ("not_list", "not_judged", "none", False, "区情概况: one content page"),
    "lszt": ("historical", "not_judged", "list", False, "历史专题, newest item T-900"),
    "wzdt": ("not_list", "not_judged", "none", False, "网站地图 (footer): content page of links"),
    "xxgkzn": (
        "not_list",
        "not_judged",
        "none",
        False,
        "信息公开指南 (linked from the 信息公开 hub and home)",
    ),
}

EXPECTED_COLUMNS: tuple[ExpectedColumn, ...] = tuple(
    ExpectedColumn(
        id=col.id,
        name=col.name,
        path=col.path,
        level=col.level,
        column_class=_LABELS[col.id][0],  # a KeyError here means a column was added without a label
        page_kind=col.page_kind,
        latest_offset_days=col.latest_offset,
        status=_LABELS[col.id][1],
        date_source=_LABELS[col.id][2],
        list_page_error=_LABELS[col.id][3],
        note=_LABELS[col.id][4],
    )
    for col in COLUMNS
)
EXPECTED_BY_ID: dict[str, ExpectedColumn] = {col.id: col for col in EXPECTED_COLUMNS}


def expected_latest(col: ExpectedColumn, as_of: date) -> date | None:
    """The newest publication date the auditor should report for `col` when the site is served as of as_of."""
    if col.latest_offset_days is None:
        return None
    if col.id == "zxzx":
        # A message board's newest published item is its newest reply (the 回复时间 column), not the
        # newest question: the table labels both, and a reply is what the office publishes.
        return max(row.replied.date() for row in column_rows(col.id, as_of) if row.replied is not None)
    return as_of - timedelta(days=col.latest_offset_days)
