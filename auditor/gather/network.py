"""Every request a run makes goes through here: politeness, scope, size caps and one charset answer.

- robots.txt is read once per host per run and honoured (RFC 9309 reading for 2xx/4xx; an unreachable robots.txt
  is treated as allow, with a warning: a supervisor's audit must not stop on a broken robots.txt). Crawl-delay is
  honoured up to `max_crawl_delay_s`. `--ignore-robots` (a site's own supervisor) turns both off, on the record.
- At most `per_host_connections` HTTP fetches to one host at once, plus at most `render_slots` browser visits per
  site (a visit waits out the Crawl-delay before its timeout starts; its documents come through the route handler).
- The browser loads nothing outside the site's hosts except the allow-list (党政机关 badge, 找错 scripts).
- A document over `max_page_bytes` is aborted before Chromium parses it, and recorded as too large.
- A document whose header names no charset is served to Chromium with the charset `decide_charset` chose (BOM,
  header, meta anywhere in the head, UTF-8 trial, GB18030): the rendered DOM and the HTTP reading agree.
- Every request is logged (`artifacts.requests`, capped), so a bundle proves what was contacted.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import urllib.robotparser
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from playwright.async_api import APIResponse, Request, Route
from playwright.async_api import Error as PlaywrightError

from auditor.extract.html import decide_charset
from auditor.gather.http import HttpPage, fetch_async
from auditor.model.artifacts import RequestRecord
from auditor.model.resolve import NO_RESOLVE, ResolveMap
from auditor.settings.runtime import RUNTIME, RuntimeSettings

ROBOTS_AGENT = "auditor"
ROBOTS_MAX_BYTES = 512 * 1024
# Python codec names → the labels a Content-Type header uses.
_WEB_LABELS = {"utf_8": "utf-8", "utf-8": "utf-8", "utf-16-le": "utf-16le", "utf-16-be": "utf-16be"}


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


ROBOTS_REFUSAL = "disallowed by robots.txt"
OFFSITE_REFUSAL = "redirect outside the site's hosts (add the host to the scenario's scope to follow it)"
OFFSITE_FETCH_REFUSAL = "a host outside the site's (not contacted with --block-offsite; map it with --resolve)"
MAX_REDIRECTS = 10  # as urllib and Chromium: a longer chain is a loop


def refusal_kind(page: HttpPage) -> str | None:
    """Why an HTTP read was refused by the auditor itself (never worth retrying in the browser), or None."""
    error = page.error or ""
    if error.startswith(ROBOTS_REFUSAL):
        return "robots"
    if error.startswith((OFFSITE_REFUSAL, OFFSITE_FETCH_REFUSAL)):
        return "offsite"
    return "too_large" if page.too_large else None


def _refused(url: str, reason: str) -> HttpPage:
    return HttpPage(url, url, None, None, "", reason, timed_out=False, elapsed_ms=0.0)


@dataclass
class _HostState:
    slots: asyncio.Semaphore
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_note: str | None = None
    delay_s: float = 0.0
    last_start: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Network:
    """One per run: hosts are shared by sites (集约化 platforms put many sites on one host)."""

    def __init__(
        self, runtime: RuntimeSettings = RUNTIME, *, ignore_robots: bool = False, resolve: ResolveMap = NO_RESOLVE
    ) -> None:
        self.runtime = runtime
        self.ignore_robots = ignore_robots
        self.resolve = resolve
        self.hosts: dict[str, _HostState] = {}
        self._robots_lock = asyncio.Lock()
        # link_broken (gather/links.py): each linked URL is checked once per run, whichever site links it; the
        # check's task is kept here by key so later sites (and pages) share its answer.
        self.link_cache: dict[str, asyncio.Future[Any]] = {}

    def _state(self, host: str) -> _HostState:
        if host not in self.hosts:
            self.hosts[host] = _HostState(asyncio.Semaphore(self.runtime.per_host_connections))
        return self.hosts[host]

    async def _load_robots(self, url: str) -> _HostState:
        host = _host(url)
        state = self._state(host)
        if self.ignore_robots or state.robots is not None or state.robots_note is not None:
            return state
        async with self._robots_lock:
            if state.robots is not None or state.robots_note is not None:
                return state
            parts = urlsplit(url)
            robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
            async with state.slots:
                answer = await fetch_async(
                    robots_url, timeout=self.runtime.robots_timeout_s, max_bytes=ROBOTS_MAX_BYTES, resolve=self.resolve
                )
            parser = urllib.robotparser.RobotFileParser(robots_url)
            if answer.status is not None and 200 <= answer.status < 300 and answer.error is None:
                parser.parse(answer.text.splitlines())
                delay = parser.crawl_delay(ROBOTS_AGENT)
                if delay:
                    state.delay_s = min(float(delay), self.runtime.max_crawl_delay_s)
                    if float(delay) > self.runtime.max_crawl_delay_s:
                        state.robots_note = (
                            f"{host}: Crawl-delay {delay}s capped at {self.runtime.max_crawl_delay_s:g}s"
                        )
            elif answer.status is not None and 400 <= answer.status < 500:
                parser.parse([])  # RFC 9309: no robots.txt, no restriction
            else:
                parser.parse([])
                why = answer.error or answer.status
                state.robots_note = f"{host}: robots.txt unreachable ({why}); treated as allow"
            state.robots = parser
        return state

    async def allowed(self, url: str) -> bool:
        if self.ignore_robots:
            return True
        state = await self._load_robots(url)
        return state.robots is None or state.robots.can_fetch(ROBOTS_AGENT, url)

    def notes(self) -> list[str]:
        return [state.robots_note for state in self.hosts.values() if state.robots_note]

    async def _wait_crawl_delay(self, state: _HostState) -> None:
        if state.delay_s:
            async with state.lock:
                wait = state.last_start + state.delay_s - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                state.last_start = time.monotonic()

    @contextlib.asynccontextmanager
    async def pace(self, url: str) -> AsyncIterator[None]:
        """Wait out the host's Crawl-delay since the last request started, without taking a connection slot."""
        await self._wait_crawl_delay(self._state(_host(url)))
        yield

    def connection(self, url: str) -> asyncio.Semaphore:
        """One of the host's connections, without the Crawl-delay: for the requests of a page already paced."""
        return self._state(_host(url)).slots

    @contextlib.asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        """Hold one of the host's connections; wait out its Crawl-delay since the last request started."""
        state = self._state(_host(url))
        async with state.slots:
            await self._wait_crawl_delay(state)
            yield


class SiteNetwork:
    """One site's view of the run's network: its hosts, its request log, what was refused and why."""

    def __init__(
        self,
        network: Network,
        hosts: frozenset[str],
        *,
        block_offsite: bool = True,
        deadline: float | None = None,
        page_timeout_s: float = RUNTIME.page_timeout_s,
    ) -> None:
        self.network = network
        self.runtime = network.runtime
        self.hosts = hosts
        self.block_offsite = block_offsite
        self.deadline = deadline
        self.page_timeout_s = page_timeout_s
        self.log: list[RequestRecord] = []
        self.dropped = 0
        # url -> "robots" | "too_large" | "offsite": why the browser's load was aborted
        self.refused: dict[str, str] = {}
        self.redirects: dict[str, str] = {}  # url -> target of a main-frame redirect, for `navigate` to follow
        self._in_flight: dict[Request, asyncio.Event] = {}
        self._releases: set[asyncio.Future[None]] = set()

    def record(self, url: str, via: str, status: int | None, outcome: str) -> RequestRecord | None:
        if len(self.log) >= self.runtime.request_log_max:
            self.dropped += 1
            return None
        entry = RequestRecord(url=url, via=via, status=status, outcome=outcome)
        self.log.append(entry)
        return entry

    @staticmethod
    def _answered(entry: RequestRecord | None, status: int | None, outcome: str) -> None:
        if entry is not None:
            entry.status, entry.outcome = status, outcome  # type: ignore[assignment]

    async def fetch(self, url: str, *, timeout: float, max_bytes: int | None = None) -> HttpPage:  # noqa: ASYNC109
        """An HTTP GET within robots, the host's limits, the page cap and the site's budget.

        With offsite blocking on (the default), a host outside the site's that --resolve does not map is never
        contacted, whichever gatherer asks: the answer is a refusal, logged as blocked_offsite.
        """
        parts = urlsplit(url)
        if (
            self.block_offsite
            and parts.netloc.lower() not in self.hosts
            and self.network.resolve.rewrite(url) is None
            and parts.scheme in {"http", "https"}
        ):
            self.record(url, "http", None, "blocked_offsite")
            return _refused(url, OFFSITE_FETCH_REFUSAL)
        if not await self.network.allowed(url):
            self.record(url, "http", None, "robots")
            return _refused(url, ROBOTS_REFUSAL)
        loop = asyncio.get_running_loop()

        def check(target: str) -> str | None:  # called from the fetch's thread at each redirect
            answer = asyncio.run_coroutine_threadsafe(self.redirect_refusal(target), loop)
            return answer.result(timeout=self.runtime.robots_timeout_s + 1)

        async with self.network.slot(url):
            page = await fetch_async(
                url,
                timeout=timeout,
                deadline=self.deadline,
                max_bytes=max_bytes or self.runtime.max_page_bytes,
                redirect_check=check,
                resolve=self.network.resolve,
            )
        outcome = "timeout" if page.timed_out else "too_large" if page.too_large else "ok" if page.ok else "error"
        self.record(url, "http", page.status, outcome)
        return page

    def visit_slot(self, url: str) -> contextlib.AbstractAsyncContextManager[None]:
        """What a browser visit waits for before its timeout starts: the host's Crawl-delay only.

        Visits are not counted against `per_host_connections`: a site renders at most `render_slots` pages at once
        already, and a visit holding an HTTP connection slot through its settle time halved the audit's speed (bench).
        So a host sees at most per_host_connections HTTP fetches plus render_slots visits per site.
        """
        return self.network.pace(url)

    def refusal_of(self, url: str) -> str | None:
        return self.refused.get(url)

    def redirect_of(self, url: str) -> str | None:
        """Where the last main-frame navigation to `url` was redirected (the target passed `redirect_refusal`)."""
        return self.redirects.pop(url, None)

    async def redirect_refusal(self, target: str) -> str | None:
        """Why a redirect's target may not be loaded, or None: every hop of a chain is checked like a first URL.

        A redirect is how a site's link most often leaves its scope (a 集约化 platform, a retired domain), and
        neither urllib nor Chromium asks before following one.
        """
        parts = urlsplit(target)
        if parts.scheme not in {"http", "https"} or parts.netloc.lower() not in self.hosts:
            self.record(target, "redirect", None, "blocked_offsite")
            return OFFSITE_REFUSAL
        if not await self.network.allowed(target):
            self.record(target, "redirect", None, "robots")
            return ROBOTS_REFUSAL
        return None

    async def route(self, route: Route) -> None:
        """The browser context's route handler (every request of every page of the site)."""
        request = route.request
        url = request.url
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"}:
            await route.continue_()  # data:, blob: — nothing leaves the machine
            return
        host = parts.netloc.lower()
        if host not in self.hosts:
            if self.block_offsite and host.split(":")[0] not in self.runtime.offsite_allow:
                self.record(url, "browser", None, "blocked_offsite")
                await route.abort("blockedbyclient")
                return
            self.record(url, "browser", None, "passed")
            await self._continue(route, url)
            return
        if request.resource_type != "document":
            await self._subresource(route, url)
            return
        await self._document(route, url)

    async def _subresource(self, route: Route, url: str) -> None:
        """A script, style sheet, image or XHR of the site's own, within the host's connection limit.

        Chromium loads it (its cache and connection reuse are why a render costs what a bare loop costs; fetching
        each one through `route.fetch` cost 8 % of the audit's speed), and the connection is held until Chromium
        reports the request finished or failed — or, should neither event come, until the page timeout.
        """
        slots = self.network.connection(url)
        await slots.acquire()
        ended = self._in_flight.setdefault(route.request, asyncio.Event())
        release = asyncio.ensure_future(self._release_when(ended, slots))
        self._releases.add(release)
        release.add_done_callback(self._releases.discard)
        self.record(url, "browser", None, "passed")
        try:
            await self._continue(route, url)
        except PlaywrightError:
            ended.set()

    async def _release_when(self, ended: asyncio.Event, slots: asyncio.Semaphore) -> None:
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(ended.wait(), self.page_timeout_s)
        finally:
            slots.release()

    def request_ended(self, request: Request) -> None:
        """The context's requestfinished / requestfailed handler: gives back the connection a subresource held."""
        ended = self._in_flight.pop(request, None)
        if ended is not None:
            ended.set()

    def _timeout_ms(self) -> float:
        left = self.deadline - time.monotonic() if self.deadline else self.page_timeout_s
        return max(1000.0, min(self.page_timeout_s, left) * 1000)

    async def _document(self, route: Route, url: str) -> None:
        if not await self.network.allowed(url):
            self.refused[url] = "robots"
            self.record(url, "browser", None, "robots")
            await route.abort("blockedbyclient")
            return
        # Logged as it is sent: a document that never answers (the site's context closed on it first) stays on
        # the record as a timeout.
        entry = self.record(url, "browser", None, "timeout")
        try:
            # The visit waited out the Crawl-delay already (`visit_slot`); here only the connection is held.
            async with self.network.connection(url):
                response = await route.fetch(max_redirects=0, timeout=self._timeout_ms(), **self._mapped(route, url))
                body = await response.body()
        except PlaywrightError as exc:
            timed_out = "Timeout" in str(exc) or "timeout" in str(exc)
            self._answered(entry, None, "timeout" if timed_out else "error")
            with contextlib.suppress(PlaywrightError):
                await route.abort("timedout" if timed_out else "failed")
            return
        if 300 <= response.status < 400 and (location := response.headers.get("location")):
            self._answered(entry, response.status, "ok")
            await self._redirect(route, url, urljoin(url, location.strip()), response)
            return
        if len(body) > self.runtime.max_page_bytes:
            self.refused[url] = "too_large"
            self._answered(entry, response.status, "too_large")
            await route.abort("failed")
            return
        headers = dict(response.headers)
        content_type = headers.get("content-type", "")
        if "charset" not in content_type.lower() and ("html" in content_type.lower() or not content_type) and body:
            codec, _how = decide_charset(body, content_type or None)
            label = _WEB_LABELS.get(codec.lower(), codec.lower().replace("_", "-"))
            headers["content-type"] = f"{content_type or 'text/html'}; charset={label}"
        self._answered(entry, response.status, "ok" if response.status < 400 else "error")
        await route.fulfill(status=response.status, headers=headers, body=body)

    async def _continue(self, route: Route, url: str) -> None:
        """Let a request go on: Chromium loads it, or — for a host mapped by --resolve — it is fetched to the mapped
        address here and handed over. Chromium's --host-resolver-rules alone fail such loads (net::ERR_FAILED) once
        the page's document was fulfilled by the route handler, as every document is."""
        mapped = self._mapped(route, url)
        if not mapped:
            await route.continue_()
            return
        try:
            response = await route.fetch(max_redirects=0, timeout=self._timeout_ms(), **mapped)
        except PlaywrightError:
            with contextlib.suppress(PlaywrightError):
                await route.abort("failed")
            return
        await route.fulfill(response=response)

    def _mapped(self, route: Route, url: str) -> dict[str, Any]:
        """route.fetch's arguments for a mapped host (--resolve): Playwright's driver fetches documents itself and
        knows nothing of Chromium's resolver rules, so it is sent to the mapped address with the Host it names."""
        target = self.network.resolve.rewrite(url)
        if target is None:
            return {}
        return {"url": target, "headers": {**route.request.headers, "host": urlsplit(url).netloc}}

    async def _redirect(self, route: Route, url: str, target: str, response: APIResponse) -> None:
        """Chromium follows a fulfilled redirect without asking the route handler again, so none is handed over.

        A main-frame navigation is aborted and `navigate` loads the target itself, which comes back through here:
        every hop is checked, capped and charset-served like a first URL, and the page's URL is the target's. A
        frame's redirect is followed here hop by hop to check the chain, then handed to Chromium.
        """
        hops = [target]
        while True:
            refusal = await self.redirect_refusal(hops[-1])
            if refusal is not None:
                self.refused[url] = "robots" if refusal is ROBOTS_REFUSAL else "offsite"
                await route.abort("blockedbyclient")
                return
            if route.request.frame.parent_frame is None and route.request.is_navigation_request():
                self.redirects[url] = target
                await route.abort("aborted")
                return
            if len(hops) > MAX_REDIRECTS:
                await route.abort("failed")
                return
            try:
                async with self.network.connection(hops[-1]):
                    where = self._mapped(route, hops[-1]) or {"url": hops[-1]}
                    hop = await route.fetch(max_redirects=0, timeout=self._timeout_ms(), **where)
            except PlaywrightError:
                await route.abort("failed")
                return
            self.record(hops[-1], "redirect", hop.status, "ok" if hop.status < 400 else "error")
            location = hop.headers.get("location")
            if not (300 <= hop.status < 400 and location):
                break
            hops.append(urljoin(hops[-1], location.strip()))
        await route.fulfill(response=response)
