"""页面底部网站标识码与本网站标识码不一致: the code read in a footer is not the scenario's `code` (indicators.md §10).

A different code may be a template copied from another site, or a wrongly configured scenario: it is always a
review note, never a deduction. The page's <meta name="SiteIDCode"> is compared too and recorded in `observed`.
Nothing to compare (no scenario code, no code read) is not applicable; a missing code is footer_missing_site_code's.
"""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, register

META = RuleMeta(
    code="footer_site_code_mismatch",
    indicator_zh="页面底部功能区",
    title_zh="页面底部网站标识码与本网站一致",
    failure_title_zh="页面底部网站标识码与本网站不一致",
    severity="needs_review",
    required_artifacts=("footers",),
    reference="网站标识码 cross-check with meta SiteIDCode and the configured code (indicators.md §10)",
    tags=("19号/扣分/页面底部功能区/标识码",),
)


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    code = context.artifacts.site_code
    footers = [f for f in context.artifacts.footers or [] if f.error is None]
    if not code:
        return RuleResult.not_applicable("场景未配置网站标识码")
    shown = [(f, i) for f in footers for i in f.identifiers if i.kind == "site_code" and i.source != "meta" and i.value]
    if not shown:
        return RuleResult.not_applicable("页面底部未读到网站标识码")
    meta = {f.url: i.value for f in footers for i in f.identifiers if i.kind == "site_code" and i.source == "meta"}
    wrong = [(f, i) for f, i in shown if i.value != code]
    if not wrong:
        return []
    page, first = wrong[0]
    codes = sorted({i.value or "" for _, i in wrong})
    pages = list(dict.fromkeys(f.url for f, _ in wrong))
    return [
        make_finding(
            META,
            context,
            url=context.artifacts.home_url,
            node=first.node or page.node,
            message_zh=(
                f"页面底部网站标识码 {'、'.join(codes)} 与本网站标识码 {code} 不一致"
                f"(见于 {'、'.join(pages)}),需人工核实"
            ),
            observed={
                "scenario_code": code,
                "footer_codes": {f.url: [i.value for g, i in shown if g is f] for f in footers},
                "mismatched_on": pages,
                "meta_site_id_code": meta,
            },
        )
    ]
