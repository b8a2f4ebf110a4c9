"""页面底部未列明网站标识码: read on the home page's footer and a sample of inner pages (indicators.md §10).

Missing on the home page (read from its rendered DOM) is a deduction naming the inner pages that lack it too;
shown on the home page but missing on inner pages read confidently is a deduction naming them; a reading that may
be incomplete (a script not run, an iframe) or an identifier shown outside the footer is a review note.
The logic is the shared, pure `judge_missing` of auditor/extract/footer.py.
"""

from __future__ import annotations

from auditor.extract.footer import judge_missing
from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, register

META = RuleMeta(
    code="footer_missing_site_code",
    indicator_zh="页面底部功能区",
    title_zh="页面底部列明了网站标识码",
    failure_title_zh="页面底部未列明网站标识码",
    severity="deduction",
    required_artifacts=("footers",),
    reference="《政府网站发展指引》网页设计规范(页面底部功能区);indicators.md §10",
    tags=("19号/扣分/页面底部功能区/标识码",),
)


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    footers = context.artifacts.footers or []
    if not footers:
        return RuleResult.not_applicable("未读取任何页面底部")
    judged = judge_missing(footers, "site_code")
    if judged.severity is None:
        return []
    observed = dict(judged.observed)
    observed["scenario_code"] = context.artifacts.site_code
    observed["meta_site_id_code"] = {f.url: i.value for f in footers for i in f.identifiers if i.source == "meta"}
    return [
        make_finding(
            META,
            context,
            url=context.artifacts.home_url,
            node=judged.node,
            severity="deduction" if judged.severity == "deduction" else "needs_review",
            message_zh=judged.message_zh,
            observed=observed,
        )
    ]
