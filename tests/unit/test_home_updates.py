"""首页不更新: the home-page reader on realistic markup, and the rule and its veto on hand-made artifacts."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from auditor.extract.home_updates import read_home_updates
from auditor.gather.home_updates import article_date
from auditor.judge import judge
from auditor.model.artifacts import ColumnFacts, HomeUpdates, ListItem, NodeRef, PageFacts, SiteArtifacts

T = date(2021, 3, 21)
HOME = "http://www.qx.gov.cn/"
SHANGHAI = timezone(timedelta(hours=8))


def home_page(blocks: str, *, top: str = "今天是2021年3月21日 星期日", footer: str = "") -> str:
    return (
        "<html><body>"
        f'<div class="top">{top} <a href="/wza/">无障碍</a> <a href="/en/">English</a></div>'
        '<div class="nav"><ul><li><a href="/xwdt/">新闻动态</a></li><li><a href="/tzgg/">通知公告</a></li>'
        '<li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>'
        f'<div class="main">{blocks}</div>'
        '<div class="footer">版权所有 © 2021 XX区人民政府 沪ICP备12345678号 '
        f'<ul><li><a href="/wzdt/">网站地图 2021-03-20</a></li><li><a href="/lxwm/">联系我们</a></li></ul>{footer}</div>'
        "</body></html>"
    )


def block(name: str, rows: list[tuple[str, str]], *, pinned_first: str | None = None) -> str:
    items = ""
    if pinned_first:
        items += f'<li class="top"><a href="/{name}/old.html">【置顶】{pinned_first}</a><span>2019-05-01</span></li>'
    items += "".join(
        f'<li><a href="/{name}/{n}.html">{title}</a><span>{when}</span></li>' for n, (title, when) in enumerate(rows)
    )
    return f'<div class="box"><h3>{name}</h3><a href="/{name}/">更多</a><ul>{items}</ul></div>'


def test_items_are_read_from_content_blocks_newest_first_without_widgets_or_footer():
    html = home_page(
        block(
            "gzdt",
            [("区政府召开常务会议部署工作", "02-01"), ("区领导调研重点项目建设", "03-10")],
            pinned_first="区情简介更新",
        )
        + block("tzgg", [("关于开展安全生产检查的通知", "2021-01-05"), ("关于春节放假安排的通知", "2021-02-01")])
    )
    updates = read_home_updates(html, HOME, T)
    titles = [i.title for i in updates.items]
    assert titles[0] == "区领导调研重点项目建设"  # the max date, not the first row
    assert updates.items[0].date == date(2021, 3, 10)  # 03-10 takes the latest year on or before T
    assert updates.items[0].date_source == "home_block"
    assert not any("网站地图" in t or "今天是" in t for t in titles)
    assert updates.navigation_only is False
    assert updates.node is not None
    assert updates.node.page_id == "home"
    assert updates.node.selector


def test_a_month_day_after_t_is_last_year_and_a_date_after_t_never_counts():
    html = home_page(block("gzdt", [("区政府召开常务会议部署工作", "12-30"), ("区领导调研重点项目建设", "2021-04-01")]))
    updates = read_home_updates(html, HOME, T)
    dated = {i.title: i.date for i in updates.items}
    assert dated["区政府召开常务会议部署工作"] == date(2020, 12, 30)
    assert updates.items[0].title == "区政府召开常务会议部署工作"  # the future-dated row sorts last


def test_discovered_column_blocks_are_items_too():
    rows = [ListItem(title="区政府召开常务会议", url=f"{HOME}gzdt/1.html", date=date(2021, 3, 19), date_source="list")]
    updates = read_home_updates(home_page(""), HOME, T, blocks=[(rows, "div.box")])
    assert [(i.title, i.date_source) for i in updates.items] == [("区政府召开常务会议", "home_block")]
    assert updates.node == NodeRef(page_id="home", selector="div.box", snippet="区政府召开常务会议")


def test_a_page_of_entry_tiles_only_is_navigation():
    tiles = "".join(
        f'<a class="tile" href="/{p}/"><img src="/i/{p}.png" alt="{p}"></a>' for p in ("zwgk", "bsfw", "hdjl")
    )
    updates = read_home_updates(home_page(f'<div class="entries">{tiles}</div>'), HOME, T)
    assert updates.items == []
    assert updates.navigation_only is True


def test_article_dates_prefer_pubdate_then_page_then_url():
    meta = '<html><head><meta name="PubDate" content="2021-03-18 10:00"></head><body>发布时间：2021-01-01</body></html>'
    assert article_date(meta, T, f"{HOME}a.html")[:2] == (date(2021, 3, 18), "2021-03-18 10:00")
    shown = "<html><body><h1>标题</h1><p>发布时间：2021-03-17</p><p>正文</p></body></html>"
    assert article_date(shown, T, f"{HOME}a.html")[0] == date(2021, 3, 17)
    assert article_date("<html><body>正文</body></html>", T, f"{HOME}202103/t20210316_1.html")[2] == "url"
    assert article_date("<html><body>正文</body></html>", T, f"{HOME}a.html") is None


# ---------------------------------------------------------------- the rule and its veto


def site(updates: HomeUpdates | None, *, home_error: str | None = None) -> SiteArtifacts:
    home = PageFacts(
        id="home", url=HOME, fetched_by="browser", kind="error" if home_error else "hub", error=home_error, status=200
    )
    artifacts = SiteArtifacts(
        site_id="qx",
        home_url=HOME,
        captured_at=datetime(2021, 3, 21, 9, tzinfo=SHANGHAI),
        as_of=T,
        home=home,
        columns=[ColumnFacts(name="工作动态", url=f"{HOME}gzdt/")],
        home_updates=updates,
    )
    if home_error:
        artifacts.unavailable["home"] = f"首页无法访问({home_error})"
    return artifacts


def item(title: str, day: date | None, source: str = "home_block") -> ListItem:
    return ListItem.model_validate(
        {"title": title, "url": f"{HOME}{title}.html", "date": day, "date_source": source if day else "none"}
    )


def stale_findings(artifacts: SiteArtifacts) -> list:
    return [f for f in judge(artifacts, T).findings if f.code == "homepage_stale"]


def test_an_item_within_the_14_days_passes():
    updates = HomeUpdates(items=[item("新", date(2021, 3, 8)), item("旧", date(2020, 1, 1))])  # 03-08 = T-13
    judgement = judge(site(updates), T)
    assert judgement.rules["homepage_stale"].outcome == "pass"
    assert "homepage_stale" not in judgement.verdict.counts or judgement.verdict.counts["homepage_stale"] == 0


def test_newest_before_the_window_is_the_veto():
    updates = HomeUpdates(
        items=[item("区政府常务会议", date(2021, 3, 7)), item("未注明日期的图片新闻", None)],
        articles_checked=2,
        node=NodeRef(page_id="home", selector="div.box"),
    )
    judgement = judge(site(updates), T)
    (finding,) = [f for f in judgement.findings if f.code == "homepage_stale"]
    assert finding.severity == "veto"
    assert finding.target.url == HOME
    assert finding.target.selector == "div.box"
    assert finding.observed["newest"]["date"] == "2021-03-07"
    assert finding.observed["window_start"] == "2021-03-08"
    assert "2021-03-08至2021-03-21" in finding.message_zh
    assert "区政府常务会议" in finding.message_zh
    assert judgement.verdict.qualified is False
    assert [v.code for v in judgement.verdict.vetoes] == ["homepage_stale"]


def test_a_date_after_t_is_no_update():
    updates = HomeUpdates(items=[item("预告", date(2021, 3, 25)), item("旧", date(2021, 2, 1))])
    (finding,) = stale_findings(site(updates))
    assert finding.severity == "veto"
    assert finding.observed["future_dated_items"] == 1


def test_items_none_of_which_carries_a_date_are_left_for_review():
    updates = HomeUpdates(items=[item("图片新闻一", None), item("图片新闻二", None)], articles_checked=2)
    judgement = judge(site(updates), T)
    (finding,) = [f for f in judgement.findings if f.code == "homepage_stale"]
    assert finding.severity == "needs_review"
    assert judgement.verdict.vetoes == []


def test_no_rows_at_all_is_never_a_veto():
    judgement = judge(site(HomeUpdates()), T)
    (finding,) = [f for f in judgement.findings if f.code == "homepage_stale"]
    assert finding.severity == "needs_review"
    assert judgement.verdict.vetoes == []


def test_an_unreadable_home_page_is_never_judged():
    judgement = judge(site(None, home_error="timeout"), T)
    assert judgement.rules["homepage_stale"].outcome == "error"
    assert stale_findings(site(None, home_error="timeout")) == []


def test_navigation_only_home_pages_are_judged_by_their_second_level_pages():
    fresh = HomeUpdates(navigation_only=True, second_level=[item("政务公开:通知", date(2021, 3, 20), "list")])
    assert stale_findings(site(fresh)) == []
    stale = HomeUpdates(
        navigation_only=True,
        second_level=[item("政务公开:通知", date(2021, 1, 20), "list"), item("新闻:会议", date(2021, 2, 2), "list")],
    )
    (finding,) = stale_findings(site(stale))
    assert finding.severity == "veto"
    assert "所有2个二级页面" in finding.message_zh
    assert "新闻:会议" in finding.message_zh
    partly = stale.model_copy(update={"second_level_unread": [f"{HOME}hdjl/"]})
    (review,) = stale_findings(site(partly))
    assert review.severity == "needs_review"
    none = HomeUpdates(navigation_only=True)
    (nothing,) = stale_findings(site(none))
    assert nothing.severity == "needs_review"


def test_an_undated_item_whose_article_could_not_be_opened_blocks_the_veto():
    updates = HomeUpdates(
        items=[item("旧闻", date(2021, 2, 1)), item("轮播新闻", None)],
        articles_checked=1,
        articles_failed=[f"{HOME}轮播新闻.html"],
    )
    (finding,) = stale_findings(site(updates))
    assert finding.severity == "needs_review"
    assert finding.observed["articles_failed"] == [f"{HOME}轮播新闻.html"]
