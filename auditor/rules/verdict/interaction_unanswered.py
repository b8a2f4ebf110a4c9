"""互动回应差 ②: a message unanswered over 3 months; one deduction-severity finding vetoes the site (threshold 1)."""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, VerdictMeta, register_verdict

META = VerdictMeta(
    code="interaction_unanswered",
    indicator_zh="互动回应差",
    kind="veto",
    counts=("interaction_unanswered",),
    reference="国办秘函〔2019〕19号 单项否决指标 互动回应差",
)


@register_verdict(META)
def select(_context: RuleContext, findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "deduction"]
