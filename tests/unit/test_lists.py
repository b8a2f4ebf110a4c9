"""extract_list on hand-written CMS markup: pure, no browser."""

from __future__ import annotations

from datetime import date

from auditor.extract.lists import extract_list

T = date(2021, 3, 21)
PAGE = """<html><head><meta name="ColumnName" content="{name}"><title>{name}</title></head><body>
<div class="header"><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/col/a/">要闻动态</a></li>
<li><a href="/col/b/">通知公告</a></li></ul></div></div>
<div class="crumb">当前位置：首页 &gt; {name}</div>
<div class="main">{body}</div>
<div class="footer">版权所有 ©2003-2021 青溪区人民政府 网站标识码：3101140038 沪ICP备05000001号-1
联系电话：021-59990000 访问量：20210315</div></body></html>"""


def page(body: str, name: str = "要闻动态") -> str:
    return PAGE.format(name=name, body=body)


def test_ul_list_with_pinned_old_row_and_unsorted_dates():
    html = page(
        '<ul class="list">'
        '<li><span class="top">[置顶]</span><a href="/art/1.html">关于开展2019年度防汛工作的通知</a><span>2019-05-01</span></li>'
        '<li><a href="/art/2.html">区政府召开常务会议研究部署近期工作</a><span>2021-03-02</span></li>'
        '<li><a href="/art/3.html">区领导调研重点项目建设进展情况</a><span>2021-03-19</span></li>'
        '<li><a href="/art/4.html">青溪区开展春季植树活动</a><span>2021-03-10</span></li>'
        "</ul>"
    )
    result = extract_list(html, "http://site/col/a/", as_of=T)
    assert result.kind == "list"
    assert [i.date.isoformat() for i in result.items] == [
        "2019-05-01",
        "2021-03-02",
        "2021-03-19",
        "2021-03-10",
    ]
    assert result.items[0].pinned is True
    assert not any(i.pinned for i in result.items[1:])
    assert result.items[1].url == "http://site/art/2.html"
    assert result.selector.endswith("ul")
    assert result.meta["ColumnName"] == "要闻动态"


def test_table_rows_with_bracketed_dates():
    rows = "".join(
        f'<tr><td><a href="/art/{n}.html" title="部门动态信息第{n}条完整标题">部门动态信息第{n}条…</a></td>'
        f"<td>[2021-02-{n:02d}]</td></tr>"
        for n in range(10, 20)
    )
    result = extract_list(page(f"<table class='news'>{rows}</table>", "部门动态"), "http://site/c/", as_of=T)
    assert result.kind == "list"
    assert len(result.items) == 10
    assert max(i.date for i in result.items) == date(2021, 2, 19)
    assert result.items[0].title == "部门动态信息第10条完整标题"  # the title attribute beats a cut text


def test_mm_dd_dates_take_the_year_before_t():
    html = page(
        '<ul class="list"><li><a href="/a/1.html">关于印发工作要点的通知</a><span>12-28</span></li>'
        '<li><a href="/a/2.html">关于调整区政府领导分工的通知</a><span>03-01</span></li></ul>'
    )
    result = extract_list(html, "http://site/c/", as_of=T)
    assert [i.date for i in result.items] == [date(2020, 12, 28), date(2021, 3, 1)]


def test_dates_in_titles_and_footer_are_not_publication_dates():
    html = page(
        '<ul class="list"><li><a href="/a/1.html">关于2021年4月10日举办人才招聘会的通知</a>'
        "<span>2021-03-15</span></li>"
        '<li><a href="/a/2.html">关于2021年5月1日起施行新规定的公告</a></li></ul>'
    )
    result = extract_list(html, "http://site/c/", as_of=T)
    assert [i.date for i in result.items] == [date(2021, 3, 15), None]


def test_placeholder_makes_an_empty_list():
    result = extract_list(page('<div class="list-box"><p>暂无信息</p></div>', "财政信息"), "http://s/c/", as_of=T)
    assert result.kind == "empty"
    assert result.placeholder == "暂无信息"
    assert result.items == []


def test_empty_list_container_is_empty():
    result = extract_list(page('<ul class="list" id="datalist"></ul>', "统计信息"), "http://s/c/", as_of=T)
    assert result.kind == "empty"
    assert result.selector == "ul#datalist"


def test_hub_of_sub_columns():
    links = "".join(
        f'<li><a href="/xxgk/{c}/">{n}专栏</a></li>'
        for c, n in [("zcwj", "政策文件"), ("rsxx", "人事信息"), ("ghjh", "规划计划")]
    )
    result = extract_list(page(f'<ul class="column-list">{links}</ul>', "信息公开"), "http://s/xxgk/", as_of=T)
    assert result.kind == "hub"


def test_undated_article_list_is_a_list():
    links = "".join(f'<li><a href="/art/rsxx/{n}.html">关于某某同志职务任免的通知{n}</a></li>' for n in range(5))
    result = extract_list(page(f'<ul class="list">{links}</ul>', "人事信息"), "http://s/rsxx/", as_of=T)
    assert result.kind == "list"
    assert len(result.items) == 5
    assert all(i.date is None for i in result.items)


def test_iframe_list_is_reported():
    result = extract_list(page('<iframe src="list.html" class="lb"></iframe>'), "http://s/tzgg/", as_of=T)
    assert result.kind == "none"
    assert result.iframe_urls == ["http://s/tzgg/list.html"]


def test_navigation_is_never_the_list():
    result = extract_list(page("<p>" + "青溪区位于上海市西部。" * 30 + "</p>", "区情概况"), "http://s/q/", as_of=T)
    assert result.kind == "none"
    assert result.text_chars > 200


def test_scenario_selectors_win():
    html = page(
        '<div id="box"><div class="row"><a href="/a/1.html">第一条信息标题</a><em>2021-01-05</em>'
        '<i class="d">2021-03-01</i></div></div>'
    )
    result = extract_list(
        html, "http://s/c/", as_of=T, list_selector="#box", item_selector="div.row", date_selector="i.d"
    )
    assert [i.date for i in result.items] == [date(2021, 3, 1)]
