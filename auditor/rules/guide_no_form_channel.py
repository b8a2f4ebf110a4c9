"""未提供规范表格获取渠道: a guide that names a form but offers neither a working download nor a stated channel.

A download is a link to a form file (.doc, .xlsx, .pdf, …) or a link named 表格下载/申请表/样表/空白表格/示范文本 that
answers 200 with a body; a channel is a sentence saying where to get it (窗口领取, 登录…下载). A link that exists
but fails is reported with its status. A form link the auditor could not follow (another host) leaves the guide
for review.
"""

from __future__ import annotations

from auditor.computed.guide_status import NAME as GUIDE_STATUS
from auditor.computed.guide_status import JudgedGuide
from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, outline_of, register

META = RuleMeta(
    code="guide_no_form_channel",
    indicator_zh="服务不实用",
    title_zh="提供了规范表格获取渠道",
    failure_title_zh="未提供规范表格获取渠道",
    severity="deduction",
    required_artifacts=(GUIDE_STATUS,),
    reference="上海市2021年一季度通报:未提供规范表格获取渠道;indicators.md §8",
    tags=("19号/单项否决/服务不实用/表格下载",),
)


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    guides: tuple[JudgedGuide, ...] = context.computed(GUIDE_STATUS)
    judged = [g for g in guides if g.status == "judged" and g.form_channel != "not_applicable"]
    if not judged:
        return RuleResult.not_applicable("没有需要表格的办事指南")
    findings: list[Finding] = []
    for guide in judged:
        if guide.form_channel not in {"none", "unverified"}:
            continue
        name = guide.facts.name or guide.facts.url
        failed = [
            {"text": f.text, "href": f.href, "status": f.status, "error": f.error, "target_kind": f.target_kind}
            for f in guide.failed_forms
        ]
        if guide.form_channel == "unverified":
            message = f"办事指南“{name}”的表格下载链接指向站外或未能核验,需人工核实"
        elif failed:
            shown = "、".join(
                f"“{f['text'] or f['href']}”({f['status'] or f['error'] or f['target_kind']})" for f in failed
            )
            message = f"办事指南“{name}”要求提交“{guide.names_form}”,但表格下载链接无法使用:{shown},且未说明获取渠道"
        else:
            message = f"办事指南“{name}”要求提交“{guide.names_form}”,但未提供表格下载,也未说明获取渠道"
        materials = guide.elements.get("办理材料")
        nodes = [f.node for f in guide.failed_forms] + [materials.node if materials else None]
        findings.append(
            make_finding(
                META,
                context,
                url=guide.facts.url,
                node=outline_of(nodes, guide.facts.content_node),
                severity=None if guide.form_channel == "none" else "needs_review",
                message_zh=message,
                observed={
                    "names_form": guide.names_form,
                    "failed_links": failed,
                    "unverified_links": [f.url for f in guide.unverified_forms],
                    "guide_name": name,
                },
            )
        )
    return findings
