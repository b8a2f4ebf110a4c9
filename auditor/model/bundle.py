"""The findings bundle: the contract other tools (reports, re-checks, the bulletin) read.

Field names and finding codes here are a contract: add fields, never rename them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor.model.artifacts import DateSource, ErrorRecord, PageKind, Rect, SampleFacts
from auditor.model.indicators import ColumnClass

SCHEMA_VERSION = "1.0"  # fields are added, never renamed: a 1.0 reader still reads every bundle

Severity = Literal["veto", "deduction", "warning", "needs_review"]
SEVERITY_ORDER: dict[str, int] = {"veto": 3, "deduction": 2, "warning": 1, "needs_review": 0}
# What a rule concluded for the site (Lighthouse's scoring modes, axe's needs-review bucket): a report can say
# 未检查 / 无法评估 instead of staying silent when a rule could not run.
Outcome = Literal["pass", "fail", "not_applicable", "needs_review", "error"]
ClassSource = Literal["scenario", "meta", "name", "default"]
ColumnStatus = Literal["fresh", "warning", "stale", "blank", "undated", "unreadable", "not_judged"]


# The bulletin's classes of websites (the notice: 市、区政府门户网站 / 市政府部门网站 / 部门下属子网站 / 管委会网站); a
# scenario's `site.category`, else the default of its kind (DEFAULT_CATEGORY).
SiteCategory = Literal["portal", "department", "subsite", "committee"]
DEFAULT_CATEGORY: dict[str, SiteCategory] = {
    "portal": "portal",
    "department": "department",
    "subsite": "subsite",
    # A 信用类网站 is run by a department (发改委 or 区信用办), and the notice counts it under that department.
    "credit": "department",
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class SiteInfo(_Model):
    id: str
    name: str
    code: str | None = Field(description="网站标识码; None for a group of new-media accounts")
    kind: str
    home: str
    category: SiteCategory | None = Field(
        None, description="the bulletin's class: portal, department, subsite, committee (None: a new-media group)"
    )


class Target(_Model):
    url: str = Field(description="the column's list page URL, or the page the finding is about")
    column: str | None = Field(None, description="column name")
    selector: str | None = Field(None, description="CSS path of the offending element")
    frame_url: str | None = None
    rect: Rect | None = None
    page_id: str | None = Field(None, description="the gathered page (artifacts.json) the element sits on")
    snippet: str | None = Field(None, description="the element's text, shortened")


class Evidence(_Model):
    screenshot: str | None = Field(None, description="full-page PNG with the offending element outlined")
    crop: str | None = Field(None, description="PNG crop around the outlined element")
    html: str | None = Field(None, description="rendered HTML of the page")
    archive: str | None = Field(None, description="MHTML snapshot of the page as the browser had it (run --mhtml)")
    page_url: str | None = Field(None, description="the page the screenshot shows")
    note: str | None = Field(None, description="why there is no screenshot, when there is none")


class Finding(_Model):
    id: str = Field(description="stable across runs: hash of code and target URL")
    code: str
    indicator_zh: str
    severity: Severity
    target: Target
    observed: dict[str, Any] = Field(default_factory=dict)
    message_zh: str
    evidence: Evidence = Field(default_factory=Evidence)
    unit: str | None = Field(
        None, description="责任单位: the unit that runs the part of the site the finding is about (None: not known)"
    )


class RuleSummary(_Model):
    """One rule's answer for the site: its outcome and how many findings of each severity it gave."""

    outcome: Outcome
    title_zh: str
    indicator_zh: str
    findings: dict[str, int] = Field(default_factory=dict, description="severity -> count")
    message: str | None = Field(None, description="why the rule could not run (outcome error)")


class Veto(_Model):
    code: str
    indicator_zh: str
    count: int
    threshold: int
    message_zh: str
    columns: list[str] = Field(default_factory=list, description="list page URLs counted")
    findings: list[str] = Field(default_factory=list, description="ids of the findings counted")


class IndicatorScore(_Model):
    """One indicator of the 100-point table: what its findings deducted, capped at its weight."""

    id: str
    name_zh: str
    weight: float = Field(description="the cap: its deductions never exceed it")
    deducted: float = Field(description="points deducted, after the cap")
    uncapped: float = Field(description="the sum of its findings' points before the cap")
    assessed: bool = Field(description="at least one of its rules could run; unassessed indicators deduct nothing")
    findings: list[str] = Field(default_factory=list, description="ids of the findings that deducted")
    status: str = Field(description="confirmed | unconfirmed: whether the weight and points are the official ones")


class Score(_Model):
    total: float = Field(description="100 minus the capped deductions (rescaled when configured)")
    pass_mark: float
    indicators: list[IndicatorScore] = Field(default_factory=list)
    not_assessed: list[str] = Field(default_factory=list, description="indicators no rule could judge (zh-CN)")
    rescaled: bool = False
    note_zh: str = ""


class Verdict(_Model):
    qualified: bool | None = Field(description="合格; None when the site could not be assessed")
    vetoes: list[Veto] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    score: Score | None = Field(None, description="the deduction score; None when a veto decided (nothing is scored)")
    note_zh: str = ""


class ColumnResult(_Model):
    name: str
    url: str
    column_class: ColumnClass = Field(alias="class")
    class_source: ClassSource
    level: int
    page_kind: PageKind
    latest_date: date | None
    date_source: DateSource
    item_count: int
    status: ColumnStatus
    window: str | None = Field(None, description="e.g. 2周, 6个月")
    window_start: date | None = None
    stale_on: date | None = Field(None, description="first monitoring point at which it counts as stale")
    found_in: list[str] = Field(default_factory=list)
    reason: str | None = Field(None, description="why an unreadable column could not be judged, in zh-CN")


class GuideResult(_Model):
    """One 办事指南 as judged: whether it meets the indicator, and what it lacks."""

    url: str
    name: str = ""
    found_in: list[str] = Field(default_factory=list)
    status: Literal["judged", "offsite", "not_read", "unreadable"]
    meets: bool | None = Field(description="meets §8 (elements, basis, form channel); None when not judged")
    missing: dict[str, str] = Field(default_factory=dict, description="element class -> absent | empty | placeholder")
    basis_kind: str = Field(description="concrete, law_only, article_number_only, no_law, unclear, missing")
    form_channel: str = Field(description="download, stated, none, unverified, not_applicable")
    tabs_opened: int = 0
    reason: str | None = Field(None, description="why it was not judged, in zh-CN")


class InterpretationResult(_Model):
    """One 政策解读 as judged: whether it reaches its document, and whether the document links back."""

    url: str
    title: str = ""
    found_in: list[str] = Field(default_factory=list)
    status: Literal["linked", "unlinked", "needs_review", "not_judged"]
    named_title: str | None = None
    policy_url: str | None = Field(None, description="the document reached, or found on the site by its title")
    policy_links_back: bool | None = Field(None, description="the document links back (None: no document known)")
    reason: str | None = None


class AccountResult(_Model):
    """One new-media account as judged (issue #10): a row of the notice's table when it is not 合格."""

    platform: str = Field(description="wechat, weibo, douyin, dayu, netease, toutiao, bilibili, kuaishou or other")
    platform_zh: str = Field(description="类型 as the notice writes it: 微信, 微博, 抖音, 大鱼号, 网易号, …")
    name: str = Field(description="账号名称")
    owner: str = Field("", description="开设主体")
    group: str = ""
    url: str | None = None
    latest_post: date | None = Field(None, description="the newest non-pinned post's date (latest it can mean)")
    latest_post_earliest: date | None = Field(None, description="earliest it can mean (differs for 2周前 and the like)")
    latest_post_text: str = Field("", description="its time as the page showed it (or the manual entry's)")
    status: Literal["fresh", "stale", "needs_review"]
    qualified: bool | None = Field(description="合格: False when vetoed (stale), None when it needs review")
    source: Literal["live", "snapshot", "manual"]
    state: str = Field(description="what the page showed: posts, login_wall, captcha, deleted, no_posts, unknown…")
    reason: str = Field("", description="why it is stale or needs review, in zh-CN")
    captured_at: datetime | None = None
    reference_time: datetime | None = Field(None, description="what relative times were resolved against")
    finding: str | None = Field(None, description="id of its finding, if any")


class QualifiedRate(_Model):
    """合格率 = accounts 合格 ÷ accounts judged (those needing review are left out and counted apart)."""

    qualified: int
    judged: int
    needs_review: int
    rate_pct: str | None = Field(description="one decimal, ROUND_HALF_UP, e.g. 74.3; None when nothing was judged")


class RunStats(_Model):
    pages_rendered: int = 0
    pages_fetched: int = 0
    duration_s: float = 0.0


class Bundle(_Model):
    schema_version: str = SCHEMA_VERSION
    auditor_version: str
    site: SiteInfo
    as_of: date = Field(description="monitoring point T")
    started_at: datetime
    finished_at: datetime
    requested_url: str
    final_url: str | None = None
    verdict: Verdict
    columns: list[ColumnResult] = Field(default_factory=list)
    guides: list[GuideResult] = Field(default_factory=list)
    interpretations: list[InterpretationResult] = Field(default_factory=list)
    accounts: list[AccountResult] = Field(default_factory=list, description="new-media accounts (kind newmedia)")
    sample: SampleFacts | None = Field(None, description="how the accounts were sampled (--sample), to draw it again")
    accounts_rate: QualifiedRate | None = Field(None, description="the accounts' 合格率 (kind newmedia)")
    findings: list[Finding] = Field(default_factory=list)
    rules: dict[str, RuleSummary] = Field(default_factory=dict, description="finding code -> the rule's outcome")
    errors: list[ErrorRecord] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    settings: dict[str, Any] = Field(default_factory=dict, description="thresholds and windows used")
    stats: RunStats = Field(default_factory=RunStats)
    artifacts: str = Field("artifacts.json", description="gathered facts, for offline re-judging")
