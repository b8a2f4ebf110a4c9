"""Running audits: scenarios → one browser → per site gather → judge → evidence → bundle → store.

One browser per run (recycled every `browser_recycle_sites` sites: long-lived Chromiums leak), a fresh context per
site, sites audited a few at a time. A site that fails is recorded in its own bundle; the run goes on. This is the
only module that knows every stage; each stage knows only its own inputs.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from playwright.async_api import Browser, Playwright, async_playwright
from playwright.async_api import Error as PlaywrightError

from auditor.bundle.assemble import build_bundle, write_bundle
from auditor.computed.account_status import judge_account
from auditor.computed.column_status import judge_column
from auditor.computed.guide_status import judge_guide
from auditor.computed.interpretation_status import judge_interpretation, link_back
from auditor.evidence import attach_evidence
from auditor.gather.browser import find_chromium, launch
from auditor.gather.context import GatherOptions
from auditor.gather.network import Network
from auditor.gather.newmedia import NewMediaGatherer
from auditor.gather.policy import KeepEverythingPolicy, ReadPolicy
from auditor.gather.sampling import SampleRequest
from auditor.gather.site import SiteGatherer
from auditor.judge import judge
from auditor.model.artifacts import (
    AccountFacts,
    ColumnFacts,
    ErrorRecord,
    GuideFacts,
    InterpretationFacts,
    PolicyFacts,
    SiteArtifacts,
)
from auditor.model.bundle import Bundle
from auditor.model.indicators import Window
from auditor.model.resolve import NO_RESOLVE, ResolveMap
from auditor.scenario import Scenario, Site
from auditor.settings import IndicatorSettings, default_indicators
from auditor.settings.runtime import RUNTIME, RuntimeSettings
from auditor.store import (
    MANIFEST,
    FileBundleStore,
    ReadableStore,
    clean_stale_staging,
    is_complete_bundle,
    write_run_manifest,
)
from auditor.windows import now_in_shanghai, window_start

# Column statuses that end in a finding (and so need a browser's confirmation and a screenshot as evidence).
FINDING_STATUSES = frozenset({"stale", "warning", "blank", "undated", "unreadable"})
CLEAN_STATUSES = frozenset({"fresh", "not_judged"})


def today_in_shanghai() -> date:
    return now_in_shanghai().date()


@dataclass(frozen=True)
class JudgedReadPolicy:
    """The live run's read policy: a page is judged at the run's T, with the run's table, to decide whether the
    cheap read is a clean pass and whether its screenshot may be evidence."""

    as_of: date
    settings: IndicatorSettings
    site_code: str | None = None

    def static_read_suffices(self, column: ColumnFacts) -> bool:
        return judge_column(column, self.as_of, self.settings, site_code=self.site_code).status in CLEAN_STATUSES

    def keep_screenshot(self, column: ColumnFacts) -> bool:
        return judge_column(column, self.as_of, self.settings, site_code=self.site_code).status in FINDING_STATUSES

    def guide_settled(self, guide: GuideFacts) -> bool:
        return judge_guide(guide, self.settings).clean

    def keep_guide_screenshot(self, guide: GuideFacts) -> bool:
        judged = judge_guide(guide, self.settings)
        return judged.status in {"judged", "unreadable"} and not judged.clean

    def interpretation_settled(self, interpretation: InterpretationFacts) -> bool:
        return judge_interpretation(interpretation).status == "linked"

    def keep_interpretation_screenshot(self, interpretation: InterpretationFacts) -> bool:
        return judge_interpretation(interpretation).status in {"unlinked", "needs_review"}

    def links_back(self, policy: PolicyFacts, interpretation_urls: set[str], list_urls: set[str]) -> bool:
        return link_back(policy, interpretation_urls, list_urls - interpretation_urls) is not None

    def keep_account_screenshot(self, account: AccountFacts) -> bool:
        window = Window.model_validate(self.settings.value("newmedia_update_window"))
        start = window_start(self.as_of, window, months_as=self.settings.months_as)
        return judge_account(account, self.as_of, start).status != "fresh"


@dataclass(frozen=True)
class SampleOptions:
    """The command line's --sample, --sample-group, --sample-share and --sample-seed (empty: the scenario's)."""

    groups: tuple[str, ...] = ()
    share: float | None = None
    seed: int | None = None


@dataclass(frozen=True)
class RunOptions:
    as_of: date
    out_dir: Path
    evidence: bool = True
    block_offsite: bool = True
    ignore_robots: bool = False
    render: str = "auto"
    site_jobs: int = 1
    headless: bool = True
    # Render every column page and keep every screenshot, so the saved run can be judged at any other T.
    keep_screenshots: bool = False
    settings: IndicatorSettings = field(default_factory=default_indicators)
    runtime: RuntimeSettings = RUNTIME
    progress: Callable[[str, int, int], None] | None = None
    resolve: ResolveMap = NO_RESOLVE  # the command line's --resolve; each scenario's own is merged under it
    external_links: Literal["check", "skip"] = "check"
    # --sample: new-media groups are sampled as the notice did; the scenario's `sampling:` fills what is not given.
    sample: SampleOptions | None = None

    def sample_for(self, scenario: Scenario) -> SampleRequest | None:
        if self.sample is None:
            return None
        declared = scenario.sampling
        groups = self.sample.groups or (declared.groups if declared else ())
        share = (
            self.sample.share or (declared.share if declared else None) or self.settings.value("newmedia_sample_share")
        )
        seed = self.sample.seed if self.sample.seed is not None else (declared.seed if declared else None)
        return SampleRequest(groups=tuple(groups), share=float(share), seed=seed)

    def resolve_for(self, scenarios: list[Scenario]) -> ResolveMap:
        """One mapping for the run (one browser serves every site): the scenarios' entries, then --resolve's."""
        merged = NO_RESOLVE
        for scenario in scenarios:
            merged = merged.merged(ResolveMap.from_mapping(scenario.site.resolve))
        return merged.merged(self.resolve)

    def read_policy(self, site_code: str | None = None) -> ReadPolicy:
        if self.keep_screenshots:
            return KeepEverythingPolicy()
        return JudgedReadPolicy(self.as_of, self.settings, site_code)


@dataclass
class SiteOutcome:
    site_id: str
    bundle_dir: Path
    bundle: Bundle | None
    error: str | None = None


@dataclass
class RunResult:
    outcomes: list[SiteOutcome] = field(default_factory=list)
    # Why RUN_DIR/manifest.json could not be written (a full disk): the bundles stand, the run is not sealed.
    manifest_error: str | None = None

    @property
    def internal_failures(self) -> list[SiteOutcome]:
        return [o for o in self.outcomes if o.bundle is None]


class _BrowserPool:
    """One browser, relaunched after it has served `recycle_after` sites or has crashed."""

    def __init__(
        self, playwright: Playwright, headless: bool, recycle_after: int, resolve: ResolveMap = NO_RESOLVE
    ) -> None:
        self.playwright = playwright
        self.resolve = resolve
        self.headless = headless
        self.recycle_after = recycle_after
        self.browser: Browser | None = None
        self.served = 0
        self.lock = asyncio.Lock()

    async def get(self) -> Browser:
        async with self.lock:
            if self.browser is not None and (self.served >= self.recycle_after or not self.browser.is_connected()):
                with contextlib.suppress(PlaywrightError):
                    await self.browser.close()
                self.browser = None
            if self.browser is None:
                self.browser = await launch(self.playwright, headless=self.headless, resolve=self.resolve)
                self.served = 0
            self.served += 1
            return self.browser

    async def close(self) -> None:
        if self.browser is not None:
            with contextlib.suppress(PlaywrightError):
                await self.browser.close()


def judge_and_store(
    site: Site,
    artifacts: SiteArtifacts,
    store: FileBundleStore,
    *,
    as_of: date,
    settings: IndicatorSettings,
    started_at: datetime,
    evidence: bool = True,
    screenshots: ReadableStore | None = None,
) -> Bundle:
    """Judge artifacts, cut the evidence, assemble, validate and commit the bundle (live and re-audit alike).

    `screenshots` is where the saved screenshots are read from when they are not in `store` (a re-audit).
    """
    judgement = judge(artifacts, as_of, settings)
    findings = judgement.findings
    if evidence:
        findings = attach_evidence(
            findings, artifacts, store, as_of=as_of, site_name=site.name, source=screenshots or store
        )
    bundle = build_bundle(
        site,
        artifacts,
        judgement,
        findings,
        started_at=started_at,
        finished_at=now_in_shanghai(),
        as_of=as_of,
    )
    write_bundle(store, bundle, artifacts)
    return bundle


async def _gather(
    pool: _BrowserPool,
    scenario: Scenario,
    options: RunOptions,
    *,
    network: Network,
    store: FileBundleStore,
    gather_options: GatherOptions,
) -> SiteArtifacts:
    async def once() -> tuple[SiteArtifacts, bool]:
        browser = await pool.get()
        if scenario.site.is_newmedia:
            accounts = NewMediaGatherer(
                browser,
                scenario,
                gather_options,
                store,
                settings=options.settings,
                policy=options.read_policy(),
                network=network,
                runtime=options.runtime,
                sample=options.sample_for(scenario),
            )
            return await accounts.gather(), browser.is_connected()
        gatherer = SiteGatherer(
            browser,
            scenario,
            gather_options,
            store,
            settings=options.settings,
            policy=options.read_policy(scenario.site.code),
            network=network,
            runtime=options.runtime,
        )
        artifacts = await gatherer.gather()
        return artifacts, browser.is_connected()

    artifacts, browser_alive = await once()
    if not browser_alive:
        # Chromium died under the site (killed, out of memory): whatever was read is suspect. The site is read
        # once more in a fresh browser, and the bundle says so; a second crash is recorded as it is.
        again, _ = await once()
        again.warnings = ["浏览器在检查过程中崩溃,已在新浏览器中重新检查本站", *artifacts.warnings, *again.warnings]
        artifacts = again
    return artifacts


async def audit_site(pool: _BrowserPool, scenario: Scenario, options: RunOptions, network: Network) -> SiteOutcome:
    site = scenario.site
    final_dir = options.out_dir / site.id
    store = FileBundleStore(final_dir)
    started = now_in_shanghai()
    gather_options = GatherOptions(
        as_of=options.as_of,
        evidence=options.evidence,
        block_offsite=options.block_offsite,
        render="always" if options.keep_screenshots else options.render,
        external_links=options.external_links,
        progress=options.progress,
    )
    try:
        try:
            artifacts = await _gather(
                pool, scenario, options, network=network, store=store, gather_options=gather_options
            )
        except Exception as exc:  # the browser itself failed: the site is still recorded
            artifacts = SiteArtifacts(site_id=site.id, home_url=site.home, captured_at=started, as_of=options.as_of)
            if site.is_newmedia:
                artifacts.scope = "newmedia"
                artifacts.unavailable["newmedia"] = "浏览器故障"
            artifacts.errors.append(
                ErrorRecord(url=site.home, stage="site", kind="internal", message=f"{type(exc).__name__}: {exc}")
            )
            artifacts.unavailable = {"home": "浏览器故障", "columns": "浏览器故障"}
        bundle = judge_and_store(
            site,
            artifacts,
            store,
            as_of=options.as_of,
            settings=options.settings,
            started_at=started,
            evidence=options.evidence,
        )
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
    # A killed run leaves staging folders behind; they are never a bundle and go before anything is written.
    clean_stale_staging(options.out_dir)
    resolve = options.resolve_for(scenarios)
    network = Network(options.runtime, ignore_robots=options.ignore_robots, resolve=resolve)
    try:
        async with async_playwright() as playwright:
            find_chromium(playwright)  # fail once, with install instructions, before any site starts
            pool = _BrowserPool(playwright, options.headless, options.runtime.browser_recycle_sites, resolve)

            async def one(scenario: Scenario) -> None:
                async with semaphore:
                    outcome = await audit_site(pool, scenario, options, network)
                    result.outcomes.append(outcome)
                    if on_done is not None:
                        on_done(outcome)

            try:
                await asyncio.gather(*(one(s) for s in scenarios))
            finally:
                await pool.close()
    finally:
        # After every site's bundle is committed, and after a run stopped by an error too: whatever the folder
        # holds is sealed as it is. Only the sites committed here are hashed afresh (write_run_manifest).
        if options.out_dir.is_dir():
            try:
                write_run_manifest(options.out_dir, [o.bundle_dir for o in result.outcomes if o.bundle is not None])
            except OSError as exc:
                result.manifest_error = f"{options.out_dir / MANIFEST}: {type(exc).__name__}: {exc}"
    order = {s.site.id: i for i, s in enumerate(scenarios)}
    result.outcomes.sort(key=lambda o: order.get(o.site_id, 0))
    return result


def pending_sites(scenarios: list[Scenario], run_dir: Path) -> list[Scenario]:
    """`--resume`: the sites of `run_dir` that have no complete bundle yet (missing, or its manifest fails)."""
    return [s for s in scenarios if not is_complete_bundle(run_dir / s.site.id)]
