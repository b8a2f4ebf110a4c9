"""栏目不更新 ①: stale 动态要闻 columns (any level) and first-level 通知公告/政策文件 columns, counted together."""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, VerdictMeta, register_verdict

META = VerdictMeta(
    code="column_stale_news_notice",
    indicator_zh="栏目不更新",
    kind="veto",
    counts=("column_stale",),
    reference="国办秘函〔2019〕19号 单项否决指标 栏目不更新 ①",
)


@register_verdict(META)
def select(context: RuleContext, findings: list[Finding]) -> list[Finding]:
    counted = []
    for finding in findings:
        column = context.column_at(finding.target.url)
        if column is None or column.status != "stale":  # early warnings are not failures
            continue
        levels = context.settings.class_rule(column.column_class).news_notice_levels
        if levels is not None and column.level in levels:
            counted.append(finding)
    return counted
