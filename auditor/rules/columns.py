"""Column classification and freshness judgement: facts about one column → its ColumnResult.

Precedence for the class (indicators.md §5, unconfirmed default): the scenario override, then
<meta name="ColumnType"/"ColumnName">, then the keyword map on the column name (longest keyword wins).
"""

from __future__ import annotations

from datetime import date

from auditor.artifacts import ColumnFacts, DateSource, ListItem, PageKind
from auditor.bundle.models import ColumnResult, ColumnStatus
from auditor.settings import (
    CLASS_RULES,
    COLUMN_CLASSES,
    COLUMN_TYPE_CODES,
    CONTENT_PAGE_NAMES,
    WARNING_DAYS,
    ColumnClass,
)
from auditor.windows import stale_on, window_start

# Statuses that end in a finding (and so need a screenshot as evidence).
FINDING_STATUSES = frozenset({"stale", "warning", "blank", "undated", "unreadable"})


def class_by_keyword(text: str) -> ColumnClass | None:
    best: tuple[int, ColumnClass] | None = None
    for rule in COLUMN_CLASSES:
        for keyword in rule.keywords:
            if keyword in text and (best is None or len(keyword) > best[0]):
                best = (len(keyword), rule.column_class)
    return best[1] if best else None


def classify(facts: ColumnFacts) -> tuple[ColumnClass, str]:
    """The column's class and where it came from: scenario | meta | name | default."""
    if facts.override_class is not None:
        return facts.override_class, "scenario"
    meta = facts.page.meta if facts.page is not None else {}
    column_type = meta.get("ColumnType", "").strip()
    if column_type:
        by_type = COLUMN_TYPE_CODES.get(column_type.lower()) or class_by_keyword(column_type)
        if by_type is not None:
            return by_type, "meta"
    by_name = class_by_keyword(facts.name)
    if by_name is not None:
        return by_name, "name"
    meta_name = meta.get("ColumnName", "")
    if meta_name and (by_meta_name := class_by_keyword(meta_name)) is not None:
        return by_meta_name, "meta"
    return ColumnClass.OTHER, "default"


def _dated(items: list[ListItem], as_of: date) -> list[ListItem]:
    # Items dated after T are left out, so a re-audit of saved artifacts at an earlier T stays correct.
    return [item for item in items if item.date is not None and item.date <= as_of]


def page_kind_of(facts: ColumnFacts) -> PageKind:
    if facts.override_kind is not None:
        return facts.override_kind
    if facts.page is None:
        return "error"
    kind = facts.page.kind
    # A content page (区情概况, 领导信息) may show links but no dated list: it is not a list column.
    undated_links = kind == "list" and facts.page.items and not any(i.date for i in facts.page.items)
    if undated_links and any(name in facts.name for name in CONTENT_PAGE_NAMES):
        return "content"
    return kind


def judge_column(facts: ColumnFacts, as_of: date) -> ColumnResult:
    column_class, class_source = classify(facts)
    rule = CLASS_RULES[column_class]
    kind = page_kind_of(facts)
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

    status: ColumnStatus
    if kind in {"hub", "content"}:
        status = "not_judged"
    elif kind == "error" and not facts.home_items:
        status = "unreadable"
    elif kind == "list" and not page_items and not facts.home_items:
        status = "blank"  # the blank check applies to every list column, whatever its class
    elif rule.window is None:
        status = "not_judged"
    elif latest is None:
        status = "undated"
    else:
        start = window_start(as_of, rule.window)
        if latest < start:
            status = "stale"
        elif (stale_on(latest, rule.window) - as_of).days <= WARNING_DAYS:
            status = "warning"
        else:
            status = "fresh"
    judged_window = rule.window if status in {"fresh", "warning", "stale", "undated"} else None
    return ColumnResult(
        name=facts.name,
        url=facts.url,
        column_class=column_class,
        class_source=class_source,  # type: ignore[arg-type]
        level=facts.level,
        page_kind=kind,
        latest_date=latest,
        date_source=source,
        item_count=item_count,
        status=status,
        window=judged_window.label_zh if judged_window else None,
        window_start=window_start(as_of, judged_window) if judged_window else None,
        stale_on=stale_on(latest, judged_window) if judged_window and latest else None,
        found_in=list(facts.found_in),
    )
