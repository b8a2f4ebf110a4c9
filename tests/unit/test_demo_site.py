"""The demo portal and the faulty test site over plain HTTP (urllib): no browser needed.

Dates read from the static pages must equal expected_latest() from tests/demo_expected.py, so the labels the
end-to-end tests judge the auditor against are checked against the pages themselves.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from auditor.demo import rows as demo_rows
from auditor.demo.server import DemoServer, scenario_yaml
from auditor.demo.site import render
from tests.demo_expected import EXPECTED_BY_ID, EXPECTED_COLUMNS, expected_latest

try:
    from tests.sites.faulty import FaultySite
except ModuleNotFoundError:  # plain `pytest` (not `python -m pytest`) leaves the repository root off sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.sites.faulty import FaultySite

# 2024-01-15: 政策文件's MM-DD rows (T-30 = 2023-12-16) fall in the previous calendar year.
T = date(2024, 1, 15)
ISO = r"(\d{4})-(\d{2})-(\d{2})"
NAV_AFTER_XXGK = ("政务服务", "办事指南", "互动交流", "区情概况", "工作动态")


class Fetched:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str, timeout: float = 10) -> Fetched:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return Fetched(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, dict(error.headers), error.read())


@pytest.fixture(scope="module")
def demo():
    with DemoServer(T) as server:
        yield server


def _dates(pattern: str, text: str) -> list[date]:
    return [date(int(y), int(m), int(d)) for y, m, d in re.findall(pattern, text)]


def _infer_year(month: int, day: int, as_of: date) -> date:
    candidate = date(as_of.year, month, day)
    return candidate if candidate <= as_of else date(as_of.year - 1, month, day)


def test_server_api(demo):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", demo.base_url)
    assert demo.home_url == demo.base_url + "/portal/"
    root = fetch(demo.base_url + "/")  # redirects to the portal home
    assert root.status == 200
    assert "/" in demo.request_log
    assert "/portal/" in demo.request_log


def test_request_log_is_complete_under_concurrency(demo):
    before = len(demo.request_log)
    urls = [demo.base_url + f"/portal/css/site.css?{i}" for i in range(20)]
    threads = [threading.Thread(target=fetch, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(demo.request_log) - before == 20


def test_home_page(demo):
    page = fetch(demo.home_url)
    assert page.status == 200
    assert "charset=utf-8" in page.headers["Content-Type"]
    html = page.text
    assert '<meta name="SiteName" content="青溪区人民政府">' in html
    assert '<meta name="SiteIDCode" content="3101140038">' in html
    nav = re.search(r'<div class="nav">(.*?)</div>', html, re.DOTALL).group(1)
    texts = re.findall(r">([^<>]+)</a>", nav)
    assert texts == ["首页", "要闻动态", "通知公告", "政策解读", "信息公开", *NAV_AFTER_XXGK]
    assert 'href="https://zwfw.example.gov.cn/"' in nav
    for column_id in ("ywdt", "bmdt", "xzdt", "tpxw", "tzgg", "xwfb", "sqdt"):
        col = EXPECTED_BY_ID[column_id]
        assert re.search(rf'id="mod-{column_id}".*?<a class="more" href="{col.path}"', html, re.DOTALL)
    assert 'href="/portal/zt/lszt/"' in html
    for text in ("主办单位：青溪区人民政府办公室", "联系电话：021-59990000", "网站标识码：3101140038"):
        assert text in html
    assert "沪ICP备05000001号-1" in html
    assert "沪公网安备 31011402000001号" in html
    assert f"©2003-{T.year} 版权所有" in html
    assert re.search(r"访问量：\d{7,}", html)
    assert f'href="{demo.base_url}/portal/wzdt.html">网站地图' in html


def test_no_resource_from_another_host(demo):
    for path in ("/portal/", "/portal/col/tzgg/", "/portal/col/tpxw/", "/portal/art/tpxw/1009.html"):
        html = fetch(demo.base_url + path).text
        for tag, url in re.findall(r"<(img|script|iframe|link)\b[^>]*?(?:src|href)=\"([^\"]*)\"", html):
            assert url.startswith(("/", demo.base_url)), f"{path}: <{tag}> loads {url}"


def test_home_blocks_show_newest_rows(demo):
    html = fetch(demo.home_url).text
    for column_id in ("ywdt", "tzgg", "xwfb", "sqdt"):
        block = re.search(rf'id="mod-{column_id}"(.*?)</ul>', html, re.DOTALL).group(1)
        found = _dates(rf'<span class="date">{ISO}</span>', block)
        assert 5 <= len(found) <= 8, column_id
        assert max(found) == expected_latest(EXPECTED_BY_ID[column_id], T), column_id
    cards = re.search(r'id="mod-tpxw"(.*?)</div></div>\n</div>', html, re.DOTALL).group(1)
    found = _dates(STATIC_LISTS["tpxw"][1], cards)
    assert max(found) == expected_latest(EXPECTED_BY_ID["tpxw"], T)
    bmdt = re.search(r'id="mod-bmdt"(.*?)</ul>', html, re.DOTALL).group(1)
    days = [_infer_year(int(m), int(d), T) for m, d in re.findall(r'<span class="date">(\d{2})-(\d{2})</span>', bmdt)]
    assert max(days) == expected_latest(EXPECTED_BY_ID["bmdt"], T)
    xzdt = re.search(r'id="mod-xzdt"(.*?)</script>', html, re.DOTALL).group(1)
    assert "加载中…" in xzdt
    assert "/portal/api/xzdt.json" in xzdt


def test_every_column_answers(demo):
    for col in EXPECTED_COLUMNS:
        page = fetch(demo.base_url + col.path)
        assert page.status == (500 if col.list_page_error else 200), col.id
        if col.page_kind == "list" and not col.list_page_error:
            html = page.body.decode("gbk" if col.id == "gzdt" else "utf-8")
            assert f'<meta name="ColumnName" content="{col.name}">' in html, col.id
            assert f'<meta name="ColumnType" content="{col.name}">' in html, col.id
            assert "当前位置：" in html, col.id


# Static lists: (page path, the date pattern of that column's markup).
STATIC_LISTS = {
    "ywdt": ("/portal/col/ywdt/", rf'<span class="date">{ISO}</span>'),
    "bmdt": ("/portal/col/bmdt/", rf'<td class="date">\[{ISO}\]</td>'),
    "tpxw": ("/portal/col/tpxw/", r'<span class="card-date">(\d{4})年(\d{1,2})月(\d{1,2})日</span>'),
    "tzgg": ("/portal/col/tzgg/list.html", rf'<span class="date">{ISO}</span>'),
    "zcjd": ("/portal/col/zcjd/", rf'document.write\("{ISO}"\)'),
    "xwfb": ("/portal/col/xwfb/", rf'<span class="time">发布时间：{ISO}</span>'),
    "ghjh": ("/portal/xxgk/ghjh/", rf"<td>{ISO}</td>"),
    "gsgg": ("/portal/xxgk/gsgg/", r'<span class="time">(\d{4})年(\d{2})月(\d{2})日</span>'),
    "zdxm": ("/portal/xxgk/zdxm/", rf'<span class="date">{ISO}</span>'),
    "zxzx": ("/portal/hdjl/zxzx/", rf"<td>{ISO}</td><td>已回复"),  # the 回复时间 column
    "zxft": ("/portal/hdjl/zxft/", rf'<span class="date">{ISO}</span>'),
    "lszt": ("/portal/zt/lszt/", rf'<span class="date">{ISO}</span>'),
    "bszn": ("/portal/bsfw/bszn/", rf'<span class="date">{ISO}</span>'),
}


@pytest.mark.parametrize("column_id", sorted(STATIC_LISTS))
def test_static_list_dates_equal_expected(demo, column_id):
    path, pattern = STATIC_LISTS[column_id]
    found = _dates(pattern, fetch(demo.base_url + path).text)
    assert 8 <= len(found) <= 20
    assert max(found) == expected_latest(EXPECTED_BY_ID[column_id], T)
    assert all(day <= T for day in found)


def test_gzdt_is_gbk(demo):
    page = fetch(demo.base_url + "/portal/col/gzdt/")
    assert page.headers["Content-Type"] == "text/html; charset=GBK"
    with pytest.raises(UnicodeDecodeError):
        page.body.decode("utf-8")
    html = page.body.decode("gbk")
    assert '<meta charset="gbk">' in html
    assert "工作动态" in html
    found = _dates(r'<span class="date">(\d{4})/(\d{1,2})/(\d{1,2})</span>', html)
    assert max(found) == expected_latest(EXPECTED_BY_ID["gzdt"], T)
    article = re.search(r'href="(/portal/art/gzdt/\d+\.html)"', html).group(1)
    assert "charset=GBK" in fetch(demo.base_url + article).headers["Content-Type"]


def test_zcwj_dates_have_no_year(demo):
    html = fetch(demo.base_url + "/portal/xxgk/zcwj/").text
    md = re.findall(r'<span class="date">(\d{2})-(\d{2})</span>', html)
    days = [_infer_year(int(m), int(d), T) for m, d in md]
    assert max(days) == expected_latest(EXPECTED_BY_ID["zcwj"], T)
    assert any(day.year < T.year for day in days)
    assert re.search(r"青府(?:办)?发〔\d{4}〕\d+号", html)


def test_pinned_row_comes_first(demo):
    html = fetch(demo.base_url + "/portal/col/ywdt/").text
    first = re.search(r"<li>(.*?)</li>", html[html.index('<ul class="list">') :]).group(1)
    assert '<span class="top">[置顶]</span>' in first
    assert _dates(ISO, first) == [T - timedelta(days=400)]


def test_picture_cards_are_not_sorted(demo):
    found = _dates(STATIC_LISTS["tpxw"][1], fetch(demo.base_url + "/portal/col/tpxw/").text)
    assert found[0] != max(found)
    assert found.index(max(found)) == len(found) // 2


def test_tzgg_list_lives_in_an_iframe(demo):
    outer = fetch(demo.base_url + "/portal/col/tzgg/").text
    assert '<iframe id="listFrame" name="listFrame" src="/portal/col/tzgg/list.html"' in outer
    assert "/portal/art/tzgg/" not in outer
    frame = fetch(demo.base_url + "/portal/col/tzgg/list.html").text
    ahead = T + timedelta(days=20)
    assert f"关于{ahead.year}年{ahead.month}月{ahead.day}日召开" in frame
    assert 'target="_parent"' in frame


def test_zcjd_static_text_has_no_date(demo):
    html = fetch(demo.base_url + "/portal/col/zcjd/").text
    without_scripts = re.sub(r"<script>.*?</script>", "", html, flags=re.DOTALL)
    listing = without_scripts[without_scripts.index('<ul class="list">') :]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", listing.split("</ul>")[0])


def test_js_lists_and_apis(demo):
    xzdt = fetch(demo.base_url + "/portal/col/xzdt/").text
    assert '<ul id="list" class="list"><li>加载中…</li></ul>' in xzdt
    api = fetch(demo.base_url + "/portal/api/xzdt.json")
    assert api.headers["Content-Type"].startswith("application/json")
    rows = json.loads(api.body)
    assert set(rows[0]) == {"title", "url", "date"}
    assert max(date.fromisoformat(row["date"]) for row in rows) == expected_latest(EXPECTED_BY_ID["xzdt"], T)
    assert fetch(demo.base_url + rows[0]["url"]).status == 200
    assert json.loads(fetch(demo.base_url + "/portal/api/tjxx.json").body) == []
    tjxx = fetch(demo.base_url + "/portal/xxgk/tjxx/").text
    assert '<ul class="list" id="tjlist"></ul>' in tjxx
    assert "/portal/api/tjxx.json" in tjxx


def test_blank_placeholder(demo):
    html = fetch(demo.base_url + "/portal/xxgk/czxx/").text
    area = html[html.index('<div class="list-con">') :]
    assert "暂无信息" in area
    assert "/portal/art/" not in area
    assert "共" not in area.split("</div>")[1]


def test_sqdt_list_is_500_but_home_block_has_dates(demo):
    page = fetch(demo.base_url + "/portal/col/sqdt/")
    assert page.status == 500
    assert "Internal Server Error" in page.text
    block = re.search(r'id="mod-sqdt"(.*?)</ul>', fetch(demo.home_url).text, re.DOTALL).group(1)
    assert block.count("<li>") == 6
    assert fetch(demo.base_url + re.search(r'href="([^"]+)"', block.split("mod-bd")[1]).group(1)).status == 200


def test_rsxx_dates_only_on_detail_pages(demo):
    html = fetch(demo.base_url + "/portal/xxgk/rsxx/").text
    listing = html[html.index('<ul class="list">') :].split("</ul>")[0]
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{2}-\d{2}", re.sub(r'href="[^"]*"', "", listing))
    first = re.search(r'href="(/portal/art/rsxx/\d+\.html)"', listing).group(1)
    article = fetch(demo.base_url + first).text
    latest = expected_latest(EXPECTED_BY_ID["rsxx"], T)
    assert re.search(rf'<meta name="PubDate" content="{latest.isoformat()} \d{{2}}:\d{{2}}">', article)
    assert f"发布时间：{latest.isoformat()}" in article
    written = date.fromisoformat(re.search(r"成文日期：(\d{4}-\d{2}-\d{2})", article).group(1))
    assert written < latest


def test_zdxm_trap_texts(demo):
    html = fetch(demo.base_url + "/portal/xxgk/zdxm/").text
    assert "有效期至：2099-12-31" in html
    assert f"报名截止：{(T + timedelta(days=10)).isoformat()}" in html
    assert "浏览次数：20210315" in html


def test_article_pages_match_rows(demo):
    for col in EXPECTED_COLUMNS:
        for row in demo_rows.column_rows(col.id, T):
            if row.href:  # listed here, served by another host (the 政务服务网 guide)
                assert not row.href.startswith("/"), (col.id, row.n)
                continue
            page = fetch(demo.base_url + demo_rows.article_path(col.id, row))
            assert page.status == 200, (col.id, row.n)
            html = page.body.decode("gbk" if "charset=GBK" in page.headers["Content-Type"] else "utf-8")
            stamp = f"{row.published:%Y-%m-%d %H:%M}"
            assert f'<meta name="PubDate" content="{stamp}">' in html
            assert f"发布时间：{stamp}" in html


def test_hubs_and_content_pages(demo):
    hub = fetch(demo.base_url + "/portal/xxgk/").text
    tree = hub[hub.index('<div class="xxgk-tree">') :].split("</ul>")[0]
    for column_id in ("zcwj", "rsxx", "ghjh", "gsgg", "czxx", "tjxx", "zdxm"):
        assert f'href="{column_id}/">{EXPECTED_BY_ID[column_id].name}<' in tree
    interaction = fetch(demo.base_url + "/portal/hdjl/").text
    assert 'href="/portal/hdjl/zxzx/"' in interaction
    assert 'href="/portal/hdjl/zxft/"' in interaction
    assert "成立于1958年" in fetch(demo.base_url + "/portal/qqgk/").text
    assert 'href="/portal/xxgk/zcwj/"' in fetch(demo.base_url + "/portal/wzdt.html").text


def test_static_assets_and_404(demo):
    assert fetch(demo.base_url + "/portal/css/site.css").headers["Content-Type"].startswith("text/css")
    assert fetch(demo.base_url + "/portal/js/common.js").status == 200
    for name in ("emblem", "banner", "pic1", "zt-lszt", "badge-dzjg"):
        image = fetch(demo.base_url + f"/portal/images/{name}.png")
        assert image.body.startswith(b"\x89PNG"), name
    assert fetch(demo.base_url + "/portal/no/such/page/").status == 404
    assert fetch(demo.base_url + "/portal/art/ywdt/9.html").status == 404


def test_pages_are_deterministic_and_move_with_t():
    first = render("/portal/col/ywdt/", T, "http://h")
    assert first.body == render("/portal/col/ywdt/", T, "http://h").body
    later = render("/portal/col/ywdt/", T + timedelta(days=100), "http://h").body.decode()
    assert (T + timedelta(days=99)).isoformat() in later


@pytest.mark.parametrize("as_of", [date(2023, 3, 1), date(2024, 2, 29), date(2024, 12, 31), date(2025, 7, 1)])
def test_latest_rows_follow_the_table_at_any_t(as_of):
    for col in EXPECTED_COLUMNS:
        rows = demo_rows.column_rows(col.id, as_of)
        # The newest activity: a board's replies (回复时间) are published later than its questions.
        newest = max(((r.replied.date() if r.replied else r.day) for r in rows), default=None)
        assert newest == expected_latest(col, as_of), col.id
        assert all(row.day <= as_of for row in demo_rows.column_rows(col.id, as_of))


# Window lengths in days, low and high (months vary): the labels must hold whatever T is.
WINDOW_DAYS = {"news": (14, 14), "notice_policy": (181, 184)} | dict.fromkeys(
    ("personnel_planning", "other"), (365, 366)
)
UNJUDGED_CLASSES = frozenset({"interaction", "interaction_excluded", "historical", "not_list"})


def test_labels_agree_with_the_windows():
    for col in EXPECTED_COLUMNS:
        if col.status in {"not_judged", "blank"}:
            assert col.status == "blank" or col.column_class in UNJUDGED_CLASSES
            continue
        low, high = WINDOW_DAYS[col.column_class]
        offset = col.latest_offset_days
        if col.status == "fresh":
            assert offset + 3 < low, col.id  # fresh, and not even within the 3-day warning
        elif col.status == "warning":
            assert offset < low <= offset + 3, col.id
        else:
            assert offset >= high, col.id


def test_scenario_yaml():
    text = scenario_yaml("http://127.0.0.1:8000/portal/")
    site = {"id": "qingxi", "name": "青溪区人民政府", "code": "3101140038", "kind": "portal"}
    assert yaml.safe_load(text) == {"site": {**site, "home": "http://127.0.0.1:8000/portal/"}}
    # The bundled scenario file is the real-host one (site_scenarios, checked in test_demo_sites.py).
    assert str(T) in scenario_yaml("http://x/portal/", T)


def test_faulty_site():
    with FaultySite(T, hang_s=30) as site:
        assert site.home_url == site.base_url + "/faulty/"
        home = fetch(site.home_url).text
        for path in ("/faulty/col/ok/", "/faulty/col/hang/", "/faulty/col/err/"):
            assert f'href="{path}"' in home
        ok = fetch(site.url("/faulty/col/ok/")).text
        assert max(_dates(rf'<span class="date">{ISO}</span>', ok)) == T - timedelta(days=2)
        assert fetch(site.url("/faulty/col/err/")).status == 500
        assert fetch(site.url("/faulty/500-home/")).status == 500
        assert fetch(site.url("/faulty/art/500.html")).status == 200
        # A hanging page neither answers nor blocks the others.
        with pytest.raises((TimeoutError, urllib.error.URLError)):
            fetch(site.url("/faulty/col/hang/"), timeout=0.5)
        with pytest.raises((TimeoutError, urllib.error.URLError)):
            fetch(site.url("/faulty/hang-home/"), timeout=0.5)
        assert fetch(site.url("/faulty/col/ok/"), timeout=2).status == 200
        started = time.monotonic()
    assert time.monotonic() - started < 3  # stop() did not wait for the hanging handlers
