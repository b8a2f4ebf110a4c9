"""服务不实用 ① (veto): the site offers no 办事服务: no 办事服务/政务服务/网上办事 entry, no link to the provincial
政务服务网, no 办事指南 read.

A deduction only when the home page rendered and its columns were found and nothing of the kind exists; entries
that exist but none of which answered (or could be checked) are left for review.
"""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, outline_of, register

META = RuleMeta(
    code="service_none",
    indicator_zh="服务不实用",
    title_zh="提供了办事服务",
    failure_title_zh="未提供办事服务",
    severity="deduction",
    required_artifacts=("home", "columns", "services"),
    reference="国办秘函〔2019〕19号 单项否决指标 服务不实用 ①;indicators.md §2",
    tags=("19号/单项否决/服务不实用/未提供办事服务",),
)


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    home = context.artifacts.home
    facts = context.artifacts.services
    assert facts is not None  # required
    if home is None or home.kind == "error":
        return RuleResult.not_applicable("首页无法访问,未能查找办事服务入口")
    guides = [g for g in context.artifacts.guides or [] if g.page is not None and g.page.kind != "error"]
    entries = facts.entries
    # An entry is what the indicator asks for (indicators.md §2: no 办事服务 link and no link to the 政务服务网):
    # one not followed (another host, --external-links skip) still passes; only entries that all failed to
    # answer are left for review.
    if guides or any(e.reachable is not False for e in entries):
        return []
    url = context.artifacts.home_url
    observed: dict[str, object] = {
        "entries": [
            {"text": e.text, "url": e.url, "why": e.why, "kind": e.kind, "status": e.status, "reachable": e.reachable}
            for e in entries
        ],
        "guides_listed": len(context.artifacts.guides or []),
        "columns": len(context.artifacts.columns),
    }
    if entries:
        why = "均无法访问"
        return [
            make_finding(
                META,
                context,
                url=url,
                node=outline_of([e.node for e in entries], facts.area),
                severity="needs_review",
                message_zh=f"发现办事服务入口{len(entries)}个("
                + "、".join(f"“{e.text}”" for e in entries[:3])
                + f"),但{why},需人工核实",
                observed=observed,
            )
        ]
    sure = bool(context.artifacts.columns)
    message = "网站未提供办事服务(未发现办事服务、政务服务、网上办事入口,也未链接政务服务网)"
    if not sure:
        message += ";栏目未能读取,需人工核实"
    return [
        make_finding(
            META,
            context,
            url=url,
            node=facts.area,
            severity=None if sure else "needs_review",
            message_zh=message,
            observed=observed,
        )
    ]
