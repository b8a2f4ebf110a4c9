"""Printing reports to PDF with Chromium: A4, CJK fonts embedded, page numbers, nothing fetched but the run's files.

Reports themselves never touch a browser (they read bundles only); this module sits above them and turns their
HTML into PDF. Every request the page makes is answered from the local files of the run or refused, so a report
printed on an open network loads nothing from outside — even if a template ever linked out by mistake.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Dialog, PdfMargins, Route, async_playwright

from auditor.gather.browser import launch, new_site_context
from auditor.store import atomic_write

FOOTER = (
    "<div style=\"width:100%;font-size:8pt;color:#555;text-align:center;font-family:'Noto Sans CJK SC',sans-serif\">"
    '第 <span class="pageNumber"></span> 页,共 <span class="totalPages"></span> 页</div>'
)
MARGIN: PdfMargins = {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}
PRINT_TIMEOUT_MS = 60_000


@dataclass
class PrintLog:
    """What the page asked for while printing: refused requests are a template bug (tests assert none)."""

    loaded: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


def _inside(url: str, roots: list[Path]) -> bool:
    if not url.startswith("file://"):
        return False
    try:
        path = Path(url.removeprefix("file://").split("?", 1)[0].split("#", 1)[0]).resolve()
    except (OSError, ValueError):
        return False
    return any(root == path or root in path.parents for root in roots)


async def _print_all(jobs: list[tuple[Path, Path]], roots: list[Path], log: PrintLog) -> None:
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            context = await new_site_context(browser)
            await context.set_offline(True)

            async def guard(route: Route) -> None:
                url = route.request.url
                if _inside(url, roots):
                    log.loaded.append(url)
                    await route.continue_()
                else:
                    log.refused.append(url)
                    await route.abort("blockedbyclient")

            await context.route("**/*", guard)
            for html, pdf in jobs:
                page = await context.new_page()

                async def refuse(dialog: Dialog) -> None:
                    log.dialogs.append(dialog.message)
                    await dialog.dismiss()

                page.on("dialog", refuse)
                page.on("console", lambda message: log.console.append(message.text))
                try:
                    await page.goto(html.resolve().as_uri(), wait_until="load", timeout=PRINT_TIMEOUT_MS)
                    await page.emulate_media(media="print")
                    data = await page.pdf(
                        format="A4",
                        print_background=True,
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=FOOTER,
                        margin=MARGIN,
                    )
                finally:
                    await page.close()
                atomic_write(pdf, data)
            await context.close()
        finally:
            await browser.close()


def print_pdfs(jobs: list[tuple[Path, Path]], *, roots: list[Path]) -> PrintLog:
    """Print each (html, pdf) pair; only files under `roots` (the run folders) may be loaded."""
    log = PrintLog()
    if not jobs:
        return log
    resolved = [root.resolve() for root in roots]
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(_print_all(jobs, resolved, log))
    else:
        # Called from inside an event loop (a caller's own Playwright session): print on a thread of its own.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, _print_all(jobs, resolved, log)).result()
    return log
