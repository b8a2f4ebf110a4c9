"""Columns the auditor could not judge: the list failed to load, no item shows a date, or the wording table
changed since the page was read.

These are `needs_review`, never a stale or blank verdict: a false 栏目不更新 costs a site its rating.
"""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, make_finding, register

META = RuleMeta(
    code="column_unreadable",
    indicator_zh="栏目不更新",
    title_zh="栏目列表可读取且有发布日期",
    failure_title_zh="栏目列表无法读取或未注明发布日期,需人工复核",
    severity="needs_review",
    required_artifacts=("column_status",),
    reference="国办秘函〔2019〕19号 单项否决指标 栏目不更新(未注明发布时间的视为不更新,2015年普查口径)",
    tags=("19号/单项否决/栏目不更新",),
)


@register(META)
def evaluate(context: RuleContext) -> list[Finding]:
    findings: list[Finding] = []
    for judged in context.columns_in("unreadable", "undated"):
        column, facts = judged.result, judged.facts
        page = facts.page
        if column.status == "undated":
            message = f"栏目“{column.name}”共{column.item_count}条信息,列表和详情页均未找到发布日期,需人工复核"
            reason = "undated"
        elif column.reason is not None:
            message = f"栏目“{column.name}”:{column.reason}"
            reason = "uncertain"  # the reading, or the table it was judged with, is not sure enough
        else:
            detail = (page.error if page is not None else None) or facts.skipped
            message = f"栏目“{column.name}”列表页无法读取({detail or '未知原因'}),需人工复核"
            reason = "unreadable"
        findings.append(
            make_finding(
                META,
                context,
                url=column.url,
                column=column.name,
                node=judged.node,
                message_zh=message,
                observed={
                    "reason": reason,
                    "item_count": column.item_count,
                    "error": page.error if page is not None else None,
                    "status": page.status if page is not None else None,
                },
            )
        )
    return findings
