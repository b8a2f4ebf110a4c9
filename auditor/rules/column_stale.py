"""栏目不更新: a list column whose newest item is older than its class's window ending on T."""

from __future__ import annotations

from auditor.model.bundle import Finding, Severity
from auditor.rules.base import RuleContext, RuleMeta, make_finding, register
from auditor.windows import cn_date

META = RuleMeta(
    code="column_stale",
    indicator_zh="栏目不更新",
    title_zh="栏目在监测时间窗口内有更新",
    failure_title_zh="栏目在监测时间窗口内未更新",
    # Alone a stale column is a deduction; it becomes part of a veto when the site's count reaches a
    # threshold (rules/verdict/), and is then re-labelled `veto`.
    severity="deduction",
    required_artifacts=("column_status",),
    reference="国办秘函〔2019〕19号 单项否决指标 栏目不更新",
    tags=("19号/单项否决/栏目不更新",),
)


@register(META)
def evaluate(context: RuleContext) -> list[Finding]:
    findings: list[Finding] = []
    for judged in context.columns_in("stale", "warning"):
        column = judged.result
        class_name = context.settings.class_rule(column.column_class).name_zh
        observed = {
            "latest_date": column.latest_date.isoformat() if column.latest_date else None,
            "date_source": column.date_source,
            "window": column.window,
            "window_start": column.window_start.isoformat() if column.window_start else None,
            "as_of": context.as_of.isoformat(),
            "column_class": column.column_class.value,
            "level": column.level,
        }
        if column.status == "stale":
            assert column.window_start is not None
            assert column.latest_date is not None
            overdue = (column.window_start - column.latest_date).days
            observed["days_overdue"] = overdue
            message = (
                f"{class_name}栏目“{column.name}”最新信息发布于{cn_date(column.latest_date)},"
                f"监测时间点前{column.window}({cn_date(column.window_start)}—{cn_date(context.as_of)})内未更新,"
                f"已超期{overdue}天"
            )
            severity: Severity | None = None
        else:
            assert column.stale_on is not None
            assert column.latest_date is not None
            days_left = (column.stale_on - context.as_of).days
            observed["stale_on"] = column.stale_on.isoformat()
            observed["days_left"] = days_left
            message = (
                f"{class_name}栏目“{column.name}”最新信息发布于{cn_date(column.latest_date)},"
                f"如不更新将于{cn_date(column.stale_on)}起超出{column.window}更新期限"
            )
            severity = "warning"
        findings.append(
            make_finding(
                META,
                context,
                url=column.url,
                column=column.name,
                node=judged.node,
                message_zh=message,
                observed=observed,
                severity=severity,
            )
        )
    return findings
