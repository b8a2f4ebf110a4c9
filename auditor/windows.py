"""Monitoring windows: a window of N units ends on the monitoring point T and includes it.

The Shanghai notice defines "监测时间点前2周" for T = 2021-03-21 as 3月8日–3月21日: 14 calendar days, [T−13, T].
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from auditor.model.indicators import Window

_DAYS_PER = {"months": 30, "years": 365}
MonthsAs = Literal["calendar", "days"]  # the indicator table's values.months_as
# Dates are calendar dates in Asia/Shanghai: T, capture times and bundle timestamps all use it.
SHANGHAI = ZoneInfo("Asia/Shanghai")


def now_in_shanghai() -> datetime:
    return datetime.now(SHANGHAI)


def _minus_months(day: date, months: int) -> date:
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    # Month-end clamping: 2021-08-31 minus 6 months is 2021-02-28, not an invalid 2021-02-31.
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def window_start(as_of: date, window: Window, *, months_as: MonthsAs = "calendar") -> date:
    """First day of the window (inclusive). An item dated d is in the window when start <= d <= as_of."""
    if window.unit == "days":
        return as_of - timedelta(days=window.amount - 1)
    if months_as == "days":
        return as_of - timedelta(days=window.amount * _DAYS_PER[window.unit] - 1)
    months = window.amount * (12 if window.unit == "years" else 1)
    return _minus_months(as_of, months) + timedelta(days=1)


def in_window(day: date, as_of: date, window: Window, *, months_as: MonthsAs = "calendar") -> bool:
    return window_start(as_of, window, months_as=months_as) <= day <= as_of


def stale_on(latest: date, window: Window, *, months_as: MonthsAs = "calendar") -> date:
    """The first monitoring point at which a column whose newest item is `latest` counts as not updated."""
    # Month windows clamp at month ends, so there is no closed form; walk forward from the shortest possible
    # window length (28 days a month) instead of from `latest` itself.
    if window.unit == "days":
        return latest + timedelta(days=window.amount)
    months = window.amount * (12 if window.unit == "years" else 1)
    probe = latest + timedelta(days=28 * months if months_as == "calendar" else 1)
    while window_start(probe, window, months_as=months_as) <= latest:
        probe += timedelta(days=1)
    return probe


def cn_date(day: date) -> str:
    """2021年3月8日: the way notices write dates."""
    return f"{day.year}年{day.month}月{day.day}日"
