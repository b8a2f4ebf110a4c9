"""互动回应差 ② (veto): a 政务咨询 board with a 有效 message asked in the year before T and answered more than 3 months
later, or shown unanswered more than 3 months after it was asked (indicators.md §7).

One finding per board, targeting the board's list page; the flagged messages go in `observed`. It is a deduction
(counted by the veto) only when at least one flagged message's dates were read with confidence (a labelled
留言时间 with its year, and a labelled 回复时间 or a shown 未回复 state); otherwise needs_review. Boards that publish
only answered messages, or show no dates, are recorded as not observable, never as passing on the unanswered part.
"""

from __future__ import annotations

from auditor.computed.interaction_status import NAME as INTERACTION_STATUS
from auditor.computed.interaction_status import JudgedBoard, JudgedMessage
from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, outline_of, register

META = RuleMeta(
    code="interaction_unanswered",
    indicator_zh="互动回应差",
    title_zh="政务咨询类栏目的有效留言均在3个月内答复",
    failure_title_zh="政务咨询类栏目存在超过3个月未回应的有效留言",
    severity="deduction",
    required_artifacts=("home", "interaction", INTERACTION_STATUS),
    reference="国办秘函〔2019〕19号 单项否决指标 互动回应差 ②;indicators.md §7",
    tags=("19号/单项否决/互动回应差/超过3个月未回应",),
)


def _observed(message: JudgedMessage) -> dict[str, object]:
    m = message.message
    return {
        "title": m.title,
        "url": m.url,
        "asked": m.asked.isoformat() if m.asked else None,
        "answered": m.answered.isoformat() if m.answered else None,
        "state": m.state_text,
        "verdict": message.verdict,
        "days": message.days,
        "deadline": message.deadline.isoformat() if message.deadline else None,
        "confident": message.confident,
        "source": m.source,
        "asked_label": m.asked_label,
        "answered_label": m.answered_label,
    }


def _shown(message: JudgedMessage) -> str:
    m = message.message
    asked = m.asked.isoformat() if m.asked else "?"
    if message.verdict == "late" and m.answered:
        return f"“{m.title}”(留言{asked},答复{m.answered.isoformat()},相隔{message.days}天)"
    return f"“{m.title}”(留言{asked},截至监测时间点{message.days}天仍{m.state_text or '未回复'})"


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    home = context.artifacts.home
    if home is None or home.kind == "error":
        return RuleResult.not_applicable("首页无法访问,未能查找政务咨询类栏目")
    boards: tuple[JudgedBoard, ...] = context.computed(INTERACTION_STATUS)
    consult = [b for b in boards if b.status != "excluded"]
    if not consult:
        return RuleResult.not_applicable("未发现可读取的政务咨询类栏目")
    judged = [b for b in consult if b.status in {"flagged", "ok"}]
    if not judged:
        reasons = ";".join(f"{b.facts.name}:{b.reason_zh}" for b in consult)
        return RuleResult.not_applicable(f"政务咨询类栏目的留言与回复时间均无法观察({reasons})")
    findings: list[Finding] = []
    for board in judged:
        flagged = board.flagged
        if not flagged:
            continue
        late = [m for m in flagged if m.verdict == "late"]
        open_ = [m for m in flagged if m.verdict == "unanswered"]
        confident = any(m.confident for m in flagged)
        parts = []
        if late:
            parts.append(f"超过3个月才答复{len(late)}条")
        if open_:
            parts.append(f"超过3个月未答复{len(open_)}条")
        shown = "、".join(_shown(m) for m in flagged[:3])
        message = f"政务咨询类栏目“{board.facts.name}”监测时间点前1年内的留言中,{'、'.join(parts)},如{shown}"
        if not confident:
            message += ";留言或回复时间未能从带标签的字段确认,需人工核实"
        findings.append(
            make_finding(
                META,
                context,
                url=board.facts.url,
                column=board.facts.name,
                node=outline_of([m.message.node for m in flagged]),
                severity=None if confident else "needs_review",
                message_zh=message,
                observed={
                    "board": board.facts.name,
                    "messages": [_observed(m) for m in flagged],
                    "messages_read": len(board.facts.messages),
                    "pages_read": board.facts.pages_read,
                    "details_read": board.facts.details_read,
                    "coverage": board.reason_zh,
                    "observed_pages": list(
                        dict.fromkeys(u for m in flagged for u in (m.message.url, m.message.page_url) if u)
                    ),
                },
            )
        )
    if findings:
        return findings
    notes = [f"{b.facts.name}:{b.reason_zh}" for b in judged if b.reason_zh]
    return RuleResult("pass", [], ";".join(notes) or None)
