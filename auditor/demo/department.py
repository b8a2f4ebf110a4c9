"""The demo department site 青溪区市场监督管理局 at http://scjgj.qingxi.gov.cn/, as a pure function of (path, as_of).

An old table-layout CMS (大汉/TRS style), encoded GBK: most pages say `charset=GBK` in the Content-Type header,
the 通知公告 and 政策文件 list pages declare gb2312 only in a <meta> (no charset in the header). Its faults are the
labels of tests/demo_expected.py (EXPECTED_SITE_CHECKS["qingxi-scjgj"]):

- 首页不更新: the home page's newest item is T-20 (nothing within 14 days);
- the footer shows 网站标识码 3101140051 (the scenario says 3101140052), 沪公网安备 and 我为政府网站找错, but no ICP
  number and no 党政机关 badge;
- 局长信箱 (/hdjl/jzxx/): one letter answered more than 3 months after it came, one left 未回复 for 150 days; one
  办理中 since T-30 (not late yet) and one unanswered since T-420 (outside the year) must not count;
- a home link to /zwgk/old.html (404) and a 404 image on the 工作动态 list page.

The re-check round (rectified=True, the labels of tests/e2e/test_demo_estate_data.py) finds three of them fixed:
工作动态 got two new items (T-1, T-4), which the home page shows too, and the footer template gained the ICP
number. The 局长信箱 letters stay as they were (unanswered), and so does everything else.
"""

# ruff: noqa: E501 - the column tables, the stylesheet and the page templates read best unbroken

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from auditor.demo import assets
from auditor.demo.dated import TRS_ARTICLE, DatedRow, dated_rows, find_trs_row
from auditor.demo.response import Response, css, html, png, redirect

if TYPE_CHECKING:
    from collections.abc import Callable

SITE_NAME = "青溪区市场监督管理局"
SITE_ID = "qingxi-scjgj"
SCENARIO_CODE = "3101140052"  # the 网站标识码 the scenario names
FOOTER_CODE = "3101140051"  # the one the footer shows: a template copied from a sister site
PSB = "沪公网安备 31011402000456号"
PSB_RECORD = "31011402000456"
ADDRESS = "青溪区青溪大道88号"
PHONE = "021-59991234"
ZWFW = "http://zwfw.sh.gov.cn/"
BROKEN_HOME_LINK = "/zwgk/old.html"  # 信息公开目录(旧版): 404
BROKEN_IMAGE = "/images/gzdt_banner.jpg"  # on the 工作动态 list page: 404
BOARD_PATH = "/hdjl/jzxx/"
INTERVIEW_PATH = "/hdjl/zxft/"
GB2312_PAGES = frozenset({"/tzgg/", "/zcwj/"})  # charset only in <meta>, none in the header
# The re-check round: what the bureau published in 工作动态 after the 整改通知, (days before T, title), and the
# ICP number its footer template shows since.
RECTIFIED_GZDT: tuple[tuple[int, str], ...] = (
    (1, "区市场监管局召开政府网站整改工作推进会"),
    (4, "区市场监管局开展农贸市场计量器具专项检查"),
)
RECTIFIED_ICP = "沪ICP备05001234号-3"


@dataclass(frozen=True, slots=True)
class Column:
    id: str
    name: str
    offsets: tuple[int, ...]  # days back from T, newest first
    titles: tuple[str, ...]
    base_n: int
    home_rows: int
    home_format: str  # how its home block writes dates

    @property
    def path(self) -> str:
        return f"/{self.id}/"


# fmt: off
COLUMNS: tuple[Column, ...] = (
    Column("gzdt", "工作动态", (20, 23, 27, 31, 36, 42, 48, 55, 61, 70, 78, 90), (
        "区市场监管局召开节前食品安全工作部署会", "区市场监管局开展电梯安全专项检查", "区市场监管局举办计量惠民宣传活动",
        "区市场监管局推进“证照分离”改革全覆盖", "区市场监管局开展校园周边食品安全整治", "区市场监管局召开知识产权保护工作座谈会",
        "区市场监管局开展特种设备安全隐患排查", "区市场监管局赴柳塘镇督导农贸市场改造", "区市场监管局开展价格监督检查",
        "区市场监管局举办个体工商户政策宣讲会", "区市场监管局开展“质量月”系列活动", "区市场监管局召开年度党风廉政建设会议",
    ), 5000, 7, "%Y-%m-%d"),
    Column("tzgg", "通知公告", (25, 38, 52, 67, 88, 110, 140, 175), (
        "关于开展2024年度食品生产企业监督检查的通知", "关于公布食品安全监督抽检结果的公告", "关于注销部分个体工商户营业执照的公告",
        "关于开展计量器具强制检定工作的通知", "关于征集市场监管领域轻微违法行为免罚清单意见的通告", "关于特种设备使用登记有关事项的通知",
        "关于公示2023年度守合同重信用企业名单的公告", "关于开展广告发布登记年度报告的通知",
    ), 6000, 6, "[%Y-%m-%d]"),
    Column("zcwj", "政策文件", (40, 75, 120, 160, 210, 260, 320), (
        "青溪区市场监督管理局关于印发《青溪区食品安全风险分级管理办法》的通知",
        "青溪区市场监督管理局行政处罚自由裁量基准（2023年修订）", "青溪区市场监督管理局关于优化营商环境的若干措施",
        "青溪区市场监督管理局关于加强特种设备安全监管的实施意见", "青溪区市场监督管理局轻微违法行为不予行政处罚清单",
        "青溪区市场监督管理局关于推进知识产权强区建设的实施方案", "青溪区市场监督管理局信用修复工作指引",
    ), 7000, 5, "%Y-%m-%d"),
    Column("spaq", "食品安全", (22, 29, 35, 44, 58, 73, 95, 118), (
        "2024年第1期食品安全监督抽检信息", "节日期间食品安全消费提示", "青溪区开展网络订餐食品安全专项整治",
        "夏季食品安全风险提示", "青溪区食品安全宣传周活动启动", "关于野生蘑菇食用风险的提示",
        "青溪区学校食堂食品安全检查情况通报", "食品安全“你点我检”活动结果公布",
    ), 8000, 6, "%Y-%m-%d"),
)
# fmt: on
COLUMNS_BY_ID: dict[str, Column] = {col.id: col for col in COLUMNS}
INTERVIEW_OFFSETS = (300, 380, 460, 550, 640, 730)
INTERVIEW_TITLES = (
    "区市场监管局局长谈食品安全城市创建", "聚焦知识产权保护 服务创新发展", "优化营商环境 市场监管在行动",
    "特种设备安全与您同行", "守护“舌尖上的安全”", "“证照分离”改革政策解读",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Letter:
    n: int
    title: str
    asked_offset: int  # 来信时间 = T - this
    answered_offset: int | None  # 答复时间 = T - this; None when not answered
    state: str  # 已回复 / 未回复 / 办理中 as the board shows it
    why: str = ""

    def asked(self, as_of: date) -> datetime:
        return datetime.combine(as_of - timedelta(days=self.asked_offset), time(9 + self.n % 9, (self.n * 13) % 60))

    def answered(self, as_of: date) -> datetime | None:
        if self.answered_offset is None:
            return None
        return datetime.combine(as_of - timedelta(days=self.answered_offset), time(15, (self.n * 11) % 60))

    @property
    def path(self) -> str:
        return f"{BOARD_PATH}content_{self.n}.html"


# 局长信箱, newest first. Late: asked T-200 answered T-60; unanswered since T-150. Not late: 办理中 since T-30
# (under 3 months), unanswered since T-420 (outside the year before T).
LETTERS: tuple[Letter, ...] = (
    Letter(3011, "咨询个体工商户年报的办理方式", 12, 8, "已回复"),
    Letter(3010, "反映云湖街道某超市销售过期食品", 30, None, "办理中", "under 3 months: not late"),
    Letter(3009, "咨询食品经营许可证延续需要的材料", 45, 40, "已回复"),
    Letter(3008, "反映柳塘镇菜市场电子秤缺斤短两", 78, 71, "已回复"),
    Letter(3007, "咨询企业名称变更登记流程", 110, 103, "已回复"),
    Letter(3006, "反映石桥镇某培训机构虚假宣传", 150, None, "未回复", "late: unanswered 150 days"),
    Letter(3005, "反映小区电梯长期故障无人维修", 200, 60, "已回复", "late: answered 140 days later"),
    Letter(3004, "咨询商标注册的办理地点", 240, 233, "已回复"),
    Letter(3003, "反映湖滨街道餐馆卫生状况差", 290, 284, "已回复"),
    Letter(3002, "咨询小作坊登记的条件", 340, 331, "已回复"),
    Letter(3001, "反映白鹭镇加油站计量不准", 420, None, "未回复", "outside the year: not counted"),
)
LETTERS_BY_N: dict[int, Letter] = {letter.n: letter for letter in LETTERS}

NAV: tuple[tuple[str, str], ...] = (
    ("首页", "/"),
    ("工作动态", "/gzdt/"),
    ("通知公告", "/tzgg/"),
    ("政策文件", "/zcwj/"),
    ("食品安全", "/spaq/"),
    ("政务公开", "/zwgk/"),
    ("互动交流", "/hdjl/"),
    ("机构概况", "/jggk/"),
    ("网上办事", ZWFW),
)
STYLE = """body{margin:0;font:12px/1.8 "宋体",SimSun,serif;color:#333;background:#eef3f9}
a{color:#333;text-decoration:none}a:hover{color:#c00}table{border-collapse:collapse}
.top{background:#1454a0}.nav{background:#0d3f7a}.nav td a{display:block;color:#fff;font-size:14px;padding:0 14px;line-height:36px}
.main{background:#fff}.bk{width:100%;border:1px solid #cfdcec;margin:8px 0}.bk-tit{background:#e6eef8;font-size:14px;font-weight:bold;color:#0d3f7a;padding:0 8px;line-height:30px}
.bk-more{background:#e6eef8;padding-right:8px}.bk-list td{line-height:26px;border-bottom:1px dashed #ddd;padding:0 6px}.bk-d{color:#888;width:90px;text-align:right}
.side{width:230px;vertical-align:top;padding:8px}.side ul{margin:0;padding:0 0 0 14px}.crumb{line-height:32px;border-bottom:1px solid #ddd;padding:0 8px}
.list td{line-height:30px;border-bottom:1px dashed #ccc;padding:0 6px}.l-d{width:100px;color:#888}.page{text-align:center;line-height:40px}
.xj-list th{background:#e6eef8;line-height:30px}.xj-list td{border-bottom:1px dashed #ccc;line-height:30px;padding:0 6px}
.article h1{font-size:20px;text-align:center;color:#0d3f7a}.art-info{text-align:center;color:#888;border-bottom:1px solid #ddd}
.footer{background:#1454a0;color:#fff;margin-top:10px}.footer a{color:#fff}.footer p{margin:4px 0;text-align:center}
"""


def column_rows(col: Column, as_of: date, *, rectified: bool = False) -> list[DatedRow]:
    rows = dated_rows(col.id, col.offsets, col.titles, col.base_n, as_of)
    if rectified and col.id == "gzdt":
        # New items take the next article numbers: every URL of the first round still answers the same.
        top = col.base_n + len(col.offsets) + len(RECTIFIED_GZDT)
        added = [
            DatedRow(col.id, top - k, title, datetime.combine(as_of - timedelta(days=days), time(9, 40)))
            for k, (days, title) in enumerate(RECTIFIED_GZDT)
        ]
        rows = added + rows
    return rows


def interview_rows(as_of: date) -> list[DatedRow]:
    return dated_rows("zxft", INTERVIEW_OFFSETS, INTERVIEW_TITLES, 9000, as_of)


def home_newest(as_of: date) -> date:
    """The newest date the home page shows (T-20)."""
    return max(row.day for col in COLUMNS for row in column_rows(col, as_of)[: col.home_rows])


# ---- routing -------------------------------------------------------------------------------------------


def render_department(path: str, as_of: date, base_url: str, *, rectified: bool = False) -> Response:
    """Answer one GET (or HEAD) for `path` on scjgj.qingxi.gov.cn as the site would on day as_of; rectified: as
    the re-check round finds it (see the module docstring), every page carrying the flag to the footer."""
    path = urlsplit(path).path or "/"
    if path in {"/", "/index.html", "/index.htm"}:
        return html(home(as_of, base_url, rectified=rectified), charset="gbk")
    if path == "/css/style.css":
        return css(STYLE)
    if path == "/favicon.ico":
        return png(assets.picture_png("ga-badge"))
    images = {"/images/logo.png": "scjgj-logo", "/images/banner.png": "scjgj-banner", "/images/ga.png": "ga-badge",
              "/images/jiucuo.png": "badge-jiucuo"}  # fmt: skip
    if path in images:
        return png(assets.picture_png(images[path]))
    if path.rstrip("/") in {f"/{col.id}" for col in COLUMNS} and not path.endswith("/"):
        return redirect(path + "/", 301)
    key = path.removesuffix("index.html")
    if (col := COLUMNS_BY_ID.get(key.strip("/"))) is not None and key == col.path:
        gb2312 = key in GB2312_PAGES
        text = list_page(col, as_of, base_url, charset="gb2312" if gb2312 else "gbk", rectified=rectified)
        return html(text, charset="gb2312" if gb2312 else "gbk", header_charset=not gb2312)
    if (match := TRS_ARTICLE.match(path)) and (col := COLUMNS_BY_ID.get(match["col"])) is not None:
        row = find_trs_row(path, column_rows(col, as_of, rectified=rectified))
        if row is not None:
            return html(article(col.name, col.path, row, as_of, base_url, rectified=rectified), charset="gbk")
    pages: dict[str, Callable[..., str]] = {
        BOARD_PATH: board_list,
        f"{BOARD_PATH}write.html": write_letter,
        INTERVIEW_PATH: interview_list,
        "/hdjl/": interaction_hub,
        "/zwgk/": open_hub,
        "/jggk/": about,
        "/wzdt.html": sitemap,
    }
    if key in pages:
        return html(pages[key](as_of, base_url, rectified=rectified), charset="gbk")
    if path.startswith(f"{BOARD_PATH}content_") and path.endswith(".html"):
        number = path.removeprefix(f"{BOARD_PATH}content_").removesuffix(".html")
        if number.isdigit() and (letter := LETTERS_BY_N.get(int(number))) is not None:
            return html(letter_page(letter, as_of, base_url, rectified=rectified), charset="gbk")
    if path.startswith("/zxft/") and (row := find_trs_row(path, interview_rows(as_of))) is not None:
        return html(article("在线访谈", INTERVIEW_PATH, row, as_of, base_url, rectified=rectified), charset="gbk")
    return html(not_found(as_of, base_url, rectified=rectified), 404, charset="gbk")


# ---- furniture -----------------------------------------------------------------------------------------


def _page(title: str, body: str, as_of: date, base_url: str, *, meta: dict[str, str] | None = None,
          charset: str = "gbk", rectified: bool = False) -> str:  # fmt: skip
    # The CMS's own SiteIDCode is right (the scenario's code): only the footer template carries the wrong one.
    metas = {"SiteName": SITE_NAME, "SiteDomain": "scjgj.qingxi.gov.cn", "SiteIDCode": SCENARIO_CODE, **(meta or {})}
    meta_html = "\n".join(f'<meta name="{k}" content="{escape(v)}">' for k, v in metas.items())
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{escape(title)}</title>
{meta_html}
<link href="/css/style.css" rel="stylesheet" type="text/css" />
</head>
<body>
{_header(as_of)}
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="main"><tr><td>
{body}
</td></tr></table>
{footer(base_url, rectified=rectified)}
</body>
</html>
"""


def _header(as_of: date) -> str:
    blank = ' target="_blank"'
    cells = "".join(
        f'<td><a href="{href}"{blank if href.startswith("http") else ""}>{text}</a></td>' for text, href in NAV
    )
    return f"""<table width="100%" border="0" cellpadding="0" cellspacing="0" class="top"><tr><td align="center">
<table width="1000" border="0" cellpadding="0" cellspacing="0"><tr>
<td width="430" height="90"><a href="/"><img src="/images/logo.png" alt="{SITE_NAME}" border="0" /></a></td>
<td align="right" style="color:#fff">{as_of.year}年{as_of.month}月{as_of.day}日　<a href="#" style="color:#fff">设为首页</a> | <a href="#" style="color:#fff">加入收藏</a></td>
</tr></table></td></tr></table>
<table width="100%" border="0" cellpadding="0" cellspacing="0" class="nav"><tr><td align="center">
<table border="0" cellpadding="0" cellspacing="0" id="nav"><tr>{cells}</tr></table>
</td></tr></table>"""


def footer(base_url: str, *, rectified: bool = False) -> str:
    """Every page's footer: 网站标识码 (the wrong one), 公安备案, 找错; no ICP number (in the re-check round it
    has one), no 党政机关 badge."""
    page = quote(base_url.rstrip("/") + "/", safe="")
    icp = f'<a href="http://beian.miit.gov.cn/" target="_blank">{RECTIFIED_ICP}</a>　' if rectified else ""
    return f"""<div class="footer" id="footer"><table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td>
<p><a href="/wzdt.html">网站地图</a> | <a href="/jggk/">机构概况</a> | <a href="http://www.qingxi.gov.cn/portal/" target="_blank">青溪区人民政府</a></p>
<p>主办单位：{SITE_NAME}　地址：{ADDRESS}　邮编：201700　电话：{PHONE}</p>
<p>网站标识码：{FOOTER_CODE}　{icp}<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={PSB_RECORD}" target="_blank"><img src="/images/ga.png" border="0" alt="" />{PSB}</a></p>
<p>建议使用1024×768以上分辨率浏览本站</p>
<p><a href="http://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={FOOTER_CODE}&amp;url={page}" target="_blank"><img src="/images/jiucuo.png" border="0" alt="我为政府网站找错" /></a></p>
</td></tr></table></div>"""


def _crumb(*parts: tuple[str, str]) -> str:
    links = ['<a href="/">首页</a>']
    for index, (text, href) in enumerate(parts):
        links.append(text if index == len(parts) - 1 or not href else f'<a href="{href}">{text}</a>')
    return '<div class="crumb">当前位置：' + " &gt;&gt; ".join(links) + "</div>"


def _side() -> str:
    items = "".join(f'<li><a href="{col.path}">{col.name}</a></li>' for col in COLUMNS)
    return f"""<td class="side"><table class="bk"><tr><td class="bk-tit">栏目导航</td></tr>
<tr><td><ul class="lm">{items}<li><a href="{BOARD_PATH}">局长信箱</a></li></ul></td></tr></table></td>"""


# ---- pages ---------------------------------------------------------------------------------------------


def _block(col: Column, as_of: date, *, rectified: bool = False) -> str:
    rows = "\n".join(
        f'<tr><td class="bk-t">·<a href="{row.path}" target="_blank" title="{escape(row.title)}">'
        f'{escape(row.title)}</a></td><td class="bk-d">{row.day.strftime(col.home_format)}</td></tr>'
        for row in column_rows(col, as_of, rectified=rectified)[: col.home_rows]
    )
    return f"""<table class="bk" id="bk-{col.id}" cellpadding="0" cellspacing="0">
<tr><td class="bk-tit">{col.name}</td><td class="bk-more" align="right"><a href="{col.path}" target="_blank">更多&gt;&gt;</a></td></tr>
<tr><td colspan="2"><table class="bk-list" width="100%" cellpadding="0" cellspacing="0">
{rows}
</table></td></tr></table>"""


def home(as_of: date, base_url: str, *, rectified: bool = False) -> str:
    col = COLUMNS_BY_ID

    def block(column_id: str) -> str:
        return _block(col[column_id], as_of, rectified=rectified)

    body = f"""<table width="100%" border="0" cellpadding="0" cellspacing="0"><tr><td colspan="3"><img src="/images/banner.png" width="1000" alt="守护舌尖安全" /></td></tr>
<tr><td width="385" valign="top">{block("gzdt")}{block("zcwj")}</td><td width="385" valign="top" style="padding-left:8px">{block("tzgg")}{block("spaq")}</td>
<td class="side">
<table class="bk" id="bk-hdjl"><tr><td class="bk-tit">互动交流</td></tr>
<tr><td><ul><li><a href="{BOARD_PATH}" target="_blank">局长信箱</a></li><li><a href="{INTERVIEW_PATH}" target="_blank">在线访谈</a></li></ul></td></tr></table>
<table class="bk" id="bk-wsbs"><tr><td class="bk-tit">网上办事</td></tr>
<tr><td><ul><li><a href="{ZWFW}" target="_blank">上海“一网通办”</a></li><li><a href="{ZWFW}bszn/scjg/" target="_blank">市场监管办事指南</a></li></ul></td></tr></table>
<table class="bk" id="bk-zwgk"><tr><td class="bk-tit">政务公开</td></tr>
<tr><td><ul><li><a href="/zwgk/">政府信息公开</a></li><li><a href="{BROKEN_HOME_LINK}">信息公开目录（旧版）</a></li></ul></td></tr></table>
</td></tr></table>
<table class="bk friendlink" id="yqlj"><tr><td class="bk-tit">友情链接</td></tr><tr><td>
<a href="http://www.gov.cn/" target="_blank">中国政府网</a>　<a href="http://www.sh.gov.cn/" target="_blank">上海市人民政府</a>　<a href="http://www.qingxi.gov.cn/portal/" target="_blank">青溪区人民政府</a>
</td></tr></table>"""
    return _page(SITE_NAME, body, as_of, base_url, rectified=rectified)


def list_page(col: Column, as_of: date, base_url: str, charset: str = "gbk", *, rectified: bool = False) -> str:
    rows = column_rows(col, as_of, rectified=rectified)
    items = "\n".join(
        f'<tr><td class="l-t">·<a href="{row.path}" target="_blank" title="{escape(row.title)}">{escape(row.title)}'
        f'</a></td><td class="l-d">{row.day:%Y-%m-%d}</td></tr>'
        for row in rows
    )
    banner = f'<p><img src="{BROKEN_IMAGE}" width="740" alt="{col.name}" /></p>' if col.id == "gzdt" else ""
    body = f"""{_crumb((col.name, col.path))}
<table width="100%" border="0" cellpadding="0" cellspacing="0"><tr>{_side()}
<td valign="top" style="padding:8px">{banner}
<table class="list" width="100%" cellpadding="0" cellspacing="0">
{items}
</table>
<div class="page">共{len(rows)}条记录　第1/1页　首页　上一页　下一页　尾页</div>
</td></tr></table>"""
    meta = {"ColumnName": col.name, "ColumnType": col.name}
    return _page(f"{col.name}-{SITE_NAME}", body, as_of, base_url, meta=meta, charset=charset, rectified=rectified)


def article(
    column_name: str, column_path: str, row: DatedRow, as_of: date, base_url: str, *, rectified: bool = False
) -> str:
    stamp = f"{row.published:%Y-%m-%d %H:%M}"
    body = f"""{_crumb((column_name, column_path), ("正文", ""))}
<div class="article" style="padding:10px 30px">
<h1>{escape(row.title)}</h1>
<div class="art-info">发布日期：{row.published:%Y-%m-%d}　来源：{SITE_NAME}　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="art-body">
<p>{row.published.year}年{row.published.month}月{row.published.day}日，{escape(row.title)}。</p>
<p>下一步，区市场监管局将持续加强监管执法，切实维护市场秩序和消费者合法权益。</p>
</div></div>"""
    meta = {"ColumnName": column_name, "ArticleTitle": row.title, "PubDate": stamp, "ContentSource": SITE_NAME}
    return _page(f"{row.title}-{SITE_NAME}", body, as_of, base_url, meta=meta, rectified=rectified)


def board_list(as_of: date, base_url: str, *, rectified: bool = False) -> str:
    rows = []
    for letter in LETTERS:
        answered = letter.answered(as_of)
        shown = f"{answered:%Y-%m-%d}" if answered else ""
        rows.append(
            f'<tr><td><a href="{letter.path}" target="_blank">{escape(letter.title)}</a></td>'
            f'<td align="center">{letter.asked(as_of):%Y-%m-%d}</td>'
            f'<td align="center">{shown}</td>'
            f'<td align="center">{letter.state}</td></tr>'
        )
    body = f"""{_crumb(("互动交流", "/hdjl/"), ("局长信箱", BOARD_PATH))}
<div style="padding:8px">
<p class="intro">局长信箱受理公众对市场监管工作的咨询、意见和建议，一般在收到来信后10个工作日内答复。<a href="{BOARD_PATH}write.html">我要写信</a></p>
<table class="xj-list" width="100%" cellpadding="0" cellspacing="0">
<tr><th>信件标题</th><th width="110">来信时间</th><th width="110">答复时间</th><th width="80">状态</th></tr>
{chr(10).join(rows)}
</table>
<div class="page">共{len(LETTERS)}条　第1/1页</div>
</div>"""
    return _page(f"局长信箱-{SITE_NAME}", body, as_of, base_url, meta={"ColumnName": "局长信箱"}, rectified=rectified)


def letter_page(letter: Letter, as_of: date, base_url: str, *, rectified: bool = False) -> str:
    answered = letter.answered(as_of)
    reply = (
        f"""<div class="xj-item"><span class="xj-lab">答复单位：</span><span class="xj-val">{SITE_NAME}</span></div>
<div class="xj-item"><span class="xj-lab">答复时间：</span><span class="xj-val">{answered:%Y-%m-%d %H:%M:%S}</span></div>
<div class="xj-item"><span class="xj-lab">答复内容：</span><span class="xj-val">您好！您反映的问题已收悉，我局已安排执法人员核查处理。感谢您对市场监管工作的关心和支持。</span></div>"""
        if answered
        else f'<div class="xj-item"><span class="xj-lab">办理状态：</span><span class="xj-val">{letter.state}</span></div>'
    )  # fmt: skip
    body = f"""{_crumb(("互动交流", "/hdjl/"), ("局长信箱", BOARD_PATH), ("信件详情", ""))}
<div class="xj-detail" style="padding:10px 30px">
<h1 style="font-size:18px;text-align:center">{escape(letter.title)}</h1>
<div class="xj-ask">
<div class="xj-item"><span class="xj-lab">来信人：</span><span class="xj-val">市民</span></div>
<div class="xj-item"><span class="xj-lab">来信时间：</span><span class="xj-val">{letter.asked(as_of):%Y-%m-%d %H:%M:%S}</span></div>
<div class="xj-item"><span class="xj-lab">来信内容：</span><span class="xj-val">{escape(letter.title)}，希望有关部门尽快处理。</span></div>
</div>
<div class="xj-reply">
{reply}
</div></div>"""
    return _page(f"{letter.title}-局长信箱-{SITE_NAME}", body, as_of, base_url, rectified=rectified)


def write_letter(as_of: date, base_url: str, *, rectified: bool = False) -> str:
    body = f"""{_crumb(("互动交流", "/hdjl/"), ("局长信箱", BOARD_PATH), ("我要写信", ""))}
<form method="post" action="{BOARD_PATH}submit" style="padding:20px 60px">
<p>姓　　名：<input name="name" /></p><p>联系电话：<input name="phone" /></p>
<p>信件标题：<input name="title" size="60" /></p><p>信件内容：<textarea name="content" rows="8" cols="60"></textarea></p>
<p><button type="submit">提交</button></p></form>"""
    return _page(f"我要写信-{SITE_NAME}", body, as_of, base_url, rectified=rectified)


def interview_list(as_of: date, base_url: str, *, rectified: bool = False) -> str:
    rows = interview_rows(as_of)
    items = "\n".join(
        f'<tr><td class="l-t">·<a href="{row.path}" target="_blank">{escape(row.title)}</a></td>'
        f'<td class="l-d">{row.day:%Y-%m-%d}</td></tr>'
        for row in rows
    )
    body = f"""{_crumb(("互动交流", "/hdjl/"), ("在线访谈", INTERVIEW_PATH))}
<div style="padding:8px"><table class="list" width="100%" cellpadding="0" cellspacing="0">
{items}
</table></div>"""
    return _page(f"在线访谈-{SITE_NAME}", body, as_of, base_url, meta={"ColumnName": "在线访谈"}, rectified=rectified)


def interaction_hub(as_of: date, base_url: str, *, rectified: bool = False) -> str:
    body = f"""{_crumb(("互动交流", "/hdjl/"))}
<div style="padding:8px"><ul>
<li><a href="{BOARD_PATH}">局长信箱</a>：受理公众对市场监管工作的咨询、意见和建议。</li>
<li><a href="{INTERVIEW_PATH}">在线访谈</a>：局领导做客在线访谈，解读政策、回应关切。</li>
</ul></div>"""
    return _page(f"互动交流-{SITE_NAME}", body, as_of, base_url, rectified=rectified)


def open_hub(as_of: date, base_url: str, *, rectified: bool = False) -> str:
    body = f"""{_crumb(("政务公开", "/zwgk/"))}
<div style="padding:8px"><ul>
<li><a href="/tzgg/">通知公告</a></li><li><a href="/zcwj/">政策文件</a></li>
</ul><p>本机关主动公开的政府信息，通过本网站“政务公开”栏目发布。</p></div>"""
    return _page(f"政务公开-{SITE_NAME}", body, as_of, base_url, rectified=rectified)


def about(as_of: date, base_url: str, *, rectified: bool = False) -> str:
    body = f"""{_crumb(("机构概况", "/jggk/"))}
<div class="article" style="padding:10px 30px"><h1>机构概况</h1>
<p>{SITE_NAME}是区政府工作部门，负责全区市场综合监督管理、市场主体统一登记注册、食品安全监督管理等工作。</p>
<p>办公地址：{ADDRESS}　联系电话：{PHONE}</p></div>"""
    return _page(f"机构概况-{SITE_NAME}", body, as_of, base_url, rectified=rectified)


def sitemap(as_of: date, base_url: str, *, rectified: bool = False) -> str:
    items = "".join(f'<li><a href="{col.path}">{col.name}</a></li>' for col in COLUMNS)
    body = f"""{_crumb(("网站地图", "/wzdt.html"))}
<div style="padding:8px"><ul>{items}<li><a href="{BOARD_PATH}">局长信箱</a></li><li><a href="{INTERVIEW_PATH}">在线访谈</a></li><li><a href="/jggk/">机构概况</a></li></ul></div>"""
    return _page(f"网站地图-{SITE_NAME}", body, as_of, base_url, rectified=rectified)


def not_found(as_of: date, base_url: str, *, rectified: bool = False) -> str:
    body = """<div style="text-align:center;padding:80px 0"><h2>404 对不起，您访问的页面不存在！</h2>
<p><a href="/">返回首页</a></p></div>"""
    return _page(f"页面不存在-{SITE_NAME}", body, as_of, base_url, rectified=rectified)
