"""The frozen context a site is gathered in (crawlee's typed crawling contexts), and what gatherers hand back.

Everything a gatherer may use is here, built once per site: the scenario, the run's options and indicator table,
the runtime knobs, the time budget, the scope, the browser context with its pooled tabs, the store and the read
policy. Gatherers never write into the site's artifacts: they return facts plus a `Gathered` record (errors,
counters) that the site gatherer merges.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal
from urllib.parse import urlsplit

from playwright.async_api import BrowserContext, Page

from auditor.gather.network import SiteNetwork
from auditor.gather.policy import ReadPolicy
from auditor.gather.render import PagePool, RenderedPage, navigate
from auditor.model.artifacts import ErrorRecord
from auditor.scenario import Scenario, Site, Step
from auditor.settings import IndicatorSettings
from auditor.settings.runtime import RuntimeSettings
from auditor.store import WritableStore


@dataclass(frozen=True)
class GatherOptions:
    as_of: date
    evidence: bool = True  # screenshots and rendered HTML of rendered pages
    block_offsite: bool = True  # abort browser requests to hosts outside the site's scope (but the allow-list)
    render: str = "auto"  # auto: HTTP first, render when needed; always: render every list page
    # Links outside the site's hosts: status-checked only (check) or not at all (skip); --external-links.
    external_links: Literal["check", "skip"] = "check"
    # Called as (site id, columns read, columns planned) while a site is gathered, for terminal progress.
    progress: Callable[[str, int, int], None] | None = None


class Budget:
    """The site's time budget; every page timeout is cut to what is left."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def left(self) -> float:
        return self.deadline - time.monotonic()


@dataclass(frozen=True)
class Scope:
    """Which URLs are the site's own pages: a path, not only a host.

    On 集约化 platforms many sites share one host under path prefixes; a link to the parent portal or a sister
    department on the same host is another site, never a column. The site's pages are those under its home's
    folder (http://h/qx/index.html → h/qx/), plus the scenario's `scope` entries (`host[:port]` for a whole host,
    `host[:port]/path` for a prefix), minus its `exclude` patterns. `hosts` is the network scope: every host the
    site's pages live on, whose subresources the browser may load.
    """

    hosts: frozenset[str]
    prefixes: tuple[tuple[str, str], ...]  # (host, path prefix)
    excludes: tuple[re.Pattern[str], ...]

    @classmethod
    def of(cls, site: Site) -> Scope:
        home = urlsplit(site.home)
        folder = home.path[: home.path.rfind("/") + 1] or "/"
        prefixes = [(home.netloc.lower(), folder)]
        for entry in site.scope:
            host, _, path = entry.partition("/")
            prefixes.append((host.lower(), "/" + path if path else "/"))
        return cls(frozenset(host for host, _ in prefixes), tuple(prefixes), tuple(re.compile(p) for p in site.exclude))

    def __call__(self, url: str) -> bool:
        parts = urlsplit(url)
        host, path = parts.netloc.lower(), parts.path or "/"
        own = any(host == h and (path.startswith(p) or path + "/" == p) for h, p in self.prefixes)
        return own and not any(pattern.search(url) for pattern in self.excludes)


@dataclass
class Gathered:
    """What one gatherer did besides its facts: errors to record and pages it fetched or rendered."""

    errors: list[ErrorRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fetched: int = 0
    rendered: int = 0

    def error(self, url: str, stage: str, kind: str, message: str, **paths: str | None) -> None:
        self.errors.append(ErrorRecord(url=url, stage=stage, kind=kind, message=message, **paths))

    def merge(self, other: Gathered) -> None:
        self.errors += other.errors
        self.warnings += other.warnings
        self.fetched += other.fetched
        self.rendered += other.rendered


@dataclass(frozen=True)
class SiteContext:
    scenario: Scenario
    options: GatherOptions
    settings: IndicatorSettings
    runtime: RuntimeSettings
    policy: ReadPolicy
    budget: Budget
    in_scope: Scope
    store: WritableStore
    browser_context: BrowserContext
    tabs: PagePool
    net: SiteNetwork

    @property
    def site(self) -> Site:
        return self.scenario.site

    async def visit(
        self, tab: Page, url: str, *, steps: tuple[Step, ...] = (), max_frames: int | None = None
    ) -> RenderedPage:
        """Render one page of the site: after its host's Crawl-delay, within its timeout, in scope, redirects routed."""
        async with self.net.visit_slot(url):
            return await navigate(
                tab,
                url,
                timeout_s=self.timeout(),
                steps=steps,
                max_frames=self.runtime.max_frames_read if max_frames is None else max_frames,
                in_scope=self.in_scope,
                follow=self.net.redirect_of,
            )

    def timeout(self) -> float:
        """A page's timeout: the scenario's, cut to what is left of the site's budget."""
        return max(1.0, min(self.site.limits.page_timeout_s, self.budget.left()))


def site_context(
    *,
    scenario: Scenario,
    options: GatherOptions,
    settings: IndicatorSettings,
    runtime: RuntimeSettings,
    policy: ReadPolicy,
    budget: Budget,
    scope: Scope,
    store: WritableStore,
    browser_context: BrowserContext,
    net: SiteNetwork,
) -> SiteContext:
    """The context of one browser context's gathering, with its pool of reusable tabs."""
    return SiteContext(
        scenario=scenario,
        options=options,
        settings=settings,
        runtime=runtime,
        policy=policy,
        budget=budget,
        in_scope=scope,
        store=store,
        browser_context=browser_context,
        tabs=PagePool(browser_context, runtime.render_slots, runtime.tab_max_uses),
        net=net,
    )
