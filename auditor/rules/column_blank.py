"""空白栏目: a list column that shows no item at all, or only a placeholder (暂无信息, 建设中)."""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, make_finding, register

META = RuleMeta(
    code="column_blank",
    indicator_zh="栏目不更新",
    title_zh="栏目有内容",
    failure_title_zh="空白栏目",
    severity="deduction",
    required_artifacts=("column_status",),
    reference="国办秘函〔2019〕19号 单项否决指标 栏目不更新 ③ 空白栏目",
    tags=("19号/单项否决/栏目不更新/空白栏目",),
)


@register(META)
def evaluate(context: RuleContext) -> list[Finding]:
    findings: list[Finding] = []
    for judged in context.columns_in("blank"):
        column, page = judged.result, judged.facts.page
        placeholder = page.placeholder if page is not None else None
        shown = f"页面显示“{placeholder}”" if placeholder else "列表中没有任何信息"
        findings.append(
            make_finding(
                META,
                context,
                url=column.url,
                column=column.name,
                node=judged.node,
                message_zh=f"栏目“{column.name}”为空白栏目:{shown}",
                observed={
                    "placeholder": placeholder,
                    "item_count": 0,
                    "level": column.level,
                    "column_class": column.column_class.value,
                },
            )
        )
    return findings
