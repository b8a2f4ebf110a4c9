"""Footer identifiers (issue #9, indicators.md §10): the home page's footer and a few inner pages'.

The home page's footer is read from its rendered DOM (script-written badges included). Inner pages (column list
pages and articles on the site's own hosts, alternating) are fetched over HTTP; one is rendered only when its static
footer lacks an identifier AND holds a script (a badge or a whole footer written by script), or when a finding on it
is likely and evidence is kept: then the rendered DOM is read, and the page screenshotted with its footer measured.
A page that cannot be read is recorded with its error and another is tried, up to twice the sample.
"""

from __future__ import annotations

import asyncio

from auditor.extract.footer import FooterPatterns, footer_region, lacking, read_footer
from auditor.gather.context import Gathered, SiteContext
from auditor.gather.extra import ExtraPages, extra_page_id, inner_pages
from auditor.model.artifacts import ColumnFacts, FooterFacts, PageFacts


class FooterGatherer:
    def __init__(self, ctx: SiteContext, pages: ExtraPages, gathered: Gathered) -> None:
        self.ctx = ctx
        self.pages = pages
        self.gathered = gathered
        self.patterns = FooterPatterns.of(ctx.settings)
        self.code = ctx.site.code

    async def gather(
        self, home: PageFacts, home_html: str, columns: list[ColumnFacts]
    ) -> tuple[list[FooterFacts], list[PageFacts]]:
        home_url = home.final_url or home.url
        footers = [
            read_footer(
                home_html, home_url, page_id="home", rendered=True, known_code=self.code, patterns=self.patterns
            )
        ]
        rendered_pages: list[PageFacts] = []
        want = max(0, self.ctx.runtime.footer_inner_pages)
        candidates = self.inner_urls(home_url, columns)[: 2 * want]
        read = 0
        while candidates and read < want:
            batch, candidates = candidates[: want - read], candidates[want - read :]
            results = await asyncio.gather(*(self._inner(url) for url in batch))
            for footer, page in results:
                footers.append(footer)
                if page is not None:
                    rendered_pages.append(page)
                read += footer.error is None
        return footers, rendered_pages

    def inner_urls(self, home_url: str, columns: list[ColumnFacts]) -> list[str]:
        """Column list pages and articles of the site's own pages, alternating, the home page left out."""
        return inner_pages(columns, home_url, self.ctx.in_scope)

    def _read(self, html: str, url: str, page_id: str, *, rendered: bool) -> FooterFacts:
        return read_footer(html, url, page_id=page_id, rendered=rendered, known_code=self.code, patterns=self.patterns)

    async def _inner(self, url: str) -> tuple[FooterFacts, PageFacts | None]:
        page_id = extra_page_id("footer", url)
        response = await self.pages.fetch(url)
        if not response.ok or not response.is_html:
            self.pages.failed(url, page_id, response)
            error = response.error or f"not an HTML page ({response.content_type})"
            return FooterFacts(url=url, page_id=page_id, rendered=False, error=error), None
        final = response.final_url or url
        static = self._read(response.text, final, page_id, rendered=False)
        missing = lacking(static)
        scripted = any(el.tag == "script" for el in footer_region(response.text, self.patterns))
        for_evidence = bool(missing) and self.ctx.options.evidence
        if not missing or not (scripted or for_evidence):
            return static, None

        def measure(snapshots: list[str], at: str) -> list[str] | None:
            footer = self._read(snapshots[-1], at, page_id, rendered=True)
            if not lacking(footer) or footer.node is None or footer.node.selector is None:
                return None
            return [footer.node.selector]

        rendered = await self.pages.render(url, measure=measure)
        if rendered.error or not rendered.html:
            self.gathered.warnings.append(f"页面底部渲染失败,按静态页面判断:{url}({rendered.error})")
            return static, None
        footer = self._read(rendered.html, rendered.final_url or final, page_id, rendered=True)
        if footer.node is not None and footer.node.selector in rendered.rects:
            footer.node.rect = rendered.rects[footer.node.selector]
        page = self.pages.rendered_page(page_id, rendered) if rendered.screenshot_path else None
        return footer, page
