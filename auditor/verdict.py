"""The site verdict: the site-level rules of rules/verdict/ folded into 合格 / 不合格 / 无法评估.

Each veto rule counts findings of the codes it names (which ones is its own `select`), compares the count with
its `[verdict.<code>]` row of the indicator table, and, when triggered, marks the findings it counted as `veto`:
they are why the site fails. Any one veto makes the site 不合格 and nothing else is scored (indicators.md). The
100-point score of the deduction rules plugs in here, beside the vetoes.
"""

from __future__ import annotations

from auditor.model.artifacts import SiteArtifacts
from auditor.model.bundle import Finding, RuleSummary, Verdict, Veto
from auditor.rules import VERDICT_REGISTRY, RuleContext

UNASSESSABLE_HOME_ZH = "首页无法访问,本次无法评估;可用性须以连续监测数据为准。"
UNASSESSABLE_CRASH_ZH = "检查过程出错,本次无法评估,需人工复核。"


def _scope_note(rules: dict[str, RuleSummary]) -> str:
    """Which indicators this verdict rests on, from the rules that actually ran, in the order they were declared."""
    judged = list(dict.fromkeys(s.indicator_zh for s in rules.values() if s.outcome not in {"error", "not_applicable"}))
    unjudged = list(
        dict.fromkeys(s.indicator_zh for s in rules.values() if s.outcome == "error" and s.indicator_zh not in judged)
    )
    note = f"本次检查覆盖指标:{'、'.join(judged)};其他指标未纳入本次结论。" if judged else "本次未能检查任何指标。"
    if unjudged:
        note += f"未能检查:{'、'.join(unjudged)}。"
    return note


def fold_verdict(
    context: RuleContext, findings: list[Finding], rules: dict[str, RuleSummary]
) -> tuple[Verdict, list[Finding]]:
    """The verdict, and the findings with those counted in a triggered veto marked `veto`."""
    vetoes: list[Veto] = []
    counts: dict[str, int] = {}
    vetoed_ids: set[str] = set()
    table = context.settings.verdict
    # In the table's order (the order the notice lists them), which is data; a rule without a row is not folded.
    for code in sorted((c for c in VERDICT_REGISTRY if c in table), key=list(table).index):
        rule, row = VERDICT_REGISTRY[code], table[code]
        candidates = [f for f in findings if f.code in rule.meta.counts and f.severity == "deduction"]
        counted = rule.select(context, candidates)
        counts[code] = len(counted)
        if rule.meta.kind == "veto" and len(counted) >= row.threshold:
            vetoed_ids.update(f.id for f in counted)
            vetoes.append(
                Veto(
                    code=code,
                    indicator_zh=rule.meta.indicator_zh,
                    count=len(counted),
                    threshold=row.threshold,
                    message_zh=row.wording_zh,
                    columns=list(dict.fromkeys(f.target.url for f in counted)),
                    findings=[f.id for f in counted],
                )
            )
    marked = [f.model_copy(update={"severity": "veto"}) if f.id in vetoed_ids else f for f in findings]
    return Verdict(**_qualified(context.artifacts, vetoes, rules), vetoes=vetoes, counts=counts), marked


def _qualified(artifacts: SiteArtifacts, vetoes: list[Veto], rules: dict[str, RuleSummary]) -> dict[str, object]:
    scope = _scope_note(rules)
    if vetoes:
        return {"qualified": False, "note_zh": "存在单项否决指标,判定为不合格。" + scope}
    home_failed = artifacts.home is None or artifacts.home.kind == "error"
    crashed = any(error.stage in {"internal", "site"} for error in artifacts.errors)
    if crashed:
        return {"qualified": None, "note_zh": UNASSESSABLE_CRASH_ZH}
    if home_failed:
        return {"qualified": None, "note_zh": UNASSESSABLE_HOME_ZH}
    return {"qualified": True, "note_zh": "未触发单项否决指标。" + scope}
