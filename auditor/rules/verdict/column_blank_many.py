"""栏目不更新 ③: blank columns, counted over the whole site."""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, VerdictMeta, register_verdict

META = VerdictMeta(
    code="column_blank_many",
    indicator_zh="栏目不更新",
    kind="veto",
    counts=("column_blank",),
    reference="国办秘函〔2019〕19号 单项否决指标 栏目不更新 ③",
)


@register_verdict(META)
def select(_context: RuleContext, findings: list[Finding]) -> list[Finding]:
    return list(findings)
