"""Hostile local sites for the fault suite (tests/faults), each on its own 127.0.0.1 port.

A `HostileSite` is a tiny portal whose routes are *actions*: an ordinary page, or one of the ways a real server
misbehaves — a request accepted and never answered, a connection reset mid-body, a chunked body cut short, a
body dripped a byte a second, a 50 MB page, a redirect loop. http.server parses the requests; the broken
answers are written on the raw socket (`handler.connection`), below HTTP.

    with healthy_portal(as_of) as site:   # a normal portal: one fresh list, one stale list
        site.home_url, site.url("/col/news/"), site.hits("/col/news/")

Every site serves only 127.0.0.1 on a port of the OS's choosing, logs each request (path, via, time), and stops
at once: anything that hangs or drips on purpose waits on the site's stop event and is bounded in time as well.
Every list is built so that reading *part* of it would be wrong: old rows come first in the bytes and the
fresh rows last, so an auditor that judges a cut-short body invents a 栏目不更新 the full page does not justify.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from tests.sites import furniture

HTML = "text/html; charset=utf-8"
MAX_HANG_S = 300.0  # a hanging answer is released by stop(), or by this, whichever comes first
MAX_DRIP_S = 120.0  # a drip sends at most this many bytes, one a second
BIG_BYTES = 50 * 1024 * 1024
BIG_PIECE = 256 * 1024
FRESH_OFFSETS = (1, 3, 5, 8)  # days before T of a fresh list's rows
OLD_OFFSETS = (400, 430, 460, 490, 520, 550)  # days before T of the old rows a hostile list starts with
STALE_OFFSETS = (240, 270, 300, 330)  # the healthy portal's 通知公告: stale under its 6-month window


# -- actions: what a route answers -----------------------------------------------------------------------


class Action:
    def serve(self, handler: _Handler, site: HostileSite) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class Page(Action):
    body: bytes
    status: int = 200
    content_type: str | None = HTML
    headers: tuple[tuple[str, str], ...] = ()
    delay_s: float = 0.0  # held back this long (the server's stop releases it unanswered)

    def serve(self, handler: _Handler, site: HostileSite) -> None:
        if self.delay_s and site.stopping.wait(self.delay_s):
            return
        handler.send_response(self.status)
        if self.content_type is not None:
            handler.send_header("Content-Type", self.content_type)
        handler.send_header("Content-Length", str(len(self.body)))
        for name, value in self.headers:
            handler.send_header(name, value)
        handler.send_header("Connection", "close")
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(self.body)


@dataclass(frozen=True)
class Redirect(Action):
    location: str
    status: int = 302

    def serve(self, handler: _Handler, site: HostileSite) -> None:
        Page(b"", self.status, headers=(("Location", self.location),)).serve(handler, site)


@dataclass(frozen=True)
class Hang(Action):
    """The request is read and never answered."""

    def serve(self, handler: _Handler, site: HostileSite) -> None:
        site.stopping.wait(MAX_HANG_S)


def _head(status: int, headers: list[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status} OK", *(f"{k}: {v}" for k, v in headers), "", ""]
    return "\r\n".join(lines).encode("latin-1")


@dataclass(frozen=True)
class Reset(Action):
    """Headers promise the whole body; `after` bytes of it are sent, then the connection is reset (RST)."""

    body: bytes
    after: int

    def serve(self, handler: _Handler, site: HostileSite) -> None:
        sock = handler.connection
        headers = [("Content-Type", HTML), ("Content-Length", str(len(self.body))), ("Connection", "close")]
        sock.sendall(_head(200, headers) + self.body[: self.after])
        site.stopping.wait(0.3)  # let the client read what came, then pull the plug
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()  # linger 0: the close sends RST, not FIN


@dataclass(frozen=True)
class TruncatedChunked(Action):
    """A chunked body: whole chunks up to `after`, then a chunk whose size line promises more than is sent, then
    the connection closes (no terminating 0-chunk)."""

    body: bytes
    after: int
    chunk: int = 4096

    def serve(self, handler: _Handler, site: HostileSite) -> None:
        sock = handler.connection
        headers = [("Content-Type", HTML), ("Transfer-Encoding", "chunked"), ("Connection", "close")]
        out = bytearray(_head(200, headers))
        sent = self.body[: self.after]
        for start in range(0, len(sent), self.chunk):
            piece = sent[start : start + self.chunk]
            out += b"%x\r\n" % len(piece) + piece + b"\r\n"
        rest = self.body[self.after :]
        out += b"%x\r\n" % len(rest) + rest[:16]
        sock.sendall(bytes(out))
        site.stopping.wait(0.3)
        sock.shutdown(socket.SHUT_WR)


@dataclass(frozen=True)
class Drip(Action):
    """Headers and `head` at once, then the rest of the body one byte every `interval_s` (bounded in time)."""

    head: bytes
    tail: bytes
    interval_s: float = 1.0

    def serve(self, handler: _Handler, site: HostileSite) -> None:
        sock = handler.connection
        total = len(self.head) + len(self.tail)
        headers = [("Content-Type", HTML), ("Content-Length", str(total)), ("Connection", "close")]
        sock.sendall(_head(200, headers) + self.head)
        started = time.monotonic()
        for index in range(len(self.tail)):
            if site.stopping.wait(self.interval_s) or time.monotonic() - started > MAX_DRIP_S:
                return
            try:
                sock.sendall(self.tail[index : index + 1])
            except OSError:  # the client gave up
                return


@dataclass(frozen=True)
class Big(Action):
    """`prefix`, then padding (an HTML comment) up to `total` bytes, then `suffix`; with or without a length."""

    prefix: bytes
    suffix: bytes
    total: int = BIG_BYTES
    declared: bool = True

    def serve(self, handler: _Handler, site: HostileSite) -> None:
        sock = handler.connection
        pad = self.total - len(self.prefix) - len(self.suffix) - 7
        if self.declared:
            headers = [("Content-Type", HTML), ("Content-Length", str(self.total)), ("Connection", "close")]
        else:
            headers = [("Content-Type", HTML), ("Connection", "close")]  # length = until the connection closes
        piece = b"x" * BIG_PIECE
        try:
            sock.sendall(_head(200, headers) + self.prefix + b"<!--")
            left = pad
            while left > 0 and not site.stopping.is_set():
                sock.sendall(piece[: min(left, BIG_PIECE)])
                left -= BIG_PIECE
            sock.sendall(b"-->" + self.suffix)
        except OSError:  # the client stopped reading (it capped the body): that is the point
            return


# -- the server -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    path: str
    via: str  # "http" (the auditor's own fetcher) or "browser"
    at: float  # time.monotonic()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a hanging handler must not hold up stop()
    site: HostileSite

    def handle_error(self, request: object, client_address: object) -> None:
        # Resets, broken pipes and the clients' own time-outs are the normal life of a hostile site.
        del request, client_address


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "HostileCMS/1.0"
    sys_version = ""
    timeout = 15  # a client that stops sending its request is dropped

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        del format, args

    def do_GET(self) -> None:
        self.close_connection = True
        self.server.site.answer(self)

    def do_HEAD(self) -> None:
        self.do_GET()


class HostileSite:
    """A portal on 127.0.0.1:<port> whose pages are `routes` (path -> Action, or a callable returning one)."""

    def __init__(
        self,
        site_id: str,
        code: str,
        as_of: date,
        *,
        name: str | None = None,
        columns: tuple[tuple[str, str], ...] = (("要闻动态", "/col/news/"), ("通知公告", "/col/notice/")),
    ) -> None:
        self.site_id = site_id
        self.code = code
        self.name = name or f"青溪区{site_id}测试站"
        self.as_of = as_of
        self.columns = columns
        self.routes: dict[str, Action | Callable[[], Action]] = {}
        self.home_path = "/"
        self.site_budget_s = 30.0  # the scenario's limits.site_budget_s
        self.host = "127.0.0.1"
        self.port = 0
        self.base_url = ""
        self.home_url = ""
        self.stopping = threading.Event()
        # Called with (path, via) as each request arrives, before it is answered (kill a browser, fill a disk).
        self.on_request: Callable[[str, str], None] | None = None
        self._hits: list[Hit] = []
        self._lock = threading.Lock()
        self.in_flight = 0  # requests being answered now (every answer closes its connection: one per request)
        self.max_in_flight = 0
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.routes["/"] = Page(self.home())
        # The furniture every site carries (tests/sites/furniture.py): a 政务咨询 board answered in time.
        self.routes[furniture.BOARD_PATH] = Page(self.page("政务咨询", furniture.board_body(as_of)).encode())
        self.routes[furniture.BADGE_PATH] = Page(furniture.BADGE_PNG, content_type="image/png")
        for number in range(40):
            self.routes[f"/art/{number}.html"] = Page(self.article(number))

    # -- content ----------------------------------------------------------------------------------------
    def page(self, title: str, body: str, meta: dict[str, str] | None = None, head: str = "") -> str:
        metas = {"SiteName": self.name, "SiteIDCode": self.code, **(meta or {})}
        metas_html = "\n".join(f'<meta name="{k}" content="{escape(v)}">' for k, v in metas.items())
        nav = "".join(f'<li><a href="{href}">{text}</a></li>' for text, href in self.columns)
        return (
            '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title>\n{metas_html}\n{head}</head><body>\n"
            f'<div class="header"><h1>{escape(self.name)}</h1></div>\n'
            f'<div class="nav"><ul><li><a href="/">首页</a></li>{nav}</ul></div>\n'
            f'<div class="main">\n{body}\n</div>\n'
            f"{furniture.compliant_footer(self.code, f'{self.name}办公室')}\n"
            "</body></html>\n"
        )

    def home(self, extra_body: str = "", head: str = "") -> bytes:
        # A dated item (首页 updated yesterday) and the 互动/办事 entries: the home page passes the site checks,
        # so each test's findings are about the fault it stages.
        latest = (
            '<div class="mod"><h3>今日青溪</h3><ul class="today">'
            f'<li><a href="/art/0.html">{escape(self.name)}召开工作例会</a>'
            f"<span>{(self.as_of - timedelta(days=1)).isoformat()}</span></li></ul></div>"
        )
        return self.page(
            self.name,
            f'<div class="mod"><p>欢迎访问{escape(self.name)}。</p></div>{latest}{furniture.entries()}{extra_body}',
            head=head,
        ).encode()

    def dates(self, offsets: tuple[int, ...]) -> list[date]:
        return [self.as_of - timedelta(days=d) for d in offsets]

    @staticmethod
    def rows(dates: list[date], first: int = 0, fmt: str = "iso") -> str:
        def shown(day: date) -> str:
            return day.isoformat() if fmt == "iso" else f"{day.year}年{day.month:02d}月{day.day:02d}日"

        return "\n".join(
            f'<li><a href="/art/{first + i}.html">测试信息标题第{first + i + 1}条</a>'
            f'<span class="date">{shown(day)}</span></li>'
            for i, day in enumerate(dates)
        )

    def list_page(
        self,
        column: str,
        offsets: tuple[int, ...] = FRESH_OFFSETS,
        *,
        js: bool = False,
        fmt: str = "iso",
        head: str = "",
        script: str = "",
    ) -> bytes:
        """A column list; `js=True` builds its rows in script, so the static HTML holds an empty shell."""
        meta = {"ColumnName": column}
        rows = self.rows(self.dates(offsets), fmt=fmt)
        if js:
            quoted = rows.replace("\\", "\\\\").replace("`", "\\`")
            build = (
                "<script>document.addEventListener('DOMContentLoaded', function () {"
                f"document.getElementById('list').innerHTML = `{quoted}`;}});</script>"
            )
            body = f'<ul class="list" id="list"></ul>{build}{script}'
        else:
            body = f'<ul class="list" id="list">\n{rows}\n</ul>{script}'
        return self.page(f"{column}_{self.name}", body, meta, head=head).encode()

    def old_then_fresh(self, column: str) -> tuple[bytes, bytes]:
        """A list whose old rows come first and fresh rows last, split where the fresh ones begin: judging only
        the first part gives 栏目不更新; judging the whole gives a fresh column."""
        old = self.rows(self.dates(OLD_OFFSETS))
        fresh = self.rows(self.dates(FRESH_OFFSETS), first=len(OLD_OFFSETS))
        marker = "<!--fresh-->"
        page = self.page(
            f"{column}_{self.name}", f'<ul class="list">\n{old}\n{marker}\n{fresh}\n</ul>', {"ColumnName": column}
        )
        prefix, rest = page.split(marker, 1)
        return prefix.encode(), (marker + rest).encode()

    def article(self, number: int) -> bytes:
        title = f"测试信息标题第{number + 1}条"
        body = f"<h1>{title}</h1><p>正文内容。</p>"
        return self.page(title, body, {"ArticleTitle": title}).encode()

    # -- scenario ---------------------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return self.base_url + path

    def scenario_yaml(self, *, page_timeout_s: float = 3, site_budget_s: float | None = None) -> str:
        site_budget_s = self.site_budget_s if site_budget_s is None else site_budget_s
        return (
            f'site:\n  id: {self.site_id}\n  name: {self.name}\n  code: "{self.code}"\n  kind: portal\n'
            f"  home: {self.home_url}\n"
            f"  limits:\n    page_timeout_s: {page_timeout_s:g}\n    site_budget_s: {site_budget_s:g}\n"
        )

    # -- serving ----------------------------------------------------------------------------------------
    def answer(self, handler: _Handler) -> None:
        path = handler.path.split("?", 1)[0]
        via = "http" if "auditor/" in (handler.headers.get("User-Agent") or "") else "browser"
        with self._lock:
            self._hits.append(Hit(path, via, time.monotonic()))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.on_request is not None:
                self.on_request(path, via)
            route = self.routes.get(path)
            action = route() if callable(route) else route
            if action is None:
                action = Page(self.page("页面不存在", "<h2>404 页面不存在</h2>").encode(), 404)
            with contextlib.suppress(OSError):
                action.serve(handler, self)
        finally:
            with self._lock:
                self.in_flight -= 1

    @property
    def hit_log(self) -> list[Hit]:
        with self._lock:
            return list(self._hits)

    def hits(self, path: str | None = None, via: str | None = None) -> list[Hit]:
        return [h for h in self.hit_log if (path is None or h.path == path) and (via is None or h.via == via)]

    def start(self) -> Self:
        if self._server is not None:
            return self
        self.stopping.clear()
        server = _Server((self.host, 0), _Handler)
        server.site = self
        self._server = server
        self.port = server.server_address[1]
        self.base_url = f"http://{self.host}:{self.port}"
        self.home_url = self.base_url + self.home_path
        self._thread = threading.Thread(target=server.serve_forever, name=f"hostile-{self.site_id}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        self.stopping.set()  # release every hanging or dripping answer
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def serving(sites: list[HostileSite]) -> Iterator[list[HostileSite]]:
    """Start every site; stop every one that started, whatever happens."""
    started: list[HostileSite] = []
    try:
        for site in sites:
            started.append(site.start())  # noqa: PERF401 - each one kept as it starts, for the finally
        yield started
    finally:
        for site in started:
            site.stop()


# -- the sites ------------------------------------------------------------------------------------------

HEALTHY_ID = "healthy"


@dataclass(frozen=True)
class Expected:
    """What a clean audit of the healthy portal yields: column path -> status, and (code, path, severity)."""

    columns: dict[str, str] = field(default_factory=dict)
    findings: frozenset[tuple[str, str, str]] = frozenset()


HEALTHY_EXPECTED = Expected(
    # The 政务咨询 board is a column too (an interaction one: judged by the reply rule, never for freshness).
    columns={"/col/news/": "fresh", "/col/notice/": "stale", furniture.BOARD_PATH: "not_judged"},
    findings=frozenset({("column_stale", "/col/notice/", "deduction")}),
)


def healthy_portal(
    as_of: date, *, site_id: str = HEALTHY_ID, code: str = "3101140100", slow_s: float = 0.0
) -> HostileSite:
    """A normal small portal: 要闻动态 fresh (newest T-1), 通知公告 stale (newest T-240, window 6 months).

    `slow_s` holds the stale list back (within the page timeout), to keep the site mid-audit for a while.
    """
    site = HostileSite(site_id, code, as_of, name="青溪区健康测试站")
    site.routes["/col/news/"] = Page(site.list_page("要闻动态"))
    site.routes["/col/notice/"] = Page(site.list_page("通知公告", STALE_OFFSETS), delay_s=slow_s)
    return site


def with_ok_column(
    site: HostileSite, hostile_column: str = "通知公告", hostile_path: str = "/col/notice/"
) -> HostileSite:
    """The hostile site's sound column: the same old-then-fresh list as its hostile one, served whole, so the
    run itself shows that the whole list is fresh."""
    site.columns = (("要闻动态", "/col/news/"), (hostile_column, hostile_path))
    site.routes["/"] = Page(site.home())
    prefix, rest = site.old_then_fresh("要闻动态")
    site.routes["/col/news/"] = Page(prefix + rest)
    return site


def hang_home(as_of: date) -> HostileSite:
    site = HostileSite("hang-home", "3101140101", as_of)
    site.routes["/"] = Hang()
    return site


def err_home(as_of: date) -> HostileSite:
    site = HostileSite("err-home", "3101140102", as_of)
    site.routes["/"] = Page(b"<html><body><h1>500 Internal Server Error</h1></body></html>", 500)
    return site


def err_column(as_of: date) -> HostileSite:
    site = with_ok_column(HostileSite("err-column", "3101140103", as_of))
    site.routes["/col/notice/"] = Page("<html><body><h1>503 服务暂时不可用</h1></body></html>".encode(), 503)
    return site


def reset_column(as_of: date) -> HostileSite:
    site = with_ok_column(HostileSite("reset-column", "3101140104", as_of))
    prefix, rest = site.old_then_fresh("通知公告")
    site.routes["/col/notice/"] = Reset(prefix + rest, after=len(prefix))
    return site


def chunked_column(as_of: date) -> HostileSite:
    site = with_ok_column(HostileSite("chunked-column", "3101140105", as_of))
    prefix, rest = site.old_then_fresh("通知公告")
    site.routes["/col/notice/"] = TruncatedChunked(prefix + rest, after=len(prefix))
    return site


def drip_column(as_of: date) -> HostileSite:
    site = with_ok_column(HostileSite("drip-column", "3101140106", as_of))
    prefix, rest = site.old_then_fresh("通知公告")
    site.routes["/col/notice/"] = Drip(prefix, rest)
    return site


def gbk_as_utf8(as_of: date) -> HostileSite:
    """通知公告 is GBK bytes under `Content-Type: text/html; charset=utf-8` (dates written 2021年03月20日)."""
    site = with_ok_column(HostileSite("gbk-as-utf8", "3101140107", as_of))
    text = site.list_page("通知公告", fmt="zh").decode().replace('<meta charset="utf-8">', "")
    site.routes["/col/notice/"] = Page(text.encode("gbk"), content_type="text/html; charset=utf-8")
    return site


def utf8_as_gbk(as_of: date) -> HostileSite:
    """通知公告 is UTF-8 bytes whose <meta charset> says gbk, and no charset in the header."""
    site = with_ok_column(HostileSite("utf8-as-gbk", "3101140108", as_of))
    text = site.list_page("通知公告", fmt="zh").decode().replace('<meta charset="utf-8">', '<meta charset="gbk">')
    site.routes["/col/notice/"] = Page(text.encode("utf-8"), content_type="text/html")
    return site


def big_column(as_of: date) -> HostileSite:
    """Two 50 MB lists: 通知公告 with a Content-Length, 政策文件 without one (read until the connection closes)."""
    site = HostileSite("big-column", "3101140109", as_of)
    site.columns = (("要闻动态", "/col/news/"), ("通知公告", "/col/notice/"), ("政策文件", "/col/policy/"))
    site.routes["/"] = Page(site.home())
    prefix, rest = site.old_then_fresh("要闻动态")
    site.routes["/col/news/"] = Page(prefix + rest)
    notice = site.old_then_fresh("通知公告")
    site.routes["/col/notice/"] = Big(*notice, declared=True)
    policy = site.old_then_fresh("政策文件")
    site.routes["/col/policy/"] = Big(*policy, declared=False)
    return site


def loop_column(as_of: date) -> HostileSite:
    site = with_ok_column(HostileSite("loop-column", "3101140110", as_of))
    site.routes["/col/notice/"] = Redirect("/col/notice2/")
    site.routes["/col/notice2/"] = Redirect("/col/notice/")
    return site


def loop_home(as_of: date) -> HostileSite:
    site = HostileSite("loop-home", "3101140111", as_of)
    site.home_path = "/index/"
    site.routes["/index/"] = Redirect("/index2/")
    site.routes["/index2/"] = Redirect("/index/")
    return site


SPIN = "while (true) {}"
# Spins once the page has loaded (a timer the settle step waits for): every later look at the page — content(),
# a screenshot, evaluate — meets a renderer that never answers.
SPIN_LATER = "<script>window.addEventListener('load', function () { setTimeout(function () { while (true) {} }, 200); });</script>"


def spin_home_inline(as_of: date) -> HostileSite:
    """The home page's last script never ends: the parser never finishes, `load` never fires."""
    site = with_ok_column(HostileSite("spin-home", "3101140112", as_of))
    site.routes["/"] = Page(site.home(extra_body=f"<script>{SPIN}</script>"))
    return site


def spin_home_late(as_of: date) -> HostileSite:
    site = with_ok_column(HostileSite("spin-home-late", "3101140113", as_of))
    site.routes["/"] = Page(site.home(extra_body=SPIN_LATER))
    return site


def spin_column(as_of: date) -> HostileSite:
    """通知公告 builds its (fresh) list in script, so it must be rendered, and then spins forever."""
    site = with_ok_column(HostileSite("spin-column", "3101140114", as_of))
    site.routes["/col/notice/"] = Page(site.list_page("通知公告", js=True, script=SPIN_LATER))
    return site


def iframes_home(as_of: date, count: int = 1000) -> HostileSite:
    site = with_ok_column(HostileSite("iframes-home", "3101140115", as_of))
    frames = "".join(f'<iframe src="/frame/{i}.html" width="8" height="8"></iframe>' for i in range(count))
    site.routes["/"] = Page(site.home(extra_body=f'<div class="ads">{frames}</div>'))
    frame = Page(b"<!DOCTYPE html><html><body><p>ad</p></body></html>")
    for i in range(count):
        site.routes[f"/frame/{i}.html"] = frame
    return site


# Dialogs for a minute after load (each auto-dismissed one is a round trip), and ten popups opened at once, each
# nagging the same way. Bounded in time by the page itself, and in count: popups never open popups.
NAG = """<script>
(function () {
  var end = Date.now() + 60000, n = 0;
  function nag() {
    if (Date.now() > end || n++ > 5000) return;
    alert('请使用IE8浏览器访问本站');
    confirm('是否继续访问？');
    prompt('请输入验证码');
    setTimeout(nag, 0);
  }
  window.addEventListener('load', nag);
  if (!window.opener) for (var i = 0; i < 10; i++) window.open('/popup.html?' + i, '_blank');
})();
</script>"""


def popups(as_of: date) -> HostileSite:
    """Home and 通知公告 (script-built, so rendered) both nag with alert/confirm/prompt and open popups."""
    site = with_ok_column(HostileSite("popups", "3101140116", as_of))
    site.routes["/"] = Page(site.home(head=NAG))
    site.routes["/col/notice/"] = Page(site.list_page("通知公告", js=True, head=NAG))
    site.routes["/popup.html"] = Page(site.page("弹窗", "<p>弹窗广告</p>", head=NAG).encode())
    return site


def js_columns(site: HostileSite, count: int, *, delay_s: float = 0.0, home_delay_s: float = 0.0) -> HostileSite:
    """`count` script-built fresh lists (each rendered), each held back `delay_s` s, the home `home_delay_s` s."""
    names = ("要闻动态", "通知公告", "政策文件", "部门动态", "工作动态", "公示公告", "政府文件", "图片新闻")
    site.columns = tuple(
        (names[i % len(names)] + ("" if i < len(names) else str(i)), f"/col/c{i}/") for i in range(count)
    )
    site.routes["/"] = Page(site.home(), delay_s=home_delay_s)
    for name, path in site.columns:
        site.routes[path] = Page(site.list_page(name, js=True), delay_s=delay_s)
    return site


def crash_site(as_of: date) -> HostileSite:
    """Two script-built fresh lists; the test kills the browser when /col/c0/ is first asked for."""
    return js_columns(HostileSite("crash", "3101140117", as_of), 2)


SLOW_COLUMNS = 8


def slow_site(as_of: date, site_id: str = "slow", code: str = "3101140118") -> HostileSite:
    """A home answered after 1.5 s and eight script-built fresh lists, each answered after 0.4 s: every page well
    within the 3 s page timeout even queued two at a time per host, and several seconds of work in all."""
    return js_columns(HostileSite(site_id, code, as_of), SLOW_COLUMNS, delay_s=0.4, home_delay_s=1.5)


def plain_site(as_of: date) -> HostileSite:
    """A second ordinary site: two fresh lists."""
    site = HostileSite("plain", "3101140119", as_of)
    site.routes["/col/news/"] = Page(site.list_page("要闻动态"))
    site.routes["/col/notice/"] = Page(site.list_page("通知公告"))
    return site


BUDGET_S = 10.0
BUDGET_COLUMNS = 30


def budget_site(as_of: date) -> HostileSite:
    """Thirty fresh lists, each answered after 1 s, under a 10 s site budget: ~15 s of work (two connections per
    host), so the budget ends the gathering with columns unread."""
    site = HostileSite("budget", "3101140122", as_of)
    site.site_budget_s = BUDGET_S
    site.columns = tuple((f"工作动态{i}", f"/col/b{i}/") for i in range(BUDGET_COLUMNS))
    site.routes["/"] = Page(site.home())
    for name, path in site.columns:
        site.routes[path] = Page(site.list_page(name), delay_s=1.0)
    return site


ROBOTS_PRIVATE = "/col/private/"


def robots_site(as_of: date) -> HostileSite:
    """robots.txt disallows 通知公告 (/col/private/); both lists are fresh."""
    site = HostileSite("robots", "3101140120", as_of)
    site.columns = (("要闻动态", "/col/news/"), ("通知公告", ROBOTS_PRIVATE))
    site.routes["/"] = Page(site.home())
    site.routes["/col/news/"] = Page(site.list_page("要闻动态"))
    site.routes[ROBOTS_PRIVATE] = Page(site.list_page("通知公告"))
    site.routes["/robots.txt"] = Page(
        f"User-agent: *\nDisallow: {ROBOTS_PRIVATE}\n".encode(), content_type="text/plain; charset=utf-8"
    )
    return site


def redirect_site(as_of: date, elsewhere: HostileSite) -> HostileSite:
    """Three columns behind redirects: 要闻动态 to its own list on the site (read, fresh); 通知公告 and a
    script-built 政策文件 to `elsewhere`, another host (never contacted: recorded, left for review)."""
    site = HostileSite("redirect", "3101140123", as_of)
    site.columns = (("要闻动态", "/col/news/"), ("通知公告", "/col/notice/"), ("政策文件", "/col/policy/"))
    site.routes["/"] = Page(site.home())
    site.routes["/col/news/"] = Redirect("/col/news/index.html")
    site.routes["/col/news/index.html"] = Page(site.list_page("要闻动态"))
    site.routes["/col/notice/"] = lambda: Redirect(elsewhere.url("/col/notice/"))
    site.routes["/col/policy/"] = lambda: Redirect(elsewhere.url("/col/js/"))
    return site


def elsewhere_site(as_of: date) -> HostileSite:
    """Another host, the target of redirect_site's off-site redirects: a stale list and a script-built one."""
    site = HostileSite("elsewhere", "3101140124", as_of)
    site.routes["/col/notice/"] = Page(site.list_page("通知公告", STALE_OFFSETS))
    site.routes["/col/js/"] = Page(site.list_page("政策文件", STALE_OFFSETS, js=True))
    return site


BUSY_ASSETS = 6


def busy_site(as_of: date) -> HostileSite:
    """Script-built lists whose pages each load six images and six scripts, every one answered after 0.15 s: a
    browser left to itself opens six connections to the host at once."""
    site = js_columns(HostileSite("busy", "3101140125", as_of), 3)
    assets = "".join(
        f'<img src="/asset/{i}.png" alt=""><script src="/asset/{i}.js"></script>' for i in range(BUSY_ASSETS)
    )
    site.routes["/"] = Page(site.home(assets))
    for name, path in site.columns:
        site.routes[path] = Page(site.list_page(name, js=True, script=assets))
    for i in range(BUSY_ASSETS):
        site.routes[f"/asset/{i}.png"] = Page(b"", content_type="image/png", delay_s=0.15)
        site.routes[f"/asset/{i}.js"] = Page(b"", content_type="text/javascript", delay_s=0.15)
    return site


def _guide(site: HostileSite, name: str, form: str) -> bytes:
    rows = "".join(
        f"<tr><th>{label}</th><td>{value}</td></tr>"
        for label, value in (
            ("事项名称", name),
            (
                "设定依据",
                "《中华人民共和国行政许可法》第十二条：“下列事项可以设定行政许可：直接涉及公共安全的特定活动。”",
            ),
            ("申请条件", "具有合法主体资格"),
            ("申请材料", f'登记申请表 <a href="{form}">申请表下载</a>'),
            ("办理地点", "青溪区行政服务中心"),
            ("办理时间", "工作日 9:00-17:00"),
            ("咨询电话", "021-59990001"),
            ("办理流程", "申请→受理→审查→决定"),
            ("实施机关", "青溪区某局"),
            ("收费标准", "不收费"),
        )
    )
    return site.page(f"{name}办事指南", f'<div class="article"><h1>{name}</h1><table>{rows}</table></div>').encode()


def _interpretation(site: HostileSite, title: str, href: str) -> bytes:
    body = (
        f'<div class="article"><h1>《{title}》政策解读</h1><p>近日印发了《{title}》，现解读如下。'
        "一、背景。二、主要内容。三、施行时间。</p>"
        f'<div class="links">相关链接：<a href="{href}">原文</a></div></div>'
    )
    return site.page(f"《{title}》政策解读", body).encode()


def documents_site(as_of: date) -> HostileSite:
    """办事指南 and 政策解读 pages that fail: a guide that hangs, one that answers 500, one whose form download
    hangs; an interpretation whose 原文 link hangs and one whose 原文 is a 50 MB page. None of it may become a
    finding: each is recorded and left for review."""
    site = HostileSite("documents", "3101140126", as_of)
    site.columns = (("要闻动态", "/col/news/"), ("办事指南", "/col/bszn/"), ("政策解读", "/col/zcjd/"))
    site.routes["/"] = Page(site.home())
    site.routes["/col/news/"] = Page(site.list_page("要闻动态"))
    day = site.dates((1, 2, 3, 4, 5, 6))
    guides = [("/bszn/1.html", "甲类事项登记"), ("/bszn/2.html", "乙类事项许可"), ("/bszn/3.html", "丙类事项备案")]
    guides += [(f"/bszn/{n}.html", f"第{n}项事项") for n in range(4, 7)]  # sound guides: the list is a list
    jds = [("/jd/1.html", "青溪区甲办法"), ("/jd/2.html", "青溪区乙办法")]

    def listing(name: str, rows: list[tuple[str, str]]) -> bytes:
        items = "".join(
            f'<li><a href="{path}">{title}</a><span>{day[i % len(day)].isoformat()}</span></li>'
            for i, (path, title) in enumerate(rows)
        )
        return site.page(name, f'<ul class="list">{items}</ul>', {"ColumnName": name}).encode()

    site.routes["/col/bszn/"] = Page(listing("办事指南", guides))
    site.routes["/col/zcjd/"] = Page(listing("政策解读", [(p, f"《{t}》政策解读") for p, t in jds]))
    site.routes["/bszn/1.html"] = Hang()
    site.routes["/bszn/2.html"] = Page(b"<html><body><h1>500 Internal Server Error</h1></body></html>", 500)
    site.routes["/bszn/3.html"] = Page(_guide(site, "丙类事项备案", "/files/hang.doc"))
    site.routes["/files/hang.doc"] = Hang()
    for n in range(4, 7):
        site.routes[f"/bszn/{n}.html"] = Page(_guide(site, f"第{n}项事项", "/files/form.doc"))
    site.routes["/files/form.doc"] = Page(b"PK\x03\x04 form", content_type="application/msword")
    site.routes["/jd/1.html"] = Page(_interpretation(site, "青溪区甲办法", "/zcwj/hang.html"))
    site.routes["/zcwj/hang.html"] = Hang()
    site.routes["/jd/2.html"] = Page(_interpretation(site, "青溪区乙办法", "/zcwj/big.html"))
    site.routes["/zcwj/big.html"] = Big(b"<html><body>", b"</body></html>", declared=True)
    return site
