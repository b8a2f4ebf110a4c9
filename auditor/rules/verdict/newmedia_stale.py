"""内容不更新 (new media): each deduction-severity newmedia_stale finding is one account's veto (threshold 1)."""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, VerdictMeta, register_verdict

META = VerdictMeta(
    code="newmedia_stale",
    indicator_zh="内容不更新",
    kind="veto",
    counts=("newmedia_stale",),
    reference="国办秘函〔2019〕19号 政务新媒体 单项否决指标 内容不更新",
    scope="newmedia",
)


@register_verdict(META)
def select(_context: RuleContext, findings: list[Finding]) -> list[Finding]:
    # Every stale account is vetoed on its own; the threshold row (1) is per account, so all are counted.
    return list(findings)
