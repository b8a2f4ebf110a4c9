"""解读稿未与被解读的政策文件相关联: an interpretation with no working link to the document it interprets.

`observed` names the document (its 《title》 and 文号), every candidate link with why it was rejected (href #,
javascript:, an error or soft-404 page, the 政策文件 list, the home page, a search page, another document's page),
and the document when the auditor found it elsewhere on the site, so the notice can say what to link to. An
interpretation whose candidate links could not be followed (another host) is `needs_review`.
"""

from __future__ import annotations

from auditor.computed.interpretation_status import NAME as INTERPRETATION_STATUS
from auditor.computed.interpretation_status import REASON_ZH, InterpretationJudgement
from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, outline_of, register

META = RuleMeta(
    code="interpretation_unlinked",
    indicator_zh="政策解读",
    title_zh="解读稿与被解读的政策文件相关联",
    failure_title_zh="解读稿未与被解读的政策文件相关联",
    severity="deduction",
    required_artifacts=(INTERPRETATION_STATUS,),
    reference="上海市2021年一季度通报:解读稿未与被解读的政策文件相关联;indicators.md §9",
    tags=("19号/扣分/政策解读关联",),
)


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    judgement: InterpretationJudgement = context.computed(INTERPRETATION_STATUS)
    judged = [i for i in judgement.interpretations if i.status != "not_judged"]
    if not judged:
        return RuleResult.not_applicable("未找到可读取的政策解读")
    findings: list[Finding] = []
    for item in judged:
        if item.status not in {"unlinked", "needs_review"}:
            continue
        facts = item.facts
        title = facts.heading or facts.url
        rejected = [
            {
                "text": r.link.text,
                "href": r.link.href,
                "reason": r.reason,
                "reason_zh": REASON_ZH[r.reason],
                "status": r.link.status,
                "target_title": r.link.target_title,
            }
            for r in item.rejected
        ]
        found = item.policy
        named = f"《{item.named_title}》" if item.named_title else "所解读的政策文件"
        if item.status == "needs_review":
            message = f"解读“{title}”:{item.reason}"
        elif rejected:
            reasons = "、".join(
                f"“{r['text'] or r['href']}”{r['reason_zh']}"
                + (f"(HTTP {r['status']})" if r["reason"] == "http_error" and r["status"] else "")
                for r in rejected
            )
            message = f"解读“{title}”未与{named}相关联:{reasons}"
        else:
            message = f"解读“{title}”未提供{named}的原文链接"
        if item.status == "unlinked" and found is not None:
            message += f";该文件在本站的地址为 {found.url}"
        nodes = [r.link.node for r in item.rejected]
        findings.append(
            make_finding(
                META,
                context,
                url=facts.url,
                node=outline_of(nodes, facts.link_area),
                severity=None if item.status == "unlinked" else "needs_review",
                message_zh=message,
                observed={
                    "named_title": item.named_title,
                    "doc_numbers": list(facts.doc_numbers),
                    "image_only": facts.image_only,
                    "rejected_links": rejected,
                    "unverified_links": [link.url or link.href for link in item.unverified],
                    "found_policy": {"url": found.url, "title": found.title} if found is not None else None,
                },
            )
        )
    return findings
