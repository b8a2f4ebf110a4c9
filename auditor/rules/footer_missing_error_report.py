"""页面底部未设置“我为政府网站找错”入口: a link to (or the jiucuo script of) zfwzgl.www.gov.cn (indicators.md §10).

Missing on the home page's footer, or on inner pages read confidently, is a deduction naming the pages; a reading
that may be incomplete is a review note. An entry whose `site_code` is not the site's 网站标识码 (the scenario's
code) is a review note too: the entry may report errors against another site.
"""

from __future__ import annotations

from auditor.extract.footer import judge_missing
from auditor.model.bundle import Finding, Severity
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, register

META = RuleMeta(
    code="footer_missing_error_report",
    indicator_zh="页面底部功能区",
    title_zh="页面底部设置了“我为政府网站找错”入口",
    failure_title_zh="页面底部未设置“我为政府网站找错”入口",
    severity="deduction",
    required_artifacts=("footers",),
    reference="“我为政府网站找错”入口设置符合规范(seen in [S5][V5]);indicators.md §10",
    tags=("19号/扣分/页面底部功能区/我为政府网站找错",),
)


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    footers = context.artifacts.footers or []
    if not footers:
        return RuleResult.not_applicable("未读取任何页面底部")
    judged = judge_missing(footers, "error_report")
    code = context.artifacts.site_code
    wrong = [
        (f.url, i)
        for f in footers
        for i in f.identifiers
        if i.kind == "error_report" and i.value and code and i.value.strip() != code
    ]
    observed = dict(judged.observed)
    observed["scenario_code"] = code
    observed["wrong_site_code"] = {url: i.value for url, i in wrong}
    severity: Severity
    if judged.severity is not None:
        severity = "deduction" if judged.severity == "deduction" else "needs_review"
        message, node = judged.message_zh, judged.node
    elif wrong:
        url, shown = wrong[0]
        severity = "needs_review"
        message = f"“我为政府网站找错”入口的 site_code 为 {shown.value},与网站标识码 {code} 不一致({url}),需人工核实"
        node = shown.node
    else:
        return []
    return [
        make_finding(
            META,
            context,
            url=context.artifacts.home_url,
            node=node,
            severity=severity,
            message_zh=message,
            observed=observed,
        )
    ]
