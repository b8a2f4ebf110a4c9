from __future__ import annotations

from datetime import date

from auditor.extract.discovery import discover_home_columns, hub_children

T = date(2021, 3, 21)
HOME = """<html><body>
<div class="header"><h1>青溪区人民政府</h1></div>
<div class="nav"><ul>
  <li><a href="/portal/">首页</a></li>
  <li><a href="/portal/col/ywdt/">要闻动态</a></li>
  <li><a href="/portal/xxgk/">信息公开</a><ul><li><a href="/portal/xxgk/zcwj/">政策文件</a></li></ul></li>
  <li><a href="https://zwfw.example.gov.cn/">政务服务</a></li>
</ul></div>
<div class="mod"><div class="mod-hd"><h3>要闻动态</h3><a class="more" href="/portal/col/ywdt/index.html">更多&gt;&gt;</a></div>
  <ul><li><a href="/portal/art/ywdt/1.html">区政府召开常务会议研究部署工作</a><span>2021-03-20</span></li>
      <li><a href="/portal/art/ywdt/2.html">区领导调研重点项目建设进展</a><span>2021-03-18</span></li></ul></div>
<div class="mod"><div class="mod-hd"><span class="title">部门动态</span><a class="more" href="/portal/col/bmdt/">更多</a></div>
  <ul><li><a href="/portal/art/bmdt/1.html">区教育局开展校园安全检查工作</a><span>2021-02-20</span></li></ul></div>
<div class="footer"><a href="/portal/wzdt.html">网站地图</a> <a href="/portal/lxwm.html">联系我们</a>
  <a href="/portal/col/zhaocuo/">我为政府网站找错</a></div>
</body></html>"""


def in_scope(url: str) -> bool:
    return url.startswith("http://s/")


def test_home_discovery_merges_nav_and_blocks():
    found = {c.name: c for c in discover_home_columns(HOME, "http://s/portal/", as_of=T, in_scope=in_scope)}
    assert set(found) == {"要闻动态", "信息公开", "政策文件", "部门动态"}
    ywdt = found["要闻动态"]
    assert ywdt.found_in == ["nav", "home_block"]
    assert ywdt.level == 1
    assert [i.date for i in ywdt.items] == [date(2021, 3, 20), date(2021, 3, 18)]
    assert found["部门动态"].url == "http://s/portal/col/bmdt/"
    assert found["部门动态"].items[0].date == date(2021, 2, 20)
    assert found["政策文件"].level == 2
    assert found["信息公开"].items == []


def test_hub_children_from_tree_and_below_path():
    hub = """<html><body><div class="xxgk-tree"><ul>
      <li><a href="/portal/xxgk/zcwj/">政策文件</a></li><li><a href="/portal/xxgk/rsxx/">人事信息</a></li>
      <li><a href="/portal/xxgk/czxx/">财政信息</a></li></ul></div>
      <div class="main"><a href="/portal/xxgk/zn.html">信息公开指南</a><a href="/portal/art/x/1.html">某文章标题很长</a>
      <a href="/portal/">首页</a></div></body></html>"""
    names = [name for name, _ in hub_children(hub, "http://s/portal/xxgk/", in_scope=in_scope)]
    assert names == ["政策文件", "人事信息", "财政信息", "信息公开指南"]


def test_a_box_title_loses_its_trailing_more_link():
    html = """<html><body><div class="box"><h3>要闻动态 <a href="/col/ywdt/">更多>></a></h3>
    <ul><li><a href="/col/ywdt/1.html">区政府召开常务会议</a><span>2021-03-20</span></li>
    <li><a href="/col/ywdt/2.html">区领导调研重点项目</a><span>2021-03-19</span></li>
    <li><a href="/col/ywdt/3.html">区人大常委会开展视察</a><span>2021-03-18</span></li></ul></div></body></html>"""
    columns = discover_home_columns(html, "http://x.gov.cn/", as_of=date(2021, 3, 21), in_scope=lambda _url: True)
    block = next(c for c in columns if c.url == "http://x.gov.cn/col/ywdt/")
    assert block.name == "要闻动态"
