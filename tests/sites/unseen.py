"""An unseen district portal 'XX区人民政府' for the column-reading e2e test: list, hub, article and table pages.

    with UnseenSite(as_of) as site:
        site.home_url          # http://127.0.0.1:<port>/qx/
        site.url("/qx/gzdt/")

Written as a real government CMS would serve it, not after the extractor: a header with 网站标识码 metas, one
main menu, breadcrumbs (当前位置), a footer with 主办单位 / 网站标识码 / ICP备 / 公安备案 and the 党政机关 badge.
Every date is relative to as_of (the monitoring point T). What the menu leads to:

    /qx/ywdt/     要闻动态  dated list, newest T-1                         fresh
    /qx/gzdt/     工作动态  dated list, newest T-30                        stale (2-week window)
    /qx/tzgg/     通知公告  an empty list shell saying 暂无信息              blank
    /qx/ldjh/...  领导讲话  the menu links straight to one ARTICLE (T-400) with dated 上一篇/下一篇, an empty
                            video player, an empty author box and an empty comment list filled by script
    /qx/spzl/     视频专栏  a player page: a <video>, an empty player container, a short description
    /qx/jgsz/     机构设置  two sentences above a 45-row 部门网站 directory in the footer (no dates)
    /qx/lxwm/     联系我们  the same shape with contact lines (a name the auditor never takes for a column)
    /qx/zwgk/     政务公开  a hub of plain `<p>· <a>` link lines to 规划计划 and 人事信息
    /qx/zwgk/ghjh/   规划计划  dated list, newest T-100                    fresh (1-year window)
    /qx/zwgk/rsxx/   人事信息  dated list in GBK, newest T-500             stale (1-year window)
    /city/        上级门户  ANOTHER site (XX市人民政府, its own SiteIDCode) on the same host: never a column
    /qx/xzxk/     行政许可  a table built by script from /qx/api/xzxk.json, newest 许可决定日期 T-3
    /qx/xzcf/     行政处罚  the same table from /qx/api/xzcf.json with zero rows: the page says 暂无数据
"""

from __future__ import annotations

import json
import struct
import zlib
from datetime import date, timedelta
from html import escape
from urllib.parse import urlsplit

from auditor.demo.server import LocalSiteServer
from auditor.demo.site import Response

SITE_NAME = "XX区人民政府"
SITE_CODE = "3101140011"
CITY_NAME = "XX市人民政府"
CITY_CODE = "3101000001"
HTML = "text/html; charset=utf-8"
GBK_HTML = "text/html; charset=GBK"
JSON = "application/json; charset=utf-8"

# Offsets (days before T) of the newest row of each dated column.
YWDT_LATEST = 1
GZDT_LATEST = 30
GHJH_LATEST = 100
RSXX_LATEST = 500
XZXK_LATEST = 3
LDJH_OFFSET = 400  # the single 领导讲话 article the menu points at

LDJH_DAY_PATH = "/qx/ldjh/{ym}/t{ymd}_{n}.html"
LDJH_ARTICLE_ID = 3106

# (menu text, href); the 领导讲话 href is filled in per as_of (it is an article URL with its date in it).
MENU = (
    ("要闻动态", "/qx/ywdt/"),
    ("工作动态", "/qx/gzdt/"),
    ("通知公告", "/qx/tzgg/"),
    ("公示公告", "/qx/gsgg/"),
    ("领导讲话", None),
    ("视频专栏", "/qx/spzl/"),
    ("政务公开", "/qx/zwgk/"),
    ("行政许可", "/qx/xzxk/"),
    ("行政处罚", "/qx/xzcf/"),
    ("机构设置", "/qx/jgsz/"),
    ("联系我们", "/qx/lxwm/"),
    ("上级门户", "/city/"),
)

YWDT_TITLES = (
    "区委常委会召开会议 传达学习全国两会精神",
    "区长主持召开区政府第七十二次常务会议",
    "我区召开2021年优化营商环境工作推进会",
    "全区安全生产工作会议召开",
    "我区开展“学雷锋志愿服务月”系列活动",
    "区人大常委会调研重点民生实事项目推进情况",
    "区政协召开十四届四次会议筹备工作会议",
    "我区举行2021年重大项目集中开工仪式",
    "全区春季植树造林活动启动",
    "我区召开疫情防控工作专题会议",
    "区领导走访慰问困难群众",
    "我区召开2021年区人大代表建议和政协提案交办会",
)
GZDT_TITLES = (
    "区市场监管局开展春节前食品安全专项检查",
    "区卫健委部署冬春季传染病防控工作",
    "区教育局召开寒假安全工作部署会",
    "区住建委开展建筑工地冬季施工安全检查",
    "区民政局开展“情暖寒冬”慰问活动",
    "区人社局举办2021年春风行动专场招聘会",
    "区生态环境局通报2020年环境质量状况",
    "区交通委部署春运保障工作",
    "区应急局开展危险化学品企业专项检查",
    "区文旅局举办迎新春文化惠民演出",
)
GHJH_TITLES = (
    "XX区国民经济和社会发展第十四个五年规划纲要（草案）",
    "XX区2021年政府工作计划",
    "XX区国土空间总体规划（2020—2035年）公示",
    "XX区2020年上半年重点工作推进情况",
    "XX区生态环境保护“十三五”规划实施情况评估",
    "XX区2020年政府工作计划",
)
RSXX_TITLES = (
    "XX区人民政府关于张某某等同志职务任免的通知",
    "XX区2019年公开招聘事业单位工作人员拟聘用人员公示",
    "XX区人民政府关于李某某同志职务任免的通知",
    "XX区2019年度公务员招录拟录用人员公示（第二批）",
    "XX区人民政府关于王某某等同志职务任免的通知",
    "XX区2019年度公务员招录拟录用人员公示（第一批）",
    "XX区人民政府关于赵某某同志职务任免的通知",
)
XZXK_HOLDERS = (
    "上海某某餐饮管理有限公司",
    "XX区某某便利店",
    "上海某某建筑工程有限公司",
    "上海某某药房有限公司",
    "XX区某某理发店",
    "上海某某物流有限公司",
    "上海某某幼儿托育服务有限公司",
    "上海某某印刷有限公司",
)
DEPARTMENTS = (
    ("区政府办公室", "bgs"),
    ("区发展和改革委员会", "fgw"),
    ("区经济委员会", "jw"),
    ("区科学技术委员会", "kw"),
    ("区商务委员会", "swj"),
    ("区教育局", "jyj"),
    ("区公安分局", "gaj"),
    ("区民政局", "mzj"),
    ("区司法局", "sfj"),
    ("区财政局", "czj"),
    ("区人力资源和社会保障局", "rsj"),
    ("区规划和自然资源局", "ghzyj"),
    ("区生态环境局", "sthjj"),
    ("区建设和管理委员会", "jsw"),
    ("区交通委员会", "jtw"),
    ("区农业农村委员会", "nyw"),
    ("区水务局", "swuj"),
    ("区文化和旅游局", "whlyj"),
    ("区卫生健康委员会", "wjw"),
    ("区退役军人事务局", "tyjrj"),
    ("区应急管理局", "yjj"),
    ("区审计局", "sjj"),
    ("区国有资产监督管理委员会", "gzw"),
    ("区市场监督管理局", "scjgj"),
    ("区体育局", "tyj"),
    ("区统计局", "tjj"),
    ("区医疗保障局", "ybj"),
    ("区绿化和市容管理局", "lhsrj"),
    ("区房屋管理局", "fgj"),
    ("区民防办", "mfb"),
    ("区信访办", "xfb"),
    ("区合作交流办", "hzjlb"),
    ("区金融办", "jrb"),
    ("区大数据中心", "dsjzx"),
    ("区城管执法局", "cgzfj"),
    ("区税务局", "swuju"),
    ("区档案局", "daj"),
    ("区机关事务管理局", "jgswj"),
    ("区地方志办公室", "dfzb"),
    ("区总工会", "zgh"),
    ("团区委", "tqw"),
    ("区妇联", "fl"),
    ("区残联", "cl"),
    ("区红十字会", "hszh"),
    ("区科协", "kx"),
)
SHARED_CSS = """
body{margin:0;font:14px/1.8 "Microsoft YaHei",SimSun,sans-serif;color:#333;background:#f5f5f5}
a{color:#333;text-decoration:none}a:hover{color:#c00}
.w1200{width:1200px;margin:0 auto}
.topbar{background:#eee;height:32px;line-height:32px;font-size:12px}.topbar .fr{float:right}
.header{height:110px;background:#b50000;color:#fff}.header .logo{font-size:34px;line-height:110px;margin:0}
.nav{background:#8f0000}.nav ul{margin:0;padding:0;list-style:none;overflow:hidden}
.nav li{float:left}.nav li a{display:block;padding:0 19px;line-height:46px;color:#fff;font-size:16px}
.nav li.on a{background:#d40000}
.main{background:#fff;padding:20px;overflow:hidden;min-height:400px}
.position{border-bottom:1px solid #ddd;padding:8px 0;font-size:13px;color:#666}
.side{float:left;width:240px}.side h3{background:#b50000;color:#fff;margin:0;padding:6px 16px}
.side ul{margin:0;padding:0;list-style:none}.side li a{display:block;border-bottom:1px dashed #ddd;padding:6px 16px}
.content-r{float:right;width:900px}
ul.list{margin:0;padding:0;list-style:none}ul.list li{border-bottom:1px dashed #ddd;line-height:40px;overflow:hidden}
ul.list li span{float:right;color:#999}ul.list li.nodata{text-align:center;color:#999;padding:60px 0}
.page{text-align:center;margin:20px 0;color:#666}
.footer{background:#333;color:#ccc;font-size:12px;padding:16px 0;text-align:center;line-height:24px}
.footer a{color:#ccc}.footer .dzjg{float:left;margin:0 30px 0 180px}
table.tb{width:100%;border-collapse:collapse}table.tb th,table.tb td{border:1px solid #ddd;padding:6px 10px}
table.tb th{background:#f0f0f0}
"""


def _png(width: int = 40, height: int = 48, rgb: tuple[int, int, int] = (200, 0, 0)) -> bytes:
    """A plain one-colour PNG (the 党政机关 badge, the video poster): a real image, not a broken one."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


BADGE_PNG = _png()
POSTER_PNG = _png(320, 180, (30, 30, 30))


class UnseenSite(LocalSiteServer):
    home_path = "/qx/"

    def __init__(self, as_of: date | None = None, *, port: int = 0, host: str = "127.0.0.1") -> None:
        super().__init__(port=port, host=host)
        self.as_of = as_of or date.today()

    # ------------------------------------------------------------------ helpers the test uses

    def url(self, path: str) -> str:
        return self.base_url + path

    def day(self, offset: int) -> date:
        return self.as_of - timedelta(days=offset)

    def scenario_yaml(self, limits: str = "") -> str:
        return (
            f'site:\n  id: qx\n  name: {SITE_NAME}\n  code: "{SITE_CODE}"\n  kind: portal\n'
            f"  home: {self.url(self.home_path)}\n" + limits
        )

    @property
    def ldjh_path(self) -> str:
        """The 领导讲话 menu target: one speech article, with its publication date in its path."""
        day = self.day(LDJH_OFFSET)
        return LDJH_DAY_PATH.format(ym=f"{day:%Y%m}", ymd=f"{day:%Y%m%d}", n=LDJH_ARTICLE_ID)

    def menu(self) -> list[tuple[str, str]]:
        return [(text, href or self.ldjh_path) for text, href in MENU]

    def column_dates(self, column: str) -> list[date]:
        """Row dates of a dated column, newest first."""
        if column == "ywdt":
            return [self.day(YWDT_LATEST + 2 * i) for i in range(len(YWDT_TITLES))]
        if column == "gzdt":
            return [self.day(GZDT_LATEST + 4 * i) for i in range(len(GZDT_TITLES))]
        if column == "ghjh":
            return [self.day(GHJH_LATEST + 45 * i) for i in range(len(GHJH_TITLES))]
        if column == "rsxx":
            return [self.day(RSXX_LATEST + 38 * i) for i in range(len(RSXX_TITLES))]
        if column == "xzxk":
            return [self.day(XZXK_LATEST + 5 * i) for i in range(len(XZXK_HOLDERS))]
        raise KeyError(column)

    # ------------------------------------------------------------------ routing

    def render(self, path: str) -> Response:
        path = urlsplit(path).path or "/"
        if path == "/":
            return Response(302, HTML, b"", location="/qx/")
        if path in {"/qx/", "/qx/index.html"}:
            return self._html(self._home())
        if path == "/qx/images/dzjg.png":
            return Response(200, "image/png", BADGE_PNG)
        if path == "/qx/images/poster.png":
            return Response(200, "image/png", POSTER_PNG)
        if path == "/qx/css/style.css":
            return Response(200, "text/css; charset=utf-8", SHARED_CSS.encode())
        if path == "/qx/api/xzxk.json":
            return self._json(self._xzxk_rows())
        if path == "/qx/api/xzcf.json":
            return self._json({"code": 200, "msg": "success", "total": 0, "rows": []})
        if path == "/qx/api/comments.json":
            return self._json({"code": 200, "total": 0, "list": []})
        key = path.removesuffix("index.html") if path.endswith("/index.html") else path
        pages = {
            "/qx/ywdt/": lambda: self._news_list("ywdt", "要闻动态", YWDT_TITLES, "{:%Y-%m-%d}"),
            "/qx/gzdt/": lambda: self._news_list("gzdt", "工作动态", GZDT_TITLES, "{:%Y/%m/%d}"),
            "/qx/tzgg/": self._tzgg,
            "/qx/gsgg/": lambda: self._oldest_first(1),
            "/qx/gsgg/index_2.html": lambda: self._oldest_first(2),
            "/qx/gsgg/index_3.html": lambda: self._oldest_first(3),
            "/qx/spzl/": self._video,
            "/qx/lxwm/": self._contact,
            "/qx/jgsz/": self._organisation,
            "/qx/zwgk/": self._zwgk_hub,
            "/qx/zwgk/ghjh/": self._ghjh,
            "/qx/xzxk/": self._xzxk,
            "/qx/xzcf/": self._xzcf,
        }
        if key in pages:
            return self._html(pages[key]())
        if key == "/qx/zwgk/rsxx/":
            return self._html(self._rsxx(), charset="gbk")
        if path == self.ldjh_path:
            return self._html(self._speech())
        for neighbour, (title, day) in self._speech_neighbours().items():
            if path == neighbour:
                return self._html(self._article("领导讲话", self.ldjh_path, title, day))
        if path.startswith("/city/"):
            return self._city(path)
        article = self._article_for(path)
        if article is not None:
            return article
        return self._html(self._page("页面不存在", '<div class="main"><h2>404 您访问的页面不存在</h2></div>'), 404)

    @staticmethod
    def _html(text: str, status: int = 200, charset: str = "utf-8") -> Response:
        if charset == "gbk":
            return Response(status, GBK_HTML, text.encode("gbk", errors="xmlcharrefreplace"))
        return Response(status, HTML, text.encode("utf-8"))

    @staticmethod
    def _json(data: object) -> Response:
        return Response(200, JSON, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    # ------------------------------------------------------------------ page frame

    def _page(
        self,
        title: str,
        main: str,
        *,
        meta: dict[str, str] | None = None,
        on: str = "首页",
        charset: str = "utf-8",
        footer_extra: str = "",
        scripts: str = "",
    ) -> str:
        metas = {"SiteName": SITE_NAME, "SiteDomain": "www.xxq.gov.cn", "SiteIDCode": SITE_CODE, **(meta or {})}
        head_meta = "\n".join(f'<meta name="{k}" content="{escape(v)}">' for k, v in metas.items())
        charset_meta = (
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            if charset == "gbk"
            else '<meta charset="utf-8">'
        )
        items = [("首页", "/qx/"), *self.menu()]
        nav = "".join(
            ('<li class="on">' if text == on else "<li>")
            + f'<a href="{href}"'
            + (' target="_blank"' if href.startswith("/city/") else "")
            + f">{text}</a></li>"
            for text, href in items
        )
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{charset_meta}
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{escape(title)}</title>
{head_meta}
<link rel="stylesheet" href="/qx/css/style.css">
</head>
<body>
<div class="topbar"><div class="w1200">
<span>欢迎访问XX区人民政府门户网站</span>
<span class="fr"><a href="javascript:void(0)" onclick="return false;">无障碍浏览</a> | <a href="javascript:void(0)">长者模式</a>
 | <a href="javascript:void(0)">繁體</a></span>
</div></div>
<div class="header"><div class="w1200"><h1 class="logo">{SITE_NAME}</h1></div></div>
<div class="nav"><div class="w1200"><ul>{nav}</ul></div></div>
<div class="w1200">
{main}
</div>
<div class="footer"><div class="w1200">
{footer_extra}
<a class="dzjg" href="http://bszs.conac.cn/sitename?method=show&amp;id=0A1B2C3D4E5F6A7B" target="_blank"><img src="/qx/images/dzjg.png" alt="党政机关" width="40" height="48"></a>
<p><a href="/qx/lxwm/">联系我们</a> | <a href="javascript:void(0)">网站地图</a> | <a href="javascript:void(0)">使用帮助</a></p>
<p>主办单位：XX区人民政府办公室　承办单位：XX区大数据中心　网站标识码：{SITE_CODE}</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">沪ICP备05012345号-1</a>　<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=31011402000123" target="_blank">沪公网安备 31011402000123号</a></p>
<p>地址：XX区人民路100号　邮编：200000　建议使用1366×768分辨率浏览</p>
</div></div>
{scripts}
</body>
</html>
"""

    @staticmethod
    def _position(*crumbs: tuple[str, str | None]) -> str:
        parts = ['<a href="/qx/">首页</a>']
        parts += [f'<a href="{href}">{text}</a>' if href else f"<span>{text}</span>" for text, href in crumbs]
        return '<div class="position">当前位置：' + " &gt; ".join(parts) + "</div>"

    @staticmethod
    def _side(title: str, links: list[tuple[str, str]]) -> str:
        rows = "".join(f'<li><a href="{href}">{text}</a></li>' for text, href in links)
        return f'<div class="side"><h3>{title}</h3><ul>{rows}</ul></div>'

    @staticmethod
    def _article_path(column: str, day: date, number: int) -> str:
        return f"/qx/{column}/{day:%Y%m}/t{day:%Y%m%d}_{number}.html"

    # ------------------------------------------------------------------ home

    def _rows(self, column: str, titles: tuple[str, ...], base: int) -> list[tuple[str, str, date]]:
        return [
            (title, self._article_path(column, day, base + index), day)
            for index, (title, day) in enumerate(zip(titles, self.column_dates(column.rsplit("/", 1)[-1]), strict=True))
        ]

    def _home(self) -> str:
        def box(title: str, href: str, rows: list[tuple[str, str, date]] | None) -> str:
            if rows:
                items = "".join(
                    f'<li><a href="{link}" target="_blank" title="{escape(text)}">{escape(text)}</a>'
                    f"<span>{day:%m-%d}</span></li>"
                    for text, link, day in rows[:6]
                )
            else:
                items = '<li class="nodata">暂无信息</li>'
            return (
                f'<div class="index-box"><div class="box-hd"><span class="tit">{title}</span>'
                f'<a class="more" href="{href}" target="_blank">更多&gt;&gt;</a></div>'
                f'<div class="box-bd"><ul class="list">{items}</ul></div></div>'
            )

        slides = "".join(
            f'<li><a href="{link}" target="_blank"><img src="/qx/images/poster.png" alt="{escape(text)}">'
            f"<p>{escape(text)}</p></a></li>"
            for text, link, _ in self._rows("ywdt", YWDT_TITLES, 5101)[:3]
        )
        main = f"""<div class="main index">
<div class="focus"><ul class="slides">{slides}</ul></div>
{box("要闻动态", "/qx/ywdt/", self._rows("ywdt", YWDT_TITLES, 5101))}
{box("工作动态", "/qx/gzdt/", self._rows("gzdt", GZDT_TITLES, 6201))}
{box("通知公告", "/qx/tzgg/", None)}
<div class="index-box zwgk-entry"><div class="box-hd"><span class="tit">政务公开</span>
<a class="more" href="/qx/zwgk/" target="_blank">更多&gt;&gt;</a></div>
<div class="box-bd"><a href="/qx/zwgk/">政府信息公开</a> <a href="/qx/xzxk/">行政许可公示</a>
 <a href="/qx/xzcf/">行政处罚公示</a></div></div>
<div class="index-box"><div class="box-hd"><span class="tit">便民服务</span></div>
<div class="box-bd"><a href="javascript:void(0)">社保查询</a> <a href="javascript:void(0)">公积金查询</a>
 <a href="javascript:void(0)">违章查询</a> <a href="javascript:void(0)">天气预报</a></div></div>
</div>"""
        return self._page(SITE_NAME, main, meta={"ColumnName": "首页", "ColumnType": "首页"})

    # ------------------------------------------------------------------ news lists (a) (b) (c)

    def _news_side(self) -> str:
        return self._side("新闻中心", [("要闻动态", "/qx/ywdt/"), ("工作动态", "/qx/gzdt/"), ("通知公告", "/qx/tzgg/")])

    def _news_list(self, column: str, name: str, titles: tuple[str, ...], date_format: str) -> str:
        base = {"ywdt": 5101, "gzdt": 6201}[column]
        rows = "\n".join(
            f'<li><a href="{link}" target="_blank" title="{escape(text)}">{escape(text)}</a>'
            f"<span>{date_format.format(day)}</span></li>"
            for text, link, day in self._rows(column, titles, base)
        )
        count = len(titles)
        main = f"""{self._position(("新闻中心", None), (name, f"/qx/{column}/"))}
<div class="main">
{self._news_side()}
<div class="content-r">
<div class="column-title"><h2>{name}</h2></div>
<div class="list"><ul class="list">
{rows}
</ul></div>
<div class="page">共{count}条　首页　上一页　<b>1</b>　下一页　尾页　第1/1页</div>
</div>
</div>"""
        return self._page(f"{name}_{SITE_NAME}", main, meta={"ColumnName": name, "ColumnType": name}, on=name)

    def _tzgg(self) -> str:
        main = f"""{self._position(("新闻中心", None), ("通知公告", "/qx/tzgg/"))}
<div class="main">
{self._news_side()}
<div class="content-r">
<div class="column-title"><h2>通知公告</h2></div>
<div class="list"><ul class="list">
<li class="nodata">暂无信息</li>
</ul></div>
<div class="page">共0条　首页　上一页　下一页　尾页　第1/1页</div>
</div>
</div>"""
        return self._page(
            f"通知公告_{SITE_NAME}", main, meta={"ColumnName": "通知公告", "ColumnType": "通知公告"}, on="通知公告"
        )

    def _oldest_first(self, number: int) -> str:
        """(k) 公示公告, sorted oldest first over three pages: page 1 holds the oldest notices (T-400 …), the last
        page the newest (… T-10). Judged from page 1 alone it would read as stale; it is fresh."""
        start = {1: 400, 2: 200, 3: 60}[number]
        step = {1: 20, 2: 20, 3: 10}[number]
        rows = "\n".join(
            f'<li><a href="/qx/gsgg/{number}{i:02d}.html">关于{name}的公示</a><span>{self.day(start - step * i):%Y-%m-%d}</span></li>'
            for i, name in enumerate(
                ("拟推荐先进集体名单", "政府采购结果", "建设项目环评审批", "征地补偿方案", "干部任前")
            )
        )
        pager = "　".join(
            f'<a href="/qx/gsgg/{"" if n == 1 else f"index_{n}.html"}">{label}</a>'
            for n, label in ((1, "首页"), (min(3, number + 1), "下一页"), (3, "尾页"))
        )
        main = f"""{self._position(("信息公开", None), ("公示公告", "/qx/gsgg/"))}
<div class="main">
{self._news_side()}
<div class="content-r">
<div class="column-title"><h2>公示公告</h2></div>
<div class="list"><ul class="list">
{rows}
</ul></div>
<div class="page">共15条　{pager}　第{number}/3页</div>
</div>
</div>"""
        return self._page(f"公示公告_{SITE_NAME}", main, meta={"ColumnName": "公示公告"}, on="公示公告")

    def _article_for(self, path: str) -> Response | None:
        for column, titles, base, name in (
            ("ywdt", YWDT_TITLES, 5101, "要闻动态"),
            ("gzdt", GZDT_TITLES, 6201, "工作动态"),
            ("zwgk/ghjh", GHJH_TITLES, 7301, "规划计划"),
            ("zwgk/rsxx", RSXX_TITLES, 8401, "人事信息"),
        ):
            dates = self.column_dates(column.rsplit("/", 1)[-1])
            for index, (title, day) in enumerate(zip(titles, dates, strict=True)):
                if path == self._article_path(column, day, base + index):
                    charset = "gbk" if column == "zwgk/rsxx" else "utf-8"
                    return self._html(self._article(name, f"/qx/{column}/", title, day, charset), charset=charset)
        return None

    def _article(self, column: str, column_href: str, title: str, day: date, charset: str = "utf-8") -> str:
        meta = {
            "ColumnName": column,
            "ArticleTitle": title,
            "PubDate": f"{day:%Y-%m-%d} 10:{day.day:02d}",
            "ContentSource": "XX区人民政府办公室",
        }
        main = f"""{self._position((column, column_href), ("正文", None))}
<div class="main article">
<h1 class="article-title">{escape(title)}</h1>
<div class="article-info">发布时间：{day:%Y-%m-%d} 10:{day.day:02d}　来源：XX区人民政府办公室　浏览次数：<span id="hits">0</span></div>
<div class="article-content">
<p>　　{escape(title)}。会议强调，要坚持以人民为中心的发展思想，扎实做好各项工作。</p>
<p>　　会议要求，各部门要压实责任、狠抓落实，确保各项任务按期完成。</p>
</div>
</div>"""
        return self._page(title, main, meta=meta, on=column, charset=charset)

    # ------------------------------------------------------------------ (d) 领导讲话: an article in the menu

    def _speech_neighbours(self) -> dict[str, tuple[str, date]]:
        """The 上一篇 / 下一篇 articles of the speech, path -> (title, day); both over a year before T."""
        before, after = self.day(LDJH_OFFSET + 34), self.day(LDJH_OFFSET - 27)
        return {
            LDJH_DAY_PATH.format(ym=f"{before:%Y%m}", ymd=f"{before:%Y%m%d}", n=LDJH_ARTICLE_ID - 1): (
                f"区长在{before.year}年全区经济工作会议上的讲话",
                before,
            ),
            LDJH_DAY_PATH.format(ym=f"{after:%Y%m}", ymd=f"{after:%Y%m%d}", n=LDJH_ARTICLE_ID + 1): (
                "在全区优化营商环境工作推进会上的讲话",
                after,
            ),
        }

    def _speech(self) -> str:
        day = self.day(LDJH_OFFSET)
        (prev_path, (prev_title, before)), (next_path, (next_title, after)) = self._speech_neighbours().items()
        title = f"在XX区{day.year}年区政府全体会议暨廉政工作会议上的讲话"
        meta = {
            "ColumnName": "领导讲话",
            "ColumnType": "领导讲话",
            "ArticleTitle": title,
            "PubDate": f"{day:%Y-%m-%d} 16:30",
            "ContentSource": "XX区人民政府办公室",
            "Author": "",
        }
        paragraphs = "\n".join(
            f"<p>　　{text}</p>"
            for text in (
                "同志们：",
                "今天召开区政府全体会议暨廉政工作会议，主要任务是总结过去一年政府工作，部署今年重点任务。",
                (
                    "一、过去一年工作回顾。全区经济运行总体平稳，地区生产总值同比增长6.1%，一般公共预算收入"
                    "完成年度目标，民生实事项目全部完成。"
                ),
                (
                    "二、今年重点工作。要聚焦高质量发展，持续优化营商环境；聚焦民生保障，办好十项民生实事；"
                    "聚焦城市治理，提升精细化管理水平。"
                ),
                (
                    "三、加强政府自身建设。要坚持依法行政，自觉接受人大法律监督、政协民主监督和社会监督，"
                    "驰而不息正风肃纪。"
                ),
                "同志们，让我们以更加饱满的精神状态，奋力开创我区高质量发展新局面！",
            )
        )
        main = f"""{self._position(("领导讲话", self.ldjh_path), ("正文", None))}
<div class="main article">
<h1 class="article-title">{escape(title)}</h1>
<div class="article-info">发布时间：{day:%Y-%m-%d} 16:30　来源：XX区人民政府办公室　字号：<a href="javascript:void(0)">大</a>
 <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a></div>
<div class="video-player" id="videoPlayer"></div>
<div class="article-content" id="zoom">
{paragraphs}
</div>
<div class="author-box"><span class="author-label"></span><span class="author-name"></span></div>
<div class="article-share">分享到：<a href="javascript:void(0)" class="wx">微信</a> <a href="javascript:void(0)" class="wb">微博</a></div>
<div class="article-pn">
<p class="prev">上一篇：<a href="{prev_path}">{prev_title}（{before:%Y-%m-%d}）</a></p>
<p class="next">下一篇：<a href="{next_path}">{next_title}（{after:%Y-%m-%d}）</a></p>
</div>
<div class="comments"><h4>网友评论</h4><ul id="dataComments"></ul></div>
</div>"""
        script = f"""<script>
(function () {{
  var list = document.getElementById('dataComments');
  fetch('/qx/api/comments.json?articleId={LDJH_ARTICLE_ID}').then(function (r) {{ return r.json(); }})
    .then(function (data) {{
      (data.list || []).forEach(function (c) {{
        var li = document.createElement('li');
        li.textContent = c.nickname + '：' + c.content + ' ' + c.time;
        list.appendChild(li);
      }});
    }}).catch(function () {{}});
}})();
</script>"""
        return self._page(title, main, meta=meta, on="领导讲话", scripts=script)

    # ------------------------------------------------------------------ (e) 视频专栏

    def _video(self) -> str:
        main = f"""{self._position(("视频专栏", "/qx/spzl/"))}
<div class="main video">
<div class="video-box">
<video id="mainVideo" controls preload="none" width="800" height="450" poster="/qx/images/poster.png">
<source src="/qx/video/xcp2020.mp4" type="video/mp4">您的浏览器不支持HTML5视频播放，请升级浏览器。
</video>
<div id="playerContainer" class="player-container"></div>
</div>
<div class="video-desc"><h3>XX区城市形象宣传片</h3>
<p>一条江、一座城、一群人。本片展现了XX区产城融合、生态宜居的发展新貌。</p></div>
</div>"""
        script = """<script src="https://player.xxq.gov.cn/static/player.min.js"></script>
<script>
if (window.CmsPlayer) { new CmsPlayer('#playerContainer', { src: '/qx/video/xcp2020.m3u8' }); }
</script>"""
        return self._page(f"视频专栏_{SITE_NAME}", main, meta={"ColumnName": "视频专栏"}, on="视频专栏", scripts=script)

    # ------------------------------------------------------------------ (f) little content over a department directory

    @staticmethod
    def _directory() -> str:
        rows = "\n".join(
            f'<li><a href="http://{code}.xxq.gov.cn/" target="_blank">{name}</a></li>' for name, code in DEPARTMENTS
        )
        return f"""<div class="bmwz"><h4>部门网站</h4>
<ul class="bm-list">
{rows}
</ul></div>"""

    def _organisation(self) -> str:
        main = f"""{self._position(("机构设置", "/qx/jgsz/"))}
<div class="main jgsz">
<p>　　XX区人民政府设置工作部门25个，另设直属机构和派出机构若干。</p>
<p>　　各部门网站及联系方式见页面下方“部门网站”。</p>
</div>"""
        return self._page(
            f"机构设置_{SITE_NAME}",
            main,
            meta={"ColumnName": "机构设置"},
            on="机构设置",
            footer_extra=self._directory(),
        )

    def _contact(self) -> str:
        main = f"""{self._position(("联系我们", "/qx/lxwm/"))}
<div class="main contact">
<p>地址：XX区人民路100号</p>
<p>邮编：200000</p>
<p>电话：021-12345678（工作日 9:00—17:00）</p>
<p>邮箱：xxqzf@xxq.gov.cn</p>
</div>"""
        return self._page(
            f"联系我们_{SITE_NAME}",
            main,
            meta={"ColumnName": "联系我们"},
            on="联系我们",
            footer_extra=self._directory(),
        )

    # ------------------------------------------------------------------ (g) 政务公开 hub and its children

    def _zwgk_hub(self) -> str:
        main = f"""{self._position(("政务公开", "/qx/zwgk/"))}
<div class="main zwgk">
<div class="zwgk-intro">
<p>根据《中华人民共和国政府信息公开条例》，现将本机关主动公开的政府信息目录公布如下：</p>
<p>· <a href="/qx/zwgk/ghjh/">规划计划</a></p>
<p>· <a href="/qx/zwgk/rsxx/">人事信息</a></p>
<p>如需获取其他政府信息，请通过依申请公开渠道提出申请。</p>
</div>
</div>"""
        return self._page(f"政务公开_{SITE_NAME}", main, meta={"ColumnName": "政务公开"}, on="政务公开")

    def _zwgk_side(self) -> str:
        return self._side("政务公开", [("规划计划", "/qx/zwgk/ghjh/"), ("人事信息", "/qx/zwgk/rsxx/")])

    def _ghjh(self) -> str:
        rows = "\n".join(
            f'<tr><td><a href="{link}" target="_blank">{escape(text)}</a></td><td>{day:%Y-%m-%d}</td></tr>'
            for text, link, day in self._rows("zwgk/ghjh", GHJH_TITLES, 7301)
        )
        main = f"""{self._position(("政务公开", "/qx/zwgk/"), ("规划计划", "/qx/zwgk/ghjh/"))}
<div class="main">
{self._zwgk_side()}
<div class="content-r">
<div class="column-title"><h2>规划计划</h2></div>
<table class="tb xxgk-list">
<thead><tr><th>标题</th><th>发布日期</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<div class="page">共{len(GHJH_TITLES)}条记录 1/1页</div>
</div>
</div>"""
        return self._page(
            f"规划计划_{SITE_NAME}", main, meta={"ColumnName": "规划计划", "ColumnType": "规划计划"}, on="政务公开"
        )

    def _rsxx(self) -> str:
        rows = "\n".join(
            f'<li><a href="{link}" target="_blank">{escape(text)}</a><span>{day.year}年{day.month:02d}月'
            f"{day.day:02d}日</span></li>"
            for text, link, day in self._rows("zwgk/rsxx", RSXX_TITLES, 8401)
        )
        main = f"""{self._position(("政务公开", "/qx/zwgk/"), ("人事信息", "/qx/zwgk/rsxx/"))}
<div class="main">
{self._zwgk_side()}
<div class="content-r">
<div class="column-title"><h2>人事信息</h2></div>
<div class="list"><ul class="list">
{rows}
</ul></div>
<div class="page">共{len(RSXX_TITLES)}条　首页　上一页　<b>1</b>　下一页　尾页</div>
</div>
</div>"""
        return self._page(
            f"人事信息_{SITE_NAME}",
            main,
            meta={"ColumnName": "人事信息", "ColumnType": "人事信息"},
            on="政务公开",
            charset="gbk",
        )

    # ------------------------------------------------------------------ (i) (j) tables built from JSON

    def _xzxk_rows(self) -> dict[str, object]:
        rows = [
            {
                "xh": index + 1,
                "xdr": holder,
                "jdrq": f"{day:%Y-%m-%d}",
                "yxqz": f"{day + timedelta(days=5 * 365):%Y-%m-%d}",
            }
            for index, (holder, day) in enumerate(zip(XZXK_HOLDERS, self.column_dates("xzxk"), strict=True))
        ]
        return {"code": 200, "msg": "success", "total": len(rows), "rows": rows}

    def _table_page(self, name: str, href: str, api: str, headers: tuple[str, ...], fields: tuple[str, ...]) -> str:
        ths = "".join(f"<th>{h}</th>" for h in headers)
        cells = " + ".join(f"'<td>' + (row.{f} || '') + '</td>'" for f in fields)
        main = f"""{self._position(("政务公开", "/qx/zwgk/"), (name, href))}
<div class="main">
<div class="column-title"><h2>{name}公示</h2></div>
<div class="search-bar">行政相对人：<input type="text" id="kw"> <button type="button" id="btnSearch">查询</button></div>
<table class="tb sgs-table" id="dataTable">
<thead><tr>{ths}</tr></thead>
<tbody id="dataBody"><tr><td colspan="{len(headers)}" class="loading">数据加载中……</td></tr></tbody>
</table>
<div class="page" id="pager"></div>
</div>"""
        script = f"""<script>
(function () {{
  var body = document.getElementById('dataBody');
  fetch('{api}').then(function (r) {{ return r.json(); }}).then(function (data) {{
    var rows = data.rows || [];
    if (!rows.length) {{
      body.innerHTML = '<tr><td colspan="{len(headers)}" class="nodata">暂无数据</td></tr>';
      document.getElementById('pager').innerHTML = '共0条';
      return;
    }}
    body.innerHTML = rows.map(function (row) {{ return '<tr>' + {cells} + '</tr>'; }}).join('');
    document.getElementById('pager').innerHTML = '共' + data.total + '条　第1/1页';
  }}).catch(function () {{
    body.innerHTML = '<tr><td colspan="{len(headers)}">数据加载失败</td></tr>';
  }});
}})();
</script>"""
        return self._page(f"{name}_{SITE_NAME}", main, meta={"ColumnName": name}, on=name, scripts=script)

    def _xzxk(self) -> str:
        return self._table_page(
            "行政许可",
            "/qx/xzxk/",
            "/qx/api/xzxk.json",
            ("序号", "行政相对人", "许可决定日期", "有效期至"),
            ("xh", "xdr", "jdrq", "yxqz"),
        )

    def _xzcf(self) -> str:
        return self._table_page(
            "行政处罚",
            "/qx/xzcf/",
            "/qx/api/xzcf.json",
            ("序号", "行政相对人", "处罚决定日期", "处罚类别"),
            ("xh", "xdr", "cfrq", "cflb"),
        )

    # ------------------------------------------------------------------ (h) the parent city portal, another site

    def _city(self, path: str) -> Response:
        news = [
            ("市政府召开常务会议 研究部署近期重点工作", 2),
            ("市领导调研城市更新工作", 6),
            ("全市2021年一网通办改革推进会召开", 9),
            ("市政府与某集团签署战略合作协议", 15),
        ]
        notices = [("关于2020年度市级财政专项资金绩效评价结果的公示", 240), ("关于征集市政府实事项目的公告", 300)]

        def box(title: str, href: str, rows: list[tuple[str, int]]) -> str:
            items = "".join(
                f'<li><a href="/city/{href}/{self.day(o):%Y%m}/t{self.day(o):%Y%m%d}_{90 + o}.html">{text}</a>'
                f"<span>{self.day(o):%Y-%m-%d}</span></li>"
                for text, o in rows
            )
            return (
                f'<div class="index-box"><div class="box-hd"><span class="tit">{title}</span>'
                f'<a class="more" href="/city/{href}/">更多&gt;&gt;</a></div><ul class="list">{items}</ul></div>'
            )

        nav = "".join(
            f'<li><a href="/city/{href}/">{text}</a></li>'
            for text, href in (("市政要闻", "szyw"), ("公示公告", "gsgg"), ("政务公开", "zwgk"), ("政务服务", "zwfw"))
        )
        if path in {"/city/", "/city/index.html"}:
            body = box("市政要闻", "szyw", news) + box("公示公告", "gsgg", notices)
            title = CITY_NAME
        else:
            body = box("公示公告", "gsgg", notices)
            title = f"公示公告_{CITY_NAME}"
        text = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<meta name="SiteName" content="{CITY_NAME}">
<meta name="SiteDomain" content="www.xxs.gov.cn">
<meta name="SiteIDCode" content="{CITY_CODE}">
</head><body>
<div class="header"><h1 class="logo">{CITY_NAME}</h1></div>
<div class="nav"><ul><li><a href="/city/">首页</a></li>{nav}</ul></div>
<div class="main index">{body}</div>
<div class="footer">
<a class="dzjg" href="http://bszs.conac.cn/sitename?method=show&amp;id=9F8E7D6C5B4A3F2E"><img src="/qx/images/dzjg.png" alt="党政机关"></a>
<p>主办单位：XX市人民政府办公厅　网站标识码：{CITY_CODE}</p>
<p><a href="https://beian.miit.gov.cn/">沪ICP备05000001号</a>　沪公网安备 31000002000001号</p>
</div></body></html>
"""
        return self._html(text)
