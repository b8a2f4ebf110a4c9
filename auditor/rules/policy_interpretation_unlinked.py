"""政策文件未关联解读 (双向关联): a policy document that has an interpretation on the site but no link back to it.

The document is known from the interpretation (its working 原文 link, or its title found among the 政策文件
columns); its page was read in the browser before it is believed to lack a 相关解读 link. A link to a column list
(the menu's 政策解读) is not a link back.
"""

from __future__ import annotations

from auditor.computed.interpretation_status import NAME as INTERPRETATION_STATUS
from auditor.computed.interpretation_status import InterpretationJudgement
from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, register

META = RuleMeta(
    code="policy_interpretation_unlinked",
    indicator_zh="政策解读",
    title_zh="政策文件关联了其解读",
    failure_title_zh="政策文件未与其解读相关联",
    severity="deduction",
    required_artifacts=(INTERPRETATION_STATUS,),
    reference="随机抽查的解读稿未与政策原文做好双向关联 [S9];indicators.md §9",
    tags=("19号/扣分/政策解读关联",),
)


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    judgement: InterpretationJudgement = context.computed(INTERPRETATION_STATUS)
    if not judgement.policies:
        return RuleResult.not_applicable("没有找到被解读的政策文件")
    findings: list[Finding] = []
    for item in judgement.policies:
        if item.linked_back:
            continue
        policy = item.policy
        title = policy.title or policy.url
        findings.append(
            make_finding(
                META,
                context,
                url=policy.url,
                node=policy.link_area,
                message_zh=f"政策文件“{title}”已有解读,但文件页面未提供解读链接(相关解读)",
                observed={
                    "policy_title": policy.title,
                    "doc_number": policy.doc_number,
                    "interpretations": list(item.interpretations),
                    "back_links_seen": [link.url or link.href for link in policy.back_links if link.why == "back_text"],
                },
            )
        )
    return findings
