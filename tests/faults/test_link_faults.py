"""`link_broken` against a local site whose links fail in every way a link checker meets (issue #9 item 3).

One audit, in this process, of a small portal on 127.0.0.1 (a 要闻动态 column with its list page and articles)
whose home page and inner pages link: a 404 page, a 500 image, a soft 404 (200 with 页面不存在), a page that hangs
30 s, a redirect chain ending in a 404, a redirect loop, a PDF whose server answers HEAD with 405 and GET with 200,
a 403 page, a closed port, a partner host served from a second local server (one good page, one 404), a host
never contacted (not in the resolve map), one page linked from three pages, and eight slow images. Exact findings
are asserted, and the servers' own logs say what was asked and how many requests were in flight at once.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import replace
from datetime import timedelta
from html import escape
from pathlib import Path

import pytest

from auditor.demo.server import LocalSiteServer, _Handler, _Server
from auditor.demo.site import Response
from auditor.pipeline import RunOptions, run_audits
from auditor.scenario import parse_scenario
from auditor.settings.runtime import RUNTIME
from tests import aio

pytestmark = [pytest.mark.faults, pytest.mark.browser]

HTML = "text/html; charset=utf-8"
SITE_CODE = "3101140077"
LINK_TIMEOUT_S = 2.0
HANG_S = 30.0
SLOW_IMAGES = 8
SLOW_S = 0.4
PARTNER = "www.partner.gov.cn"
NEVER = "www.never-contacted.gov.cn"


class _CountingHandler(_Handler):
    """The demo server's handler, telling the site each request's method and when it starts and ends."""

    def _answer(self, *, send_body: bool) -> None:
        site = self.server.site
        assert isinstance(site, CountingSite)
        site.begin(self.command, self.path)
        try:
            super()._answer(send_body=send_body)
        finally:
            site.end(self.path)


class CountingSite(LocalSiteServer):
    """A LocalSiteServer whose pages may depend on the method, counting requests (and those in flight) by path."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, str]] = []  # (method, path)
        self.in_flight: dict[str, int] = {}
        self.most_in_flight: dict[str, int] = {}
        self._local = threading.local()
        self._lock = threading.Lock()

    @property
    def method(self) -> str:
        return getattr(self._local, "method", "GET")

    def begin(self, method: str, path: str) -> None:
        self._local.method = method
        group = _group(path)
        with self._lock:
            self.calls.append((method, path))
            self.in_flight[group] = self.in_flight.get(group, 0) + 1
            self.most_in_flight[group] = max(self.most_in_flight.get(group, 0), self.in_flight[group])

    def end(self, path: str) -> None:
        with self._lock:
            self.in_flight[_group(path)] -= 1

    def asked(self, path: str) -> list[str]:
        with self._lock:
            return [method for method, asked in self.calls if asked.split("?", 1)[0] == path]

    def start(self) -> CountingSite:  # the demo server's start, with the counting handler
        if self._server is None:
            self._stopping.clear()
            server = _Server((self.host, self.port), _CountingHandler)
            server.site = self
            self._server = server
            self.port = server.server_address[1]
            self.base_url = f"http://{self.host}:{self.port}"
            self.home_url = self.base_url + self.home_path
            self._thread = threading.Thread(target=server.serve_forever, name=type(self).__name__, daemon=True)
            self._thread.start()
        return self


def _group(path: str) -> str:
    return "slow" if path.startswith("/lk/slow/") else "other"


def _page(title: str, body: str, meta: dict[str, str] | None = None) -> bytes:
    metas = {"SiteName": "链接测试站", "SiteIDCode": SITE_CODE, **(meta or {})}
    head = "\n".join(f'<meta name="{k}" content="{escape(v)}">' for k, v in metas.items())
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>
{head}
</head><body>
<div class="header"><h1>链接测试站</h1></div>
<div class="nav"><ul><li><a href="/lk/">首页</a></li><li><a href="/lk/col/news/">要闻动态</a></li></ul></div>
<div class="main">
{body}
</div>
<div class="footer"><p>主办单位：链接测试站　网站标识码：{SITE_CODE}</p></div>
</body></html>
""".encode()


class LinkSite(CountingSite):
    home_path = "/lk/"

    def __init__(self, as_of, *, closed_port: int, partner: str) -> None:
        super().__init__()
        self.as_of = as_of
        self.closed_port = closed_port
        self.partner = partner

    def days(self) -> list:
        return [self.as_of - timedelta(days=1 + 2 * i) for i in range(5)]

    def render(self, path: str) -> Response:
        path = path.split("?", 1)[0]
        if path in {"/lk/", "/lk/index.html"}:
            return Response(200, HTML, self._home())
        if path == "/lk/col/news/":
            return Response(200, HTML, self._list())
        if path.startswith("/lk/art/"):
            return Response(200, HTML, self._article(path))
        if path in {"/lk/shared.html", "/lk/ok.html"}:
            return Response(200, HTML, _page("通知", "<h1>关于开展工作的通知</h1><p>正文内容。</p>"))
        if path == "/lk/gone.html":
            return Response(200, HTML, _page("页面不存在", "<h1>页面不存在</h1><p>您访问的页面已被删除</p>"))
        if path == "/lk/hang.html":
            return Response(200, HTML, _page("慢", "<p>x</p>"), delay_s=HANG_S)
        if path == "/lk/redirect/1":
            return Response(302, HTML, b"", location="/lk/redirect/2")
        if path == "/lk/redirect/2":
            return Response(301, HTML, b"", location="/lk/moved-missing.html")
        if path == "/lk/loop/a":
            return Response(302, HTML, b"", location="/lk/loop/b")
        if path == "/lk/loop/b":
            return Response(302, HTML, b"", location="/lk/loop/a")
        if path == "/lk/files/report.pdf":
            if self.method == "HEAD":
                return Response(405, HTML, b"<h1>405 Method Not Allowed</h1>")
            return Response(200, "application/pdf", b"%PDF-1.4 " + b"0" * 2000)
        if path == "/lk/forbidden.html":
            return Response(403, HTML, _page("403 Forbidden", "<h1>Forbidden</h1>"))
        if path == "/lk/img/broken.png":
            return Response(500, HTML, b"<h1>500</h1>")
        if path == "/lk/img/logo.png" or path.startswith("/lk/slow/"):
            return Response(
                200, "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, delay_s=SLOW_S * path.startswith("/lk/slow/")
            )
        return Response(404, HTML, _page("404 页面不存在", "<h2>404 页面不存在</h2>"))

    def _home(self) -> bytes:
        rows = "".join(
            f'<li><a href="/lk/art/{i}.html">测试新闻第{i}条</a><span class="date">{day.isoformat()}</span></li>'
            for i, day in enumerate(self.days(), start=1)
        )
        block = (
            '<div class="mod"><div class="mod-hd"><h3>要闻动态</h3>'
            '<a class="more" href="/lk/col/news/">更多&gt;&gt;</a></div>'
            f'<ul class="mod-list">{rows}</ul></div>'
        )
        slow = "".join(f'<img src="/lk/slow/{i}.png" alt="慢图{i}">' for i in range(SLOW_IMAGES))
        links = f"""
<div class="links">
<a href="/lk/missing.html">失效页面</a>
<img src="/lk/img/broken.png" alt="坏图片">
<img src="/lk/img/logo.png" alt="标志">
<a href="/lk/gone.html#top">已删除的通知</a>
<a href="/lk/hang.html">很慢的页面</a>
<a href="/lk/redirect/1">跳转到失效页</a>
<a href="/lk/loop/a">循环跳转</a>
<a href="/lk/files/report.pdf">年度报告</a>
<a href="/lk/forbidden.html">禁止访问</a>
<a href="http://127.0.0.1:{self.closed_port}/x.html">关闭的端口</a>
<a href="http://{PARTNER}/ok.html">合作网站</a>
<a href="http://{PARTNER}/dead.html">合作网站失效页</a>
<a href="http://{NEVER}/page.html">不联系的外站</a>
<a href="/lk/shared.html">共享链接</a>
<a href="javascript:void(0)">脚本</a><a href="mailto:a@b.cn">邮件</a><a href="#top">顶部</a>
{slow}
</div>"""
        return _page("链接测试站", block + links)

    def _list(self) -> bytes:
        rows = "\n".join(
            f'<li><a href="/lk/art/{i}.html">测试新闻第{i}条</a><span class="date">{day.isoformat()}</span></li>'
            for i, day in enumerate(self.days(), start=1)
        )
        meta = {"ColumnName": "要闻动态", "ColumnType": "要闻动态"}
        body = f'<ul class="list">\n{rows}\n</ul><p><a href="/lk/shared.html">共享链接</a></p>'
        return _page("要闻动态_链接测试站", body, meta)

    def _article(self, path: str) -> bytes:
        number = path.removeprefix("/lk/art/").removesuffix(".html")
        day = self.days()[0]
        title = f"测试新闻第{number}条"
        body = (
            f"<h1>{title}</h1><p>发布时间：{day.isoformat()} 09:30</p><p>正文内容。</p>"
            '<p><a href="/lk/shared.html">共享链接</a></p>'
            # In a table: Chromium adds a <tbody> the HTTP reading lacks, so the evidence render finds it again.
            '<table class="fj"><tr><td><a href="/lk/inner-missing.html">内页失效链接</a></td></tr></table>'
        )
        return _page(title, body, {"ArticleTitle": title, "PubDate": f"{day.isoformat()} 09:30"})


class PartnerSite(CountingSite):
    def render(self, path: str) -> Response:
        if path.split("?", 1)[0] == "/ok.html":
            return Response(200, HTML, _page("合作网站", "<h1>合作网站</h1>"))
        return Response(404, HTML, _page("404", "<h1>404</h1>"))


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def audited(as_of, tmp_path_factory):
    out = tmp_path_factory.mktemp("links")
    closed = _closed_port()
    with PartnerSite() as partner:
        site = LinkSite(as_of, closed_port=closed, partner=partner.base_url)
        with site:
            scenario = parse_scenario(
                "site:\n  id: links\n  name: 链接测试站\n"
                f'  code: "{SITE_CODE}"\n  kind: portal\n  home: {site.home_url}\n'
                f'  scope: ["127.0.0.1:{closed}"]\n'
                f'  resolve: {{"{PARTNER}:80": "127.0.0.1:{partner.port}"}}\n'
                f"  limits:\n    page_timeout_s: 5\n    site_budget_s: 120\n    link_timeout_s: {LINK_TIMEOUT_S:g}\n"
            )
            options = RunOptions(as_of=as_of, out_dir=out, runtime=replace(RUNTIME, link_inner_pages=2), render="auto")
            started = time.monotonic()
            result = aio.run(run_audits([scenario], options))
            elapsed = time.monotonic() - started
    outcome = result.outcomes[0]
    assert outcome.bundle is not None, outcome.error
    artifacts = json.loads((Path(outcome.bundle_dir) / "artifacts.json").read_text("utf-8"))
    return outcome.bundle, artifacts, site, partner, elapsed


def _path(url: str, site: LocalSiteServer) -> str:
    return url.removeprefix(site.base_url)


def test_exact_link_findings(audited):
    bundle, _artifacts, site, _partner, _elapsed = audited
    found = {
        (_path(f.target.url, site), f.severity, f.observed["outcome"])
        for f in bundle.findings
        if f.code == "link_broken"
    }
    assert found == {
        ("/lk/missing.html", "deduction", "broken"),
        ("/lk/img/broken.png", "deduction", "broken"),
        ("/lk/gone.html", "deduction", "soft_404"),
        ("/lk/hang.html", "deduction", "timeout"),
        ("/lk/redirect/1", "deduction", "broken"),
        ("/lk/loop/a", "deduction", "broken"),
        ("/lk/forbidden.html", "needs_review", "blocked"),
        (f"http://127.0.0.1:{site.closed_port}/x.html", "deduction", "refused"),
        (f"http://{PARTNER}/dead.html", "deduction", "broken"),
        ("/lk/inner-missing.html", "deduction", "broken"),
    }
    by_url = {_path(f.target.url, site): f for f in bundle.findings if f.code == "link_broken"}
    soft = by_url["/lk/gone.html"]
    assert soft.observed["soft_404"] is True
    assert soft.observed["pages"] == [{"page_url": site.home_url, "text": "已删除的通知", "tag": "a"}]
    chain = by_url["/lk/redirect/1"].observed["chain"]
    assert [(_path(h["url"], site), h["status"]) for h in chain][-3:] == [
        ("/lk/redirect/1", None),
        ("/lk/redirect/2", None),
        ("/lk/moved-missing.html", 404),
    ]
    assert by_url["/lk/redirect/1"].observed["status"] == 404
    assert by_url["/lk/loop/a"].observed["error"] == "redirect loop"
    assert by_url[f"http://{PARTNER}/dead.html"].observed["offsite"] is True
    image = by_url["/lk/img/broken.png"]
    assert image.target.page_id == "home"
    assert image.target.selector
    assert "图片“坏图片”" in image.message_zh
    inner = by_url["/lk/inner-missing.html"]
    assert inner.target.page_id
    assert inner.target.page_id.startswith("links-")
    assert inner.target.rect is not None  # the inner page was rendered and the link measured for evidence
    assert "tbody" in (inner.target.selector or "")  # the rendered DOM's selector, not the HTTP reading's
    assert inner.evidence.screenshot


def test_link_outcomes_of_what_is_not_a_finding(audited):
    _bundle, artifacts, site, _partner, _elapsed = audited
    checks = {_path(c["url"], site): c for c in artifacts["links"]["checks"]}
    assert checks["/lk/files/report.pdf"]["outcome"] == "ok"
    assert [(h["method"], h["status"]) for h in checks["/lk/files/report.pdf"]["chain"]] == [
        ("HEAD", 405),
        ("GET", 200),
    ]
    assert checks[f"http://{PARTNER}/ok.html"]["outcome"] == "ok"
    assert checks[f"http://{NEVER}/page.html"]["outcome"] == "skipped"
    assert checks["/lk/shared.html"]["outcome"] == "ok"
    assert len(checks["/lk/shared.html"]["seen_on"]) == 3
    assert all(not url.startswith(("javascript", "mailto")) and "#" not in url for url in checks)
    assert artifacts["links"]["pages"][0] == site.home_url
    assert len(artifacts["links"]["pages"]) == 3


def test_each_url_is_asked_once_and_the_hanging_link_ends_in_time(audited):
    _bundle, artifacts, site, partner, elapsed = audited
    assert site.asked("/lk/shared.html") == ["GET"]  # on three pages, checked once
    assert site.asked("/lk/files/report.pdf") == ["HEAD", "GET"]
    assert site.asked("/lk/hang.html") == ["GET", "GET"]  # retried once with GET, then a timeout
    hang = next(c for c in artifacts["links"]["checks"] if c["url"].endswith("/lk/hang.html"))
    assert hang["elapsed_ms"] <= 2 * LINK_TIMEOUT_S * 1000 + 1500
    assert elapsed < HANG_S
    assert partner.asked("/ok.html") == ["HEAD"]
    assert {path for _method, path in partner.calls} == {"/ok.html", "/dead.html"}


def test_nothing_is_sent_to_a_host_outside_the_resolve_map(audited):
    _bundle, artifacts, _site, _partner, _elapsed = audited
    never = [r for r in artifacts["requests"] if NEVER in r["url"]]
    assert never
    assert {r["outcome"] for r in never} == {"blocked_offsite"}


def test_at_most_two_requests_in_flight_per_host(audited):
    _bundle, _artifacts, site, _partner, _elapsed = audited
    assert len([p for _m, p in site.calls if p.startswith("/lk/slow/")]) >= SLOW_IMAGES
    assert site.most_in_flight["slow"] == RUNTIME.per_host_connections
