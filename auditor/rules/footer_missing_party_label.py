"""页面底部未加挂党政机关网站标识: read on the home page's footer and a sample of inner pages (indicators.md §10).

Missing on the home page (read from its rendered DOM) is a deduction naming the inner pages that lack it too;
shown on the home page but missing on inner pages read confidently is a deduction naming them; a reading that may
be incomplete (a script not run, an iframe) or a badge shown outside the footer is a review note.
The judgement is shared by the footer rules (rules/footer_identifier.py).
"""

from __future__ import annotations

from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, register
from auditor.rules.footer_identifier import missing_identifier

META = RuleMeta(
    code="footer_missing_party_label",
    indicator_zh="页面底部功能区",
    title_zh="页面底部加挂了党政机关网站标识",
    failure_title_zh="页面底部未加挂党政机关网站标识",
    severity="deduction",
    required_artifacts=("footers",),
    reference="《政府网站发展指引》网页设计规范(页面底部功能区);indicators.md §10",
    tags=("19号/扣分/页面底部功能区/党政机关标识",),
)


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    return missing_identifier(META, context, "party_label")
