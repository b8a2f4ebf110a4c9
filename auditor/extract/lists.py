"""Find a column's list in a page and read its rows (title, link, publication date).

`extract_list(html, url, as_of=…)` is pure: it works the same on a rendered DOM snapshot, on a page fetched
over HTTP and on HTML saved in a bundle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal
from urllib.parse import urlsplit

from lxml.cssselect import CSSSelector
from lxml.etree import _Element

from auditor.artifacts import ListItem
from auditor.extract.dates import list_item_date
from auditor.extract.html import (
    FURNITURE_CLASS,
    SKIP_TAGS,
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
from auditor.settings import BLANK_PLACEHOLDERS

ROW_TAGS = frozenset({"li", "tr", "dd", "div", "p", "article", "section", "dl"})
# Class or id words that CMS templates give list containers; they make an empty container a blank list.
LIST_HINT = re.compile(
    r"(?:^|[-_\s])(?:list|lists|news|article|articles|items|datalist|data-list|lb|xxlb|infolist|info-list|"
    r"con-list|newslist|wenzhang)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
PINNED = re.compile(r"置顶|\[顶\]|【顶】")
PINNED_CLASS = re.compile(r"(?:^|[-_\s])(?:top|zd|zhiding|ding|istop|sticky)(?:$|[-_\s])", re.IGNORECASE)
MORE_TEXT = re.compile(r"^(?:更多|查看更多|more|更多>+|more>+|>>|»|\+|更多\+|更多\s*»)$", re.IGNORECASE)
# URLs of article pages as CMSs write them; a list whose links are all of the other kind is a hub of columns.
ARTICLE_URL = re.compile(
    r"(?:t\d{8}_\d+|/art/|/content[_/]|/detail|/article|/info/\d|\d{5,}\.s?html?$|/\d{6,8}/|\.s?html?\?id=)",
    re.IGNORECASE,
)
MIN_TITLE_CHARS = 4
MAX_ROW_LINKS = 4
MAX_ROW_CHARS = 400

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

    @property
    def dated(self) -> list[ListItem]:
        return [item for item in self.items if item.date is not None]


@dataclass
class _Candidate:
    container: _Element
    rows: list[_Element]
    items: list[ListItem]
    score: float


def _title_anchor(row: _Element) -> _Element | None:
    best: _Element | None = None
    best_len = 0
    for anchor in row.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")):
            continue  # toolbar toggles (无障碍, 长者模式) and script buttons are not items
        text = link_text(anchor)
        if MORE_TEXT.match(text) or PINNED.fullmatch(text):
            continue
        if len(text) > best_len:
            best, best_len = anchor, len(text)
    return best if best_len >= MIN_TITLE_CHARS else None


def _table_headers(row: _Element) -> list[str]:
    table = next((a for a in row.iterancestors("table")), None)
    if table is None:
        return []
    for header_row in table.iter("tr"):
        cells = [c for c in header_row if isinstance(c.tag, str) and c.tag in {"th", "td"}]
        if cells and all(c.tag == "th" for c in cells):
            return [normalise_space(c.text_content()) for c in cells]
    return []


def _table_row_text(row: _Element) -> str:
    """A table row's cells, each labelled with its column header (发布日期：…, 成文日期：…, 回复时间：…).

    Tables of 信息公开 documents and message boards carry several dates per row; the header is what says
    which one is the publication date.
    """
    headers = _table_headers(row)
    cells = [c for c in row if isinstance(c.tag, str) and c.tag in {"td", "th"}]
    if not headers or len(headers) != len(cells):
        return row_text(row)
    lines = []
    for header, cell in zip(headers, cells, strict=True):
        text = row_text(cell).replace("\n", " ")
        lines.append(f"{header}：{text}" if header and text and cell.find(".//a") is None else text)
    return "\n".join(lines)


def read_row(row: _Element, base_url: str, *, as_of: date, date_selector: CSSSelector | None = None) -> ListItem:
    anchor = _title_anchor(row)
    title = link_text(anchor) if anchor is not None else normalise_space(row.text_content())[:120]
    text = _table_row_text(row) if row.tag == "tr" else row_text(row)
    if date_selector is not None and (hits := date_selector(row)):
        text = row_text(hits[0])
    found = list_item_date(text, as_of=as_of)
    pinned = bool(PINNED.search(text)) or any(
        PINNED_CLASS.search(class_and_id(el)) for el in row.iter() if isinstance(el.tag, str) and el is not row
    )
    return ListItem(
        title=title,
        url=clean_url(anchor.get("href"), base_url) if anchor is not None else None,
        date=found.value if found else None,
        date_text=found.text if found else None,
        date_source="list" if found else "none",
        pinned=pinned,
    )


def _is_row(element: _Element) -> bool:
    """A list row carries one titled link (a few more at most) and a line or two of text, not a page region."""
    if not isinstance(element.tag, str) or element.tag not in ROW_TAGS:
        return False
    if FURNITURE_CLASS.search(class_and_id(element)):
        return False
    anchors = sum(1 for _ in element.iter("a"))
    return (
        1 <= anchors <= MAX_ROW_LINKS
        and len(element.text_content()) <= MAX_ROW_CHARS
        and (_title_anchor(element) is not None)
    )


def _row_groups(container: _Element) -> list[_Element]:
    """The largest group of same-tag children that each carry a titled link."""
    groups: dict[str, list[_Element]] = {}
    for child in container:
        if _is_row(child):
            groups.setdefault(child.tag, []).append(child)
    return max(groups.values(), key=len) if groups else []


def list_candidates(root: _Element, base_url: str, *, as_of: date) -> list[_Candidate]:
    found: list[_Candidate] = []
    for container in root.iter():
        if not isinstance(container.tag, str) or container.tag in SKIP_TAGS:
            continue
        rows = _row_groups(container)
        if not rows or is_furniture(container):
            continue
        items = [read_row(row, base_url, as_of=as_of) for row in rows]
        dated = sum(1 for item in items if item.date is not None)
        if dated == 0 and len(rows) < 2:
            continue
        score = len(rows) + 3 * dated + (2 if LIST_HINT.search(class_and_id(container)) else 0)
        found.append(_Candidate(container, rows, items, score))
    return found


def _looks_like_hub(items: list[ListItem], base_url: str) -> bool:
    """Undated rows whose links lead to other column pages (directories, index pages) rather than articles."""
    host = urlsplit(base_url).netloc
    urls = [item.url for item in items if item.url]
    if len(urls) < 2:
        return False
    columnish = 0
    for url in urls:
        parts = urlsplit(url)
        if parts.netloc == host and not ARTICLE_URL.search(parts.path + ("?" + parts.query if parts.query else "")):
            columnish += 1
    return columnish / len(urls) >= 0.6


def _placeholder(root: _Element) -> tuple[str, _Element] | None:
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
            continue
        own = normalise_space((element.text or "") + " ".join((c.tail or "") for c in element))
        for marker in BLANK_PLACEHOLDERS:
            if marker in own and len(own) <= 40 + len(marker) and not is_furniture(element):
                return marker, element
    return None


def _empty_container(root: _Element) -> _Element | None:
    for element in root.iter("ul", "ol", "tbody", "table", "div", "dl"):
        if (
            LIST_HINT.search(class_and_id(element))
            and not normalise_space(element.text_content())
            and not any(isinstance(child.tag, str) and child.tag not in SKIP_TAGS for child in element)
            and not is_furniture(element)
        ):
            return element
    return None


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
) -> ListExtraction:
    """Find the page's main list and read every row.

    With `list_selector`/`item_selector` (from the scenario) the list is taken as given; otherwise the
    container whose same-tag children carry the most titled and dated links wins. A list area that shows
    a placeholder (暂无信息) or an empty list container is `empty`.
    """
    doc = parse(html)
    result = _extract(
        doc,
        url,
        as_of=as_of,
        list_selector=list_selector,
        item_selector=item_selector,
        date_selector=date_selector,
    )
    result.meta = page_meta(doc)
    result.title = page_title(doc)
    return result


def _extract(
    doc: _Element,
    url: str,
    *,
    as_of: date,
    list_selector: str | None,
    item_selector: str | None,
    date_selector: str | None,
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
            rows = CSSSelector(item_selector)(container) if item_selector else _row_groups(container)
            items = [read_row(row, url, as_of=as_of, date_selector=date_css) for row in rows]
            kind: ListKind = "list" if items else "empty"
            return ListExtraction(kind, items, css_path(container), iframe_urls=iframes)
    candidates = list_candidates(root, url, as_of=as_of)
    best = max(candidates, key=lambda c: c.score, default=None)
    placeholder = _placeholder(root)
    chars = _visible_chars(root)
    if best is not None and (best.items and any(i.date for i in best.items)):
        return ListExtraction("list", best.items, css_path(best.container), iframe_urls=iframes, text_chars=chars)
    if placeholder is not None:
        marker, element = placeholder
        return ListExtraction("empty", [], css_path(element), marker, iframes, chars)
    if (empty := _empty_container(root)) is not None and not iframes:
        return ListExtraction("empty", [], css_path(empty), None, iframes, chars)
    if best is not None:
        kind = "hub" if _looks_like_hub(best.items, url) else "list"
        return ListExtraction(kind, best.items, css_path(best.container), iframe_urls=iframes, text_chars=chars)
    return ListExtraction("none", [], None, None, iframes, chars)
