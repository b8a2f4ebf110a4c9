"""`link_broken`'s facts: every link and image of the home page and of a few inner pages, checked over HTTP.

No browser: a check is a HEAD, then a GET when the HEAD says nothing good (gov servers answer HEAD with 405, 501,
a 404 or a dropped connection where GET works), each within the link timeout (`limits.link_timeout_s`, else the
runtime's `link_timeout_s` cut to the page timeout), so a hanging link costs at most two timeouts and never holds
the run. A HEAD that times out is retried once with GET before the link is called a timeout. A page of the site's
own (in its scope, a URL without a file suffix or ending .html/.jsp/…) is checked with one capped GET instead: its
status and whether it is a soft 404 in one request, where HEAD + GET would cost two (a GET that times out is
retried once too).

- Each URL is checked once per run, whichever page or site links it: the check's task is kept on the run's
  `Network.link_cache` (keyed by how it is checked: the site's own hosts or offsite), and later askers share it.
- At most `per_host_connections` requests to one host at once (the run's host slots), at most `link_concurrency`
  link checks at once per run, at most `max_links_per_site` URLs per site (the rest are counted, not checked).
- The site's own hosts: robots.txt is honoured, a 200 HTML page in the site's scope is read (capped) to tell a
  soft 404 (a 200 whose title or h1 says 页面不存在: `values.soft_404_pattern`, the test `follow_answer` applies,
  less a "404" inside a longer word or number: G404国道, 〔2021〕404号).
- Other hosts: status only (`--external-links check`), or not at all (`skip`). With `--block-offsite` (the
  default) a host outside the site's hosts that the resolve map does not name is never contacted: its links, and
  redirects to it, are `skipped` with the reason. No scope refusal applies to them otherwise.
- Every hop of a redirect chain is recorded (urllib follows it; the hops' own 3xx codes are not seen, their
  status is None); a chain back to a URL already in it is a loop (broken), as is urllib's own limit of 10.
- Outcomes: ok; broken (4xx/5xx, DNS name not found, a chain ending in an error, a loop); refused (connection
  refused); soft_404; timeout; blocked (a bot-blocking status, `values.link_blocking_statuses`, for review);
  skipped (not contacted: offsite, --external-links skip, the site's budget); unverified (robots.txt, a reset, a
  TLS or resolver failure: no answer that says anything about the link).

Requests are logged in the site's request log like every other (a bundle proves what was contacted). They run on
threads of their own (`link_concurrency` per run), so hanging links never starve the run's other HTTP reads.
"""

from __future__ import annotations

import asyncio
import functools
import re
import weakref
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from auditor.extract.html import is_file_url, normalise_space, parse
from auditor.extract.links import page_links, wire_url
from auditor.gather.context import Gathered, SiteContext
from auditor.gather.extra import ExtraPages, extra_page_id, follow_answer, inner_pages
from auditor.gather.http import HttpPage, fetch
from auditor.gather.network import Network
from auditor.model.artifacts import (
    CheckedLink,
    ColumnFacts,
    LinkCheck,
    LinkFacts,
    LinkHop,
    LinkOutcome,
    LinkSeen,
    NodeRef,
    PageFacts,
)

HOME_PAGE_ID = "home"
LinkPage = tuple[str, str | None, str]  # (page URL, page id, HTML)
Method = Literal["HEAD", "GET"]

# Bytes read of a GET: an offsite answer (its status is all that counts), and an in-scope HTML page (enough for
# its <title> and <h1>: a soft-404 page is small; a bigger page is taken as the page it says it is).
GET_BYTES = 64 * 1024
SOFT_404_BYTES = 256 * 1024
BUDGET_MARGIN_S = 5.0  # link checks stop this long before the site's budget ends, keeping what they found

NOT_CONTACTED = "offsite host not contacted (--block-offsite): map it with --resolve or scope to check it"
EXTERNAL_SKIPPED = "offsite link not checked (--external-links skip)"
BUDGET_SKIPPED = "not checked: the site's time budget ran out"
ROBOTS = "disallowed by robots.txt"
LOOP = "redirect loop"
# A number after 第 or 〕, or before 号/条/期…, is a document number or a count, never an error code.
NUMBER_BEFORE = frozenset("第〕]")
NUMBER_AFTER = frozenset("号条次期届项件")
FINDING_SEVERITIES = frozenset({"deduction", "warning", "needs_review"})  # link_outcome_severity's, not "none"


@dataclass
class _RunState:
    """Per run (the Network is the run's): link checks in flight at once, and the threads they run on.

    Link checks have threads of their own: on the default executor (a handful of threads on 2 cores) a few hanging
    links would hold every thread the run's other HTTP reads need, for up to two link timeouts each.
    """

    slots: asyncio.Semaphore
    pool: ThreadPoolExecutor


_RUNS: weakref.WeakKeyDictionary[Network, _RunState] = weakref.WeakKeyDictionary()


@dataclass
class _Attempt:
    method: Method
    page: HttpPage
    hops: list[str] = field(default_factory=list)  # redirect targets, in order
    stop: str | None = None  # why a redirect was not followed: loop | robots | offsite


@dataclass
class LinkAnswer:
    """What checking one URL found, shared by every page and site linking it."""

    outcome: LinkOutcome
    status: int | None = None
    chain: list[LinkHop] = field(default_factory=list)
    final_url: str | None = None
    error: str | None = None
    elapsed_ms: float = 0.0


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _run_state(network: Network, size: int) -> _RunState:
    if network not in _RUNS:
        size = max(1, size)
        pool = ThreadPoolExecutor(max_workers=size, thread_name_prefix="link-check")
        _RUNS[network] = _RunState(asyncio.Semaphore(size), pool)
        weakref.finalize(network, pool.shutdown, wait=False)
    return _RUNS[network]


class LinkChecker:
    def __init__(
        self,
        ctx: SiteContext,
        gathered: Gathered,
        *,
        external: Literal["check", "skip"] = "check",
        cache: dict[str, asyncio.Future[LinkAnswer]] | None = None,
    ) -> None:
        self.ctx = ctx
        self.gathered = gathered
        self.external = external
        self.network = ctx.net.network
        self.cache: dict[str, asyncio.Future[LinkAnswer]] = self.network.link_cache if cache is None else cache
        # The scenario's link timeout; else the runtime's, never longer than a page's (a scenario that gives pages
        # 3 s does not wait 10 s for a link).
        limits = ctx.site.limits
        default = min(ctx.runtime.link_timeout_s, limits.page_timeout_s)
        self.timeout = float(limits.link_timeout_s if limits.link_timeout_s is not None else default)
        self.blocking = frozenset(int(s) for s in ctx.settings.value("link_blocking_statuses"))
        severities = dict(ctx.settings.value("link_outcome_severity"))
        self.finding_outcomes = frozenset(o for o, s in severities.items() if s in FINDING_SEVERITIES)
        self.soft_404 = re.compile(ctx.settings.value("soft_404_pattern"), re.IGNORECASE)
        self.run = _run_state(self.network, ctx.runtime.link_concurrency)

    # -- which pages ---------------------------------------------------------------------------------

    async def sample(self, pages: ExtraPages, columns: list[ColumnFacts]) -> list[LinkPage]:
        """Up to `link_inner_pages` inner pages, fetched over HTTP: column list pages and one article of each
        column, alternately, in the columns' order; pages in the site's scope only."""
        limit = self.ctx.runtime.link_inner_pages
        picked = inner_pages(columns, self.ctx.site.home, self.ctx.in_scope)[:limit]
        answers = await asyncio.gather(*(pages.fetch(url) for url in picked))
        return [
            (answer.final_url or url, extra_page_id("links", url), answer.text)
            for url, answer in zip(picked, answers, strict=True)
            if answer.ok and answer.is_html and answer.text
        ]

    # -- checking ------------------------------------------------------------------------------------

    async def check(self, pages: list[LinkPage]) -> LinkFacts:
        """Check every link and image of the pages (home first), each URL once."""
        facts = LinkFacts(pages=[url for url, _, _ in pages], external=self.external)
        found: dict[str, list[LinkSeen]] = {}
        over: set[str] = set()
        limit = self.ctx.runtime.max_links_per_site
        for page_url, page_id, html in pages:
            for link in page_links(html, page_url):
                node = (
                    NodeRef(page_id=page_id, selector=link.selector, snippet=(link.text or link.href)[:200])
                    if page_id
                    else None
                )
                seen = LinkSeen(page_url=page_url, page_id=page_id, text=link.text, tag=link.tag, node=node)
                if link.url in found:
                    found[link.url].append(seen)
                elif len(found) < limit:
                    found[link.url] = [seen]
                else:
                    over.add(link.url)
        facts.skipped = len(over)
        tasks = {url: asyncio.ensure_future(self.answer(url)) for url in found}
        if tasks:
            wait = max(1.0, self.ctx.budget.left() - BUDGET_MARGIN_S)
            _done, pending = await asyncio.wait(tasks.values(), timeout=wait)
            for task in pending:
                task.cancel()
        for url, seen_on in found.items():
            task = tasks[url]
            answer = (
                task.result()
                if task.done() and not task.cancelled() and task.exception() is None
                else LinkAnswer("skipped", error=BUDGET_SKIPPED)
            )
            facts.checks.append(
                LinkCheck(
                    url=url,
                    offsite=self.offsite(url),
                    outcome=answer.outcome,
                    status=answer.status,
                    chain=[hop.model_copy() for hop in answer.chain],
                    final_url=answer.final_url,
                    error=answer.error,
                    elapsed_ms=answer.elapsed_ms,
                    seen_on=seen_on,
                )
            )
        return facts

    def offsite(self, url: str) -> bool:
        return _host(url) not in self.ctx.in_scope.hosts

    def contactable(self, url: str) -> bool:
        """May the auditor send a request to this URL's host at all (--block-offsite keeps to the site's hosts
        and the hosts the resolve map serves locally)."""
        if not self.ctx.options.block_offsite or _host(url) in self.ctx.net.hosts:
            return True
        return self.network.resolve.rewrite(url) is not None

    async def answer(self, url: str) -> LinkAnswer:
        """The URL's answer: from the run's cache, or checked now (and cached for the run)."""
        offsite = self.offsite(url)
        if offsite and self.external == "skip":
            return LinkAnswer("skipped", error=EXTERNAL_SKIPPED)
        if not self.contactable(url):
            self.ctx.net.record(url, "http", None, "blocked_offsite")
            return LinkAnswer("skipped", error=NOT_CONTACTED)
        key = f"{'offsite' if offsite else 'site'} {url}"
        task = self.cache.get(key)
        if task is None or (task.done() and (task.cancelled() or task.exception() is not None)):
            task = asyncio.ensure_future(self._checked(url, offsite))
            self.cache[key] = task
        # Shielded: a site cut off at its budget must not cancel a check another site is waiting for.
        return await asyncio.shield(task)

    async def _checked(self, url: str, offsite: bool) -> LinkAnswer:
        try:
            async with self.run.slots:
                return await self._check(url, offsite)
        except Exception as exc:  # one link's failure is its own answer, never the site's
            return LinkAnswer("unverified", error=f"internal error: {type(exc).__name__}: {exc}")

    async def _check(self, url: str, offsite: bool) -> LinkAnswer:
        if not offsite and not await self.network.allowed(url):
            self.ctx.net.record(url, "http", None, "robots")
            return LinkAnswer("unverified", error=ROBOTS)
        # A page of the site's own is read with one GET (its status and whether it is a soft 404 in one request);
        # anything else starts with HEAD.
        page_first = not offsite and self.ctx.in_scope(url) and _page_like(url)
        get_bytes = GET_BYTES if offsite else SOFT_404_BYTES
        attempts = [await self._request(url, "GET" if page_first else "HEAD", get_bytes if page_first else GET_BYTES)]
        outcome, error = self._outcome(attempts[-1])
        if self._retry(attempts[-1], outcome, error):
            attempts.append(await self._request(url, "GET", get_bytes))
            outcome, error = self._outcome(attempts[-1])
        last = attempts[-1]
        if outcome == "ok" and not offsite:
            outcome, last = await self._soft_404(url, last, attempts)
        chain = [hop for attempt in attempts for hop in _hops(url, attempt)]
        return LinkAnswer(
            outcome,
            status=last.page.status,
            chain=chain,
            final_url=last.page.final_url or url,
            error=error,
            elapsed_ms=sum(attempt.page.elapsed_ms for attempt in attempts),  # the requests, not the queue
        )

    async def _soft_404(self, url: str, last: _Attempt, attempts: list[_Attempt]) -> tuple[LinkOutcome, _Attempt]:
        """A 200 HTML page of the site's own, read to see whether it says it is missing."""
        final = last.page.final_url or url
        if not last.page.is_html or not self.ctx.in_scope(final) or is_file_url(final):
            return "ok", last
        if last.method == "HEAD":
            read = await self._request(url, "GET", SOFT_404_BYTES)
            attempts.append(read)
            if self._outcome(read)[0] != "ok":
                return "ok", last  # the HEAD answered; a failed second read says nothing against it
            last = read
        page = last.page
        if page.truncated or not page.text:
            return "ok", last
        probe = CheckedLink(text="", href=url, url=url)
        follow_answer(probe, page, self.soft_404)
        if probe.target_kind != "soft_404" or not says_missing(page.text, self.soft_404):
            return "ok", last
        return "soft_404", last

    async def _request(self, url: str, method: Method, max_bytes: int) -> _Attempt:
        """One HEAD or GET with its redirect chain, within the host's slots and the link timeout."""
        loop = asyncio.get_running_loop()
        attempt = _Attempt(method, page=HttpPage(url, url, None, None, "", None, timed_out=False, elapsed_ms=0.0))
        visited = {url, wire_url(url)}

        def check(target: str) -> str | None:  # called from the fetch's thread before each redirect
            attempt.hops.append(target)
            if target in visited:
                attempt.stop = "loop"
                return LOOP
            visited.add(target)
            if _host(target) in self.ctx.net.hosts:
                allowed = asyncio.run_coroutine_threadsafe(self.network.allowed(target), loop)
                if not allowed.result(timeout=self.ctx.runtime.robots_timeout_s + 1):
                    attempt.stop = "robots"
                    return ROBOTS
            elif not self.contactable(target):
                attempt.stop = "offsite"
                return NOT_CONTACTED
            return None

        request = functools.partial(
            fetch,
            wire_url(url),
            timeout=self.timeout,
            max_bytes=max_bytes,
            redirect_check=check,
            resolve=self.network.resolve,
            method=method,
        )
        async with self.network.slot(url):
            # A cancelled check leaves its thread to end by the link timeout (fetch's own wall clock).
            attempt.page = await loop.run_in_executor(self.run.pool, request)
        self._log(url, attempt)
        return attempt

    def _log(self, url: str, attempt: _Attempt) -> None:
        page = attempt.page
        first_status = page.status if not attempt.hops else None
        if attempt.hops:
            self.ctx.net.record(url, "http", None, "ok")
            for index, hop in enumerate(attempt.hops):
                last = index == len(attempt.hops) - 1
                if last and attempt.stop in {"offsite", "robots"}:
                    self.ctx.net.record(
                        hop, "redirect", None, "blocked_offsite" if attempt.stop == "offsite" else "robots"
                    )
                elif last and attempt.stop is None:
                    self.ctx.net.record(hop, "redirect", page.status, _log_outcome(page))
                else:
                    self.ctx.net.record(hop, "redirect", None, "ok")
        else:
            self.ctx.net.record(url, "http", first_status, _log_outcome(page))

    def _outcome(self, attempt: _Attempt) -> tuple[LinkOutcome, str | None]:
        page = attempt.page
        error = page.error
        if attempt.method == "HEAD" and error and error.startswith("incomplete body: 0 of"):
            error = None  # a HEAD answer has no body whatever its Content-Length says
        if attempt.stop == "loop" or (error or "").startswith(LOOP):
            return "broken", LOOP
        if attempt.stop == "offsite":
            return "skipped", f"redirected to {attempt.hops[-1]}: {NOT_CONTACTED}"
        if attempt.stop == "robots":
            return "unverified", f"redirected to {attempt.hops[-1]}: {ROBOTS}"
        if page.status is not None:
            if page.status >= 400:
                return ("blocked" if page.status in self.blocking else "broken"), f"HTTP {page.status}"
            if error and not page.truncated:
                return "unverified", error  # an answer cut short: says nothing about the link
            return "ok", None
        if page.timed_out:
            return "timeout", error
        error = error or "no answer"
        if "refused" in error.lower():
            return "refused", error
        if error.startswith("cannot resolve host") and "temporary failure" not in error.lower():
            return "broken", error
        return "unverified", error

    @staticmethod
    def _retry(attempt: _Attempt, outcome: LinkOutcome, error: str | None) -> bool:
        """Whether an answer is worth a GET: a HEAD's, unless it is good, a refusal to connect, a name that does
        not exist or a redirect the auditor itself would not follow; a GET's only when it timed out (once)."""
        if attempt.method == "GET":
            return outcome == "timeout"
        if outcome in {"ok", "refused", "skipped"} or attempt.stop is not None:
            return False
        return not (outcome == "broken" and error is not None and error.startswith("cannot resolve host"))

    # -- evidence ------------------------------------------------------------------------------------

    def is_finding(self, check: LinkCheck) -> bool:
        return check.outcome in self.finding_outcomes

    async def evidence(self, pages: ExtraPages, facts: LinkFacts) -> list[PageFacts]:
        """Render each inner page that is the first to show a link a finding is about, measuring those links.

        The home page is measured by the site gatherer (page id "home"); inner pages are rendered here only when
        evidence is kept and a finding needs them. The links are found again in the rendered DOM by their URL
        (a selector read from the HTTP HTML may not match it: Chromium adds <tbody>, scripts add blocks), and
        their nodes take the rendered DOM's selectors and boxes.
        """
        if not self.ctx.options.evidence:
            return []
        wanted: dict[str, tuple[str, list[LinkCheck]]] = {}
        for check in facts.checks:
            if not self.is_finding(check) or not check.seen_on:
                continue
            first = check.seen_on[0]
            if first.page_id is None or first.page_id == HOME_PAGE_ID or first.node is None:
                continue
            wanted.setdefault(first.page_id, (first.page_url, []))[1].append(check)
        rendered: list[PageFacts] = []

        async def one(page_id: str, url: str, checks: list[LinkCheck]) -> None:
            chosen: dict[str, str] = {}  # link URL -> its selector in the rendered DOM

            def measure(snapshots: list[str], final_url: str) -> list[str]:
                in_dom = {link.url: link.selector for link in page_links(snapshots[-1], final_url)}
                chosen.update({c.url: in_dom[c.url] for c in checks if c.url in in_dom})
                return list(chosen.values())

            result = await pages.render(url, measure=measure)
            rendered.append(pages.rendered_page(page_id, result))
            for check in checks:
                for seen in check.seen_on:
                    if seen.page_id != page_id or seen.node is None or check.url not in chosen:
                        continue
                    seen.node.selector = chosen[check.url]
                    seen.node.rect = result.rects.get(chosen[check.url])

        await asyncio.gather(*(one(page_id, url, checks) for page_id, (url, checks) in wanted.items()))
        return rendered


PAGE_SUFFIXES = frozenset({"", "html", "htm", "shtml", "xhtml", "jsp", "jspx", "asp", "aspx", "php", "do", "action"})


def _page_like(url: str) -> bool:
    """A URL that names a page (no suffix, .html, .jsp…), not a file or an image."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return (name.rsplit(".", 1)[-1].lower() if "." in name else "") in PAGE_SUFFIXES


def says_missing(html: str, pattern: re.Pattern[str]) -> bool:
    """follow_answer's soft-404 reading (the page's title and first h1 match `values.soft_404_pattern`), less the
    matches that are part of a longer word or number: "404" in "G404国道", "14045" or "〔2021〕404号" is a title's."""
    doc = parse(html)
    heading = doc.find(".//h1")
    title = doc.findtext(".//title") or ""
    shown = normalise_space(" ".join([title, heading.text_content() if heading is not None else ""]))[:200]
    return any(not _inside_a_word(match, shown) for match in pattern.finditer(shown))


def _inside_a_word(match: re.Match[str], text: str) -> bool:
    found = match.group()
    if not found.isascii():
        return False
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()):
        return True
    return found.isdigit() and (before in NUMBER_BEFORE or after in NUMBER_AFTER)


def _hops(url: str, attempt: _Attempt) -> list[LinkHop]:
    """The attempt's chain: its URL, then each redirect target (urllib follows them with GET)."""
    page = attempt.page
    urls = [url, *attempt.hops]
    hops: list[LinkHop] = []
    for index, hop in enumerate(urls):
        last = index == len(urls) - 1
        status = page.status if last and attempt.stop is None else None
        hops.append(LinkHop(url=hop, status=status, method=attempt.method if index == 0 else "GET"))
    return hops


def _log_outcome(page: HttpPage) -> str:
    if page.timed_out:
        return "timeout"
    if page.too_large:
        return "too_large"
    return "ok" if page.status is not None and page.status < 400 else "error"


async def gather_links(
    ctx: SiteContext,
    pages: ExtraPages,
    gathered: Gathered,
    *,
    home_url: str,
    home_html: str,
    columns: list[ColumnFacts],
) -> tuple[LinkFacts, list[PageFacts]]:
    """The site gatherer's one call: sample inner pages, check every link, render evidence for findings."""
    checker = LinkChecker(ctx, gathered, external=ctx.options.external_links)
    sampled = await checker.sample(pages, columns)
    facts = await checker.check([(home_url, HOME_PAGE_ID, home_html), *sampled])
    evidence: list[PageFacts] = []
    try:
        evidence = await checker.evidence(pages, facts)
    except Exception as exc:  # evidence is a bonus: its failure never costs the facts
        gathered.error(home_url, "evidence", "internal", f"link evidence: {type(exc).__name__}: {exc}")
    return facts, evidence


__all__ = ["HOME_PAGE_ID", "LinkAnswer", "LinkChecker", "gather_links"]
