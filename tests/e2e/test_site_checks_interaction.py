"""End to end: 互动回应差 ①② and 服务不实用 ① on two small local sites, through the real CLI.

Site HD (/hd/, dates relative to T):
    home       nav 互动交流 (hub) → 区长信箱 (a table board) and 在线访谈 (excluded); 办事服务 link
    区长信箱    留言时间 / 受理时间 / 回复时间 / 状态: one message answered T-200 after being asked T-330 (late),
               one asked T-150 still 办理中 (unanswered), one answered on time; page 2 via 下一页 with one more on time
    在线访谈    a list whose 访谈 rows carry 留言时间/回复时间 pairs that would be late: must be ignored
                                                                       -> interaction_unanswered (veto), nothing else
Site NO (/no/): news columns only, no consultation entry, no 办事服务    -> interaction_no_channel, service_none (veto)
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from auditor.demo.server import LocalSiteServer
from auditor.demo.site import Response
from tests.cli import run_auditor

pytestmark = pytest.mark.browser
HTML = "text/html; charset=utf-8"
MINE = {"interaction_unanswered", "interaction_no_channel", "service_none"}


class _Site(LocalSiteServer):
    def __init__(self, as_of: date) -> None:
        super().__init__()
        self.as_of = as_of

    def day(self, offset: int) -> str:
        return (self.as_of - timedelta(days=offset)).isoformat()

    def page(self, title: str, nav: str, main: str) -> bytes:
        return (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<div class="nav"><ul>{nav}</ul></div><div class="main">{main}</div>'
            '<div class="footer"><p>主办:某区人民政府</p></div></body></html>'
        ).encode()

    def news(self, base: str) -> str:
        rows = "".join(
            f'<li><a href="{base}gzdt/{n}.html">某区工作动态第{n}条</a><span>{self.day(n + 1)}</span></li>'
            for n in range(3)
        )
        return f'<div class="list"><ul>{rows}</ul></div>'


class InteractionSite(_Site):
    home_path = "/hd/"

    def nav(self) -> str:
        return (
            '<li><a href="/hd/">首页</a></li><li><a href="/hd/gzdt/">工作动态</a></li>'
            '<li><a href="/hd/hdjl/">互动交流</a></li><li><a href="/hd/bsfw/">办事服务</a></li>'
        )

    def board_rows(self, page: int) -> str:
        if page == 1:
            rows = [
                (1, "关于小区停车难的问题", self.day(330), self.day(329), self.day(200), "已回复"),
                (2, "咨询公租房申请条件", self.day(150), self.day(149), "", "办理中"),
                (3, "道路积水何时处理", self.day(60), self.day(59), self.day(40), "已办结"),
            ]
        else:
            rows = [(4, "社区养老服务点设置", self.day(250), self.day(249), self.day(230), "已回复")]
        body = "".join(
            f'<tr><td>{n}</td><td><a href="/hd/hdjl/qzxx/{n}.html">{t}</a></td><td>{a}</td><td>{s}</td>'
            f"<td>{r}</td><td>{st}</td></tr>"
            for n, t, a, s, r, st in rows
        )
        pager = '<div class="page"><a href="/hd/hdjl/qzxx/index_1.html">下一页</a></div>' if page == 1 else ""
        return (
            '<table class="msg"><tr><th>序号</th><th>留言标题</th><th>留言时间</th><th>受理时间</th>'
            f"<th>回复时间</th><th>状态</th></tr>{body}</table>{pager}"
        )

    def render(self, path: str) -> Response:
        path = path.split("?", 1)[0]
        nav = self.nav()
        if path == "/hd/":
            main = self.news("/hd/") + '<div class="box"><a href="/hd/hdjl/qzxx/">区长信箱</a></div>'
            return Response(200, HTML, self.page("HD区人民政府", nav, main))
        if path == "/hd/gzdt/":
            return Response(200, HTML, self.page("工作动态", nav, self.news("/hd/")))
        if path == "/hd/hdjl/":
            links = (
                '<ul><li><a href="/hd/hdjl/qzxx/">区长信箱</a></li><li><a href="/hd/hdjl/zxft/">在线访谈</a></li></ul>'
            )
            return Response(200, HTML, self.page("互动交流", nav, links))
        if path in {"/hd/hdjl/qzxx/", "/hd/hdjl/qzxx/index.html"}:
            return Response(200, HTML, self.page("区长信箱", nav, self.board_rows(1)))
        if path == "/hd/hdjl/qzxx/index_1.html":
            return Response(200, HTML, self.page("区长信箱", nav, self.board_rows(2)))
        if path == "/hd/hdjl/zxft/":
            rows = (
                f'<tr><td><a href="/hd/hdjl/zxft/1.html">在线访谈:民生实事</a></td><td>{self.day(330)}</td>'
                f"<td>{self.day(100)}</td><td>未回复</td></tr>"
            )
            table = f"<table><tr><th>访谈主题</th><th>留言时间</th><th>回复时间</th><th>状态</th></tr>{rows}</table>"
            return Response(200, HTML, self.page("在线访谈", nav, table))
        if path == "/hd/bsfw/":
            return Response(200, HTML, self.page("办事服务", nav, "<p>办事服务入口</p>"))
        if path.startswith(("/hd/gzdt/", "/hd/hdjl/")):
            return Response(200, HTML, self.page("详情", nav, "<h1>详情</h1><p>内容。</p>"))
        return Response(404, HTML, b"<html><body><h1>404 Not Found</h1></body></html>")


class BareSite(_Site):
    home_path = "/no/"

    def render(self, path: str) -> Response:
        path = path.split("?", 1)[0]
        nav = '<li><a href="/no/">首页</a></li><li><a href="/no/gzdt/">工作动态</a></li>'
        if path in {"/no/", "/no/gzdt/"}:
            return Response(200, HTML, self.page("NO镇人民政府", nav, self.news("/no/")))
        if path.startswith("/no/gzdt/"):
            return Response(200, HTML, self.page("详情", nav, "<h1>详情</h1><p>内容。</p>"))
        return Response(404, HTML, b"<html><body><h1>404 Not Found</h1></body></html>")


def _run(site: _Site, site_id: str, as_of: date, work) -> tuple:
    scenario = work / f"{site_id}.yaml"
    scenario.write_text(
        f'site:\n  id: {site_id}\n  name: {site_id}\n  code: "1234560001"\n  kind: portal\n  home: {site.home_url}\n'
        "  limits:\n    page_timeout_s: 5\n",
        encoding="utf-8",
    )
    done = run_auditor(
        "run",
        str(scenario),
        "--as-of",
        as_of.isoformat(),
        "--out",
        str(work / "out"),
        "--external-links",
        "skip",
        "-q",
        timeout=300,
    )
    bundle_path = work / "out" / site_id / "bundle.json"
    artifacts_path = work / "out" / site_id / "artifacts.json"
    bundle = json.loads(bundle_path.read_text("utf-8")) if bundle_path.exists() else None
    artifacts = json.loads(artifacts_path.read_text("utf-8")) if artifacts_path.exists() else None
    return done, bundle, artifacts


@pytest.fixture(scope="module")
def runs(as_of, tmp_path_factory):
    work = tmp_path_factory.mktemp("interaction")
    with InteractionSite(as_of) as hd, BareSite(as_of) as bare:
        return (*_run(hd, "hd", as_of, work), hd.home_url), (*_run(bare, "bare", as_of, work), bare.home_url)


def test_the_board_site_has_exactly_the_unanswered_veto(runs, as_of):
    (done, bundle, artifacts, home), _ = runs
    assert bundle is not None, done.stderr
    mine = [(f["code"], f["severity"]) for f in bundle["findings"] if f["code"] in MINE]
    assert mine == [("interaction_unanswered", "veto")]
    (finding,) = [f for f in bundle["findings"] if f["code"] == "interaction_unanswered"]
    assert finding["target"]["url"] == home + "hdjl/qzxx/"
    got = [(m["title"], m["verdict"], m["days"]) for m in finding["observed"]["messages"]]
    assert got == [("关于小区停车难的问题", "late", 130), ("咨询公租房申请条件", "unanswered", 150)]
    assert "interaction_unanswered" in [v["code"] for v in bundle["verdict"]["vetoes"]]
    boards = {b["name"]: b for b in artifacts["interaction"]["boards"]}
    assert boards["在线访谈"]["kind"] == "excluded"
    assert boards["在线访谈"]["messages"] == []
    assert boards["区长信箱"]["pages_read"] == 2
    assert len(boards["区长信箱"]["messages"]) == 4
    # The flagged rows are outlined on a rendered, screenshotted list page.
    shots = {p["id"]: p["screenshot_path"] for p in artifacts["pages"]}
    assert shots.get(finding["target"]["page_id"])
    assert finding["target"]["rect"] is not None


def test_the_bare_site_has_no_channel_and_no_service(runs):
    _, (done, bundle, _artifacts, home) = runs
    assert bundle is not None, done.stderr
    mine = sorted((f["code"], f["severity"], f["target"]["url"]) for f in bundle["findings"] if f["code"] in MINE)
    assert mine == [("interaction_no_channel", "veto", home), ("service_none", "veto", home)]
    assert bundle["rules"]["interaction_unanswered"]["outcome"] == "not_applicable"
