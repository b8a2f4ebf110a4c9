"""Find a column's list in a page and read its rows (title, link, publication date).

`extract_list(html, url, as_of=…)` is pure: it works the same on a rendered DOM snapshot, on a page fetched
over HTTP and on HTML saved in a bundle.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal
from urllib.parse import urlsplit

from lxml.cssselect import CSSSelector
from lxml.etree import _Element

from auditor.extract.html import (
    SKIP_TAGS,
    canonical_url,
    class_and_id,
    clean_url,
    css_path,
    is_furniture,
    link_text,
    normalise_space,
    page_meta,
    page_title,
    parse,
    row_text,
)
from auditor.extract.rows import HEADINGS, Grid, datastore_rows, find_grids, read_row, row_groups, title_anchor
from auditor.model.artifacts import ListItem
from auditor.settings import default_indicators

# The wording knobs come from the indicator table (values.blank_placeholder_pattern, values.content_page_names);
# callers pass the run's table, these defaults are the bundled one. What the page showed is recorded either way
# (placeholder, placeholder_candidates), so the computed column status can judge it again with another table.
DEFAULT_PLACEHOLDER_PATTERN = default_indicators().blank_placeholder_pattern
DEFAULT_CONTENT_PAGE_NAMES = default_indicators().content_page_names
MAX_PLACEHOLDER_CANDIDATES = 20

# Class or id words that CMS templates give list containers; they make an empty container a blank list.
LIST_HINT = re.compile(
    r"list|news|article|items|(?:^|[-_\s])(?:lb|xxlb|wenzhang)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
# URLs of article pages as CMSs write them; a list whose links are all of the other kind is a hub of columns.
ARTICLE_URL = re.compile(
    r"(?:t\d{8}_\d+|/art/|/content[_/]|/detail|/article|/info/\d|\d{5,}\.s?html?$|/\d{6,8}/|\.s?html?\?id=)",
    re.IGNORECASE,
)
# Boxes beside a column's list (热点排行, 最新动态, 相关文章): their dated links are another column's items.
SIDE_BOX_CLASS = re.compile(
    r"rdph|rank|paihang|phb|hot|tuijian|recommend|related|xgwz|xgxx|xglj|zxgx|latest", re.IGNORECASE
)
SIDE_BOX_TITLES = re.compile(r"热点|排行|最新|热门|推荐|相关|猜你喜欢|点击排行|图片新闻")
BOX_DEPTH = 3
MAX_PLACEHOLDER_CHARS = 48  # a placeholder is a line of its own, not a sentence in an article
MAX_BOX_TITLE_CHARS = 12  # 热点排行, 最新动态: a box title is a short phrase
WORDED_MORE = re.compile(r"^(?:更多|查看更多|more)\W*$", re.IGNORECASE)
MIN_UNDATED_ROWS = 3
SITE_HOME_PATH = re.compile(r"/?(?:(?:index|default|home)\.(?:s?html?|jsp|aspx?|php))?", re.IGNORECASE)
GROUP_HEADING = re.compile(r"(?P<y>(?:19|20)\d{2})\s*(?:年|[-./])\s*(?P<m>\d{1,2})\s*月?")
YEAR_IN_TEXT = re.compile(r"(?:19|20)\d{2}")  # two undated link groups side by side are a top bar, not a list
# An article's own header line: a page that shows one is an article (a content page), whatever links it has.
ARTICLE_INFO = re.compile(r"(?:发布时间|发布日期|发文日期|发布于)\s*[:：]")
TITLE_TAGS = ("span", "div", "p", "td", "th", "b", "strong", "font")
# Widgets whose empty elements are not empty lists: players, author/editor boxes, comment areas, share bars, and
# CMS field wrappers (Drupal's "field-items" holds one field of an article, a video field when it is empty).
NON_LIST_AREA = re.compile(
    r"video|player|vjs|audio|author|editor|comment|pinglun|reply|share|fenxiang|field-item|field-name",
    re.IGNORECASE,
)
NON_LIST_DEPTH = 3
NEIGHBOUR_LINK = re.compile(r"^\W*(?:上一篇|下一篇|上一条|下一条)")
MIN_BODY_PARAGRAPH_CHARS = 30  # a sentence of an article body, not a caption or a one-line intro
MIN_BODY_CHARS = 150
# A pager's record total: 共 87 条记录, 共0条, 共 0 项, 总共 5 条, 0 条记录, 共57记录 (white space removed first).
PAGER_TOTAL = re.compile(r"(?:总?共|合计)(\d+)(?:条|项|个|篇|件)?记录|(?:总?共|合计)(\d+)(?:条|项|篇|件)|^(\d+)条记录")
MAX_HUB_TEXT_CHARS = 400  # a hub is mostly links; a page with this much running text is content
# Dates after as_of are not publication dates: a forecast (未来七天), a schedule or a 预告 lists days to come. A day
# of slack covers a snapshot taken around midnight or in another time zone than the site's.
FUTURE_MARGIN_DAYS = 1
# A year-less date (07月16日) is read as the latest such day on or before as_of, so a forecast's 07-16 becomes last
# year's: taken in as_of's year it falls within this many days after as_of, where a forecast's days fall.
NEAR_FUTURE_DAYS = 31

ListKind = Literal["list", "empty", "hub", "none"]


@dataclass
class ListExtraction:
    """What a page's list area shows."""

    kind: ListKind  # list: rows found; empty: a list area with no rows; hub: links to sub-columns; none
    items: list[ListItem] = field(default_factory=list)
    selector: str | None = None
    placeholder: str | None = None
    iframe_urls: list[str] = field(default_factory=list)
    text_chars: int = 0  # visible text outside furniture: a long text and no list is a content page
    meta: dict[str, str] = field(default_factory=dict)
    title: str = ""
    # Short stand-alone texts of a page without a dated list (暂无信息 candidates), whatever the wording table says.
    placeholder_candidates: list[str] = field(default_factory=list)
    # Why the kind is believed, in short English tags: "dated rows", "table date column: 公示日期", "pager total
    # agrees", "placeholder", "empty table with headers", "pager total 0", "empty list container", "article body",
    # "sub-column links", "content page name". A tag starting "weak:" says the evidence is thin (an undated group,
    # rows fewer than the pager says): the computed status is not to build a blank or stale finding on it alone.
    basis: list[str] = field(default_factory=list)
    # The pager's last (else next) page, when the rows run oldest first: the newest items are there, not here.
    later_page_url: str | None = None

    @property
    def dated(self) -> list[ListItem]:
        return [item for item in self.items if item.date is not None]


@dataclass
class _Candidate:
    container: _Element
    rows: list[_Element]
    items: list[ListItem]
    score: float
    grid: Grid | None = None  # a data table read by its header (its rows are not joined with sibling blocks)


def _box_of(container: _Element) -> _Element:
    """The nearest ancestor (a few levels up) that also holds a heading: the block the list sits in."""
    node = container
    for _ in range(BOX_DEPTH):
        parent = node.getparent()
        if parent is None or parent.tag == "body":
            break
        node = parent
        if any(
            len(normalise_space(el.text_content())) <= MAX_BOX_TITLE_CHARS
            for el in node.iter(*HEADINGS, "span", "div")
            if el is not container
            and container not in el.iterancestors()
            and el.find(".//a") is None
            and normalise_space(el.text_content())
        ):
            return node
    return node


def is_side_box(container: _Element, page_url: str, column_name: str) -> bool:
    """A list in a box beside the page's own list: 热点排行, a 最新动态 box with its own 更多 link, …"""
    chain = [container, *list(container.iterancestors())[:BOX_DEPTH]]
    if any(SIDE_BOX_CLASS.search(class_and_id(el)) for el in chain if isinstance(el.tag, str)):
        return True
    box = _box_of(container)
    page = canonical_url(page_url)
    # A card's own 查看更多 (read more) links the article its title links: it is the row's link, not the box's.
    titled = {
        canonical_url(target)
        for row in row_groups(container)
        if (anchor := title_anchor(row)) is not None and (target := clean_url(anchor.get("href"), page_url))
    }
    for anchor in box.iter("a"):
        # Worded 更多 links only: a bare » or >> is as often the pager's "next page" as a block's more-link.
        target = clean_url(anchor.get("href"), page_url) if WORDED_MORE.match(link_text(anchor)) else None
        if target is not None and canonical_url(target) != page and canonical_url(target) not in titled:
            return True  # a block with its own 更多 link is another column's preview
    titles: list[tuple[_Element, str]] = []
    for element in box.iter(*HEADINGS, *TITLE_TAGS):
        if element is container or element.find(".//a") is not None:
            continue
        if any(ancestor.tag in {"a", "li"} for ancestor in element.iterancestors()):
            continue  # text inside a row (a card's heading) is an item, not the box's title
        if _in_data_row(element, container):
            continue  # a cell of the list's own table rows (未按规定公示相关信息) is an item's data
        title = normalise_space(element.text_content())
        if 2 <= len(title) <= MAX_BOX_TITLE_CHARS:
            titles.append((element, title))
    if column_name and any(title in column_name and container in element.iterancestors() for element, title in titles):
        # The block heads itself with the column's own name (div.col-md-9 > h3 镇村动态 + rows): it is the column's
        # list, whatever 最新发布 box stands beside it in the same row of the layout.
        return False
    # Tabs beside the tab of the page's own column (通知公告 | 图片新闻, a tab's label in its own <span>) are the
    # tab bar of this very list, not the titles of other boxes.
    own_tab_bars = [element.getparent() for element, title in titles if title in column_name]
    return any(
        SIDE_BOX_TITLES.search(title)
        and title not in column_name
        and not (column_name and column_name in title)  # the tab bar's whole text, own tab included
        and not _in_tab_bar(element, own_tab_bars)
        for element, title in titles
    )


def _in_tab_bar(element: _Element, bars: list[_Element | None]) -> bool:
    # lxml keeps one proxy per element while it is referenced, so `is` compares elements.
    parent = element.getparent()
    grandparent = parent.getparent() if parent is not None else None
    return any(node is bar for node in (parent, grandparent) if node is not None for bar in bars)


def _in_data_row(element: _Element, container: _Element) -> bool:
    """Inside a table row of three or more cells within the container: a data row, not a box's title row."""
    for ancestor in (element, *element.iterancestors()):
        if ancestor is container:
            return False
        if ancestor.tag == "tr" and sum(1 for c in ancestor if c.tag in {"td", "th"}) >= 3:
            return container in ancestor.iterancestors()
    return False


def _days_to_come(items: list[ListItem], as_of: date) -> bool:
    """Most of the group's dates lie after as_of: a forecast, a schedule or an agenda, not published items.

    An explicit date after as_of (beyond a day of slack) is a day to come. A year-less date was read as last year's
    (the latest such day on or before as_of); it is a day to come when, taken in as_of's year, it falls within a
    month after as_of AND the group's year-less days run forward: a forecast runs 07-15, 07-16, 07-17 …, while a
    stale list whose year-less dates are eleven months old runs newest first, backwards."""
    dated = [(item.date, item.date_text or "") for item in items if item.date is not None]
    if len(dated) < 2:
        return False
    limit = as_of + timedelta(days=FUTURE_MARGIN_DAYS)
    later = 0
    yearless: list[date] = []
    for day, text in dated:
        if YEAR_IN_TEXT.search(text):
            later += day > limit
            continue
        try:
            this_year = day.replace(year=as_of.year)
        except ValueError:  # 02-29 in a common year
            continue
        yearless.append(this_year)
        later += limit < this_year <= as_of + timedelta(days=NEAR_FUTURE_DAYS)
    forward = len(yearless) < 2 or all(a < b for a, b in itertools.pairwise(yearless))
    return later * 2 > len(dated) and forward


def list_candidates(root: _Element, base_url: str, *, as_of: date, column_name: str | None = None) -> list[_Candidate]:
    """Every container of list rows, scored. With `column_name`, boxes beside the page's list are left out."""
    found: list[_Candidate] = []
    side_rows: set[_Element] = set()  # rows of the boxes left out as side boxes
    for container in root.iter():
        if not isinstance(container.tag, str) or container.tag in SKIP_TAGS or container.tag in {"body", "html"}:
            continue  # the page itself is never a list: its children are regions
        rows = row_groups(container)
        if not rows or is_furniture(container):
            continue
        if column_name is not None and is_side_box(container, base_url, column_name):
            side_rows.update(rows)
            continue
        if side_rows and any(node in side_rows for node in (container, *container.iterancestors())):
            # A side box's row, or a card inside it (猜你喜欢: li > div.card > a), groups its own one-row "list";
            # joined with its sibling rows it would rebuild the very box that was left out.
            continue
        items = [read_row(row, base_url, as_of=as_of) for row in rows]
        if _days_to_come(items, as_of):
            continue
        dated = sum(1 for item in items if item.date is not None)
        if dated == 0 and (len(rows) < MIN_UNDATED_ROWS or _links_to_itself(items, base_url)):
            continue  # an undated group that links to this very page is the menu of its sibling columns
        if dated == 0 and not any(item.url for item in items):
            continue  # undated rows opened only by script buttons: a toolbar or a widget, not a list
        score = len(rows) + 3 * dated + (2 if LIST_HINT.search(class_and_id(container)) else 0)
        found.append(_Candidate(container, rows, items, score))
    for grid in find_grids(root):
        # A data table read by its header (rows rendered from JSON often carry no link at all): its rows are the
        # ones under the header, dated by the column the header names as the publication date.
        if not grid.rows or grid.date_col is None or is_furniture(grid.scope):
            continue
        if column_name is not None and is_side_box(grid.scope, base_url, column_name):
            continue
        items = [read_row(row, base_url, as_of=as_of) for row in grid.rows]
        dated = sum(1 for item in items if item.date is not None)
        if dated == 0 or _days_to_come(items, as_of):
            continue  # no dates, or days to come (a forecast table: 日期 | 天气 | 气温)
        # One more than the same rows read as a plain group: the header is evidence a plain group lacks.
        score = len(grid.rows) + 3 * dated + 3
        found.append(_Candidate(grid.scope, grid.rows, items, score, grid))
    return found


def _links_to_itself(items: list[ListItem], page_url: str) -> bool:
    page = canonical_url(page_url)
    return any(item.url and canonical_url(item.url) == page for item in items)


def _looks_like_hub(items: list[ListItem], base_url: str) -> bool:
    """Undated rows whose links lead to other column pages (directories, index pages) rather than articles.

    A group that links back to the page itself is the menu of its sibling columns, not a hub of children.
    """
    host = urlsplit(base_url).netloc
    urls = [item.url for item in items if item.url]
    if len(urls) < 2 or _links_to_itself(items, base_url):
        return False
    columnish = 0
    for url in urls:
        parts = urlsplit(url)
        if parts.netloc == host and not ARTICLE_URL.search(parts.path + ("?" + parts.query if parts.query else "")):
            columnish += 1
    return columnish / len(urls) >= 0.6


@lru_cache(maxsize=8)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _short_texts(root: _Element) -> Iterator[tuple[str, _Element]]:
    """Elements whose own text is a short line of its own (a placeholder is, a sentence of an article is not)."""
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
            continue
        own = normalise_space((element.text or "") + " ".join((c.tail or "") for c in element))
        if own and len(own) <= MAX_PLACEHOLDER_CHARS and not is_furniture(element):
            yield own, element


def _placeholder(root: _Element, pattern: str) -> tuple[str, _Element] | None:
    compiled = _compiled(pattern)
    for own, element in _short_texts(root):
        squeezed = re.sub(r"\s+", "", own)  # "总共 0 条记录", "暂 无 信 息"
        if compiled.search(squeezed) is not None:
            return own, element
    return None


def _candidates(root: _Element) -> list[str]:
    seen: dict[str, None] = {}
    for own, _element in _short_texts(root):
        seen.setdefault(own)
        if len(seen) >= MAX_PLACEHOLDER_CANDIDATES:
            break
    return list(seen)


def _is_empty_list(element: _Element) -> bool:
    """No link and no text in it, header cells (<th>, <thead>) aside."""
    if element.find(".//a") is not None:
        return False
    text = normalise_space(element.text_content())
    for header in element.iter("th", "thead"):
        text = text.replace(normalise_space(header.text_content()), "", 1)
    return not text.strip()


def _not_a_list_area(element: _Element) -> bool:
    """A video player, an author/editor box, a comment area, a share bar, a CMS field wrapper: empty elements
    there are how those widgets look before a script fills them, not a list with nothing in it."""
    chain = [element, *list(element.iterancestors())[:NON_LIST_DEPTH]]
    return any(isinstance(el.tag, str) and NON_LIST_AREA.search(class_and_id(el)) for el in chain)


def _empty_container(root: _Element) -> _Element | None:
    for element in root.iter("ul", "ol", "tbody", "table", "div", "dl"):
        if (
            LIST_HINT.search(class_and_id(element))
            and _is_empty_list(element)
            and not is_furniture(element)
            and not _not_a_list_area(element)
        ):
            return element
    return None


def _own_text(element: _Element) -> str:
    return normalise_space((element.text or "") + " ".join((c.tail or "") for c in element))


def _is_site_home(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.query and bool(SITE_HOME_PATH.fullmatch(parts.path or "/"))


def _article_signals(root: _Element, list_container: _Element | None) -> list[str]:
    """What makes the page one article, outside the list candidate: a 发布时间/来源 header line, 上一篇/下一篇
    links, a body of long paragraphs. Two of the three make an article page (a content page): a list page shows
    none of them outside its list; an article page shows a related-news box or prev/next links that look like
    a short dated list."""

    def outside(element: _Element) -> bool:
        return list_container is None or (
            element is not list_container and list_container not in element.iterancestors()
        )

    signals: list[str] = []
    header = any(
        ARTICLE_INFO.search(_own_text(el)) and outside(el) and not is_furniture(el)
        for el in root.iter("div", "p", "span", "td", "li", "em", "font")
    )
    if header:
        signals.append("article header line")
    if any(NEIGHBOUR_LINK.search(row_text(el)) and el.find(".//a") is not None for el in _prev_next_blocks(root)):
        signals.append("prev/next links")
    body = 0
    for paragraph in root.iter("p"):
        text = normalise_space(paragraph.text_content())
        long_enough = len(text) >= MIN_BODY_PARAGRAPH_CHARS and (
            paragraph.find(".//a") is None or len(text) > 2 * MIN_BODY_PARAGRAPH_CHARS
        )
        if long_enough and outside(paragraph) and not is_furniture(paragraph):
            body += len(text)
    if body >= MIN_BODY_CHARS:
        signals.append("long paragraphs")
    return signals


def _prev_next_blocks(root: _Element) -> Iterator[_Element]:
    for element in root.iter("p", "div", "li", "span", "td", "a"):
        if NEIGHBOUR_LINK.match(_own_text(element)) or (
            element.tag == "a" and NEIGHBOUR_LINK.match(link_text(element))
        ):
            yield element


def _pager_total(root: _Element) -> int | None:
    """The number of records the page's pager states (共 87 条记录, 显示第 0 至 0 项结果，共 0 项, 共0条), or None.

    The largest stated total: month groups of an archive state their own counts (2021年06月 共8篇) beside the
    pager's total, so a 0 counts only when no total on the page is larger."""
    totals = [
        int(next(group for group in match.groups() if group is not None))
        for own, _element in _short_texts(root)
        if (match := PAGER_TOTAL.search(re.sub(r"\s+", "", own)))
    ]
    return max(totals, default=None)


def _empty_grid(root: _Element, placeholder_pattern: str, pager: int | None) -> Grid | None:
    """A rendered data table with its header and no data row, that says so itself: the grid's own empty element
    (td.dataTables_empty, div.x-grid-empty, .el-table__empty-text, .datagrid-empty, .ant-empty), a placeholder
    text inside it, or a pager stating 0 records. A header alone is not enough: the rows of a table rendered
    from JSON may simply not have arrived in the snapshot."""
    compiled = _compiled(placeholder_pattern)
    for grid in find_grids(root):
        if grid.rows or is_furniture(grid.scope):
            continue
        texts = [re.sub(r"\s+", "", own) for own, _el in _short_texts(grid.scope)]
        if grid.empty_marker is not None or pager == 0 or any(compiled.search(text) for text in texts):
            return grid
    return None


def _is_article(root: _Element, best: _Candidate) -> bool:
    """An <h1> and a 发布时间： line outside the undated link group: the page is one article, not a list."""
    if root.find(".//h1") is None:
        return False
    for element in root.iter("div", "p", "span", "td"):
        if ARTICLE_INFO.search(element.text or "") and best.container not in element.iterancestors():
            return not is_furniture(element)
    return False


def _continuations(container: _Element) -> list[_Element]:
    """Blocks that continue this list: same-tag, same-class siblings (TRS closes its <ul> every 5 rows), or the
    same block inside the parent's siblings (rows grouped under month headings, one <div> per month)."""
    parent = container.getparent()
    if parent is None:
        return [container]
    same = [el for el in parent if el.tag == container.tag and el.get("class") == container.get("class")]
    if len(same) > 1:
        return same
    grandparent = parent.getparent()
    # A classless <ul> inside a classed block (Drupal views: div.item-list > h3 2023年01月 + ul) repeats with its
    # block as well as a classed one does; only two classless levels say nothing about grouping.
    if grandparent is None or not (container.get("class") or parent.get("class")):
        return [container]
    blocks: list[_Element] = []
    for uncle in grandparent:
        if uncle is parent:
            blocks.append(container)
        elif uncle.tag == parent.tag and uncle.get("class") == parent.get("class"):
            blocks += [el for el in uncle if el.tag == container.tag and el.get("class") == container.get("class")]
    return blocks


def _with_sibling_blocks(best: _Candidate, url: str, *, as_of: date) -> tuple[list[ListItem], str]:
    """One list printed as several blocks: join their rows; a block without dated rows ends the join."""
    container = best.container
    if best.grid is not None:
        return best.items, css_path(container)
    # A classless <div> or <td> beside another is a page column, not a list block.
    if container.tag not in {"ul", "ol", "dl", "table", "div"} or (
        container.tag == "div" and not container.get("class")
    ):
        return best.items, css_path(container)
    blocks = _continuations(container)
    if len(blocks) < 2:
        return best.items, css_path(container)
    items: list[ListItem] = []
    for block in blocks:
        more = best.items if block is container else [read_row(r, url, as_of=as_of) for r in row_groups(block)]
        if block is not container and not any(item.date for item in more):
            return best.items, css_path(container)
        items += _with_group_year(more, block)
    common = container.getparent() if all(b.getparent() is container.getparent() for b in blocks) else None
    return items, css_path(common if common is not None else container.getparent().getparent())


def _with_group_year(items: list[ListItem], block: _Element) -> list[ListItem]:
    """Rows dated MM-DD under a month heading (2022年12月) take the heading's year: the heading says which year,
    the year inferred from as_of only guesses it."""
    heading = block.getprevious()
    match = GROUP_HEADING.search(normalise_space(heading.text_content())) if heading is not None else None
    if match is None or len(normalise_space(heading.text_content())) > MAX_BOX_TITLE_CHARS:
        return items
    year, month = int(match["y"]), int(match["m"])
    out: list[ListItem] = []
    for item in items:
        fixed = item
        if item.date is not None and item.date.month == month and not YEAR_IN_TEXT.search(item.date_text or ""):
            with contextlib.suppress(ValueError):  # 02-29 under a heading of a common year: keep what was read
                fixed = item.model_copy(update={"date": item.date.replace(year=year)})
        out.append(fixed)
    return out


def _datastore_candidate(root: _Element, base_url: str, *, as_of: date) -> _Candidate | None:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "text/xml" and "<datastore>" in (script.text or ""):
            rows = datastore_rows(script.text or "")
            if rows:
                items = [read_row(row, base_url, as_of=as_of) for row in rows]
                container = script.getparent() if script.getparent() is not None else script
                return _Candidate(container, rows, items, float(len(rows)))
    return None


# A list sorted oldest first (some CMSs and every default database order) shows its oldest items on page 1: judged
# from that page alone, a fresh column would read as stale. Such a page is weak until its later page is read.
OLDEST_FIRST_BASIS = "weak: rows run oldest first and the pager has later pages"
LAST_PAGE_TEXT = re.compile(r"^(?:尾页|末页|最后一页|最末页|last|»|>>)$", re.IGNORECASE)
NEXT_PAGE_TEXT = re.compile(r"^(?:下一页|下页|后一页|next|>|›)$", re.IGNORECASE)
MIN_ORDERED_ROWS = 3


def _oldest_first(items: list[ListItem]) -> bool:
    dates = [item.date for item in items if item.date is not None and not item.pinned]
    if len(dates) < MIN_ORDERED_ROWS:
        return False
    return all(a <= b for a, b in itertools.pairwise(dates)) and dates[0] < dates[-1]


def _later_page(root: _Element, url: str) -> str | None:
    """The pager's last page, else its next page, when it links to one (not to itself, not to a script)."""
    found: dict[str, str] = {}
    for anchor in root.iter("a"):
        text = normalise_space(anchor.text_content())
        target = clean_url(anchor.get("href"), url)
        if target is None or canonical_url(target) == canonical_url(url):
            continue
        if LAST_PAGE_TEXT.match(text):
            found.setdefault("last", target)
        elif NEXT_PAGE_TEXT.match(text):
            found.setdefault("next", target)
    return found.get("last") or found.get("next")


def _visible_chars(root: _Element) -> int:
    total = 0
    for element in root.iter("p", "td", "div", "span", "li"):
        if element.text and not is_furniture(element) and element.tag not in SKIP_TAGS:
            total += len(element.text.strip())
    return total


def extract_list(
    html: str,
    url: str,
    *,
    as_of: date,
    list_selector: str | None = None,
    item_selector: str | None = None,
    date_selector: str | None = None,
    placeholder_pattern: str = DEFAULT_PLACEHOLDER_PATTERN,
    content_page_names: tuple[str, ...] = DEFAULT_CONTENT_PAGE_NAMES,
) -> ListExtraction:
    """Find the page's main list and read every row.

    With `list_selector`/`item_selector` (from the scenario) the list is taken as given; otherwise the
    container whose same-tag children carry the most titled and dated links wins. A list area that shows
    a placeholder (`placeholder_pattern`: 暂无信息) or an empty list container is `empty`; a page named like a
    single-page column (`content_page_names`) is content.
    """
    doc = parse(html)
    result = _extract(
        doc,
        url,
        as_of=as_of,
        list_selector=list_selector,
        item_selector=item_selector,
        date_selector=date_selector,
        placeholder_pattern=placeholder_pattern,
        content_page_names=content_page_names,
    )
    result.meta = page_meta(doc)
    result.title = page_title(doc)
    if result.kind == "list" and _oldest_first(result.items):
        body = doc.find("body")
        result.later_page_url = _later_page(body if body is not None else doc, url)
        if result.later_page_url is not None:
            result.basis.append(OLDEST_FIRST_BASIS)
    if not result.dated:
        body = doc.find("body")
        result.placeholder_candidates = _candidates(body if body is not None else doc)
    return result


def _extract(
    doc: _Element,
    url: str,
    *,
    as_of: date,
    list_selector: str | None,
    item_selector: str | None,
    date_selector: str | None,
    placeholder_pattern: str,
    content_page_names: tuple[str, ...],
) -> ListExtraction:
    body = doc.find("body")
    root = body if body is not None else doc
    iframes = [
        u
        for frame in root.iter("iframe")
        if not is_furniture(frame) and (u := clean_url(frame.get("src"), url)) is not None
    ]
    date_css = CSSSelector(date_selector) if date_selector else None
    if list_selector or item_selector:
        containers = CSSSelector(list_selector)(root) if list_selector else [root]
        if containers:
            container = containers[0]
            rows = CSSSelector(item_selector)(container) if item_selector else row_groups(container)
            items = [read_row(row, url, as_of=as_of, date_selector=date_css) for row in rows]
            kind: ListKind = "list" if items else "empty"
            # The scenario names the list; an empty match may also be a list its script has not drawn yet.
            basis = ["scenario selector"] if items else ["weak: scenario selector matched no rows"]
            return ListExtraction(kind, items, css_path(container), iframe_urls=iframes, basis=basis)
    meta = page_meta(doc)
    column_name = meta.get("ColumnName") or page_title(doc).split("_")[0].split("-")[0]
    candidates = list_candidates(root, url, as_of=as_of, column_name=column_name)
    best = max(candidates, key=lambda c: c.score, default=None)
    if best is None or not any(i.date for i in best.items):
        # Rows a Hanweb page has not drawn yet (static HTML): they are the column's first page.
        best = _datastore_candidate(root, url, as_of=as_of) or best
    placeholder = _placeholder(root, placeholder_pattern)
    chars = _visible_chars(root)
    dated = best is not None and any(i.date for i in best.items)
    article = _article_signals(root, best.container if best is not None and dated else None)
    if len(article) >= 2:
        # One article (a 发布时间 line, 上一篇/下一篇, a body): its related-news box or prev/next links are not
        # the column's list, and an empty element in it (a player, a comment list) is not a blank column.
        return ListExtraction("none", [], None, None, iframes, chars, basis=["article body", *article])
    if _is_site_home(url):
        # A site's home page (a column link that leads to another site, 县科协 from the government portal): its
        # preview boxes and entry tiles belong to that site's columns, none of them is this column's list.
        return ListExtraction("none", [], None, None, iframes, chars, basis=["site home page"])
    pager = _pager_total(root)
    if best is not None and dated:
        items, selector = _with_sibling_blocks(best, url, as_of=as_of)
        grid = best.grid
        basis = [f"table date column: {grid.headers[grid.date_col]}"] if grid and grid.date_col is not None else []
        basis.append("dated rows")
        if pager is not None and pager > 0:
            basis.append("pager total agrees" if pager >= len(items) else "weak: pager total below the rows")
        return ListExtraction("list", items, selector, iframe_urls=iframes, text_chars=chars, basis=basis)
    if placeholder is not None:
        marker, element = placeholder
        basis = ["placeholder"] + (["pager total 0"] if pager == 0 else [])
        return ListExtraction("empty", [], css_path(element), marker, iframes, chars, basis=basis)
    if (grid := _empty_grid(root, placeholder_pattern, pager)) is not None:
        basis = ["empty table with headers"] + (["pager total 0"] if pager == 0 else [])
        return ListExtraction("empty", [], css_path(grid.scope), None, iframes, chars, basis=basis)
    if pager == 0 and not iframes:
        return ListExtraction("empty", [], None, None, iframes, chars, basis=["pager total 0"])
    if (empty := _empty_container(root)) is not None and not iframes:
        return ListExtraction("empty", [], css_path(empty), None, iframes, chars, basis=["empty list container"])
    if best is not None:
        kind = "hub" if _looks_like_hub(best.items, url) else "list"
        single_page = any(name in column_name for name in content_page_names) or _is_article(root, best)
        if (kind == "hub" and chars >= MAX_HUB_TEXT_CHARS) or single_page:
            # Running text with a menu of sub-pages beside it (区情概况, 机构职能), or a single-page column
            # (领导之窗: leader cards linking to profiles), is a content page, not a list or a hub.
            reason = "content page name" if single_page and not _is_article(root, best) else "running text"
            return ListExtraction("none", [], None, None, iframes, chars, basis=[reason])
        basis = ["sub-column links"] if kind == "hub" else ["weak: undated rows"]
        return ListExtraction(
            kind, best.items, css_path(best.container), iframe_urls=iframes, text_chars=chars, basis=basis
        )
    return ListExtraction("none", [], None, None, iframes, chars, basis=["no list found"])
