"""Gathering a group of new-media accounts (issue #10): registry → sample → each account's page → AccountFacts.

The accounts come from the scenario (`accounts:` or `accounts_csv:`) or, when it lists none, from the registry
page (`site.home`, rendered: matrix pages are often script-built). With `--sample` the notice's sample is drawn
(gather/sampling.py) and recorded. Each account's public page is rendered in a fresh tab (a tab whose navigation
failed is never reused), given the platform adapter's wait and scrolls, and read by the one engine
(extract/newmedia.py). Relative times resolve against the capture time, or the time an archived page declares
(Memento-Datetime, <meta name="snapshot-time">). An account that cannot be read is recorded as such and never
stops the others; what was not read by the group's time budget stays `not_read`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import Iterable
from typing import Self
from urllib.parse import urlsplit

from playwright.async_api import Browser, BrowserContext, Page
from playwright.async_api import Error as PlaywrightError
from pydantic import ValidationError

from auditor.extract.html import canonical_url
from auditor.extract.newmedia import read_account_page, snapshot_time
from auditor.extract.registry import read_registry
from auditor.gather.browser import HAR_FILE, new_site_context
from auditor.gather.context import Budget, Gathered, GatherOptions, Scope, SiteContext, site_context
from auditor.gather.network import Network, SiteNetwork
from auditor.gather.policy import ReadPolicy
from auditor.gather.render import element_rects, open_page, page_archive, screenshot, settle, settle_init_script
from auditor.gather.sampling import SampleRequest, draw_sample
from auditor.model.artifacts import AccountFacts, ManualEntry, NewMediaFacts, PageFacts, RequestRecord, SiteArtifacts
from auditor.platforms import ADAPTERS
from auditor.platforms.base import host_claimed
from auditor.scenario import Account, ManualDate, Scenario
from auditor.settings import IndicatorSettings
from auditor.settings.runtime import RUNTIME, RuntimeSettings
from auditor.store import WritableStore
from auditor.windows import now_in_shanghai

WAIT_FOR_POSTS_S = 5.0  # how long a rendered profile may take to show its posts (or its wall) after loading
MAX_POSTS_MEASURED = 40
NOT_READ_ZH = "检查时间用尽,账号页面未读取"
NO_URL_ZH = "账号清单未提供账号页面地址"


class PlatformHosts(frozenset[str]):
    """A group's network scope: its listed hosts, and any host an adapter of the group's platforms claims.

    Platforms send a visitor from the account's page to hosts of their own that no registry lists (weibo.com
    redirects a visit without a cookie to passport.weibo.com's visitor system); refusing that redirect as off-site
    turned every such page into a load error instead of the login wall it is. The platforms' asset hosts (CDNs:
    sinaimg.cn, douyinstatic.com) are in too, or a script-built profile would render empty. Nothing else is.
    """

    platforms: frozenset[str]

    def __new__(cls, hosts: Iterable[str], platforms: Iterable[str]) -> Self:
        made = super().__new__(cls, hosts)
        made.platforms = frozenset(platforms)
        return made

    def __contains__(self, host: object) -> bool:
        if frozenset.__contains__(self, host):
            return True
        return isinstance(host, str) and bool(host) and host_claimed(host.split(":")[0], self.platforms)


def account_page_id(account: Account) -> str:
    return "acct-" + hashlib.sha256(account.key.encode()).hexdigest()[:10]


def _facts(account: Account, listed_in: str) -> AccountFacts:
    return AccountFacts(
        platform=account.platform,
        name=account.name,
        owner=account.owner or "",
        group=account.group or "",
        url=account.url,
        listed_in=listed_in,
    )


def _manual_for(account: Account, manual: tuple[ManualDate, ...]) -> ManualDate | None:
    url = canonical_url(account.url) if account.url else None
    for row in manual:
        if row.platform != account.platform:
            continue
        if (row.name and row.name == account.name) or (url and row.url and canonical_url(row.url) == url):
            return row
    return None


class NewMediaGatherer:
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
        sample: SampleRequest | None = None,
    ) -> None:
        self.browser = browser
        self.scenario = scenario
        self.site = scenario.site
        self.options = options
        self.store = store
        self.settings = settings
        self.policy = policy
        self.network = network
        self.runtime = runtime
        self.sample = sample
        self.budget = Budget(self.site.limits.site_budget_s)
        self.gathered = Gathered()
        # What the registry page loaded (its own SiteNetwork), logged before the accounts' requests.
        self.registry_requests: list[RequestRecord] = []
        self.registry_requests_dropped = 0
        self.facts = NewMediaFacts(registry_url=None if scenario.accounts else self.site.home)
        self.artifacts = SiteArtifacts(
            site_id=self.site.id,
            home_url=self.site.home,
            site_code=self.site.code,
            captured_at=now_in_shanghai(),
            as_of=options.as_of,
            scope="newmedia",
            newmedia=self.facts,
        )

    def _scope(self, accounts: list[Account]) -> Scope:
        """The registry's own scope plus every account page's host, and the other hosts of the accounts' platforms
        (a platform's own redirect, such as Weibo's to its visitor system on passport.weibo.com, is followed so
        that the wall it shows is recognised): the browser may load those and nothing else."""
        base = Scope.of(self.site)
        hosts = {urlsplit(a.url).netloc.lower() for a in accounts if a.url}
        prefixes = base.prefixes + tuple((host, "/") for host in sorted(hosts))
        platforms = {a.platform for a in accounts if a.url and a.platform in ADAPTERS}
        return Scope(PlatformHosts(base.hosts | hosts, platforms), prefixes, base.excludes)

    async def gather(self) -> SiteArtifacts:
        context = await new_site_context(self.browser, self.store.path(HAR_FILE) if self.runtime.capture_har else None)
        net: SiteNetwork | None = None
        try:
            accounts = await self._accounts(context)
            if self.sample is not None and accounts:
                accounts, self.facts.sample = draw_sample(accounts, self.sample)
            self.facts.accounts = [_facts(a, self._listed_in()) for a in accounts]
            self._merge_manual(accounts)
            scope = self._scope(accounts)
            net = self._network(scope)
            await context.add_init_script(settle_init_script(scope.hosts))
            await context.route("**/*", net.route)
            context.on("requestfinished", net.request_ended)
            context.on("requestfailed", net.request_ended)
            ctx = self._context(context, scope, net)
            wall = max(1.0, self.budget.left()) + self.runtime.budget_grace_s
            await asyncio.wait_for(self._read_all(ctx, accounts), wall)
        except TimeoutError:
            message = f"time budget of {self.site.limits.site_budget_s:g}s exhausted; the other accounts were not read"
            self.gathered.error(self.site.home, "site", "budget", message)
        except Exception as exc:  # one group's failure is recorded in its bundle and never stops the run
            self.gathered.error(self.site.home, "internal", "internal", f"{type(exc).__name__}: {exc}")
        finally:
            with contextlib.suppress(PlaywrightError):
                await asyncio.wait_for(context.close(), self.runtime.budget_grace_s)
        for account in self.facts.accounts:
            if account.state == "not_read" and account.error is None:
                account.error = NO_URL_ZH if not account.url else NOT_READ_ZH
        self.artifacts.errors += self.gathered.errors
        self.artifacts.warnings += self.gathered.warnings
        self.artifacts.pages_rendered += self.gathered.rendered
        # The registry page's requests first: the log is every request the group's audit sent.
        self.artifacts.requests = self.registry_requests + (net.log if net is not None else [])
        self.artifacts.requests_dropped = self.registry_requests_dropped + (net.dropped if net is not None else 0)
        return self.artifacts

    def _listed_in(self) -> str:
        if self.scenario.accounts_csv:
            return "csv"
        return "scenario" if self.scenario.accounts else "registry"

    def _context(self, browser_context: BrowserContext, scope: Scope, net: SiteNetwork) -> SiteContext:
        return site_context(
            scenario=self.scenario,
            options=self.options,
            settings=self.settings,
            runtime=self.runtime,
            policy=self.policy,
            budget=self.budget,
            scope=scope,
            store=self.store,
            browser_context=browser_context,
            net=net,
        )

    def _network(self, scope: Scope) -> SiteNetwork:
        return SiteNetwork(
            self.network,
            scope.hosts,
            block_offsite=self.options.block_offsite,
            deadline=self.budget.deadline,
            page_timeout_s=self.site.limits.page_timeout_s,
        )

    # ------------------------------------------------------------------------------------------- accounts

    async def _accounts(self, browser_context: BrowserContext) -> list[Account]:
        if self.scenario.accounts:
            return list(self.scenario.accounts)
        # The registry page is the group's only page of its own: it is read within its own scope.
        scope = Scope.of(self.site)
        net = self._network(scope)
        page = await browser_context.new_page()
        try:
            await page.add_init_script(settle_init_script(scope.hosts))
            await page.route("**/*", net.route)
            # A subresource holds one of its host's connections until its request ends: without these, a
            # registry page with more same-host styles, scripts and pictures than the host's connections
            # waits out the page timeout on the rest and never loads.
            page.on("requestfinished", net.request_ended)
            page.on("requestfailed", net.request_ended)
            ctx = self._context(browser_context, scope, net)
            visit = await ctx.visit(page, self.site.home, max_frames=0)
        finally:
            with contextlib.suppress(PlaywrightError):
                await page.close()
            self.registry_requests, self.registry_requests_dropped = net.log, net.dropped
        self.gathered.rendered += 1
        self.facts.registry_page = PageFacts(
            id="registry",
            url=self.site.home,
            final_url=visit.final_url,
            status=visit.status,
            fetched_by="browser",
            title=visit.title,
            kind="error" if visit.error else "list",
            error=visit.error,
            elapsed_ms=visit.elapsed_ms,
        )
        if visit.error:
            self.gathered.error(self.site.home, "home", visit.error_kind, visit.error)
            self.artifacts.unavailable["newmedia"] = f"账号登记页面无法访问({visit.error})"
            return []
        accounts: list[Account] = []
        for row in read_registry(visit.html, visit.final_url or self.site.home):
            try:
                accounts.append(
                    Account(
                        platform=row.platform,
                        name=row.name,
                        owner=row.owner or None,
                        group=row.group or None,
                        url=row.url,
                    )
                )
            except ValidationError as exc:
                self.gathered.warnings.append(f"账号登记页面中的一行无法使用({row.name}):{exc.errors()[0]['msg']}")
        if not accounts:
            self.artifacts.unavailable["newmedia"] = "账号登记页面中未识别出政务新媒体账号"
        return accounts

    def _merge_manual(self, accounts: list[Account]) -> None:
        manual = self.scenario.manual
        used: set[str] = set()
        for account, facts in zip(accounts, self.facts.accounts, strict=True):
            row = _manual_for(account, manual)
            if row is None:
                continue
            used.add(row.source)
            facts.manual = ManualEntry(
                latest_post=row.latest_post,
                latest_post_text=row.latest_post_text,
                checked_by=row.checked_by,
                checked_at=row.checked_at,
                note=row.note,
                source_file=row.source or "scenario manual",
            )
        self.facts.manual_entries = len(used)
        self.facts.manual_unmatched = [
            f"{row.source} {row.platform} {row.name or row.url}" for row in manual if row.source not in used
        ]

    async def _read_all(self, ctx: SiteContext, accounts: list[Account]) -> None:
        slots = asyncio.Semaphore(max(1, self.runtime.render_slots))

        async def one(account: Account, facts: AccountFacts) -> None:
            if not account.url:
                return
            async with slots:
                if self.budget.left() <= 0:
                    return
                try:
                    await self._read(ctx, account, facts)
                except Exception as exc:  # one account's failure is its own row, never the group's
                    facts.state, facts.error = "error", f"{type(exc).__name__}: {exc}"
                    self.gathered.error(account.url, "page", "internal", facts.error)
                if self.options.progress is not None:
                    done = sum(1 for f in self.facts.accounts if f.state != "not_read")
                    self.options.progress(self.site.id, done, len(self.facts.accounts))

        await asyncio.gather(*(one(a, f) for a, f in zip(accounts, self.facts.accounts, strict=True)))

    async def _read(self, ctx: SiteContext, account: Account, facts: AccountFacts) -> None:
        assert account.url is not None  # only accounts with a page are read
        adapter = ADAPTERS.get(account.platform)
        facts.adapter = adapter.platform if adapter is not None else None
        page_id = account_page_id(account)
        async with open_page(ctx.browser_context) as tab:
            visit = await ctx.visit(tab, account.url, max_frames=0)
            self.gathered.rendered += 1
            captured = now_in_shanghai()
            facts.captured_at = facts.reference_time = captured
            page = PageFacts(
                id=page_id,
                url=account.url,
                final_url=visit.final_url,
                status=visit.status,
                fetched_by="browser",
                title=visit.title,
                kind="content",
                elapsed_ms=visit.elapsed_ms,
            )
            facts.page = page
            if visit.error:
                facts.state, facts.error = "error", visit.error
                page.kind, page.error = "error", visit.error
                kind = ctx.net.refusal_of(account.url) or visit.error_kind
                self.gathered.error(account.url, "page", kind, visit.error)
                if visit.status is not None and not visit.timed_out:
                    await self._keep(tab, facts, page, always=True)
                return
            wait_for, scrolls = (adapter.wait_for, adapter.scroll_times) if adapter else (None, 0)
            html = await self._settled_html(tab, wait_for, scrolls) or visit.html
            declared = snapshot_time(visit.headers, html)
            if declared is not None:
                facts.reference_time, facts.reference_source = declared
                facts.source = "snapshot"
            if adapter is None:
                facts.state = "unknown"
                facts.state_evidence = f"平台“{account.platform}”没有适配器,无法识别发布内容"
            else:
                assert facts.reference_time is not None
                reading = read_account_page(
                    html,
                    adapter,
                    reference=facts.reference_time,
                    page_id=page_id,
                    base_url=visit.final_url or account.url,
                )
                facts.state, facts.state_evidence = reading.state, reading.state_evidence
                facts.posts, facts.page_account_name = reading.posts, reading.account_name
                facts.posts_generic = reading.generic
            await self._keep(tab, facts, page, html=html)

    @staticmethod
    async def _settled_html(tab: Page, wait_for: str | None, scrolls: int) -> str:
        with contextlib.suppress(PlaywrightError):
            if wait_for:
                # Posts or a wall: a page that shows neither in time is read as it is (and judged unknown). Any
                # visible match ends the wait: wait_for_selector watches only the first match of the list, and a
                # WeChat album keeps a hidden 请在微信客户端打开链接 box above its posts, so every album waited out
                # the whole timeout.
                with contextlib.suppress(PlaywrightError):
                    visible = tab.locator(wait_for).filter(visible=True).first
                    await visible.wait_for(state="visible", timeout=WAIT_FOR_POSTS_S * 1000)
            for _ in range(scrolls):
                await tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                await settle(tab)
            if scrolls:
                await tab.evaluate("window.scrollTo(0, 0)")
            return await tab.content()
        return ""

    async def _keep(
        self,
        tab: Page,
        facts: AccountFacts,
        page: PageFacts,
        *,
        html: str | None = None,
        always: bool = False,
    ) -> None:
        """The page's screenshot and rendered HTML, with every post's box, when it may back a finding."""
        if not self.options.evidence or not (always or self.policy.keep_account_screenshot(facts)):
            return
        shot = await screenshot(tab, self.runtime.screenshot_max_height)
        if not shot:
            return
        name = f"accounts/{page.id}"
        page.screenshot_path = self.store.write_bytes(f"{name}.png", shot)
        page.captured_at = now_in_shanghai()
        if self.runtime.capture_mhtml and (archive := await page_archive(tab)):
            page.archive_path = self.store.write_bytes(f"{name}.mhtml", archive)
        if html is not None:
            page.html_path = self.store.write_bytes(f"{name}.html", html.encode("utf-8"))
        nodes = [p.node for p in facts.posts[:MAX_POSTS_MEASURED] if p.node is not None and p.node.selector]
        rects = await element_rects(tab, [n.selector for n in nodes if n.selector])
        for node in nodes:
            if node.selector in rects:
                node.rect = rects[node.selector]
