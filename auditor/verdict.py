"""The site verdict: the site-level rules of rules/verdict/ folded into 合格 / 不合格 / 无法评估, and the score.

Each veto rule counts findings of the codes it names (which ones is its own `select`), compares the count with
its `[verdict.<code>]` row of the indicator table, and, when triggered, marks the findings it counted as `veto`:
they are why the site fails. Any one veto makes the site 不合格 and nothing else is scored (indicators.md §4).
Without a veto, the deduction score: 100 minus each indicator's deductions (the `[score.<id>]` rows: points per
deduction-level finding of a code), capped at the indicator's weight; below the pass mark the site is 不合格.
An indicator none of whose rules could run is not assessed and deducts nothing; the bundle names it.
"""

from __future__ import annotations

from auditor.model.artifacts import SiteArtifacts
from auditor.model.bundle import Finding, IndicatorScore, RuleSummary, Score, Verdict, Veto
from auditor.rules import VERDICT_REGISTRY, RuleContext, rule_in_scope

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
    in_scope = (
        c for c in VERDICT_REGISTRY if c in table and rule_in_scope(VERDICT_REGISTRY[c].meta, context.artifacts)
    )
    for code in sorted(in_scope, key=list(table).index):
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
    # The 100-point table is the websites'; whether new media have one is unknown (indicators.md §4): not scored.
    scored = not vetoes and context.artifacts.scope == "website"
    score = deduction_score(context, marked, rules) if scored else None
    qualified = _qualified_group(context, vetoes) if context.artifacts.scope == "newmedia" else None
    verdict = Verdict(
        **(qualified or _qualified(context.artifacts, vetoes, rules, score)), vetoes=vetoes, counts=counts, score=score
    )
    return verdict, marked


ASSESSED_OUTCOMES = frozenset({"pass", "fail", "needs_review"})


def deduction_score(context: RuleContext, findings: list[Finding], rules: dict[str, RuleSummary]) -> Score | None:
    """100 minus the capped deductions of each indicator of the table's `[score]` rows; None without rows."""
    table = context.settings.score
    if not table:
        return None
    indicators: list[IndicatorScore] = []
    for indicator_id, row in table.items():
        assessed = any(rules[code].outcome in ASSESSED_OUTCOMES for code in row.deductions if code in rules)
        counted = [f for f in findings if f.code in row.deductions and f.severity == "deduction"] if assessed else []
        uncapped = sum(row.deductions[f.code] for f in counted)
        indicators.append(
            IndicatorScore(
                id=indicator_id,
                name_zh=row.name_zh,
                weight=row.weight,
                deducted=round(min(uncapped, row.weight), 2),
                uncapped=round(uncapped, 2),
                assessed=assessed,
                findings=[f.id for f in counted],
                status=row.status,
            )
        )
    deducted = sum(i.deducted for i in indicators)
    unassessed = [i for i in indicators if not i.assessed]
    rescale = bool(context.settings.value("score_rescale_unassessed")) and unassessed
    total = 100 - deducted
    if rescale:
        # Scored out of what could be assessed, then brought back to 100 ([S3]'s ×4/3 for sites without services).
        assessable = 100 - sum(i.weight for i in unassessed)
        total = 100 - deducted * 100 / assessable if assessable > 0 else 100.0
    pass_mark = float(context.settings.value("score_pass_mark"))
    shown = "、".join(f"{i.name_zh}扣{i.deducted:g}分" for i in indicators if i.deducted)
    note = f"扣分指标得分 {round(total, 2):g} 分(及格线 {pass_mark:g} 分)" + (f":{shown}" if shown else ",未扣分")
    if unassessed:
        note += f";未能评估、未扣分:{'、'.join(i.name_zh for i in unassessed)}"
    if any(i.deducted and i.status != "confirmed" for i in indicators):
        # The official table's weights and points have not been read: a reader must know the score rests on defaults.
        note += ";各指标分值与扣分标准为未经核实的默认值(indicators.toml [score])"
    return Score(
        total=round(total, 2),
        pass_mark=pass_mark,
        indicators=indicators,
        not_assessed=[i.name_zh for i in unassessed],
        rescaled=bool(rescale),
        note_zh=note + "。",
    )


def _qualified_group(context: RuleContext, vetoes: list[Veto]) -> dict[str, object]:
    """A group of new-media accounts: each account is 合格 unless vetoed; the group says how many are not."""
    facts = context.artifacts.newmedia
    why = context.artifacts.unavailable.get("newmedia")
    if facts is None or not facts.accounts:
        return {"qualified": None, "note_zh": f"未读到政务新媒体账号({why or '账号清单为空'}),本次无法评估。"}
    judged = context.computed("account_status")
    total = len(judged)
    stale = sum(1 for j in judged if j.status == "stale")
    review = sum(1 for j in judged if j.status == "needs_review")
    counted = (
        f"共检查{total}个账号:{stale}个监测时间点前2周不更新,{review}个需人工核实,{total - stale - review}个正常。"
    )
    if vetoes:
        return {"qualified": False, "note_zh": f"存在单项否决问题的账号{stale}个,判定为不合格。" + counted}
    if review == total:
        return {"qualified": None, "note_zh": "所有账号均未能读取发布内容,本次无法评估。" + counted}
    return {"qualified": True, "note_zh": "未发现监测时间点前2周不更新的账号。" + counted}


def _qualified(
    artifacts: SiteArtifacts, vetoes: list[Veto], rules: dict[str, RuleSummary], score: Score | None = None
) -> dict[str, object]:
    scope = _scope_note(rules)
    if vetoes:
        return {"qualified": False, "note_zh": "存在单项否决指标,判定为不合格。" + scope}
    home_failed = artifacts.home is None or artifacts.home.kind == "error"
    crashed = any(error.stage in {"internal", "site"} for error in artifacts.errors)
    if crashed:
        return {"qualified": None, "note_zh": UNASSESSABLE_CRASH_ZH}
    if home_failed:
        return {"qualified": None, "note_zh": UNASSESSABLE_HOME_ZH}
    if score is not None and score.total < score.pass_mark:
        return {"qualified": False, "note_zh": f"未触发单项否决指标,{score.note_zh}低于及格线,判定为不合格。" + scope}
    scored = score.note_zh if score is not None else ""
    return {"qualified": True, "note_zh": "未触发单项否决指标。" + scored + scope}
