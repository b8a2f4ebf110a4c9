"""The demo credit site 信用青溪 at http://www.creditqingxi.cn/, as a pure function of (path, as_of). UTF-8.

Its faults are the labels of tests/demo_expected.py (EXPECTED_SITE_CHECKS["qingxi-credit"]):

- a domain outside .gov.cn (its parent is qingxi.gov.cn);
- the home page is navigation only (three entry tiles, no dated list); 信用动态 shows T-3, so it is updated;
- the footer shows 网站标识码, an odd-form ICP number (沪ICP备：19007388号), 沪公网安备 without a space and a 党政机关
  badge written by a local script (/js/conac.js), but no 我为政府网站找错 entry;
- no consultation channel and no 办事服务 entry at all;
- broken links on the home page: a soft 404 (/zt/2019/ answers 200 titled 页面不存在), a redirect chain
  /old/ → 301 /old2/ → 404, http://www.gov.cn/zhuanti/xyzg2019/ (503) and http://data.sh.gov.cn/ (403: bot
  blocking, for review).

The re-check round (rectified=True, the labels of tests/e2e/test_demo_estate_data.py) finds one veto fixed: the
home page links a 咨询建言 board (/zxjy/), whose messages are all answered within days. There is still no 办事服务
entry, and every other fault stays.
"""

# ruff: noqa: E501 - the column tables, the stylesheet and the page templates read best unbroken

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from auditor.demo import assets
from auditor.demo.dated import TRS_ARTICLE, DatedRow, dated_rows, find_trs_row
from auditor.demo.external import GOV_BROKEN_PATH
from auditor.demo.response import Response, css, html, png, redirect, script

if TYPE_CHECKING:
    from datetime import date

SITE_NAME = "信用青溪"
SITE_ID = "qingxi-credit"
SITE_CODE = "3101140099"
ICP = "沪ICP备：19007388号"
PSB = "沪公网安备31011402000789号"
PSB_RECORD = "31011402000789"
HOST_OFFICE = "青溪区发展和改革委员会"
SOFT_404 = "/zt/2019/"
REDIRECT_START = "/old/"
REDIRECT_NEXT = "/old2/"
GOV_BROKEN = f"http://www.gov.cn{GOV_BROKEN_PATH}"
BLOCKED = "http://data.sh.gov.cn/"
CONAC_LINK = "http://bszs.conac.cn/sitename?method=show&id=XYQX"
CONAC_IMAGE = "http://dcs.conac.cn/image/red.png"
CONAC_JS = (
    "// 党政机关网站标识 (copied from the conac registration page)\n"
    f'document.write(\'<a href="{CONAC_LINK}" target="_blank"><img src="{CONAC_IMAGE}" '
    'alt="党政机关" width="55" height="25" border="0"></a>\');\n'
)
# The re-check round's 咨询建言 board: before it (rectified=False) these paths are a 404 like any other.
BOARD_PATH = "/zxjy/"
BOARD_NAME = "咨询建言"


@dataclass(frozen=True, slots=True)
class Column:
    id: str
    name: str
    summary: str
    offsets: tuple[int, ...]
    titles: tuple[str, ...]
    base_n: int

    @property
    def path(self) -> str:
        return f"/{self.id}/"


# fmt: off
COLUMNS: tuple[Column, ...] = (
    Column("sgs", "双公示", "行政许可和行政处罚信息公示", (2, 4, 5, 8, 11, 13, 17, 22, 26, 31), (
        "青溪区云湖餐饮店食品经营许可", "上海青溪建材有限公司行政处罚决定", "青溪区柳塘镇便民超市食品经营许可",
        "上海白鹭物流有限公司道路运输经营许可", "青溪区石桥镇某汽修厂环境违法行政处罚", "上海金溪科技有限公司排污许可",
        "青溪区湖滨药房药品经营许可", "上海枫林置业有限公司建设工程规划许可", "青溪区清河街道某网吧行政处罚决定",
        "上海桃源食品有限公司食品生产许可",
    ), 2000),
    Column("xydt", "信用动态", "社会信用体系建设工作动态", (3, 6, 10, 15, 21, 28, 36, 45, 57, 70), (
        "青溪区召开社会信用体系建设工作推进会", "青溪区开展“诚信建设万里行”主题宣传活动", "青溪区信用修复培训会顺利举行",
        "青溪区推进信用承诺制改革", "青溪区发布2023年度诚信企业名单", "青溪区开展重点领域失信问题专项治理",
        "青溪区信用信息平台完成升级", "青溪区举办信用知识进社区活动", "青溪区推行“信易贷”惠企措施",
        "青溪区召开信用监管联席会议",
    ), 3000),
    Column("xycn", "信用承诺", "告知承诺制信用承诺书公示", (9, 19, 33, 47, 64, 82, 101, 130), (
        "上海青溪餐饮管理有限公司信用承诺书", "青溪区云湖街道某便利店信用承诺书", "上海湖滨环境工程有限公司信用承诺书",
        "上海白鹭教育科技有限公司信用承诺书", "青溪区柳塘镇某农资店信用承诺书", "上海金溪建设工程有限公司信用承诺书",
        "上海青溪文化传媒有限公司信用承诺书", "青溪区石桥镇某物流站信用承诺书",
    ), 4000),
)
# fmt: on
COLUMNS_BY_ID: dict[str, Column] = {col.id: col for col in COLUMNS}


@dataclass(frozen=True, slots=True)
class Message:
    n: int
    title: str
    asked_offset: int  # 留言时间 = T - this
    answer_days: int  # 回复时间 = 留言时间 + this

    def asked(self, as_of: date) -> datetime:
        return datetime.combine(as_of - timedelta(days=self.asked_offset), time(9 + self.n % 8, (self.n * 7) % 60))

    def answered(self, as_of: date) -> datetime:
        day = as_of - timedelta(days=self.asked_offset - self.answer_days)
        return datetime.combine(day, time(16, (self.n * 11) % 60))

    @property
    def path(self) -> str:
        return f"{BOARD_PATH}content_{self.n}.html"


# 咨询建言, newest first: every message answered within a week (the board opened after the 整改通知).
MESSAGES: tuple[Message, ...] = (
    Message(105, "咨询信用修复需要提交哪些材料", 6, 2),
    Message(104, "咨询企业信用报告的查询方式", 13, 3),
    Message(103, "建议公示信用承诺书的履约情况", 21, 5),
    Message(102, "咨询行政处罚信息公示期限", 34, 4),
    Message(101, "咨询“信易贷”的申请条件", 48, 6),
)
MESSAGES_BY_N: dict[int, Message] = {message.n: message for message in MESSAGES}
IMAGES = {
    "/images/logo.png": "credit-logo",
    "/images/banner.png": "credit-banner",
    "/images/tile-sgs.png": "tile-sgs",
    "/images/tile-xydt.png": "tile-xydt",
    "/images/tile-xycn.png": "tile-xycn",
    "/images/ga.png": "ga-badge",
}
STYLE = """body{margin:0;font:14px/1.7 "Microsoft YaHei",sans-serif;color:#333;background:#f6f6f6}
a{color:#333;text-decoration:none}.w{width:1200px;margin:0 auto}
.header{background:#c62626}.header .w{height:90px;display:flex;align-items:center}
.nav{background:#a51d1d}.nav ul{display:flex;margin:0 auto;padding:0;list-style:none;width:1200px}
.nav li a{display:block;color:#fff;padding:0 28px;line-height:46px;font-size:16px}
.entries{display:flex;justify-content:space-between;margin:24px auto}.tile{display:block;width:380px;background:#fff;text-align:center}
.tile span{display:block;font-size:22px;color:#c62626}.tile em{font-style:normal;color:#888}
.links{background:#fff;padding:12px 20px;margin-bottom:16px}.links a{margin-right:24px}
.main{background:#fff;padding:16px 24px;min-height:400px}.list li{line-height:36px;border-bottom:1px dashed #ddd;list-style:none}
.list .date{float:right;color:#999}.footer{background:#333;color:#ccc;padding:16px 0;text-align:center}.footer a{color:#ccc}
"""


def column_rows(col: Column, as_of: date) -> list[DatedRow]:
    return dated_rows(col.id, col.offsets, col.titles, col.base_n, as_of)


def render_credit(path: str, as_of: date, base_url: str, *, rectified: bool = False) -> Response:
    """Answer one GET (or HEAD) for `path` on www.creditqingxi.cn as the site would on day as_of; rectified: as
    the re-check round finds it, with its 咨询建言 board."""
    path = urlsplit(path).path or "/"
    if path in {"/", "/index.html"}:
        return html(home(as_of, base_url, rectified=rectified))
    if rectified and path in {BOARD_PATH, f"{BOARD_PATH}index.html"}:
        return html(board_list(as_of, base_url))
    if rectified and path.startswith(f"{BOARD_PATH}content_") and path.endswith(".html"):
        number = path.removeprefix(f"{BOARD_PATH}content_").removesuffix(".html")
        if number.isdigit() and (message := MESSAGES_BY_N.get(int(number))) is not None:
            return html(message_page(message, as_of, base_url))
    if path == "/css/style.css":
        return css(STYLE)
    if path == "/js/conac.js":
        return script(CONAC_JS)
    if path in IMAGES:
        return png(assets.picture_png(IMAGES[path]))
    if path in {SOFT_404, f"{SOFT_404}index.html"}:
        return html(soft_404())  # a deleted 专题 whose server still answers 200
    if path == REDIRECT_START:
        return redirect(REDIRECT_NEXT, 301)
    key = path.removesuffix("index.html")
    if (col := COLUMNS_BY_ID.get(key.strip("/"))) is not None and key == col.path:
        return html(list_page(col, as_of, base_url))
    if (match := TRS_ARTICLE.match(path)) and (col := COLUMNS_BY_ID.get(match["col"])) is not None:
        row = find_trs_row(path, column_rows(col, as_of))
        if row is not None:
            return html(article(col, row, as_of, base_url))
    return html(not_found(as_of, base_url), 404)  # /old2/ included: the end of the redirect chain


def _page(title: str, body: str, as_of: date, base_url: str, *, meta: dict[str, str] | None = None) -> str:
    del as_of
    metas = {"SiteName": SITE_NAME, "SiteDomain": "www.creditqingxi.cn", "SiteIDCode": SITE_CODE, **(meta or {})}
    meta_html = "\n".join(f'<meta name="{k}" content="{escape(v)}">' for k, v in metas.items())
    nav = "".join(f'<li><a href="{col.path}">{col.name}</a></li>' for col in COLUMNS)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>
{meta_html}
<link rel="stylesheet" href="/css/style.css">
</head>
<body>
<div class="header"><div class="w"><a href="/"><img src="/images/logo.png" alt="{SITE_NAME}"></a></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li>{nav}</ul></div>
<div class="w">
{body}
</div>
{footer(base_url)}
</body>
</html>
"""


def footer(base_url: str) -> str:
    """网站标识码, ICP (odd form), 公网安备 (no space), the conac badge by script; no 我为政府网站找错."""
    del base_url
    return f"""<div class="footer" id="footer"><div class="w">
<p>主办单位：{HOST_OFFICE}（青溪区社会信用体系建设领导小组办公室）</p>
<p>网站标识码：{SITE_CODE}　<a href="http://beian.miit.gov.cn/" target="_blank">{ICP}</a>　<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={PSB_RECORD}" target="_blank"><img src="/images/ga.png" alt="">{PSB}</a></p>
<p><span id="_ideConac"><script src="/js/conac.js"></script></span></p>
</div></div>"""


def home(as_of: date, base_url: str, *, rectified: bool = False) -> str:
    tiles = "\n".join(
        f'<a class="tile" href="{col.path}"><img src="/images/tile-{col.id}.png" alt="{col.name}">'
        f"<span>{col.name}</span><em>{col.summary}</em></a>"
        for col in COLUMNS
    )
    # The re-check round's fix: a 互动交流 line under the entry tiles, linking the new board.
    board_link = f'<div class="links" id="hdjl">互动交流：<a href="{BOARD_PATH}">{BOARD_NAME}</a></div>\n'
    body = f"""<div class="banner"><img src="/images/banner.png" alt="诚信青溪 信用为本" width="1200"></div>
<div class="entries">
{tiles}
</div>
<div class="links" id="zt">专题：<a href="{SOFT_404}">2019年诚信建设万里行专题</a><a href="{REDIRECT_START}">旧版网站入口</a><a href="{GOV_BROKEN}" target="_blank">信用中国建设专题</a><a href="{BLOCKED}" target="_blank">上海市公共数据开放平台</a></div>
{board_link if rectified else ""}<div class="links friendlink" id="yqlj">友情链接：<a href="http://www.gov.cn/" target="_blank">中国政府网</a><a href="http://www.sh.gov.cn/" target="_blank">上海市人民政府</a><a href="http://www.qingxi.gov.cn/portal/" target="_blank">青溪区人民政府</a></div>"""
    return _page(SITE_NAME, body, as_of, base_url)


def list_page(col: Column, as_of: date, base_url: str) -> str:
    items = "\n".join(
        f'<li><span class="date">{row.day:%Y-%m-%d}</span><a href="{row.path}" target="_blank">{escape(row.title)}</a></li>'
        for row in column_rows(col, as_of)
    )
    body = f"""<div class="crumb">当前位置：<a href="/">首页</a> &gt; {col.name}</div>
<div class="main"><h2>{col.name}</h2><p class="summary">{col.summary}</p>
<ul class="list">
{items}
</ul></div>"""
    return _page(f"{col.name}-{SITE_NAME}", body, as_of, base_url, meta={"ColumnName": col.name})


def article(col: Column, row: DatedRow, as_of: date, base_url: str) -> str:
    stamp = f"{row.published:%Y-%m-%d %H:%M}"
    body = f"""<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="{col.path}">{col.name}</a> &gt; 正文</div>
<div class="main article"><h1>{escape(row.title)}</h1>
<p class="info">发布时间：{stamp}　来源：{HOST_OFFICE}</p>
<p>{row.published.year}年{row.published.month}月{row.published.day}日，{escape(row.title)}。</p></div>"""
    meta = {"ColumnName": col.name, "ArticleTitle": row.title, "PubDate": stamp}
    return _page(f"{row.title}-{SITE_NAME}", body, as_of, base_url, meta=meta)


def board_list(as_of: date, base_url: str) -> str:
    rows = "\n".join(
        f'<tr><td><a href="{m.path}" target="_blank">{escape(m.title)}</a></td>'
        f'<td class="date">{m.asked(as_of):%Y-%m-%d}</td><td class="date">{m.answered(as_of):%Y-%m-%d}</td>'
        "<td>已回复</td></tr>"
        for m in MESSAGES
    )
    body = f"""<div class="crumb">当前位置：<a href="/">首页</a> &gt; {BOARD_NAME}</div>
<div class="main"><h2>{BOARD_NAME}</h2><p class="summary">欢迎对社会信用体系建设提出咨询和建议，我们将在5个工作日内答复。</p>
<table class="board" width="100%">
<tr><th>留言标题</th><th>留言时间</th><th>回复时间</th><th>办理状态</th></tr>
{rows}
</table></div>"""
    return _page(f"{BOARD_NAME}-{SITE_NAME}", body, as_of, base_url, meta={"ColumnName": BOARD_NAME})


def message_page(message: Message, as_of: date, base_url: str) -> str:
    body = f"""<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="{BOARD_PATH}">{BOARD_NAME}</a> &gt; 留言详情</div>
<div class="main article"><h1>{escape(message.title)}</h1>
<p class="info">留言时间：{message.asked(as_of):%Y-%m-%d %H:%M:%S}</p>
<p>{escape(message.title)}，请予答复。</p>
<div class="reply"><p>回复单位：{HOST_OFFICE}</p><p>回复时间：{message.answered(as_of):%Y-%m-%d %H:%M:%S}</p>
<p>回复内容：您好！您的留言已收悉，相关事项请参照“信用动态”栏目发布的办理须知。感谢您对社会信用体系建设的关注。</p></div></div>"""
    return _page(f"{message.title}-{BOARD_NAME}-{SITE_NAME}", body, as_of, base_url)


def soft_404() -> str:
    return """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>页面不存在</title></head>
<body><h1>页面不存在</h1><p>您访问的专题已下线，<a href="/">返回首页</a></p></body></html>
"""


def not_found(as_of: date, base_url: str) -> str:
    body = '<div class="main" style="text-align:center"><h2>404 页面未找到</h2><p><a href="/">返回首页</a></p></div>'
    return _page(f"404 页面未找到-{SITE_NAME}", body, as_of, base_url)
