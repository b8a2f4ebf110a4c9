"""Running audits: scenarios → one browser → a bundle per site.

One browser per run (recycled every BROWSER_RECYCLE_SITES sites: long-lived Chromiums leak), a fresh context per
site, sites audited a few at a time. A site that fails is recorded in its own bundle; the run goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from playwright.async_api import Browser, Playwright, async_playwright
from playwright.async_api import Error as PlaywrightError

from auditor.artifacts import ErrorRecord, SiteArtifacts
from auditor.bundle.models import Bundle
from auditor.bundle.store import FileBundleStore
from auditor.bundle.writer import build_bundle, write_bundle
from auditor.gather.browser import find_chromium, launch
from auditor.gather.site import GatherOptions, SiteGatherer
from auditor.scenario import Scenario
from auditor.windows import now_in_shanghai

BROWSER_RECYCLE_SITES = 20


def today_in_shanghai() -> date:
    return now_in_shanghai().date()


@dataclass(frozen=True)
class RunOptions:
    as_of: date
    out_dir: Path
    evidence: bool = True
    block_offsite: bool = False
    render: str = "auto"
    site_jobs: int = 1
    headless: bool = True
    progress: Callable[[str, int, int], None] | None = None


@dataclass
class SiteOutcome:
    site_id: str
    bundle_dir: Path
    bundle: Bundle | None
    error: str | None = None


@dataclass
class RunResult:
    outcomes: list[SiteOutcome] = field(default_factory=list)

    @property
    def internal_failures(self) -> list[SiteOutcome]:
        return [o for o in self.outcomes if o.bundle is None]


class _BrowserPool:
    """One browser, relaunched after it has served BROWSER_RECYCLE_SITES sites or has crashed."""

    def __init__(self, playwright: Playwright, headless: bool) -> None:
        self.playwright = playwright
        self.headless = headless
        self.browser: Browser | None = None
        self.served = 0
        self.lock = asyncio.Lock()

    async def get(self) -> Browser:
        async with self.lock:
            if self.browser is not None and (self.served >= BROWSER_RECYCLE_SITES or not self.browser.is_connected()):
                with contextlib.suppress(PlaywrightError):
                    await self.browser.close()
                self.browser = None
            if self.browser is None:
                self.browser = await launch(self.playwright, headless=self.headless)
                self.served = 0
            self.served += 1
            return self.browser

    async def close(self) -> None:
        if self.browser is not None:
            with contextlib.suppress(PlaywrightError):
                await self.browser.close()


async def audit_site(pool: _BrowserPool, scenario: Scenario, options: RunOptions) -> SiteOutcome:
    site = scenario.site
    final_dir = options.out_dir / site.id
    store = FileBundleStore(final_dir)
    started = now_in_shanghai()
    gather_options = GatherOptions(
        as_of=options.as_of,
        evidence=options.evidence,
        block_offsite=options.block_offsite,
        render=options.render,
        progress=options.progress,
    )
    try:
        try:
            browser = await pool.get()
            artifacts = await SiteGatherer(browser, scenario, gather_options, store).gather()
        except Exception as exc:  # the browser itself failed: the site is still recorded
            artifacts = SiteArtifacts(site_id=site.id, home_url=site.home, captured_at=started, as_of=options.as_of)
            artifacts.errors.append(
                ErrorRecord(url=site.home, stage="site", kind="internal", message=f"{type(exc).__name__}: {exc}")
            )
        bundle = build_bundle(
            site,
            artifacts,
            store,
            started_at=started,
            finished_at=now_in_shanghai(),
            evidence=options.evidence,
        )
        write_bundle(store, bundle, artifacts)
        return SiteOutcome(site.id, final_dir, bundle)
    except Exception as exc:
        store.discard()
        return SiteOutcome(site.id, final_dir, None, f"{type(exc).__name__}: {exc}")


async def run_audits(
    scenarios: list[Scenario],
    options: RunOptions,
    on_done: Callable[[SiteOutcome], None] | None = None,
) -> RunResult:
    result = RunResult()
    semaphore = asyncio.Semaphore(max(1, options.site_jobs))
    async with async_playwright() as playwright:
        find_chromium(playwright)  # fail once, with install instructions, before any site starts
        pool = _BrowserPool(playwright, options.headless)

        async def one(scenario: Scenario) -> None:
            async with semaphore:
                outcome = await audit_site(pool, scenario, options)
                result.outcomes.append(outcome)
                if on_done is not None:
                    on_done(outcome)

        try:
            await asyncio.gather(*(one(s) for s in scenarios))
        finally:
            await pool.close()
    order = {s.site.id: i for i, s in enumerate(scenarios)}
    result.outcomes.sort(key=lambda o: order.get(o.site_id, 0))
    return result
