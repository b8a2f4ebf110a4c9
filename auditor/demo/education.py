"""The demo department site 青溪区教育局 at http://jyj.qingxi.gov.cn/, as a pure function of (path, as_of).

Audited only in the estate (`site_scenarios(..., estate=True)`, scenario id qingxi-jyj). A modern UTF-8 CMS
(大汉 JCMS style: /col/col<N>/index.html, /art/<yyyy>/<mm>/<dd>/art_<N>_<n>.html, div/ul markup): a home page
of blocks with 更多 links, five columns, a 局长信箱 whose letters are answered within days, a 网上办事 link to
the 政务服务网 and a complete footer (主办单位, 网站标识码, ICP, 公安备案, 党政机关 badge, 我为政府网站找错). It is
合格, with one deduction, the labels of tests/e2e/test_demo_estate_data.py:

- one stale news column: its newest item is T-61, and its name, as the menu, the sidebar and its list page's
  <title> write it, is the literal text `<img src=x onerror=alert(1)>` (escaped in the markup, so the text is
  that string): the bait of the report-safety test, a page-derived name that reaches findings and reports.
  Its <meta name="ColumnType"> says 校园动态, which makes it a news column (the name itself matches no keyword).

It is served the same in the re-check round (DemoServer(rectified=True)): the bureau fixed nothing.
"""

# ruff: noqa: E501 - the column tables, the stylesheet and the page templates read best unbroken

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from auditor.demo import assets, hosts
from auditor.demo.dated import DatedRow, dated_rows
from auditor.demo.response import Response, css, html, png, redirect

if TYPE_CHECKING:
    from collections.abc import Callable

SITE_NAME = "青溪区教育局"
SITE_ID = "qingxi-jyj"
SITE_CODE = "3101140061"
ICP = "沪ICP备05000061号-2"
PSB = "沪公网安备 31011402000612号"
PSB_RECORD = "31011402000612"
CONAC_LINK = "http://bszs.conac.cn/sitename?method=show&id=8A2C4E6F1B3D5A7C"
CONAC_IMAGE = "http://dcs.conac.cn/image/red.png"
ADDRESS = "青溪区文教路18号"
PHONE = "021-59995678"
ZWFW = "http://zwfw.sh.gov.cn/"
BAIT_NAME = "<img src=x onerror=alert(1)>"  # the stale column's name: text, never markup
BOARD_PATH = "/hdjl/jzxx/"
ARTICLE = re.compile(r"^/art/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/art_(?P<col>\d+)_(?P<n>\d+)\.html$")


@dataclass(frozen=True, slots=True)
class Column:
    id: str
    number: int  # the CMS's column number: /col/col<number>/index.html
    name: str
    column_type: str  # <meta name="ColumnType">
    offsets: tuple[int, ...]  # days back from T, newest first
    titles: tuple[str, ...]
    base_n: int
    home_rows: int  # rows of its home-page block; 0 = no block

    @property
    def path(self) -> str:
        return f"/col/col{self.number}/index.html"


# fmt: off
COLUMNS: tuple[Column, ...] = (
    Column("gzdt", 1101, "工作动态", "工作动态", (1, 2, 4, 6, 9, 12, 15, 19, 23, 28, 34, 41), (
        "区教育局召开中小学校园安全工作会议", "区教育局开展义务教育阶段学校课后服务专项督导", "区教育局举办新任教师岗前培训",
        "区教育局赴柳塘镇调研乡村学校建设", "区教育局召开学前教育工作推进会", "区教育局开展校园食品安全专项检查",
        "区教育局举行青年教师教学基本功比赛", "区教育局推进集团化办学工作", "区教育局召开“双减”工作专题会议",
        "区教育局开展校外培训机构联合检查", "区教育局召开年度党风廉政建设工作会议", "区教育局组织开展教育系统消防演练",
    ), 2000, 6),
    Column("tzgg", 1102, "通知公告", "通知公告", (3, 10, 24, 39, 58, 77, 101, 133), (
        "关于做好义务教育阶段学校招生入学工作的通知", "关于公布区级优秀教育教学成果奖评选结果的公告", "关于开展教师资格认定工作的通知",
        "关于公示民办学校年度检查结果的公告", "关于组织中小学生参加区运动会的通知", "关于开展校车安全专项检查的通知",
        "关于公布区级示范幼儿园名单的公告", "关于做好学生资助工作的通知",
    ), 3000, 5),
    Column("zcwj", 1103, "政策文件", "政策文件", (16, 44, 83, 121, 167, 214, 270), (
        "青溪区教育局关于印发《青溪区中小学课后服务实施办法》的通知", "青溪区教育局关于进一步规范中小学办学行为的通知",
        "青溪区教育局关于加强中小学教师队伍建设的实施意见", "青溪区教育局关于推进学前教育普及普惠发展的实施方案",
        "青溪区教育局学生资助工作管理办法", "青溪区教育局关于加强校园安全管理的若干规定", "青溪区教育局民办学校年度检查办法",
    ), 4000, 5),
    Column("jyzx", 1104, "教育资讯", "教育资讯", (2, 5, 8, 13, 18, 26, 31, 39), (
        "青溪中学学生在市青少年科技创新大赛中获奖", "青溪区新增3所公办幼儿园", "湖滨小学开展“书香校园”读书节活动",
        "青溪区学生体质健康监测结果发布", "石桥镇中心小学建成智慧教室", "青溪区中小学劳动教育实践基地揭牌",
        "白鹭中学举行科技节开幕式", "青溪区教育系统开展“师德师风”主题教育",
    ), 5000, 6),
    # The bait (see the module docstring): a news column, not updated for two months.
    Column("xydt", 1105, BAIT_NAME, "校园动态", (61, 67, 74, 82, 96, 113, 131), (
        "云湖小学举行开学典礼", "柳塘中学开展防溺水安全教育", "金溪小学举办校园艺术节",
        "桃源中学召开家长会", "枫林小学开展垃圾分类主题班会", "清河中学举行运动会", "青溪实验学校开展消防疏散演练",
    ), 6000, 0),
)
# fmt: on
COLUMNS_BY_NUMBER: dict[int, Column] = {col.number: col for col in COLUMNS}
COLUMNS_BY_ID: dict[str, Column] = {col.id: col for col in COLUMNS}
BAIT = COLUMNS_BY_ID["xydt"]


@dataclass(frozen=True, slots=True)
class Letter:
    n: int
    title: str
    asked_offset: int  # 来信时间 = T - this
    answer_days: int | None  # 答复时间 = 来信时间 + this; None: 办理中

    def asked(self, as_of: date) -> datetime:
        return datetime.combine(as_of - timedelta(days=self.asked_offset), time(8 + self.n % 9, (self.n * 13) % 60))

    def answered(self, as_of: date) -> datetime | None:
        if self.answer_days is None:
            return None
        day = as_of - timedelta(days=self.asked_offset - self.answer_days)
        return datetime.combine(day, time(17, (self.n * 7) % 60))

    @property
    def state(self) -> str:
        return "办理中" if self.answer_days is None else "已回复"

    @property
    def path(self) -> str:
        return f"{BOARD_PATH}letter_{self.n}.html"


# 局长信箱, newest first: answered within a week; the newest one (T-3) still 办理中, not late.
LETTERS: tuple[Letter, ...] = (
    Letter(716, "咨询幼儿园插班的办理流程", 3, None),
    Letter(715, "反映学校门口早高峰交通拥堵", 11, 4),
    Letter(714, "咨询随迁子女入学需要的材料", 26, 3),
    Letter(713, "建议增加学校课后服务的体育项目", 44, 6),
    Letter(712, "咨询教师资格证认定的时间安排", 70, 2),
    Letter(711, "反映校外培训机构退费难", 102, 5),
    Letter(710, "咨询学生资助的申请条件", 150, 3),
    Letter(709, "咨询中小学寒暑假时间安排", 230, 4),
)
LETTERS_BY_N: dict[int, Letter] = {letter.n: letter for letter in LETTERS}

NAV: tuple[tuple[str, str], ...] = (
    ("首页", "/"),
    *((col.name, col.path) for col in COLUMNS),
    ("互动交流", "/hdjl/"),
    ("机构概况", "/jggk/"),
    ("网上办事", ZWFW),
)
IMAGES = {
    "/images/logo.png": "jyj-logo",
    "/images/banner.png": "jyj-banner",
    "/images/ga.png": "ga-badge",
    "/images/jiucuo.png": "badge-jiucuo",
    "/favicon.ico": "emblem",
}
STYLE = """*{box-sizing:border-box}body{margin:0;font:15px/1.7 "PingFang SC","Microsoft YaHei",sans-serif;color:#2b2b2b;background:#f4f7f6}
a{color:inherit;text-decoration:none}a:hover{color:#168060}.container{width:1200px;margin:0 auto}
.site-header{background:#fff;border-bottom:3px solid #168060}.site-header .container{display:flex;align-items:center;justify-content:space-between;height:96px}
.site-search input{width:220px;padding:6px 10px;border:1px solid #cfd8d4;border-radius:16px 0 0 16px}.site-search button{padding:6px 14px;border:0;background:#168060;color:#fff;border-radius:0 16px 16px 0}
.main-nav{background:#168060}.main-nav ul{display:flex;margin:0 auto;padding:0;list-style:none;width:1200px}.main-nav a{display:block;padding:0 20px;line-height:48px;color:#fff}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:20px;margin:20px auto}.panel{background:#fff;border-radius:6px;padding:14px 20px;box-shadow:0 1px 3px rgba(0,0,0,.06)}
.panel-hd{display:flex;justify-content:space-between;border-bottom:1px solid #e3ebe8;margin-bottom:8px}.panel-hd h2{margin:0;font-size:18px;color:#168060;line-height:40px}.panel-hd .more{line-height:40px;color:#888}
.news-list ul{margin:0;padding:0;list-style:none}.news-list li{display:flex;justify-content:space-between;line-height:36px;border-bottom:1px dashed #e6e6e6}
.news-list .date{color:#999;flex:none;margin-left:16px}.page-body{display:flex;gap:20px;margin:20px auto}.side-nav{width:240px;background:#fff;border-radius:6px}
.side-nav h3{margin:0;background:#168060;color:#fff;line-height:48px;text-align:center}.side-nav li{list-style:none;line-height:42px}.content{flex:1;background:#fff;border-radius:6px;padding:20px 30px}
.breadcrumb{color:#888;line-height:40px}.pager{text-align:center;color:#888;margin-top:16px}.article h1{text-align:center;font-size:24px;color:#1d3b32}
.article .meta{text-align:center;color:#999;border-bottom:1px solid #eee;padding-bottom:10px}.mail-table{width:100%;border-collapse:collapse}.mail-table th,.mail-table td{border-bottom:1px solid #eee;line-height:40px;padding:0 8px}
.site-footer{background:#1d3b32;color:#cfe3dc;margin-top:30px;padding:20px 0}.site-footer p{margin:4px 0;text-align:center}.footer-badges{text-align:center;margin-top:8px}.footer-badges a{margin:0 8px}
"""


def column_rows(col: Column, as_of: date) -> list[DatedRow]:
    return dated_rows(col.id, col.offsets, col.titles, col.base_n, as_of)


def article_path(col: Column, row: DatedRow) -> str:
    return f"/art/{row.day:%Y/%m/%d}/art_{col.number}_{row.n}.html"


def find_article(path: str, as_of: date) -> tuple[Column, DatedRow] | None:
    """The column and row whose article URL is `path`, or None (a wrong date in the URL is a 404 too)."""
    match = ARTICLE.match(path)
    col = COLUMNS_BY_NUMBER.get(int(match["col"])) if match else None
    if col is None:
        return None
    row = next((row for row in column_rows(col, as_of) if article_path(col, row) == path), None)
    return None if row is None else (col, row)


# ---- routing -------------------------------------------------------------------------------------------


def render_education(path: str, as_of: date, base_url: str) -> Response:
    """Answer one GET (or HEAD) for `path` on jyj.qingxi.gov.cn as the site would on day as_of."""
    path = urlsplit(path).path or "/"
    if path in {"/", "/index.html"}:
        return html(home(as_of, base_url))
    if path == "/css/main.css":
        return css(STYLE)
    if path in IMAGES:
        return png(assets.picture_png(IMAGES[path]))
    if (match := re.fullmatch(r"/col/col(\d+)/?(index\.html)?", path)) and (
        col := COLUMNS_BY_NUMBER.get(int(match[1]))
    ) is not None:
        return html(list_page(col, as_of, base_url)) if path == col.path else redirect(col.path, 301)
    if (found := find_article(path, as_of)) is not None:
        return html(article(*found, as_of, base_url))
    pages: dict[str, Callable[[date, str], str]] = {
        BOARD_PATH: board_list,
        f"{BOARD_PATH}index.html": board_list,
        f"{BOARD_PATH}write.html": write_letter,
        "/hdjl/": interaction_hub,
        "/hdjl/index.html": interaction_hub,
        "/jggk/": about,
        "/jggk/index.html": about,
        "/wzdt.html": sitemap,
        "/lxwm.html": contact,
    }
    if path in pages:
        return html(pages[path](as_of, base_url))
    if (match := re.fullmatch(rf"{BOARD_PATH}letter_(\d+)\.html", path)) and (
        letter := LETTERS_BY_N.get(int(match[1]))
    ) is not None:
        return html(letter_page(letter, as_of, base_url))
    return html(not_found(as_of, base_url), 404)


# ---- furniture -----------------------------------------------------------------------------------------


def _page(title: str, body: str, as_of: date, base_url: str, *, meta: dict[str, str] | None = None) -> str:
    metas = {"SiteName": SITE_NAME, "SiteDomain": hosts.EDUCATION_HOST, "SiteIDCode": SITE_CODE, **(meta or {})}
    meta_html = "\n".join(f'<meta name="{k}" content="{escape(v)}">' for k, v in metas.items())
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
{meta_html}
<link rel="stylesheet" href="/css/main.css">
</head>
<body>
{_header(as_of)}
<main class="container">
{body}
</main>
{footer(base_url)}
</body>
</html>
"""


def _header(as_of: date) -> str:
    blank = ' target="_blank"'
    items = "".join(
        f'<li><a href="{href}"{blank if href.startswith("http") else ""}>{escape(text)}</a></li>' for text, href in NAV
    )
    return f"""<header class="site-header"><div class="container">
<a class="logo" href="/"><img src="/images/logo.png" alt="{SITE_NAME}"></a>
<div class="site-tools"><span class="today">{as_of.year}年{as_of.month}月{as_of.day}日</span>
<form class="site-search" action="/search/" method="get"><input name="q" placeholder="站内搜索"><button type="submit">搜索</button></form></div>
</div></header>
<nav class="main-nav"><ul>{items}</ul></nav>"""


def footer(base_url: str) -> str:
    """Every page's footer, complete: 主办单位, 网站标识码, ICP, 公安备案, the 党政机关 badge and 我为政府网站找错."""
    page = quote(base_url.rstrip("/") + "/", safe="")
    return f"""<footer class="site-footer"><div class="container">
<p class="footer-links"><a href="/wzdt.html">网站地图</a> | <a href="/lxwm.html">联系我们</a> | <a href="http://www.qingxi.gov.cn/portal/" target="_blank">青溪区人民政府</a></p>
<p>主办单位：{SITE_NAME}　地址：{ADDRESS}　联系电话：{PHONE}</p>
<p>网站标识码：{SITE_CODE}　<a href="http://beian.miit.gov.cn/" target="_blank">{ICP}</a>　<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={PSB_RECORD}" target="_blank"><img src="/images/ga.png" alt="">{PSB}</a></p>
<div class="footer-badges"><a href="{escape(CONAC_LINK)}" target="_blank"><img src="{CONAC_IMAGE}" alt="党政机关"></a><a href="http://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={SITE_CODE}&amp;url={page}" target="_blank"><img src="/images/jiucuo.png" alt="我为政府网站找错"></a></div>
</div></footer>"""


def _breadcrumb(*parts: tuple[str, str]) -> str:
    links = ['<a href="/">首页</a>']
    for index, (text, href) in enumerate(parts):
        last = index == len(parts) - 1 or not href
        links.append(escape(text) if last else f'<a href="{href}">{escape(text)}</a>')
    return '<div class="breadcrumb">当前位置：' + " &gt; ".join(links) + "</div>"


def _side_nav() -> str:
    items = "".join(f'<li><a href="{col.path}">{escape(col.name)}</a></li>' for col in COLUMNS)
    return (
        f'<aside class="side-nav"><h3>栏目导航</h3><ul>{items}<li><a href="{BOARD_PATH}">局长信箱</a></li></ul></aside>'
    )


def _news_list(col: Column, rows: list[DatedRow]) -> str:
    items = "\n".join(
        f'<li><a href="{article_path(col, row)}" target="_blank" title="{escape(row.title)}">{escape(row.title)}</a>'
        f'<span class="date">{row.day:%Y-%m-%d}</span></li>'
        for row in rows
    )
    return f'<div class="news-list"><ul>\n{items}\n</ul></div>'


def _column_meta(col: Column) -> dict[str, str]:
    return {"ColumnName": col.name, "ColumnType": col.column_type}


# ---- pages ---------------------------------------------------------------------------------------------


def _panel(col: Column, as_of: date) -> str:
    return f"""<section class="panel" id="panel-{col.id}"><div class="panel-hd"><h2>{escape(col.name)}</h2><a class="more" href="{col.path}">更多</a></div>
{_news_list(col, column_rows(col, as_of)[: col.home_rows])}
</section>"""


def home(as_of: date, base_url: str) -> str:
    panels = "\n".join(_panel(col, as_of) for col in COLUMNS if col.home_rows)
    body = f"""<div class="banner"><img src="/images/banner.png" alt="立德树人 办人民满意的教育" width="1200"></div>
<div class="grid">
{panels}
<section class="panel" id="panel-hdjl"><div class="panel-hd"><h2>互动交流</h2><a class="more" href="/hdjl/">更多</a></div>
<ul class="entry-list"><li><a href="{BOARD_PATH}">局长信箱</a></li><li><a href="{BOARD_PATH}write.html">我要写信</a></li></ul></section>
<section class="panel" id="panel-bsfw"><div class="panel-hd"><h2>办事服务</h2><a class="more" href="{ZWFW}" target="_blank">更多</a></div>
<ul class="entry-list"><li><a href="{ZWFW}" target="_blank">上海“一网通办”</a></li><li><a href="{ZWFW}bszn/jy/" target="_blank">教育办事指南</a></li></ul></section>
</div>
<div class="panel friendlink" id="yqlj">友情链接：<a href="http://www.gov.cn/" target="_blank">中国政府网</a>　<a href="http://www.sh.gov.cn/" target="_blank">上海市人民政府</a>　<a href="http://www.qingxi.gov.cn/portal/" target="_blank">青溪区人民政府</a></div>"""
    return _page(SITE_NAME, body, as_of, base_url)


def list_page(col: Column, as_of: date, base_url: str) -> str:
    rows = column_rows(col, as_of)
    body = f"""{_breadcrumb((col.name, col.path))}
<div class="page-body">{_side_nav()}
<div class="content list-box"><h2 class="list-title">{escape(col.name)}</h2>
{_news_list(col, rows)}
<div class="pager">共{len(rows)}条　第1/1页</div>
</div></div>"""
    # This CMS's list template titles a list page with the column's name alone.
    return _page(col.name, body, as_of, base_url, meta=_column_meta(col))


def article(col: Column, row: DatedRow, as_of: date, base_url: str) -> str:
    stamp = f"{row.published:%Y-%m-%d %H:%M}"
    body = f"""{_breadcrumb((col.name, col.path), ("正文", ""))}
<article class="content article">
<h1>{escape(row.title)}</h1>
<div class="meta"><span>发布时间：{stamp}</span>　<span>来源：{SITE_NAME}</span></div>
<div class="article-body">
<p>{row.published.year}年{row.published.month}月{row.published.day}日，{escape(row.title)}。</p>
<p>下一步，区教育局将持续深化教育综合改革，推动全区教育事业高质量发展。</p>
</div></article>"""
    meta = {**_column_meta(col), "ArticleTitle": row.title, "PubDate": stamp, "ContentSource": SITE_NAME}
    return _page(f"{row.title}_{SITE_NAME}", body, as_of, base_url, meta=meta)


def board_list(as_of: date, base_url: str) -> str:
    rows = []
    for letter in LETTERS:
        answered = letter.answered(as_of)
        rows.append(
            f'<tr><td><a href="{letter.path}">{escape(letter.title)}</a></td>'
            f"<td>{letter.asked(as_of):%Y-%m-%d}</td><td>{f'{answered:%Y-%m-%d}' if answered else ''}</td>"
            f"<td>{letter.state}</td></tr>"
        )
    body = f"""{_breadcrumb(("互动交流", "/hdjl/"), ("局长信箱", BOARD_PATH))}
<div class="content">
<p class="intro">局长信箱受理公众对教育工作的咨询、意见和建议，一般在收到来信后5个工作日内答复。<a href="{BOARD_PATH}write.html">我要写信</a></p>
<table class="mail-table">
<thead><tr><th>信件标题</th><th>来信时间</th><th>答复时间</th><th>办理状态</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
<div class="pager">共{len(LETTERS)}条　第1/1页</div>
</div>"""
    return _page(f"局长信箱_{SITE_NAME}", body, as_of, base_url, meta={"ColumnName": "局长信箱"})


def letter_page(letter: Letter, as_of: date, base_url: str) -> str:
    answered = letter.answered(as_of)
    reply = (
        f"""<p><b>答复单位：</b>{SITE_NAME}</p><p><b>答复时间：</b>{answered:%Y-%m-%d %H:%M:%S}</p>
<p><b>答复内容：</b>您好！来信收悉，相关情况已转相关科室和学校核实办理。感谢您对教育工作的关心和支持。</p>"""
        if answered
        else f"<p><b>办理状态：</b>{letter.state}</p>"
    )
    body = f"""{_breadcrumb(("互动交流", "/hdjl/"), ("局长信箱", BOARD_PATH), ("信件详情", ""))}
<div class="content letter">
<h1>{escape(letter.title)}</h1>
<div class="ask"><p><b>来信人：</b>市民</p><p><b>来信时间：</b>{letter.asked(as_of):%Y-%m-%d %H:%M:%S}</p>
<p><b>来信内容：</b>{escape(letter.title)}，请予答复。</p></div>
<div class="reply">{reply}</div>
</div>"""
    return _page(f"{letter.title}_局长信箱_{SITE_NAME}", body, as_of, base_url)


def write_letter(as_of: date, base_url: str) -> str:
    body = f"""{_breadcrumb(("互动交流", "/hdjl/"), ("局长信箱", BOARD_PATH), ("我要写信", ""))}
<form class="content" method="post" action="{BOARD_PATH}submit">
<p><label>姓名：<input name="name"></label></p><p><label>联系电话：<input name="phone"></label></p>
<p><label>信件标题：<input name="title" size="60"></label></p><p><label>信件内容：<textarea name="content" rows="8" cols="60"></textarea></label></p>
<p><button type="submit">提交</button></p></form>"""
    return _page(f"我要写信_{SITE_NAME}", body, as_of, base_url)


def interaction_hub(as_of: date, base_url: str) -> str:
    body = f"""{_breadcrumb(("互动交流", "/hdjl/"))}
<div class="content"><ul class="entry-list">
<li><a href="{BOARD_PATH}">局长信箱</a>：受理公众对教育工作的咨询、意见和建议。</li>
</ul></div>"""
    return _page(f"互动交流_{SITE_NAME}", body, as_of, base_url)


def about(as_of: date, base_url: str) -> str:
    body = f"""{_breadcrumb(("机构概况", "/jggk/"))}
<div class="content article"><h1>机构概况</h1>
<p>{SITE_NAME}是区政府工作部门，负责全区各级各类教育的统筹规划和管理，推进义务教育均衡发展和教育公平。</p>
<p>办公地址：{ADDRESS}　联系电话：{PHONE}</p></div>"""
    return _page(f"机构概况_{SITE_NAME}", body, as_of, base_url)


def sitemap(as_of: date, base_url: str) -> str:
    items = "".join(f'<li><a href="{col.path}">{escape(col.name)}</a></li>' for col in COLUMNS)
    body = f"""{_breadcrumb(("网站地图", "/wzdt.html"))}
<div class="content"><ul class="entry-list">{items}<li><a href="{BOARD_PATH}">局长信箱</a></li><li><a href="/jggk/">机构概况</a></li></ul></div>"""
    return _page(f"网站地图_{SITE_NAME}", body, as_of, base_url)


def contact(as_of: date, base_url: str) -> str:
    body = f"""{_breadcrumb(("联系我们", "/lxwm.html"))}
<div class="content"><p>主办单位：{SITE_NAME}</p><p>地址：{ADDRESS}</p><p>联系电话：{PHONE}</p></div>"""
    return _page(f"联系我们_{SITE_NAME}", body, as_of, base_url)


def not_found(as_of: date, base_url: str) -> str:
    body = """<div class="content" style="text-align:center;padding:80px 0"><h2>404 您访问的页面不存在</h2>
<p><a href="/">返回首页</a></p></div>"""
    return _page(f"页面不存在_{SITE_NAME}", body, as_of, base_url)
