"""Finding and reading a site's 办事指南 pages (issue #8): facts only, judged by auditor.computed.guide_status.

Guides are the items of the site's guide columns (办事指南, 办事服务, 政务服务: the indicator table's words), links
named …办事指南 / …服务指南 on the pages read, and the scenario's `guides:`; at most `max_guides` per site, newest
first. A guide on another host (the provincial 政务服务网) is listed, never fetched, unless the scenario's scope
takes that host in.

Each guide is read over HTTP first. The read policy decides whether that is a clean pass; if not, it is rendered,
its tabs and accordions are clicked one by one (the page read after each click, since panels may be loaded on
click or replaced by the next), and, when it may back a finding, screenshotted with the box of each row measured.
Form downloads are checked over HTTP: a GET capped at `form_check_bytes` (gov servers answer HEAD unreliably, and a
few KB tell a file from an error page).
"""

from __future__ import annotations

import asyncio
import re
from urllib.parse import urljoin, urlsplit

from auditor.extract.guide import GuideReading, LabelIndex, read_guide
from auditor.extract.html import canonical_url, clean_url, is_file_url, link_text, parse
from auditor.gather.context import Gathered, SiteContext
from auditor.gather.extra import ExtraPages, Rendered, extra_page_id, follow_answer, http_page, read_each
from auditor.model.artifacts import CheckedLink, ColumnFacts, GuideFacts, GuideField, NodeRef, Rect

STATIC_FIELDS_SUFFICE = 5  # a static reading with this many fields and no tabs is the guide as shown


def guide_columns(columns: list[ColumnFacts], words: tuple[str, ...]) -> list[ColumnFacts]:
    return [c for c in columns if any(w in c.name for w in words) and c.page is not None and c.page.kind == "list"]


class GuideGatherer:
    def __init__(self, ctx: SiteContext, pages: ExtraPages, gathered: Gathered) -> None:
        self.ctx = ctx
        self.pages = pages
        self.gathered = gathered
        settings = ctx.settings
        self.labels = LabelIndex(settings.value("guide_element_classes"))
        self.form_extensions = tuple(settings.value("guide_form_extensions"))
        self.form_texts = tuple(settings.value("guide_form_link_texts"))
        self._readings: dict[tuple[str, str], GuideReading] = {}

    def plan(self, columns: list[ColumnFacts], page_htmls: list[tuple[str, str]]) -> list[GuideFacts]:
        """The guides to read: scenario ones first, then column items newest first, then links named …指南."""
        found: dict[str, GuideFacts] = {}

        def add(url: str, name: str, how: str, source: str | None) -> None:
            key = canonical_url(url)
            if key in found:
                if how not in found[key].found_in:
                    found[key].found_in.append(how)  # type: ignore[arg-type]
                return
            found[key] = GuideFacts.model_validate({"url": url, "name": name, "found_in": [how], "source": source})

        for entry in self.ctx.site.guides:
            add(urljoin(self.ctx.site.home, entry), "", "scenario", "scenario")
        words = tuple(self.ctx.settings.value("guide_column_words"))
        for column in guide_columns(columns, words):
            assert column.page is not None
            items = sorted(column.page.items, key=lambda i: i.date.toordinal() if i.date else 0, reverse=True)
            for item in items:
                if item.url and not is_file_url(item.url):
                    add(item.url, item.title, "column", column.name)
        suffixes = tuple(self.ctx.settings.value("guide_link_suffixes"))
        for url, html in page_htmls:
            doc = parse(html)
            for anchor in doc.iter("a"):
                text = link_text(anchor)
                target = clean_url(anchor.get("href"), url)
                if (
                    target
                    and text.endswith(suffixes)
                    and len(text) > max(len(s) for s in suffixes)
                    and not is_file_url(target)
                ):
                    add(target, text, "link", url)
        guides = list(found.values())
        limit = self.ctx.runtime.max_guides
        for guide in guides:
            if not self.ctx.in_scope(guide.url):
                guide.offsite = True
        onsite = [g for g in guides if not g.offsite]
        for guide in onsite[limit:]:
            guide.skipped = f"每站最多读取{limit}个办事指南"
        return guides

    async def read_all(self, guides: list[GuideFacts]) -> None:
        todo = [g for g in guides if not g.offsite and not g.skipped]
        await read_each(todo, self.read, limit=self.ctx.runtime.column_concurrency, gathered=self.gathered)

    async def read(self, guide: GuideFacts) -> None:
        page_id = extra_page_id("guide", guide.url)
        response = await self.pages.fetch(guide.url)
        if not response.ok or not response.is_html:
            guide.page = self.pages.failed(guide.url, page_id, response)
            return
        reading = self._read(response.text, response.final_url)
        self._apply(guide, reading, page_id)
        guide.page = http_page(page_id, response, reading.title)
        guide.name = guide.name or reading.title
        await self._check_forms(guide)
        if self.ctx.policy.guide_settled(guide):
            return
        if not self.ctx.options.evidence and not reading.tabs and len(reading.fields) >= STATIC_FIELDS_SUFFICE:
            # Without evidence to take, the browser is needed only where it can change the reading: tabs or
            # accordions to open, or a page whose guide the static HTML does not show.
            return
        rendered = await self.pages.render(guide.url, tabs=self._tabs, measure=self._measure(guide))
        if rendered.error and not rendered.snapshots:
            return  # the HTTP reading stands; the render's failure is recorded
        merged = self._merge(rendered)
        old_forms = {canonical_url(f.url or f.href): f for f in guide.form_links}
        self._apply(guide, merged, page_id, rendered)
        guide.form_links = [old_forms.get(canonical_url(f.url or f.href), f) for f in guide.form_links]
        guide.tabs_opened = rendered.tabs_opened
        guide.tab_titles = [t.text for t in merged.tabs] if rendered.tabs_opened else []
        guide.page = self.pages.rendered_page(page_id, rendered, title=merged.title)
        await self._check_forms(guide)

    def _read(self, html: str, url: str) -> GuideReading:
        # A page's DOM is read for the screenshot decision and again for its facts: each snapshot parsed once.
        key = (html, url)
        if key not in self._readings:
            self._readings[key] = read_guide(
                html, url, self.labels, form_extensions=self.form_extensions, form_link_texts=self.form_texts
            )
        return self._readings[key]

    def _tabs(self, html: str, url: str) -> list[str]:
        return [t.selector for t in self._read(html, url).tabs]

    def _merge(self, rendered: Rendered) -> GuideReading:
        """Every snapshot's reading together: the first value of each label that has one, in page order."""
        url = rendered.final_url or rendered.url
        readings = [self._read(html, url) for html in rendered.snapshots]
        last = readings[-1]
        fields: dict[str, object] = {}
        for reading in readings:
            for item in reading.fields:
                current = fields.get(item.label)
                if current is None or (not getattr(current, "value", "") and item.value):
                    fields[item.label] = item
        forms = {f.href + f.text: f for r in readings for f in r.form_links}
        text = max((r.text for r in readings), key=len)
        return GuideReading(
            title=last.title,
            fields=tuple(fields.values()),  # type: ignore[arg-type]
            form_links=tuple(forms.values()),
            text=" ".join(dict.fromkeys([text, *(r.text for r in readings)]))[:20_000],
            content_selector=last.content_selector,
            tabs=last.tabs,
        )

    def _measure(self, guide: GuideFacts):  # noqa: ANN202 - a ToMeasure closure
        def measure(snapshots: list[str], url: str) -> list[str] | None:
            reading = self._merge(Rendered(guide.url, final_url=url, snapshots=snapshots))
            probe = guide.model_copy(deep=True)
            self._apply(probe, reading, "probe")
            probe.form_links = guide.form_links
            if not self.ctx.policy.keep_guide_screenshot(probe):
                return None
            wanted = [f.selector for f in reading.fields] + [
                f.value_selector for f in reading.fields if f.value_selector
            ]
            return [*wanted, reading.content_selector] if reading.content_selector else wanted

        return measure

    def _apply(self, guide: GuideFacts, reading: GuideReading, page_id: str, rendered: Rendered | None = None) -> None:
        rects = rendered.rects if rendered is not None else {}

        def node(selector: str | None, snippet: str = "", end: str | None = None) -> NodeRef | None:
            if selector is None:
                return None
            rect = rects.get(selector)
            if rect is not None and end is not None and (last := rects.get(end)) is not None:
                rect = Rect.covering([rect, last])  # the label and the end of its value, outlined as one box
            return NodeRef(page_id=page_id, selector=selector, rect=rect, snippet=snippet[:120] or None)

        base = (rendered.final_url if rendered else None) or guide.url
        guide.fields = [
            GuideField(
                label=f.label,
                value=f.value,
                links=list(f.links),
                how=f.how,
                node=node(f.selector, f"{f.label}:{f.value}", f.value_selector),
            )
            for f in reading.fields
        ]
        guide.content_text = reading.text
        guide.content_node = node(reading.content_selector, reading.title)
        guide.form_links = [
            CheckedLink(
                text=f.text, href=f.href, url=f.url or clean_url(f.href, base), why=f.why, node=node(f.selector, f.text)
            )
            for f in reading.form_links
        ]

    async def _check_forms(self, guide: GuideFacts) -> None:
        pending = [f for f in guide.form_links if f.url and not f.checked][: self.ctx.runtime.max_form_checks]
        await asyncio.gather(*(self._check_form(link) for link in pending))

    async def _check_form(self, link: CheckedLink) -> None:
        assert link.url is not None
        if not self.ctx.in_scope(link.url) and not self._same_host(link.url):
            link.target_kind = "offsite"
            return
        response = await self.pages.fetch(link.url, max_bytes=self.ctx.runtime.form_check_bytes)
        follow_answer(link, response, re.compile(self.ctx.settings.value("soft_404_pattern")))

    def _same_host(self, url: str) -> bool:
        # A form is a file of the site's own host even outside the site's folder (/uploads/…).
        return urlsplit(url).netloc.lower() in self.ctx.in_scope.hosts
