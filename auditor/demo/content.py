"""The one column table of the demo portal 青溪区人民政府, and the Chinese words its pages are made of.

Pages (rows.py, lists.py, pages.py) and the expected results (expected.py) all read COLUMNS, so the dates a
page shows and the dates the labels promise cannot drift apart. Offsets count days back from the monitoring
point T (as_of): a column with latest_offset=20 has its newest real item dated T-20 whatever T is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SITE_NAME = "青溪区人民政府"
SITE_CODE = "3101140038"
SITE_ID = "qingxi"
HOST_OFFICE = "青溪区人民政府办公室"
PHONE = "021-59990000"
ICP = "沪ICP备05000001号-1"
PSB = "沪公网安备 31011402000001号"
# External hosts appear only as plain <a href> links (served by auditor/demo/external.py when the host is one of
# hosts.OUTSIDE_HOSTS), except the conac badge's picture: the real conac markup loads it protocol-relative.
ZWFW_URL = "https://zwfw.example.gov.cn/"
CONAC_LINK = "http://bszs.conac.cn/sitename?method=show&amp;id=5E0B3C4D2A1F6E7D"
CONAC_IMAGE = "//dcs.conac.cn/image/blue.png"  # http://dcs.conac.cn/image/blue.png on the http portal
# The 友情链接 青溪档案 (home page) points at a page the site removed: 404. The 要闻动态 list page shows a column
# banner picture that is missing: 404.
BROKEN_HOME_LINK = "/portal/dag/"
BROKEN_LIST_IMAGE = "/portal/images/col-ywdt.png"
BROKEN_IMAGE_COLUMN = "ywdt"

PageKind = Literal["list", "hub", "content"]


@dataclass(frozen=True, slots=True)
class DemoColumn:
    id: str
    name: str  # also its <meta name="ColumnType">, as many CMSs fill it
    path: str  # relative to the site's base URL
    level: int
    page_kind: PageKind
    # Which renderer in lists.py draws the list page; "" for hubs and content pages.
    markup: str = ""
    # Newest real publication date = T - latest_offset; None when the column has no dated item.
    latest_offset: int | None = None
    rows: int = 0
    # Days between consecutive rows, drawn per column from a seeded RNG so every run shows the same site.
    gap: tuple[int, int] = (1, 3)
    group: str = ""  # sidebar group (see GROUPS)
    home_rows: int = 0  # rows of its home-page block; 0 = no block
    charset: str = "utf-8"


GROUPS: dict[str, tuple[str, str]] = {
    # group -> (sidebar heading, breadcrumb parent path or "")
    "news": ("新闻中心", ""),
    "gk": ("政务公开", ""),
    "xxgk": ("信息公开", "/portal/xxgk/"),
    "hdjl": ("互动交流", "/portal/hdjl/"),
    "bsfw": ("办事服务", ""),
    "zt": ("专题专栏", ""),
}

# fmt: off
COLUMNS: tuple[DemoColumn, ...] = (
    # id, name, path, level, page_kind, markup, latest_offset, rows, gap, group, home_rows, charset
    DemoColumn("ywdt", "要闻动态", "/portal/col/ywdt/", 1, "list", "pinned", 1, 16, (1, 3), "news", 7),
    DemoColumn("bmdt", "部门动态", "/portal/col/bmdt/", 1, "list", "table", 20, 15, (1, 4), "news", 6),
    DemoColumn("xzdt", "乡镇动态", "/portal/col/xzdt/", 1, "list", "js_api", 3, 12, (1, 4), "news", 6),
    DemoColumn("tpxw", "图片新闻", "/portal/col/tpxw/", 1, "list", "cards", 5, 9, (2, 6), "news", 5),
    DemoColumn("tzgg", "通知公告", "/portal/col/tzgg/", 1, "list", "iframe", 40, 14, (6, 20), "gk", 6),
    DemoColumn("zcjd", "政策解读", "/portal/col/zcjd/", 1, "list", "docwrite", 200, 10, (15, 40), "gk"),
    DemoColumn("gzdt", "工作动态", "/portal/col/gzdt/", 1, "list", "slash", 16, 14, (1, 5), "news", 0, "gbk"),
    DemoColumn("xwfb", "新闻发布", "/portal/col/xwfb/", 1, "list", "summary", 11, 8, (8, 25), "news", 5),
    DemoColumn("sqdt", "社区动态", "/portal/col/sqdt/", 1, "list", "error500", 2, 12, (1, 3), "news", 6),
    DemoColumn("zcwj", "政策文件", "/portal/xxgk/zcwj/", 2, "list", "mmdd", 30, 11, (0, 0), "xxgk"),
    DemoColumn("rsxx", "人事信息", "/portal/xxgk/rsxx/", 2, "list", "nodate", 100, 9, (20, 60), "xxgk"),
    DemoColumn("ghjh", "规划计划", "/portal/xxgk/ghjh/", 2, "list", "gktable", 400, 8, (30, 90), "xxgk"),
    DemoColumn("gsgg", "公示公告", "/portal/xxgk/gsgg/", 2, "list", "cnfull", 220, 10, (10, 40), "xxgk"),
    DemoColumn("czxx", "财政信息", "/portal/xxgk/czxx/", 2, "list", "placeholder", None, 0, (0, 0), "xxgk"),
    DemoColumn("tjxx", "统计信息", "/portal/xxgk/tjxx/", 2, "list", "js_empty", None, 0, (0, 0), "xxgk"),
    DemoColumn("zdxm", "重大项目", "/portal/xxgk/zdxm/", 2, "list", "traps", 300, 10, (10, 40), "xxgk"),
    DemoColumn("xxgk", "信息公开", "/portal/xxgk/", 1, "hub"),
    DemoColumn("hdjl", "互动交流", "/portal/hdjl/", 1, "hub"),
    DemoColumn("zxzx", "政务咨询", "/portal/hdjl/zxzx/", 2, "list", "letters", 500, 12, (3, 15), "hdjl"),
    DemoColumn("zxft", "在线访谈", "/portal/hdjl/zxft/", 2, "list", "plain", 500, 8, (30, 90), "hdjl"),
    DemoColumn("bszn", "办事指南", "/portal/bsfw/bszn/", 1, "list", "plain", 6, 9, (3, 12), "bsfw"),
    DemoColumn("qqgk", "区情概况", "/portal/qqgk/", 1, "content"),
    DemoColumn("lszt", "历史专题", "/portal/zt/lszt/", 1, "list", "plain", 900, 10, (10, 40), "zt"),
    DemoColumn("wzdt", "网站地图", "/portal/wzdt.html", 1, "content"),
    DemoColumn("xxgkzn", "信息公开指南", "/portal/xxgk/xxgkzn.html", 2, "content"),
)
# fmt: on
COLUMNS_BY_ID: dict[str, DemoColumn] = {col.id: col for col in COLUMNS}
COLUMNS_BY_PATH: dict[str, DemoColumn] = {col.path: col for col in COLUMNS}
XXGK_TREE: tuple[str, ...] = ("zcwj", "rsxx", "ghjh", "gsgg", "czxx", "tjxx", "zdxm")

# Top navigation: (text, path or external URL).
NAV: tuple[tuple[str, str], ...] = (
    ("首页", "/portal/"),
    ("要闻动态", "/portal/col/ywdt/"),
    ("通知公告", "/portal/col/tzgg/"),
    ("政策解读", "/portal/col/zcjd/"),
    ("信息公开", "/portal/xxgk/"),
    ("政务服务", ZWFW_URL),
    ("办事指南", "/portal/bsfw/bszn/"),
    ("互动交流", "/portal/hdjl/"),
    ("区情概况", "/portal/qqgk/"),
    ("工作动态", "/portal/col/gzdt/"),
)

# Fixed offsets for 政策文件: its rows show MM-DD only, so rows from the previous calendar year (and one close
# to a whole year back) make year inference matter. All stay under 365 days so MM-DD is unambiguous.
ZCWJ_OFFSETS: tuple[int, ...] = (30, 60, 95, 131, 170, 206, 247, 288, 312, 338, 362)
PINNED_OFFSET = 400  # 要闻动态's 置顶 row
TZGG_TRAP_AHEAD = 20  # the 通知公告 title naming a meeting T+20
ZDXM_DEADLINE_AHEAD = 10  # 重大项目 "报名截止：T+10"


def _words(text: str) -> tuple[str, ...]:
    # Word pools are written as space-separated text: one short line per pool instead of one per word.
    return tuple(text.split())


PLACES = _words("云湖街道 清河街道 湖滨街道 柳塘镇 石桥镇 白鹭镇 桃源镇 金溪镇 枫林镇 青溪镇")
COMMUNITIES = _words("春晖社区 梧桐社区 湖畔社区 丽景社区 新港社区 锦绣社区 明珠社区 翠竹社区")
DEPARTMENTS = _words(
    "区发展改革委 区教育局 区科委 区民政局 区财政局 区人力资源社会保障局 区规划资源局 区生态环境局 "
    "区建设管理委 区农业农村委 区商务委 区文化旅游局 区卫生健康委 区应急管理局 区市场监管局 区城管执法局"
)
TOPICS = _words(
    "安全生产 防汛防台 生活垃圾分类 优化营商环境 乡村振兴 河长制 文明城区创建 老旧小区改造 城市更新 "
    "消防安全 食品安全 人才工作 科技创新 招商引资 生态环境保护 基层社会治理 为民办实事 城市数字化转型 "
    "高温防暑 农村人居环境整治 民生实事项目 燃气安全 平安建设 重大项目建设 稳就业 养老服务 全民健身 校园安全"
)
ACTIONS = _words(
    "召开{t}工作推进会 部署{t}重点工作 开展{t}专项检查 举办{t}专题培训 召开{t}工作座谈会 "
    "推进{t}工作取得新进展 启动{t}宣传月活动 召开{t}工作例会 开展{t}集中宣传活动 召开{t}联席会议"
)
PROJECTS = _words(
    "青溪大道改扩建工程 云湖生态公园 柳塘镇污水处理厂提标改造工程 青溪区人民医院新院区 石桥镇保障性住房 "
    "白鹭湖水环境综合治理工程 青溪中学迁建工程 区文化体育中心 金溪路跨河桥梁新建工程 "
    "枫林镇农村道路提档升级工程 青溪科创园二期 湖滨街道社区综合服务中心"
)
PEOPLE = _words("陈志刚 王丽娟 刘建国 张海燕 李文斌 赵晓明 周敏 吴国平 孙立新 徐红梅")
ISSUES = _words(
    "小区停车难 道路积水 公交线路调整 幼儿园入园 医保报销 垃圾清运 夜间施工噪声 路灯不亮 老年人助餐 "
    "老旧住宅加装电梯 共享单车乱停放 菜市场改造"
)
SOURCES = _words("青溪区融媒体中心 区政府办公室 区新闻办 青溪报 区政务服务中心")

# Title pools: {t} topic, {p} place, {c} community, {d} department, {j} project, {n} person, {i} issue,
# {a} an ACTIONS phrase (itself with {t}), {y} the row's year, {k} a small number.
TITLE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "ywdt": _words(
        "青溪区{a} 区政府{a} 区领导赴{p}调研{t}工作 区政府召开第{k}次常务会议 区委常委会专题研究{t}工作 "
        "青溪区{t}工作现场会在{p}召开"
    ),
    "bmdt": _words("{d}{a} {d}赴{p}督导{t}工作"),
    "xzdt": _words("{p}{a} {p}多措并举推进{t}"),
    "sqdt": _words("{p}{c}{a} {c}开展{t}志愿服务活动"),
    "gzdt": _words("{d}{a} {p}{a}"),
    "tpxw": _words("图说｜{p}开展{t}主题活动 【图片】{d}{a} 镜头｜{p}{t}见闻"),
    "xwfb": _words("青溪区举行{t}新闻发布会 {y}年青溪区{t}工作情况新闻发布会 “{t}”主题新闻发布会"),
    "tzgg": _words(
        "关于开展{y}年度{t}工作的通知 关于做好{t}相关工作的通知 关于{t}有关事项的公告 "
        "关于征集{t}意见建议的通告 关于{p}部分区域临时停水的通知"
    ),
    "zcjd": _words(
        "《青溪区关于推进{t}的实施意见》政策解读 一图读懂《青溪区{t}三年行动计划》 《青溪区{t}管理办法》解读"
    ),
    "zcwj": _words(
        "青溪区人民政府关于印发《青溪区{t}实施方案》的通知 "
        "青溪区人民政府办公室关于印发《青溪区{t}工作方案》的通知 青溪区人民政府关于加强{t}的实施意见"
    ),
    "rsxx": _words("青溪区人民政府关于{n}等同志职务任免的通知 关于{n}同志任职的通知 关于{n}同志免职的通知"),
    "ghjh": _words("青溪区{y}年{t}工作计划 青溪区“十四五”{t}专项规划 {y}年青溪区{t}工作总结"),
    "gsgg": _words("关于{j}的公示 青溪区{y}年度{t}先进集体和个人拟表彰名单公示 {j}规划方案公示"),
    "zdxm": _words("{j}项目批准信息 {j}施工许可信息公开 {j}项目招标公告"),
    "zxzx": _words("关于{p}{i}问题的咨询 咨询{i}的办理流程 反映{p}{i}的问题"),
    "zxft": _words("“{t}”主题在线访谈 {d}负责人做客在线访谈谈{t}"),
    "bszn": _words("{d}政务服务事项办事指南 {d}行政许可事项办事指南"),  # rows.py puts catalog.py's titles on them
    "lszt": _words("{p}扎实推进第七次全国人口普查工作 {d}开展人口普查入户登记 青溪区人口普查{t}工作部署会召开"),
}

BODY_SENTENCES = (
    "会议强调，要坚持以人民为中心的发展思想，把各项工作抓实抓细抓到位。",
    "各相关部门要进一步提高思想认识，压紧压实工作责任，确保各项任务按时保质完成。",
    "下一步，将持续加强统筹协调，建立健全长效机制，不断提升群众的获得感、幸福感、安全感。",
    "活动现场，工作人员通过发放宣传资料、现场讲解等方式，向群众普及相关知识。",
    "据了解，今年以来我区已累计开展相关工作一百余次，受到群众广泛好评。",
    "区相关部门负责同志参加会议。",
)

QQGK_PARAGRAPHS = (
    "青溪区位于长江三角洲冲积平原，东临黄浦江，西接太湖流域，是一座水网密布、历史悠久的江南水乡。",
    "全区总面积约286.5平方公里，下辖6个镇、4个街道，常住人口约58.3万人。",
    "青溪区成立于1958年，前身为青溪县，历经区划调整，逐步发展成为以先进制造业、现代服务业和都市农业为支撑的现代化城区。",
    "近年来，青溪区坚持生态优先、绿色发展，先后获得国家生态文明建设示范区、全国文明城区等称号。",
)
