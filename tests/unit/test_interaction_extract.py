"""The 政务咨询/办事服务 readers on realistic markup: entries, table and card boards, detail pages, traps."""

from __future__ import annotations

from datetime import date

import pytest

from auditor.extract.interaction import (
    BoardWords,
    EntryWords,
    classify_name,
    find_entries,
    read_board_list,
    read_message_detail,
)
from auditor.settings import default_indicators

T = date(2021, 3, 21)
URL = "http://qx.example/hdjl/zxly/"
SETTINGS = default_indicators()
BOARD = BoardWords.of(SETTINGS)
ENTRY = EntryWords.of(SETTINGS)


def page(body: str) -> str:
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>{body}</body></html>'


# ---------------------------------------------------------------- entries


def test_home_entries_are_sorted_into_consultation_hub_excluded_and_service():
    html = page(
        '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/hdjl/">互动交流</a></li>'
        '<li><a href="/bsfw/">办事服务</a></li></ul></div>'
        '<div class="main"><a href="/hdjl/qzxx/">区长信箱</a> <a href="/hdjl/zxft/">在线访谈</a>'
        '<a href="/hdjl/jjjb/">纪检监察信箱</a><a href="/hdjl/wsxf/">网上信访</a>'
        '<a href="/news/1.html">关于区长信箱2020年度留言办理情况的报告</a>'
        '<a href="http://zwfw.hubei.gov.cn/"><img src="x.png" alt="湖北政务服务网"></a>'
        '<a href="https://www.gdzwfw.gov.cn/portal/">在这里</a></div>'
    )
    found = find_entries(html, "http://qx.example/", ENTRY)
    assert [(e.text, e.url) for e in found.consultation] == [("区长信箱", "http://qx.example/hdjl/qzxx/")]
    assert [e.text for e in found.hubs] == ["互动交流"]
    assert sorted(e.text for e in found.excluded) == ["在线访谈", "纪检监察信箱", "网上信访"]
    kinds = {(e.text, e.kind) for e in found.service}
    assert ("办事服务", "service") in kinds
    assert ("湖北政务服务网", "service") in kinds  # by its alt text; one entry, not also a portal
    assert ("湖北政务服务网", "portal") not in kinds
    assert ("在这里", "portal") in kinds
    assert found.area_selector == "body > div:nth-of-type(1)"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("我要咨询", "consultation"),
        ("12345热线", "consultation"),
        ("建言献策", "consultation"),
        ("在线访谈", "excluded"),
        ("意见征集", "excluded"),
        ("政民互动", "hub"),
        ("一网通办", "service"),
        ("工作动态", None),
    ],
)
def test_names_are_classified(name, kind):
    got = classify_name(name, ENTRY)
    assert (got[0] if got else None) == kind


# ---------------------------------------------------------------- table boards


TABLE = """
<table class="list">
  <tr><th>序号</th><th>留言标题</th><th>留言时间</th><th>受理时间</th><th>回复时间</th><th>状态</th></tr>
  <tr><td>1</td><td><a href="/hdjl/zxly/1.html">关于小区停车难的问题</a></td><td>2020-05-06</td>
      <td>2020-05-07</td><td>2020-09-15</td><td>已回复</td></tr>
  <tr><td>2</td><td><a href="/hdjl/zxly/2.html">咨询公租房申请条件</a></td><td>2020/10/08 10:22:31</td>
      <td>2020-10-09</td><td></td><td>办理中</td></tr>
  <tr><td>3</td><td><a href="/hdjl/zxly/3.html">道路积水何时处理</a></td><td>2021年1月5日</td>
      <td>2021年1月6日</td><td>2021年1月20日</td><td>已办结</td></tr>
</table>
<div class="page"><a href="/hdjl/zxly/index_1.html">下一页</a></div>
"""


def test_a_table_board_reads_ask_and_reply_by_header_never_the_acceptance_date():
    reading = read_board_list(page(TABLE), URL, as_of=T, words=BOARD)
    assert reading.layout == "table"
    got = [(r.title, r.asked, r.answered, r.replied, r.state_text) for r in reading.rows]
    assert got == [
        ("关于小区停车难的问题", date(2020, 5, 6), date(2020, 9, 15), True, "已回复"),
        ("咨询公租房申请条件", date(2020, 10, 8), None, False, "办理中"),
        ("道路积水何时处理", date(2021, 1, 5), date(2021, 1, 20), True, "已办结"),
    ]
    assert reading.rows[0].asked_label == "留言时间"
    assert reading.rows[0].answered_label == "回复时间"
    assert reading.rows[0].url == "http://qx.example/hdjl/zxly/1.html"
    assert reading.next_url == "http://qx.example/hdjl/zxly/index_1.html"


def test_a_table_with_only_a_publication_date_is_not_a_board():
    html = page(
        "<table><tr><th>标题</th><th>发布时间</th></tr>"
        '<tr><td><a href="/a.html">某某通知</a></td><td>2020-05-06</td></tr></table>'
    )
    assert read_board_list(html, URL, as_of=T, words=BOARD).rows == []


def test_a_table_with_acceptance_but_no_reply_column_leaves_the_reply_unknown():
    html = page(
        "<table><tr><th>主题</th><th>来信日期</th><th>受理时间</th></tr>"
        '<tr><td><a href="/a.html">噪音扰民</a></td><td>2020.06.01</td><td>2020.06.02</td></tr></table>'
    )
    (row,) = read_board_list(html, URL, as_of=T, words=BOARD).rows
    assert (row.asked, row.answered, row.replied) == (date(2020, 6, 1), None, None)


# ---------------------------------------------------------------- card boards


CARDS = """
<ul class="msg-list">
  <li><a href="/hdjl/zxly/11.html">菜市场占道经营</a>
      <p><span>留言时间：2020-06-01</span><span>回复时间：2020-10-02</span></p><em class="badge">已回复</em></li>
  <li><a href="/hdjl/zxly/12.html">学校周边交通安全</a>
      <p><span>留言时间：2020-07-10</span></p><em class="badge">未回复</em></li>
  <li><a href="/hdjl/zxly/13.html">社区养老服务</a>
      <p><span>[提问时间]2020年12月1日</span><span>发布时间：2021-01-01</span></p></li>
</ul>
"""


def test_card_rows_read_labelled_dates_and_state_badges_never_the_publication_date():
    reading = read_board_list(page(CARDS), URL, as_of=T, words=BOARD)
    assert reading.layout == "rows"
    got = [(r.title, r.asked, r.answered, r.replied) for r in reading.rows]
    assert got == [
        ("菜市场占道经营", date(2020, 6, 1), date(2020, 10, 2), True),
        ("学校周边交通安全", date(2020, 7, 10), None, False),
        ("社区养老服务", date(2020, 12, 1), None, None),
    ]
    assert reading.rows[1].state_text == "未回复"


def test_a_card_row_without_year_is_marked_inferred():
    html = page('<ul><li><a href="/x.html">路灯不亮</a><span>留言时间：08-15</span><span>未回复</span></li></ul>')
    (row,) = read_board_list(html, URL, as_of=T, words=BOARD).rows
    assert (row.asked, row.year_inferred) == (date(2020, 8, 15), True)


# ---------------------------------------------------------------- detail pages


def test_a_detail_page_reads_the_reply_block_and_ignores_the_page_date():
    html = page(
        '<div class="head"><h1>关于小区停车难的问题</h1><span>发布时间：2021-03-01</span></div>'
        "<table><tr><th>留言时间</th><td>2020-05-06 09:12</td></tr>"
        "<tr><th>受理时间</th><td>2020-05-07</td></tr>"
        "<tr><th>回复时间</th><td>2020年9月15日</td></tr>"
        "<tr><th>回复内容</th><td>您好,经核实已协调增设车位。</td></tr></table>"
    )
    detail = read_message_detail(html, URL, as_of=T, words=BOARD)
    assert (detail.title, detail.asked, detail.answered, detail.replied) == (
        "关于小区停车难的问题",
        date(2020, 5, 6),
        date(2020, 9, 15),
        True,
    )
    assert detail.answered_label == "回复时间"


def test_a_detail_page_with_a_reply_but_no_date_is_replied_with_unknown_date():
    html = page("<h1>噪音扰民</h1><p>来信日期：2020-06-01</p><p>答复意见：已转交区生态环境局依法查处。</p>")
    detail = read_message_detail(html, URL, as_of=T, words=BOARD)
    assert (detail.asked, detail.answered, detail.replied) == (date(2020, 6, 1), None, True)


def test_a_detail_page_still_waiting_is_not_replied():
    html = page("<h1>路灯不亮</h1><p>留言时间：2020-06-01</p><p>办理状态：正在办理</p><p>回复内容：暂无回复</p>")
    detail = read_message_detail(html, URL, as_of=T, words=BOARD)
    assert (detail.answered, detail.replied, detail.state_text) == (None, False, "正在办理")
