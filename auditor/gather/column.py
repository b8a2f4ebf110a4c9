"""Reading one column's list page: HTTP first, the browser when the static HTML cannot answer cleanly.

Static HTML is trusted only for a clean pass: a dated list whose newest item is inside the window, a
non-empty list of a class without a window, or a hub of sub-columns. Anything that could become a finding
(stale, blank, undated, unreadable, warning) is confirmed in the browser, which also takes the screenshot the
finding needs. A JS-rendered list can therefore never be judged from its empty static shell.
"""

from __future__ import annotations

import asyncio
import hashlib
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from playwright.async_api import BrowserContext

from auditor.artifacts import ColumnFacts, DateSource, ErrorRecord, ListItem, PageFacts, PageKind, failed_page
from auditor.bundle.store import safe_name
from auditor.extract.dates import date_from_url, detail_page_date, parse_date_string
from auditor.extract.discovery import hub_children
from auditor.extract.html import canonical_url, is_file_url, page_meta, parse, row_text
from auditor.extract.lists import MAX_HUB_TEXT_CHARS, ListExtraction, extract_list
from auditor.gather.http import HttpPage, fetch_async
from auditor.gather.render import PagePool, element_rect, navigate, screenshot
from auditor.rules.columns import FINDING_STATUSES, judge_column
from auditor.scenario import ColumnOverride
from auditor.settings import DETAIL_PAGES_PER_UNDATED_LIST
from auditor.windows import now_in_shanghai

if TYPE_CHECKING:
    from auditor.gather.site import SiteGatherer

RENDER_SLOTS = 2  # pages rendered at once per site: more do not raise throughput on 2 cores
MIN_CONTENT_CHARS = 200
MIN_HUB_CHILDREN = 2
_KIND: dict[str, PageKind] = {"list": "list", "empty": "list", "hub": "hub", "none": "content"}


class ColumnReader:
    def __init__(self, site: SiteGatherer, context: BrowserContext) -> None:
        self.site = site
        self.context = context
        self.options = site.options
        self.tabs = PagePool(context, RENDER_SLOTS)
        self.hub_html: dict[str, str] = {}  # hub pages' HTML by canonical URL, for second-level discovery
        # Article dates by canonical URL: a list read over HTTP and then rendered asks for the same articles.
        self.detail_dates: dict[str, tuple[date, str, DateSource] | None] = {}

    # -- helpers -------------------------------------------------------------------------------------
    def _override(self, facts: ColumnFacts) -> ColumnOverride | None:
        key = canonical_url(facts.url)
        for override in self.site.site.columns:
            if override.url and canonical_url(urljoin(self.site.site.home, override.url)) == key:
                return override
            if not override.url and override.name == facts.name:
                return override
        return None

    def _timeout(self) -> float:
        return max(1.0, min(self.site.site.limits.page_timeout_s, self.site.budget.left()))

    def _error(self, url: str, stage: str, kind: str, message: str, **paths: str | None) -> None:
        self.site.artifacts.errors.append(
            ErrorRecord(url=url, stage=stage, kind=kind, message=message, **paths)  # type: ignore[arg-type]
        )

    @staticmethod
    def _evidence_name(url: str) -> str:
        parts = urlsplit(url)
        return f"pages/{safe_name(parts.path)}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"

    def _extract(self, html: str, url: str, override: ColumnOverride | None) -> ListExtraction:
        extraction = extract_list(
            html,
            url,
            as_of=self.options.as_of,
            list_selector=override.list_selector if override else None,
            item_selector=override.item_selector if override else None,
            date_selector=override.date_selector if override else None,
        )
        if extraction.kind in {"none", "hub"}:
            # A page without a list that links to several sub-columns (its tree, or paths below its own)
            # is a hub such as 信息公开: its children are read as second-level columns. A page of running
            # text with a side menu (区情概况, 机构职能) is a content page.
            children = hub_children(html, url, in_scope=self.site.in_scope)
            is_hub = len(children) >= MIN_HUB_CHILDREN and extraction.text_chars < MAX_HUB_TEXT_CHARS
            extraction.kind = "hub" if is_hub else "none"
            if extraction.kind == "hub":
                self.hub_html[canonical_url(url)] = html
        return extraction

    @staticmethod
    def _page(url: str, extraction: ListExtraction, **fields: object) -> PageFacts:
        return PageFacts(
            url=url,
            title=extraction.title,
            meta=extraction.meta,
            kind=_KIND[extraction.kind],
            items=extraction.items,
            list_selector=extraction.selector,
            placeholder=extraction.placeholder,
            **fields,  # type: ignore[arg-type]
        )

    def _clean_pass(self, facts: ColumnFacts, page: PageFacts, extraction: ListExtraction) -> bool:
        # Hubs are rendered: their column trees are often script-built, and a JS list page's static shell
        # (sidebar links, no rows yet) looks like a hub.
        if page.kind == "content":
            return extraction.text_chars >= MIN_CONTENT_CHARS and not extraction.iframe_urls
        if not page.items:
            return False
        status = judge_column(facts.model_copy(update={"page": page}), self.options.as_of).status
        return status in {"fresh", "not_judged"}

    # -- reading -------------------------------------------------------------------------------------
    async def read(self, facts: ColumnFacts) -> ColumnFacts:
        if facts.skipped:
            return facts
        if self.site.budget.left() <= 1:
            facts.skipped = "site time budget exhausted"
            self._error(facts.url, "column", "budget", facts.skipped)
            return facts
        override = self._override(facts)
        force_render = self.options.render == "always" or bool(override and (override.render or override.steps))
        if not force_render:
            page, extraction, response = await self._via_http(facts.url, override)
            if extraction is not None:
                await self._date_undated(page.items)
            if response.timed_out:
                facts.page = page
                self._error(facts.url, "column", "timeout", response.error or "timeout")
                return facts
            if response.ok and not response.is_html:
                # A column entry that leads to a document (PDF, spreadsheet) is a single content item.
                facts.page = page.model_copy(update={"kind": "content", "error": None})
                return facts
            if extraction is not None and (
                self._clean_pass(facts, page, extraction) or (override is not None and override.render is False)
            ):
                facts.page = page
                return facts
        facts.page = await self._via_browser(facts, override)
        return facts

    async def _via_http(
        self, url: str, override: ColumnOverride | None
    ) -> tuple[PageFacts, ListExtraction | None, HttpPage]:
        response = await fetch_async(url, timeout=self._timeout())
        self.site.artifacts.pages_fetched += 1
        if not response.ok or not response.is_html:
            error = response.error or f"not an HTML page ({response.content_type})"
            page = failed_page(
                url,
                fetched_by="http",
                status=response.status,
                final_url=response.final_url,
                error=error,
                elapsed_ms=response.elapsed_ms,
            )
            return page, None, response
        extraction = self._extract(response.text, response.final_url, override)
        frame_url = None
        if extraction.kind in {"none", "empty"} and extraction.iframe_urls:
            # Static CMS pages often put the list in an iframe; fetching its src is as cheap as the page.
            for src in extraction.iframe_urls[:3]:
                if not self.site.in_scope(src):
                    continue
                inner = await fetch_async(src, timeout=self._timeout())
                self.site.artifacts.pages_fetched += 1
                if inner.ok and (sub := self._extract(inner.text, inner.final_url, override)).kind == "list":
                    extraction, frame_url = sub, src
                    break
        page = self._page(
            url,
            extraction,
            final_url=response.final_url,
            status=response.status,
            fetched_by="http",
            list_frame_url=frame_url,
            elapsed_ms=response.elapsed_ms,
        )
        return page, extraction, response

    async def _via_browser(self, facts: ColumnFacts, override: ColumnOverride | None) -> PageFacts:
        url = facts.url
        async with self.tabs.tab() as pooled:
            tab = pooled.page
            rendered = await navigate(tab, url, timeout_s=self._timeout(), steps=override.steps if override else ())
            pooled.broken = rendered.error is not None and rendered.status is None
            self.site.artifacts.pages_rendered += 1
            if rendered.read_frame_url:  # scenario steps already entered the list's frame
                extraction = self._extract(rendered.html, rendered.read_frame_url, override)
                frame_url: str | None = rendered.read_frame_url
            else:
                extraction, frame_url = self._rendered_list(
                    rendered.html, rendered.final_url or url, rendered.frames, override
                )
            page = self._page(
                url,
                extraction,
                list_frame_url=frame_url,
                final_url=rendered.final_url,
                status=rendered.status,
                fetched_by="browser",
                elapsed_ms=rendered.elapsed_ms,
            )
            if rendered.error:
                page = failed_page(
                    url,
                    fetched_by="browser",
                    status=rendered.status,
                    final_url=rendered.final_url,
                    error=rendered.error,
                    elapsed_ms=rendered.elapsed_ms,
                )
            else:
                await self._date_undated(page.items)
            shot = None
            # Screenshots are evidence: taken only for pages that will carry a finding or an error record.
            if self.options.evidence and not rendered.timed_out and self._needs_evidence(facts, page):
                shot = await screenshot(tab)
                page.captured_at = now_in_shanghai()
                page.list_rect = await element_rect(tab, extraction.selector, frame_url)
        name = self._evidence_name(url)
        if self.options.evidence:
            if rendered.html:
                page.html_path = self.site.store.write_bytes(f"{name}.html", rendered.html.encode("utf-8"))
            if shot:
                page.screenshot_path = self.site.store.write_bytes(f"{name}.png", shot)
        if rendered.error:
            self._error(
                url,
                "column",
                rendered.error_kind,
                rendered.error,
                screenshot_path=page.screenshot_path,
                html_path=page.html_path,
            )
        return page

    def _rendered_list(
        self, html: str, url: str, frames: list[tuple[str, str]], override: ColumnOverride | None
    ) -> tuple[ListExtraction, str | None]:
        """The page's list, or the list of one of its same-site frames when the page itself has none."""
        extraction = self._extract(html, url, override)
        if extraction.kind == "list" and extraction.dated:
            return extraction, None
        for inner_url, inner_html in frames:
            if self.site.in_scope(inner_url):
                sub = self._extract(inner_html, inner_url, override)
                if sub.kind == "list" and (sub.dated or extraction.kind != "list"):
                    return sub, inner_url
        return extraction, None

    def _needs_evidence(self, facts: ColumnFacts, page: PageFacts) -> bool:
        if page.kind == "error":
            return True
        return judge_column(facts.model_copy(update={"page": page}), self.options.as_of).status in FINDING_STATUSES

    async def _date_undated(self, items: list[ListItem]) -> None:
        """Give undated rows a date from their article pages: PubDate meta, 发布时间 text, then the URL."""
        undated = [
            i for i in items if i.date is None and i.url and self.site.in_scope(i.url) and not is_file_url(i.url)
        ]
        if not undated:
            return
        # Undated lists are in publishing order in practice; pinned rows are old by definition.
        newest_looking = [i for i in undated if not i.pinned][:DETAIL_PAGES_PER_UNDATED_LIST]
        await asyncio.gather(*(self._date_from_detail(item) for item in newest_looking))
        for item in undated:
            if item.date is None and item.url and (from_url := date_from_url(item.url)) is not None:
                item.date, item.date_text, item.date_source = from_url, item.url, "url"

    async def _date_from_detail(self, item: ListItem) -> None:
        """Date one row from its article page; a page read once per site is not fetched again."""
        assert item.url is not None
        key = canonical_url(item.url)
        if key not in self.detail_dates:
            self.detail_dates[key] = await self._read_detail_date(item.url)
        found = self.detail_dates[key]
        if found is not None:
            item.date, item.date_text, item.date_source = found

    async def _read_detail_date(self, url: str) -> tuple[date, str, DateSource] | None:
        response = await fetch_async(url, timeout=self._timeout())
        self.site.artifacts.pages_fetched += 1
        if not response.ok:
            kind = "timeout" if response.timed_out else "http_status"
            self._error(url, "detail", kind, response.error or "detail page failed")
            return None
        doc = parse(response.text)
        meta = page_meta(doc)
        pubdate = meta.get("PubDate") or meta.get("pubdate")
        if pubdate and (value := parse_date_string(pubdate)) is not None:
            return value, pubdate, "meta"
        body = doc.find("body")
        found = detail_page_date(row_text(body if body is not None else doc), as_of=self.options.as_of)
        return (found.value, found.text, "detail") if found is not None else None
