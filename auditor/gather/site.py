"""Gathering one site: browser and HTTP → SiteArtifacts. It collects facts and never judges them.

Per site: a fresh browser context; the home page is always rendered (menus and home blocks are often
written by script); columns are discovered from it and from hub pages; each column's list page is read
over HTTP first and rendered only when the read policy says the static HTML is not enough (gather/column.py).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Iterator
from urllib.parse import urljoin, urlsplit

from playwright.async_api import Browser, BrowserContext, Page
from playwright.async_api import Error as PlaywrightError
from pydantic import BaseModel

from auditor.extract.discovery import DiscoveredColumn, discover_home_columns, hub_children
from auditor.extract.html import canonical_url, page_meta, parse
from auditor.gather.availability import probe_home
from auditor.gather.browser import HAR_FILE, new_site_context
from auditor.gather.column import ColumnRead, ColumnReader, PlannedColumn
from auditor.gather.context import Budget, Gathered, GatherOptions, Scope, SiteContext, site_context
from auditor.gather.extra import ExtraPages
from auditor.gather.guides import GuideGatherer
from auditor.gather.interpretations import InterpretationGatherer
from auditor.gather.network import Network, SiteNetwork
from auditor.gather.policy import ReadPolicy
from auditor.gather.render import (
    element_rect,
    element_rects,
    navigate,
    open_page,
    page_archive,
    screenshot,
    settle_init_script,
)
from auditor.model.artifacts import ColumnFacts, DomainFacts, NodeRef, PageFacts, SiteArtifacts
from auditor.scenario import ColumnOverride, Scenario
from auditor.settings import IndicatorSettings
from auditor.settings.runtime import RUNTIME, RuntimeSettings
from auditor.store import WritableStore
from auditor.windows import now_in_shanghai

HOME_PAGE_ID = "home"
HOME_FAILED_ZH = "首页无法访问,未能发现栏目"


def _nodes(value: object, skip: tuple[str, ...] = ()) -> Iterator[NodeRef]:
    """Every element reference in (part of) the artifacts, `skip` naming top-level fields left out."""
    if isinstance(value, NodeRef):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in skip:
                yield from _nodes(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _nodes(item)


def _idna_decoded(host: str) -> str:
    """A host as written in Chinese where it is an IDN (xn--…): `.政务` is caught whichever way it was given."""
    try:
        return host.encode("ascii").decode("idna") if "xn--" in host else host
    except UnicodeError:
        return host


def override_for(name: str, url: str, overrides: tuple[ColumnOverride, ...], home: str) -> ColumnOverride | None:
    """The scenario's override of a column: by URL first, else by name (an override without a URL)."""
    key = canonical_url(url)
    for override in overrides:
        if override.url and canonical_url(urljoin(home, override.url)) == key:
            return override
    return next((o for o in overrides if not o.url and o.name == name), None)


class SiteGatherer:
    def __init__(
        self,
        browser: Browser,
        scenario: Scenario,
        options: GatherOptions,
        store: WritableStore,
        *,
        settings: IndicatorSettings,
        policy: ReadPolicy,
        network: Network,
        runtime: RuntimeSettings = RUNTIME,
    ) -> None:
        self.browser = browser
        self.scenario = scenario
        self.site = scenario.site
        self.options = options
        self.store = store
        self.settings = settings
        self.policy = policy
        self.runtime = runtime
        self.scope = Scope.of(self.site)
        self.budget = Budget(self.site.limits.site_budget_s)
        self.net = SiteNetwork(
            network,
            self.scope.hosts,
            block_offsite=options.block_offsite,
            deadline=self.budget.deadline,
            page_timeout_s=self.site.limits.page_timeout_s,
        )
        self.gathered = Gathered()
        self.home_html = ""
        # Columns whose reads finished, kept as they finish: a site cut off at its budget keeps them.
        self.finished: list[ColumnFacts] = []
        self.artifacts = SiteArtifacts(
            site_id=self.site.id,
            home_url=self.site.home,
            site_code=self.site.code,
            captured_at=now_in_shanghai(),
            as_of=options.as_of,
        )

    @staticmethod
    async def _close_popup(page: Page) -> None:
        """Pages the site opens itself (window.open, target=_blank on load) are closed at once."""
        with contextlib.suppress(PlaywrightError):
            if await page.opener() is not None:
                await page.close()

    async def gather(self) -> SiteArtifacts:
        context = await new_site_context(self.browser, self.store.path(HAR_FILE) if self.runtime.capture_har else None)
        try:
            await context.add_init_script(settle_init_script(self.scope.hosts))
            await context.route("**/*", self.net.route)
            context.on("requestfinished", self.net.request_ended)
            context.on("requestfailed", self.net.request_ended)
            context.on("page", self._close_popup)
            # The budget is a hard wall: whatever a page does, the site's gathering ends by its budget plus a
            # grace period for closing tabs; columns read by then are kept, the rest are recorded as not read.
            wall = max(1.0, self.budget.left()) + self.runtime.budget_grace_s
            await asyncio.wait_for(self._gather(context), wall)
        except TimeoutError:
            message = f"site time budget of {self.site.limits.site_budget_s:g}s exhausted; the rest was not read"
            self.gathered.error(self.site.home, "site", "budget", message)
            if self.artifacts.home is not None and not self.artifacts.columns:
                self.artifacts.columns = list(self.finished)
        except Exception as exc:  # one site's failure is recorded in its bundle and never stops the run
            self.gathered.error(self.site.home, "internal", "internal", f"{type(exc).__name__}: {exc}")
        finally:
            with contextlib.suppress(PlaywrightError):
                await asyncio.wait_for(context.close(), self.runtime.budget_grace_s)
        if self.artifacts.home is None:
            self.artifacts.unavailable.setdefault("home", "首页未能读取")
            self.artifacts.unavailable.setdefault("columns", HOME_FAILED_ZH)
        self.artifacts.errors += self.gathered.errors
        self.artifacts.warnings += self.gathered.warnings
        self.artifacts.pages_fetched += self.gathered.fetched
        self.artifacts.pages_rendered += self.gathered.rendered
        self.artifacts.requests = self.net.log
        self.artifacts.requests_dropped = self.net.dropped
        hosts = {host.split(":")[0] for host in self.scope.hosts}
        self.artifacts.warnings += [note for note in self.net.network.notes() if note.split(":")[0] in hosts]
        if self.net.network.ignore_robots:
            self.artifacts.warnings.append("robots.txt 未遵守(--ignore-robots,网站主管单位授权检查)")
        return self.artifacts

    def _context(self, browser_context: BrowserContext) -> SiteContext:
        return site_context(
            scenario=self.scenario,
            options=self.options,
            settings=self.settings,
            runtime=self.runtime,
            policy=self.policy,
            budget=self.budget,
            scope=self.scope,
            store=self.store,
            browser_context=browser_context,
            net=self.net,
        )

    async def _render_home(self, page: Page) -> list[DiscoveredColumn] | None:
        """Render the home page and discover its columns; None when the home page cannot be read."""
        async with self.net.visit_slot(self.site.home):
            timeout = min(self.site.limits.page_timeout_s, self.budget.left())
            rendered = await navigate(
                page,
                self.site.home,
                timeout_s=timeout,
                max_frames=self.runtime.max_frames_read,
                in_scope=self.scope,
                follow=self.net.redirect_of,
            )
        self.gathered.rendered += 1
        discovered: list[DiscoveredColumn] = []
        if not rendered.error and self.site.discover:
            discovered = discover_home_columns(
                rendered.html,
                rendered.final_url or self.site.home,
                as_of=self.options.as_of,
                in_scope=self.scope,
                skip_texts=frozenset(self.settings.non_column_link_texts),
            )
        html_path = None
        if self.options.evidence and rendered.html:
            html_path = self.store.write_bytes("pages/home.html", rendered.html.encode("utf-8"))
        self.home_html = rendered.html if not rendered.error else ""
        self.artifacts.home = PageFacts(
            id=HOME_PAGE_ID,
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
        if self.artifacts.domain is not None and rendered.final_url:
            self.artifacts.domain.final_host = _idna_decoded((urlsplit(rendered.final_url).hostname or "").lower())
        if rendered.error:
            if self.options.evidence and not rendered.timed_out:
                await self._home_screenshot(page)
            self.gathered.error(
                self.site.home,
                "home",
                self.net.refusal_of(self.site.home) or rendered.error_kind,
                rendered.error,
                screenshot_path=self.artifacts.home.screenshot_path,
                html_path=html_path,
            )
            # Columns are discovered from the home page: without it there are none to judge, which is not the
            # same as a site with no columns. Rules needing them answer `error`.
            self.artifacts.unavailable["home"] = f"首页无法访问({rendered.error})"
            self.artifacts.unavailable["columns"] = HOME_FAILED_ZH
            return None
        return discovered

    async def _home_screenshot(self, page: Page) -> None:
        home = self.artifacts.home
        assert home is not None
        shot = await screenshot(page, self.runtime.screenshot_max_height)
        if shot:
            home.screenshot_path = self.store.write_bytes("pages/home.png", shot)
            home.captured_at = now_in_shanghai()
            if self.runtime.capture_mhtml and (archive := await page_archive(page)):
                home.archive_path = self.store.write_bytes("pages/home.mhtml", archive)

    async def _home_block_evidence(self, page: Page, columns: list[ColumnFacts]) -> None:
        """Screenshot the home page only when a finding may rest on a column's home block (its list page failed)."""
        needy = [
            c
            for c in columns
            if c.home_items
            and c.home_block_selector
            and (c.page is None or c.page.kind == "error")
            and self.policy.keep_screenshot(c)
        ]
        if not needy:
            return
        await self._home_screenshot(page)
        for column in needy:
            column.home_block_rect = await element_rect(page, column.home_block_selector)

    async def _home_node_evidence(self, page: Page) -> None:
        """Measure the home-page elements the site checks point at (footer, newest item, a broken link, an entry).

        Gatherers name them by selector (page "home"); their boxes are taken here, on the home tab that stayed
        open, with one screenshot of the home page shared by every finding about it.
        """
        nodes = [
            n
            for n in _nodes(self.artifacts, skip=("columns", "guides", "interpretations", "home"))
            if n.page_id == HOME_PAGE_ID and n.rect is None and n.selector
        ]
        if not nodes:
            return
        home = self.artifacts.home
        if home is not None and home.screenshot_path is None:
            await self._home_screenshot(page)
        rects = await element_rects(page, list(dict.fromkeys(n.selector for n in nodes if n.selector)))
        for node in nodes:
            node.rect = rects.get(node.selector or "")

    def _check_site_code(self, meta: dict[str, str]) -> None:
        """<meta name="SiteIDCode"> should repeat the scenario's 网站标识码; a mismatch is worth a look."""
        code = meta.get("SiteIDCode")
        if code and code != self.site.code:
            self.artifacts.warnings.append(
                f"首页 SiteIDCode {code} 与场景配置的网站标识码 {self.site.code} 不一致,需人工核实"
            )

    def _plan(self, discovered: list[DiscoveredColumn], *, with_scenario: bool = True) -> list[PlannedColumn]:
        """Discovered columns plus the scenario's own, each with its override resolved, within max_columns."""
        overrides = self.site.columns
        planned: dict[str, PlannedColumn] = {}
        for column in discovered:
            override = override_for(column.name, column.url, overrides, self.site.home)
            planned.setdefault(canonical_url(column.url), PlannedColumn(self._facts(column, override), override))
        for override in overrides if with_scenario else ():
            if override.url is None:
                continue
            url = urljoin(self.site.home, override.url)
            if canonical_url(url) not in planned:
                column = DiscoveredColumn(override.name or url, url, override.level or 1, ["scenario"])
                planned[canonical_url(url)] = PlannedColumn(self._facts(column, override), override)
        limit = self.site.limits.max_columns
        columns = [c for c in planned.values() if c.facts.skipped != "scenario: skip"]
        if len(columns) > limit:
            self.artifacts.warnings.append(f"{len(columns)} columns found; only the first {limit} are read")
        return columns[:limit]

    @staticmethod
    def _facts(column: DiscoveredColumn, override: ColumnOverride | None) -> ColumnFacts:
        return ColumnFacts(
            name=(override.name if override and override.name else column.name),
            url=column.url,
            level=(override.level if override and override.level else column.level),
            found_in=column.found_in,
            override_class=override.column_class if override else None,
            override_kind=override.page_kind if override else None,
            home_items=column.items,
            home_block_selector=column.block_selector,
            skipped="scenario: skip" if override and override.skip else None,
        )

    def _domain_facts(self) -> DomainFacts:
        home_host = (urlsplit(self.site.home).hostname or "").lower()
        registered = self.site.domain or home_host
        return DomainFacts(
            registered=_idna_decoded(registered),
            source="scenario" if self.site.domain else "home",
            home_host=_idna_decoded(home_host),
            parent_domain=_idna_decoded(self.site.parent_domain) if self.site.parent_domain else None,
            site_kind=self.site.kind,
        )

    async def _available(self) -> bool:
        """Probe the home page (站点无法访问); False when it never answered: nothing else is read then."""
        facts = await probe_home(self.net, self.site.home, self.runtime, self.site.limits.page_timeout_s)
        self.artifacts.availability = facts
        if facts is None or facts.answered:
            return True
        last = facts.attempts[-1]
        kind = "http_status" if last.status is not None else "timeout" if last.timed_out else "navigation"
        message = f"首页{len(facts.attempts)}次访问均失败(每次限时{facts.budget_s:g}秒):{last.error}"
        self.gathered.error(self.site.home, "home", kind, message)
        why = f"首页无法访问({last.error})"
        for name in ("home", "columns", "guides", "interpretations", "home_updates", "footers", "links"):
            self.artifacts.unavailable[name] = why
        self.artifacts.unavailable["interaction"] = self.artifacts.unavailable["services"] = why
        return False

    async def _gather(self, browser_context: BrowserContext) -> None:
        self.artifacts.domain = self._domain_facts()
        if not await self._available():
            return
        # The home tab stays open while columns are read: its screenshot is taken only if a finding needs it.
        async with open_page(browser_context) as home_tab:
            discovered = await self._render_home(home_tab)
            if discovered is None:
                return
            ctx = self._context(browser_context)
            try:
                done = await self._read_all(ColumnReader(ctx), self._plan(discovered))
                self.artifacts.columns = done
                await self._read_services(ctx, done)
                await self._site_checks(ctx, done)
            finally:
                await ctx.tabs.close()
            if self.options.evidence:
                await self._home_block_evidence(home_tab, done)
                await self._home_node_evidence(home_tab)

    async def _read_services(self, ctx: SiteContext, columns: list[ColumnFacts]) -> None:
        """办事指南 and 政策解读 pages, once the columns that list them are read (issue #8)."""
        gathered = Gathered()
        pages = ExtraPages(ctx, gathered)
        guides = GuideGatherer(ctx, pages, gathered)
        interpretations = InterpretationGatherer(ctx, pages, gathered, columns)
        home = self.artifacts.home
        interpretations.add_home(home.final_url if home else None)
        try:
            # Listed before they are read: a site cut off at its budget keeps what it found, marked unread.
            self.artifacts.guides = guides.plan(columns, [(self.site.home, self.home_html)] if self.home_html else [])
            self.artifacts.interpretations = await interpretations.plan()
            await asyncio.gather(
                guides.read_all(self.artifacts.guides), interpretations.read_all(self.artifacts.interpretations)
            )
            await interpretations.confirm_links_back(self.artifacts.interpretations)
        except Exception as exc:  # the columns stand; the rules needing these answer `error`
            gathered.error(self.site.home, "internal", "internal", f"{type(exc).__name__}: {exc}")
            for name in ("guides", "interpretations"):
                self.artifacts.unavailable.setdefault(name, f"采集失败:{type(exc).__name__}")
        finally:
            self.gathered.merge(gathered)

    async def _site_checks(self, ctx: SiteContext, columns: list[ColumnFacts]) -> None:
        """The site-wide checks of issue #9, each a gatherer of its own, run side by side once the columns are read.

        Each fills its own artifact; one that fails leaves its artifact unavailable (its rules answer `error`) and
        never costs the others or the columns.
        """
        home = self.artifacts.home
        if home is None or home.kind == "error" or not self.home_html:
            return
        gathered = Gathered()
        pages = ExtraPages(ctx, gathered)
        checks: dict[str, Awaitable[object]] = {}
        # -- slot: home_updates (首页不更新)
        from auditor.gather.home_updates import HomeUpdatesGatherer  # noqa: PLC0415 - the lead may hoist it

        async def home_updates() -> None:
            gatherer = HomeUpdatesGatherer(ctx, pages, gathered)
            self.artifacts.home_updates = await gatherer.gather(home, self.home_html, columns)

        checks["home_updates"] = home_updates()
        # -- slot: footers (footer identifiers)
        from auditor.gather.footers import FooterGatherer  # noqa: PLC0415 - the lead may hoist it

        async def footers() -> None:
            read, rendered = await FooterGatherer(ctx, pages, gathered).gather(home, self.home_html, columns)
            self.artifacts.footers = read
            self.artifacts.pages.extend(rendered)

        checks["footers"] = footers()
        # -- slot: interaction and services (政务咨询, 办事服务)
        from auditor.gather.interaction import InteractionGatherer  # noqa: PLC0415 - the lead may hoist it

        async def interaction() -> None:
            facts, services, rendered = await InteractionGatherer(ctx, pages, gathered).gather(
                home, self.home_html, columns
            )
            self.artifacts.interaction, self.artifacts.services = facts, services
            self.artifacts.pages.extend(rendered)

        checks["interaction"] = interaction()
        # -- slot: links (link_broken)
        link_home = home.final_url or self.site.home

        async def links() -> None:
            from auditor.gather.links import gather_links  # noqa: PLC0415 - the lead may hoist it

            facts, link_pages = await gather_links(
                ctx, pages, gathered, home_url=link_home, home_html=self.home_html, columns=columns
            )
            self.artifacts.links = facts
            self.artifacts.pages += link_pages

        checks["links"] = links()

        async def run(name: str, check: Awaitable[object]) -> None:
            try:
                await check
            except Exception as exc:
                gathered.error(self.site.home, "internal", "internal", f"{name}: {type(exc).__name__}: {exc}")
                self.artifacts.unavailable.setdefault(name, f"采集失败:{type(exc).__name__}")

        try:
            await asyncio.gather(*(run(name, check) for name, check in checks.items()))
        finally:
            self.gathered.merge(gathered)

    async def _read_all(self, reader: ColumnReader, columns: list[PlannedColumn]) -> list[ColumnFacts]:
        semaphore = asyncio.Semaphore(self.runtime.column_concurrency)
        planned = len(columns)
        read_count = 0

        async def read(column: PlannedColumn) -> ColumnRead:
            nonlocal read_count
            async with semaphore:
                try:
                    result = await reader.read(column)
                except Exception as exc:  # one column's failure is its own error record, never the site's
                    result = ColumnRead(column.facts.model_copy(update={"skipped": f"internal error: {exc}"}))
                    result.gathered.error(column.facts.url, "column", "internal", f"{type(exc).__name__}: {exc}")
            read_count += 1
            self.gathered.merge(result.gathered)
            self.finished.append(result.facts)
            if self.options.progress is not None:
                self.options.progress(self.site.id, read_count, planned)
            return result

        first = list(await asyncio.gather(*(read(c) for c in columns)))
        # Hub pages (信息公开, 互动交流) name second-level columns in their trees: read those too.
        known = {canonical_url(r.facts.url) for r in first} | {canonical_url(self.site.home)}
        children: list[DiscoveredColumn] = []
        for hub in first:
            page = hub.facts.page
            if page is None or page.kind != "hub" or hub.hub_html is None:
                continue
            for name, url in hub_children(
                hub.hub_html,
                page.final_url or hub.facts.url,
                in_scope=self.scope,
                skip_texts=frozenset(self.settings.non_column_link_texts),
            ):
                if canonical_url(url) not in known:
                    known.add(canonical_url(url))
                    children.append(DiscoveredColumn(name, url, hub.facts.level + 1, ["tree"]))
        second = self._plan(children, with_scenario=False)[: max(0, self.site.limits.max_columns - len(first))]
        planned += len(second)
        done = [r.facts for r in first]
        done += [r.facts for r in await asyncio.gather(*(read(c) for c in second))]
        return done


__all__ = ["GatherOptions", "SiteGatherer", "override_for"]
