"""The items a home page links to and their dates, for 首页不更新 (indicators.md §2, §5): a pure reader, no I/O.

Items are the rows of the home page's content blocks: the column blocks discovery already read (their
`home_items`) plus every other list of rows outside header, navigation, sidebar and footer furniture (a 最新信息
scroller, a 图片新闻 block without a 更多 link). Date widgets (今天是…星期…), copyright lines and links back to the
home page are no items. Dates are the rows' own (MM-DD takes the latest year on or before T: dates.py); articles'
PubDate is the gatherer's to add. Items come newest first, undated last; a date after T never counts as an update.

A home page with (almost) no item rows but links into the site is a navigation page ("首页仅为网站栏目导航入口"):
`navigation_only`, and its second-level pages are judged instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from lxml.etree import _Element

from auditor.extract.html import canonical_url, clean_url, css_path, is_file_url, is_furniture, parse
from auditor.extract.lists import list_candidates
from auditor.model.artifacts import HomeUpdates, ListItem, NodeRef
from auditor.settings import default_indicators

_DEFAULTS = default_indicators()
DEFAULT_WIDGET_PATTERN = str(_DEFAULTS.value("home_widget_pattern"))
TOOLBAR_TEXTS = frozenset(_DEFAULTS.non_column_link_texts)
DEFAULT_NAVIGATION_MAX_ROWS = int(_DEFAULTS.value("home_navigation_max_rows"))
MIN_ENTRY_LINKS = 3
MIN_TITLE_CHARS = 4


def _order(item: ListItem, as_of: date) -> tuple[int, int]:
    """Newest first; a date after T sorts with the undated (it is no update at T)."""
    if item.date is None or item.date > as_of:
        return (1, 0)
    return (0, -item.date.toordinal())


def newest_dated(items: Sequence[ListItem], as_of: date) -> ListItem | None:
    """The item with the latest date on or before T (the maximum, never the first row: pinned rows are old)."""
    dated = [i for i in items if i.date is not None and i.date <= as_of]
    return max(dated, key=lambda i: i.date or date.min, default=None)


def _entry_links(root: _Element, url: str, in_scope: Callable[[str], bool] | None) -> int:
    home = canonical_url(url)
    seen: set[str] = set()
    for anchor in root.iter("a"):
        target = clean_url(anchor.get("href"), url)
        if target is None or is_file_url(target) or canonical_url(target) == home:
            continue
        if in_scope is not None and not in_scope(target):
            continue
        seen.add(canonical_url(target))
    return len(seen)


def read_home_updates(
    html: str,
    url: str,
    as_of: date,
    *,
    blocks: Sequence[tuple[Sequence[ListItem], str | None]] = (),
    in_scope: Callable[[str], bool] | None = None,
    widget_pattern: str = DEFAULT_WIDGET_PATTERN,
    navigation_max_rows: int = DEFAULT_NAVIGATION_MAX_ROWS,
) -> HomeUpdates:
    """The home page's items (title, url, date, date_source), newest first.

    `blocks` are the column blocks discovery read on this page: (their rows, the block's selector).
    """
    updates, _ = read_home_items(
        html,
        url,
        as_of,
        blocks=blocks,
        in_scope=in_scope,
        widget_pattern=widget_pattern,
        navigation_max_rows=navigation_max_rows,
    )
    return updates


def block_node(items: Sequence[ListItem], selectors: Sequence[str | None], as_of: date) -> NodeRef | None:
    """The home block holding the newest dated item (else the first item's block), as a home-page node."""
    newest = newest_dated(items, as_of)
    chosen = newest if newest is not None else (items[0] if items else None)
    for item, selector in zip(items, selectors, strict=True):
        if item is chosen and selector:
            return NodeRef(page_id="home", selector=selector, snippet=item.title[:120])
    return None


def read_home_items(
    html: str,
    url: str,
    as_of: date,
    *,
    blocks: Sequence[tuple[Sequence[ListItem], str | None]] = (),
    in_scope: Callable[[str], bool] | None = None,
    widget_pattern: str = DEFAULT_WIDGET_PATTERN,
    navigation_max_rows: int = DEFAULT_NAVIGATION_MAX_ROWS,
) -> tuple[HomeUpdates, list[str | None]]:
    """read_home_updates, with the selector of each item's block (aligned with `items`)."""
    root = parse(html)
    body = root.find("body")
    page = body if body is not None else root
    widget = re.compile(widget_pattern)
    home = canonical_url(url)
    items: list[ListItem] = []
    where: dict[int, str | None] = {}
    seen: set[tuple[str, str]] = set()

    def add(item: ListItem, selector: str | None) -> None:
        if item.url is None or canonical_url(item.url) == home:
            return
        title = item.title.strip()
        # Tool-bar links (长者模式, 无障碍, 繁體) sit beside the header's date: they are never items, whatever
        # date a row reader puts next to them.
        if len(title) < MIN_TITLE_CHARS or widget.search(title) or title in TOOLBAR_TEXTS:
            return
        if in_scope is not None and not in_scope(item.url) and item.date is None:
            return  # an undated link to another site (友情链接 tiles) is no item of this one
        key = (canonical_url(item.url), title)
        if key in seen:
            return
        seen.add(key)
        copy = item.model_copy(update={"date_source": "home_block" if item.date is not None else "none"})
        where[id(copy)] = selector
        items.append(copy)

    for rows, selector in blocks:
        for item in rows:
            add(item, selector)
    for candidate in sorted(list_candidates(page, url, as_of=as_of), key=lambda c: -c.score):
        if is_furniture(candidate.container):
            continue
        selector = css_path(candidate.container)
        for item in candidate.items:
            add(item, selector)
    items.sort(key=lambda i: _order(i, as_of))
    selectors = [where.get(id(item)) for item in items]
    entry_links = _entry_links(page, url, in_scope)
    updates = HomeUpdates(
        items=items,
        navigation_only=len(items) < navigation_max_rows and entry_links >= MIN_ENTRY_LINKS,
        node=block_node(items, selectors, as_of),
        entry_links=entry_links,
    )
    return updates, selectors
