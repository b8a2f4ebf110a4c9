"""End to end: 首页不更新 and the footer identifiers on a small local site, through the real CLI.

The site 'ZX区人民政府' (served here on 127.0.0.1, every date relative to T):

    home /zx/      blocks 工作动态 (MM-DD rows, newest T-30), 通知公告 (newest T-20), 图片新闻 (undated rows whose
                   articles carry PubDate T-25): nothing in the 14 days                    -> homepage_stale (veto)
    home footer    网站标识码 (right code), 鄂ICP备05009168 (no 号), NO 公网安备, the 找错 link (right site_code),
                   the 党政机关 badge written by a script at load time (only in the rendered DOM)
                                                                                           -> footer_missing_psb
    inner pages    the same footer without the ICP line (a template of their own), badge by script
                                                                                           -> footer_missing_icp
No footer_missing_site_code / party_label / error_report, and no footer_site_code_mismatch: the script-written
badge must be read from the rendered inner pages, the ICP form without 号 on the home page must be read.
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
CODE = "4201060007"
MINE = {
    "homepage_stale",
    "footer_missing_site_code",
    "footer_site_code_mismatch",
    "footer_missing_icp",
    "footer_missing_psb",
    "footer_missing_party_label",
    "footer_missing_error_report",
}
COLUMNS = (("gzdt", "工作动态", 30), ("tzgg", "通知公告", 20), ("zcwj", "政策文件", 60))
BADGE_JS = (
    "(function(){var s=document.getElementById('_ideConac');if(!s)return;"
    's.innerHTML=\'<a href="https://bszs.conac.cn/sitename?method=show&id=ZX0001" target="_blank">'
    '<img src="/zx/img/red.gif" title="党政机关"></a>\';})();'
)
GIF = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


class FooterHomeSite(LocalSiteServer):
    home_path = "/zx/"

    def __init__(self, as_of: date) -> None:
        super().__init__()
        self.as_of = as_of

    def day(self, offset: int) -> date:
        return self.as_of - timedelta(days=offset)

    def footer(self, *, icp: bool) -> str:
        icp_line = '<a href="https://beian.miit.gov.cn/" target="_blank">鄂ICP备05009168</a>' if icp else ""
        return (
            '<div class="footer"><div class="foot-links"><a href="/zx/wzdt/">网站地图</a> <a href="/zx/lxwm/">联系我们</a></div>'
            f"<p>主办：ZX区人民政府办公室 电话：027-88880000</p><p>网站标识码：{CODE} {icp_line}</p>"
            f'<p><a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={CODE}&url=http%3A%2F%2Fzx">'
            '<img src="/zx/img/jiucuo.gif" alt="我为政府网站找错"></a> <span id="_ideConac"></span></p>'
            '<script src="/zx/js/conac.js"></script></div>'
        )

    def page(self, title: str, main: str, *, icp: bool, head: str = "") -> str:
        nav = "".join(f'<li><a href="/zx/{path}/">{name}</a></li>' for path, name, _ in COLUMNS)
        return (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="SiteIDCode" content="{CODE}">{head}</head><body>'
            f'<div class="header"><span>今天是{self.as_of:%Y年%m月%d日}</span></div>'
            f'<div class="nav"><ul><li><a href="/zx/">首页</a></li>{nav}</ul></div>'
            f'<div class="main">{main}</div>{self.footer(icp=icp)}</body></html>'
        )

    def rows(self, path: str, newest: int, *, short: bool) -> list[tuple[str, str, str]]:
        out = []
        for n in range(5):
            day = self.day(newest + 9 * n)
            shown = f"{day:%m-%d}" if short else day.isoformat()
            out.append((f"/zx/{path}/{day:%Y%m}/t{day:%Y%m%d}_{n}.html", f"ZX区{path}信息第{n}条工作情况通报", shown))
        return out

    def home(self) -> str:
        blocks = ""
        for path, name, newest in COLUMNS[:2]:
            items = "".join(
                f'<li><a href="{href}">{title}</a><span class="date">{shown}</span></li>'
                for href, title, shown in self.rows(path, newest, short=path == "gzdt")
            )
            blocks += f'<div class="box"><div class="box-hd"><h3>{name}</h3><a href="/zx/{path}/">更多</a></div><ul>{items}</ul></div>'
        pictures = "".join(
            f'<li><a href="/zx/tpxw/{n}.html"><img src="/zx/img/p{n}.gif" alt="">图片新闻第{n}组活动剪影</a></li>'
            for n in range(3)
        )
        blocks += f'<div class="slide"><ul>{pictures}</ul></div>'
        return self.page("ZX区人民政府", blocks, icp=True)

    def render(self, path: str) -> Response:
        path = path.split("?", 1)[0]
        if path == "/zx/":
            return Response(200, HTML, self.home().encode())
        if path in {"/zx/wzdt/", "/zx/lxwm/"}:
            return Response(
                200, HTML, self.page("网站地图", "<h1>网站地图</h1><p>本站栏目一览。</p>", icp=False).encode()
            )
        if path == "/zx/js/conac.js":
            return Response(200, "application/javascript", BADGE_JS.encode())
        if path.startswith("/zx/img/"):
            return Response(200, "image/gif", GIF)
        if path.startswith("/zx/tpxw/"):
            day = self.day(25)
            head = f'<meta name="PubDate" content="{day.isoformat()} 09:00">'
            return Response(
                200, HTML, self.page("图片新闻", "<h1>图片新闻</h1><p>活动剪影。</p>", icp=False, head=head).encode()
            )
        for column, name, newest in COLUMNS:
            if path == f"/zx/{column}/":
                items = "".join(
                    f'<li><a href="{href}">{title}</a><span>{shown}</span></li>'
                    for href, title, shown in self.rows(column, newest, short=False)
                )
                return Response(
                    200, HTML, self.page(name, f'<div class="list"><ul>{items}</ul></div>', icp=False).encode()
                )
            if path.startswith(f"/zx/{column}/"):
                for href, title, shown in self.rows(column, newest, short=False):
                    if href == path:
                        head = f'<meta name="PubDate" content="{shown}">'
                        body = f"<h1>{title}</h1><p>发布时间：{shown}</p><p>正文内容。</p>"
                        return Response(200, HTML, self.page(title, body, icp=False, head=head).encode())
        return Response(404, HTML, b"<html><body><h1>404 Not Found</h1></body></html>")


@pytest.fixture(scope="module")
def run(as_of, tmp_path_factory):
    work = tmp_path_factory.mktemp("footer_home")
    with FooterHomeSite(as_of) as site:
        scenario = work / "zx.yaml"
        scenario.write_text(
            f'site:\n  id: zx\n  name: ZX区人民政府\n  code: "{CODE}"\n  kind: portal\n  home: {site.home_url}\n'
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
        bundle_path = work / "out" / "zx" / "bundle.json"
        artifacts_path = work / "out" / "zx" / "artifacts.json"
        bundle = json.loads(bundle_path.read_text("utf-8")) if bundle_path.exists() else None
        artifacts = json.loads(artifacts_path.read_text("utf-8")) if artifacts_path.exists() else None
        return done, bundle, artifacts, site


def test_exactly_these_findings_of_the_footer_and_home_rules(run):
    done, bundle, _, site = run
    assert bundle is not None, done.stderr
    mine = {(f["code"], f["severity"]) for f in bundle["findings"] if f["code"] in MINE}
    assert mine == {
        ("homepage_stale", "veto"),
        ("footer_missing_psb", "deduction"),
        ("footer_missing_icp", "deduction"),
    }
    assert {f["target"]["url"] for f in bundle["findings"] if f["code"] in MINE} == {site.home_url}


def test_the_veto_and_what_it_read(run, as_of):
    _, bundle, _, _ = run
    assert bundle["verdict"]["qualified"] is False
    assert "homepage_stale" in [v["code"] for v in bundle["verdict"]["vetoes"]]
    (stale,) = [f for f in bundle["findings"] if f["code"] == "homepage_stale"]
    assert stale["observed"]["newest"]["date"] == (as_of - timedelta(days=20)).isoformat()
    assert stale["observed"]["articles_checked"] >= 1


def test_footer_values_are_recorded_and_the_icp_finding_names_inner_pages(run):
    _, bundle, artifacts, site = run
    (icp,) = [f for f in bundle["findings"] if f["code"] == "footer_missing_icp"]
    assert icp["message_zh"].startswith("首页页面底部已列明ICP备案编号")
    assert icp["observed"]["values"][site.home_url] == ["鄂ICP备05009168号"]
    assert len(icp["observed"]["missing_on"]) >= 3
    assert artifacts is not None
    footers = artifacts["footers"]
    home = footers[0]
    assert home["page_id"] == "home"
    assert {i["kind"] for i in home["identifiers"] if i["source"] != "meta"} == {
        "site_code",
        "icp",
        "party_label",
        "error_report",
    }
    # Inner pages' badges are written by script: read from their rendered DOM, screenshotted for the ICP finding.
    inner = [f for f in footers[1:] if f["error"] is None]
    assert len(inner) >= 3
    assert all(f["rendered"] for f in inner)
    assert all(any(i["kind"] == "party_label" for i in f["identifiers"]) for f in inner)
    shots = {p["id"]: p["screenshot_path"] for p in artifacts["pages"]}
    assert icp["target"]["page_id"] in shots
    assert shots[icp["target"]["page_id"]]
