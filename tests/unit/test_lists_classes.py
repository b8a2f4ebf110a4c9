"""Classes of column pages (the column-reading issue), each on small hand-written markup, with its negatives.

Blank needs a list shell; an article is content whatever empty element or prev/next links it shows; data tables
are dated by the column their header names; month groups are one list; hubs written as link lines are hubs and
their links are children; furniture is neither a list nor a hub; every extraction says why (basis).
"""

from __future__ import annotations

from datetime import date

from auditor.extract.discovery import discover_home_columns, hub_children
from auditor.extract.lists import extract_list

T = date(2023, 6, 21)
URL = "http://www.qx.gov.cn/col/tzgg/"
PAGE = """<html><head><meta charset="utf-8"><title>{name}_青溪区人民政府</title></head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/col/tzgg/">通知公告</a></li>
<li><a href="/col/gzdt/">工作动态</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; {name}</div>
<div class="main">{body}</div>
<div class="footer">主办单位：青溪区人民政府办公室 网站标识码：3101140038 沪ICP备05000001号-1</div></body></html>"""


def page(body: str, name: str = "通知公告") -> str:
    return PAGE.format(name=name, body=body)


def extract(body: str, *, name: str = "通知公告", url: str = URL, as_of: date = T):
    return extract_list(page(body, name), url, as_of=as_of)


ARTICLE = """<h1>青溪区召开2023年安全生产工作会议</h1>
<div class="info"><span>发布时间：2023-06-16 09:30</span> <span>来源：区应急管理局</span></div>
<div class="content">{extra}
<p>6月15日，青溪区召开2023年安全生产工作会议，总结上半年全区安全生产工作，分析当前形势，部署下一阶段重点任务。</p>
<p>会议指出，今年以来全区各级各部门认真落实安全生产责任制，扎实开展隐患排查整治，全区安全生产形势总体平稳。</p>
<p>会议强调，要坚持人民至上、生命至上，压紧压实各方责任，深入开展重大事故隐患专项排查整治行动。</p>
</div>
<div class="prevnext"><p>上一篇：<a href="/art/2023/6/17/art_1_101.html">关于做好2023年防汛工作的通知</a>
<span>2023-06-17</span></p>
<p>下一篇：<a href="/art/2023/6/14/art_1_99.html">区政府召开常务会议研究部署近期工作</a> <span>2023-06-14</span></p></div>"""


# -- 1. blank means a list with nothing in it ------------------------------------------------------------------


def test_article_with_an_empty_video_player_is_content_not_blank():
    result = extract(ARTICLE.format(extra='<div class="field-items"><div class="video-player"></div></div>'))
    assert result.kind == "none"
    assert "article body" in result.basis
    assert result.items == []


def test_article_with_prev_next_links_and_an_empty_comment_list_is_not_a_list():
    extra = '<div class="comment"><h3>网友评论（0）</h3><ul id="dataComments" class="comment-list"></ul></div>'
    result = extract(ARTICLE.format(extra=extra))
    assert result.kind == "none"
    assert not result.dated


def test_empty_player_author_and_comment_boxes_alone_are_not_list_shells():
    body = (
        '<div class="video-player"><div class="vjs-items"></div></div>'
        '<div class="author-box"><div class="article-author"></div></div>'
        '<ul class="comment-list"></ul><div class="share-list"></div>'
    )
    assert extract(body).kind != "empty"


def test_an_empty_list_container_is_a_weakly_evidenced_blank():
    result = extract('<div class="list-box"><ul class="news-list"></ul></div>')
    assert result.kind == "empty"
    assert result.basis == ["empty list container"]


def test_placeholder_text_is_a_blank_with_its_text_recorded():
    result = extract('<ul class="news-list"><li>暂无信息</li></ul><div class="page">共0条 1/1页</div>')
    assert result.kind == "empty"
    assert result.placeholder == "暂无信息"
    assert result.basis[0] == "placeholder"
    assert "pager total 0" in result.basis


def test_datatables_empty_row_is_an_empty_table_with_headers():
    body = """<table id="jyta" class="display dataTable no-footer"><thead><tr><th>序号</th><th>建议标题</th>
    <th>主办单位</th><th>答复日期</th></tr></thead>
    <tbody><tr class="odd"><td valign="top" colspan="4" class="dataTables_empty">表中数据为空</td></tr></tbody></table>
    <div class="dataTables_info">显示第 0 至 0 项结果，共 0 项</div>"""
    result = extract(body)
    assert result.kind == "empty"
    assert result.basis[0] == "empty table with headers"


def test_a_table_header_without_rows_or_an_empty_marker_is_not_blank():
    # The rows of a table rendered from JSON may not have arrived in the snapshot: a header alone proves nothing.
    body = """<table class="data"><thead><tr><th>序号</th><th>标题</th><th>发布日期</th></tr></thead>
    <tbody></tbody></table>"""
    result = extract(body)
    assert result.kind != "empty" or result.basis == ["empty list container"]
    assert "empty table with headers" not in result.basis


def test_extjs_grid_with_split_header_and_x_grid_empty_is_empty():
    body = """<div class="x-grid3"><div class="x-grid3-viewport"><div class="x-grid3-header"><div class="x-grid3-header-inner">
    <table><thead><tr class="x-grid3-hd-row"><td><div>合同名称</div></td><td><div>采购人</div></td>
    <td><div>公告日期</div></td></tr></thead></table></div></div>
    <div class="x-grid3-scroller"><div class="x-grid3-body"><div class="x-grid-empty">没有符合条件的记录</div></div></div>
    </div></div>"""
    result = extract(body)
    assert result.kind == "empty"
    assert "empty table with headers" in result.basis


# -- 2. page furniture ------------------------------------------------------------------------------------------


def test_footer_directory_of_department_links_is_neither_a_list_nor_a_hub():
    links = "".join(f'<li><a href="/bm/{i}/">青溪区第{i}局办公室</a></li>' for i in range(1, 30))
    html = f"""<html><head><title>联系我们</title></head><body><div class="main"><p>地址：青溪区人民路1号</p></div>
    <div class="footer"><div class="bm-links"><ul>{links}</ul></div>
    <p>主办单位：青溪区人民政府 网站标识码：3101140038</p></div></body></html>"""
    result = extract_list(html, URL, as_of=T)
    assert result.kind == "none"


def test_prev_next_links_are_not_rows():
    body = """<div class="nav-links"><p>上一篇：<a href="/art/1.html">关于做好2023年防汛工作的通知</a> 2023-06-17</p>
    <p>下一篇：<a href="/art/2.html">区政府召开常务会议研究部署近期工作</a> 2023-06-14</p>
    <p>下一条：<a href="/art/3.html">区领导调研重点项目建设进展情况</a> 2023-06-12</p></div>"""
    result = extract(body)
    assert result.kind != "list"
    assert not result.dated


def test_a_site_home_page_is_not_a_column_list():
    rows = "".join(
        f'<li><a href="/art/{i}.html">科协开展科普活动第{i}期工作报道</a><span>06-1{i}</span></li>' for i in range(5)
    )
    result = extract(
        f'<div class="box"><h3>科协要闻</h3><ul class="list">{rows}</ul></div>', url="http://kx.qx.gov.cn/"
    )
    assert result.kind == "none"
    assert result.basis == ["site home page"]


# -- 3. hubs written as plain link lines ------------------------------------------------------------------------


HUB_LINES = """<div class="zwgk"><p>· <a href="/?xxgk_zn/">信息公开指南</a></p><p>· <a href="/?xxgk_ml/">信息公开目录</a></p>
<p>· <a href="/?xxgk_nb/">信息公开年报</a></p><p>· <a href="/?xxgk_ysq/">依申请公开</a></p>
<p>· <a href="/?xxgk_zd/">政府信息公开制度</a></p></div>"""


def test_p_dot_link_lines_are_a_hub_and_their_links_are_children():
    html = page(HUB_LINES, name="政务公开")
    url = "http://www.qx.gov.cn/?xxgk/"
    assert extract_list(html, url, as_of=T).kind == "hub"
    names = [name for name, _url in hub_children(html, url, in_scope=lambda u: u.startswith("http://www.qx.gov.cn/"))]
    assert {"信息公开指南", "信息公开目录", "依申请公开", "政府信息公开制度"} <= set(names)


def test_br_separated_links_in_a_cell_are_a_hub():
    cell = "<br>".join(
        f'<a href="/dwgk/{c}/">{n}</a>'
        for c, n in [("zn", "党务公开指南"), ("ml", "党务公开目录"), ("zd", "党务公开制度"), ("zz", "组织设置")]
    )
    html = page(f'<table class="dwgk"><tr><td class="dwgk-td">{cell}</td></tr></table>', name="党务公开")
    url = "http://www.qx.gov.cn/dwgk/"
    assert extract_list(html, url, as_of=T).kind == "hub"
    assert len(hub_children(html, url, in_scope=lambda u: u.startswith("http://www.qx.gov.cn/"))) >= 4


def test_an_articles_related_links_are_not_hub_children():
    related = "".join(f'<li><a href="/zt/{i}/">相关专题{i}号链接</a></li>' for i in range(5))
    html = page(ARTICLE.format(extra="") + f'<ul class="xg">{related}</ul>')
    children = hub_children(html, "http://www.qx.gov.cn/art/1/", in_scope=lambda u: u.startswith("http://www.qx"))
    assert not any(name.startswith("相关专题") for name, _url in children)


# -- 4. data tables rendered from JSON --------------------------------------------------------------------------


def test_easyui_split_tables_are_dated_by_the_decision_column_not_validity():
    header = "".join(
        f'<td field="f{i}"><div class="datagrid-cell"><span>{label}</span></div></td>'
        for i, label in enumerate(["行政相对人名称", "许可文书号", "许可决定日期", "有效期自", "有效期至"])
    )
    rows = "".join(
        f'<tr class="datagrid-row"><td><div>青溪区某{i}号餐饮有限公司</div></td><td><div>青市监〔2023〕{i}号</div></td>'
        f"<td><div>2023-06-{10 + i}</div></td><td><div>2023-06-{11 + i}</div></td><td><div>2028-06-09</div></td></tr>"
        for i in range(1, 6)
    )
    numbers = "".join(
        f'<tr class="datagrid-row"><td><div class="datagrid-cell-rownumber">{i}</div></td></tr>' for i in range(1, 6)
    )
    body = f"""<div class="datagrid-view"><div class="datagrid-view1"><div class="datagrid-header"><table class="datagrid-htable">
    <tr class="datagrid-header-row"><td><div class="datagrid-header-rownumber"></div></td></tr></table></div>
    <div class="datagrid-body"><table class="datagrid-btable">{numbers}</table></div></div>
    <div class="datagrid-view2"><div class="datagrid-header"><table class="datagrid-htable"><tr class="datagrid-header-row">{header}</tr>
    </table></div><div class="datagrid-body"><table class="datagrid-btable">{rows}</table></div></div></div>
    <div class="pagination-info">显示1到5,共123记录</div>"""
    result = extract(body, name="行政许可")
    assert result.kind == "list"
    assert len(result.items) == 5
    assert max(i.date for i in result.dated) == date(2023, 6, 15)  # 有效期自 has 06-16
    assert "table date column: 许可决定日期" in result.basis
    assert "pager total agrees" in result.basis
    assert result.items[0].title == "青溪区某1号餐饮有限公司"


def test_publication_column_beats_earlier_and_later_date_columns_and_max_row_wins():
    rows = [
        ("2021-09-10", "2021-09-13", "2021-09-20"),
        ("2021-09-08", "2021-09-14", "2021-09-30"),
        ("2021-09-01", "2021-09-02", "2021-09-15"),
    ]
    body = '<table class="display dataTable no-footer"><thead><tr><th>信息名称</th><th>成文日期</th><th>发布日期</th><th>截止时间</th></tr></thead><tbody>'
    body += "".join(
        f'<tr><td><a href="/gkml/t2021091{i}_{i}.html">青溪区人民政府关于第{i}项工作的通知</a></td><td>{a}</td><td>{b}</td><td>{c}</td></tr>'
        for i, (a, b, c) in enumerate(rows)
    )
    result = extract(body + "</tbody></table>", name="信息公开目录", as_of=date(2021, 9, 15))
    assert result.kind == "list"
    assert [i.date.isoformat() for i in result.items] == ["2021-09-13", "2021-09-14", "2021-09-02"]
    assert result.basis[0] == "table date column: 发布日期"


def test_rows_opened_by_script_links_are_read_without_a_url():
    rows = "".join(
        f"<tr><td><a href=\"javascript:openInfo('{i}')\">关于开展2018年度第{i}批建筑施工安全检查的通知</a></td>"
        f"<td>安全监督科</td><td>2018-11-1{i}</td></tr>"
        for i in range(1, 5)
    )
    body = f'<table class="listtable"><tr class="listhead"><td><b>标　题</b></td><td><b>发布科室</b></td><td><b>发布日期</b></td></tr>{rows}</table>'
    result = extract(body, as_of=date(2018, 11, 20))
    assert result.kind == "list"
    assert len(result.items) == 4
    assert all(item.url is None for item in result.items)
    assert max(i.date for i in result.dated) == date(2018, 11, 14)


def test_undated_script_buttons_are_not_a_list():
    buttons = "".join(
        f'<li><a href="javascript:void(0)" onclick="go({i})">切换到第{i}个服务大厅窗口</a></li>' for i in range(5)
    )
    assert extract(f'<ul class="tools">{buttons}</ul>').kind not in {"list", "empty"}


# -- 5. grouped lists -------------------------------------------------------------------------------------------


def test_month_groups_are_one_list_and_take_the_heading_year():
    def group(heading: str, rows: list[tuple[str, str]]) -> str:
        items = "".join(
            f'<li><a href="/node/{n}">{t}</a><span class="date">{d}</span></li>' for n, (t, d) in enumerate(rows)
        )
        return f'<div class="item-list"><h3>{heading}</h3><ul>{items}</ul></div>'

    body = '<div class="view-content">' + group("2023年01月", [("关于做好元旦春节期间安全工作的通知", "01-06")])
    body += group("2022年12月", [("关于调整外事审批程序的说明文件", "12-30"), ("年度外事工作总结报告全文", "12-28")])
    body += group("2022年11月", [("关于公布第二批示范单位名单的通知", "11-29")]) + "</div>"
    result = extract(body, as_of=date(2023, 1, 10))
    assert result.kind == "list"
    assert len(result.items) == 4
    assert [i.date.isoformat() for i in result.items] == ["2023-01-06", "2022-12-30", "2022-12-28", "2022-11-29"]


def test_tabs_of_sibling_columns_do_not_make_the_own_list_a_side_box():
    rows = "".join(
        f'<a class="van-cell" href="/m/tzgg/t2024010{i}_{i}.html"><span class="news-title">龙溪县第{i}号通知公告标题文字</span>'
        f'<span class="news-date">{d}</span></a>'
        for i, d in enumerate(["01月02日", "12月29日", "12月28日"], 1)
    )
    body = f"""<div class="van-tabs"><div class="van-tabs__nav"><div class="van-tab van-tab--active"><span>通知公告</span></div>
    <div class="van-tab"><span>图片新闻</span></div></div><div class="van-tabs__content"><div class="van-list">{rows}</div></div></div>"""
    result = extract(body, as_of=date(2024, 1, 3))
    assert result.kind == "list"
    assert max(i.date for i in result.dated) == date(2024, 1, 2)


# -- 6. names and blocks ----------------------------------------------------------------------------------------


def test_column_names_never_carry_more_words_and_a_shared_tab_block_gives_no_neighbour_rows():
    home = """<html><body><div class="nav"><a href="/col/ywdt/">要闻动态 更多&gt;&gt;</a><a href="/col/tzgg/">通知公告»</a></div>
    <div class="tabbox"><div class="tab-hd"><h3>政策文件</h3><a href="/col/zcwj/">更多</a><h3>政策解读</h3><a href="/col/zcjd/">更多</a></div>
    <ul class="list"><li><a href="/art/1.html">青溪区关于促进就业的若干政策措施</a><span>2023-06-20</span></li>
    <li><a href="/art/2.html">青溪区关于优化营商环境的实施意见</a><span>2023-06-18</span></li></ul></div></body></html>"""
    columns = discover_home_columns(home, "http://www.qx.gov.cn/", as_of=T, in_scope=lambda u: "qx.gov.cn" in u)
    by_url = {c.url.removeprefix("http://www.qx.gov.cn"): c for c in columns}
    assert by_url["/col/ywdt/"].name == "要闻动态"
    assert by_url["/col/tzgg/"].name == "通知公告"
    assert by_url["/col/zcwj/"].name == "政策文件"
    assert by_url["/col/zcjd/"].name == "政策解读"
    assert by_url["/col/zcjd/"].items == []  # which rows are its own is not known: none rather than the neighbour's


# -- 7. basis ---------------------------------------------------------------------------------------------------


def test_dated_list_basis_and_undated_list_is_weak():
    rows = "".join(
        f'<li><a href="/art/{i}.html">青溪区第{i}项工作动态报道</a><span>2023-06-1{i}</span></li>' for i in range(4)
    )
    result = extract(f'<ul class="list">{rows}</ul><div class="page">共 86 条</div>')
    assert result.basis == ["dated rows", "pager total agrees"]
    undated = "".join(f'<li><a href="/art/{i}.html">青溪区第{i}项办事指南说明</a></li>' for i in range(4))
    weak = extract(f'<ul class="list">{undated}</ul>')
    assert weak.kind == "list"
    assert weak.basis == ["weak: undated rows"]


def _oldest_first_page(pager: str) -> str:
    rows = "".join(
        f'<li><a href="/tzgg/{i}.html">关于开展第{i}批专项检查工作的通知</a><span>2020-0{m}-1{i}</span></li>'
        for i, m in zip(range(1, 7), (1, 1, 2, 2, 3, 3), strict=True)
    )
    return f'<html><body><div class="list"><ul>{rows}</ul><div class="page">{pager}</div></div></body></html>'


def test_a_list_running_oldest_first_with_later_pages_is_weak_and_names_its_last_page():
    from auditor.computed.column_status import judge_column
    from auditor.model.artifacts import ColumnFacts, PageFacts
    from auditor.settings import default_indicators

    extraction = extract_list(
        _oldest_first_page('<a href="?page=2">下一页</a><a href="?page=9">尾页</a>'),
        "http://x.gov.cn/tzgg/",
        as_of=date(2021, 3, 21),
    )
    assert extraction.kind == "list"
    assert extraction.later_page_url == "http://x.gov.cn/tzgg/?page=9"
    assert any(tag.startswith("weak:") for tag in extraction.basis)
    # Page 1 of an oldest-first list says nothing about the column's newest item: never 栏目不更新 from it alone.
    page = PageFacts(url="http://x.gov.cn/tzgg/", fetched_by="http", kind="list", items=extraction.items,
                     basis=extraction.basis)  # fmt: skip
    result = judge_column(
        ColumnFacts(name="通知公告", url=page.url, page=page), date(2021, 3, 21), default_indicators()
    )
    assert result.status == "unreadable"


def test_an_oldest_first_list_on_one_page_is_judged_as_it_is():
    extraction = extract_list(_oldest_first_page("共6条 第1/1页"), "http://x.gov.cn/tzgg/", as_of=date(2021, 3, 21))
    assert extraction.later_page_url is None
    assert not any(tag.startswith("weak:") for tag in extraction.basis)


# --- Pages that are one item, not a list: their related cards, law dates or forecast days are never a dated list.


def test_cards_inside_a_related_box_are_not_rebuilt_into_a_list_on_a_player_page():
    cards = "".join(
        f'<li class="col"><div class="card"><a class="thumb" href="/vod/detail/{i}.html" title="第{i}期节目">'
        f'<span class="badge">12-{10 + i}</span></a><h4><a href="/vod/detail/{i}.html">第{i}期新闻节目</a></h4>'
        "</div></li>"
        for i in range(1, 7)
    )
    body = (
        '<div class="player"><div id="play-box"></div></div><h1>第7期新闻节目</h1>'
        f'<div class="panel"><div class="panel-hd"><h3>猜你喜欢</h3></div><div class="panel-bd"><ul class="vlist">'
        f"{cards}</ul></div></div>"
    )
    extraction = extract(body, name="第7期新闻节目", as_of=date(2023, 12, 20))
    assert extraction.kind != "list"
    assert not extraction.dated


def test_the_same_cards_without_a_side_box_title_are_the_columns_own_list():
    cards = "".join(
        f'<li class="col"><div class="card"><a class="thumb" href="/vod/detail/{i}.html" title="第{i}期节目">'
        f'<span class="badge">12-{10 + i}</span></a><h4><a href="/vod/detail/{i}.html">第{i}期新闻节目</a></h4>'
        "</div></li>"
        for i in range(1, 7)
    )
    extraction = extract(f'<ul class="vlist">{cards}</ul>', name="新闻节目", as_of=date(2023, 12, 20))
    assert extraction.kind == "list"
    assert max(i.date for i in extraction.dated) == date(2023, 12, 16)


def test_an_article_whose_head_holds_its_h1_and_date_is_not_a_one_row_list():
    # No 发布时间 wording, no 上一篇/下一篇 wording: the h1 and its date sit in one small block with a next link.
    body = (
        '<article class="post"><header><h1>街道召开防汛工作部署会</h1><p><time>2023年6月14日</time></p></header>'
        "<p>6月14日下午，街道召开防汛工作部署会。</p>"
        '<nav class="post-nav"><a href="/2023/06/16/b.html">街道举办端午活动 »</a></nav></article>'
    )
    extraction = extract(body, name="街道召开防汛工作部署会")
    assert extraction.kind != "list"
    assert not extraction.dated


def test_a_guide_head_with_h1_update_date_and_buttons_is_not_a_list_row():
    body = (
        '<div class="guide"><div class="guide-head"><h1>食品经营许可（新办）</h1><p>更新时间：2024-01-18</p>'
        '<a href="/apply.html?code=1">在线办理</a><a href="/yuyue.html?code=1">预约办理</a></div>'
        '<div class="sec"><h3>办理流程</h3><ol><li>申请</li><li>受理</li></ol></div></div>'
    )
    extraction = extract(body, name="办事指南", as_of=date(2024, 3, 12))
    assert extraction.kind != "list"
    assert not extraction.dated


def test_card_rows_titled_by_h2_are_still_a_list():
    rows = "".join(
        f'<div class="item"><h2><a href="/art/{i}.html">关于第{i}批项目的公示</a></h2><span>2023-06-1{i}</span></div>'
        for i in range(1, 5)
    )
    extraction = extract(f'<div class="news-list">{rows}</div>')
    assert extraction.kind == "list"
    assert len(extraction.dated) == 4


KV_TABLE = """<table class="info">
<tr><th>事项名称</th><td><a href="/sx/1.html">食品经营许可（新办）申请</a></td></tr>
<tr><th>更新时间</th><td>2024-01-18</td></tr>
<tr><th>实施主体</th><td><a href="/org/2.html">市市场监督管理局</a></td></tr>
<tr><th>设定依据</th><td><a href="/law/3.html">《中华人民共和国食品安全法》</a> 2021-04-29</td></tr>
<tr><th>实施依据</th><td><a href="/law/4.html">《食品经营许可管理办法》</a> 2023-12-01</td></tr>
</table>"""


def test_a_key_value_table_of_one_item_is_not_a_list():
    extraction = extract(KV_TABLE, name="办事指南", as_of=date(2024, 3, 12))
    assert extraction.kind == "none"
    assert not extraction.items
    four_columns = KV_TABLE.replace("<tr><th>更新时间</th><td>2024-01-18</td></tr>", "").replace(
        "</td></tr>", "</td><th>修订日期</th><td>2022-01-01</td></tr>"
    )
    assert not extract(four_columns, name="办事指南", as_of=date(2024, 3, 12)).dated


def test_a_table_whose_row_numbers_are_th_cells_is_still_a_list():
    rows = "".join(
        f'<tr><th scope="row">{i}</th><td><a href="/art/{i}.html">关于第{i}批项目的公示</a></td>'
        f"<td>2023-06-1{i}</td></tr>"
        for i in range(1, 5)
    )
    extraction = extract(f'<table class="list"><tbody>{rows}</tbody></table>')
    assert extraction.kind == "list"
    assert len(extraction.dated) == 4


FORECAST = """<table class="tq"><thead><tr><th>日期</th><th>天气</th><th>气温</th></tr></thead><tbody>{rows}</tbody>
</table>"""


def test_a_forecast_table_of_days_to_come_is_not_a_dated_list():
    rows = "".join(
        f"<tr><td>07月{d}日<br><small>星期{w}</small></td><td>多云</td><td>26℃~33℃</td></tr>"
        for d, w in zip(range(15, 22), "一二三四五六日", strict=True)
    )
    extraction = extract(FORECAST.format(rows=rows), name="天气预报", as_of=date(2024, 7, 15))
    assert extraction.kind != "list"
    assert not extraction.dated


def test_a_schedule_with_explicit_future_dates_is_not_a_dated_list():
    rows = "".join(
        f'<li><a href="/hd/{i}.html">第{i}场政策宣讲活动安排</a><span>2024-08-0{i}</span></li>' for i in range(1, 6)
    )
    extraction = extract(f'<ul class="list">{rows}</ul>', name="活动预告", as_of=date(2024, 7, 15))
    assert not extraction.dated


def test_a_stale_list_of_year_less_dates_just_after_as_of_day_is_still_a_list():
    # MM-DD rows eleven months old fall, taken in as_of's year, a few weeks after as_of; newest first they run
    # backwards, which a forecast never does: the column is stale, and still read as a list.
    rows = "".join(
        f'<li><a href="/art/{i}.html">关于第{i}批项目的公示</a><span>08-{20 - i:02d}</span></li>' for i in range(1, 6)
    )
    extraction = extract(f'<ul class="list">{rows}</ul>', as_of=date(2024, 7, 15))
    assert extraction.kind == "list"
    assert max(i.date for i in extraction.dated) == date(2023, 8, 19)


def test_one_row_dated_tomorrow_does_not_unmake_a_list():
    rows = [
        '<li><a href="/art/1.html">关于开展专项检查工作的通知</a><span>2024-07-16</span></li>',
        '<li><a href="/art/2.html">关于做好防汛工作的通知</a><span>2024-07-12</span></li>',
        '<li><a href="/art/3.html">关于印发工作要点的通知</a><span>2024-07-01</span></li>',
    ]
    extraction = extract(f'<ul class="list">{"".join(rows)}</ul>', as_of=date(2024, 7, 15))
    assert extraction.kind == "list"
    assert len(extraction.dated) == 3


# --- Recall: a card's own 查看更多, the column's own heading beside a 最新发布 box, 批复日期 columns.


def _cards_with_read_more(n: int = 4) -> str:
    return "".join(
        f'<div class="list-boxes"><h2><a href="/portal/article/{i}.html">石门镇开展第{i}次志愿服务活动</a></h2>'
        f'<p>活动简介……</p><span class="list-date">2022-09-0{i}</span>'
        f'<a class="btn" href="/portal/article/{i}.html">查看更多</a></div>'
        for i in range(1, n + 1)
    )


LATEST_BOX = (
    '<div class="col-side"><div class="headtitle"><h2>最新发布</h2></div><ul class="latest">'
    + "".join(
        f'<li><a href="/portal/article/9{i}.html">其他栏目第{i}条最新信息</a><span>2022-11-0{i}</span></li>'
        for i in range(1, 4)
    )
    + "</ul></div>"
)


def test_a_cards_own_read_more_link_and_a_latest_box_beside_do_not_make_the_own_list_a_side_box():
    body = f'<div class="row"><div class="col-main"><h3>镇村动态</h3>{_cards_with_read_more()}</div>{LATEST_BOX}</div>'
    extraction = extract(body, name="镇村动态", as_of=date(2022, 11, 3))
    assert extraction.kind == "list"
    assert max(i.date for i in extraction.dated) == date(2022, 9, 4)


def test_a_block_headed_by_another_name_beside_a_latest_box_is_still_not_read_as_the_column():
    # Same layout, but the block is headed 热点信息 and the page is 通知公告: nothing says it is the column's own.
    body = f'<div class="row"><div class="col-main"><h3>热点信息</h3>{_cards_with_read_more()}</div>{LATEST_BOX}</div>'
    extraction = extract(body, name="通知公告", as_of=date(2022, 11, 3))
    assert not extraction.dated


def test_a_more_link_to_another_column_still_makes_a_preview_block_a_side_box():
    rows = "".join(
        f'<li><a href="/col/cwgk/{i}.html">第{i}村财务收支公开</a><a href="/col/cwgk/">村务公开</a>'
        f"<span>2023-03-1{i}</span></li>"
        for i in range(1, 5)
    )
    body = (
        f'<div class="extra"><h3>村务公开 <a href="/col/cwgk/">更多&gt;&gt;</a></h3><ul class="list">{rows}</ul></div>'
    )
    extraction = extract(body, name="党务公开", as_of=date(2023, 3, 20))
    assert not extraction.dated


def test_a_pifu_riqi_column_dates_a_project_approval_table():
    rows = "".join(
        f'<tr><td>{i}</td><td><a href="/xmsp/detail/{i}">第{i}号供热管网改造工程</a></td>'
        f"<td>2502-371300-04-01-68273{i}</td><td>沂发改审〔2025〕{i}号</td><td>2025-02-1{i}</td></tr>"
        for i in range(1, 4)
    )
    table = (
        '<table class="result"><thead><tr><th>序号</th><th>项目名称</th><th>项目代码</th><th>审批结果</th>'
        f"<th>批复日期</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    extraction = extract(table, name="审批结果公示", as_of=date(2025, 2, 14))
    assert extraction.kind == "list"
    assert "table date column: 批复日期" in extraction.basis
    assert max(i.date for i in extraction.dated) == date(2025, 2, 13)
