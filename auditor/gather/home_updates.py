"""首页不更新 facts (issue #9, indicators.md §2): the home page's items and their dates, articles opened when needed.

The rendered home page's content blocks give the items (the column blocks discovery read, plus other row lists).
When none of them is dated within the 14-day window ending on T, up to `home_articles_checked` linked articles are
opened over HTTP for their date (meta PubDate, then the page's 发布时间, then the URL's): undated items first, in
page order, then the dated ones newest first. Only a real date read somewhere clears the home page; a date found
nowhere leaves the item undated (the rule decides what that means).

A navigation-only home page (almost no rows, links into the site) is judged by its second-level pages: the newest
item of each column page the home page links to, as the column reader already read it.
"""

from __future__ import annotations

import asyncio
from datetime import date

from auditor.extract.dates import date_from_url, detail_page_date, parse_date_string
from auditor.extract.home_updates import block_node, newest_dated, read_home_items
from auditor.extract.html import canonical_url, is_file_url, page_meta, parse, row_text
from auditor.gather.context import Gathered, SiteContext
from auditor.gather.extra import ExtraPages
from auditor.model.artifacts import ColumnFacts, DateSource, HomeUpdates, ListItem, PageFacts
from auditor.model.indicators import Window
from auditor.windows import window_start


def home_window_start(ctx: SiteContext) -> date:
    window = Window.model_validate(ctx.settings.value("home_update_window"))
    return window_start(ctx.options.as_of, window, months_as=ctx.settings.months_as)


def article_date(html: str, as_of: date, url: str) -> tuple[date, str, DateSource] | None:
    """An article's publication date: meta PubDate, then its visible 发布时间 / header date, then its URL's."""
    doc = parse(html)
    meta = page_meta(doc)
    pubdate = meta.get("PubDate") or meta.get("pubdate") or meta.get("publishdate")
    if pubdate and (value := parse_date_string(pubdate)) is not None:
        return value, pubdate, "meta"
    body = doc.find("body")
    found = detail_page_date(row_text(body if body is not None else doc), as_of=as_of)
    if found is not None:
        return found.value, found.text, "detail"
    if (from_url := date_from_url(url)) is not None:
        return from_url, url, "url"
    return None


class HomeUpdatesGatherer:
    def __init__(self, ctx: SiteContext, pages: ExtraPages, gathered: Gathered) -> None:
        self.ctx = ctx
        self.pages = pages
        self.gathered = gathered
        self.failed: list[str] = []

    async def gather(self, home: PageFacts, home_html: str, columns: list[ColumnFacts]) -> HomeUpdates:
        as_of = self.ctx.options.as_of
        url = home.final_url or home.url
        blocks = [(c.home_items, c.home_block_selector) for c in columns if c.home_items]
        updates, selectors = read_home_items(
            home_html,
            url,
            as_of,
            blocks=blocks,
            in_scope=self.ctx.in_scope,
            widget_pattern=str(self.ctx.settings.value("home_widget_pattern")),
            navigation_max_rows=int(self.ctx.settings.value("home_navigation_max_rows")),
        )
        start = home_window_start(self.ctx)
        if not self._fresh(updates.items, start):
            updates.articles_checked = await self._date_from_articles(updates.items, start)
            updates.articles_failed = list(self.failed)
            order = sorted(
                range(len(updates.items)),
                key=lambda n: (
                    updates.items[n].date is None or updates.items[n].date > as_of,  # type: ignore[operator]
                    -(updates.items[n].date or date.min).toordinal(),
                ),
            )
            updates.items = [updates.items[n] for n in order]
            selectors = [selectors[n] for n in order]
            updates.node = block_node(updates.items, selectors, as_of)
        if updates.navigation_only:
            self._second_level(updates, columns)
        return updates

    def _fresh(self, items: list[ListItem], start: date) -> bool:
        newest = newest_dated(items, self.ctx.options.as_of)
        return newest is not None and newest.date is not None and newest.date >= start

    async def _date_from_articles(self, items: list[ListItem], start: date) -> int:
        """Open linked articles for their dates until one falls in the window; how many were opened."""
        as_of = self.ctx.options.as_of
        candidates = [
            i for i in items if i.url and self.ctx.in_scope(i.url) and not is_file_url(i.url) and not i.pinned
        ]
        undated = [i for i in candidates if i.date is None]
        dated = sorted((i for i in candidates if i.date is not None), key=lambda i: i.date or date.min, reverse=True)
        chosen: list[ListItem] = []
        seen: set[str] = set()
        for item in undated + dated:
            assert item.url is not None
            if canonical_url(item.url) not in seen:
                seen.add(canonical_url(item.url))
                chosen.append(item)
        chosen = chosen[: self.ctx.runtime.home_articles_checked]
        opened = 0
        # A few at a time, stopping once a date in the window is found: most home pages need one or two.
        for batch_start in range(0, len(chosen), 2):
            batch = chosen[batch_start : batch_start + 2]
            results = await asyncio.gather(*(self._article(item) for item in batch))
            opened += len(batch)
            for item, found in zip(batch, results, strict=True):
                if found is None:
                    continue
                value, text, source = found
                if value > as_of:
                    continue
                if item.date is None or value > item.date:
                    item.date, item.date_text, item.date_source = value, text, source
            if self._fresh(items, start):
                break
        return opened

    async def _article(self, item: ListItem) -> tuple[date, str, DateSource] | None:
        assert item.url is not None
        response = await self.pages.fetch(item.url)
        if not response.ok or not response.is_html:
            self.failed.append(item.url)
            return None
        return article_date(response.text, self.ctx.options.as_of, response.final_url or item.url)

    def _second_level(self, updates: HomeUpdates, columns: list[ColumnFacts]) -> None:
        """The newest item of each second-level page the home page leads to (column pages already read)."""
        as_of = self.ctx.options.as_of
        linked = [c for c in columns if set(c.found_in) & {"nav", "home_block", "home_link"} and c.level == 1]
        for column in linked or columns:
            page = column.page
            if page is None or page.kind == "error":
                updates.second_level_unread.append(column.url)
                continue
            if page.kind != "list":
                continue  # a content page (区情概况) or a hub: no list of updates to judge
            newest = newest_dated(page.items, as_of)
            if newest is None and page.items:
                newest = page.items[0]
            if newest is not None:
                title = f"{column.name}:{newest.title}"
                updates.second_level.append(newest.model_copy(update={"title": title, "url": newest.url or page.url}))
            else:
                updates.second_level.append(ListItem(title=f"{column.name}:(无信息)", url=page.url))
