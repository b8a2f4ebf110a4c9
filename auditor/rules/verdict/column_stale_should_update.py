"""栏目不更新 ②: should-update columns that are stale (and, by the 2015 definition, blank), counted together."""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, VerdictMeta, register_verdict

META = VerdictMeta(
    code="column_stale_should_update",
    indicator_zh="栏目不更新",
    kind="veto",
    counts=("column_stale", "column_blank"),
    reference="国办秘函〔2019〕19号 单项否决指标 栏目不更新 ②",
)


@register_verdict(META)
def select(context: RuleContext, findings: list[Finding]) -> list[Finding]:
    counted = []
    for finding in findings:
        column = context.column_at(finding.target.url)
        if column is None or not context.settings.class_rule(column.column_class).feeds_should_update:
            continue
        if column.status == "stale" or (column.status == "blank" and context.settings.blank_feeds_should_update):
            counted.append(finding)
    return counted
