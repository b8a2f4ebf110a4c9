"""首页不更新 (veto): no dated item linked from the home page within the 14 days ending on T (indicators.md §2, §5).

The newest dated item (its list date on the home page, else the linked article's PubDate / page date) decides:
before the window start is a deduction-severity finding, which the verdict rule homepage_stale turns into the veto.
A home page that is only navigation is judged by its second-level pages: all of them without an update in the
window is the finding. Only a confident reading makes a finding: a home page without any item row, items none of
which carries any date (未注明发布时间的视为不更新 is the 2015 reading, left to the inspector), or second-level pages
that could not all be read, and undated items whose articles could not be opened, are review notes, never a veto
on doubt.
"""

from __future__ import annotations

from datetime import date

from auditor.extract.home_updates import newest_dated
from auditor.model.artifacts import HomeUpdates, ListItem
from auditor.model.bundle import Finding
from auditor.model.indicators import Window
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, register
from auditor.windows import window_start

META = RuleMeta(
    code="homepage_stale",
    indicator_zh="首页不更新",
    title_zh="首页在监测时间点前2周内有信息更新",
    failure_title_zh="首页在监测时间点前2周内无信息更新",
    severity="deduction",
    required_artifacts=("home", "home_updates"),
    reference="国办秘函〔2019〕19号 单项否决指标 首页不更新;indicators.md §2",
    tags=("19号/单项否决/首页不更新",),
)
SOURCE_ZH = {
    "home_block": "首页列表日期",
    "list": "首页列表日期",
    "meta": "文章 PubDate",
    "detail": "文章页发布时间",
    "url": "文章网址中的日期",
    "none": "无日期",
}


def _item(item: ListItem | None) -> dict[str, object] | None:
    if item is None:
        return None
    return {
        "title": item.title,
        "url": item.url,
        "date": item.date.isoformat() if item.date else None,
        "date_source": item.date_source,
    }


def _shown(item: ListItem) -> str:
    when = item.date.isoformat() if item.date else "未注明日期"
    return f"“{item.title}”({when},{SOURCE_ZH.get(item.date_source, item.date_source)})"


def _observed(updates: HomeUpdates, start: date, as_of: date, newest: ListItem | None) -> dict[str, object]:
    return {
        "window_start": start.isoformat(),
        "as_of": as_of.isoformat(),
        "newest": _item(newest),
        "items": len(updates.items),
        "dated_items": sum(1 for i in updates.items if i.date is not None and i.date <= as_of),
        "future_dated_items": sum(1 for i in updates.items if i.date is not None and i.date > as_of),
        "articles_checked": updates.articles_checked,
        "navigation_only": updates.navigation_only,
    }


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    home = context.artifacts.home
    updates = context.artifacts.home_updates
    assert updates is not None  # required
    if home is None or home.kind == "error":
        return RuleResult.not_applicable(f"首页无法访问({home.error if home else '未读取'}),不判断首页更新")
    as_of = context.as_of
    window = Window.model_validate(context.settings.value("home_update_window"))
    start = window_start(as_of, window, months_as=context.settings.months_as)
    span = f"{start.isoformat()}至{as_of.isoformat()}"
    newest = newest_dated(updates.items, as_of)
    if newest is not None and newest.date is not None and newest.date >= start:
        return []
    observed = _observed(updates, start, as_of, newest)

    def finding(message: str, severity: str) -> list[Finding]:
        return [
            make_finding(
                META,
                context,
                url=context.artifacts.home_url,
                node=updates.node,
                severity="deduction" if severity == "deduction" else "needs_review",
                message_zh=message,
                observed=observed,
            )
        ]

    if updates.navigation_only:
        second = updates.second_level
        newest_second = newest_dated(second, as_of)
        observed["second_level"] = [_item(i) for i in second]
        observed["second_level_unread"] = list(updates.second_level_unread)
        if newest_second is not None and newest_second.date is not None and newest_second.date >= start:
            return []
        if updates.second_level_unread:
            return finding(
                f"首页仅为栏目导航入口,已读取的二级页面在监测时间点前2周内({span})均无信息更新,"
                f"但{len(updates.second_level_unread)}个二级页面无法读取,需人工核实",
                "needs_review",
            )
        if not second:
            return finding("首页仅为栏目导航入口,未找到可判断的二级页面,需人工核实", "needs_review")
        if newest_second is None:
            # Pages that show no date at all may be content, not lists: left to the inspector, never a veto.
            return finding(f"首页仅为栏目导航入口,{len(second)}个二级页面均未读到发布日期,需人工核实", "needs_review")
        latest = f",最新信息为{_shown(newest_second)}"
        return finding(
            f"首页仅为网站栏目导航入口,所有{len(second)}个二级页面在监测时间点前2周内({span})均无信息更新{latest}",
            "deduction",
        )
    if not updates.items:
        return finding("首页未识别出信息条目,无法判断首页是否更新,需人工核实", "needs_review")
    if newest is None:
        return finding(
            f"首页{len(updates.items)}条信息均未读到发布日期(已打开{updates.articles_checked}篇文章核对),"
            "未注明发布时间的视为不更新,需人工核实",
            "needs_review",
        )
    observed["articles_failed"] = list(updates.articles_failed)
    undated = sum(1 for i in updates.items if i.date is None)
    if updates.articles_failed and undated:
        # An undated item whose article could not be opened may be the fresh one: no veto on doubt.
        return finding(
            f"首页在监测时间点前2周内({span})未读到信息更新,最新信息为{_shown(newest)};"
            f"但{len(updates.articles_failed)}篇未注明日期的链接文章无法打开核对,需人工核实",
            "needs_review",
        )
    return finding(
        f"首页在监测时间点前2周内({span})无信息更新,最新信息为{_shown(newest)}",
        "deduction",
    )
