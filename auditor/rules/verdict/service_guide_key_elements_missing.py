"""服务不实用 ②: guides missing a key element class (事项名称, 设定依据, 申请条件, 办理材料), counted over the site."""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, VerdictMeta, register_verdict

META = VerdictMeta(
    code="service_guide_key_elements_missing",
    indicator_zh="服务不实用",
    kind="veto",
    counts=("guide_missing_elements",),
    reference="国办秘函〔2019〕19号 单项否决指标 服务不实用 ②",
)


@register_verdict(META)
def select(context: RuleContext, findings: list[Finding]) -> list[Finding]:
    key = set(context.settings.value("guide_key_classes"))
    return [f for f in findings if f.severity != "needs_review" and key & set(f.observed.get("missing", {}))]
