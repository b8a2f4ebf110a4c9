"""Platform adapters and the new-media page reader on saved rendered pages (tests/fixtures/newmedia/).

The rule built on these readings is a veto (不更新), so the cases pin down both sides: the posts and dates a page
really shows, and every page that must never be read as an account's posts (walls, captchas, deleted accounts,
recommendations, a news post quoting "该账号已注销").
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from lxml.cssselect import CSSSelector

from auditor.extract.html import parse
from auditor.extract.newmedia import read_account_page, snapshot_time
from auditor.platforms import ADAPTERS, PLATFORM_ZH, Markers, PlatformAdapter, platform_of_url

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "newmedia"
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))["cases"]
SHANGHAI_T = datetime.fromisoformat("2021-03-21T10:00:00+08:00")
OWNED = ("wechat", "weibo", "douyin", "dayu", "netease", "toutiao", "bilibili", "kuaishou")
NOTICE_PLATFORMS = ("wechat", "weibo", "douyin", "dayu", "netease")  # the five of the Shanghai notice


def _read(case: dict, html: str | None = None):
    if html is None:
        html = (FIXTURES / case["file"]).read_text(encoding="utf-8")
    return read_account_page(
        html,
        ADAPTERS[case["platform"]],
        reference=datetime.fromisoformat(case["reference"]),
        page_id="page-1",
        base_url=case["base_url"],
    )


def _latest_unpinned(posts) -> date | None:
    dates = [post.latest for post in posts if not post.pinned and post.latest is not None]
    return max(dates) if dates else None


def _assert_case(reading, case: dict) -> None:
    assert reading.state == case["state"], reading.state_evidence
    assert len(reading.posts) == case["posts"]
    assert [i for i, post in enumerate(reading.posts) if post.pinned] == case["pinned"]
    latest = _latest_unpinned(reading.posts)
    assert (latest.isoformat() if latest else None) == case["latest"]
    assert [post.time_text for post in reading.posts] == case["time_texts"]
    assert reading.account_name == case["account_name"]
    assert reading.state_evidence


# ---------------------------------------------------------------- the saved pages


def test_the_cases_cover_what_the_notice_needs():
    files = {case["file"] for case in CASES}
    assert files == {str(path.relative_to(FIXTURES)) for path in FIXTURES.glob("*/*.html")}
    per_platform = {platform: sum(case["platform"] == platform for case in CASES) for platform in OWNED}
    assert all(per_platform[p] >= 2 for p in NOTICE_PLATFORMS), per_platform
    assert all(count >= 1 for count in per_platform.values()), per_platform
    states = {case["state"] for case in CASES}
    assert {"posts", "login_wall", "captcha", "deleted", "no_posts", "unknown"} <= states
    window_start = SHANGHAI_T.date() - timedelta(days=13)
    latest = [date.fromisoformat(case["latest"]) for case in CASES if case["latest"]]
    assert any(day >= window_start for day in latest)
    assert any(day < window_start for day in latest)


@pytest.mark.parametrize("case", [c for c in CASES if not c.get("rendered")], ids=lambda c: c["file"])
def test_saved_page(case):
    _assert_case(_read(case), case)


@pytest.mark.parametrize("case", [c for c in CASES if c.get("rendered")], ids=lambda c: c["file"])
def test_a_page_as_served_before_its_script_ran_is_unknown_never_stale(case):
    reading = _read(case)
    assert reading.state == "unknown"
    assert reading.posts == []


@pytest.mark.parametrize("case", [c for c in CASES if c["posts"] and not c.get("rendered")], ids=lambda c: c["file"])
def test_each_post_points_back_at_its_element(case):
    html = (FIXTURES / case["file"]).read_text(encoding="utf-8")
    reading = _read(case)
    root = parse(html)
    for post in reading.posts:
        assert post.node is not None
        assert post.node.page_id == "page-1"
        found = CSSSelector(post.node.selector)(root)
        assert len(found) == 1
        assert post.node.snippet
        assert post.text
        assert len(post.text) <= 80
        assert post.url is None or post.url.startswith(("http://", "https://"))
        assert (post.earliest is None) == (post.latest is None)


def test_a_weibo_post_links_to_its_permalink_not_to_a_hashtag_or_the_author():
    case = next(c for c in CASES if c["file"] == "weibo/u_fresh_pinned.html")
    urls = [post.url for post in _read(case).posts]
    assert urls[0] == "https://weibo.com/7654321098/JaBcD1234"
    assert all(url and "/u/" not in url for url in urls)


def test_a_wechat_album_item_links_to_its_article():
    case = next(c for c in CASES if c["file"] == "wechat/album_fresh.html")
    post = _read(case).posts[0]
    assert post.url is not None
    assert post.url.startswith("http://mp.weixin.qq.com/s?__biz=MzA4NjEyMzQ1Ng==&mid=2652301234")


# ---------------------------------------------------------------- precision


def _weibo_page(feed: str, outside: str = "") -> str:
    return f"""<html><body><main>{outside}<div class="vue-recycle-scroller">{feed}</div></main></body></html>"""


def _weibo_card(text: str, shown: str = "昨天 18:02", title: str = "2021-03-20 18:02", badge: str = "") -> str:
    return (
        f'<article class="woo-panel-main Feed_wrap_3v9LH">{badge}<header class="woo-box-flex">'
        f'<a class="head_name_24eEB" href="/u/7654321098">青溪发布</a>'
        f'<a class="head-info_time_6sFQg" title="{title}" href="https://weibo.com/7654321098/Kx1">{shown}</a>'
        f'</header><div class="detail_wbtext_4CRf9">{text}</div></article>'
    )


def _weibo(html: str):
    return read_account_page(
        html, ADAPTERS["weibo"], reference=SHANGHAI_T, page_id="p", base_url="https://weibo.com/u/7654321098"
    )


def test_a_post_saying_the_deleted_phrase_does_not_make_the_account_deleted():
    reading = _weibo(_weibo_page(_weibo_card("【辟谣】网传青溪发布“该账号已注销”系谣言，本号正常运营。")))
    assert reading.state == "posts"
    assert reading.posts[0].latest == date(2021, 3, 20)


def test_the_deleted_phrase_as_the_page_notice_makes_it_deleted_even_over_cached_posts():
    notice = '<div class="Empty_wrap_3MH7e"><p class="Empty_text_3zZqe">该账号<b>已注销</b></p></div>'
    reading = _weibo(_weibo_page(_weibo_card("春分到了"), outside=notice))
    assert reading.state == "deleted"
    assert "该账号已注销" in (reading.state_evidence or "")
    assert reading.posts == []


def test_the_deleted_phrase_in_a_recommended_headline_link_is_not_the_page_notice():
    sidebar = '<div class="Main_side_i7Vti"><a href="https://s.weibo.com/x">某明星回应：该账号已注销</a></div>'
    assert _weibo(_weibo_page(_weibo_card("春分到了"), outside=sidebar)).state == "posts"


def test_a_hidden_deleted_template_is_not_a_state_the_page_is_in():
    hidden = (
        '<div class="weui-msg" style="display: none"><p>该账号已注销</p></div><template><p>账号已被封禁</p></template>'
    )
    assert _weibo(_weibo_page(_weibo_card("春分到了"), outside=hidden)).state == "posts"
    assert _weibo(_weibo_page("", outside=hidden)).state == "unknown"


def test_a_login_banner_above_posts_does_not_hide_them():
    banner = '<div class="LoginCard_wrap_1IjV3">登录后查看更多精彩内容</div>'
    assert _weibo(_weibo_page(_weibo_card("春分到了"), outside=banner)).state == "posts"
    assert _weibo(_weibo_page("", outside=banner)).state == "login_wall"


def test_pinned_is_a_badge_not_a_word_in_the_text():
    cards = [
        _weibo_card("欢迎把青溪发布置顶，第一时间获取权威信息"),
        _weibo_card("【置顶】青溪区政务服务热线12345"),
        _weibo_card(
            "春分到了", badge='<div class="title_wrap_3L_Pn"><span class="title_title_2JGBm">置顶</span></div>'
        ),
        _weibo_card("春分到了", badge='<span class="title_title_2JGBm" style="display:none">置顶</span>'),
        _weibo_card("(置顶设置说明)如何设置特别关注"),
    ]
    reading = _weibo(_weibo_page("".join(cards)))
    assert [post.pinned for post in reading.posts] == [False, True, True, False, False]


def test_a_repost_is_read_by_its_own_time_not_its_originals():
    original = (
        '<article class="woo-panel-main Feed_wrap_3v9LH"><header><a class="head-info_time_6sFQg" '
        'title="2020-01-01 08:00">20-1-1 08:00</a></header><div>原微博</div></article>'
    )
    card = _weibo_card("转发微博" + original)
    reading = _weibo(_weibo_page(card))
    assert len(reading.posts) == 1
    assert reading.posts[0].latest == date(2021, 3, 20)


def test_an_empty_time_element_falls_to_the_next_and_an_unreadable_one_to_the_generic_reading():
    empty_first = _weibo_card("A", shown="", title="").replace(
        "</header>", '<a class="head-info_time_6sFQg" title="2021-03-19 09:00">3-19 09:00</a></header>'
    )
    assert _weibo(_weibo_page(empty_first)).posts[0].latest == date(2021, 3, 19)
    unreadable_first = _weibo_card("B", shown="编辑过", title="").replace(
        "</header>", '<a class="head-info_time_6sFQg" title="2020-01-01 09:00">20-1-1</a></header>'
    )
    reading = _weibo(_weibo_page(unreadable_first))
    # The adapter's first time element is unreadable: the card's time is then read by its look, and the reading
    # is marked generic (the account can then be found fresh, never stale: computed/account_status.py).
    assert reading.state == "posts"
    assert reading.generic
    assert reading.posts[0].time_text == "20-1-1"
    assert reading.posts[0].latest == date(2020, 1, 1)


def test_the_attribute_time_wins_over_the_relative_text():
    # A snapshot read days later: the shown 昨天 would resolve against the wrong day, the title does not.
    card = _weibo_card("A", shown="昨天 18:02", title="2021-03-10 18:02")
    post = _weibo(_weibo_page(card)).posts[0]
    assert (post.time_text, post.earliest, post.latest) == ("昨天 18:02", date(2021, 3, 10), date(2021, 3, 10))


def test_raw_epoch_times_are_read_in_shanghai_and_future_ones_are_not():
    adapter = ADAPTERS["wechat"]

    def item(stamp: str) -> str:
        return (
            f'<li class="album__list-item" data-link="https://mp.weixin.qq.com/s?__biz=X&amp;mid=1">'
            f'<div class="album__item-title">标题</div><span class="js_article_create_time">{stamp}</span></li>'
        )

    # 2021-03-20 16:30 UTC is 2021-03-21 00:30 in Shanghai.
    page = f"<ul>{item('1616257800')}{item('1616257800000')}{item('1716257800')}{item('123')}</ul>"
    reading = read_account_page(page, adapter, reference=SHANGHAI_T, page_id="p", base_url="https://mp.weixin.qq.com/")
    assert [post.latest for post in reading.posts] == [date(2021, 3, 21), date(2021, 3, 21), None, None]


def test_a_selector_marker_needs_a_filled_element():
    adapter = ADAPTERS["douyin"]
    base = "https://www.douyin.com/user/MS4wLjABAAAA"

    def read(html):
        return read_account_page(html, adapter, reference=SHANGHAI_T, page_id="p", base_url=base)

    assert read('<div id="captcha_container"></div>').state == "unknown"
    assert read('<div id="captcha_container"><iframe src="https://verify.snssdk.com/"></iframe></div>').state == (
        "captcha"
    )
    assert read('<div id="captcha_container" style="display:none"><iframe></iframe></div>').state == "unknown"


def test_timeless_posts_behind_a_login_wall_are_a_login_wall():
    adapter = ADAPTERS["douyin"]
    html = (
        '<div data-e2e="user-post-list"><ul data-e2e="scroll-list"><li><a href="/video/1"><p>视频</p></a></li></ul>'
        '</div><div id="login-full-panel"><p>扫码登录</p></div>'
    )
    reading = read_account_page(html, adapter, reference=SHANGHAI_T, page_id="p", base_url="https://www.douyin.com/")
    assert reading.state == "login_wall"
    assert len(reading.posts) == 1


@pytest.mark.parametrize("platform", OWNED)
@pytest.mark.parametrize(
    "html",
    [
        "",
        "\x00\x01\x02\xff\ufffd" * 50,
        "<html><body>" + "<div>" * 3000 + "该账号" + "</div>" * 3000 + "</body></html>",
        "<?xml version='1.0' encoding='gbk'?><html><body><p>暂无</p></body></html>",
        "<html><body><li class='album__list-item'><span class='js_article_create_time'>99999999999999</span></li>",
        "<<<>>>&&&<script>该账号已注销</script><!-- 该账号已注销 -->",
    ],
    ids=["empty", "junk", "deep", "xml-decl", "odd-epoch", "broken"],
)
def test_odd_pages_never_raise(platform, html):
    reading = read_account_page(html, ADAPTERS[platform], reference=SHANGHAI_T, page_id="p", base_url="about:blank")
    assert reading.state in {"unknown", "posts", "no_posts"}


def test_a_huge_page_is_read():
    card = _weibo_card("春分到了")
    reading = _weibo(_weibo_page(card * 2000))
    assert len(reading.posts) == 2000


# ---------------------------------------------------------------- snapshot time


def test_snapshot_time_from_the_memento_header():
    moment, source = snapshot_time({"memento-datetime": "Sun, 21 Mar 2021 02:00:00 GMT"}, "") or (None, None)
    assert source == "memento_header"
    assert moment == datetime.fromisoformat("2021-03-21T10:00:00+08:00")
    assert moment is not None
    assert moment.utcoffset() == timedelta(hours=8)


def test_snapshot_time_from_the_page_meta_naive_is_shanghai():
    html = '<html><head><meta name="snapshot-time" content="2021-03-21T09:30:00"></head><body></body></html>'
    assert snapshot_time({}, html) == (datetime.fromisoformat("2021-03-21T09:30:00+08:00"), "snapshot_meta")
    utc = '<meta content="2021-03-20T16:00:00Z" name="snapshot-time">'
    moment, source = snapshot_time({}, utc) or (None, None)
    assert (moment, source) == (datetime.fromisoformat("2021-03-21T00:00:00+08:00"), "snapshot_meta")


def test_a_bad_memento_header_falls_back_to_the_meta():
    html = '<meta name="snapshot-time" content="2021-03-19T12:00:00+08:00">'
    assert snapshot_time({"Memento-Datetime": "yesterday"}, html) == (
        datetime.fromisoformat("2021-03-19T12:00:00+08:00"),
        "snapshot_meta",
    )


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html></html>",
        '<meta name="snapshot-time" content="不是时间">',
        "\x00" * 100,
        '<meta name="other" content="x">',
    ],
)
def test_no_snapshot_time(html):
    assert snapshot_time({"Content-Type": "text/html"}, html) is None


def test_the_saved_stale_album_declares_its_snapshot_time():
    html = (FIXTURES / "wechat/album_stale_epoch.html").read_text(encoding="utf-8")
    assert snapshot_time({}, html) == (SHANGHAI_T, "snapshot_meta")


# ---------------------------------------------------------------- the adapters themselves


def test_every_platform_has_one_adapter_with_its_notice_name():
    assert set(OWNED) <= set(ADAPTERS)
    for platform in OWNED:
        adapter = ADAPTERS[platform]
        assert adapter.platform == platform
        assert adapter.name_zh == PLATFORM_ZH[platform]


def _selectors(adapter: PlatformAdapter) -> list[str]:
    markers: list[Markers] = [adapter.pinned, adapter.login_wall, adapter.captcha, adapter.deleted, adapter.no_posts]
    single = [adapter.post, adapter.post_time, adapter.post_title, adapter.wait_for, adapter.account_name]
    return [s for s in single if s] + [s for m in markers for s in m.selectors]


@pytest.mark.parametrize("platform", OWNED)
def test_adapter_selectors_parse_with_cssselect(platform):
    adapter = ADAPTERS[platform]
    for selector in _selectors(adapter):
        CSSSelector(selector)
        assert ":has(" not in selector
        assert ":visible" not in selector
    assert adapter.deleted.texts
    assert adapter.captcha.texts or adapter.captcha.selectors
    assert adapter.no_posts.texts


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://mp.weixin.qq.com/mp/appmsgalbum?__biz=MzA4NjEyMzQ1Ng==&action=getalbum&album_id=1", "wechat"),
        ("https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzA4NjEyMzQ1Ng==", "wechat"),
        ("https://weibo.com/u/7654321098", "weibo"),
        ("https://www.weibo.com/qingxifabu", "weibo"),
        ("https://m.weibo.cn/u/5523456789", "weibo"),
        ("https://weibo.cn/u/5523456789", "weibo"),
        ("https://www.douyin.com/user/MS4wLjABAAAAq1x2", "douyin"),
        ("https://www.iesdouyin.com/share/user/MS4wLjABAAAAq1x2", "douyin"),
        ("https://a.mp.uc.cn/media.html?mid=3c5e7a9b", "dayu"),
        ("https://mparticle.uc.cn/article.html?wm_aid=a0b1", "dayu"),
        ("https://mp.dayu.com/dashboard", "dayu"),
        ("https://www.163.com/dy/media/T1603594732083.html", "netease"),
        ("https://dy.163.com/v2/media/homepage/T1603594732083.html", "netease"),
        ("https://c.m.163.com/news/sub/T1603594732083.html", "netease"),
        ("https://www.toutiao.com/c/user/token/MS4wLjABAAAA/", "toutiao"),
        ("https://m.toutiao.com/profile/123/", "toutiao"),
        ("https://space.bilibili.com/20210321/video", "bilibili"),
        ("https://b23.tv/AbCdEf", "bilibili"),
        ("https://www.kuaishou.com/profile/3xqingxixiaofang", "kuaishou"),
        ("https://live.kuaishou.com/profile/3xqingxixiaofang", "kuaishou"),
        ("HTTPS://WEIBO.COM/u/1", "weibo"),
    ],
)
def test_platform_of_url(url, platform):
    assert platform_of_url(url) == platform


@pytest.mark.parametrize(
    "url",
    [
        "https://www.qingxi.gov.cn/xwzx/",
        "https://weibo.com.qingxi.cn/u/1",
        "https://notweibo.com/u/1",
        "https://uc.cn/",
        "https://news.qq.com/rain/a/1",
        "not a url",
        "http://[::1",
        "",
    ],
)
def test_a_url_of_no_platform(url):
    assert platform_of_url(url) is None


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"])
def test_each_case_url_is_its_platforms(case):
    assert platform_of_url(case["base_url"]) == case["platform"]


# ---------------------------------------------------------------- a real render


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's own parameter name
        pass


@pytest.fixture(scope="module")
def fixture_server():
    handler = functools.partial(_QuietHandler, directory=str(FIXTURES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.mark.browser
@pytest.mark.parametrize("case", [c for c in CASES if c.get("rendered")], ids=lambda c: c["file"])
def test_a_script_built_page_is_read_from_its_rendered_dom(page, fixture_server, case):
    adapter = ADAPTERS[case["platform"]]
    page.goto(f"{fixture_server}/{case['file']}")
    assert adapter.wait_for
    page.wait_for_selector(adapter.wait_for, state="attached", timeout=10_000)
    _assert_case(_read(case, page.content()), case)
