"""Judging: artifacts → column results, findings and the site verdict. Pure; no browser, no files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from auditor.artifacts import SiteArtifacts
from auditor.bundle.models import SEVERITY_ORDER, ColumnResult, Finding, Verdict
from auditor.rules import REGISTRY, RuleContext
from auditor.rules.column_vetoes import column_vetoes, mark_veto_findings
from auditor.rules.columns import judge_column

SCOPE_NOTE_ZH = "本次检查覆盖栏目更新类指标(栏目不更新、空白栏目);其他指标未纳入本次结论。"


@dataclass(frozen=True)
class Judgement:
    columns: tuple[ColumnResult, ...]
    findings: list[Finding]
    verdict: Verdict


def judge(artifacts: SiteArtifacts, as_of: date | None = None) -> Judgement:
    """Judge gathered artifacts at monitoring point `as_of` (default: the one they were gathered for)."""
    as_of = as_of or artifacts.as_of
    columns = tuple(judge_column(facts, as_of) for facts in artifacts.columns)
    context = RuleContext(
        artifacts=artifacts,
        as_of=as_of,
        columns=columns,
        column_facts={facts.url: facts for facts in artifacts.columns},
    )
    findings: list[Finding] = []
    for rule in REGISTRY.values():
        findings.extend(rule.evaluate(context))
    vetoes, counts = column_vetoes(columns)
    findings = mark_veto_findings(findings, vetoes)
    findings.sort(key=lambda f: (-SEVERITY_ORDER[f.severity], f.code, f.target.url))
    home_failed = artifacts.home is None or artifacts.home.kind == "error"
    crashed = any(error.stage in {"internal", "site"} for error in artifacts.errors)
    if vetoes:
        qualified: bool | None = False
        note = "存在单项否决指标,判定为不合格。" + SCOPE_NOTE_ZH
    elif home_failed or crashed:
        qualified = None
        note = (
            "检查过程出错,本次无法评估,需人工复核。"
            if crashed
            else "首页无法访问,本次无法评估;可用性须以连续监测数据为准。"
        )
    else:
        qualified = True
        note = "未触发栏目类单项否决。" + SCOPE_NOTE_ZH
    return Judgement(columns, findings, Verdict(qualified=qualified, vetoes=vetoes, counts=counts, note_zh=note))
