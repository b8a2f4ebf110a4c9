"""One answer of a demo site, and the helpers every demo site builds its answers with.

Pure values: a page function returns text, these helpers encode it and pick the headers, the server sends it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    content_type: str
    body: bytes
    # Seconds the server holds the answer back (faulty test sites hang; the demo itself never does).
    delay_s: float = 0.0
    location: str | None = None  # for redirects
    # Further response headers, sent after the standard ones: an archived account page's Memento-Datetime
    # (RFC 7089). Empty for every page of the three websites, whose answers stay as they were.
    headers: tuple[tuple[str, str], ...] = ()


def html(text: str, status: int = 200, charset: str = "utf-8", *, header_charset: bool = True) -> Response:
    """The page encoded in `charset` ("utf-8", "gbk" or "gb2312"); header_charset=False leaves the charset out of
    the Content-Type header, so only the page's own <meta> declares it (as some old CMS servers do)."""
    if charset in {"gbk", "gb2312"}:
        # GBK lacks a few characters (©); browsers and lxml read numeric references the same either way.
        body = text.encode("gbk", errors="xmlcharrefreplace")
        label = "GBK" if charset == "gbk" else "gb2312"
    else:
        body, label = text.encode("utf-8"), "utf-8"
    return Response(status, f"text/html; charset={label}" if header_charset else "text/html", body)


def json_response(data: object) -> Response:
    return Response(200, "application/json; charset=utf-8", json.dumps(data, ensure_ascii=False).encode("utf-8"))


def redirect(location: str, status: int = 302) -> Response:
    return Response(status, HTML, b"", location=location)


def script(text: str) -> Response:
    return Response(200, "application/javascript; charset=utf-8", text.encode("utf-8"))


def css(text: str) -> Response:
    return Response(200, "text/css; charset=utf-8", text.encode("utf-8"))


def png(body: bytes) -> Response:
    return Response(200, "image/png", body)
