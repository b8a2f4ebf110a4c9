"""The furniture every demo page shares: <head> metas, top bar, header, nav, breadcrumb, sidebar, footer.

Markup follows what Chinese government CMSs (TRS, 大汉, 拓尔思-style templates) emit: class names like nav,
crumb, side, footer, and the SiteName/SiteIDCode/ColumnName/ColumnType/ArticleTitle/PubDate metas.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING

from auditor.demo import content as c

if TYPE_CHECKING:
    from auditor.demo.content import DemoColumn

WEEKDAYS = "一二三四五六日"
VISITS_BASE = 18_762_345  # the footer's 访问量 counter grows with T so it looks alive


def _metas(meta: dict[str, str]) -> str:
    return "\n".join(f'<meta name="{escape(k)}" content="{escape(v)}">' for k, v in meta.items())


def page(
    title: str,
    body: str,
    as_of: date,
    base_url: str,
    *,
    meta: dict[str, str] | None = None,
    charset: str = "utf-8",
    nav_on: str = "",
) -> str:
    metas = {"SiteName": c.SITE_NAME, "SiteIDCode": c.SITE_CODE, **(meta or {})}
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{escape(title)}</title>
<meta name="keywords" content="青溪区,青溪区人民政府,政务公开,政务服务">
<meta name="description" content="青溪区人民政府门户网站">
{_metas(metas)}
<link rel="stylesheet" href="/portal/css/site.css">
<script src="/portal/js/common.js"></script>
</head>
<body>
{_topbar(as_of)}
{_header()}
{_nav(nav_on)}
<div class="w">
{body}
</div>
{footer(as_of, base_url)}
</body>
</html>
"""


def _topbar(as_of: date) -> str:
    today = f"{as_of.year}年{as_of.month}月{as_of.day}日 星期{WEEKDAYS[as_of.weekday()]}"
    return f"""<div class="topbar"><div class="w">
<span class="today">今天是：{today}</span>
<span><a href="#">无障碍浏览</a><a href="#">长者模式</a><a href="#">繁體</a></span>
</div></div>"""


def _header() -> str:
    return f"""<div class="header"><div class="w">
<a class="logo" href="/portal/"><img src="/portal/images/emblem.png" alt="{c.SITE_NAME}">
<span><span class="site-name">{c.SITE_NAME}</span><span class="site-en">Qingxi District People's Government</span></span></a>
<form class="search" action="/portal/search/" method="get"><input name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form>
</div></div>"""  # noqa: E501 - template lines read best unbroken


def _nav(nav_on: str) -> str:
    items = []
    for text, href in c.NAV:
        on = ' class="on"' if text == nav_on else ""
        target = ' target="_blank"' if href.startswith("http") else ""
        items.append(f'<li{on}><a href="{href}"{target}>{text}</a></li>')
    return '<div class="nav"><ul class="w">\n' + "\n".join(items) + "\n</ul></div>"


def footer(as_of: date, base_url: str) -> str:
    visits = VISITS_BASE + (as_of - date(2020, 1, 1)).days * 1234
    # Absolute same-host URL for 网站地图 on purpose: real footers mix absolute and root-relative links.
    return f"""<div class="footer"><div class="w">
<p><a href="{base_url}/portal/wzdt.html">网站地图</a>|<a href="/portal/lxwm.html">联系我们</a>|<a href="http://www.gov.cn/" target="_blank">中国政府网</a></p>
<p>主办单位：{c.HOST_OFFICE}　联系电话：{c.PHONE}</p>
<p>网站标识码：{c.SITE_CODE}　<a href="http://beian.miit.gov.cn/" target="_blank">{c.ICP}</a>　<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=31011402000001" target="_blank">{c.PSB}</a></p>
<p>©2003-{as_of.year} 版权所有　访问量：{visits}</p>
<p class="badges"><a href="{c.CONAC_LINK}" target="_blank"><img src="{c.CONAC_IMAGE}" alt="党政机关"></a><a href="http://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={c.SITE_CODE}" target="_blank"><img src="/portal/images/badge-jiucuo.png" alt="政府网站找错"></a></p>
</div></div>"""  # noqa: E501 - template lines read best unbroken


def crumb(*parts: tuple[str, str]) -> str:
    """当前位置：首页 > … ; each part is (text, href), the last one is plain text."""
    links = ['<a href="/portal/">首页</a>']
    for index, (text, href) in enumerate(parts):
        links.append(escape(text) if index == len(parts) - 1 or not href else f'<a href="{href}">{escape(text)}</a>')
    return '<div class="crumb">当前位置：' + " &gt; ".join(links) + "</div>"


def column_crumb(col: DemoColumn) -> str:
    heading, parent = c.GROUPS.get(col.group, ("", ""))
    if parent:
        return crumb((heading, parent), (col.name, col.path))
    return crumb((col.name, col.path))


def sidebar(col: DemoColumn) -> str:
    heading, _ = c.GROUPS[col.group]
    members = [other for other in c.COLUMNS if other.group == col.group and other.page_kind == "list"]
    items = []
    for other in members:
        on = ' class="on"' if other.id == col.id else ""
        # Relative links in the 信息公开 tree (../zcwj/), root-relative elsewhere: real sites mix both.
        href = f"../{other.id}/" if col.group == "xxgk" else other.path
        items.append(f'<li{on}><a href="{href}">{other.name}</a></li>')
    tree = " xxgk-tree" if col.group == "xxgk" else ""
    return f'<div class="side{tree}"><h3>{heading}</h3><ul>\n' + "\n".join(items) + "\n</ul></div>"


def column_meta(col: DemoColumn) -> dict[str, str]:
    return {"ColumnName": col.name, "ColumnType": col.name, "ColumnDescription": f"{c.SITE_NAME}{col.name}"}
