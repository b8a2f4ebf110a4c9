"""Plain HTTP fetches for pages that need no rendering (static CMS output, article pages).

An HTTP fetch plus lxml costs about a millisecond where a browser render costs a hundred; the gatherer
renders only what needs JavaScript or a screenshot.
"""

from __future__ import annotations

import asyncio
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from auditor import __version__
from auditor.extract.html import decode_html

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36 "
    f"auditor/{__version__}"
)
MAX_BODY = 8 * 1024 * 1024


@dataclass(frozen=True)
class HttpPage:
    url: str
    final_url: str
    status: int | None
    content_type: str | None
    text: str
    error: str | None
    timed_out: bool
    elapsed_ms: float

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400 and self.error is None

    @property
    def is_html(self) -> bool:
        return self.content_type is None or "html" in self.content_type.lower()


def fetch(url: str, *, timeout: float) -> HttpPage:
    started = time.monotonic()
    request = urllib.request.Request(
        url,
        headers={"User-Agent": USER_AGENT, "Accept-Language": "zh-CN,zh;q=0.9", "Accept": "text/html,*/*"},
    )
    status: int | None = None
    content_type = None
    final_url = url
    body = b""
    error = None
    timed_out = False
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
            final_url = response.geturl()
            content_type = response.headers.get("Content-Type")
            body = response.read(MAX_BODY)
    except urllib.error.HTTPError as exc:
        status = exc.code
        content_type = exc.headers.get("Content-Type") if exc.headers else None
        body = exc.read(MAX_BODY) if exc.fp else b""
        error = f"HTTP {exc.code}"
    except TimeoutError as exc:
        error, timed_out = f"timeout after {timeout:.0f}s: {exc}", True
    except urllib.error.URLError as exc:
        timed_out = isinstance(exc.reason, (TimeoutError, socket.timeout))
        error = f"timeout after {timeout:.0f}s" if timed_out else f"cannot connect: {exc.reason}"
    except (OSError, ValueError) as exc:
        error = f"{type(exc).__name__}: {exc}"
    text = decode_html(body, content_type) if body else ""
    elapsed = (time.monotonic() - started) * 1000
    return HttpPage(url, final_url, status, content_type, text, error, timed_out, elapsed)


async def fetch_async(url: str, *, timeout: float) -> HttpPage:  # noqa: ASYNC109 - the timeout is urllib's socket timeout
    return await asyncio.to_thread(fetch, url, timeout=timeout)
