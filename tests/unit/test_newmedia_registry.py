"""Reading a 政务新媒体 registry page (issue #10): a table with Chinese headers, or a matrix of icon links.

The platform of an account is its 类型 cell when the aliases know it, else its URL's host as the platform adapters
in auditor/platforms/ claim it; the tests use the platforms' real hosts so that they hold for the adapters as
shipped, and check first that those adapters claim them.
"""

from __future__ import annotations

import pytest

from auditor.extract.registry import RegistryRow, read_registry
from auditor.platforms import platform_of_url

BASE = "https://www.shanghai.gov.cn/nw12344/index.html"

REAL_HOSTS = {
    "https://weibo.com/shhuangpu": "weibo",
    "https://www.douyin.com/user/MS4wLjABAAAAjingan": "douyin",
    "https://mp.weixin.qq.com/s/shanghaifabu": "wechat",
    "https://www.163.com/dy/media/T1500000000001.html": "netease",
}


@pytest.mark.parametrize(("url", "platform"), REAL_HOSTS.items())
def test_adapters_claim_the_real_hosts(url: str, platform: str) -> None:
    # The registry tests below rely on these: a missing adapter fails here first, naming the host.
    assert platform_of_url(url) == platform


def test_unknown_host_is_no_platform() -> None:
    assert platform_of_url("https://www.shanghai.gov.cn/nw12344/") is None
    assert platform_of_url("https://notweibo.com/x") is None  # a suffix, not a subdomain


def _rows(rows: list[RegistryRow]) -> list[tuple[str, str, str, str, str | None]]:
    return [(r.platform, r.name, r.owner, r.group, r.url) for r in rows]


REGISTRY_TABLE = """\
<html><head><meta charset="utf-8"><title>上海市政务新媒体名录</title></head><body>
<div class="nav"><a href="/nw12344/index.html">首页</a> &gt; 政务新媒体</div>
<table class="list">
  <thead>
    <tr><th>序号</th><th>分组</th><th>开设主体</th><th>类型</th><th>账号名称</th><th>网址</th></tr>
  </thead>
  <tbody>
    <tr><td>1</td><td rowspan="3">区政府</td><td rowspan="2">黄浦区人民政府</td>
        <td>微信公众号</td><td>上海黄浦</td><td><a href="https://mp.weixin.qq.com/s/huangpu">查看</a></td></tr>
    <tr><td>2</td><td>微博</td><td>上海黄浦</td><td><a href="https://weibo.com/shhuangpu">查看</a></td></tr>
    <tr><td>3</td><td>静安区人民政府</td><td>抖音号</td><td>上海静安</td>
        <td><a href="https://www.douyin.com/user/MS4wLjABAAAAjingan">查看</a></td></tr>
    <tr><td>4</td><td rowspan="3">市级部门</td><td>上海市市场监督管理局</td><td>网易号</td><td>上海市场监管</td>
        <td><a href="https://www.163.com/dy/media/T1500000000001.html">查看</a></td></tr>
    <tr><td>5</td><td>上海市生态环境局</td><td></td><td><a href="/nw12344/shhj.html">上海环境</a></td>
        <td><a href="https://weibo.com/shhj">查看</a></td></tr>
    <tr><td>6</td><td>上海市交通委员会</td><td>小红书</td><td>上海交通</td><td>暂无</td></tr>
    <tr><td>7</td><td></td><td>大鱼号</td><td></td><td></td><td></td></tr>
  </tbody>
</table>
</body></html>
"""


def test_registry_table_with_rowspans_and_platforms() -> None:
    rows = read_registry(REGISTRY_TABLE, BASE)
    assert _rows(rows) == [
        ("wechat", "上海黄浦", "黄浦区人民政府", "区政府", "https://mp.weixin.qq.com/s/huangpu"),
        # Owner and group carried down from the rowspan'd cells.
        ("weibo", "上海黄浦", "黄浦区人民政府", "区政府", "https://weibo.com/shhuangpu"),
        # 抖音号 is no alias: the platform is the URL's.
        ("douyin", "上海静安", "静安区人民政府", "区政府", "https://www.douyin.com/user/MS4wLjABAAAAjingan"),
        (
            "netease",
            "上海市场监管",
            "上海市市场监督管理局",
            "市级部门",
            "https://www.163.com/dy/media/T1500000000001.html",
        ),
        # Empty 类型: the platform is the URL's, and the row's platform link wins over the site's own link before it.
        ("weibo", "上海环境", "上海市生态环境局", "市级部门", "https://weibo.com/shhj"),
        # Neither a known 类型 nor a platform link: kept, for review, as other.
        ("other", "上海交通", "上海市交通委员会", "市级部门", None),
    ]
    # The 类型 cell is kept as written.
    assert [r.platform_text for r in rows] == ["微信公众号", "微博", "抖音号", "网易号", "", "小红书"]


def test_link_only_to_the_registry_site_is_resolved_and_kept() -> None:
    html = """<table>
      <tr><th>类型</th><th>账号名称</th><th>链接</th></tr>
      <tr><td>今日头条</td><td>上海徐汇</td><td><a href="../xuhui/toutiao.html">访问</a></td></tr>
      <tr><td>B站</td><td>上海长宁</td><td><a href="javascript:void(0)">访问</a></td></tr>
    </table>"""
    assert _rows(read_registry(html, BASE)) == [
        ("toutiao", "上海徐汇", "", "", "https://www.shanghai.gov.cn/xuhui/toutiao.html"),
        ("bilibili", "上海长宁", "", "", None),
    ]


def test_header_row_may_follow_a_title_row() -> None:
    html = """<table>
      <tr><td colspan="3">上海市政务新媒体名录(2021年3月)</td></tr>
      <tr><td>名称</td><td>平台</td><td>主办单位</td></tr>
      <tr><td>上海杨浦</td><td>快手</td><td>杨浦区人民政府</td></tr>
    </table>"""
    assert _rows(read_registry(html, BASE)) == [("kuaishou", "上海杨浦", "杨浦区人民政府", "", None)]


def test_table_without_a_name_column_gives_no_rows_but_its_platform_links_count() -> None:
    html = """<table>
      <tr><th>标题</th><th>发布日期</th></tr>
      <tr><td><a href="/nw12344/20210319/a.html">关于政务新媒体检查的通知</a></td><td>2021-03-19</td></tr>
      <tr><td><a href="https://weibo.com/shanghaicity">上海发布微博</a></td><td>2021-03-18</td></tr>
    </table>"""
    assert _rows(read_registry(html, BASE)) == [("weibo", "上海发布微博", "", "", "https://weibo.com/shanghaicity")]


MATRIX = """\
<html><body>
<div class="xmt-matrix">
  <h2>政务新媒体矩阵</h2>
  <div class="block">
    <h3>区政府</h3>
    <ul>
      <li><a href="https://weibo.com/shhuangpu"><img src="/images/weibo.png" alt="上海黄浦"></a></li>
      <li><a href="https://www.douyin.com/user/MS4wLjABAAAAxuhui" title="徐汇通"><img src="/images/dy.png"></a></li>
      <li><a href="https://weibo.com/shhuangpu#top"><img src="/images/weibo.png" alt="上海黄浦"></a></li>
    </ul>
  </div>
  <div class="block">
    <h3>市级部门</h3>
    <ul>
      <li><a href="https://mp.weixin.qq.com/s/shanghaifabu"><img src="/images/wx.png" alt="上海发布"></a></li>
      <li><a href="https://www.163.com/dy/media/T1500000000001.html">上海市场监管</a></li>
      <li><a href="/nw12344/about.html">关于我们</a></li>
      <li><a href="https://weibo.com/shanghaishichang"><img src="/images/weibo.png"></a></li>
    </ul>
  </div>
</div>
</body></html>
"""


def test_matrix_of_icon_links_grouped_by_headings() -> None:
    assert _rows(read_registry(MATRIX, BASE)) == [
        ("weibo", "上海黄浦", "", "区政府", "https://weibo.com/shhuangpu"),
        ("douyin", "徐汇通", "", "区政府", "https://www.douyin.com/user/MS4wLjABAAAAxuhui"),
        ("wechat", "上海发布", "", "市级部门", "https://mp.weixin.qq.com/s/shanghaifabu"),
        ("netease", "上海市场监管", "", "市级部门", "https://www.163.com/dy/media/T1500000000001.html"),
        # The site's own link is no account; an icon with neither alt nor title has no name to report.
    ]


def test_matrix_headings_as_siblings_of_flat_links() -> None:
    html = """<div>
      <h3>区政府</h3><a href="https://weibo.com/a">上海闵行</a><a href="https://weibo.com/b">上海宝山</a>
      <h3>市级部门</h3><a href="https://weibo.com/c">上海教育</a>
    </div>"""
    assert [(r.name, r.group) for r in read_registry(html, BASE)] == [
        ("上海闵行", "区政府"),
        ("上海宝山", "区政府"),
        ("上海教育", "市级部门"),
    ]


def test_links_without_any_heading_have_no_group() -> None:
    html = '<p><a href="https://weibo.com/jiading">上海嘉定</a></p>'
    assert _rows(read_registry(html, BASE)) == [("weibo", "上海嘉定", "", "", "https://weibo.com/jiading")]


def test_table_and_matrix_on_one_page_list_each_account_once() -> None:
    html = REGISTRY_TABLE.replace(
        "</body>",
        '<div><h3>微博矩阵</h3><a href="https://weibo.com/shhuangpu">上海黄浦</a>'
        '<a href="https://weibo.com/shhuangpu2">上海黄浦</a>'
        '<a href="https://weibo.com/shbaoshan">上海宝山</a></div></body>',
    )
    rows = read_registry(html, BASE)
    # The table's 上海黄浦 (by URL, then by platform+name) stays; only 上海宝山 is new.
    assert [(r.platform, r.name) for r in rows][-2:] == [("other", "上海交通"), ("weibo", "上海宝山")]
    assert len(rows) == 7
    assert next(r for r in rows if r.name == "上海宝山").group == "微博矩阵"


def test_duplicate_rows_are_dropped_first_kept() -> None:
    html = """<table>
      <tr><th>类型</th><th>账号名称</th><th>开设主体</th></tr>
      <tr><td>微信</td><td>上海发布</td><td>上海市人民政府新闻办公室</td></tr>
      <tr><td>微信公众号</td><td>上海发布</td><td>重复登记</td></tr>
      <tr><td>微博</td><td>上海发布</td><td>上海市人民政府新闻办公室</td></tr>
    </table>"""
    assert [(r.platform, r.name, r.owner) for r in read_registry(html, BASE)] == [
        ("wechat", "上海发布", "上海市人民政府新闻办公室"),
        ("weibo", "上海发布", "上海市人民政府新闻办公室"),
    ]


def test_nested_tables_are_read_once() -> None:
    html = """<table><tr><td>
      <table><tr><th>类型</th><th>账号名称</th></tr><tr><td>微信</td><td>上海发布</td></tr></table>
    </td></tr></table>"""
    assert [(r.platform, r.name) for r in read_registry(html, BASE)] == [("wechat", "上海发布")]


def test_empty_or_broken_pages() -> None:
    assert read_registry("", BASE) == []
    assert read_registry("<html><body><p>暂无信息</p></body></html>", BASE) == []
    assert read_registry("<table><tr><th>账号名称</th></tr></table>", BASE) == []


def test_whitespace_in_cells_is_normalised() -> None:
    html = """<table><tr><th>类 型</th><th>账号\u3000名称</th></tr>
      <tr><td>\n 微博 </td><td>  上海\u00a0青浦\n</td></tr></table>"""
    assert [(r.platform, r.name) for r in read_registry(html, BASE)] == [("weibo", "上海 青浦")]


def test_platform_cell_padded_with_an_ideographic_space() -> None:
    html = """<table><tr><th>类　型</th><th>账号名称</th></tr>
      <tr><td>微　博</td><td>上海青浦</td></tr>
      <tr><td>头条号</td><td>上海奉贤</td></tr></table>"""
    assert [(r.platform, r.name) for r in read_registry(html, BASE)] == [("weibo", "上海青浦"), ("toutiao", "上海奉贤")]


# ---------------------------------------------------------------------------------------------- known bugs


def test_header_zhanghao_leixing_is_the_platform_column() -> None:
    html = """<table>
      <tr><th>账号类型</th><th>账号名称</th><th>开设主体</th></tr>
      <tr><td>微信公众号</td><td>上海发布</td><td>上海市人民政府新闻办公室</td></tr>
    </table>"""
    assert _rows(read_registry(html, BASE)) == [("wechat", "上海发布", "上海市人民政府新闻办公室", "", None)]


def test_header_danwei_leibie_is_the_group_column() -> None:
    html = """<table>
      <tr><th>单位类别</th><th>开设主体</th><th>类型</th><th>账号名称</th></tr>
      <tr><td>区政府</td><td>黄浦区人民政府</td><td>微博</td><td>上海黄浦</td></tr>
    </table>"""
    assert _rows(read_registry(html, BASE)) == [("weibo", "上海黄浦", "黄浦区人民政府", "区政府", None)]


def test_platform_link_after_a_site_link_in_one_cell() -> None:
    html = """<table>
      <tr><th>开设主体</th><th>类型</th><th>账号名称</th><th>网址</th></tr>
      <tr><td>上海市生态环境局</td><td></td><td>上海环境</td>
          <td><a href="/nw12344/shhj.html">简介</a> <a href="https://weibo.com/shhj">微博</a></td></tr>
    </table>"""
    assert _rows(read_registry(html, BASE)) == [("weibo", "上海环境", "上海市生态环境局", "", "https://weibo.com/shhj")]


def test_registry_table_inside_a_layout_table() -> None:
    html = """<html><body><table width="1000">
      <tr><td><img src="/images/logo.png" alt="上海市人民政府"></td></tr>
      <tr><td><a href="/">首页</a> | <a href="/xxgk/">信息公开</a></td></tr>
      <tr><td>当前位置:首页 &gt; 政务新媒体</td></tr>
      <tr><td>
        <table class="xmt"><tr><th>类型</th><th>账号名称</th><th>开设主体</th></tr>
          <tr><td>微信</td><td>上海发布</td><td>上海市人民政府新闻办公室</td></tr>
          <tr><td>微博</td><td>上海黄浦</td><td>黄浦区人民政府</td></tr>
        </table>
      </td></tr>
    </table></body></html>"""
    assert [(r.platform, r.name, r.owner) for r in read_registry(html, BASE)] == [
        ("wechat", "上海发布", "上海市人民政府新闻办公室"),
        ("weibo", "上海黄浦", "黄浦区人民政府"),
    ]
