"""The rows of each demo column, generated from the column table for a monitoring point T.

Every random choice comes from an RNG seeded with the column id, so one T always yields the same site; only
the dates move with T. Rows are returned in the order the list page shows them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from auditor.demo import catalog
from auditor.demo import content as c

if TYPE_CHECKING:
    from auditor.demo.content import DemoColumn

ARTICLE_BASE = 1000  # article numbers look like CMS ids; older rows get smaller numbers
# The re-check round (DemoServer(rectified=True)): after the 整改通知 the portal's editors published one item in
# two of its stale news columns. Column id -> (days before T, title, source) of that item; it gets the next
# article number, so every URL of the first round answers as before and the two column_stale findings go away.
RECTIFIED_ROWS: dict[str, tuple[int, str, str]] = {
    "bmdt": (2, "区教育局召开校园安全工作推进会", "区政府办公室"),
    "gzdt": (1, "区生态环境局开展生态环境保护专项检查", "青溪区融媒体中心"),
}


@dataclass(frozen=True, slots=True)
class Row:
    n: int  # /portal/art/<column-id>/<n>.html
    title: str
    published: datetime
    pinned: bool = False
    info: str = ""  # extra text shown in the row: 文号, trap texts
    written: date | None = None  # 成文日期 on 信息公开 detail pages (older than published)
    replied: datetime | None = None  # 回复时间 of 政务咨询 letters
    source: str = ""
    views: int = 0
    href: str = ""  # an absolute URL on another host: the row is listed here but served there

    @property
    def day(self) -> date:
        return self.published.date()


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _title(col: DemoColumn, rng: random.Random, day: date, used: set[str]) -> str:
    templates = c.TITLE_TEMPLATES[col.id]
    for _ in range(200):
        text = rng.choice(templates).format(
            a=rng.choice(c.ACTIONS),
            t="{t}",
            p=rng.choice(c.PLACES),
            c=rng.choice(c.COMMUNITIES),
            d=rng.choice(c.DEPARTMENTS),
            j=rng.choice(c.PROJECTS),
            n=rng.choice(c.PEOPLE),
            i=rng.choice(c.ISSUES),
            y=day.year,
            k=rng.randint(20, 160),
        )
        text = text.replace("{t}", rng.choice(c.TOPICS))  # {a} phrases carry their own {t}
        if text not in used:
            used.add(text)
            return text
    raise RuntimeError(f"title pool of {col.id} is too small")  # pragma: no cover - pools are sized by hand


def _offsets(col: DemoColumn, rng: random.Random) -> list[int]:
    if col.id == "zcwj":
        return list(c.ZCWJ_OFFSETS)
    if col.latest_offset is None:
        return []
    offsets = [col.latest_offset]
    while len(offsets) < col.rows:
        offsets.append(offsets[-1] + rng.randint(*col.gap))
    return offsets


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 18), rng.randint(0, 59)))


@lru_cache(maxsize=256)
def column_rows(column_id: str, as_of: date, rectified: bool = False) -> tuple[Row, ...]:
    """The rows of a column's list page, in display order, for monitoring point as_of (rectified: as the re-check
    round finds it, RECTIFIED_ROWS on top)."""
    col = c.COLUMNS_BY_ID[column_id]
    rng = random.Random(f"qingxi/{col.id}")  # noqa: S311 - reproducible page content, not security
    offsets = _offsets(col, rng)
    used: set[str] = set()
    rows: list[Row] = []
    for index, offset in enumerate(offsets):
        day = as_of - timedelta(days=offset)
        rows.append(
            Row(
                n=ARTICLE_BASE + len(offsets) - index,
                title=_title(col, rng, day, used),
                published=_at(day, rng),
                info=_info(col, index, day, as_of, rng),
                written=day - timedelta(days=rng.randint(3, 12)) if col.group == "xxgk" else None,
                replied=_at(day + timedelta(days=rng.randint(2, 6)), rng) if col.id == "zxzx" else None,
                source=rng.choice(c.SOURCES),
                views=rng.randint(60, 4000),
            )
        )
    if col.id == "ywdt":
        # A 置顶 row, old but kept above the newer ones, as CMSs do with standing announcements.
        day = as_of - timedelta(days=c.PINNED_OFFSET)
        pinned = Row(ARTICLE_BASE, "青溪区政府信息公开工作年度报告发布", _at(day, rng), pinned=True, views=9876)
        rows.insert(0, pinned)
    if col.id == "tzgg":
        # A title naming a future date (T+20) on the newest row: the row's real date is its date cell.
        ahead = cn_date(as_of + timedelta(days=c.TZGG_TRAP_AHEAD))
        first = rows[0]
        rows[0] = Row(first.n, f"关于{ahead}召开全区安全生产工作会议的通知", first.published, views=first.views)
    if col.id in {"zcwj", "zcjd", "bszn"}:
        rows = _documents(col.id, rows)
    if col.id == "tpxw":
        # Picture walls are hand-ordered: the newest card sits in the middle, not first.
        newest = rows.pop(0)
        rows.insert(len(rows) // 2, newest)
    if rectified and column_id in RECTIFIED_ROWS:
        # Drawn from no RNG: the first round's rows stay exactly as they were, this one is only added on top.
        days, title, source = RECTIFIED_ROWS[column_id]
        published = datetime.combine(as_of - timedelta(days=days), time(10, 30))
        rows.insert(0, Row(ARTICLE_BASE + len(offsets) + 1, title, published, source=source, views=128))
    return tuple(rows)


def _documents(column_id: str, rows: list[Row]) -> list[Row]:
    """Put the hand-written documents of catalog.py on already dated rows (titles, 文号, the offsite guide)."""
    out = []
    for index, row in enumerate(rows):
        if column_id == "zcwj":
            policy = catalog.POLICY_AT[index]
            written = row.written or row.day
            number = f"{catalog.NUMBER_PREFIX[policy.issuer]}〔{written.year}〕{policy.number}号"
            out.append(replace(row, title=policy.title, info=number, source=policy.issuer))
        elif column_id == "zcjd":
            interp = catalog.INTERPRETATION_AT[index]
            source = catalog.POLICIES_BY_KEY[interp.policy].dept.replace("区", "青溪区", 1)
            out.append(replace(row, title=interp.title, source=source))
        elif index == catalog.OFFSITE_GUIDE_INDEX:
            out.append(replace(row, title=catalog.OFFSITE_GUIDE_TITLE, href=catalog.OFFSITE_GUIDE_URL))
        else:
            guide = catalog.GUIDE_AT[index]
            out.append(replace(row, title=guide.name, source=guide.dept))
    return out


def _info(col: DemoColumn, index: int, day: date, as_of: date, rng: random.Random) -> str:
    if col.id in {"zcwj", "ghjh"}:
        prefix = rng.choice(("青府发", "青府办发")) if col.id == "zcwj" else "青发改"
        return f"{prefix}〔{day.year}〕{rng.randint(1, 40)}号"
    if col.id == "zdxm":
        # Numbers that look like dates but are not publication dates (deadlines, validity, counters).
        traps = (
            "有效期至：2099-12-31",
            f"报名截止：{(as_of + timedelta(days=c.ZDXM_DEADLINE_AHEAD)).isoformat()}",
            "浏览次数：20210315",
            f"计划开工：{cn_date(as_of + timedelta(days=45))}",
        )
        return traps[index % len(traps)]
    return ""


def latest_row(column_id: str, as_of: date) -> Row | None:
    """The newest non-pinned row of a column (the one its expected latest date comes from)."""
    rows = [row for row in column_rows(column_id, as_of) if not row.pinned]
    return max(rows, key=lambda row: row.published, default=None)


def home_rows(column_id: str, as_of: date, *, rectified: bool = False) -> tuple[Row, ...]:
    """The newest rows a home-page block shows: pinned rows are left out, newest first."""
    col = c.COLUMNS_BY_ID[column_id]
    shown = column_rows(column_id, as_of, rectified)
    rows = sorted((r for r in shown if not r.pinned), key=lambda r: r.published)
    return tuple(reversed(rows))[: col.home_rows]


def find_row(column_id: str, n: int, as_of: date, *, rectified: bool = False) -> Row | None:
    return next((row for row in column_rows(column_id, as_of, rectified) if row.n == n), None)


def article_path(column_id: str, row: Row) -> str:
    """Where a row's link points: its article page, a guide page, or (offsite rows) the other host's URL."""
    if row.href:
        return row.href
    if column_id == "bszn":
        return f"/portal/bsfw/bszn/{row.n}.html"
    return f"/portal/art/{column_id}/{row.n}.html"


def row_at(column_id: str, index: int, as_of: date) -> Row:
    """The row at `index` of a column's list (0 = first shown)."""
    return column_rows(column_id, as_of)[index]
