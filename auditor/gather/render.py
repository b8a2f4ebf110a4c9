"""Rendering one page in the browser: navigate, let scripts settle, run scenario steps, snapshot.

Each URL gets a fresh page that is closed afterwards whatever happens (a page whose navigation failed
cannot be reused). The snapshot is the rendered DOM of the page and of its same-site frames, read by the
same pure extractors as HTTP-fetched HTML.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field

from playwright.async_api import BrowserContext, Frame, Page, Response
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from auditor.gather.network import MAX_REDIRECTS
from auditor.model.artifacts import Rect
from auditor.scenario import ClickStep, FrameStep, ScrollStep, Step, WaitForStep, WaitStep
from auditor.settings.runtime import RUNTIME

# Installed in every page before its scripts run: counts in-flight fetch/XHR and short timers, and the time
# of the last DOM mutation, so `settle` can tell when a JS-rendered list has arrived. Timers longer than 2 s
# (carousels, polling) are not waited for.
# Only requests to the site's own hosts are waited for: analytics beacons and long-polls elsewhere never end.
_SETTLE_TEMPLATE = """
(() => {
  if (window.__auditor) return;
  const state = window.__auditor = {requests: 0, timers: new Set(), lastMutation: Date.now()};
  const SCOPE = __SCOPE__;
  const inScope = (url) => {
    if (!SCOPE) return true;
    try { return SCOPE.includes(new URL(String(url), location.href).host.toLowerCase()); } catch (e) { return true; }
  };
  const origFetch = window.fetch;
  if (origFetch) window.fetch = function (...args) {
    const target = args[0] && args[0].url ? args[0].url : args[0];
    if (!inScope(target)) return origFetch.apply(this, args);
    state.requests++;
    return origFetch.apply(this, args).finally(() => { state.requests--; state.lastMutation = Date.now(); });
  };
  const origOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.__auditorUrl = url;
    return origOpen.call(this, method, url, ...rest);
  };
  const origSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    if (!inScope(this.__auditorUrl)) return origSend.apply(this, args);
    state.requests++;
    this.addEventListener('loadend', () => { state.requests--; state.lastMutation = Date.now(); });
    return origSend.apply(this, args);
  };
  const origSetTimeout = window.setTimeout, origClear = window.clearTimeout;
  // Timers set from timer callbacks nest; a chain deeper than a few links is a loop (carousel, ticker,
  // animation), not a list on its way, and is not waited for.
  let nesting = 0;
  window.setTimeout = function (fn, delay, ...rest) {
    let id;
    const depth = nesting + 1;
    const wrapped = function () {
      state.timers.delete(id);
      const outer = nesting;
      nesting = depth;
      try {
        // Old CMS scripts still pass code strings: run them as the browser would, in global scope.
        return typeof fn === 'function' ? fn.apply(this, rest) : (0, eval)(String(fn));
      } finally { nesting = outer; }
    };
    id = origSetTimeout.call(this, wrapped, delay);
    if ((delay || 0) <= 2000 && depth <= 3) state.timers.add(id);
    return id;
  };
  window.clearTimeout = function (id) { state.timers.delete(id); return origClear.call(this, id); };
  const watch = () => new MutationObserver(() => { state.lastMutation = Date.now(); })
    .observe(document.documentElement, {subtree: true, childList: true, characterData: true});
  if (document.documentElement) watch(); else document.addEventListener('DOMContentLoaded', watch);
  window.__auditorIdle = (quietMs) => state.requests <= 0 && state.timers.size === 0
    && Date.now() - state.lastMutation >= quietMs;
})();
"""
QUIET_MS = RUNTIME.settle_quiet_ms
VISIT_SLACK_S = 5.0  # snapshotting a large DOM, per scenario step; past this the page is taken as hung


def settle_init_script(hosts: Iterable[str] | None = None) -> str:
    """The settle hooks, waiting only for requests to `hosts` (host[:port]); None waits for every request."""
    scope = json.dumps(sorted(h.lower() for h in hosts)) if hosts is not None else "null"
    return _SETTLE_TEMPLATE.replace("__SCOPE__", scope)


@dataclass
class RenderedPage:
    url: str
    final_url: str | None = None
    status: int | None = None
    html: str = ""
    title: str = ""
    frames: list[tuple[str, str]] = field(default_factory=list)  # (frame URL, rendered HTML)
    read_frame_url: str | None = None  # set when scenario steps entered an iframe: html is that frame's
    error: str | None = None
    timed_out: bool = False
    elapsed_ms: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)  # the document's response headers (lower-case names)

    @property
    def error_kind(self) -> str:
        if self.timed_out:
            return "timeout"
        return "http_status" if self.status is not None and self.status >= 400 else "navigation"


async def settle(frame: Frame | Page, cap_ms: int = RUNTIME.settle_cap_ms) -> None:
    """Wait until no request or short timer is pending and the DOM has been quiet; give up at the cap."""
    with contextlib.suppress(PlaywrightError):
        await frame.wait_for_function(
            f"() => !window.__auditorIdle || window.__auditorIdle({QUIET_MS})", timeout=cap_ms, polling=50
        )


async def run_steps(page: Page, steps: tuple[Step, ...], timeout_ms: float) -> Frame | Page:
    """Scenario steps before reading (click a tab, enter an iframe, wait, scroll); returns the frame to read."""
    target: Frame | Page = page
    for step in steps:
        if isinstance(step, ClickStep):
            await target.locator(step.click).first.click(timeout=timeout_ms)
            await settle(target)
        elif isinstance(step, WaitForStep):
            await target.locator(step.wait_for).first.wait_for(timeout=timeout_ms)
        elif isinstance(step, FrameStep):
            handle = await target.locator(step.frame).first.element_handle(timeout=timeout_ms)
            frame = await handle.content_frame() if handle else None
            if frame is None:
                raise PlaywrightError(f"step frame: {step.frame} is not an iframe")
            await settle(frame)
            target = frame
        elif isinstance(step, ScrollStep):
            script = (
                "window.scrollTo(0, document.body.scrollHeight)"
                if step.scroll == "bottom"
                else f"window.scrollBy(0, {int(step.scroll)})"
            )
            await target.evaluate(script)
            await settle(target)
        elif isinstance(step, WaitStep):
            await page.wait_for_timeout(step.wait_ms)
    return target


@contextlib.asynccontextmanager
async def open_page(context: BrowserContext) -> AsyncIterator[Page]:
    page = await context.new_page()
    try:
        yield page
    finally:
        with contextlib.suppress(PlaywrightError):
            await page.close()


class PagePool:
    """A few reusable tabs per site context: opening a tab costs about as much as loading a page.

    A tab whose navigation failed is closed, never reused (Playwright cannot rely on its state), and every
    tab is replaced after `max_uses` loads so that per-tab memory does not pile up on long sites.
    """

    def __init__(self, context: BrowserContext, size: int, max_uses: int = RUNTIME.tab_max_uses) -> None:
        self.context = context
        self.max_uses = max_uses
        self.slots = asyncio.Semaphore(size)
        self.idle: list[tuple[Page, int]] = []

    @contextlib.asynccontextmanager
    async def tab(self) -> AsyncIterator[PooledTab]:
        async with self.slots:
            page, uses = self.idle.pop() if self.idle else (await self.context.new_page(), 0)
            pooled = PooledTab(page)
            try:
                yield pooled
            finally:
                if pooled.broken or uses + 1 >= self.max_uses or page.is_closed():
                    with contextlib.suppress(PlaywrightError):
                        await page.close()
                else:
                    self.idle.append((page, uses + 1))

    async def close(self) -> None:
        for page, _ in self.idle:
            with contextlib.suppress(PlaywrightError):
                await page.close()
        self.idle.clear()


@dataclass
class PooledTab:
    page: Page
    broken: bool = False  # set when its navigation failed: the tab is closed instead of reused


async def navigate(
    page: Page,
    url: str,
    *,
    timeout_s: float,
    steps: tuple[Step, ...] = (),
    max_frames: int = RUNTIME.max_frames_read,
    in_scope: Callable[[str], bool] | None = None,
    follow: Callable[[str], str | None] | None = None,
) -> RenderedPage:
    """Load, settle, run steps and snapshot one page; the whole visit ends within `timeout_s` plus the settle cap.

    Playwright's own timeouts cover navigation only: `content()` and `evaluate()` have none, and a page whose script
    loops (`while(true){}`) after load would hold them forever. So the visit as a whole has a wall-clock limit; a page
    that passes it is recorded as a timeout and its tab must be closed.

    `follow(url)` says where a navigation the route handler stopped at a redirect should go next (see
    `SiteNetwork._redirect`): each hop is loaded as a navigation of its own, so the route handler sees it.
    """
    started = time.monotonic()
    result = RenderedPage(url=url)
    limit = timeout_s + RUNTIME.settle_cap_ms / 1000 + VISIT_SLACK_S * (1 + len(steps))
    try:
        await asyncio.wait_for(_visit(page, url, result, timeout_s, steps, max_frames, in_scope, follow), limit)
    except TimeoutError:
        result.error, result.timed_out = f"timeout after {timeout_s:.0f}s: the page did not finish loading", True
    if result.error is None and result.status is not None and result.status >= 400:
        result.error = f"HTTP {result.status}"
    result.elapsed_ms = (time.monotonic() - started) * 1000
    return result


async def _visit(  # noqa: PLR0917 - the private half of navigate(), called once with its arguments
    page: Page,
    url: str,
    result: RenderedPage,
    timeout_s: float,
    steps: tuple[Step, ...],
    max_frames: int,
    in_scope: Callable[[str], bool] | None,
    follow: Callable[[str], str | None] | None,
) -> None:
    try:
        response = await _goto_following(page, url, timeout_s, follow)
        result.status = response.status if response is not None else None
        result.headers = dict(response.headers) if response is not None else {}
        result.final_url = page.url
        await settle(page)
        target = await run_steps(page, steps, timeout_s * 1000) if steps else page
        result.html = await target.content()
        result.title = await page.title()
        if target is page:
            # Only the site's own frames can hold its list, and only the first few are read: a page with 1,000
            # iframes once held a site for 89 s.
            frames = [f for f in page.frames[1:] if in_scope is None or in_scope(f.url)][:max_frames]
            for frame in frames:
                with contextlib.suppress(PlaywrightError):
                    result.frames.append((frame.url, await frame.content()))
        else:
            result.read_frame_url = target.url
    except PlaywrightTimeoutError as exc:
        result.error, result.timed_out = (
            f"timeout after {timeout_s:.0f}s: {exc.message.splitlines()[0]}",
            True,
        )
    except PlaywrightError as exc:
        result.error = f"navigation failed: {exc.message.splitlines()[0]}"


async def _goto_following(
    page: Page, url: str, timeout_s: float, follow: Callable[[str], str | None] | None
) -> Response | None:
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            return await page.goto(current, wait_until="load", timeout=timeout_s * 1000)
        except PlaywrightError:
            target = follow(current) if follow is not None else None
            if target is None:
                raise
            current = target
    raise PlaywrightError(f"redirect loop: more than {MAX_REDIRECTS} redirects from {url[:200]}")


SHOT_LIMIT_S = 30.0  # a screenshot or a box measurement of a page whose script hangs gives up after this


async def screenshot(page: Page, max_height: int = RUNTIME.screenshot_max_height) -> bytes | None:
    """Full-page PNG, cut at `max_height` so endless pages cannot exhaust memory; None when it cannot be taken."""
    try:
        return await asyncio.wait_for(_screenshot(page, max_height), SHOT_LIMIT_S)
    except TimeoutError:
        return None


async def _screenshot(page: Page, max_height: int) -> bytes | None:
    try:
        height = await page.evaluate("() => document.documentElement.scrollHeight")
        width = page.viewport_size["width"] if page.viewport_size else 1366
        if height and height > max_height:
            clip = {"x": 0, "y": 0, "width": width, "height": max_height}
            return await page.screenshot(full_page=True, clip=clip, timeout=30_000)  # type: ignore[arg-type]
        return await page.screenshot(full_page=True, timeout=30_000)
    except PlaywrightError:
        return None


async def page_archive(page: Page) -> bytes | None:
    """The page as one MHTML file (Chromium's own snapshot, frames and images included); None when it fails."""
    try:
        session = await page.context.new_cdp_session(page)
        try:
            snapshot = await asyncio.wait_for(session.send("Page.captureSnapshot", {"format": "mhtml"}), SHOT_LIMIT_S)
        finally:
            await session.detach()
    except (PlaywrightError, TimeoutError):
        return None
    data = snapshot.get("data")
    return data.encode("utf-8") if isinstance(data, str) else None


async def element_rect(page: Page, selector: str | None, frame_url: str | None = None) -> Rect | None:
    """Where the element sits on the full-page screenshot (frames included), or None."""
    if not selector:
        return None
    try:
        return await asyncio.wait_for(_element_rect(page, selector, frame_url), SHOT_LIMIT_S)
    except TimeoutError:
        return None


async def _element_rect(page: Page, selector: str, frame_url: str | None) -> Rect | None:
    frame: Frame | Page = page
    if frame_url:
        frame = next((f for f in page.frames if f.url == frame_url), page.main_frame)
    try:
        if await frame.locator(selector).count() == 0:
            return None  # gone (a panel replaced by the next tab's): no 2 s wait for it to appear
        locator = frame.locator(selector).first
        box = await locator.bounding_box(timeout=2000)
        # An empty list container has no height: outline the nearest ancestor that has one instead.
        for _ in range(3):
            if box is not None and box["width"] > 0 and box["height"] > 0:
                break
            locator = locator.locator("xpath=..")
            box = await locator.bounding_box(timeout=2000)
        scroll = await page.evaluate("() => [window.scrollX, window.scrollY]")
    except PlaywrightError:
        return None
    if box is None or box["width"] <= 0 or box["height"] <= 0:
        return None
    return Rect(x=box["x"] + scroll[0], y=box["y"] + scroll[1], width=box["width"], height=box["height"])


_BOXES = """(selectors) => {
  const out = {};
  for (const selector of selectors) {
    let node = null;
    try { node = document.querySelector(selector); } catch (e) { continue; }
    // An empty container has no height: the nearest ancestor that has one stands for it.
    for (let up = 0; node && up < 4; up++, node = node.parentElement) {
      const box = node.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) {
        out[selector] = [box.x + window.scrollX, box.y + window.scrollY, box.width, box.height];
        break;
      }
    }
  }
  return out;
}"""


async def element_rects(page: Page, selectors: list[str]) -> dict[str, Rect]:
    """Boxes of many elements of the main frame on the full-page screenshot, in one round trip."""
    if not selectors:
        return {}
    try:
        boxes = await asyncio.wait_for(page.evaluate(_BOXES, selectors), SHOT_LIMIT_S)
    except (TimeoutError, PlaywrightError):
        return {}
    return {s: Rect(x=b[0], y=b[1], width=b[2], height=b[3]) for s, b in boxes.items()}
