"""Judging: artifacts (+ T, + the indicator table) → every rule's outcome, findings and the site verdict.

Pure: no browser, no files. Used live and to re-judge saved artifacts at another T or with corrected settings.
A rule whose required artifacts are missing, or that raises, gets the outcome `error` and never stops the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from auditor.computed.account_status import NAME as ACCOUNT_STATUS
from auditor.computed.account_status import JudgedAccount
from auditor.computed.column_status import JudgedColumn
from auditor.computed.guide_status import NAME as GUIDE_STATUS
from auditor.computed.guide_status import JudgedGuide
from auditor.computed.interpretation_status import NAME as INTERPRETATION_STATUS
from auditor.computed.interpretation_status import InterpretationJudgement
from auditor.extract.html import canonical_url
from auditor.model.artifacts import SiteArtifacts
from auditor.model.bundle import (
    SEVERITY_ORDER,
    AccountResult,
    ColumnResult,
    Finding,
    GuideResult,
    InterpretationResult,
    Outcome,
    QualifiedRate,
    RuleSummary,
    Verdict,
)
from auditor.platforms import PLATFORM_ZH
from auditor.rules import REGISTRY, Rule, RuleContext, RuleResult, rule_in_scope
from auditor.rules.newmedia_stale import account_target
from auditor.settings import IndicatorSettings, default_indicators
from auditor.verdict import fold_verdict


@dataclass(frozen=True)
class Judgement:
    columns: tuple[ColumnResult, ...]
    findings: list[Finding]
    verdict: Verdict
    rules: dict[str, RuleSummary]
    context: RuleContext
    guides: tuple[GuideResult, ...] = ()
    interpretations: tuple[InterpretationResult, ...] = ()
    accounts: tuple[AccountResult, ...] = ()
    accounts_rate: QualifiedRate | None = None


def _outcome_of(findings: list[Finding]) -> Outcome:
    if not findings:
        return "pass"
    if all(f.severity == "needs_review" for f in findings):
        return "needs_review"
    return "fail"


SITE_UNAVAILABLE_ZH = "站点无法访问,本项未检查"


def run_rule(rule: Rule, context: RuleContext) -> RuleResult:
    availability = context.artifacts.availability
    if rule.meta.needs_site and availability is not None and not availability.answered:
        return RuleResult.not_applicable(SITE_UNAVAILABLE_ZH)
    missing = context.missing(rule.meta.required_artifacts)
    if missing:
        why = "; ".join(f"{name}: {reason}" for name, reason in missing.items())
        return RuleResult("error", [], f"缺少所需数据({why})")
    try:
        answer = rule.evaluate(context)
    except Exception as exc:  # one broken rule is recorded as such; the site is still judged by the others
        return RuleResult("error", [], f"{type(exc).__name__}: {exc}")
    if isinstance(answer, RuleResult):
        return answer
    return RuleResult(_outcome_of(answer), answer)


def _summary(rule: Rule, result: RuleResult, findings: list[Finding]) -> RuleSummary:
    by_severity: dict[str, int] = {}
    for finding in findings:
        by_severity[finding.severity] = by_severity.get(finding.severity, 0) + 1
    title = rule.meta.title_zh if result.outcome in {"pass", "not_applicable"} else rule.meta.failure_title_zh
    return RuleSummary(
        outcome=result.outcome,
        title_zh=title,
        indicator_zh=rule.meta.indicator_zh,
        findings=by_severity,
        message=result.message,
    )


def judge(artifacts: SiteArtifacts, as_of: date | None = None, settings: IndicatorSettings | None = None) -> Judgement:
    """Judge gathered artifacts at monitoring point `as_of` (default: the one they were gathered for)."""
    context = RuleContext(artifacts, as_of or artifacts.as_of, settings or default_indicators())
    results = {code: run_rule(rule, context) for code, rule in REGISTRY.items() if rule_in_scope(rule.meta, artifacts)}
    findings = [finding for result in results.values() for finding in result.findings]
    draft = {code: _summary(REGISTRY[code], result, result.findings) for code, result in results.items()}
    verdict, findings = fold_verdict(context, findings, draft)
    findings.sort(key=lambda f: (-SEVERITY_ORDER[f.severity], f.code, f.target.url))
    # Summaries again after the fold, so that their severity counts show the findings marked `veto`.
    summaries = {
        code: _summary(REGISTRY[code], result, [f for f in findings if f.code == code])
        for code, result in results.items()
    }
    if artifacts.scope == "newmedia":
        accounts = _account_results(context, findings)
        return Judgement((), findings, verdict, summaries, context, accounts=accounts, accounts_rate=_rate(accounts))
    columns: tuple[JudgedColumn, ...] = () if context.missing(("column_status",)) else context.columns
    return Judgement(
        tuple(c.result for c in columns),
        findings,
        verdict,
        summaries,
        context,
        _guide_results(context),
        _interpretation_results(context),
    )


def _account_results(context: RuleContext, findings: list[Finding]) -> tuple[AccountResult, ...]:
    if context.missing((ACCOUNT_STATUS,)):
        return ()
    judged: tuple[JudgedAccount, ...] = context.computed(ACCOUNT_STATUS)
    by_target = {f.target.url: f for f in findings if f.code == "newmedia_stale"}
    rows = []
    for account in judged:
        facts = account.facts
        finding = by_target.get(account_target(facts, context.artifacts.home_url))
        vetoed = finding is not None and finding.severity == "veto"
        rows.append(
            AccountResult(
                platform=facts.platform,
                platform_zh=PLATFORM_ZH.get(facts.platform, facts.platform),
                name=facts.name,
                owner=facts.owner,
                group=facts.group,
                url=facts.url,
                latest_post=account.latest_post,
                latest_post_earliest=account.latest_post_earliest,
                latest_post_text=account.latest_post_text,
                status=account.status,
                qualified=False if vetoed else (True if account.status == "fresh" else None),
                source=account.source,
                state=facts.state,
                reason=account.reason,
                captured_at=facts.captured_at,
                reference_time=facts.reference_time,
                finding=finding.id if finding is not None else None,
            )
        )
    return tuple(rows)


def _rate(accounts: tuple[AccountResult, ...]) -> QualifiedRate:
    judged = [a for a in accounts if a.qualified is not None]
    good = sum(1 for a in judged if a.qualified)
    # 合格率 to one decimal, rounded half up as the notices do (indicators.md §4: 104/140 = 74.3 %).
    rate = (Decimal(good * 100) / Decimal(len(judged))).quantize(Decimal("0.1"), ROUND_HALF_UP) if judged else None
    return QualifiedRate(
        qualified=good,
        judged=len(judged),
        needs_review=len(accounts) - len(judged),
        rate_pct=str(rate) if rate is not None else None,
    )


def _guide_results(context: RuleContext) -> tuple[GuideResult, ...]:
    if context.missing((GUIDE_STATUS,)):
        return ()
    guides: tuple[JudgedGuide, ...] = context.computed(GUIDE_STATUS)
    return tuple(
        GuideResult(
            url=g.facts.url,
            name=g.facts.name,
            found_in=list(g.facts.found_in),
            status=g.status,
            meets=g.clean if g.status == "judged" else None,
            missing=dict(g.missing),
            basis_kind=g.basis_kind,
            form_channel=g.form_channel,
            tabs_opened=g.facts.tabs_opened,
            reason=g.reason,
        )
        for g in guides
    )


def _interpretation_results(context: RuleContext) -> tuple[InterpretationResult, ...]:
    if context.missing((INTERPRETATION_STATUS,)):
        return ()
    judgement: InterpretationJudgement = context.computed(INTERPRETATION_STATUS)
    back = {canonical_url(p.policy.url): p.linked_back for p in judgement.policies}
    return tuple(
        InterpretationResult(
            url=i.facts.url,
            title=i.facts.heading,
            found_in=list(i.facts.found_in),
            status=i.status,
            named_title=i.named_title,
            policy_url=i.policy.url if i.policy else None,
            policy_links_back=back.get(canonical_url(i.policy.url)) if i.policy else None,
            reason=i.reason,
        )
        for i in judgement.interpretations
    )
