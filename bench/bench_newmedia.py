"""Benchmark: the auditor on the demo's new-media group against a bare Playwright loop, same run, same pages.

    python bench/bench_newmedia.py [--repeat 3] [--as-of 2021-03-21]

The group is 青溪区政务新媒体 (auditor/demo/newmedia.py): the registry page 青溪区政务新媒体矩阵 and its 18 account
pages on the platforms' own hosts, served by one DemoServer. The auditor side is `auditor run`'s machinery
(auditor.pipeline.run_audits on the group's scenario): the registry rendered and read, every account page rendered
in its own tab, given its adapter's wait and scrolls, read, judged, the bundle written (and, with evidence on, the
screenshots of the accounts that are not plainly fresh and their outlined copies). The bare loop is what a
hand-written Playwright script does: one Chromium (the same binary, launched in both), one page, and for the
registry and each account page goto + content() + a full-page screenshot. It reaches the real-looking hosts by
fetching them from the demo server in a route handler (see mapped_route), as the auditor does through the
scenario's `resolve` map. Both sides launch their
browser, so launch cost is in both. Prints accounts/s for both and the ratio auditor/bare (bench_demo.py's layout).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from playwright.async_api import Route, async_playwright

from auditor import __version__
from auditor.demo import newmedia
from auditor.demo.hosts import DEMO_HOSTS
from auditor.demo.server import DemoServer, newmedia_scenario
from auditor.gather.browser import LOCALE, TIMEZONE, find_chromium, launch_args
from auditor.pipeline import RunOptions, run_audits
from auditor.scenario import parse_scenario


def resolver_rules(port: int) -> str:
    """Chromium's own form of the scenario's resolve map: every demo host's port 80 -> the demo server."""
    return ", ".join(f"MAP {host}:80 127.0.0.1:{port}" for host in DEMO_HOSTS)


def mapped_route(port: int) -> Callable[[Route], Awaitable[None]]:
    """A route handler fetching every demo host's page from the demo server with its own Host header.

    Resolver rules alone do not do: Chromium upgrades http://www.douyin.com to https (the domain is on its HSTS
    preload list), which a plain-HTTP local server cannot answer. Playwright's own fetch knows no HSTS; it is how
    the auditor reaches a resolved host too (auditor/gather/network.py). Redirects are handed to Chromium, whose
    resolver rules send the next hop (passport.weibo.com) to the server.
    """

    async def handle(route: Route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme != "http" or parts.hostname not in DEMO_HOSTS or (parts.port or 80) != 80:
            await route.continue_()
            return
        target = urlunsplit(("http", f"127.0.0.1:{port}", parts.path, parts.query, ""))
        headers = {**route.request.headers, "host": parts.netloc}
        await route.fulfill(response=await route.fetch(url=target, headers=headers, max_redirects=0))

    return handle


async def bare_loop(urls: list[str], port: int) -> float:
    started = time.perf_counter()
    async with async_playwright() as playwright:
        args = [*launch_args(), f"--host-resolver-rules={resolver_rules(port)}"]
        browser = await playwright.chromium.launch(executable_path=find_chromium(playwright), args=args)
        context = await browser.new_context(locale=LOCALE, timezone_id=TIMEZONE)
        await context.route("**/*", mapped_route(port))
        page = await context.new_page()
        for url in urls:
            await page.goto(url, wait_until="load")
            await page.content()
            await page.screenshot(full_page=True)
        await context.close()
        await browser.close()
    return time.perf_counter() - started


async def audit(port: int, as_of: date, out: Path, *, evidence: bool) -> tuple[float, dict]:
    scenario = parse_scenario(newmedia_scenario(port, as_of), "<bench>")
    options = RunOptions(as_of=as_of, out_dir=out, evidence=evidence, block_offsite=True)
    started = time.perf_counter()
    result = await run_audits([scenario], options)
    elapsed = time.perf_counter() - started
    outcome = result.outcomes[0]
    if outcome.bundle is None:
        raise SystemExit(f"audit failed: {outcome.error}")
    return elapsed, json.loads((outcome.bundle_dir / "bundle.json").read_text("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2021, 3, 21))
    args = parser.parse_args()
    rows = []
    with DemoServer(args.as_of) as server, tempfile.TemporaryDirectory() as tmp:
        # One warm-up audit checks the group reads as it should and warms caches for both sides.
        _, bundle = asyncio.run(audit(server.port, args.as_of, Path(tmp) / "warm", evidence=False))
        accounts = [a["url"] for a in bundle["accounts"] if a["url"]]
        if len(accounts) != len(newmedia.ACCOUNTS):
            raise SystemExit(f"the warm-up audit read {len(accounts)} accounts, not {len(newmedia.ACCOUNTS)}")
        urls = [newmedia.REGISTRY_URL, *accounts]
        times: dict[str, list[float]] = {"bare": [], "evidence off": [], "evidence on": []}
        for index in range(args.repeat):
            times["bare"].append(asyncio.run(bare_loop(urls, server.port)))
            for evidence in (False, True):
                label = "evidence on" if evidence else "evidence off"
                out = Path(tmp) / f"{label.replace(' ', '-')}-{index}"
                times[label].append(asyncio.run(audit(server.port, args.as_of, out, evidence=evidence))[0])
        stats = bundle["stats"]
        findings = len(bundle["findings"])
    bare = statistics.median(times["bare"])
    machine = f"Python {platform.python_version()}, {platform.machine()}"
    print(f"auditor {__version__} new-media bench, {date.today()}, {machine}")
    print(
        f"accounts: {len(accounts)} (+ the registry page; bare loop: goto + content + full-page screenshot each); "
        f"audit rendered {stats['pages_rendered']} pages per run, {findings} findings (screenshots with evidence on); "
        f"T = {args.as_of}; median of {args.repeat} runs"
    )
    print(f"{'mode':<14}{'seconds':>9}{'accts/s':>9}{'ratio':>8}")
    for label, values in times.items():
        seconds = statistics.median(values)
        ratio = bare / seconds
        rows.append((label, seconds, len(accounts) / seconds, ratio))
        print(f"{label:<14}{seconds:>9.2f}{len(accounts) / seconds:>9.2f}{ratio:>8.2f}")
    sys.exit(0)


if __name__ == "__main__":
    main()
