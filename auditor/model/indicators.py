"""The shape of the indicator table (auditor/settings/indicators.toml): windows, classes, vetoes, wording.

These are contracts only. The values live in the data file, each with its status (confirmed / unconfirmed
against ../shared/reference/indicators.md) and a note, so that a province's own windows or a corrected
threshold is one edit in one place, or a `--settings FILE` for one run.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


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


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Window(_Frozen):
    """A window of N units that ends on the monitoring point T, inclusive."""

    amount: int = Field(ge=1)
    unit: Literal["days", "months", "years"]

    @property
    def label_zh(self) -> str:
        names = {"days": "天", "months": "个月", "years": "年"}
        if self.unit == "days" and self.amount % 7 == 0:
            return f"{self.amount // 7}周"
        return f"{self.amount}{names[self.unit]}"


class Sourced(_Frozen):
    """Every row of the table says whether it is confirmed, and where it comes from."""

    status: Status
    note: str


class ColumnClassRule(Sourced):
    name_zh: str
    window: Window | None = None
    keywords: tuple[str, ...]
    # Feeds 栏目不更新 ① (≥5 stale news + first-level notice/policy) at these levels; None = never.
    news_notice_levels: tuple[int, ...] | None = None
    feeds_should_update: bool  # 栏目不更新 ② (≥10)


class VerdictRow(Sourced):
    """A site-level rule's data: how many counted findings trigger it and how the notice words it."""

    threshold: int = Field(ge=1)
    wording_zh: str


class ValueRow(Sourced):
    """One value (a number, a pattern, a word list) with its status."""

    value: Any


class RuleRow(Sourced):
    """An indicator rule's own threshold (a window, a count, a pattern), as the rule file declares it."""

    threshold: Any = None


class ScoreRow(Sourced):
    """One indicator of the 100-point deduction table: its weight, and what each finding of a code deducts.

    The deductions of one indicator never exceed its weight ("单项指标扣分之和不超过本项指标总分值", confirmed [S1]).
    """

    name_zh: str
    weight: float = Field(gt=0, le=100)
    deductions: dict[str, float] = Field(description="finding code -> points per deduction-level finding")
