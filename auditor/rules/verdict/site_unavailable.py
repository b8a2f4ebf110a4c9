"""站点无法访问: the veto, from the prober's week of samples only (a single run's failure is a deduction)."""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, VerdictMeta, register_verdict

META = VerdictMeta(
    code="site_unavailable",
    indicator_zh="站点无法访问",
    kind="veto",
    counts=("site_unavailable",),
    reference="国办秘函〔2019〕19号 单项否决指标 站点无法访问",
)


@register_verdict(META)
def select(_context: RuleContext, findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.observed.get("basis") == "probe_history"]
