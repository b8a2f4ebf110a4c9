"""Judging: artifacts (+ T, + the indicator table) → every rule's outcome, findings and the site verdict.

Pure: no browser, no files. Used live and to re-judge saved artifacts at another T or with corrected settings.
A rule whose required artifacts are missing, or that raises, gets the outcome `error` and never stops the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from auditor.computed.column_status import JudgedColumn
from auditor.model.artifacts import SiteArtifacts
from auditor.model.bundle import SEVERITY_ORDER, ColumnResult, Finding, Outcome, RuleSummary, Verdict
from auditor.rules import REGISTRY, Rule, RuleContext, RuleResult
from auditor.settings import IndicatorSettings, default_indicators
from auditor.verdict import fold_verdict


@dataclass(frozen=True)
class Judgement:
    columns: tuple[ColumnResult, ...]
    findings: list[Finding]
    verdict: Verdict
    rules: dict[str, RuleSummary]
    context: RuleContext


def _outcome_of(findings: list[Finding]) -> Outcome:
    if not findings:
        return "pass"
    if all(f.severity == "needs_review" for f in findings):
        return "needs_review"
    return "fail"


def run_rule(rule: Rule, context: RuleContext) -> RuleResult:
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
    results = {code: run_rule(rule, context) for code, rule in REGISTRY.items()}
    findings = [finding for result in results.values() for finding in result.findings]
    draft = {code: _summary(REGISTRY[code], result, result.findings) for code, result in results.items()}
    verdict, findings = fold_verdict(context, findings, draft)
    findings.sort(key=lambda f: (-SEVERITY_ORDER[f.severity], f.code, f.target.url))
    # Summaries again after the fold, so that their severity counts show the findings marked `veto`.
    summaries = {
        code: _summary(REGISTRY[code], result, [f for f in findings if f.code == code])
        for code, result in results.items()
    }
    columns: tuple[JudgedColumn, ...] = () if context.missing(("column_status",)) else context.columns
    return Judgement(tuple(c.result for c in columns), findings, verdict, summaries, context)
