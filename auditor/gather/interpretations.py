"""Finding and reading a site's 政策解读 pages and the 政策文件 they interpret (issue #8): facts only, judged by
auditor.computed.interpretation_status.

Interpretations are the items of the site's interpretation columns (政策解读, 图解, 解读回应, 解读 sub-lists: the
indicator table's words) dated in the window before T plus `older_interpretations` older ones, the 相关解读 links
of the newest policy pages, and the scenario's `interpretations:`. Each is read over HTTP; its candidate links are
followed (each target fetched once per site) and told apart: the document itself, a list, the home page, a search
page, an error or soft-404 page. When no candidate reaches the document, the content's other links are followed
in search of a page titled as the named document; then the page is rendered (links written by script) and, when it
may back a finding, screenshotted. The document named but not reached is searched for by its title among the
items of the site's 政策文件 columns, so the notice can say which document the interpretation should link to. Each
document reached or found is read for its links back; one without a link back is rendered before it is believed.
"""

from __future__ import annotations

import asyncio
import re
from urllib.parse import urljoin

from auditor.extract.html import canonical_url, parse
from auditor.extract.interpretation import (
    InterpretationReading,
    LinkFound,
    document_title,
    read_interpretation,
    read_policy,
    titles_match,
)
from auditor.extract.lists import extract_list
from auditor.gather.context import Gathered, SiteContext
from auditor.gather.extra import ExtraPages, extra_page_id, follow_answer, http_page, read_each
from auditor.gather.http import HttpPage
from auditor.model.artifacts import (
    CheckedLink,
    ColumnFacts,
    InterpretationFacts,
    NodeRef,
    PolicyFacts,
    Rect,
    TargetKind,
)
from auditor.model.indicators import ColumnClass, Window
from auditor.windows import window_start

LIST_MIN_ITEMS = 5
# A policy page's other links kept, so that a link to its interpretation by title (no 解读 wording) is seen.
MAX_POLICY_LINKS = 200  # a target page showing a dated list this long is a list page, not the document


class InterpretationGatherer:
    def __init__(self, ctx: SiteContext, pages: ExtraPages, gathered: Gathered, columns: list[ColumnFacts]) -> None:
        self.ctx = ctx
        self.pages = pages
        self.gathered = gathered
        self.columns = columns
        settings = ctx.settings
        self.link_texts = tuple(settings.value("interpretation_link_texts"))
        self.strip_words = tuple(settings.value("interpretation_title_strip"))
        self.back_texts = tuple(settings.value("interpretation_back_link_texts"))
        self._readings: dict[tuple[str, str], InterpretationReading] = {}
        self.soft_404 = re.compile(settings.value("soft_404_pattern"))
        self.search = re.compile(settings.value("search_page_pattern"))
        self.list_urls = {canonical_url(c.url) for c in columns} | {
            canonical_url(c.page.final_url) for c in columns if c.page is not None and c.page.final_url
        }
        self.home_urls = {canonical_url(ctx.site.home)}
        self.policies: dict[str, asyncio.Task[PolicyFacts | None]] = {}
        words = tuple(settings.value("interpretation_column_words"))
        self.interpretation_columns = [
            c for c in columns if any(w in c.name for w in words) and c.page is not None and c.page.kind == "list"
        ]
        self.policy_columns = [
            c
            for c in columns
            if c not in self.interpretation_columns
            and c.page is not None
            and c.page.kind == "list"
            and ("文件" in c.name or "政策" in c.name or c.override_class == ColumnClass.NOTICE_POLICY)
            and "解读" not in c.name
        ]

    def add_home(self, url: str | None) -> None:
        if url:
            self.home_urls.add(canonical_url(url))

    # ------------------------------------------------------------------ what to read

    async def plan(self) -> list[InterpretationFacts]:
        found: dict[str, InterpretationFacts] = {}

        def add(url: str, how: str, source: str | None, published: object = None) -> None:
            key = canonical_url(url)
            if key in found:
                return
            found[key] = InterpretationFacts.model_validate(
                {"url": url, "found_in": [how], "source": source, "published": published}
            )

        for entry in self.ctx.site.interpretations:
            add(urljoin(self.ctx.site.home, entry), "scenario", "scenario")
        window = Window.model_validate(self.ctx.settings.value("interpretation_window"))
        start = window_start(self.ctx.options.as_of, window, months_as=self.ctx.settings.months_as)
        older = self.ctx.runtime.older_interpretations
        for column in self.interpretation_columns:
            assert column.page is not None
            items = [i for i in column.page.items if i.url and self.ctx.in_scope(i.url)]
            items.sort(key=lambda i: i.date.toordinal() if i.date else 0, reverse=True)
            recent = [i for i in items if i.date is not None and start <= i.date <= self.ctx.options.as_of]
            rest = [i for i in items if i not in recent and (i.date is None or i.date < start)][:older]
            for item in recent + rest:
                assert item.url is not None
                add(item.url, "column", column.name, item.date)
        for url in await self._from_policies():
            add(url, "policy", "相关解读")
        planned = list(found.values())
        limit = self.ctx.runtime.max_interpretations
        for extra in planned[limit:]:
            extra.skipped = f"每站最多读取{limit}篇解读"
        return planned

    async def _from_policies(self) -> list[str]:
        """Interpretations linked from the newest policy pages (their 相关解读 boxes)."""
        urls: list[str] = []
        for column in self.policy_columns:
            assert column.page is not None
            items = sorted(
                (i for i in column.page.items if i.url and self.ctx.in_scope(i.url)),
                key=lambda i: i.date.toordinal() if i.date else 0,
                reverse=True,
            )[: self.ctx.runtime.max_policy_pages]
            policies = await asyncio.gather(*(self.policy(i.url) for i in items if i.url))
            for policy in policies:
                urls.extend(
                    link.url
                    for link in (policy.back_links if policy else ())
                    if link.why == "back_text"
                    and link.url
                    and self.ctx.in_scope(link.url)
                    and canonical_url(link.url) not in self.list_urls | self.home_urls
                )
        return urls

    # ------------------------------------------------------------------ reading

    async def read_all(self, items: list[InterpretationFacts]) -> None:
        todo = [i for i in items if not i.skipped]
        await read_each(todo, self.read, limit=self.ctx.runtime.column_concurrency, gathered=self.gathered)

    async def read(self, item: InterpretationFacts) -> None:
        page_id = extra_page_id("jd", item.url)
        response = await self.pages.fetch(item.url)
        if not response.ok or not response.is_html:
            item.page = self.pages.failed(item.url, page_id, response)
            return
        reading = self._read(response.text, response.final_url)
        await self._apply(item, reading, page_id)
        item.page = http_page(page_id, response, reading.heading)
        if self.ctx.policy.interpretation_settled(item):
            return
        await self._follow_other_links(item, reading, page_id)
        if self.ctx.policy.interpretation_settled(item):
            return
        await self._find_policy(item)
        if not self.ctx.options.evidence and reading.candidates and not reading.image_only:
            # Without evidence to take, the browser is needed only where links may be written by script: a page
            # whose static HTML shows its candidate links is judged as it stands.
            return

        def measure(snapshots: list[str], url: str) -> list[str] | None:
            probe = item.model_copy(deep=True)
            rendered_reading = self._read(snapshots[-1], url)
            probe.candidates = [self._candidate(f, page_id) for f in rendered_reading.candidates]
            self._carry_checks(probe, item)
            if self.ctx.policy.interpretation_settled(probe) or not self.ctx.policy.keep_interpretation_screenshot(
                probe
            ):
                return None
            wanted = [f.selector for f in rendered_reading.candidates]
            return [*wanted, rendered_reading.content_selector] if rendered_reading.content_selector else wanted

        rendered = await self.pages.render(item.url, measure=measure)
        if rendered.error:
            return  # the HTTP reading stands; the render's failure is recorded
        rendered_reading = self._read(rendered.html, rendered.final_url or item.url)
        checked = {c.href + c.text: c for c in item.candidates}
        await self._apply(item, rendered_reading, page_id, rendered.rects, checked)
        item.page = self.pages.rendered_page(page_id, rendered, title=rendered_reading.heading)

    def _read(self, html: str, url: str) -> InterpretationReading:
        # The rendered DOM is read for the screenshot decision and again for its facts: parsed once.
        key = (html, url)
        if key not in self._readings:
            self._readings[key] = read_interpretation(
                html, url, link_texts=self.link_texts, strip_words=self.strip_words
            )
        return self._readings[key]

    def _candidate(self, found: LinkFound, page_id: str, rects: dict[str, Rect] | None = None) -> CheckedLink:
        rect = (rects or {}).get(found.selector)
        return CheckedLink(
            text=found.text,
            href=found.href,
            url=found.url,
            why=found.why,
            node=NodeRef(page_id=page_id, selector=found.selector, rect=rect, snippet=found.text[:120] or None),
        )

    @staticmethod
    def _carry_checks(probe: InterpretationFacts, item: InterpretationFacts) -> None:
        known = {c.href + c.text: c for c in item.candidates}
        probe.candidates = [
            known[c.href + c.text].model_copy(update={"node": c.node}) if c.href + c.text in known else c
            for c in probe.candidates
        ]

    async def _apply(
        self,
        item: InterpretationFacts,
        reading: InterpretationReading,
        page_id: str,
        rects: dict[str, Rect] | None = None,
        checked: dict[str, CheckedLink] | None = None,
    ) -> None:
        item.heading = reading.heading
        item.lead = reading.lead
        item.named_titles = list(reading.named_titles)
        item.doc_numbers = list(reading.doc_numbers)
        item.image_only = reading.image_only
        item.link_area = (
            NodeRef(
                page_id=page_id, selector=reading.content_selector, rect=(rects or {}).get(reading.content_selector)
            )
            if reading.content_selector
            else None
        )
        candidates = []
        for found in reading.candidates:
            fresh = self._candidate(found, page_id, rects)
            old = (checked or {}).get(found.href + found.text)
            candidates.append(old.model_copy(update={"node": fresh.node}) if old is not None else fresh)
        # Links followed earlier in search of the document stay on the record.
        candidates += [c for c in (checked or {}).values() if c.why == "content"]
        item.candidates = candidates
        await self._check(item, [c for c in item.candidates if not c.checked][: self.ctx.runtime.max_links_checked])

    async def _follow_other_links(
        self, item: InterpretationFacts, reading: InterpretationReading, page_id: str
    ) -> None:
        if not item.named_titles:
            return
        others = [self._candidate(f, page_id) for f in reading.other_links if f.url and self.ctx.in_scope(f.url)]
        others = others[: self.ctx.runtime.max_links_checked]
        await self._check(item, others)
        item.candidates += others

    async def _check(self, item: InterpretationFacts, links: list[CheckedLink]) -> None:
        results = await asyncio.gather(*(self._check_link(link) for link in links))
        for policy in results:
            if policy is not None and all(
                canonical_url(p.url) != canonical_url(policy.url) for p in item.linked_policies
            ):
                item.linked_policies.append(policy)

    async def _check_link(self, link: CheckedLink) -> PolicyFacts | None:
        if link.url is None:
            return None
        if not self.ctx.in_scope(link.url):
            link.target_kind = "offsite"
            return None
        response = await self.pages.fetch(link.url)
        if follow_answer(link, response, self.soft_404) is not None:
            link.target_kind = self._not_the_document(link.url, response) or "document"
        if link.target_kind == "document":
            return await self.policy(link.url)
        return None

    def _not_the_document(self, url: str, response: HttpPage) -> TargetKind | None:
        """What a page that answered is when it is not a document: the home page, a search page or a list."""
        final = canonical_url(response.final_url or url)
        if final in self.home_urls or canonical_url(url) in self.home_urls:
            return "home"
        title = document_title(parse(response.text))
        if self.search.search(url) or self.search.search(title or ""):
            return "search"
        if final in self.list_urls or canonical_url(url) in self.list_urls:
            return "list"
        listing = extract_list(response.text, response.final_url or url, as_of=self.ctx.options.as_of)
        if listing.kind == "hub" or (listing.kind in {"list", "empty"} and len(listing.items) >= LIST_MIN_ITEMS):
            return "list"
        return None

    async def policy(self, url: str) -> PolicyFacts | None:
        key = canonical_url(url)
        if key not in self.policies:
            self.policies[key] = asyncio.ensure_future(self._policy(url))
        return await self.policies[key]

    async def _policy(self, url: str) -> PolicyFacts | None:
        response = await self.pages.fetch(url)
        page_id = extra_page_id("policy", url)
        if not response.ok or not response.is_html:
            return PolicyFacts(url=url, page=self.pages.failed(url, page_id, response))
        reading = read_policy(response.text, response.final_url, back_link_texts=self.back_texts)
        return PolicyFacts(
            url=url,
            title=reading.title,
            doc_number=reading.doc_number,
            page=http_page(page_id, response, reading.title),
            back_links=[
                CheckedLink(
                    text=f.text, href=f.href, url=f.url, why=f.why, node=NodeRef(page_id=page_id, selector=f.selector)
                )
                for f in (*reading.back_links, *reading.links[:MAX_POLICY_LINKS])
            ],
            link_area=NodeRef(page_id=page_id, selector=reading.content_selector) if reading.content_selector else None,
        )

    async def _find_policy(self, item: InterpretationFacts) -> None:
        """The named document among the items of the site's policy columns, by its title."""
        if not item.named_titles or item.found_policy is not None:
            return
        named = item.named_titles[0]
        for column in self.policy_columns:
            assert column.page is not None
            for row in column.page.items:
                if row.url and self.ctx.in_scope(row.url) and titles_match(named, row.title):
                    item.found_policy = await self.policy(row.url)
                    return

    # ------------------------------------------------------------------ links back

    async def confirm_links_back(self, items: list[InterpretationFacts]) -> None:
        """Render each document without a link back in its static HTML (links written by script), with evidence."""
        own: dict[str, set[str]] = {}
        for item in items:
            for policy in [*item.linked_policies, *([item.found_policy] if item.found_policy else [])]:
                own.setdefault(canonical_url(policy.url), set()).add(canonical_url(item.url))
        done: set[str] = set()
        for item in items:
            for policy in [*item.linked_policies, *([item.found_policy] if item.found_policy else [])]:
                key = canonical_url(policy.url)
                if key in done or policy.page is None or policy.page.kind == "error":
                    continue
                done.add(key)
                if self.ctx.policy.links_back(policy, own[key], self.list_urls | self.home_urls):
                    continue
                await self._render_policy(policy)

    async def _render_policy(self, policy: PolicyFacts) -> None:
        page_id = extra_page_id("policy", policy.url)

        def measure(snapshots: list[str], url: str) -> list[str] | None:
            reading = read_policy(snapshots[-1], url, back_link_texts=self.back_texts)
            return [reading.content_selector] if reading.content_selector else ["body"]

        rendered = await self.pages.render(policy.url, measure=measure)
        if rendered.error:
            return
        reading = read_policy(rendered.html, rendered.final_url or policy.url, back_link_texts=self.back_texts)
        area = reading.content_selector or "body"
        policy.back_links = [
            CheckedLink(
                text=f.text, href=f.href, url=f.url, why=f.why, node=NodeRef(page_id=page_id, selector=f.selector)
            )
            for f in (*reading.back_links, *reading.links[:MAX_POLICY_LINKS])
        ]
        policy.link_area = NodeRef(page_id=page_id, selector=area, rect=rendered.rects.get(area))
        policy.page = self.pages.rendered_page(page_id, rendered, title=reading.title)
