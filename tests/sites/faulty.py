"""A tiny site that misbehaves, for gatherer tests: a hanging column, a 500 column, hanging and failing homes.

    with FaultySite(as_of) as site:
        site.home_url          # http://127.0.0.1:<port>/faulty/
        site.url("/faulty/500-home/")

Hanging pages wait on the server's stop event, so stop() returns at once and frees their threads; the other
pages keep answering while a request hangs (one daemon thread per connection).
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from auditor.demo.server import LocalSiteServer
from auditor.demo.site import Response
from tests.sites import furniture

SITE_NAME = "青溪区测试站"
SITE_CODE = "3101140099"
HTML = "text/html; charset=utf-8"
NAV = (("要闻动态", "/faulty/col/ok/"), ("通知公告", "/faulty/col/hang/"), ("政策文件", "/faulty/col/err/"))
OK_ROWS = 8
OK_LATEST_OFFSET = 2  # the 要闻动态 list's newest row is as_of - 2
ARTICLE_BASE = 500


def _page(title: str, body: str, meta: dict[str, str] | None = None) -> bytes:
    metas = {"SiteName": SITE_NAME, "SiteIDCode": SITE_CODE, **(meta or {})}
    head = "\n".join(f'<meta name="{k}" content="{escape(v)}">' for k, v in metas.items())
    nav = "".join(f'<li><a href="{href}">{text}</a></li>' for text, href in NAV)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>
{head}
</head><body>
<div class="header"><h1>{SITE_NAME}</h1></div>
<div class="nav"><ul><li><a href="/faulty/">首页</a></li>{nav}</ul></div>
<div class="main">
{body}
</div>
{furniture.compliant_footer(SITE_CODE)}
</body></html>
""".encode()


class FaultySite(LocalSiteServer):
    home_path = "/faulty/"

    def __init__(
        self,
        as_of: date | None = None,
        *,
        hang_s: float = 60.0,
        port: int = 0,
        host: str = "127.0.0.1",
    ) -> None:
        super().__init__(port=port, host=host)
        self.as_of = as_of or date.today()
        self.hang_s = hang_s

    def url(self, path: str) -> str:
        return self.base_url + path

    def scenario_yaml(self, home_path: str | None = None) -> str:
        """A scenario for this site; home_path picks another home (e.g. "/faulty/hang-home/")."""
        return (
            f'site:\n  id: faulty\n  name: {SITE_NAME}\n  code: "{SITE_CODE}"\n  kind: portal\n'
            f"  home: {self.url(home_path or self.home_path)}\n"
        )

    def ok_dates(self) -> list[date]:
        """Publication dates of the 要闻动态 rows, newest first."""
        return [self.as_of - timedelta(days=OK_LATEST_OFFSET + 3 * index) for index in range(OK_ROWS)]

    def render(self, path: str) -> Response:
        path = path.split("?", 1)[0]
        if path in {"/faulty/", "/faulty/index.html"}:
            return Response(200, HTML, self._home())
        if path == "/faulty/hang-home/":
            return Response(200, HTML, self._home(), delay_s=self.hang_s)
        if path == "/faulty/500-home/":
            return Response(500, HTML, b"<html><body><h1>500 Internal Server Error</h1></body></html>")
        if path == furniture.BADGE_PATH:
            return Response(200, "image/png", furniture.BADGE_PNG)
        if path == "/faulty" + furniture.BOARD_PATH:
            return Response(200, HTML, _page("政务咨询", furniture.board_body(self.as_of)))
        if path == "/faulty/col/ok/":
            return Response(200, HTML, self._ok_list())
        if path == "/faulty/col/hang/":
            return Response(200, HTML, self._ok_list(), delay_s=self.hang_s)
        if path == "/faulty/col/err/":
            return Response(500, HTML, "<html><body><h1>服务器内部错误</h1></body></html>".encode())
        if path.startswith("/faulty/art/") and path.endswith(".html"):
            number = path.removeprefix("/faulty/art/").removesuffix(".html")
            if number.isdigit() and 0 <= int(number) - ARTICLE_BASE < OK_ROWS:
                return Response(200, HTML, self._article(int(number) - ARTICLE_BASE))
        return Response(404, HTML, _page("页面不存在", "<h2>404 页面不存在</h2>"))

    def _home(self) -> bytes:
        rows = "".join(
            f'<li><a href="/faulty/art/{ARTICLE_BASE + i}.html">测试新闻标题第{i + 1}条</a>'
            f'<span class="date">{day.isoformat()}</span></li>'
            for i, day in enumerate(self.ok_dates()[:5])
        )
        block = (
            '<div class="mod"><div class="mod-hd"><h3>要闻动态</h3>'
            '<a class="more" href="/faulty/col/ok/">更多&gt;&gt;</a></div>'
            f'<ul class="mod-list">{rows}</ul></div>'
        )
        return _page(SITE_NAME, block + furniture.entries("/faulty"))

    def _ok_list(self) -> bytes:
        rows = "\n".join(
            f'<li><a href="/faulty/art/{ARTICLE_BASE + i}.html">测试新闻标题第{i + 1}条</a>'
            f'<span class="date">{day.isoformat()}</span></li>'
            for i, day in enumerate(self.ok_dates())
        )
        meta = {"ColumnName": "要闻动态", "ColumnType": "要闻动态"}
        return _page(f"要闻动态_{SITE_NAME}", f'<ul class="list">\n{rows}\n</ul>', meta)

    def _article(self, index: int) -> bytes:
        day = self.ok_dates()[index]
        title = f"测试新闻标题第{index + 1}条"
        meta = {"ArticleTitle": title, "PubDate": f"{day.isoformat()} 09:30"}
        body = f"<h1>{title}</h1><p>发布时间：{day.isoformat()} 09:30</p><p>正文内容。</p>"
        return _page(title, body, meta)
