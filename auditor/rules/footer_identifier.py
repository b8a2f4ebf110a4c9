"""The one evaluation the five footer_missing_* rules share: each declares its identifier, this judges it.

Not a rule itself (it registers nothing): the rule files stay one indicator each, declared by data, and differ
only in the identifier they ask about. The judgement is the pure `judge_missing` over the footers read.
"""

from __future__ import annotations

from auditor.extract.footer import judge_missing
from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding


def missing_identifier(
    meta: RuleMeta, context: RuleContext, kind: str, extra: dict[str, object] | None = None
) -> list[Finding] | RuleResult:
    """A finding when the footer identifier `kind` is not shown (home page, or a confidently read inner page);
    `extra` adds facts of the rule's own to `observed`."""
    footers = context.artifacts.footers or []
    if not footers:
        return RuleResult.not_applicable("未读取任何页面底部")
    judged = judge_missing(footers, kind)
    if judged.severity is None:
        return []
    return [
        make_finding(
            meta,
            context,
            url=context.artifacts.home_url,
            node=judged.node,
            severity="deduction" if judged.severity == "deduction" else "needs_review",
            message_zh=judged.message_zh,
            observed={**judged.observed, **(extra or {})},
        )
    ]
