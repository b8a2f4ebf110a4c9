"""Finding and launching a usable Chromium.

Playwright's own build where installed; else Debian's chromium (/usr/lib/chromium/chromium, /usr/bin/chromium);
AUDITOR_CHROMIUM overrides both. The path is passed as executable_path: Playwright's channels do not find a
distribution build.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, BrowserContext, Playwright

from auditor.model.resolve import NO_RESOLVE, ResolveMap

ENV_VAR = "AUDITOR_CHROMIUM"
HAR_FILE = "network.har"  # in the site's bundle folder, with `auditor run --har`
SYSTEM_CHROMIUMS = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
# Playwright already passes --no-sandbox (as root), --disable-background-networking and friends. The machine's
# network is closed: QUIC probes and GPU initialisation only cost time and log noise.
EXTRA_ARGS = ("--disable-gpu", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage")
LOCALE = "zh-CN"
TIMEZONE = "Asia/Shanghai"
VIEWPORT = {"width": 1366, "height": 900}

INSTALL_HINT = (
    "no usable Chromium found. Install one with `scripts/setup.sh` (tries `python -m playwright install "
    "chromium`, else `apt-get install chromium fonts-noto-cjk`), or point AUDITOR_CHROMIUM at a chromium binary."
)


class BrowserNotFoundError(RuntimeError):
    pass


def _executable(path: str | Path) -> bool:
    candidate = Path(path)
    return candidate.is_file() and os.access(candidate, os.X_OK)


def _playwright_chromium(playwright: Playwright | None) -> str | None:
    if playwright is None:
        return None
    try:
        path = playwright.chromium.executable_path
    except Exception:
        return None
    return path if path and _executable(path) else None


def find_chromium(playwright: Playwright | None = None) -> str:
    """The Chromium binary to launch; raises BrowserNotFoundError with install instructions."""
    override = os.environ.get(ENV_VAR)
    if override:
        resolved = shutil.which(override) or override
        if not _executable(resolved):
            raise BrowserNotFoundError(f"{ENV_VAR}={override} is not an executable file; {INSTALL_HINT}")
        return resolved
    if (own := _playwright_chromium(playwright)) is not None:
        return own
    for path in SYSTEM_CHROMIUMS:
        if _executable(path):
            return path
    raise BrowserNotFoundError(INSTALL_HINT)


def launch_args() -> list[str]:
    return list(EXTRA_ARGS)


async def launch(playwright: Playwright, *, headless: bool = True, resolve: ResolveMap = NO_RESOLVE) -> Browser:
    args = launch_args()
    if resolve:
        # Chromium's own loads (scripts, images, frames' subresources) honour the run's --resolve mapping.
        args.append(f"--host-resolver-rules={resolve.chromium_rules()}")
    return await playwright.chromium.launch(executable_path=find_chromium(playwright), headless=headless, args=args)


async def new_site_context(browser: Browser, har_path: Path | None = None) -> BrowserContext:
    """A fresh context per site: zh-CN, Asia/Shanghai, no state shared between sites.

    With `har_path`, the context records every request of the site into a HAR (written when it closes): headers
    and timings, not bodies — the bodies that matter are the saved pages and screenshots."""
    har: dict[str, Any] = (
        {"record_har_path": str(har_path), "record_har_content": "omit", "record_har_mode": "full"} if har_path else {}
    )
    return await browser.new_context(
        **har,
        locale=LOCALE,
        timezone_id=TIMEZONE,
        viewport=VIEWPORT,  # type: ignore[arg-type]
        ignore_https_errors=True,  # expired certificates are a finding of their own, not a reason to stop
        extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"},
    )
