"""The one data table of indicator facts: windows, thresholds, keyword maps.

Every value that ../shared/reference/indicators.md marks *unconfirmed* lives here, next to a note, so that it
can be corrected in one place once the official 19号 attachment is compared line by line. Rules and extractors
read these values; none of them hard-codes a threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class Status(StrEnum):
    CONFIRMED = "confirmed"
    UNCONFIRMED = "unconfirmed"


class ColumnClass(StrEnum):
    """What a column (栏目) is, which decides its freshness window and the veto counts it feeds."""

    NEWS = "news"  # 动态要闻类
    NOTICE_POLICY = "notice_policy"  # 通知公告 / 政策文件类 (incl. 政策解读)
    PERSONNEL_PLANNING = "personnel_planning"  # 人事 / 规划计划类
    OTHER = "other"  # other should-update columns
    INTERACTION = "interaction"  # 政务咨询类: judged by the 3-month reply rule, not by freshness
    INTERACTION_EXCLUDED = "interaction_excluded"  # 在线访谈, 调查征集, 网上信访, 纪检举报
    HISTORICAL = "historical"  # 历史性工作专题, archived columns: never judged for freshness


@dataclass(frozen=True, slots=True)
class Window:
    """A window of N units that ends on the monitoring point T, inclusive."""

    amount: int
    unit: Literal["days", "months", "years"]

    @property
    def label_zh(self) -> str:
        names = {"days": "天", "months": "个月", "years": "年"}
        if self.unit == "days" and self.amount % 7 == 0:
            return f"{self.amount // 7}周"
        return f"{self.amount}{names[self.unit]}"


@dataclass(frozen=True, slots=True)
class ColumnClassRule:
    column_class: ColumnClass
    name_zh: str
    window: Window | None
    keywords: tuple[str, ...]
    # Feeds 栏目不更新 ① (≥5 stale news + first-level notice/policy) when at the given levels; None = never.
    news_notice_levels: tuple[int, ...] | None
    feeds_should_update: bool  # 栏目不更新 ② (≥10)
    status: Status
    note: str


# Column classes (indicators.md §5). Keyword match is by substring; the longest matching keyword wins.
COLUMN_CLASSES: tuple[ColumnClassRule, ...] = (
    ColumnClassRule(
        ColumnClass.NEWS,
        "动态要闻类",
        Window(14, "days"),
        (
            "要闻",
            "动态",
            "新闻",
            "工作动态",
            "部门动态",
            "区县动态",
            "乡镇动态",
            "街镇动态",
            "图片新闻",
            "工作进展",
            "新闻发布",
        ),
        news_notice_levels=(1, 2, 3, 4),  # "动态、要闻类栏目" at any level (confirmed [S2])
        feeds_should_update=True,
        status=Status.UNCONFIRMED,
        note="14-day window confirmed [S2]; keyword list unconfirmed (vendor practice [V1][V2][V4])",
    ),
    ColumnClassRule(
        ColumnClass.NOTICE_POLICY,
        "通知公告、政策文件类",
        Window(6, "months"),
        (
            "通知公告",
            "公示公告",
            "公告公示",
            "通知",
            "公告",
            "公示",
            "政策文件",
            "规范性文件",
            "政府文件",
            "部门文件",
            "政策法规",
            "政策解读",
            "解读",
        ),
        news_notice_levels=(1,),  # only first-level ones feed ① (confirmed [S2])
        feeds_should_update=True,
        status=Status.UNCONFIRMED,
        note="6-month window confirmed [S2]; 政策解读 in this class is the project default (notice faults "
        "解读信息更新不及时); lower levels feeding ② is vendor practice [V1][V2]",
    ),
    ColumnClassRule(
        ColumnClass.PERSONNEL_PLANNING,
        "人事、规划计划类",
        Window(1, "years"),
        ("人事信息", "人事任免", "人事", "规划计划", "发展规划", "工作计划", "规划", "计划总结"),
        news_notice_levels=None,
        feeds_should_update=True,
        status=Status.CONFIRMED,
        note="2015 definition [S15], also [V1]",
    ),
    ColumnClassRule(
        ColumnClass.INTERACTION,
        "政务咨询类",
        None,
        ("政务咨询", "咨询", "留言", "信箱", "12345", "建言", "政民互动", "互动交流"),
        news_notice_levels=None,
        feeds_should_update=False,
        status=Status.CONFIRMED,
        note="judged by 互动回应差 ② (3-month reply rule), not by freshness [S2]",
    ),
    ColumnClassRule(
        ColumnClass.INTERACTION_EXCLUDED,
        "在线访谈、调查征集、网上信访、纪检举报类",
        None,
        ("在线访谈", "访谈", "调查征集", "征集调查", "意见征集", "网上信访", "信访", "纪检举报", "举报"),
        news_notice_levels=None,
        feeds_should_update=False,
        status=Status.CONFIRMED,
        note="excluded from 互动回应差 ② and from freshness counts [S2]",
    ),
    ColumnClassRule(
        ColumnClass.HISTORICAL,
        "历史性工作专题",
        None,
        ("历史专题", "往期专题", "专题回顾", "历史栏目", "已归档", "归档"),
        news_notice_levels=None,
        feeds_should_update=False,
        status=Status.UNCONFIRMED,
        note="not counted (confirmed [S15]); the keywords are the project's own",
    ),
    ColumnClassRule(
        ColumnClass.OTHER,
        "其他应更新栏目",
        Window(1, "years"),
        (
            "领导信息",
            "机构信息",
            "机构职能",
            "地区介绍",
            "概况",
            "财政信息",
            "预决算",
            "财政预决算",
            "重大项目",
            "统计信息",
            "统计数据",
            "信息公开目录",
        ),
        news_notice_levels=None,
        feeds_should_update=True,
        status=Status.UNCONFIRMED,
        note="1-year default for every other column is a vendor default [V1][V2]; unmatched names fall here",
    ),
)

CLASS_RULES: dict[ColumnClass, ColumnClassRule] = {rule.column_class: rule for rule in COLUMN_CLASSES}

# <meta name="ColumnType"> values seen on CMS pages map through the same keyword table; this extra table
# covers CMS type codes that are not Chinese names (unconfirmed: extend from real pages).
COLUMN_TYPE_CODES: dict[str, ColumnClass] = {
    "news": ColumnClass.NEWS,
    "notice": ColumnClass.NOTICE_POLICY,
    "policy": ColumnClass.NOTICE_POLICY,
}


@dataclass(frozen=True, slots=True)
class VetoRule:
    code: str
    indicator_zh: str
    threshold: int
    wording_zh: str
    status: Status
    note: str


# 栏目不更新 single-veto counts (国办秘函〔2019〕19号; "超过(含)N个" means ≥ N, confirmed [S2]).
VETO_NEWS_NOTICE = VetoRule(
    "column_stale_news_notice",
    "栏目不更新",
    5,
    "动态、要闻类栏目,以及通知公告、政策文件类一级栏目累计超过5个未更新",
    Status.CONFIRMED,
    "监测时间点前2周内的动态、要闻类栏目,以及前6个月内的通知公告、政策文件类一级栏目,累计超过(含)5个未更新 [S2]",
)
VETO_SHOULD_UPDATE = VetoRule(
    "column_stale_should_update",
    "栏目不更新",
    10,
    "应更新但长期未更新的栏目超过10个",
    Status.UNCONFIRMED,
    "threshold confirmed [S2]; counting blank columns too is the 2015 definition [S15], kept in 2019 unconfirmed",
)
VETO_BLANK = VetoRule(
    "column_blank_many",
    "栏目不更新",
    5,
    "空白栏目超过5个",
    Status.CONFIRMED,
    "空白栏目数量超过(含)5个 [S2]",
)
# Blank columns also count toward ② (2015 definition [S15]; unconfirmed for 2019).
BLANK_FEEDS_SHOULD_UPDATE = True

# Early warning: a column that turns stale within this many days after T (issue #2; vendors warn early [V1][V4]).
WARNING_DAYS = 3

# Windows of months/years: "calendar" = (T − N months) + 1 day with month-end clamping; "days" = fixed
# 30/365-day months/years as vendor code does [V2][V4]. Unconfirmed: default calendar.
MONTHS_AS: Literal["calendar", "days"] = "calendar"

# Placeholder wording that marks a column list as blank (indicators.md §2 column_blank; unconfirmed list,
# extended from real templates: 暂无信息, 该栏目下暂时没有文章, 本栏目信息暂未发布, WordPress 未找到, 查询结果为空,
# 共0条). Matched in a short text of its own, white space removed, only where the page shows no dated list.
BLANK_PLACEHOLDER_PATTERN = (
    r"暂无|暂时没有|暂未(?:发布|公开|更新|上传|录入)|没有(?:找到|相关|记录|信息|数据|文章|内容|匹配)"
    r"|未找到|无法找到|当前无|查询结果为空|无相关记录|无记录|正在建设|建设中|敬请期待|共0条"
)

# Column names that are single content pages, not lists (issue #2: 区情概况, 领导信息, 网站地图). A page with a
# dated list is still judged as a list whatever its name. Unconfirmed list: extend from real sites.
CONTENT_PAGE_NAMES: tuple[str, ...] = (
    "区情概况",
    "概况",
    "简介",
    "走进",
    "领导信息",
    "领导之窗",
    "机构职能",
    "网站地图",
    "联系我们",
    "关于我们",
    "网站声明",
    "隐私声明",
    "使用帮助",
    "无障碍",
)

# Navigation texts that are never columns.
NON_COLUMN_LINK_TEXTS: tuple[str, ...] = (
    "首页",
    "网站首页",
    "返回首页",
    "更多",
    "登录",
    "注册",
    "English",
    "繁體",
    "简体",
    "无障碍",
    "长者模式",
    "关怀版",
    "网站地图",
    "联系我们",
    "设为首页",
    "加入收藏",
)

# How many undated rows' detail pages to open to find a column's latest date ("the newest-looking items").
DETAIL_PAGES_PER_UNDATED_LIST = 3

# Default per-page navigation timeout and per-site budget (seconds).
PAGE_TIMEOUT_S = 20.0
SITE_BUDGET_S = 600.0
# Longest wait for a rendered page to settle (XHR lists, timers, DOM mutations) after the load event.
SETTLE_CAP_MS = 3000
# Full-page screenshots are cut at this height so that endless pages do not exhaust memory.
SCREENSHOT_MAX_HEIGHT = 8000
