"""Running a coroutine from a test, whatever else the test process runs."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run on a thread of its own: the browser tests' sync Playwright keeps a loop running on the main
    thread for the rest of the session, and asyncio.run refuses to start beside it."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
