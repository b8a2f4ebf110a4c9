"""服务不实用 ①: no 办事服务; one deduction-severity finding vetoes the site (threshold 1)."""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, VerdictMeta, register_verdict

META = VerdictMeta(
    code="service_none",
    indicator_zh="服务不实用",
    kind="veto",
    counts=("service_none",),
    reference="国办秘函〔2019〕19号 单项否决指标 服务不实用",
)


@register_verdict(META)
def select(_context: RuleContext, findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "deduction"]
