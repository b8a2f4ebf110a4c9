"""Column statuses, the computed artifact every column rule reads: facts about one column → its ColumnResult.

Not an indicator: it classifies each column, finds its latest date and says fresh / warning / stale / blank /
undated / unreadable / not_judged, applying the indicator table (windows, placeholder wording, content-page
names) to what gathering recorded. Because the table is applied here and not in the extractors, a re-judge after
a corrected wording needs no crawl.

Precedence for the class (indicators.md §5, unconfirmed default): the scenario override, then
<meta name="ColumnType"/"ColumnName">, then the keyword map on the column name (longest keyword wins).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from auditor.computed import computed
from auditor.model.artifacts import ColumnFacts, DateSource, ListItem, NodeRef, PageFacts, PageKind, SiteArtifacts
from auditor.model.bundle import ClassSource, ColumnResult, ColumnStatus
from auditor.model.indicators import ColumnClass
from auditor.settings import IndicatorSettings
from auditor.windows import stale_on, window_start

NAME = "column_status"


@dataclass(frozen=True)
class JudgedColumn:
    """A column's result, the facts it came from and the element that proves it (for evidence)."""

    result: ColumnResult
    facts: ColumnFacts
    node: NodeRef | None


def class_by_keyword(text: str, settings: IndicatorSettings) -> ColumnClass | None:
    best: tuple[int, ColumnClass] | None = None
    for column_class, rule in settings.classes.items():
        for keyword in rule.keywords:
            if keyword in text and (best is None or len(keyword) > best[0]):
                best = (len(keyword), column_class)
    return best[1] if best else None


def classify(facts: ColumnFacts, settings: IndicatorSettings) -> tuple[ColumnClass, ClassSource]:
    """The column's class and where it came from: scenario | meta | name | default."""
    if facts.override_class is not None:
        return facts.override_class, "scenario"
    meta = facts.page.meta if facts.page is not None else {}
    column_type = meta.get("ColumnType", "").strip()
    if column_type:
        by_type = settings.column_type_codes.get(column_type.lower()) or class_by_keyword(column_type, settings)
        if by_type is not None:
            return by_type, "meta"
    by_name = class_by_keyword(facts.name, settings)
    if by_name is not None:
        return by_name, "name"
    meta_name = meta.get("ColumnName", "")
    if meta_name and (by_meta_name := class_by_keyword(meta_name, settings)) is not None:
        return by_meta_name, "meta"
    return ColumnClass.OTHER, "default"


@lru_cache(maxsize=8)
def _placeholder_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _is_placeholder(text: str, settings: IndicatorSettings) -> bool:
    return _placeholder_pattern(settings.blank_placeholder_pattern).search(re.sub(r"\s+", "", text)) is not None


def _dated(items: list[ListItem], as_of: date) -> list[ListItem]:
    # Items dated after T are left out, so a re-audit of saved artifacts at an earlier T stays correct.
    return [item for item in items if item.date is not None and item.date <= as_of]


def page_kind_of(facts: ColumnFacts, settings: IndicatorSettings) -> PageKind:
    if facts.override_kind is not None:
        return facts.override_kind
    if facts.page is None:
        return "error"
    kind = facts.page.kind
    # A content page (区情概况, 领导信息) may show links but no dated list: it is not a list column.
    undated_links = kind == "list" and facts.page.items and not any(i.date for i in facts.page.items)
    if undated_links and any(name in facts.name for name in settings.content_page_names):
        return "content"
    return kind


def _blank_reason(facts: ColumnFacts, kind: PageKind, settings: IndicatorSettings) -> str | None:
    """Why an itemless page cannot be called blank with the current wording table, or None when it can.

    The extractor recorded the placeholder it saw with the table of the gathering run; a table corrected since
    may no longer call that text a placeholder (then the page is not known to be blank), or may now match a short
    text of a page taken for content (then it might be blank): both go to review, never to a finding.
    """
    page = facts.page
    if page is None:
        return None
    if kind == "list" and page.placeholder and not _is_placeholder(page.placeholder, settings):
        return f"页面文字“{page.placeholder}”不在当前空白提示语表中,需重新采集或人工确认"
    if kind == "content" and any(_is_placeholder(text, settings) for text in page.placeholder_candidates):
        return "页面含有当前空白提示语表中的文字,需重新采集或人工确认是否为空白栏目"
    return None


# What shows that an itemless list page really is an empty list (issue: blank means a list with nothing in it, not
# an empty element). A reading that shows none of these, or that the extractor marked weak, never gives a finding.
EMPTY_EVIDENCE = ("placeholder", "empty table with headers", "pager total 0", "empty list container")
WEAK = "weak:"


def _confidence_reason(facts: ColumnFacts, status: str) -> str | None:
    """Why a blank or stale reading of the list page is not confident enough for a finding, or None.

    Readings recorded before the extractor gave its basis (older artifacts) are judged as they were.
    """
    page = facts.page
    if page is None or not page.basis or status not in {"blank", "stale"}:
        return None
    weak = [tag for tag in page.basis if tag.startswith(WEAK)]
    if status == "blank" and not any(tag.startswith(EMPTY_EVIDENCE) for tag in page.basis):
        return "列表为空,但页面没有“暂无信息”、共0条或空表格等空白栏目的确证,需人工复核"
    if status == "stale" and weak and not facts.home_items:
        return f"列表读取依据不足({'; '.join(t.removeprefix(WEAK).strip() for t in weak)}),需人工复核"
    return None


def evidence_node(facts: ColumnFacts, home: PageFacts | None) -> NodeRef | None:
    """Which element proves a column finding: its list on the list page, or its home block when the list failed."""
    page = facts.page
    list_failed = page is None or page.kind == "error"
    if list_failed and facts.home_items and home is not None:
        return NodeRef(page_id=home.id or home.url, selector=facts.home_block_selector, rect=facts.home_block_rect)
    if page is None:
        return None
    return NodeRef(
        page_id=page.id or page.url,
        selector=page.list_selector,
        frame_url=page.list_frame_url,
        rect=page.list_rect,
        snippet=page.placeholder,
    )


def foreign_site_code(facts: ColumnFacts, site_code: str | None) -> str | None:
    """The 网站标识码 of another site when the column's page declares one (a link to the parent portal or a sister
    department on the same host): such a page is never this site's column, so it is never judged blank or stale."""
    page = facts.page
    declared = (page.meta.get("SiteIDCode") or "").strip() if page is not None else ""
    return declared if site_code and declared and declared != site_code else None


def judge_column(
    facts: ColumnFacts, as_of: date, settings: IndicatorSettings, *, site_code: str | None = None
) -> ColumnResult:
    column_class, class_source = classify(facts, settings)
    rule = settings.class_rule(column_class)
    kind = page_kind_of(facts, settings)
    page_items = facts.page.items if facts.page is not None and kind == "list" else []
    dated_page = _dated(page_items, as_of)
    dated_home = _dated(facts.home_items, as_of)
    candidates = dated_page + dated_home
    latest_item = max(candidates, key=lambda item: item.date or date.min, default=None)
    latest = latest_item.date if latest_item else None
    source: DateSource = "none"
    if latest_item is not None:
        source = (
            "home_block" if latest_item in dated_home and latest_item not in dated_page else latest_item.date_source
        )
    item_count = len(page_items) or len(facts.home_items)
    no_rows = not page_items and not facts.home_items
    reason = _blank_reason(facts, kind, settings) if no_rows else None

    status: ColumnStatus
    if (foreign := foreign_site_code(facts, site_code)) is not None:
        status, reason = "not_judged", f"另一网站(网站标识码{foreign})的页面,不作为本站栏目检查"
    elif reason is not None:
        status = "unreadable"
    elif kind in {"hub", "content"}:
        status = "not_judged"
    elif kind == "error" and not facts.home_items:
        status = "unreadable"
    elif kind == "list" and no_rows:
        status = "blank"  # the blank check applies to every list column, whatever its class
    elif rule.window is None:
        status = "not_judged"
    elif latest is None:
        status = "undated"
    else:
        start = window_start(as_of, rule.window, months_as=settings.months_as)
        if latest < start:
            status = "stale"
        elif (stale_on(latest, rule.window, months_as=settings.months_as) - as_of).days <= settings.warning_days:
            status = "warning"
        else:
            status = "fresh"
    if (doubt := _confidence_reason(facts, status)) is not None:
        status, reason = "unreadable", doubt
    judged_window = rule.window if status in {"fresh", "warning", "stale", "undated"} else None
    return ColumnResult(
        name=facts.name,
        url=facts.url,
        column_class=column_class,
        class_source=class_source,
        level=facts.level,
        page_kind=kind,
        latest_date=latest,
        date_source=source,
        item_count=item_count,
        status=status,
        window=judged_window.label_zh if judged_window else None,
        window_start=window_start(as_of, judged_window, months_as=settings.months_as) if judged_window else None,
        stale_on=(stale_on(latest, judged_window, months_as=settings.months_as) if judged_window and latest else None),
        found_in=list(facts.found_in),
        reason=reason,
    )


@computed(NAME, requires=("columns",))
def column_status(artifacts: SiteArtifacts, as_of: date, settings: IndicatorSettings) -> tuple[JudgedColumn, ...]:
    return tuple(
        JudgedColumn(
            judge_column(facts, as_of, settings, site_code=artifacts.site_code),
            facts,
            evidence_node(facts, artifacts.home),
        )
        for facts in artifacts.columns
    )
