from __future__ import annotations

from datetime import date, timedelta

import pytest

from auditor.model.indicators import Window
from auditor.windows import in_window, stale_on, window_start

T = date(2021, 3, 21)


def test_two_weeks_is_the_notice_window():
    # 注:监测时间点2021年3月21日,时间段为3月8日-3月21日
    assert window_start(T, Window(amount=14, unit="days")) == date(2021, 3, 8)
    assert in_window(date(2021, 3, 8), T, Window(amount=14, unit="days"))
    assert not in_window(date(2021, 3, 7), T, Window(amount=14, unit="days"))
    assert in_window(T, T, Window(amount=14, unit="days"))


@pytest.mark.parametrize(
    ("as_of", "window", "start"),
    [
        (T, Window(amount=6, unit="months"), date(2020, 9, 22)),
        (T, Window(amount=1, unit="years"), date(2020, 3, 22)),
        (T, Window(amount=2, unit="months"), date(2021, 1, 22)),
        (date(2021, 8, 31), Window(amount=6, unit="months"), date(2021, 3, 1)),  # month-end clamping
        (date(2020, 2, 29), Window(amount=1, unit="years"), date(2019, 3, 1)),
    ],
)
def test_calendar_month_windows(as_of, window, start):
    assert window_start(as_of, window) == start


def test_months_as_days_reading():
    assert window_start(T, Window(amount=6, unit="months"), months_as="days") == date(2020, 9, 23)


@pytest.mark.parametrize(
    "window", [Window(amount=14, unit="days"), Window(amount=6, unit="months"), Window(amount=1, unit="years")]
)
def test_stale_on_is_the_first_day_the_item_falls_out(window):
    latest = date(2021, 1, 31)
    first = stale_on(latest, window)
    assert in_window(latest, first - timedelta(days=1), window)
    assert not in_window(latest, first, window)
