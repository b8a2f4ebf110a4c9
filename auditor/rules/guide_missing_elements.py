"""办事指南要素缺失: a guide that does not show every element class of the indicator table (indicators.md §8).

One finding per guide, listing each missing class and how it is missing (absent, empty, placeholder), with the
2015 deduction (−2 a class, at most −16, from the table). A guide the auditor could not read, or read in a layout it
does not recognise, is `needs_review` with the reason, never told it lacks what may be there; so is a class answered
only by 详见… with a link.
"""

from __future__ import annotations

from auditor.computed.guide_status import NAME as GUIDE_STATUS
from auditor.computed.guide_status import JudgedGuide
from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, outline_of, register

META = RuleMeta(
    code="guide_missing_elements",
    indicator_zh="服务不实用",
    title_zh="办事指南要素齐全",
    failure_title_zh="办事指南要素缺失",
    severity="deduction",
    required_artifacts=(GUIDE_STATUS,),
    reference="国办秘函〔2019〕19号 单项否决指标 服务不实用 ②;2015年普查 办事指南要素(缺一类扣2分,最多16分)",
    tags=("19号/单项否决/服务不实用/办事指南要素",),
)
HOW_ZH = {"absent": "未列出", "empty": "内容为空", "placeholder": "仅填写占位内容", "refers": "仅写“详见…”"}


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    guides: tuple[JudgedGuide, ...] = context.computed(GUIDE_STATUS)
    readable = [g for g in guides if g.status in {"judged", "unreadable"}]
    if not readable:
        return RuleResult.not_applicable("未找到可读取的办事指南")
    deduction = context.settings.value("guide_deduction")
    findings: list[Finding] = []
    for guide in readable:
        name = guide.facts.name or guide.facts.url
        if guide.status == "unreadable":
            findings.append(
                make_finding(
                    META,
                    context,
                    url=guide.facts.url,
                    node=guide.facts.content_node,
                    severity="needs_review",
                    message_zh=f"办事指南“{name}”:{guide.reason}",
                    observed={"reason": "unreadable", "detail": guide.reason},
                )
            )
            continue
        if not guide.missing and not guide.refers and not guide.unloaded:
            continue
        nodes = [guide.elements[c].node for c in guide.missing] + [guide.elements[c].node for c in guide.refers]
        shown = "、".join(f"{c}({HOW_ZH[how]})" for c, how in guide.missing.items())
        points = min(deduction["per_class"] * len(guide.missing), deduction["cap"])
        if guide.missing:
            message = f"办事指南“{name}”缺少{len(guide.missing)}类要素:{shown}"
        elif guide.refers:
            message = f"办事指南“{name}”的" + "、".join(guide.refers) + "仅写“详见…”,需人工核实链接内容"
        else:
            message = (
                f"办事指南“{name}”的"
                + "、".join(guide.unloaded)
                + "所在标签页已点击但未读到内容(可能加载较慢),需人工核实"
            )
        findings.append(
            make_finding(
                META,
                context,
                url=guide.facts.url,
                node=outline_of(nodes, guide.facts.content_node),
                severity=None if guide.missing else "needs_review",
                message_zh=message,
                observed={
                    "missing": dict(guide.missing),
                    "values": {c: guide.elements[c].value for c in guide.missing if guide.elements[c].value},
                    "refers": list(guide.refers),
                    "unloaded": list(guide.unloaded),
                    "present": [c for c, e in guide.elements.items() if e.state == "present"],
                    "deduction_points": points,
                    "guide_name": name,
                },
            )
        )
    return findings
