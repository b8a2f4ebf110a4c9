"""Gathering one site: browser and HTTP → SiteArtifacts. It collects facts and never judges them.

Per site: a fresh browser context; the home page is always rendered (menus and home blocks are often
written by script); columns are discovered from it and from hub pages; each column's list page is read
over HTTP first and rendered only when the static HTML cannot give a clean answer (see `column_page`).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

from playwright.async_api import Browser, BrowserContext, Page, Route

from auditor.artifacts import ColumnFacts, ErrorRecord, PageFacts, SiteArtifacts
from auditor.bundle.store import EvidenceStore
from auditor.extract.discovery import DiscoveredColumn, discover_home_columns, hub_children
from auditor.extract.html import canonical_url, page_meta, parse
from auditor.gather.browser import new_site_context
from auditor.gather.column import ColumnReader
from auditor.gather.render import element_rect, navigate, open_page, screenshot, settle_init_script
from auditor.rules.columns import FINDING_STATUSES, judge_column
from auditor.scenario import ColumnOverride, Scenario
from auditor.windows import now_in_shanghai


@dataclass(frozen=True)
class GatherOptions:
    as_of: date
    evidence: bool = True  # screenshots and rendered HTML of every rendered page
    block_offsite: bool = False  # abort browser requests to hosts outside the site's scope (tests, demo)
    render: str = "auto"  # auto: HTTP first, render when needed; always: render every list page
    concurrency: int = 4  # column pages in flight per site
    # Called as (site id, columns read, columns planned) while a site is gathered, for terminal progress.
    progress: Callable[[str, int, int], None] | None = None


class Budget:
    """The site's time budget; every page timeout is cut to what is left."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def left(self) -> float:
        return self.deadline - time.monotonic()


def scope_checker(scenario: Scenario) -> tuple[set[str], Callable[[str], bool]]:
    site = scenario.site
    hosts = {urlsplit(site.home).netloc.lower()} | {h.lower() for h in site.scope}
    excludes = [re.compile(p) for p in site.exclude]

    def in_scope(url: str) -> bool:
        parts = urlsplit(url)
        return parts.netloc.lower() in hosts and not any(p.search(url) for p in excludes)

    return hosts, in_scope


def _override_for(column: DiscoveredColumn, overrides: tuple[ColumnOverride, ...], home: str) -> ColumnOverride | None:
    key = canonical_url(column.url)
    for override in overrides:
        if override.url and canonical_url(urljoin(home, override.url)) == key:
            return override
    return next((o for o in overrides if not o.url and o.name == column.name), None)


class SiteGatherer:
    def __init__(self, browser: Browser, scenario: Scenario, options: GatherOptions, store: EvidenceStore) -> None:
        self.browser = browser
        self.scenario = scenario
        self.site = scenario.site
        self.options = options
        self.store = store
        self.hosts, self.in_scope = scope_checker(scenario)
        self.budget = Budget(self.site.limits.site_budget_s)
        self.artifacts = SiteArtifacts(
            site_id=self.site.id,
            home_url=self.site.home,
            captured_at=now_in_shanghai(),
            as_of=options.as_of,
        )

    async def _block_offsite(self, route: Route) -> None:
        if urlsplit(route.request.url).netloc.lower() in self.hosts or route.request.url.startswith("data:"):
            await route.continue_()
        else:
            await route.abort("blockedbyclient")

    async def gather(self) -> SiteArtifacts:
        context = await new_site_context(self.browser)
        try:
            await context.add_init_script(settle_init_script(self.hosts))
            if self.options.block_offsite:
                await context.route("**/*", self._block_offsite)
            await self._gather(context)
        except Exception as exc:  # one site's failure is recorded in its bundle and never stops the run
            self.artifacts.errors.append(
                ErrorRecord(
                    url=self.site.home,
                    stage="internal",
                    kind="internal",
                    message=f"{type(exc).__name__}: {exc}",
                )
            )
        finally:
            await context.close()
        return self.artifacts

    async def _render_home(self, page: Page) -> list[DiscoveredColumn] | None:
        """Render the home page and discover its columns; None when the home page cannot be read."""
        timeout = min(self.site.limits.page_timeout_s, self.budget.left())
        rendered = await navigate(page, self.site.home, timeout_s=timeout)
        self.artifacts.pages_rendered += 1
        discovered: list[DiscoveredColumn] = []
        if not rendered.error and self.site.discover:
            discovered = discover_home_columns(
                rendered.html,
                rendered.final_url or self.site.home,
                as_of=self.options.as_of,
                in_scope=self.in_scope,
            )
        html_path = None
        if self.options.evidence and rendered.html:
            html_path = self.store.write_bytes("pages/home.html", rendered.html.encode("utf-8"))
        self.artifacts.home = PageFacts(
            url=self.site.home,
            final_url=rendered.final_url,
            status=rendered.status,
            fetched_by="browser",
            title=rendered.title,
            kind="error" if rendered.error else "hub",
            error=rendered.error,
            html_path=html_path,
            elapsed_ms=rendered.elapsed_ms,
            meta=page_meta(parse(rendered.html)) if rendered.html else {},
        )
        self._check_site_code(self.artifacts.home.meta)
        if rendered.error:
            if self.options.evidence and not rendered.timed_out:
                await self._home_screenshot(page)
            self.artifacts.errors.append(
                ErrorRecord(
                    url=self.site.home,
                    stage="home",
                    kind=rendered.error_kind,  # type: ignore[arg-type]
                    message=rendered.error,
                    screenshot_path=self.artifacts.home.screenshot_path,
                    html_path=html_path,
                )
            )
            return None
        return discovered

    async def _home_screenshot(self, page: Page) -> None:
        home = self.artifacts.home
        assert home is not None
        shot = await screenshot(page)
        if shot:
            home.screenshot_path = self.store.write_bytes("pages/home.png", shot)
            home.captured_at = now_in_shanghai()

    async def _home_block_evidence(self, page: Page, columns: list[ColumnFacts]) -> None:
        """Screenshot the home page only when a finding rests on a column's home block (its list page failed)."""
        needy = [
            c
            for c in columns
            if c.home_items
            and c.home_block_selector
            and (c.page is None or c.page.kind == "error")
            and judge_column(c, self.options.as_of).status in FINDING_STATUSES
        ]
        if not needy:
            return
        await self._home_screenshot(page)
        for column in needy:
            column.home_block_rect = await element_rect(page, column.home_block_selector)

    def _check_site_code(self, meta: dict[str, str]) -> None:
        """<meta name="SiteIDCode"> should repeat the scenario's 网站标识码; a mismatch is worth a look."""
        code = meta.get("SiteIDCode")
        if code and code != self.site.code:
            self.artifacts.warnings.append(
                f"首页 SiteIDCode {code} 与场景配置的网站标识码 {self.site.code} 不一致,需人工核实"
            )

    def _plan(self, discovered: list[DiscoveredColumn], *, with_scenario: bool = True) -> list[ColumnFacts]:
        """Discovered columns plus the scenario's own, with overrides applied, within max_columns."""
        overrides = self.site.columns
        planned: dict[str, ColumnFacts] = {}
        for column in discovered:
            override = _override_for(column, overrides, self.site.home)
            planned.setdefault(canonical_url(column.url), self._facts(column, override))
        for override in overrides if with_scenario else ():
            if override.url is None:
                continue
            url = urljoin(self.site.home, override.url)
            if canonical_url(url) not in planned:
                column = DiscoveredColumn(override.name or url, url, override.level or 1, ["scenario"])
                planned[canonical_url(url)] = self._facts(column, override)
        limit = self.site.limits.max_columns
        columns = [c for c in planned.values() if c.skipped != "scenario: skip"]
        if len(columns) > limit:
            self.artifacts.warnings.append(f"{len(columns)} columns found; only the first {limit} are read")
        return columns[:limit]

    def _facts(self, column: DiscoveredColumn, override: ColumnOverride | None) -> ColumnFacts:
        return ColumnFacts(
            name=(override.name if override and override.name else column.name),
            url=column.url,
            level=(override.level if override and override.level else column.level),
            found_in=column.found_in,  # type: ignore[arg-type]
            override_class=override.column_class if override else None,
            override_kind=override.page_kind if override else None,
            home_items=column.items,
            home_block_selector=column.block_selector,
            skipped="scenario: skip" if override and override.skip else None,
        )

    async def _gather(self, context: BrowserContext) -> None:
        # The home tab stays open while columns are read: its screenshot is taken only if a finding needs it.
        async with open_page(context) as home_tab:
            discovered = await self._render_home(home_tab)
            if discovered is None:
                return
            columns = self._plan(discovered)
            reader = ColumnReader(self, context)
            try:
                done = await self._read_all(reader, columns)
            finally:
                await reader.tabs.close()
            self.artifacts.columns = done
            if self.options.evidence:
                await self._home_block_evidence(home_tab, done)

    async def _read_all(self, reader: ColumnReader, columns: list[ColumnFacts]) -> list[ColumnFacts]:
        semaphore = asyncio.Semaphore(self.options.concurrency)
        planned = len(columns)
        read_count = 0

        async def read(facts: ColumnFacts) -> ColumnFacts:
            nonlocal read_count
            async with semaphore:
                result = await reader.read(facts)
            read_count += 1
            if self.options.progress is not None:
                self.options.progress(self.site.id, read_count, planned)
            return result

        done = list(await asyncio.gather(*(read(c) for c in columns)))
        # Hub pages (信息公开, 互动交流) name second-level columns in their trees: read those too.
        known = {canonical_url(c.url) for c in done} | {canonical_url(self.site.home)}
        children: list[DiscoveredColumn] = []
        for hub in done:
            html = reader.hub_html.get(canonical_url(hub.url))
            if hub.page is None or hub.page.kind != "hub" or html is None:
                continue
            for name, url in hub_children(html, hub.page.final_url or hub.url, in_scope=self.in_scope):
                if canonical_url(url) not in known:
                    known.add(canonical_url(url))
                    children.append(DiscoveredColumn(name, url, hub.level + 1, ["tree"]))
        second = self._plan(children, with_scenario=False)[: max(0, self.site.limits.max_columns - len(done))]
        planned += len(second)
        done += await asyncio.gather(*(read(c) for c in second))
        return done
