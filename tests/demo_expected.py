"""What the auditor should find on the demo portal: one hand-written label per column, and the expected
results of the 政策解读 ↔ 政策文件 links and of the 办事指南 pages.

Ids, names, paths, levels and latest-date offsets come from the column table (content.COLUMNS) that also
generates the pages, so the labels cannot drift from the site. The class, status, date source and list error
are stated here by hand: they are the ground truth, never computed by auditor code.

The interpretation and guide labels are hand-written too (paths included): the pages are built from
auditor/demo/catalog.py, and tests/unit/test_demo_documents.py checks those pages against these labels.

Statuses assume the windows of auditor/settings.py (news 14 days, notice/policy 6 months, personnel/planning
and other 1 year, warning 3 days ahead) and hold for any T.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from auditor.demo.content import COLUMNS
from auditor.demo.rows import column_rows

ColumnClassLabel = Literal[
    "news",
    "notice_policy",
    "personnel_planning",
    "other",
    "interaction",
    "interaction_excluded",
    "historical",
    "not_list",
]
StatusLabel = Literal["fresh", "stale", "warning", "blank", "not_judged"]
DateSourceLabel = Literal["list", "detail", "home_block", "none"]


@dataclass(frozen=True)
class ExpectedColumn:
    id: str
    name: str
    path: str  # relative to the base URL, e.g. "/portal/col/ywdt/"
    level: int  # 1 or 2
    column_class: ColumnClassLabel
    page_kind: Literal["list", "hub", "content"]
    latest_offset_days: int | None  # latest publication date = as_of - this; None when no dated item
    status: StatusLabel
    date_source: DateSourceLabel
    list_page_error: bool  # True when the column's list page answers with an HTTP error (sqdt: 500)
    note: str = ""


# id -> (column_class, status, date_source, list_page_error, why)
_LABELS: dict[str, tuple[ColumnClassLabel, StatusLabel, DateSourceLabel, bool, str]] = {
    "ywdt": ("news", "fresh", "list", False, "置顶 row dated T-400 must not hide the T-1 row"),
    "bmdt": ("news", "stale", "list", False, "table rows, [YYYY-MM-DD]; T-20 is outside 14 days"),
    "xzdt": ("news", "fresh", "list", False, "rows arrive by fetch() after 300 ms"),
    "tpxw": ("news", "fresh", "list", False, "picture cards, YYYY年M月D日, newest card in the middle"),
    "tzgg": ("notice_policy", "fresh", "list", False, "list inside an iframe; newest title names T+20"),
    "zcjd": ("notice_policy", "stale", "list", False, "dates only via document.write; T-200 > 6 months"),
    "gzdt": ("news", "stale", "list", False, "GBK page, YYYY/M/D; T-16 is outside 14 days"),
    "xwfb": ("news", "warning", "list", False, "T-11: fresh at T, stale from T+3"),
    "sqdt": ("news", "fresh", "home_block", True, "list page answers 500; the home block shows T-2"),
    "zcwj": ("notice_policy", "fresh", "list", False, "MM-DD without year; rows span the previous year"),
    "rsxx": (
        "personnel_planning",
        "fresh",
        "detail",
        False,
        "undated list; detail PubDate T-100, 成文日期 older",
    ),
    "ghjh": ("personnel_planning", "stale", "list", False, "T-400 > 1 year"),
    "gsgg": ("notice_policy", "stale", "list", False, "level 2; T-220 > 6 months"),
    "czxx": ("other", "blank", "none", False, "暂无信息 only"),
    "tjxx": ("other", "blank", "none", False, "script fills the list from an API that returns []"),
    "zdxm": (
        "other",
        "fresh",
        "list",
        False,
        "trap numbers (2099-12-31, 报名截止 T+10, 20210315); real T-300",
    ),
    "xxgk": ("not_list", "not_judged", "none", False, "信息公开 hub: the tree of its sub-columns"),
    "hdjl": ("not_list", "not_judged", "none", False, "互动交流 hub"),
    "zxzx": (
        "interaction",
        "not_judged",
        "list",
        False,
        "留言 table; latest 留言时间 T-500, replies 2-6 days later: the newest activity is the newest 回复时间",
    ),
    "zxft": ("interaction_excluded", "not_judged", "list", False, "在线访谈 is excluded from freshness"),
    "bszn": (
        "other",
        "fresh",
        "list",
        False,
        "办事指南 (nav, sidebar group 办事服务): plain dated list, newest T-6; one row links to 政务服务网 (offsite)",
    ),
    "qqgk": ("not_list", "not_judged", "none", False, "区情概况: one content page"),
    "lszt": ("historical", "not_judged", "list", False, "历史专题, newest item T-900"),
    "wzdt": ("not_list", "not_judged", "none", False, "网站地图 (footer): content page of links"),
    "xxgkzn": (
        "not_list",
        "not_judged",
        "none",
        False,
        "信息公开指南 (linked from the 信息公开 hub and home)",
    ),
}

EXPECTED_COLUMNS: tuple[ExpectedColumn, ...] = tuple(
    ExpectedColumn(
        id=col.id,
        name=col.name,
        path=col.path,
        level=col.level,
        column_class=_LABELS[col.id][0],  # a KeyError here means a column was added without a label
        page_kind=col.page_kind,
        latest_offset_days=col.latest_offset,
        status=_LABELS[col.id][1],
        date_source=_LABELS[col.id][2],
        list_page_error=_LABELS[col.id][3],
        note=_LABELS[col.id][4],
    )
    for col in COLUMNS
)
EXPECTED_BY_ID: dict[str, ExpectedColumn] = {col.id: col for col in EXPECTED_COLUMNS}


def expected_latest(col: ExpectedColumn, as_of: date) -> date | None:
    """The newest publication date the auditor should report for `col` when the site is served as of as_of."""
    if col.latest_offset_days is None:
        return None
    if col.id == "zxzx":
        # A message board's newest published item is its newest reply (the 回复时间 column), not the
        # newest question: the table labels both, and a reply is what the office publishes.
        return max(row.replied.date() for row in column_rows(col.id, as_of) if row.replied is not None)
    return as_of - timedelta(days=col.latest_offset_days)


# ---- 政策解读 ↔ 政策文件 --------------------------------------------------------------------------------

RejectReason = Literal[
    "href_hash", "href_javascript", "http_error", "soft_404", "list_page", "home_page", "search_page", "title_mismatch"
]


@dataclass(frozen=True)
class ExpectedInterpretation:
    path: str  # the interpretation page, relative to the base URL
    case: str  # "a".."j"
    linked: bool
    policy_path: str | None  # its policy page on the site, or None when it is not on the site
    rejected: tuple[tuple[str, RejectReason], ...]  # (candidate href as written, reason) for unlinked ones
    found_policy_path: str | None  # unlinked only: the policy page found elsewhere on the site by its title
    note: str = ""


# 政策解读 rows are /portal/art/zcjd/1010.html (newest, T-200) … 1001.html; 政策文件 rows /portal/art/zcwj/1011.html
# (T-30) … 1001.html (T-362). Every policy page named here links back (相关解读) unless EXPECTED_POLICY_UNLINKED
# lists it.
EXPECTED_INTERPRETATIONS: tuple[ExpectedInterpretation, ...] = (
    ExpectedInterpretation(
        "/portal/art/zcjd/1010.html", "a", True, "/portal/art/zcwj/1006.html", (), None,
        "相关链接：<a>原文</a> → 《青溪区促进就业创业若干措施》",
    ),
    ExpectedInterpretation(
        "/portal/art/zcjd/1009.html", "b", True, "/portal/art/zcwj/1005.html", (), None,
        "link text is the 《title》; the policy page has no 相关解读 box → policy_interpretation_unlinked there",
    ),
    ExpectedInterpretation(
        "/portal/art/zcjd/1008.html", "c", False, "/portal/art/zcwj/1004.html", (("#", "href_hash"),),
        "/portal/art/zcwj/1004.html", '原文 href="#"; the policy (same title) links back, so no reverse finding',
    ),
    ExpectedInterpretation(
        "/portal/art/zcjd/1007.html", "g", True, "/portal/art/zcwj/1003.html", (), None,
        "一图读懂: two pictures, caption link 政策原文：《青溪区农村人居环境整治提升三年行动方案》",
    ),
    ExpectedInterpretation(
        "/portal/art/zcjd/1006.html", "f", False, "/portal/art/zcwj/1002.html", (), "/portal/art/zcwj/1002.html",
        "no link at all; the lead names 《青溪区生态环境保护督察工作实施办法》, which the 政策文件 list has",
    ),
    ExpectedInterpretation(
        "/portal/art/zcjd/1005.html", "h", True, "/portal/art/zcwj/1001.html", (), None,
        "relative href ../zcwj/1001.html, link text 政策原文：《青溪区食品安全信息追溯管理办法》",
    ),
    ExpectedInterpretation(
        "/portal/art/zcjd/1004.html", "i", True, "/portal/art/zcwj/1007.html", (), None,
        "names a 印发 notice with nested quotes: 《青溪区人民政府关于印发〈青溪区城市数字化转型实施方案〉的通知》",
    ),
    ExpectedInterpretation(
        "/portal/art/zcjd/1003.html", "j", True, "/portal/art/zcwj/1008.html", (), None,
        "原文 href is the absolute same-host URL",
    ),
    ExpectedInterpretation(
        "/portal/art/zcjd/1002.html", "d", False, None, (("/portal/art/zcwj/999.html", "http_error"),), None,
        "原文 → 404; 《青溪区河长制工作实施办法》 is not on the site",
    ),
    ExpectedInterpretation(
        "/portal/art/zcjd/1001.html", "e", False, None, (("/portal/xxgk/zcwj/", "list_page"),), None,
        "相关文件 → the 政策文件 list; 《青溪区生活垃圾分类管理实施办法》 is not on the site",
    ),
)  # fmt: skip
EXPECTED_POLICY_UNLINKED: tuple[str, ...] = ("/portal/art/zcwj/1005.html",)


# ---- 办事指南 ---------------------------------------------------------------------------------------------

GuideElement = Literal[
    "事项名称",
    "设定依据",
    "申请条件",
    "申请材料",
    "办理地点",
    "办理时间",
    "联系电话",
    "办理流程",
    "办理机构",
    "收费标准",
]


@dataclass(frozen=True)
class ExpectedGuide:
    path: str
    missing: dict[GuideElement, Literal["absent", "empty", "placeholder"]]  # element class -> how it is missing
    basis_kind: Literal["no_law", "law_only", "article_number_only"] | None  # None when concrete
    form_channel: Literal["download", "stated", "none"]
    failed_form_links: tuple[tuple[str, int], ...]  # (href as written, HTTP status)
    charset: str = "utf-8"
    needs_click: bool = False
    note: str = ""


# 办事指南 rows: /portal/bsfw/bszn/1009.html (T-6) … 1001.html; row 4 (n 1006) is the offsite guide.
EXPECTED_GUIDES: tuple[ExpectedGuide, ...] = (
    ExpectedGuide(
        "/portal/bsfw/bszn/1009.html", {}, None, "download", (),
        note="1: two-column table; 行政许可法第十二条 quoted; 申请表 .docx; also 法定/承诺办结时限 rows",
    ),
    ExpectedGuide(
        "/portal/bsfw/bszn/1008.html", {}, None, "download", (), needs_click=True,
        note="2: five tabs, each panel fetched from /portal/api/guide/2/<tab>.json on its first click and hidden "
        "while another tab is active; 申请材料 panel links the .xlsx form",
    ),
    ExpectedGuide(
        "/portal/bsfw/bszn/1007.html", {"办理地点": "placeholder", "联系电话": "placeholder"}, "no_law", "download", (),
        note="3: dl/dt/dd; 办理地点 暂无, 联系电话 —, 设定依据 依据相关法律法规; .pdf form",
    ),
    ExpectedGuide(
        "/portal/bsfw/bszn/1005.html", {}, "article_number_only", "download", (),
        note="4: h4 + p sections numbered 一、…; 《上海市城市道路管理条例》第八条 without wording; .doc (RTF) form; "
        "labels 办理机构, 办理材料, 咨询电话",
    ),
    ExpectedGuide(
        "/portal/bsfw/bszn/1004.html", {}, "law_only", "download", (), charset="gbk",
        note="5: GBK; three-column table, group and label cells span rows; 收费标准 不收费; .docx form",
    ),
    ExpectedGuide(
        "/portal/bsfw/bszn/1003.html", {}, None, "none", (("/portal/files/missing.doc", 404),),
        note="6: the only form link 申请表下载 answers 404, no other channel stated → guide_no_form_channel",
    ),
    ExpectedGuide(
        "/portal/bsfw/bszn/1002.html", {}, None, "stated", (),
        note="7: no download; 申请表可在区行政服务中心3号窗口领取",
    ),
    ExpectedGuide(
        "/portal/bsfw/bszn/1001.html", {"办理流程": "absent", "申请条件": "empty"}, None, "download", (),
        note="8: table; no 办理流程 row at all, 申请条件 row with an empty cell; .docx form",
    ),
)  # fmt: skip
EXPECTED_OFFSITE_GUIDES: tuple[str, ...] = ("https://zwfw.example.gov.cn/guide/310114-001.html",)


def expected_document_findings() -> set[tuple[str, str]]:
    """(finding code, target path) the 政策解读/政策文件/办事指南 labels above imply, one per finding."""
    found = {("interpretation_unlinked", e.path) for e in EXPECTED_INTERPRETATIONS if not e.linked}
    found |= {("policy_interpretation_unlinked", path) for path in EXPECTED_POLICY_UNLINKED}
    found |= {("guide_missing_elements", g.path) for g in EXPECTED_GUIDES if g.missing}
    found |= {("guide_basis_vague", g.path) for g in EXPECTED_GUIDES if g.basis_kind}
    found |= {("guide_no_form_channel", g.path) for g in EXPECTED_GUIDES if g.form_channel == "none"}
    return found


# ---- issue #9: the site checks (首页更新, 页面底部功能区, 链接可用性, 域名, 互动交流, 办事服务) --------------------

# The three demo sites on their real-looking hosts (auditor/demo/hosts.py; the scenarios' `resolve` map sends
# them to the demo server). Site id -> home URL.
SITE_HOMES: dict[str, str] = {
    "qingxi": "http://www.qingxi.gov.cn/portal/",
    "qingxi-scjgj": "http://scjgj.qingxi.gov.cn/",
    "qingxi-credit": "http://www.creditqingxi.cn/",
}
SITE_CHECK_CODES: frozenset[str] = frozenset(
    {
        "homepage_stale",
        "footer_missing_site_code",
        "footer_site_code_mismatch",
        "footer_missing_icp",
        "footer_missing_psb",
        "footer_missing_party_label",
        "footer_missing_error_report",
        "link_broken",
        "domain_nonstandard",
        "interaction_unanswered",
        "interaction_no_channel",
        "service_none",
        "site_unavailable",
    }
)
SiteCheck = tuple[str, str, str]  # (code, target URL, severity)

# Hand-written labels: site id -> [(code, target relative to the site's origin or absolute, severity, why)].
# A target starting with "/" is on the site's own host; "" is the home URL. Severities: "veto" for the 单项否决
# indicators (首页不更新, 互动回应差 ① ②, 服务不实用 ①: indicators.md §2; the rules emit it), "needs_review" where
# the indicator table says a reading is for review (a 403 link, a 网站标识码 differing from the scenario's, a 找错
# entry whose site_code differs), "deduction" for the other real faults.
_SITE_LABELS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "qingxi": (
        ("link_broken", "/portal/dag/", "deduction", "友情链接 青溪档案 on the home page answers 404"),
        ("link_broken", "/portal/images/col-ywdt.png", "deduction", "要闻动态 list page: column banner image 404"),
        ("link_broken", "/portal/col/sqdt/", "deduction", "社区动态 更多 link on the home page answers 500"),
    ),
    "qingxi-scjgj": (
        ("homepage_stale", "", "veto", "newest home item T-20: nothing within 14 days"),
        ("footer_site_code_mismatch", "", "needs_review", "footer 3101140051, scenario 3101140052 (never a deduction)"),
        (
            "footer_missing_error_report",
            "",
            "needs_review",
            "the 找错 entry is there but its site_code 3101140051 is not the scenario's 3101140052",
        ),
        ("footer_missing_icp", "", "deduction", "no ICP number and no beian.miit.gov.cn link"),
        ("footer_missing_party_label", "", "deduction", "no conac badge"),
        ("link_broken", "/zwgk/old.html", "deduction", "home link 信息公开目录（旧版） answers 404"),
        ("link_broken", "/images/gzdt_banner.jpg", "deduction", "工作动态 list page banner image 404"),
        (
            "interaction_unanswered",
            "/hdjl/jzxx/",
            "veto",
            "局长信箱: asked T-200 answered T-60; asked T-150 未回复 (T-30 办理中 and T-420 未回复 do not count)",
        ),
    ),
    "qingxi-credit": (
        ("domain_nonstandard", "", "deduction", "www.creditqingxi.cn is outside .gov.cn (parent qingxi.gov.cn)"),
        ("footer_missing_error_report", "", "deduction", "no 我为政府网站找错 entry"),
        ("interaction_no_channel", "", "veto", "no 留言/信箱/咨询 entry anywhere"),
        ("service_none", "", "veto", "no 办事服务 entry and no 政务服务网 link"),
        ("link_broken", "/zt/2019/", "deduction", "soft 404: 200 titled 页面不存在"),
        ("link_broken", "/old/", "deduction", "301 → /old2/ → 404"),
        ("link_broken", "http://www.gov.cn/zhuanti/xyzg2019/", "deduction", "external link answers 503"),
        ("link_broken", "http://data.sh.gov.cn/", "needs_review", "403: most often bot blocking, for review"),
    ),
}


def _target(site_id: str, target: str) -> str:
    home = SITE_HOMES[site_id]
    if not target:
        return home
    if target.startswith("/"):
        scheme, _, host = home.split("/")[:3]
        return f"{scheme}//{host}{target}"
    return target


def expected_site_checks(site_id: str) -> set[SiteCheck]:
    """(code, target URL, severity) of the issue-#9 codes the auditor should report for `site_id`, one per finding.

    Targets: homepage_stale, footer_*, domain_nonstandard, interaction_no_channel and service_none → the home URL;
    link_broken → the resolved href of the broken link or image; interaction_unanswered → the board's list URL.
    Severity: "veto" (单项否决 indicators), "deduction", or "needs_review" (see _SITE_LABELS).
    """
    return {(code, _target(site_id, target), severity) for code, target, severity, _ in _SITE_LABELS[site_id]}


EXPECTED_SITE_CHECKS: dict[str, set[SiteCheck]] = {site_id: expected_site_checks(site_id) for site_id in SITE_HOMES}

# For information only (best effort, not asserted): other codes the new sites' columns should yield.
# 青溪区市场监督管理局: 工作动态 (T-20) is a stale news column; 食品安全 (T-22) is classed other, so fresh (it would
# be stale as news); 通知公告 T-25 and 政策文件 T-40 are fresh notice/policy columns. The site's pages carry
# <meta name="SiteIDCode"> = the scenario's code: with the footer's 3101140051 there, the auditor took every page
# for another site's and judged no column.
# 信用青溪: 双公示 T-2, 信用动态 T-3, 信用承诺 T-9: fresh whatever their class.
# (code, target) as seen in an `auditor demo` run on 2026-12-02.
EXPECTED_OTHER_CODES: dict[str, set[tuple[str, str]]] = {
    "qingxi-scjgj": {("column_stale", "http://scjgj.qingxi.gov.cn/gzdt/")},
    "qingxi-credit": set(),
}


# ---- issue #10: the new-media group 青溪区政务新媒体 (auditor/demo/newmedia.py) ---------------------------------

NEWMEDIA_GROUP = "qingxi-xmt"
NEWMEDIA_REGISTRY = "http://www.qingxi.gov.cn/portal/xmt/"
# The labels' T: latest_post_text is the time as the page shows it, which depends on T (3月20日, 02-24).
ACCOUNTS_T = date(2021, 3, 21)
AccountStatusLabel = Literal["fresh", "stale", "needs_review"]
# 类型 as the notice's table writes it.
PLATFORM_ZH_LABELS = {"wechat": "微信", "weibo": "微博", "douyin": "抖音", "dayu": "大鱼号", "netease": "网易号"}


@dataclass(frozen=True)
class ExpectedAccount:
    number: int  # 序号 in the registry
    platform: str
    name: str
    owner: str  # 开设主体
    group: str
    status: AccountStatusLabel
    latest_offset_days: int | None  # latest_post = T - this; None when nothing dated was read
    latest_post_text: str  # as shown at ACCOUNTS_T (20:00, the snapshot's time)
    source: Literal["live", "snapshot", "manual"]  # at ACCOUNTS_T (every page is a declared snapshot then)
    state: str  # what the page showed
    reference: Literal["memento_header", "snapshot_meta"]  # how the page declared its time at ACCOUNTS_T
    why: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.platform, self.name)

    @property
    def platform_zh(self) -> str:
        return PLATFORM_ZH_LABELS[self.platform]

    def latest(self, as_of: date) -> date | None:
        return None if self.latest_offset_days is None else as_of - timedelta(days=self.latest_offset_days)


_NEWS, _MARKET, _POLICE, _HEALTH = (
    "青溪区人民政府新闻办公室",
    "青溪区市场监督管理局",
    "青溪区公安分局",
    "青溪区卫生健康委员会",
)
_MH, _SM = "memento_header", "snapshot_meta"
# Hand-written, in registry order. The walled WeChat account is resolved by the scenario's manual entry (an
# inspector saw its newest post of T-23 in the WeChat client): stale, from the manual record.
# fmt: off
EXPECTED_ACCOUNTS: tuple[ExpectedAccount, ...] = (
    ExpectedAccount(1, "wechat", "青溪发布", _NEWS, "区政府", "fresh", 1, "3月20日", "snapshot", "posts", _MH,
                    "album; Unix times formatted by the page's script"),
    ExpectedAccount(2, "weibo", "青溪发布", _NEWS, "区政府", "fresh", 0, "5小时前", "snapshot", "posts", _MH,
                    "feed from the ajax API after load; pinned T-293 above; full time in the title"),
    ExpectedAccount(3, "dayu", "青溪发布", _NEWS, "区政府", "fresh", 0, "刚刚", "snapshot", "posts", _MH,
                    "刚刚, 5小时前, 昨天 18:02, 3天前 below a pinned T-139"),
    ExpectedAccount(4, "netease", "青溪发布", _NEWS, "区政府", "fresh", 2, "2021-03-19 10:20:33", "snapshot", "posts", _MH,
                    "full times"),
    ExpectedAccount(5, "wechat", "青溪政务服务", "青溪区人民政府办公室", "区政府", "stale", 23, "2月26日", "manual",
                    "login_wall", _MH, "profile_ext: 请在微信客户端打开链接; the manual entry says T-23"),
    ExpectedAccount(6, "douyin", "青溪市场监管", _MARKET, "区级部门", "fresh", 1, "昨天 18:02", "snapshot", "posts", _MH,
                    "grid built from RENDER_DATA; pinned T-130 above"),
    ExpectedAccount(7, "wechat", "青溪市场监管", _MARKET, "区级部门", "stale", 29, "1613786400", "snapshot", "posts", _MH,
                    "album times left as raw Unix seconds; newest T-29"),
    ExpectedAccount(8, "douyin", "青溪公安", _POLICE, "区级部门", "fresh", 2, "前天", "snapshot", "posts", _MH,
                    "two pinned old videos above 前天, 3天前, 03-08"),
    ExpectedAccount(9, "weibo", "青溪公安", _POLICE, "区级部门", "needs_review", None, "", "snapshot", "login_wall", _MH,
                    "302 to passport.weibo.com: Sina Visitor System, no manual entry"),
    ExpectedAccount(10, "douyin", "青溪文旅", "青溪区文化和旅游局", "区级部门", "stale", 25, "02-24", "snapshot", "posts", _MH,
                    "a pinned FRESH video (昨天 10:15) above old ones: 置顶 never counts"),
    ExpectedAccount(11, "netease", "青溪司法", "青溪区司法局", "区级部门", "stale", 48, "2021-02-01 11:08:45", "snapshot",
                    "posts", _MH, "stale; a copy with Memento-Datetime even when served live"),
    ExpectedAccount(12, "wechat", "青溪教育", "青溪区教育局", "区级部门", "fresh", 2, "3月19日", "snapshot", "posts", _SM,
                    "a copy with <meta name=snapshot-time> even when served live"),
    ExpectedAccount(13, "dayu", "青溪人社", "青溪区人力资源和社会保障局", "区级部门", "stale", 22, "02-27", "snapshot",
                    "posts", _MH, "year-less 02-27 (T-22)"),
    ExpectedAccount(14, "weibo", "青溪卫健", _HEALTH, "区级部门", "needs_review", None, "", "snapshot", "deleted", _MH,
                    "该账号已注销"),
    ExpectedAccount(15, "netease", "健康青溪", _HEALTH, "区级部门", "fresh", 1, "2021-03-20 08:00:00", "snapshot", "posts",
                    _MH, "full times; 热门推荐 of others beside"),
    ExpectedAccount(16, "wechat", "青溪街道", "青溪区青溪街道办事处", "街镇", "fresh", 3, "3月18日", "snapshot", "posts", _MH,
                    "album, two posts"),
    ExpectedAccount(17, "douyin", "云湖街道", "青溪区云湖街道办事处", "街镇", "stale", 20, "03-01", "snapshot", "posts", _MH,
                    "newest video T-20"),
    ExpectedAccount(18, "weibo", "柳塘镇", "青溪区柳塘镇人民政府", "街镇", "fresh", 2, "03-19", "snapshot", "posts", _MH,
                    "m.weibo.cn, year-less 03-19"),
)
# fmt: on
EXPECTED_ACCOUNTS_BY_KEY: dict[tuple[str, str], ExpectedAccount] = {a.key: a for a in EXPECTED_ACCOUNTS}
# One newmedia_stale finding per account that is not fresh: stale → veto (the verdict turns its deduction into the
# account's veto), doubtful → needs_review.
ACCOUNT_FINDING_SEVERITY: dict[str, str] = {"stale": "veto", "needs_review": "needs_review"}
# --sample with the scenario's sampling (区政府 in full, share 0.5, seed 2021): 18 accounts, more than 9 needed.
EXPECTED_SAMPLE = {
    "seed": 2021,
    "groups": ["区政府"],
    "share": 0.5,
    "total": 18,
    "in_groups": 5,
    "drawn": 5,
    "sampled": 10,
}
