"""栏目不更新 single-veto counts over the whole site (国办秘函〔2019〕19号).

① ≥ 5 stale columns among 动态要闻 (any level) and first-level 通知公告/政策文件; ② ≥ 10 should-update columns
stale or blank; ③ ≥ 5 blank columns. The thresholds and wording are data in auditor.settings.
"""

from __future__ import annotations

from collections.abc import Callable

from auditor.bundle.models import ColumnResult, Finding, Veto
from auditor.settings import (
    BLANK_FEEDS_SHOULD_UPDATE,
    CLASS_RULES,
    VETO_BLANK,
    VETO_NEWS_NOTICE,
    VETO_SHOULD_UPDATE,
    VetoRule,
)


def _news_notice(column: ColumnResult) -> bool:
    levels = CLASS_RULES[column.column_class].news_notice_levels
    return column.status == "stale" and levels is not None and column.level in levels


def _should_update(column: ColumnResult) -> bool:
    rule = CLASS_RULES[column.column_class]
    if column.status == "blank":
        return BLANK_FEEDS_SHOULD_UPDATE and rule.feeds_should_update
    return column.status == "stale" and rule.feeds_should_update


def _blank(column: ColumnResult) -> bool:
    return column.status == "blank"


VETO_COUNTS: tuple[tuple[VetoRule, Callable[[ColumnResult], bool]], ...] = (
    (VETO_NEWS_NOTICE, _news_notice),
    (VETO_SHOULD_UPDATE, _should_update),
    (VETO_BLANK, _blank),
)


def column_vetoes(columns: tuple[ColumnResult, ...]) -> tuple[list[Veto], dict[str, int]]:
    """The vetoes the columns trigger, and every count (triggered or not) for the bundle."""
    vetoes: list[Veto] = []
    counts: dict[str, int] = {}
    for rule, counts_toward in VETO_COUNTS:
        counted = [column.url for column in columns if counts_toward(column)]
        counts[rule.code] = len(counted)
        if len(counted) >= rule.threshold:
            vetoes.append(
                Veto(
                    code=rule.code,
                    indicator_zh=rule.indicator_zh,
                    count=len(counted),
                    threshold=rule.threshold,
                    message_zh=rule.wording_zh,
                    columns=counted,
                )
            )
    return vetoes, counts


def mark_veto_findings(findings: list[Finding], vetoes: list[Veto]) -> list[Finding]:
    """Column findings counted in a triggered veto carry severity `veto`: they are why the site fails."""
    vetoed = {url for veto in vetoes for url in veto.columns}
    return [
        finding.model_copy(update={"severity": "veto"})
        if finding.code in {"column_stale", "column_blank"}
        and finding.severity == "deduction"
        and finding.target.url in vetoed
        else finding
        for finding in findings
    ]
