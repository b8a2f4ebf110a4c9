"""Pages read for facts other than a column's list (办事指南, 政策解读, 政策文件, their links' targets).

One reader per site: every page is fetched once (a policy page reached from three interpretations is read once),
within the site's network limits and budget; rendering goes through the site's tab pool, may open a page's tabs
(clicking each and reading the page after every click: some platforms load a panel's content only on click, and
replace it on the next), and keeps a screenshot with the boxes of the elements a finding may outline.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import zip_longest
from typing import Protocol, TypeVar
from urllib.parse import urlsplit

from lxml.html import HtmlElement as _Element
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from auditor.extract.html import canonical_url, is_file_url, normalise_space, parse
from auditor.extract.interpretation import document_title
from auditor.gather.context import Gathered, SiteContext
from auditor.gather.http import HttpPage
from auditor.gather.network import refusal_kind
from auditor.gather.render import element_rects, page_archive, screenshot, settle
from auditor.model.artifacts import CheckedLink, ColumnFacts, PageFacts, Rect, failed_page
from auditor.store import safe_name
from auditor.windows import now_in_shanghai

MAX_TAB_CLICKS = 12
CLICK_TIMEOUT_MS = 2000
TABS_LIMIT_S = 20.0  # all of a page's tab clicks together; a page that keeps changing is read as it stands


class _Page(Protocol):
    url: str
    skipped: str | None


P = TypeVar("P", bound=_Page)


async def read_each(items: list[P], read: Callable[[P], Awaitable[None]], *, limit: int, gathered: Gathered) -> None:
    """Read pages a few at a time; one page's failure is its own error record, never the others' (a raising
    read once cost a site every column)."""
    slots = asyncio.Semaphore(limit)

    async def one(item: P) -> None:
        async with slots:
            try:
                await read(item)
            except Exception as exc:
                item.skipped = f"internal error: {type(exc).__name__}"
                gathered.error(item.url, "page", "internal", f"{type(exc).__name__}: {exc}")

    await asyncio.gather(*(one(i) for i in items))


def follow_answer(link: CheckedLink, response: HttpPage, soft_404: re.Pattern[str]) -> _Element | None:
    """Record on `link` where it led; the parsed page when it is a document (HTML that is not a soft 404).

    No answer (a timeout, a reset, a refusal) or one too large to read says nothing about the link: it is left
    unverified, for review, never taken for a broken link.
    """
    link.checked = True
    link.status, link.final_url, link.content_type = response.status, response.final_url, response.content_type
    link.size = response.body_bytes
    if response.status is None or response.timed_out or response.too_large:
        link.target_kind, link.error = "unchecked", response.error
        return None
    if response.status >= 400 or (response.error and not response.truncated):
        link.target_kind, link.error = "error", response.error
        return None
    if not response.is_html:
        link.target_kind = "file"
        return None
    doc = parse(response.text)
    link.target_title = document_title(doc) or None
    heading = doc.find(".//h1")
    shown = " ".join([doc.findtext(".//title") or "", heading.text_content() if heading is not None else ""])
    link.target_kind = "soft_404" if soft_404.search(normalise_space(shown)[:200]) else "document"
    return doc if link.target_kind == "document" else None


def inner_pages(columns: list[ColumnFacts], home_url: str, in_scope: Callable[[str], bool]) -> list[str]:
    """The site's inner pages that stand for all of them (footer and link samples): each read column's list page
    and its first article of the site's own, alternately, in the columns' order, the home page left out."""
    lists: list[str] = []
    articles: list[str] = []
    for column in columns:
        page = column.page
        if page is None or page.kind == "error" or column.skipped:
            continue
        lists.append(page.final_url or column.url)
        article = next((i.url for i in page.items if i.url and in_scope(i.url) and not is_file_url(i.url)), None)
        if article:
            articles.append(article)
    seen = {canonical_url(home_url)}
    chosen: list[str] = []
    for pair in zip_longest(lists, articles):
        for url in pair:
            if url and in_scope(url) and canonical_url(url) not in seen:
                seen.add(canonical_url(url))
                chosen.append(url)
    return chosen


def extra_page_id(kind: str, url: str) -> str:
    return f"{kind}-" + hashlib.sha256(canonical_url(url).encode()).hexdigest()[:10]


@dataclass
class Rendered:
    url: str
    final_url: str | None = None
    status: int | None = None
    html: str = ""  # the DOM after the last click
    snapshots: list[str] = field(default_factory=list)  # the DOM after loading and after each click
    title: str = ""
    error: str | None = None
    error_kind: str = "navigation"
    tabs_opened: int = 0
    screenshot_path: str | None = None
    archive_path: str | None = None
    html_path: str | None = None
    captured_at: datetime | None = None
    rects: dict[str, Rect] = field(default_factory=dict)
    elapsed_ms: float = 0.0


# Which of a rendered page's controls to click (selectors), given its DOM after loading.
TabsToOpen = Callable[[str, str], list[str]]
# Which elements to outline, given the DOM snapshots: None keeps no screenshot.
ToMeasure = Callable[[list[str], str], list[str] | None]


class ExtraPages:
    def __init__(self, ctx: SiteContext, gathered: Gathered) -> None:
        self.ctx = ctx
        self.gathered = gathered
        self._fetched: dict[str, asyncio.Task[HttpPage]] = {}

    async def fetch(self, url: str, *, max_bytes: int | None = None) -> HttpPage:
        """GET once per site (later asks share the first answer)."""
        key = canonical_url(url) + (f"#{max_bytes}" if max_bytes else "")
        if key not in self._fetched:
            self._fetched[key] = asyncio.ensure_future(self._fetch(url, max_bytes))
        return await self._fetched[key]

    async def _fetch(self, url: str, max_bytes: int | None) -> HttpPage:
        response = await self.ctx.net.fetch(url, timeout=self.ctx.timeout(), max_bytes=max_bytes)
        self.gathered.fetched += 1
        return response

    def failed(self, url: str, page_id: str, response: HttpPage, stage: str = "page") -> PageFacts:
        error = response.error or f"not an HTML page ({response.content_type})"
        kind = (
            "timeout"
            if response.timed_out
            else refusal_kind(response) or ("http_status" if response.status else "navigation")
        )
        self.gathered.error(url, stage, kind, error)
        return failed_page(
            url,
            fetched_by="http",
            status=response.status,
            final_url=response.final_url,
            error=error,
            elapsed_ms=response.elapsed_ms,
        ).model_copy(update={"id": page_id})

    async def render(self, url: str, *, tabs: TabsToOpen | None = None, measure: ToMeasure | None = None) -> Rendered:
        result = Rendered(url)
        async with self.ctx.tabs.tab() as pooled:
            tab = pooled.page
            visit = await self.ctx.visit(tab, url, max_frames=0)
            pooled.broken = visit.error is not None and (visit.status is None or visit.timed_out)
            self.gathered.rendered += 1
            result.final_url, result.status, result.html, result.title = (
                visit.final_url,
                visit.status,
                visit.html,
                visit.title,
            )
            result.elapsed_ms = visit.elapsed_ms
            if visit.error:
                result.error = visit.error
                result.error_kind = self.ctx.net.refusal_of(url) or visit.error_kind
                return result
            result.snapshots.append(visit.html)
            if tabs is not None:
                selectors = tabs(visit.html, visit.final_url or url)[:MAX_TAB_CLICKS]
                if selectors:
                    try:
                        await asyncio.wait_for(self._open_tabs(tab, selectors, result), TABS_LIMIT_S)
                    except TimeoutError:
                        pooled.broken = True
            wanted = measure(result.snapshots, result.final_url or url) if measure is not None else None
            if wanted is not None and self.ctx.options.evidence:
                shot = await screenshot(tab, self.ctx.runtime.screenshot_max_height)
                if shot:
                    name = self.evidence_name(url)
                    result.screenshot_path = self.ctx.store.write_bytes(f"{name}.png", shot)
                    result.html_path = self.ctx.store.write_bytes(f"{name}.html", result.html.encode("utf-8"))
                    result.captured_at = now_in_shanghai()
                    if self.ctx.runtime.capture_mhtml and (archive := await page_archive(tab)):
                        result.archive_path = self.ctx.store.write_bytes(f"{name}.mhtml", archive)
                    result.rects = await element_rects(tab, list(dict.fromkeys(wanted)))
        return result

    async def _open_tabs(self, tab: Page, selectors: list[str], result: Rendered) -> None:
        start = tab.url
        for selector in selectors:
            with contextlib.suppress(PlaywrightError):
                await tab.locator(selector).first.click(timeout=CLICK_TIMEOUT_MS, no_wait_after=True)
                result.tabs_opened += 1
                await settle(tab)
                if tab.url.split("#", 1)[0] != start.split("#", 1)[0]:
                    # A "tab" that is a link to another page: the page is read as it was before.
                    with contextlib.suppress(PlaywrightError):
                        await tab.go_back(timeout=CLICK_TIMEOUT_MS)
                    break
                result.html = await tab.content()
                result.snapshots.append(result.html)

    @staticmethod
    def evidence_name(url: str) -> str:
        parts = urlsplit(url)
        return f"pages/{safe_name(parts.path)}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"

    def rendered_page(self, page_id: str, rendered: Rendered, *, title: str = "") -> PageFacts:
        if rendered.error:
            self.gathered.error(rendered.url, "page", rendered.error_kind, rendered.error)
            return failed_page(
                rendered.url,
                fetched_by="browser",
                status=rendered.status,
                final_url=rendered.final_url,
                error=rendered.error,
                elapsed_ms=rendered.elapsed_ms,
            ).model_copy(update={"id": page_id})
        return PageFacts(
            id=page_id,
            url=rendered.url,
            final_url=rendered.final_url,
            status=rendered.status,
            fetched_by="browser",
            title=title or rendered.title,
            kind="content",
            html_path=rendered.html_path,
            screenshot_path=rendered.screenshot_path,
            archive_path=rendered.archive_path,
            captured_at=rendered.captured_at,
            elapsed_ms=rendered.elapsed_ms,
        )


def http_page(page_id: str, response: HttpPage, title: str) -> PageFacts:
    return PageFacts(
        id=page_id,
        url=response.url,
        final_url=response.final_url,
        status=response.status,
        fetched_by="http",
        title=title,
        kind="content",
        elapsed_ms=response.elapsed_ms,
    )
