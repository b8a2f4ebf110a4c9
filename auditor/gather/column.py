"""Reading one column's list page: HTTP first, the browser when the static HTML cannot answer cleanly.

Static HTML is kept only when the read policy says it can be nothing but a clean pass (in a live run: a dated
list fresh at T, a non-empty list of a class without a window) or when it is a long content page. Anything that
could become a finding is confirmed in the browser, which also takes the screenshot the finding needs, so a
JS-rendered list is never judged from its empty static shell. The reader returns new facts and a `Gathered`
record; it never writes into the site's artifacts.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal
from urllib.parse import urlsplit

from auditor.extract.dates import date_from_url, detail_page_date, parse_date_string
from auditor.extract.discovery import hub_children
from auditor.extract.html import canonical_url, is_file_url, page_meta, parse, row_text
from auditor.extract.lists import MAX_HUB_TEXT_CHARS, OLDEST_FIRST_BASIS, ListExtraction, extract_list
from auditor.gather.context import Gathered, SiteContext
from auditor.gather.http import HttpPage
from auditor.gather.network import refusal_kind
from auditor.gather.render import element_rect, page_archive, screenshot
from auditor.model.artifacts import ColumnFacts, DateSource, ListItem, PageFacts, PageKind, failed_page
from auditor.scenario import ColumnOverride
from auditor.store import safe_name
from auditor.windows import now_in_shanghai

_KIND: dict[str, PageKind] = {"list": "list", "empty": "list", "hub": "hub", "none": "content"}
# What the extractor saw that makes a page content for certain: links around an article (related items, a
# department directory) or on another site's home never make it a hub of columns.
CONTENT_BASIS = ("article body", "site home page", "content page name")
GARBLED_CHARS = 20  # U+FFFD in a decoded page: bytes its charset cannot map
ReadDecision = Literal["keep_static", "keep_document", "keep_timeout", "keep_refused", "render"]


@dataclass(frozen=True)
class PlannedColumn:
    """A column to read, with the scenario's override for it resolved once, when the reads are planned."""

    facts: ColumnFacts
    override: ColumnOverride | None = None


@dataclass
class ColumnRead:
    facts: ColumnFacts
    gathered: Gathered = field(default_factory=Gathered)
    hub_html: str | None = None  # a hub's HTML, for second-level discovery


def page_id(url: str) -> str:
    """A column page's id in the artifacts: stable for a URL, short enough for file names."""
    return "col-" + hashlib.sha256(canonical_url(url).encode()).hexdigest()[:10]


def decide_read(
    *,
    forced_render: bool,
    forbid_render: bool,
    static: HttpPage | None,
    static_page_suffices: bool,
    long_content: bool,
) -> ReadDecision:
    """What to do after the cheap HTTP read (pure; unit-tested). `static` is None when no HTTP read was made."""
    if forced_render or static is None:
        return "render"
    if static.timed_out:
        return "keep_timeout"  # a page that hung over HTTP would hang the browser too: record, do not retry
    if refusal_kind(static) is not None:
        return "keep_refused"  # robots.txt or the size cap said no: the browser would be told the same
    if static.ok and not static.is_html:
        return "keep_document"  # a column entry that leads to a document (PDF, spreadsheet) is one content item
    if static.ok and (long_content or static_page_suffices or forbid_render):
        return "keep_static"
    return "render"


class ColumnReader:
    def __init__(self, ctx: SiteContext) -> None:
        self.ctx = ctx
        # Article dates by canonical URL: a list read over HTTP and then rendered asks for the same articles.
        self.detail_dates: dict[str, tuple[date, str, DateSource] | None] = {}

    @staticmethod
    def _evidence_name(url: str) -> str:
        parts = urlsplit(url)
        return f"pages/{safe_name(parts.path)}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"

    def _extract(self, html: str, url: str, override: ColumnOverride | None) -> tuple[ListExtraction, str | None]:
        """The page's list; for a page without one, whether it is a hub (returned with its HTML) or content."""
        settings = self.ctx.settings
        extraction = extract_list(
            html,
            url,
            as_of=self.ctx.options.as_of,
            list_selector=override.list_selector if override else None,
            item_selector=override.item_selector if override else None,
            date_selector=override.date_selector if override else None,
            placeholder_pattern=settings.blank_placeholder_pattern,
            content_page_names=settings.content_page_names,
        )
        if extraction.kind in {"none", "hub"}:
            # A page without a list that links to several sub-columns (its tree, or paths below its own)
            # is a hub such as 信息公开: its children are read as second-level columns. A page of running
            # text with a side menu (区情概况, 机构职能) is a content page.
            children = hub_children(
                html, url, in_scope=self.ctx.in_scope, skip_texts=frozenset(settings.non_column_link_texts)
            )
            certain_content = any(tag.startswith(CONTENT_BASIS) for tag in extraction.basis)
            is_hub = (
                not certain_content
                and len(children) >= self.ctx.runtime.min_hub_children
                and extraction.text_chars < MAX_HUB_TEXT_CHARS
            )
            extraction.kind = "hub" if is_hub else "none"
            if is_hub:
                return extraction, html
        return extraction, None

    @staticmethod
    def _page(url: str, extraction: ListExtraction, **fields: object) -> PageFacts:
        return PageFacts(
            id=page_id(url),
            url=url,
            title=extraction.title,
            meta=extraction.meta,
            kind=_KIND[extraction.kind],
            items=extraction.items,
            list_selector=extraction.selector,
            placeholder=extraction.placeholder,
            placeholder_candidates=extraction.placeholder_candidates,
            basis=extraction.basis,
            **fields,
        )

    # -- reading -------------------------------------------------------------------------------------
    async def read(self, planned: PlannedColumn) -> ColumnRead:
        facts, override = planned.facts.model_copy(deep=True), planned.override
        result = ColumnRead(facts)
        if facts.skipped:
            return result
        if self.ctx.budget.left() <= 1:
            facts.skipped = "site time budget exhausted"
            result.gathered.error(facts.url, "column", "budget", facts.skipped)
            return result
        forced = self.ctx.options.render == "always" or bool(override and (override.render or override.steps))
        static: HttpPage | None = None
        suffices = long_content = False
        if not forced:
            page, extraction, static, hub_html = await self._via_http(facts.url, override, result.gathered)
            if extraction is not None:
                await self._date_undated(page.items, result.gathered)
            facts.page = page
            result.hub_html = hub_html
            long_content = extraction is not None and self._long_content(page, extraction)
            # Hubs are rendered: their column trees are often script-built, and a JS list page's static shell
            # (sidebar links, no rows yet) looks like a hub.
            suffices = extraction is not None and bool(page.items) and self.ctx.policy.static_read_suffices(facts)
        decision = decide_read(
            forced_render=forced,
            forbid_render=bool(override is not None and override.render is False),
            static=static,
            static_page_suffices=suffices,
            long_content=long_content,
        )
        if decision == "keep_timeout":
            assert static is not None
            result.gathered.error(facts.url, "column", "timeout", static.error or "timeout")
        elif decision == "keep_refused":
            assert static is not None
            result.gathered.error(facts.url, "column", refusal_kind(static) or "navigation", static.error or "refused")
        elif decision == "keep_document":
            assert facts.page is not None
            facts.page = facts.page.model_copy(update={"kind": "content", "error": None})
        elif decision == "render":
            facts.page, hub_html = await self._via_browser(facts, override, result.gathered)
            result.hub_html = hub_html
        return result

    def _long_content(self, page: PageFacts, extraction: ListExtraction) -> bool:
        return (
            page.kind == "content"
            and extraction.text_chars >= self.ctx.runtime.min_content_chars
            and not extraction.iframe_urls
        )

    async def _via_http(
        self, url: str, override: ColumnOverride | None, gathered: Gathered
    ) -> tuple[PageFacts, ListExtraction | None, HttpPage, str | None]:
        response = await self.ctx.net.fetch(url, timeout=self.ctx.timeout())
        gathered.fetched += 1
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
            return page.model_copy(update={"id": page_id(url)}), None, response, None
        if (garbled := response.text.count("\ufffd")) >= GARBLED_CHARS:
            # A page whose declared charset does not fit its bytes reads as noise: its dates may be unreadable,
            # which must be explained, not left as a silent 无日期.
            gathered.warnings.append(f"{url}: 页面字符编码与声明不符,解码后有{garbled}个无法识别的字符")
        extraction, hub_html = self._extract(response.text, response.final_url, override)
        frame_url = None
        if extraction.kind in {"none", "empty"} and extraction.iframe_urls:
            # Static CMS pages often put the list in an iframe; fetching its src is as cheap as the page.
            for src in extraction.iframe_urls[:3]:
                if not self.ctx.in_scope(src):
                    continue
                inner = await self.ctx.net.fetch(src, timeout=self.ctx.timeout())
                gathered.fetched += 1
                if inner.ok:
                    sub, _ = self._extract(inner.text, inner.final_url, override)
                    if sub.kind == "list":
                        extraction, frame_url, hub_html = sub, src, None
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
        page = await self._with_later_page(page, extraction, override, gathered)
        return page, extraction, response, hub_html

    async def _via_browser(
        self, facts: ColumnFacts, override: ColumnOverride | None, gathered: Gathered
    ) -> tuple[PageFacts, str | None]:
        url = facts.url
        hub_html: str | None = None
        async with self.ctx.tabs.tab() as pooled:
            tab = pooled.page
            rendered = await self.ctx.visit(tab, url, steps=override.steps if override else ())
            # A failed navigation, or a visit that hung after load, leaves a tab that cannot be trusted again.
            pooled.broken = rendered.error is not None and (rendered.status is None or rendered.timed_out)
            gathered.rendered += 1
            if rendered.read_frame_url:  # scenario steps already entered the list's frame
                extraction, hub_html = self._extract(rendered.html, rendered.read_frame_url, override)
                frame_url: str | None = rendered.read_frame_url
            else:
                extraction, frame_url, hub_html = self._rendered_list(
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
                ).model_copy(update={"id": page_id(url)})
                hub_html = None
            else:
                page = await self._with_later_page(page, extraction, override, gathered)
                await self._date_undated(page.items, gathered)
            shot = archive = None
            # Screenshots are evidence: taken for pages that may carry a finding or an error record.
            keep = page.kind == "error" or self.ctx.policy.keep_screenshot(facts.model_copy(update={"page": page}))
            if self.ctx.options.evidence and not rendered.timed_out and keep:
                shot = await screenshot(tab, self.ctx.runtime.screenshot_max_height)
                page.captured_at = now_in_shanghai()
                if shot and self.ctx.runtime.capture_mhtml:
                    archive = await page_archive(tab)
                page.list_rect = await element_rect(tab, extraction.selector, frame_url)
        name = self._evidence_name(url)
        if self.ctx.options.evidence:
            if rendered.html:
                page.html_path = self.ctx.store.write_bytes(f"{name}.html", rendered.html.encode("utf-8"))
            if shot:
                page.screenshot_path = self.ctx.store.write_bytes(f"{name}.png", shot)
            if archive:
                page.archive_path = self.ctx.store.write_bytes(f"{name}.mhtml", archive)
        if rendered.error:
            gathered.error(
                url,
                "column",
                self.ctx.net.refusal_of(url) or rendered.error_kind,
                rendered.error,
                screenshot_path=page.screenshot_path,
                html_path=page.html_path,
            )
        return page, hub_html

    async def _with_later_page(
        self, page: PageFacts, extraction: ListExtraction, override: ColumnOverride | None, gathered: Gathered
    ) -> PageFacts:
        """A list that runs oldest first is read on its pager's last page too, and judged by both pages' rows."""
        later = extraction.later_page_url
        if later is None or not self.ctx.in_scope(later):
            return page
        response = await self.ctx.net.fetch(later, timeout=self.ctx.timeout())
        gathered.fetched += 1
        if not response.ok or not response.is_html:
            return page  # still weak: the computed status will not call the column stale on page 1 alone
        more, _ = self._extract(response.text, response.final_url, override)
        if more.kind != "list" or not more.dated:
            return page
        seen = {(item.url, item.title) for item in page.items}
        items = page.items + [item for item in more.items if (item.url, item.title) not in seen]
        basis = [tag for tag in page.basis if tag != OLDEST_FIRST_BASIS] + [f"later page read: {later}"]
        return page.model_copy(update={"items": items, "basis": basis})

    def _rendered_list(
        self, html: str, url: str, frames: list[tuple[str, str]], override: ColumnOverride | None
    ) -> tuple[ListExtraction, str | None, str | None]:
        """The page's list, or the list of one of its same-site frames when the page itself has none."""
        extraction, hub_html = self._extract(html, url, override)
        if extraction.kind == "list" and extraction.dated:
            return extraction, None, None
        for inner_url, inner_html in frames:
            if self.ctx.in_scope(inner_url):
                sub, _ = self._extract(inner_html, inner_url, override)
                if sub.kind == "list" and (sub.dated or extraction.kind != "list"):
                    return sub, inner_url, None
        return extraction, None, hub_html

    async def _date_undated(self, items: list[ListItem], gathered: Gathered) -> None:
        """Give undated rows a date from their article pages: PubDate meta, 发布时间 text, then the URL."""
        undated = [i for i in items if i.date is None and i.url and self.ctx.in_scope(i.url) and not is_file_url(i.url)]
        if not undated:
            return
        # Undated lists are in publishing order in practice; pinned rows are old by definition.
        newest_looking = [i for i in undated if not i.pinned][: self.ctx.settings.detail_pages_per_undated_list]
        await asyncio.gather(*(self._date_from_detail(item, gathered) for item in newest_looking))
        for item in undated:
            if item.date is None and item.url and (from_url := date_from_url(item.url)) is not None:
                item.date, item.date_text, item.date_source = from_url, item.url, "url"

    async def _date_from_detail(self, item: ListItem, gathered: Gathered) -> None:
        """Date one row from its article page; a page read once per site is not fetched again."""
        assert item.url is not None
        key = canonical_url(item.url)
        if key not in self.detail_dates:
            self.detail_dates[key] = await self._read_detail_date(item.url, gathered)
        found = self.detail_dates[key]
        if found is not None:
            item.date, item.date_text, item.date_source = found

    async def _read_detail_date(self, url: str, gathered: Gathered) -> tuple[date, str, DateSource] | None:
        response = await self.ctx.net.fetch(url, timeout=self.ctx.timeout())
        gathered.fetched += 1
        if not response.ok:
            kind = "timeout" if response.timed_out else refusal_kind(response) or "http_status"
            gathered.error(url, "detail", kind, response.error or "detail page failed")
            return None
        doc = parse(response.text)
        meta = page_meta(doc)
        pubdate = meta.get("PubDate") or meta.get("pubdate")
        if pubdate and (value := parse_date_string(pubdate)) is not None:
            return value, pubdate, "meta"
        body = doc.find("body")
        found = detail_page_date(row_text(body if body is not None else doc), as_of=self.ctx.options.as_of)
        return (found.value, found.text, "detail") if found is not None else None
