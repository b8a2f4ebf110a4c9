"""Benchmark: the auditor on the demo portal against a bare Playwright goto + extract loop, same run, same URLs.

    python bench/bench_demo.py [--repeat 3] [--as-of 2021-03-21]

Both sides launch one Chromium (the same binary), so launch cost is in both. The bare loop visits the home page,
every column list page, 办事指南 and 政策解读 page the audit judged and the documents those reach, with one page
in one context, and reads page.content() — what a hand-written Playwright script does. The auditor does all its
work: discovery, HTTP-first reading, rendering where needed, detail pages, judging, bundle writing (and, with
evidence on, screenshots and crops).
Prints pages/s for both and the ratio auditor/bare (target: >= 0.8 evidence off, >= 0.6 evidence on).
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
from datetime import date
from pathlib import Path

from playwright.async_api import async_playwright

from auditor import __version__
from auditor.demo.server import DemoServer, scenario_yaml
from auditor.gather.browser import LOCALE, TIMEZONE, find_chromium, launch_args
from auditor.pipeline import RunOptions, run_audits
from auditor.scenario import parse_scenario


async def bare_loop(urls: list[str]) -> float:
    started = time.perf_counter()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=find_chromium(playwright), args=launch_args())
        context = await browser.new_context(locale=LOCALE, timezone_id=TIMEZONE)
        page = await context.new_page()
        for url in urls:
            await page.goto(url, wait_until="load")
            await page.content()
        await context.close()
        await browser.close()
    return time.perf_counter() - started


async def audit(home_url: str, as_of: date, out: Path, *, evidence: bool) -> tuple[float, dict]:
    scenario = parse_scenario(scenario_yaml(home_url, as_of), "<bench>")
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
        # One warm-up audit gives the URL list (home, every judged column, every 办事指南 and 政策解读 page it
        # judged and the documents they reach) and warms caches for both sides.
        _, bundle = asyncio.run(audit(server.home_url, args.as_of, Path(tmp) / "warm", evidence=False))
        urls = [server.home_url] + [c["url"] for c in bundle["columns"]]
        urls += [g["url"] for g in bundle["guides"] if g["status"] == "judged"]
        urls += [i["url"] for i in bundle["interpretations"] if i["status"] != "not_judged"]
        urls += sorted({i["policy_url"] for i in bundle["interpretations"] if i["policy_url"]})
        times: dict[str, list[float]] = {"bare": [], "evidence off": [], "evidence on": []}
        for index in range(args.repeat):
            times["bare"].append(asyncio.run(bare_loop(urls)))
            for evidence in (False, True):
                label = "evidence on" if evidence else "evidence off"
                out = Path(tmp) / f"{label.replace(' ', '-')}-{index}"
                times[label].append(asyncio.run(audit(server.home_url, args.as_of, out, evidence=evidence))[0])
        stats = bundle["stats"]
    bare = statistics.median(times["bare"])
    print(f"auditor {__version__} bench, {date.today()}, Python {platform.python_version()}, {platform.machine()}")
    print(
        f"URLs: {len(urls)} (home, columns, guides, interpretations, their documents); audit rendered "
        f"{stats['pages_rendered']} pages and fetched {stats['pages_fetched']} over HTTP per run; "
        f"median of {args.repeat} runs"
    )
    print(f"{'mode':<14}{'seconds':>9}{'pages/s':>9}{'ratio':>8}")
    for label, values in times.items():
        seconds = statistics.median(values)
        ratio = bare / seconds
        rows.append((label, seconds, len(urls) / seconds, ratio))
        print(f"{label:<14}{seconds:>9.2f}{len(urls) / seconds:>9.1f}{ratio:>8.2f}")
    off, on = rows[1][3], rows[2][3]
    verdict = "meets" if off >= 0.8 and on >= 0.6 else "MISSES"
    print(f"target ratio >= 0.8 (evidence off) and >= 0.6 (evidence on): {verdict}")
    sys.exit(0)


if __name__ == "__main__":
    main()
