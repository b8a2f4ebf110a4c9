"""首页不更新: one deduction-severity homepage_stale finding vetoes the site (threshold 1, [verdict.homepage_stale])."""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, VerdictMeta, register_verdict

META = VerdictMeta(
    code="homepage_stale",
    indicator_zh="首页不更新",
    kind="veto",
    counts=("homepage_stale",),
    reference="国办秘函〔2019〕19号 单项否决指标 首页不更新",
)


@register_verdict(META)
def select(_context: RuleContext, findings: list[Finding]) -> list[Finding]:
    return list(findings)
