"""Whole pages of the demo portal: home, column lists, the 通知公告 iframe, articles, hubs, content pages.

Each function returns the page as text; site.py encodes it and picks the status code.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from auditor.demo import content as c
from auditor.demo import layout
from auditor.demo.lists import js_loader, list_area
from auditor.demo.rows import Row, article_path, cn_date, column_rows, home_rows

if TYPE_CHECKING:
    from datetime import date

    from auditor.demo.content import DemoColumn

BLOCK_ROWS_CLASS = "mod-list"


def _mod(col: DemoColumn, body: str, *, span_title: bool = False) -> str:
    """A home-page block: a title (h3, or span.tit in some templates), a 更多>> link and its rows."""
    title = f'<span class="tit">{col.name}</span>' if span_title else f"<h3>{col.name}</h3>"
    return (
        f'<div class="mod" id="mod-{col.id}"><div class="mod-hd">{title}'
        f'<a class="more" href="{col.path}" target="_blank">更多&gt;&gt;</a></div>\n'
        f'<div class="mod-bd">\n{body}\n</div></div>'
    )


def _block_rows(col: DemoColumn, as_of: date, date_format: str = "%Y-%m-%d", *, rectified: bool = False) -> str:
    items = [
        f'<li><a href="{article_path(col.id, row)}" target="_blank" title="{escape(row.title)}">'
        f'{escape(row.title)}</a><span class="date">{row.day.strftime(date_format)}</span></li>'
        for row in home_rows(col.id, as_of, rectified=rectified)
    ]
    return f'<ul class="{BLOCK_ROWS_CLASS}">\n' + "\n".join(items) + "\n</ul>"


def _block_cards(col: DemoColumn, as_of: date, *, rectified: bool = False) -> str:
    # The picture block shows the first cards in the list's own (unsorted) order.
    rows = column_rows(col.id, as_of, rectified)[: col.home_rows]
    cards = []
    for index, row in enumerate(rows):
        link = f'<a href="{article_path(col.id, row)}" target="_blank">'
        image = f'<img src="/portal/images/pic{index % 9 + 1}.png" alt="{escape(row.title)}">'
        cards.append(
            f'<div class="card">{link}{image}</a>'
            f'<p class="card-title">{link}{escape(row.title)}</a></p>'
            f'<span class="card-date">{cn_date(row.day)}</span></div>'
        )
    return '<div class="pics">\n' + "\n".join(cards) + "\n</div>"


def home(as_of: date, base_url: str, *, rectified: bool = False) -> str:
    """The home page; rectified: as the re-check round finds it (the blocks show rows.RECTIFIED_ROWS too)."""
    col = c.COLUMNS_BY_ID

    def rows(column_id: str, date_format: str = "%Y-%m-%d") -> str:
        return _block_rows(col[column_id], as_of, date_format, rectified=rectified)

    xzdt_js = f'<ul class="{BLOCK_ROWS_CLASS}" id="xzdt-home"><li>加载中…</li></ul>\n' + js_loader(
        "xzdt-home", "/portal/api/xzdt.json", col["xzdt"].home_rows
    )
    gk_links = (
        "\n".join(f'<li><a href="{col[cid].path}">{col[cid].name}</a></li>' for cid in c.XXGK_TREE)
        + f'\n<li><a href="{col["xxgkzn"].path}">信息公开指南</a></li>'
    )
    service = "".join(
        f'<a href="{c.ZWFW_URL}{path}" target="_blank">{text}</a>'
        for text, path in (
            ("个人办事", "grbs/"),
            ("法人办事", "frbs/"),
            ("办事指南", "bszn/"),
            ("好差评", "hcp/"),
        )
    )
    body = f"""<div class="top-banner"><img src="/portal/images/banner.png" alt="魅力青溪"></div>
<div class="row">
{_mod(col["ywdt"], rows("ywdt"))}
{_mod(col["tzgg"], rows("tzgg"))}
</div>
<div class="row">
{_mod(col["bmdt"], rows("bmdt", "%m-%d"))}
{_mod(col["xzdt"], xzdt_js)}
</div>
<div class="row">
{_mod(col["tpxw"], _block_cards(col["tpxw"], as_of, rectified=rectified), span_title=True)}
</div>
<div class="row">
{_mod(col["xwfb"], rows("xwfb"), span_title=True)}
{_mod(col["sqdt"], rows("sqdt"))}
</div>
<div class="row">
<div class="mod" id="mod-xxgk"><div class="mod-hd"><h3>信息公开</h3><a class="more" href="/portal/xxgk/">更多&gt;&gt;</a></div>
<div class="mod-bd"><ul class="gk-entry">
{gk_links}
</ul></div></div>
</div>
<div class="row">
<div class="mod" id="mod-zt"><div class="mod-hd"><h3>专题专栏</h3></div>
<div class="mod-bd zt-pics"><a href="{col["lszt"].path}" target="_blank"><img src="/portal/images/zt-lszt.png" alt="历史专题"><span>历史专题</span></a></div></div>
<div class="mod" id="mod-zwfw"><div class="mod-hd"><h3>政务服务</h3><a class="more" href="{c.ZWFW_URL}" target="_blank">更多&gt;&gt;</a></div>
<div class="mod-bd service">{service}</div></div>
</div>
<div class="row friendlink" id="yqlj"><span class="tit">友情链接：</span><a href="{c.BROKEN_HOME_LINK}" target="_blank">青溪档案</a><a href="http://www.gov.cn/" target="_blank">中国政府网</a><a href="http://www.sh.gov.cn/" target="_blank">上海市人民政府</a><a href="http://scjgj.qingxi.gov.cn/" target="_blank">青溪区市场监督管理局</a><a href="http://www.creditqingxi.cn/" target="_blank">信用青溪</a></div>"""  # noqa: E501 - template lines read best unbroken
    return layout.page(c.SITE_NAME, body, as_of, base_url, nav_on="首页")


def _column_shell(col: DemoColumn, inner: str) -> str:
    banner = (
        f'<p class="col-banner"><img src="{c.BROKEN_LIST_IMAGE}" alt="{col.name}"></p>'
        if col.id == c.BROKEN_IMAGE_COLUMN
        else ""
    )
    return f"""{layout.column_crumb(col)}
<div class="page-body">
{layout.sidebar(col)}
<div class="main-col">
<h2 class="col-title">{col.name}</h2>{banner}
<div class="list-con">
{inner}
</div>
</div>
</div>"""


def list_page(col: DemoColumn, as_of: date, base_url: str, *, rectified: bool = False) -> str:
    if col.markup == "iframe":
        inner = (
            f'<iframe id="listFrame" name="listFrame" src="{col.path}list.html" width="100%" height="640" '
            'frameborder="0" scrolling="no"></iframe>'
        )
    else:
        inner = list_area(col, as_of, rectified=rectified)
    title = f"{col.name}_{c.SITE_NAME}"
    nav_on = col.name if any(text == col.name for text, _ in c.NAV) else ""
    return layout.page(
        title, _column_shell(col, inner), as_of, base_url, meta=layout.column_meta(col), charset=col.charset,
        nav_on=nav_on,
    )  # fmt: skip


def frame_page(col: DemoColumn, as_of: date) -> str:
    """The page inside 通知公告's iframe: only the list, links open in the parent window."""
    metas = "\n".join(
        f'<meta name="{k}" content="{v}">'
        for k, v in {"SiteName": c.SITE_NAME, "SiteIDCode": c.SITE_CODE, **layout.column_meta(col)}.items()
    )
    area = list_area(col, as_of).replace('target="_blank"', 'target="_parent"')
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{col.name}</title>
{metas}
<link rel="stylesheet" href="/portal/css/site.css"></head>
<body style="background:#fff">
{area}
</body></html>
"""


def _xxgk_meta(col: DemoColumn, row: Row) -> str:
    if row.written is None:
        return ""
    number = row.info or "无"
    return f"""<table class="xxgk-meta">
<tr><td>索引号：QX0001-{col.id.upper()}-{row.day.year}-{row.n:05d}</td><td>发布机构：{c.HOST_OFFICE}</td></tr>
<tr><td>成文日期：{row.written:%Y-%m-%d}</td><td>文号：{number}</td></tr>
<tr><td>主题分类：{col.name}</td><td>有效性：有效</td></tr>
</table>"""


def article(col: DemoColumn, row: Row, as_of: date, base_url: str) -> str:
    stamp = f"{row.published:%Y-%m-%d %H:%M}"
    paragraphs = [f"{cn_date(row.day)}，{escape(row.title)}。"]
    paragraphs += [c.BODY_SENTENCES[(row.n + k) % len(c.BODY_SENTENCES)] for k in range(3)]
    extra = ""
    if col.id == "tpxw":
        extra = f'<p style="text-align:center"><img src="/portal/images/pic{row.n % 9 + 1}.png" alt=""></p>'
    if col.id == "zxzx" and row.replied is not None:
        extra = (
            f'<div class="reply"><p>留言时间：{stamp}</p><p>回复单位：{c.HOST_OFFICE}</p>'
            f"<p>回复时间：{row.replied:%Y-%m-%d %H:%M}</p>"
            "<p>您好，您反映的问题已转相关部门办理，感谢您的关注。</p></div>"
        )
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    heading, parent = c.GROUPS.get(col.group, ("", ""))
    crumbs = [(heading, parent)] if parent else []
    page_body = f"""{layout.crumb(*crumbs, (col.name, col.path), ("正文", ""))}
<div class="main-col article">
<h1>{escape(row.title)}</h1>
{_xxgk_meta(col, row)}
<div class="art-info">发布时间：{stamp}　来源：{row.source or c.HOST_OFFICE}　浏览次数：{row.views}</div>
<div class="art-body">
{body}
{extra}
</div>
</div>"""
    meta = {
        **layout.column_meta(col),
        "ArticleTitle": row.title,
        "PubDate": stamp,
        "ContentSource": row.source or c.HOST_OFFICE,
    }
    return layout.page(f"{row.title}_{c.SITE_NAME}", page_body, as_of, base_url, meta=meta, charset=col.charset)


def _simple(col: DemoColumn, inner: str, as_of: date, base_url: str, *, meta: bool = True) -> str:
    heading, parent = c.GROUPS.get(col.group, ("", ""))
    parent_crumb = [(heading, parent)] if parent else []
    if col.id == "xxgkzn":
        parent_crumb = [("信息公开", "/portal/xxgk/")]
    body = f"""{layout.crumb(*parent_crumb, (col.name, col.path))}
<div class="main-col">
<h2 class="col-title">{col.name}</h2>
{inner}
</div>"""
    metas = {"ColumnName": col.name} if meta else {}
    nav_on = col.name if any(text == col.name for text, _ in c.NAV) else ""
    return layout.page(f"{col.name}_{c.SITE_NAME}", body, as_of, base_url, meta=metas, nav_on=nav_on)


def xxgk_hub(as_of: date, base_url: str) -> str:
    tree = "\n".join(f'<li><a href="{cid}/">{c.COLUMNS_BY_ID[cid].name}</a></li>' for cid in c.XXGK_TREE)
    inner = f"""<p class="intro">根据《中华人民共和国政府信息公开条例》，青溪区人民政府主动公开政策文件、人事信息、规划计划、
财政信息等政府信息。公民、法人或者其他组织可以通过本栏目查阅，也可以依法申请获取相关政府信息。</p>
<div class="xxgk-tree"><h3>信息公开目录</h3>
<ul class="tree-hub">
{tree}
</ul></div>
<p class="gk-guide"><a href="xxgkzn.html">政府信息公开指南</a>　<a href="xxgkzn.html#nb">政府信息公开年报</a></p>"""  # noqa: E501 - template lines read best unbroken
    return _simple(c.COLUMNS_BY_ID["xxgk"], inner, as_of, base_url)


def hdjl_hub(as_of: date, base_url: str) -> str:
    col = c.COLUMNS_BY_ID
    inner = f"""<div class="tree-hub">
<div class="mod"><div class="mod-hd"><h3><a href="{col["zxzx"].path}">政务咨询</a></h3></div>
<div class="mod-bd"><p>就政策、办事等问题向区政府有关部门咨询，工作人员将在规定时限内答复。</p></div></div>
<div class="mod"><div class="mod-hd"><h3><a href="{col["zxft"].path}">在线访谈</a></h3></div>
<div class="mod-bd"><p>区政府部门负责同志做客在线访谈，解读政策、回应关切。</p></div></div>
</div>"""
    return _simple(col["hdjl"], inner, as_of, base_url)


def qqgk(as_of: date, base_url: str) -> str:
    inner = "\n".join(f"<p>{text}</p>" for text in c.QQGK_PARAGRAPHS)
    return _simple(c.COLUMNS_BY_ID["qqgk"], f'<div class="art-body article">{inner}</div>', as_of, base_url)


def sitemap(as_of: date, base_url: str) -> str:
    groups: dict[str, list[str]] = {}
    for col in c.COLUMNS:
        if col.page_kind == "list":
            heading = c.GROUPS[col.group][0]
            groups.setdefault(heading, []).append(f'<li><a href="{col.path}">{col.name}</a></li>')
    inner = "\n".join(
        f'<div class="map-group"><h3>{heading}</h3><ul class="tree-hub">{"".join(items)}</ul></div>'
        for heading, items in groups.items()
    )
    return _simple(c.COLUMNS_BY_ID["wzdt"], inner, as_of, base_url, meta=False)


def xxgk_guide(as_of: date, base_url: str) -> str:
    inner = """<div class="art-body article">
<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。</p>
<p>一、主动公开：本机关主动公开的政府信息，通过青溪区人民政府门户网站“信息公开”栏目发布。</p>
<p>二、依申请公开：公民、法人或者其他组织可以向本机关申请获取相关政府信息。</p>
<p id="nb">三、年度报告：本机关于每年1月31日前公布上一年度政府信息公开工作年度报告。</p>
</div>"""
    return _simple(c.COLUMNS_BY_ID["xxgkzn"], inner, as_of, base_url)


def contact(as_of: date, base_url: str) -> str:
    body = f"""{layout.crumb(("联系我们", "/portal/lxwm.html"))}
<div class="main-col"><h2 class="col-title">联系我们</h2>
<p>主办单位：{c.HOST_OFFICE}</p><p>联系电话：{c.PHONE}</p><p>通讯地址：青溪区青溪大道1号</p></div>"""
    return layout.page(f"联系我们_{c.SITE_NAME}", body, as_of, base_url)


def not_found(as_of: date, base_url: str) -> str:
    body = """<div class="main-col" style="text-align:center;padding:80px 0">
<h2>404 您访问的页面不存在</h2><p>页面可能已删除或更名，<a href="/portal/">返回首页</a></p></div>"""
    return layout.page(f"页面不存在_{c.SITE_NAME}", body, as_of, base_url)


SERVER_ERROR = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>500 Internal Server Error</title></head>
<body><h1>HTTP Status 500 – Internal Server Error</h1>
<p>服务器内部错误，请稍后再试。</p>
<hr><p>java.lang.NullPointerException: column template [sqdt] not found</p>
</body></html>
"""
