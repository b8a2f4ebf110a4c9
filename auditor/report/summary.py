"""The zh-CN summary printed at the end of a run. Reads bundles only (typed, through bundle.reader).

Reporters are small factories over typed bundles (pa11y-ci's reporter shape): `sites_table(bundles)` and
`columns_table(bundle)` build rich tables; nothing here knows a finding code, so new indicators show up by
themselves in the severity counts and the 未检查 count.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from auditor.bundle.reader import BundleError, load_bundle
from auditor.model.bundle import Bundle
from auditor.report.text import plain

STATUS_ZH = {
    "fresh": "正常",
    "warning": "即将超期",
    "stale": "未更新",
    "blank": "空白",
    "undated": "无日期",
    "unreadable": "无法读取",
    "not_judged": "不判定",
}


def _cell(text: str) -> Text:
    """Page text as a table cell: never markup, never a control code."""
    return Text(plain(text))


def verdict_zh(bundle: Bundle) -> str:
    qualified = bundle.verdict.qualified
    return "无法评估" if qualified is None else ("合格" if qualified else "不合格")


def score_zh(bundle: Bundle) -> str:
    """The deduction score as the table shows it: — when a veto decided (nothing is scored) or none was computed."""
    score = bundle.verdict.score
    if score is None:
        return "—"
    return f"{score.total:g}" + ("*" if score.not_assessed else "")


def score_table(bundle: Bundle) -> Table | None:
    """Each indicator's deduction and cap, and which could not be assessed (not deducted)."""
    score = bundle.verdict.score
    if score is None:
        return None
    table = Table(title=Text(f"{plain(bundle.site.name)} 扣分明细(得分 {score.total:g},及格线 {score.pass_mark:g})"))
    for header in ("指标", "分值", "扣分", "发现", "评估", "权重来源"):
        table.add_column(header, overflow="fold")
    for indicator in score.indicators:
        table.add_row(
            indicator.name_zh,
            f"{indicator.weight:g}",
            f"{indicator.deducted:g}"
            + (f"(累计{indicator.uncapped:g},封顶)" if indicator.uncapped > indicator.weight else ""),
            str(len(indicator.findings)),
            "已评估" if indicator.assessed else "未能评估,未扣分",
            "已确认" if indicator.status == "confirmed" else "未确认(默认值)",
        )
    return table


def class_name_zh(bundle: Bundle, column_class: str) -> str:
    """The class's Chinese name as the indicator table the bundle was judged with words it."""
    classes = bundle.settings.get("table", {}).get("classes", {})
    return str(classes.get(column_class, {}).get("name_zh", column_class))


def sites_table(bundles: list[Bundle]) -> Table:
    table = Table(title="检查结果汇总", show_lines=False)
    for header in (
        "网站名称",
        "网站标识码",
        "结论",
        "得分",
        "栏目",
        "否决项",
        "扣分项",
        "预警",
        "待复核",
        "未检查",
        "错误",
        "突出问题",
    ):
        table.add_column(header, overflow="fold")
    for bundle in bundles:
        severities = Counter(finding.severity for finding in bundle.findings)
        unchecked = sum(1 for summary in bundle.rules.values() if summary.outcome == "error")
        problems = ";".join(veto.message_zh for veto in bundle.verdict.vetoes)
        score = bundle.verdict.score
        if not problems and score is not None and score.total < score.pass_mark:
            problems = f"扣分指标得分{score.total:g}分,低于{score.pass_mark:g}分"
        problems = problems or "—"
        table.add_row(
            _cell(bundle.site.name),
            _cell(bundle.site.code),
            verdict_zh(bundle),
            score_zh(bundle),
            str(len(bundle.columns)),
            str(severities["veto"]),
            str(severities["deduction"]),
            str(severities["warning"]),
            str(severities["needs_review"]),
            str(unchecked),
            str(len(bundle.errors)),
            _cell(problems),
        )
    return table


def columns_table(bundle: Bundle) -> Table:
    table = Table(title=Text(f"{plain(bundle.site.name)} 栏目明细(监测时间点 {bundle.as_of})"))
    for header in ("栏目", "类别", "级别", "最新日期", "来源", "条数", "窗口", "状态"):
        table.add_column(header, overflow="fold")
    for column in bundle.columns:
        table.add_row(
            _cell(column.name),
            class_name_zh(bundle, column.column_class.value),
            str(column.level),
            column.latest_date.isoformat() if column.latest_date else "—",
            column.date_source,
            str(column.item_count),
            column.window or "—",
            STATUS_ZH.get(column.status, column.status),
        )
    return table


GUIDE_STATUS_ZH = {"judged": "已检查", "offsite": "站外(仅列出)", "not_read": "未读取", "unreadable": "需人工核实"}
INTERPRETATION_STATUS_ZH = {
    "linked": "已关联",
    "unlinked": "未关联",
    "needs_review": "需人工核实",
    "not_judged": "未检查",
}
BASIS_ZH = {
    "concrete": "具体",
    "law_only": "仅列法规名称",
    "article_number_only": "仅列条款序号",
    "no_law": "未写明法规",
    "unclear": "待核实",
    "missing": "缺失",
}
FORM_ZH = {
    "download": "可下载",
    "stated": "已说明渠道",
    "none": "未提供",
    "unverified": "待核实",
    "not_applicable": "—",
}


def documents_table(bundle: Bundle) -> Table | None:
    """The site's 办事指南 and 政策解读 pages, one row each: whether each meets the indicator."""
    if not bundle.guides and not bundle.interpretations:
        return None
    table = Table(title=Text(f"{plain(bundle.site.name)} 办事指南与政策解读"))
    for header in ("类型", "页面", "结果", "说明"):
        table.add_column(header, overflow="fold")
    for guide in bundle.guides:
        if guide.status != "judged":
            result, note = GUIDE_STATUS_ZH[guide.status], guide.reason or ""
        else:
            result = "符合" if guide.meets else "不符合"
            gaps = "、".join(guide.missing)
            note = ";".join(
                part
                for part in (
                    f"缺少:{gaps}" if gaps else "",
                    f"设定依据:{BASIS_ZH.get(guide.basis_kind, guide.basis_kind)}",
                    f"表格:{FORM_ZH.get(guide.form_channel, guide.form_channel)}",
                )
                if part
            )
        table.add_row("办事指南", _cell(guide.name or guide.url), result, _cell(note))
    for item in bundle.interpretations:
        back = ";文件未回链解读" if item.policy_links_back is False else ""
        note = (item.reason or (f"《{item.named_title}》" if item.named_title else "")) + back
        table.add_row("政策解读", _cell(item.title or item.url), INTERPRETATION_STATUS_ZH[item.status], _cell(note))
    return table


def print_summary(bundle_dirs: list[Path], console: Console, *, columns: bool = False) -> None:
    bundles: list[Bundle] = []
    for bundle_dir in bundle_dirs:
        try:
            bundles.append(load_bundle(bundle_dir))
        except BundleError as exc:  # a site whose bundle was not written this run is said so, never shown stale
            console.print(f"未能读取 {bundle_dir}: {plain(str(exc))}", markup=False, highlight=False)
    if not bundles:
        return
    if columns:
        for bundle in bundles:
            console.print(columns_table(bundle))
            if (documents := documents_table(bundle)) is not None:
                console.print(documents)
            if (scores := score_table(bundle)) is not None:
                console.print(scores)
    console.print(sites_table(bundles))
