"""站点无法访问: the home page does not answer (indicators.md §6).

From one run the rule can only say that the home page did not answer within the budget on any attempt: a
`deduction`-level finding recording the attempts, never the veto. The veto needs the availability history —
≥ 20 probes a day over the 7 days ending on T, failures ≥ 5 % — which the prober records as
`AvailabilityFacts.probes`; when that history is complete the rule judges it, and its finding (basis
probe_history) is what the veto counts (rules/verdict/site_unavailable.py). A block page (403/429 and the like on
every attempt) is left for review: a firewall refusing the auditor is not a site that is down.
"""

from __future__ import annotations

from datetime import timedelta

from auditor.model.artifacts import AvailabilityFacts, ProbeAttempt
from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, register

META = RuleMeta(
    code="site_unavailable",
    indicator_zh="站点无法访问",
    title_zh="首页可以访问",
    failure_title_zh="首页无法访问",
    severity="deduction",
    required_artifacts=("availability",),
    reference="国办秘函〔2019〕19号 单项否决指标 站点无法访问;indicators.md §6",
    tags=("19号/单项否决/站点无法访问",),
    needs_site=False,
)


def _attempt(a: ProbeAttempt) -> dict[str, object]:
    return {"at": a.at.isoformat(timespec="seconds"), "status": a.status, "ms": a.elapsed_ms, "error": a.error}


def _history(context: RuleContext, facts: AvailabilityFacts) -> Finding | RuleResult | None:
    """The veto's own test over the prober's samples, when they cover the week; None when they do not."""
    rule = context.settings.value("availability_veto")
    days = int(rule["days"])
    start = context.as_of - timedelta(days=days - 1)
    samples = [p for p in facts.probes or () if start <= p.at.date() <= context.as_of]
    per_day = {start + timedelta(days=i): 0 for i in range(days)}
    for probe in samples:
        per_day[probe.at.date()] += 1
    if min(per_day.values()) < int(rule["min_probes_per_day"]):
        return None
    failed = [p for p in samples if not p.ok]
    share = len(failed) / len(samples)
    if share < float(rule["failure_share"]):
        return RuleResult("pass", [], f"监测{days}天共{len(samples)}次访问,失败{len(failed)}次({share:.1%})")
    return make_finding(
        META,
        context,
        url=facts.url,
        message_zh=(
            f"监测{days}天({start}至{context.as_of})共访问首页{len(samples)}次,"
            f"超过{facts.budget_s:g}秒仍打不开{len(failed)}次,占{share:.1%},超过(含){float(rule['failure_share']):.0%}"
        ),
        observed={
            "basis": "probe_history",
            "probes": len(samples),
            "failures": len(failed),
            "failure_share": round(share, 4),
            "failed_samples": [_attempt(p) for p in failed[:50]],
        },
    )


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    facts: AvailabilityFacts | None = context.artifacts.availability
    if facts is None:
        return RuleResult.not_applicable("首页受 robots.txt 限制,未检测可用性")
    if facts.probes:
        judged = _history(context, facts)
        if isinstance(judged, RuleResult):
            return judged
        if judged is not None:
            return [judged]
    if facts.answered:
        return []
    blocked = set(context.settings.value("bot_block_statuses"))
    attempts = [_attempt(a) for a in facts.attempts]
    statuses = {a.status for a in facts.attempts if a.status is not None}
    if facts.attempts and all(a.status in blocked for a in facts.attempts):
        return [
            make_finding(
                META,
                context,
                url=facts.url,
                severity="needs_review",
                message_zh=f"首页拒绝了检查程序的访问(HTTP {'/'.join(str(s) for s in sorted(statuses))}),"
                "可能是防火墙拦截,需人工确认网站能否正常打开",
                observed={"basis": "this_run", "attempts": attempts},
            )
        ]
    last = facts.attempts[-1]
    return [
        make_finding(
            META,
            context,
            url=facts.url,
            message_zh=(
                f"本次检查访问首页{len(facts.attempts)}次,均未能在{facts.budget_s:g}秒内正常打开({last.error});"
                "单次检查不作单项否决,以连续监测数据为准"
            ),
            observed={"basis": "this_run", "attempts": attempts},
        )
    ]
