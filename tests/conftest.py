"""Shared fixtures: a usable Chromium for pytest-playwright, and the demo site served on 127.0.0.1."""

from __future__ import annotations

from datetime import date

import pytest

from auditor.gather.browser import LOCALE, TIMEZONE, find_chromium, launch_args

# The notice's own monitoring point: 监测时间点2021年3月21日, two weeks = 3月8日–3月21日.
NOTICE_T = date(2021, 3, 21)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, playwright):
    """pytest-playwright launches our Chromium: Playwright's own where installed, else Debian's."""
    return {
        **browser_type_launch_args,
        "executable_path": find_chromium(playwright),
        "args": [*browser_type_launch_args.get("args", []), *launch_args()],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": LOCALE, "timezone_id": TIMEZONE}


@pytest.fixture(scope="session")
def as_of() -> date:
    return NOTICE_T


@pytest.fixture(scope="session")
def demo_server(as_of):
    from auditor.demo.server import DemoServer

    with DemoServer(as_of) as server:
        yield server
