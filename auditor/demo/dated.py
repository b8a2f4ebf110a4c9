"""Dated rows for the small demo sites (department.py, credit.py): fixed day offsets back from T, fixed titles.

Pure: a row's day is as_of - offset, so the labels in tests/demo_expected.py hold for any T. Article URLs follow
the TRS pattern /<column>/<yyyymm>/t<yyyymmdd>_<n>.html.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

TRS_ARTICLE = re.compile(r"^/(?P<col>[a-z]+)/(?P<ym>\d{6})/t(?P<ymd>\d{8})_(?P<n>\d+)\.html$")


@dataclass(frozen=True, slots=True)
class DatedRow:
    column: str
    n: int
    title: str
    published: datetime

    @property
    def day(self) -> date:
        return self.published.date()

    @property
    def path(self) -> str:
        return f"/{self.column}/{self.day:%Y%m}/t{self.day:%Y%m%d}_{self.n}.html"


def dated_rows(
    column: str, offsets: tuple[int, ...], titles: tuple[str, ...], base_n: int, as_of: date
) -> list[DatedRow]:
    """One row per offset, newest first (offsets must be increasing); row k gets titles[k % len(titles)]."""
    rows = []
    for k, offset in enumerate(offsets):
        n = base_n + len(offsets) - k
        stamp = datetime.combine(as_of - timedelta(days=offset), time(9 + n % 8, (n * 7) % 60))
        rows.append(DatedRow(column, n, titles[k % len(titles)], stamp))
    return rows


def find_trs_row(path: str, rows: list[DatedRow]) -> DatedRow | None:
    """The row whose article URL is `path`, or None (a stale date in the URL is a 404 like a wrong number)."""
    return next((row for row in rows if row.path == path), None)
