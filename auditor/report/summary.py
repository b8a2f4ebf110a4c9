"""The zh-CN summary printed at the end of a run. Reads bundles only (typed, through bundle.reader).

Reporters are small factories over typed bundles (pa11y-ci's reporter shape): `sites_table(bundles)` and
`columns_table(bundle)` build rich tables; nothing here knows a finding code, so new indicators show up by
themselves in the severity counts and the 未检查 count.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from auditor.bundle.reader import BundleError, load_bundle
from auditor.model.bundle import Bundle
from auditor.platforms import PLATFORMS
from auditor.report.text import plain
from auditor.windows import cn_date

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


def problems_zh(bundle: Bundle) -> str:
    """存在的突出问题 as the notice's table words it: the vetoes, else a score under the pass mark ("" if none)."""
    problems = ";".join(veto.message_zh for veto in bundle.verdict.vetoes)
    score = bundle.verdict.score
    if not problems and score is not None and score.total < score.pass_mark:
        problems = f"扣分指标得分{score.total:g}分,低于{score.pass_mark:g}分"
    return problems


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
        problems = problems_zh(bundle) or "—"
        table.add_row(
            _cell(bundle.site.name),
            _cell(bundle.site.code or "—"),
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


NOTICE_PROBLEM_ZH = "监测时间点前2周不更新"
ACCOUNT_STATUS_ZH = {"fresh": "正常", "stale": "不更新", "needs_review": "需人工核实"}
SOURCE_ZH = {"live": "实时页面", "snapshot": "页面快照", "manual": "人工核查"}


def window_note(bundle: Bundle) -> str:
    """注:监测时间点2021年3月21日,时间段为3月8日-3月21日 (the notice's own wording)."""
    window = bundle.settings.get("table", {}).get("values", {}).get("newmedia_update_window", {}).get("value", {})
    days = int(window.get("amount", 14)) if window.get("unit", "days") == "days" else 14
    start = bundle.as_of - timedelta(days=days - 1)
    same_year = start.year == bundle.as_of.year
    shown_start = f"{start.month}月{start.day}日" if same_year else cn_date(start)
    return f"注:监测时间点{cn_date(bundle.as_of)},时间段为{shown_start}-{bundle.as_of.month}月{bundle.as_of.day}日"


def newmedia_notice_table(bundles: list[Bundle]) -> Table | None:
    """检查发现存在突出问题的政务新媒体名单: 类型 / 账号名称 / 开设主体 / 问题, as the notice prints it."""
    groups = [b for b in bundles if b.site.kind == "newmedia"]
    rows = [(b, a) for b in groups for a in b.accounts if a.qualified is False]
    if not groups:
        return None
    notes = sorted({window_note(b) for b in groups})
    table = Table(title="检查发现存在突出问题的政务新媒体名单", caption=Text("\n".join(notes)))
    for header in ("类型", "账号名称", "开设主体", "问题"):
        table.add_column(header, overflow="fold")
    order = {code: index for index, code in enumerate(PLATFORMS)}
    for _bundle, account in sorted(rows, key=lambda pair: order.get(pair[1].platform, len(order))):
        table.add_row(account.platform_zh, _cell(account.name), _cell(account.owner or "—"), NOTICE_PROBLEM_ZH)
    if not rows:
        table.add_row("—", "未发现监测时间点前2周不更新的账号", "", "")
    return table


def newmedia_groups_table(bundles: list[Bundle]) -> Table | None:
    groups = [b for b in bundles if b.site.kind == "newmedia"]
    if not groups:
        return None
    table = Table(title="政务新媒体检查汇总")
    for header in ("账号组", "账号总数", "抽查", "不更新", "需人工核实", "合格率", "抽样"):
        table.add_column(header, overflow="fold")
    for bundle in groups:
        counts = Counter(a.status for a in bundle.accounts)
        rate = bundle.accounts_rate
        shown = f"{rate.rate_pct}%({rate.qualified}/{rate.judged})" if rate and rate.rate_pct is not None else "—"
        sample = bundle.sample
        drawn = (
            f"种子{sample.seed}:{'、'.join(sample.groups) or '无全查组'}全查{sample.in_groups}个,另抽{sample.drawn}个"
            if sample
            else "全部账号"
        )
        table.add_row(
            _cell(bundle.site.name),
            str(sample.total if sample else len(bundle.accounts)),
            str(len(bundle.accounts)),
            str(counts["stale"]),
            str(counts["needs_review"]),
            shown,
            _cell(drawn),
        )
    return table


def accounts_table(bundle: Bundle, *, only_doubtful: bool = False) -> Table:
    """Every account (or those needing review) with its latest post as shown, its status and why."""
    title = "需人工核实的政务新媒体账号" if only_doubtful else "政务新媒体账号明细"
    table = Table(title=Text(f"{plain(bundle.site.name)} {title}(监测时间点 {bundle.as_of})"))
    for header in ("类型", "账号名称", "开设主体", "最新发布", "显示为", "来源", "状态", "说明"):
        table.add_column(header, overflow="fold")
    for account in bundle.accounts:
        if only_doubtful and account.status != "needs_review":
            continue
        table.add_row(
            account.platform_zh,
            _cell(account.name),
            _cell(account.owner or "—"),
            account.latest_post.isoformat() if account.latest_post else "—",
            _cell(account.latest_post_text or "—"),
            SOURCE_ZH.get(account.source, account.source),
            ACCOUNT_STATUS_ZH.get(account.status, account.status),
            _cell(account.reason),
        )
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
    # Websites first, then new-media groups: the order of the notice's two parts.
    websites = [b for b in bundles if b.site.kind != "newmedia"]
    groups = [b for b in bundles if b.site.kind == "newmedia"]
    if websites:
        if columns:
            for bundle in websites:
                console.print(columns_table(bundle))
                if (documents := documents_table(bundle)) is not None:
                    console.print(documents)
                if (scores := score_table(bundle)) is not None:
                    console.print(scores)
        console.print(sites_table(websites))
    for group in groups:
        if columns:
            console.print(accounts_table(group))
        elif any(a.status == "needs_review" for a in group.accounts):
            console.print(accounts_table(group, only_doubtful=True))
    if groups:
        console.print(newmedia_groups_table(groups))
        console.print(newmedia_notice_table(groups))
