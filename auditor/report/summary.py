"""The zh-CN summary printed at the end of a run. Reads bundle.json files only, like every report."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

STATUS_ZH = {
    "fresh": "正常",
    "warning": "即将超期",
    "stale": "未更新",
    "blank": "空白",
    "undated": "无日期",
    "unreadable": "无法读取",
    "not_judged": "不判定",
}
CLASS_ZH = {
    "news": "动态要闻",
    "notice_policy": "通知公告/政策文件",
    "personnel_planning": "人事/规划计划",
    "other": "其他应更新",
    "interaction": "政务咨询",
    "interaction_excluded": "访谈/征集/信访",
    "historical": "历史专题",
}


def load_bundle(bundle_dir: Path) -> dict[str, Any]:
    return json.loads((bundle_dir / "bundle.json").read_text(encoding="utf-8"))


def verdict_zh(bundle: dict[str, Any]) -> str:
    qualified = bundle["verdict"]["qualified"]
    return "无法评估" if qualified is None else ("合格" if qualified else "不合格")


def sites_table(bundles: list[dict[str, Any]]) -> Table:
    table = Table(title="检查结果汇总", show_lines=False)
    for header in (
        "网站名称",
        "网站标识码",
        "结论",
        "栏目",
        "未更新",
        "空白",
        "预警",
        "待复核",
        "错误",
        "突出问题",
    ):
        table.add_column(header, overflow="fold")
    for bundle in bundles:
        statuses = Counter(column["status"] for column in bundle["columns"])
        severities = Counter(finding["severity"] for finding in bundle["findings"])
        problems = ";".join(veto["message_zh"] for veto in bundle["verdict"]["vetoes"]) or "—"
        table.add_row(
            escape(bundle["site"]["name"]),
            bundle["site"]["code"],
            verdict_zh(bundle),
            str(len(bundle["columns"])),
            str(statuses["stale"]),
            str(statuses["blank"]),
            str(severities["warning"]),
            str(severities["needs_review"]),
            str(len(bundle["errors"])),
            escape(problems),
        )
    return table


def columns_table(bundle: dict[str, Any]) -> Table:
    table = Table(title=f"{escape(bundle['site']['name'])} 栏目明细(监测时间点 {bundle['as_of']})")
    for header in ("栏目", "类别", "级别", "最新日期", "来源", "条数", "窗口", "状态"):
        table.add_column(header, overflow="fold")
    for column in bundle["columns"]:
        table.add_row(
            escape(column["name"]),
            CLASS_ZH.get(column["class"], column["class"]),
            str(column["level"]),
            column["latest_date"] or "—",
            column["date_source"],
            str(column["item_count"]),
            column["window"] or "—",
            STATUS_ZH.get(column["status"], column["status"]),
        )
    return table


def print_summary(bundle_dirs: list[Path], console: Console, *, columns: bool = False) -> None:
    bundles = [load_bundle(d) for d in bundle_dirs if (d / "bundle.json").is_file()]
    if not bundles:
        return
    if columns:
        for bundle in bundles:
            console.print(columns_table(bundle))
    console.print(sites_table(bundles))
