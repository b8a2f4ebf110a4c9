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
from urllib.parse import urlsplit

from playwright.async_api import BrowserContext

from auditor.gather.policy import ReadPolicy
from auditor.gather.render import PagePool
from auditor.model.artifacts import ErrorRecord
from auditor.scenario import Scenario, Site
from auditor.settings import IndicatorSettings
from auditor.settings.runtime import RuntimeSettings
from auditor.store import WritableStore


@dataclass(frozen=True)
class GatherOptions:
    as_of: date
    evidence: bool = True  # screenshots and rendered HTML of rendered pages
    block_offsite: bool = False  # abort browser requests to hosts outside the site's scope (tests, demo)
    render: str = "auto"  # auto: HTTP first, render when needed; always: render every list page
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
    """Which URLs belong to the site: its hosts (home + scenario `scope`) minus the scenario's `exclude`."""

    hosts: frozenset[str]
    excludes: tuple[re.Pattern[str], ...]

    @classmethod
    def of(cls, site: Site) -> Scope:
        hosts = {urlsplit(site.home).netloc.lower()} | {h.lower() for h in site.scope}
        return cls(frozenset(hosts), tuple(re.compile(p) for p in site.exclude))

    def __call__(self, url: str) -> bool:
        return urlsplit(url).netloc.lower() in self.hosts and not any(p.search(url) for p in self.excludes)


@dataclass
class Gathered:
    """What one gatherer did besides its facts: errors to record and pages it fetched or rendered."""

    errors: list[ErrorRecord] = field(default_factory=list)
    fetched: int = 0
    rendered: int = 0

    def error(self, url: str, stage: str, kind: str, message: str, **paths: str | None) -> None:
        self.errors.append(ErrorRecord(url=url, stage=stage, kind=kind, message=message, **paths))

    def merge(self, other: Gathered) -> None:
        self.errors += other.errors
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

    @property
    def site(self) -> Site:
        return self.scenario.site

    def timeout(self) -> float:
        """A page's timeout: the scenario's, cut to what is left of the site's budget."""
        return max(1.0, min(self.site.limits.page_timeout_s, self.budget.left()))
