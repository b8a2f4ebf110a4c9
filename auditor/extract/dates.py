"""Chinese dates in government-site text: parse values, find candidates, pick a publication date.

Pure and stdlib-only, so the same rules run on a live DOM, on saved pages and on the eval set
(tests/eval/dates_cases.jsonl). Matching runs on a copy of the text whose full-width ASCII and odd spaces
are mapped 1:1 onto ASCII, so every offset found there is an offset into the caller's text.

Choosing a publication date goes by tiers, first hit wins:
- list row: a 发布-type label (发布时间, 发布日期, 发文日期, 发布于…) > a bare 日期/时间 label > the LAST
  unlabelled standalone date, own-line ones first (CMS rows end with their date) > 更新时间 > the latest
  document date;
- article page: a 发布-type label anywhere (the first) > the FIRST of {日期/时间, 更新时间, unlabelled
  standalone} in the head (HEAD_CHARS) > the latest document date.
"Standalone": alone on its line, or set off by spaces, brackets or separators, or labelled. Document dates
(成文日期, 印发日期, 访谈时间, 来信/回复时间) are returned only when nothing better is shown: a row that shows
only its 成文日期 is dated by it rather than undated, and a page is published no earlier than the latest.
Never chosen: dates with an event/validity label (有效期至, 截止, 会议时间, 实施日期, 今天是…, and any other
"X时间/X日期"), dates followed by 起施行/前/截止…, parts of a range (A至B is a period, not a publication),
dates glued into running text (关于2021年4月10日举办…), dates from the first copyright/ICP footer line
on, and dates on 上一篇/下一篇 lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

# Full-width ASCII (０-９, －, ／, ：, （）) and ideographic / no-break spaces, mapped one char to one char.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}
_CST = timezone(timedelta(hours=8))  # calendar dates are Asia/Shanghai dates

_S = r"[ \t]*"  # spaces inside a date ("2021 年 3 月 15 日", "2021 - 03 - 15"), never a line break
_YEAR = r"(?:19|20)\d{2}"
_CLOCK = r"(?P<hh>\d{1,2}):(?P<mi>\d{2})(?::(?P<ss>\d{2})(?:\.\d+)?)?"
_TZ = r"(?P<tz>Z|[ \t]?[+-]\d{2}:?\d{2})"
_CN_DIGITS = "〇零○O一二三四五六七八九"
_CN_NUMBER = "[一二三四五六七八九十]"
_CN_VALUES = {"〇": 0, "零": 0, "○": 0, "O": 0} | {ch: i for i, ch in enumerate("一二三四五六七八九", 1)}
_CN_TIME = r"(?:[ \t]*\d{1,2}(?::\d{2}(?::\d{2})?|时(?:\d{1,2}分)?)(?![\d:]))?"

# 2021-03-15, 2021/3/15, 2021.03.15, with an optional time and zone. Not after a letter, digit or dot (ids,
# versions, t20210315), not before more digits or "-1"/".3" (file numbers, IPs), so only the date is taken.
YMD_PATTERN = re.compile(
    rf"(?<![0-9A-Za-z_.])(?P<y>{_YEAR}){_S}(?P<sep>[-/.]){_S}(?P<m>\d{{1,2}}){_S}(?P=sep){_S}(?P<d>\d{{1,2}})"
    rf"(?:(?:T|[ \t]+){_CLOCK}(?![\d:]){_TZ}?)?(?![0-9A-Za-z%]|(?P=sep)\d{{1,3}}(?!\d))"
)
# 2021年3月15日, 二〇二一年三月十五日, with an optional 10:30 / 10时30分.
CJK_YMD_PATTERN = re.compile(
    rf"(?<!\d)(?P<y>{_YEAR}|[{_CN_DIGITS}]{{4}}){_S}年{_S}(?P<m>\d{{1,2}}|{_CN_NUMBER}{{1,2}}){_S}月{_S}"
    rf"(?P<d>\d{{1,2}}|{_CN_NUMBER}{{1,3}}){_S}[日号]{_CN_TIME}"
)
# 03-15 (two digits each: "3-5人" and "12-15岁" are counts); not glued to words or more numbers, and not
# the "30-11" inside a time range "10:30-11:30".
MD_PATTERN = re.compile(
    # MM-DD, and MM/DD as some CMS list templates print it; two digits each, so fractions stay out.
    rf"(?<![0-9A-Za-z_./\-])(?<!\d:)(?P<m>\d{{2}})[-/](?P<d>\d{{2}})(?:[ \t]+{_CLOCK}(?![\d:]))?"
    r"(?![0-9A-Za-z_%./:\-]|(?![至到])[\u4e00-\u9fff])"
)
CJK_MD_PATTERN = re.compile(
    rf"(?<![0-9年])(?P<m>\d{{1,2}}|{_CN_NUMBER}{{1,2}}){_S}月{_S}(?P<d>\d{{1,2}}|{_CN_NUMBER}{{1,3}}){_S}[日号]{_CN_TIME}"
)
# Calendar-style list dates: <span class="day">15</span><span>2021-03</span>, in either order.
SPLIT_PATTERN = re.compile(
    rf"^[ \t]*(?:(?P<d>\d{{1,2}})[ \t]*\n[ \t]*(?P<y>{_YEAR})[-/.年](?P<m>\d{{1,2}})月?"
    rf"|(?P<y2>{_YEAR})[-/.年](?P<m2>\d{{1,2}})月?[ \t]*\n[ \t]*(?P<d2>\d{{1,2}})日?)[ \t]*$",
    re.MULTILINE,
)
_TEXT_PATTERNS = (
    (YMD_PATTERN, True),
    (CJK_YMD_PATTERN, False),
    (SPLIT_PATTERN, True),
    (MD_PATTERN, True),
    (CJK_MD_PATTERN, False),
)

COMPACT_PATTERN = re.compile(rf"(?P<y>{_YEAR})(?P<m>\d{{2}})(?P<d>\d{{2}})(?:[T ]?\d{{4,6}})?")
RFC_PATTERN = re.compile(  # HTTP Last-Modified and RSS: "Mon, 15 Mar 2021 10:30:00 GMT"
    r"(?:[A-Za-z]{3},\s*)?(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3})\s+(?P<y>\d{4})"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*(?:GMT|UTC|[+-]\d{4}))?"
)
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}

# CMS article URLs: TRS /202103/t20210315_123.html; /2021-03/15/content_1.htm; /2021/03/15/…;
# Hanweb /art/2021/3/15/art_1_2.html; /20210315/…; /202103/15/…. Tried in this order.
URL_DATE_PATTERNS = (
    re.compile(rf"/t(?P<y>{_YEAR})(?P<m>\d{{2}})(?P<d>\d{{2}})_\d+"),
    re.compile(rf"/(?P<y>{_YEAR})-(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})/"),
    re.compile(rf"/(?P<y>{_YEAR})(?P<sep>[/-])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?=[/_.])"),
    re.compile(rf"/(?P<y>{_YEAR})(?P<m>\d{{2}})(?P<d>\d{{2}})/"),
    re.compile(rf"/(?P<y>{_YEAR})(?P<m>\d{{2}})/(?P<d>\d{{2}})/"),
)
_URL_PATH = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?://[^/?#]*)?(?P<path>[^?#]*)")

# Labels, by what they say about the date after them. Unknown "X时间/X日期" labels (培训时间, 开奖日期) name
# an event, so they count as NONPUB. The two-char 日期/时间/发布/更新 count only when not the tail of a
# longer word: "培训时间" is not "时间", and "区政府发布2021年…" is a title, not a 发布 label.
_ROLE_LABELS = {
    # 公示日期 is when a 信用 or 行政许可 entry was made public (公示期/公示时间 are its period: nonpub).
    "strong": "发布时间 发布日期 发布于 发布 公示日期 发文日期 发文时间 发表时间 发表日期 公开日期 公开时间 "
    "公布日期 公布时间 公告日期 上网时间 上网日期 信息时间 信息日期 录入时间 录入日期 "
    "添加时间 发稿时间 刊发时间 刊发日期",
    "generic": "日期 时间",
    "update": "更新时间 更新日期 更新 最后更新 修改时间 修改日期 维护时间",
    # 生成日期 in 信息公开目录 tables is the document's formation date: used when nothing better is shown.
    "secondary": "生成日期 成文日期 成文时间 印发日期 印发时间 签发日期 签署日期 访谈时间 访谈日期 来信时间 "
    "来信日期 留言时间 留言日期 提问时间 咨询时间 回复时间 回复日期 答复时间 答复日期 办结时间 "
    "办结日期 受理时间 受理日期",
    "nonpub": "有效期至 有效期 有效期限 有效日期 截止日期 截止时间 截止日 截止到 截止至 截止 截至 "
    "报名时间 报名日期 报名截止 活动时间 活动日期 会议时间 会议日期 举办时间 举办日期 举行时间 "
    "实施日期 实施时间 施行日期 施行时间 开标时间 开标日期 开标日 考试时间 考试日期 生效日期 "
    "生效时间 失效日期 失效时间 废止日期 更新至 统计截至 数据截至 开始时间 开始日期 结束时间 "
    "结束日期 起止时间 起止日期 开放时间 公示期 公示时间 征求意见时间 征集时间 申报时间 "
    "投标截止 开庭时间 出生日期 出生年月 今天是 今天 今日 当前日期 当前时间 现在时间 版本 版本号 "
    "到期日 到期日期 到期时间 听证时间 培训时间 直播时间 访问时间",
}
LABEL_ROLES = {label: role for role, labels in _ROLE_LABELS.items() for label in labels.split()}
_CJK = r"[\u4e00-\u9fff]"
_CONNECT = r"[ \t:为\[\]【】()]*"  # between a label and its date: "发布时间：", "[发布时间]", "有效期为"


def _spaced(label: str) -> str:
    body = "[ \t]*".join(map(re.escape, label))  # "发 布 时 间" on sites that space out labels
    return rf"(?<!{_CJK}){body}" if len(label) == 2 and LABEL_ROLES[label] != "nonpub" else body


LABEL_PATTERN = re.compile(
    rf"(?P<label>{'|'.join(_spaced(lb) for lb in sorted(LABEL_ROLES, key=len, reverse=True))}){_CONNECT}$"
)
OTHER_LABEL_PATTERN = re.compile(rf"(?P<label>{_CJK}{{1,4}}(?:时间|日期)){_CONNECT}$")
# What after an unlabelled date makes it a deadline or start, not a publication: "2021年4月1日起施行".
# "2021年3月20日 星期六 农历二月初八" is the header's today widget, not a publication.
AFTER_NONPUB = re.compile(
    r"[ \t]*(?:起|前|之前|以前|止|为止|截止|开始|施行|实施|生效|到期|结束"
    r"|(?:(?:星期|周)[一二三四五六日天][ \t]*)?农历)"
)
RANGE_GAP = re.compile(r"[ \t]*(?:至|到|~|-{1,2}|—{1,2}|–)[ \t]*")
# Page furniture. Dates from the first footer line on (copyright, ICP, 网站标识码…) belong to the site, not
# to the article or row; a date on a 上一篇/下一篇 line belongs to another article.
FOOTER_PATTERN = re.compile(r"©|copyright|版权所有|ICP备|公网安备|网站标识码|技术支持", re.IGNORECASE)
NEIGHBOUR_PATTERN = re.compile(r"[上下]一(?:篇|条)")
_OPEN, _CLOSE = "[【(〔「《<『", "]】)〕」》>』"
_SEPARATORS = "|丨·•/"  # not "，": "3月15日，区长…" opens a sentence
_RUNNING_BEFORE = "至到于止从自在及和与或为前后起截、,"  # "…延长至2021-04-30": a date inside a sentence
# What may follow a date glued to it on a header line: a weekday or the next field ("2021-03-15来源：…").
_FIELD_AFTER = re.compile(
    r"(?:星期|周|礼拜)[一二三四五六日天]|(?:信息|文章)?来源|作者|浏览|点击|阅读|访问|字号|字体|编辑"
)
HEAD_CHARS = 1500  # an article's header (title, date, source) sits in its first ~1500 visible chars


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: date  # the calendar date
    text: str  # the exact source substring that was matched
    start: int  # offset in the input text
    end: int
    year_inferred: bool  # True for MM-DD / M月D日 forms whose year was inferred
    label: str | None  # the label right before it, normalised ("发布时间", "成文日期", "有效期至") or None


@dataclass(frozen=True, slots=True)
class _Candidate:
    found: FoundDate
    role: str | None  # LABEL_ROLES value of its label, "nonpub" for a deadline marker after it, or None
    # 0: inside running text; 1: set off by spaces, brackets or separators, or labelled; 2: on its own line
    placement: int
    in_range: bool
    footer: bool


def _cn_int(digits: str) -> int:
    """12, 十五, 二十一 (months and days) or 二〇二一 (years, digit by digit); -1 when malformed."""
    if digits.isascii():
        return int(digits)
    tens, ten, ones = digits.partition("十")
    if not ten:
        return int("".join(str(_CN_VALUES[ch]) for ch in digits))
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return -1
    return (_CN_VALUES[tens] if tens else 1) * 10 + (_CN_VALUES[ones] if ones else 0)


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 2021-02-30, month 13: looks like a date, is not one
        return None


@lru_cache(maxsize=4096)
def _infer_year(month: int, day: int, as_of: date) -> date | None:
    """The latest date with this month and day on or before as_of (02-29 goes back to a leap year)."""
    if not 1 <= month <= 12:
        return None
    for year in range(as_of.year, as_of.year - 8, -1):
        found = _make_date(year, month, day)
        if found is not None and found <= as_of:
            return found
    return None


def parse_date_string(value: str) -> date | None:
    """One date value from a meta tag, attribute or JSON-LD; None when the whole value is not a date."""
    text = value.translate(_WIDTH).strip().strip(_OPEN + _CLOSE).strip()
    if match := COMPACT_PATTERN.fullmatch(text):
        return _make_date(int(match["y"]), int(match["m"]), int(match["d"]))
    if match := RFC_PATTERN.fullmatch(text):
        month = _MONTHS.get(match["mon"].lower(), 0)
        return _make_date(int(match["y"]), month, int(match["d"]))
    for pattern in (YMD_PATTERN, CJK_YMD_PATTERN):
        if (match := pattern.match(text)) and not text[match.end() :].strip():
            found = _make_date(_cn_int(match["y"]), _cn_int(match["m"]), _cn_int(match["d"]))
            if found is not None and "tz" in match.re.groupindex and match["tz"]:
                return _shanghai_date(found, match)
            return found
    return None


def _shanghai_date(day: date, match: re.Match[str]) -> date:
    """An ISO timestamp with a zone names the date in Shanghai: 2021-03-14T20:00:00Z is 03-15 there."""
    zone = match["tz"].strip()
    offset = timedelta(0)
    if zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    try:
        clock = (int(match["hh"]), int(match["mi"]), int(match["ss"] or 0))
        moment = datetime(day.year, day.month, day.day, *clock)
    except ValueError:
        return day
    return moment.replace(tzinfo=timezone(offset)).astimezone(_CST).date()


def date_from_url(url: str) -> date | None:
    """The date a CMS wrote into an article URL's path; the host, query and fragment are ignored."""
    path = _URL_PATH.match(url.strip())
    if path is None:
        return None
    for pattern in URL_DATE_PATTERNS:
        for match in pattern.finditer(path["path"]):
            if found := _make_date(int(match["y"]), int(match["m"]), int(match["d"])):
                return found
    return None


def _label_before(norm: str, line_start: int, start: int) -> str | None:
    """The label right before a date on its line, or alone on the line above ("发布日期\\n2021-03-15")."""
    low = max(line_start, start - 24)
    match = LABEL_PATTERN.search(norm, low, start) or OTHER_LABEL_PATTERN.search(norm, low, start)
    if match is None and not norm[line_start:start].strip(" \t" + _OPEN) and line_start > 0:
        prev_start = norm.rfind("\n", 0, line_start - 1) + 1
        prev = norm[prev_start : line_start - 1].strip()
        if len(prev) <= 12:  # a short title ending in 时间 is not a label unless it ends with a colon
            match = LABEL_PATTERN.fullmatch(prev) or (
                OTHER_LABEL_PATTERN.fullmatch(prev) if prev.endswith(":") else None
            )
    return re.sub(r"[ \t]", "", match["label"]) if match else None


def _placement(norm: str, line: tuple[int, int], span: tuple[int, int], *, numeric: bool) -> int:
    """2 when alone on its line (brackets aside), 1 when set off by spaces, brackets or separators, else 0."""
    before, after = norm[line[0] : span[0]], norm[span[1] : line[1]]
    left = before.rstrip(" \t").rstrip(_OPEN).rstrip(" \t")
    right = after.lstrip(" \t").lstrip(_CLOSE).lstrip(" \t")
    left_ok = not left or len(left) < len(before) or left[-1] in _SEPARATORS
    right_ok = not right or len(right) < len(after) or right[0] in _SEPARATORS or bool(_FIELD_AFTER.match(right))
    if not left_ok and numeric and not right:
        # "标题2021-03-15": a flattened <a>title<span>date</span></a>; numeric dates are not running prose.
        left_ok = left[-1] not in _RUNNING_BEFORE
    if not left and not right:
        return 2
    return int(left_ok and right_ok)


@lru_cache(maxsize=2048)
def _analyse(text: str, as_of: date) -> tuple[_Candidate, ...]:
    norm = text.translate(_WIDTH)
    spans: list[tuple[re.Match[str], bool]] = []
    taken = bytearray(len(norm))  # earlier patterns win: "2021年3月15日" is not also a "3月15日"
    for pattern, numeric in _TEXT_PATTERNS:
        for match in pattern.finditer(norm):
            if not any(taken[match.start() : match.end()]):
                taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
                spans.append((match, numeric))
    spans.sort(key=lambda item: item[0].start())
    footer_at = norm.rfind("\n", 0, hit.start()) + 1 if (hit := FOOTER_PATTERN.search(norm)) else len(norm)
    result: list[_Candidate] = []
    for match, numeric in spans:
        start, end = match.span()
        groups = {key.rstrip("2"): value for key, value in match.groupdict().items() if value is not None}
        month, day = _cn_int(groups["m"]), _cn_int(groups["d"])
        prev = result[-1] if result else None
        in_range = prev is not None and bool(RANGE_GAP.fullmatch(norm, prev.found.end, start))
        inferred = "y" not in groups
        if not inferred:
            value = _make_date(_cn_int(groups["y"]), month, day)
        elif in_range and prev is not None:  # "2021-03-15至04-15": the year is the range's
            year = prev.found.value.year + ((month, day) < (prev.found.value.month, prev.found.value.day))
            value = _make_date(year, month, day)
        else:
            value = _infer_year(month, day, as_of)
        if value is None:
            continue
        line_start = norm.rfind("\n", 0, start) + 1
        line_end = len(norm) if (nl := norm.find("\n", end)) < 0 else nl
        label = _label_before(norm, line_start, start)
        role = None if label is None else LABEL_ROLES.get(label, "nonpub")
        if in_range and prev is not None:
            label, role = prev.found.label, prev.role
            result[-1] = replace(prev, in_range=True)
        elif role != "strong" and AFTER_NONPUB.match(norm, end, line_end):
            role = "nonpub"
        found = FoundDate(value, text[start:end], start, end, inferred, label)
        placement = _placement(norm, (line_start, line_end), (start, end), numeric=numeric)
        footer = start >= footer_at or bool(NEIGHBOUR_PATTERN.search(norm, line_start, line_end))
        result.append(_Candidate(found, role, max(placement, label is not None), in_range, footer))
    return tuple(result)


def find_dates(text: str, *, as_of: date) -> list[FoundDate]:
    """Every date in the text, in order, with its label; year-less forms take the latest year <= as_of."""
    return [candidate.found for candidate in _analyse(text, as_of)]


def _usable(text: str, as_of: date) -> list[_Candidate]:
    """Candidates that may name a publication: no event labels, ranges or furniture (unless 发布-labelled)."""
    return [
        c
        for c in _analyse(text, as_of)
        if c.role != "nonpub" and (not c.in_range or c.role == "strong") and (not c.footer or c.role == "strong")
    ]


def list_item_date(text: str, *, as_of: date) -> FoundDate | None:
    """The publication date of one list row (text nodes joined by newlines)."""
    candidates = _usable(text, as_of)
    for tier in ("strong", "generic"):
        if hits := [c for c in candidates if c.role == tier]:
            return hits[0].found
    if plain := [c for c in candidates if c.role is None and c.placement]:
        # A date in its own node beats one set off inside a title; CMS rows end with the date.
        own_line = [c for c in plain if c.placement == 2]
        return (own_line or plain)[-1].found
    if update := [c for c in candidates if c.role == "update"]:
        return update[0].found  # 更新 says the row changed, a weaker claim than an unlabelled row date
    return _latest_secondary(candidates)


def detail_page_date(text: str, *, as_of: date) -> FoundDate | None:
    """The publication date of an article page from its visible text, header first."""
    candidates = _usable(text, as_of)
    if strong := [c for c in candidates if c.role == "strong"]:
        return strong[0].found
    head = [
        c
        for c in candidates
        if c.found.start < HEAD_CHARS and (c.role in {"generic", "update"} or (c.role is None and c.placement))
    ]
    return head[0].found if head else _latest_secondary(candidates)


def _latest_secondary(candidates: list[_Candidate]) -> FoundDate | None:
    """成文/印发/来信/回复 dates: a page is published no earlier than the latest of them, so take that."""
    secondary = [c.found for c in candidates if c.role == "secondary"]
    return max(secondary, key=lambda found: found.value, default=None)


# A data table's column header says what its dates are (信用 双公示, 信息公开目录, 招投标 tables rendered from
# JSON). The column a row is dated by is chosen by that label, in this order (lower first); a column whose label
# names a period, a deadline or an event (有效期自/至, 截止时间, 开标时间, 公示截止期, 公示期限, 实施日期, 合同签订
# 日期, 检查日期) is never chosen. 许可决定日期 / 处罚决定日期 are when a 双公示 entry was decided, which is when
# it is published on those tables when no 公示日期 column is shown; 批复日期 / 核准日期 are the same decision on a
# 项目审批 审批结果公示 table (the 批复 is what the row publishes).
_COLUMN_RANKS = {"strong": 0, "generic": 2, "update": 3, "secondary": 4}
_DECISION_COLUMN = re.compile(
    r"^(?:(?:许可|处罚|行政许可|行政处罚|审批|核准|备案)?决定|批准|审批|批复|核准|登记|备案)(?:日期|时间)$"
)
_HEADER_NOISE = re.compile(r"[\s:：]+|[（(][^）)]*[）)]|[▲▼↑↓⇅]+")


def table_column_rank(header: str) -> int | None:
    """How well a table column's header names a publication date (0 best), or None when it names none."""
    label = _HEADER_NOISE.sub("", header.translate(_WIDTH))
    if not label:
        return None
    if _DECISION_COLUMN.match(label):
        return 1
    role = LABEL_ROLES.get(label)
    return _COLUMN_RANKS.get(role) if role is not None else None
