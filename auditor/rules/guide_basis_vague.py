"""设定依据未说明具体内容: the guide's 设定依据 names no law, only laws, or only article numbers (indicators.md §8).

Concrete means the provision's wording is quoted (《…》第八条：“……”). `observed.kind` says which of the three
vague forms it is (`no_law`, `law_only`, `article_number_only`) so a reviewer can filter; each kind's severity is in
the indicator table (values.guide_basis_severity): the bare article number, which the reference passes by
default, is left for review.
"""

from __future__ import annotations

from auditor.computed.guide_status import NAME as GUIDE_STATUS
from auditor.computed.guide_status import JudgedGuide
from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, register

META = RuleMeta(
    code="guide_basis_vague",
    indicator_zh="服务不实用",
    title_zh="设定依据说明了具体内容",
    failure_title_zh="办事事项设定依据未说明具体内容",
    severity="deduction",
    required_artifacts=(GUIDE_STATUS,),
    reference="上海市2021年一季度通报:办事事项设定依据未说明具体内容;indicators.md §8",
    tags=("19号/单项否决/服务不实用/办事指南准确性",),
)
KIND_ZH = {
    "no_law": "未写明具体法律法规",
    "law_only": "仅列出法律法规名称,未说明具体条款内容",
    "article_number_only": "仅列出条款序号,未引用条款内容",
}


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    guides: tuple[JudgedGuide, ...] = context.computed(GUIDE_STATUS)
    judged = [g for g in guides if g.status == "judged" and g.basis_kind != "missing"]
    if not judged:
        return RuleResult.not_applicable("没有写明设定依据的办事指南")
    severities = context.settings.value("guide_basis_severity")
    findings: list[Finding] = []
    for guide in judged:
        if guide.basis_kind not in KIND_ZH:
            continue
        basis = guide.basis
        name = guide.facts.name or guide.facts.url
        shown = (basis.value or "") if basis is not None else ""
        findings.append(
            make_finding(
                META,
                context,
                url=guide.facts.url,
                node=basis.node if basis is not None else guide.facts.content_node,
                severity=severities.get(guide.basis_kind, META.severity),
                message_zh=f"办事指南“{name}”的设定依据{KIND_ZH[guide.basis_kind]}:“{shown[:80]}”",
                observed={"kind": guide.basis_kind, "basis": basis.value if basis else None, "guide_name": name},
            )
        )
    return findings
