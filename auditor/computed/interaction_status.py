"""互动回应差 ②: each 政务咨询 board's messages judged against the 3-month reply rule (indicators.md §7).

Only messages asked in the look-back window ending on T (1 year: [T − 1 year + 1 day, T]) are judged:
- late: answered later than ask + 3 months (calendar months with month-end clamping, or 90 days: months_as);
- unanswered: shown as unanswered (a state badge) and T later than ask + 3 months;
- ok: answered on time, or not yet 3 months old;
- unknown: no reply date and no state, or a reply shown without its date.
Messages without a title or marked 无效/重复/不予受理 are not 有效 and not judged. A flagged message is `confident`
when its ask date came from a labelled cell or field (留言时间) with its year, and its reply from a labelled date
(回复时间) or its unanswered state from a shown badge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from auditor.computed import computed
from auditor.model.artifacts import BoardFacts, BoardMessage, SiteArtifacts
from auditor.model.indicators import Window
from auditor.settings import IndicatorSettings
from auditor.windows import MonthsAs, _minus_months, window_start

NAME = "interaction_status"
MessageVerdict = Literal["late", "unanswered", "ok", "unknown", "outside", "invalid"]
BoardStatus = Literal["flagged", "ok", "not_observable", "not_read", "excluded"]


def reply_deadline(asked: date, limit: Window, months_as: MonthsAs = "calendar") -> date:
    """The last day a reply is on time: ask + N months (clamped at month ends), or + N×30 days."""
    if limit.unit == "days":
        return asked + timedelta(days=limit.amount)
    months = limit.amount * (12 if limit.unit == "years" else 1)
    if months_as == "days":
        return asked + timedelta(days=30 * months if limit.unit == "months" else 365 * limit.amount)
    return _minus_months(asked, -months)


@dataclass(frozen=True)
class JudgedMessage:
    message: BoardMessage
    verdict: MessageVerdict
    deadline: date | None = None
    days: int | None = None  # ask → reply (late) or ask → T (unanswered)
    confident: bool = False


@dataclass(frozen=True)
class JudgedBoard:
    facts: BoardFacts
    status: BoardStatus
    reason_zh: str | None = None
    messages: tuple[JudgedMessage, ...] = field(default_factory=tuple)

    @property
    def flagged(self) -> list[JudgedMessage]:
        return [m for m in self.messages if m.verdict in {"late", "unanswered"}]


def judge_message(
    message: BoardMessage, as_of: date, start: date, limit: Window, settings: IndicatorSettings
) -> JudgedMessage:
    invalid = tuple(settings.value("board_invalid_words"))
    shown = f"{message.title} {message.state_text or ''}"
    if not message.title.strip() or any(w in shown for w in invalid):
        return JudgedMessage(message, "invalid")
    if message.asked is None or not start <= message.asked <= as_of:
        return JudgedMessage(message, "outside" if message.asked is not None else "unknown")
    deadline = reply_deadline(message.asked, limit, settings.months_as)
    asked_ok = message.asked_label is not None and not message.year_inferred
    if message.answered is not None:
        if message.answered < message.asked:
            return JudgedMessage(message, "unknown", deadline)
        if message.answered > deadline:
            days = (message.answered - message.asked).days
            return JudgedMessage(message, "late", deadline, days, asked_ok and message.answered_label is not None)
        return JudgedMessage(message, "ok", deadline, (message.answered - message.asked).days, asked_ok)
    if message.replied is False:
        if as_of > deadline:
            days = (as_of - message.asked).days
            return JudgedMessage(message, "unanswered", deadline, days, asked_ok and bool(message.state_text))
        return JudgedMessage(message, "ok", deadline)
    if as_of <= deadline:
        return JudgedMessage(message, "ok", deadline)  # not 3 months old: on time whatever happens
    return JudgedMessage(message, "unknown", deadline)


def judge_board(board: BoardFacts, as_of: date, settings: IndicatorSettings) -> JudgedBoard:
    if board.kind == "excluded":
        return JudgedBoard(board, "excluded", "在线访谈、调查征集、网上信访、纪检举报类栏目不在检查范围")
    if board.skipped:
        return JudgedBoard(board, "not_read", f"未读取:{board.skipped}")
    if board.page is not None and board.page.kind == "error":
        return JudgedBoard(board, "not_read", f"留言列表无法读取({board.page.error})")
    lookback = Window.model_validate(settings.value("interaction_lookback"))
    limit = Window.model_validate(settings.value("interaction_reply_limit"))
    start = window_start(as_of, lookback, months_as=settings.months_as)
    judged = tuple(judge_message(m, as_of, start, limit, settings) for m in board.messages)
    if any(m.verdict in {"late", "unanswered"} for m in judged):
        return JudgedBoard(board, "flagged", None, judged)
    in_window = [m for m in judged if m.verdict in {"ok", "unknown"} and m.message.asked is not None]
    if not board.messages:
        return JudgedBoard(board, "not_observable", "未读到留言列表(无留言时间与回复信息)", judged)
    if not in_window:
        return JudgedBoard(board, "not_observable", "监测时间点前1年内未读到带留言时间的有效留言", judged)
    if all(m.verdict == "unknown" for m in in_window):
        return JudgedBoard(board, "not_observable", "留言未显示回复时间或办理状态,无法判断是否超期", judged)
    reason = None
    if not any(m.message.replied is False for m in judged):
        reason = "栏目仅公开已回复留言,未回复留言无法观察"
    unknown = sum(1 for m in in_window if m.verdict == "unknown")
    if unknown:
        reason = (reason + ";" if reason else "") + f"{unknown}条留言的回复时间未能读取"
    return JudgedBoard(board, "ok", reason, judged)


@computed(NAME, requires=("interaction",))
def compute(artifacts: SiteArtifacts, as_of: date, settings: IndicatorSettings) -> tuple[JudgedBoard, ...]:
    boards = artifacts.interaction.boards if artifacts.interaction is not None else []
    return tuple(judge_board(board, as_of, settings) for board in boards)
