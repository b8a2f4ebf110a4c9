"""The home-updates gatherer with a fake fetcher: which articles it opens, what dates it takes, second-level pages."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from auditor.gather.home_updates import HomeUpdatesGatherer
from auditor.gather.http import HttpPage
from auditor.model.artifacts import ColumnFacts, ListItem, PageFacts
from auditor.settings import default_indicators
from auditor.settings.runtime import RUNTIME
from tests import aio

T = date(2021, 3, 21)
HOME = "http://www.qx.gov.cn/"


class FakePages:
    def __init__(self, answers: dict[str, tuple[int, str]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def fetch(self, url: str, *, max_bytes: int | None = None) -> HttpPage:
        self.asked.append(url)
        status, text = self.answers.get(url, (404, ""))
        return HttpPage(
            url, url, status, "text/html; charset=utf-8", text, None if status < 400 else "HTTP", False, 1.0
        )


def gatherer(pages: FakePages, *, limit: int = 6) -> HomeUpdatesGatherer:
    ctx = SimpleNamespace(
        options=SimpleNamespace(as_of=T),
        settings=default_indicators(),
        runtime=SimpleNamespace(home_articles_checked=limit),
        in_scope=lambda url: url.startswith(HOME),
    )
    return HomeUpdatesGatherer(ctx, pages, SimpleNamespace())  # type: ignore[arg-type]


def home_html(rows: str) -> str:
    return f'<html><body><div class="main"><ul class="list">{rows}</ul></div></body></html>'


def article(pubdate: str) -> str:
    return f'<html><head><meta name="PubDate" content="{pubdate}"></head><body><h1>标题</h1></body></html>'


HOME_PAGE = PageFacts(id="home", url=HOME, fetched_by="browser", kind="hub", status=200)


def test_undated_items_articles_are_opened_first_and_a_recent_pubdate_clears_the_home_page():
    rows = (
        '<li><a href="/xw/old.html">区政府召开常务会议部署工作</a><span>2021-01-05</span></li>'
        '<li><a href="/tp/1.html">图片新闻春季植树活动剪影</a></li>'
        '<li><a href="/tp/2.html">图片新闻志愿服务活动剪影</a></li>'
        '<li><a href="/tp/3.html">图片新闻社区文化节活动剪影</a></li>'
    )
    pages = FakePages(
        {f"{HOME}tp/1.html": (200, article("2021-03-02")), f"{HOME}tp/2.html": (200, article("2021-03-19"))}
    )
    updates = aio.run(gatherer(pages).gather(HOME_PAGE, home_html(rows), []))
    assert pages.asked[:2] == [f"{HOME}tp/1.html", f"{HOME}tp/2.html"]  # undated first, stops once fresh
    assert f"{HOME}xw/old.html" not in pages.asked
    assert (updates.items[0].title, updates.items[0].date, updates.items[0].date_source) == (
        "图片新闻志愿服务活动剪影",
        date(2021, 3, 19),
        "meta",
    )
    assert updates.articles_checked == 2
    assert updates.articles_failed == []


def test_articles_that_fail_are_recorded_and_the_limit_is_kept():
    rows = "".join(f'<li><a href="/tp/{n}.html">图片新闻第{n}组活动剪影</a></li>' for n in range(8))
    pages = FakePages({})
    updates = aio.run(gatherer(pages, limit=RUNTIME.home_articles_checked).gather(HOME_PAGE, home_html(rows), []))
    assert updates.articles_checked == RUNTIME.home_articles_checked
    assert len(pages.asked) == RUNTIME.home_articles_checked
    assert len(updates.articles_failed) == RUNTIME.home_articles_checked
    assert all(i.date is None for i in updates.items)


def test_a_navigation_home_page_takes_the_newest_item_of_each_second_level_page():
    tiles = "".join(f'<a href="/{p}/"><img src="/{p}.png" alt="{p}"></a>' for p in ("zwgk", "xwzx", "hdjl", "bsfw"))
    listed = PageFacts(
        id="c1",
        url=f"{HOME}zwgk/",
        fetched_by="http",
        kind="list",
        items=[
            ListItem(title="置顶旧通知", url=f"{HOME}zwgk/1.html", date=date(2020, 1, 1), pinned=True),
            ListItem(title="新通知", url=f"{HOME}zwgk/2.html", date=date(2021, 3, 1)),
        ],
    )
    failed = PageFacts(id="c2", url=f"{HOME}xwzx/", fetched_by="http", kind="error", error="timeout")
    columns = [
        ColumnFacts(name="政务公开", url=f"{HOME}zwgk/", found_in=["nav"], page=listed),
        ColumnFacts(name="新闻中心", url=f"{HOME}xwzx/", found_in=["nav"], page=failed),
    ]
    updates = aio.run(gatherer(FakePages({})).gather(HOME_PAGE, f"<html><body>{tiles}</body></html>", columns))
    assert updates.navigation_only is True
    assert [(i.title, i.date) for i in updates.second_level] == [("政务公开:新通知", date(2021, 3, 1))]
    assert updates.second_level_unread == [f"{HOME}xwzx/"]
