"""互动回应差 ① (veto): the site offers no online consultation channel (网上信访、纪检举报等专门渠道除外).

Entries are links (home page, 互动交流 hubs) and columns named by the consultation words of the indicator table
([classes.interaction]), not the excluded ones. A deduction only when the home page rendered, its columns were
found, no hub page failed to load, and no consultation entry exists at all; entries that exist but none of which
answered (or could be checked) are left for review. The auditor never submits a form.
"""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, outline_of, register

META = RuleMeta(
    code="interaction_no_channel",
    indicator_zh="互动回应差",
    title_zh="提供了网上咨询建言渠道",
    failure_title_zh="未提供网上有效咨询建言渠道",
    severity="deduction",
    required_artifacts=("home", "columns", "interaction"),
    reference="国办秘函〔2019〕19号 单项否决指标 互动回应差 ①;indicators.md §2",
    tags=("19号/单项否决/互动回应差/咨询建言渠道",),
)


def _entry(e) -> dict[str, object]:  # noqa: ANN001 - an EntryLink
    return {"text": e.text, "url": e.url, "why": e.why, "status": e.status, "reachable": e.reachable, "kind": e.kind}


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    home = context.artifacts.home
    facts = context.artifacts.interaction
    assert facts is not None  # required
    if home is None or home.kind == "error":
        return RuleResult.not_applicable("首页无法访问,未能查找咨询建言渠道")
    url = context.artifacts.home_url
    entries = facts.entries
    if any(e.reachable for e in entries):
        return []
    observed: dict[str, object] = {
        "entries": [_entry(e) for e in entries],
        "hubs": [_entry(e) for e in facts.hubs],
        "excluded": [_entry(e) for e in facts.excluded],
        "hubs_unread": facts.hubs_unread,
        "columns": len(context.artifacts.columns),
    }
    if entries:
        failed = [e for e in entries if e.reachable is False]
        why = "均无法访问" if len(failed) == len(entries) else "未能核验是否可用"
        return [
            make_finding(
                META,
                context,
                url=url,
                node=outline_of([e.node for e in entries], facts.area),
                severity="needs_review",
                message_zh=f"发现咨询建言入口{len(entries)}个("
                + "、".join(f"“{e.text}”" for e in entries[:3])
                + f"),但{why},需人工核实",
                observed=observed,
            )
        ]
    sure = bool(context.artifacts.columns) and not facts.hubs_unread
    message = "网站未提供网上咨询建言渠道(未发现留言、咨询、信箱、建言等入口"
    if facts.excluded:
        message += ";仅有" + "、".join(f"“{e.text}”" for e in facts.excluded[:3]) + "等专门渠道"
    message += ")"
    if not sure:
        message += ";栏目未能完整读取,需人工核实"
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
