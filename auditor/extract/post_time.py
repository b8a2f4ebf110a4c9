"""Post times as new-media platforms show them, resolved to the calendar dates (Shanghai) they can mean.

Platforms print a post's time relative to when the page is seen: 刚刚, 5分钟前, 3小时前, 今天 10:20, 昨天 18:02, 前天,
3天前, 2周前, 03-19 (this year), 2020-12-30 (older). Each text is resolved against a reference time: when the page
was captured, or the time an archived or mirrored page declares it was taken. The answer is an interval of dates
(`earliest`..`latest`): exact texts give one date, coarse ones (2周前: 14–20 days ago; 1个月前) a span, so that a
rule can tell "certainly before the window" from "maybe inside it" and never call an account stale on a guess.

A year-less date is in the reference's year unless that would put it after the reference day (a post from
12-30 seen on 01-03 is from last year). Counts, view numbers and labels (阅读 1.2万, 10万+, 置顶, 第3期, 2021年工作报告)
are not times: the parser looks for a time form, not for any digits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")  # auditor.windows holds the same; extract may not import it (layers)

# Months and years of "N个月前" / "N年前" as days: platforms round, and a span is what the rule needs anyway.
DAYS_PER_MONTH = 30
DAYS_PER_YEAR = 365
_MAX_AGO = 100  # "300天前" is not a post time a platform prints; more likely a count


@dataclass(frozen=True, slots=True)
class PostTime:
    earliest: date
    latest: date
    form: str  # which form was read: absolute, month_day, today, yesterday, ago_minutes, ago_weeks, …

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest


_SEP = r"\s*[-/.]\s*"
_CLOCK = r"(?:\s*(?:[01]?\d|2[0-3])\s*[:：]\s*[0-5]\d(?:\s*[:：]\s*[0-5]\d)?)"
# A date is not glued to other digits (an id, a phone number 021-12345678).
_ABSOLUTE = re.compile(
    rf"(?<![0-9])(?P<y>(?:19|20)\d\d)(?:{_SEP}|\s*年\s*)(?P<m>\d{{1,2}})(?:{_SEP}|\s*月\s*)(?P<d>\d{{1,2}})"
    rf"(?:\s*日)?(?![0-9])"
)
_MONTH_DAY_CN = re.compile(r"(?<![0-9年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日(?!\s*[-至到~])")
# 03-19 / 3-19 10:20 / 03/19: only with a clock after it or alone in the text, so that 3-2 in a title is not a date.
_MONTH_DAY_DASH = re.compile(
    rf"(?<![0-9.:/\-])(?P<m>\d{{1,2}})\s*[-/]\s*(?P<d>\d{{1,2}})(?![0-9/\-])(?P<clock>{_CLOCK})?"
)
# Weibo writes earlier years' posts as 21-3-19 10:20 (two-digit year).
_SHORT_YEAR = re.compile(
    rf"(?<![0-9.:/\-])(?P<y>\d\d)-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?![0-9/\-])(?P<clock>{_CLOCK})?"
)
# View, play and like counts beside a time (3.2w播放 · 03-19; 阅读 1.2万) are not part of it.
_COUNT = re.compile(
    r"(?:阅读|播放|观看|点赞|评论|转发|赞)?\s*\d+(?:\.\d+)?\s*[wW万千kK]?\+?\s*(?:次)?(?:播放|阅读|观看|点赞|评论|转发|赞)?"
)
_COUNT_WORD = re.compile(r"播放|阅读|观看|点赞|评论|转发|赞|[wW万千kK]")
_TODAY = re.compile(rf"今天{_CLOCK}?")
_YESTERDAY = re.compile(rf"昨天{_CLOCK}?")
_DAY_BEFORE = re.compile(rf"前天{_CLOCK}?")
_JUST_NOW = re.compile(r"刚刚")
_AGO = re.compile(r"(?<![0-9.])(?P<n>\d{1,3})\s*(?P<unit>秒|分钟|分|小时|个小时|天|日|周|星期|个月|月|年)\s*前")
_HALF_HOUR_AGO = re.compile(r"半\s*(?:个)?\s*小时前")
_BARE_CLOCK = re.compile(r"^(?:[01]?\d|2[0-3])\s*[:：]\s*[0-5]\d(?:\s*[:：]\s*[0-5]\d)?$")


def _normalise(text: str) -> str:
    # Full-width digits and punctuation (２０２１－０３－１９) read as ASCII; runs of space as one.
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _local(reference: datetime) -> datetime:
    if reference.tzinfo is None:
        return reference.replace(tzinfo=SHANGHAI)
    return reference.astimezone(SHANGHAI)


def _one(day: date, form: str) -> PostTime:
    return PostTime(day, day, form)


def _year_less(month: int, day: int, today: date) -> date | None:
    this_year = _date(today.year, month, day)
    if this_year is not None and this_year <= today:
        return this_year
    # After the reference day (or 02-29 in a common year): last year's.
    return _date(today.year - 1, month, day)


def _ago(count: int, unit: str, now: datetime) -> PostTime | None:
    today = now.date()
    if unit in {"秒", "分钟", "分", "小时", "个小时"}:
        seconds = {"秒": 1, "分钟": 60, "分": 60, "小时": 3600, "个小时": 3600}[unit]
        if unit in {"小时", "个小时"} and count >= 24:
            return None
        return _one((now - timedelta(seconds=count * seconds)).date(), f"ago_{unit}")
    if count > _MAX_AGO and unit in {"天", "日"}:
        return None
    if unit in {"天", "日"}:
        return _one(today - timedelta(days=count), "ago_days")
    span = {"周": 7, "星期": 7, "个月": DAYS_PER_MONTH, "月": DAYS_PER_MONTH, "年": DAYS_PER_YEAR}[unit]
    # "2周前": at least 2 and less than 3 weeks ago.
    return PostTime(today - timedelta(days=span * (count + 1) - 1), today - timedelta(days=span * count), f"ago_{unit}")


def _alone(norm: str, match: re.Match[str]) -> bool:
    """No other number beside the match but view/play counts (3.2w播放 · 03-19)."""
    rest = norm[: match.start()] + " " + norm[match.end() :]
    rest = _COUNT.sub(lambda m: "" if _COUNT_WORD.search(m.group()) else m.group(), rest)
    return not re.search(r"[0-9]", rest)


def parse_post_time(text: str, reference: datetime) -> PostTime | None:
    """The dates `text` can mean, seen at `reference` (aware; naive is taken as Shanghai); None if no time."""
    if not text:
        return None
    norm = _normalise(text)[:200]
    now = _local(reference)
    today = now.date()
    if match := _ABSOLUTE.search(norm):
        day = _date(int(match["y"]), int(match["m"]), int(match["d"]))
        return _one(day, "absolute") if day else None
    if _JUST_NOW.search(norm):
        return _one(today, "just_now")
    if _HALF_HOUR_AGO.search(norm):
        return _one((now - timedelta(minutes=30)).date(), "ago_分钟")
    if match := _AGO.search(norm):
        return _ago(int(match["n"]), match["unit"], now)
    if _TODAY.search(norm):
        return _one(today, "today")
    if _YESTERDAY.search(norm):
        return _one(today - timedelta(days=1), "yesterday")
    if _DAY_BEFORE.search(norm):
        return _one(today - timedelta(days=2), "day_before")
    if match := _MONTH_DAY_CN.search(norm):
        day = _year_less(int(match["m"]), int(match["d"]), today)
        return _one(day, "month_day") if day else None
    if (match := _SHORT_YEAR.search(norm)) and (match["clock"] or _alone(norm, match)):
        day = _date(2000 + int(match["y"]), int(match["m"]), int(match["d"]))
        if day is not None and day <= today:
            return _one(day, "absolute")
    for match in _MONTH_DAY_DASH.finditer(norm):
        # Alone ("03-19") or with its clock ("3-19 10:20"), else it is a score, a range or an issue number.
        if match["clock"] or _alone(norm, match):
            day = _year_less(int(match["m"]), int(match["d"]), today)
            if day is not None:
                return _one(day, "month_day")
    if _BARE_CLOCK.match(norm):
        # Weibo and others show a bare HH:MM for today's posts.
        return _one(today, "today")
    return None


_TIME_ONLY = re.compile(
    rf"^(?:发布于|编辑于|更新于|发表于)?\s*(?:"
    rf"刚刚|半\s*(?:个)?\s*小时前|\d{{1,3}}\s*(?:秒|分钟|分|小时|个小时|天|日|周|星期|个月|月|年)\s*前"
    rf"|(?:今天|昨天|前天){_CLOCK}?"
    rf"|(?:(?:19|20)?\d\d\s*[-/.年]\s*)?\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}\s*日?{_CLOCK}?"
    rf")\s*(?:发布|更新|发表)?$"
)


def is_time_only(text: str) -> bool:
    """The whole text is one post time as platforms print it (3天前, 昨天 18:02, 03-19, 2021-03-19 10:20), nothing
    more: what a card's time label looks like when the adapter's selector did not find it. A title that starts
    with a date ("3月5日 青溪区召开…") is not, nor a bare 03:25 (a video's duration looks the same)."""
    norm = _normalise(text)
    return 0 < len(norm) <= 24 and bool(_TIME_ONLY.match(norm))
