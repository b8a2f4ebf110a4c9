"""Rows of a list: which elements are rows, and what one row says (title, link, date, pinned).

CMS lists come as ul/li, tables (often with a header row naming each date column), div cards, dl/dd, and in
older GBK-era sites as links separated by <br> inside one table cell. Hanweb (大汉) pages ship their first page
of rows as HTML inside <script type="text/xml"><datastore> and draw them by script.
"""

from __future__ import annotations

import copy
import re
from datetime import date

from lxml import html as lxml_html
from lxml.cssselect import CSSSelector
from lxml.etree import ParserError, _Element

from auditor.extract.dates import list_item_date
from auditor.extract.html import class_and_id, clean_url, link_text, normalise_space, row_text
from auditor.model.artifacts import ListItem

# A row may also be one <a> wrapping a whole card (image, heading, summary, <time>).
ROW_TAGS = frozenset({"li", "tr", "dd", "div", "p", "article", "section", "dl", "a"})
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
PINNED = re.compile(r"置顶|\[顶\]|【顶】")
PINNED_CLASS = re.compile(r"(?:^|[-_\s])(?:top|zd|zhiding|ding|istop|sticky)(?:$|[-_\s])", re.IGNORECASE)
MORE_TEXT = re.compile(r"^(?:更多|查看更多|more|更多>+|more>+|>>|»|\+|更多\+|更多\s*»)$", re.IGNORECASE)
# The same words at the end of a longer text (a box title written as "要闻动态 更多>>"): cut from column names.
TRAILING_MORE = re.compile(r"\s*(?:(?:查看)?更多|more)\s*(?:>+|»|\+)?\s*$|\s*(?:>>+|»)\s*$", re.IGNORECASE)
# Words of a header row that names table columns (when it is written with <td><b> instead of <th>).
HEADER_WORDS = re.compile(r"标题|名称|题目|日期|时间|文号|序号|索引号|发布|成文|状态|来源|主题")
DATASTORE_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL)
# Rows are judged by fewer words than regions: a row classed "bottom" or "top" is a pinned row, not furniture.
ROW_FURNITURE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|header|footer|topbar|toolbar|crumbs?|breadcrumbs?|position|pos|location|"
    r"copyright|search|login|share)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
MIN_TITLE_CHARS = 4
MAX_ROW_LINKS = 6  # a WordPress <article> row links its date, title, category and "read more"
MAX_ROW_CHARS = 600
MIN_BR_ROWS = 3


def title_anchor(row: _Element) -> _Element | None:
    """The row's title link: the longest real link, not 更多, not a 置顶 badge, not a script button."""
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


def is_row(element: _Element) -> bool:
    """A list row carries one titled link (a few more at most) and a line or two of text, not a page region."""
    if not isinstance(element.tag, str) or element.tag not in ROW_TAGS:
        return False
    if ROW_FURNITURE.search(class_and_id(element)):
        return False
    if element.tag == "a" and not any(isinstance(child.tag, str) for child in element):
        return False  # a bare text link among others is a menu or breadcrumb; a card link has content
    anchors = sum(1 for _ in element.iter("a"))
    return (
        1 <= anchors <= MAX_ROW_LINKS
        and len(element.text_content()) <= MAX_ROW_CHARS
        and (title_anchor(element) is not None)
    )


def _br_rows(container: _Element) -> list[_Element]:
    """Rows written as `·<a>title</a> <font>(date)</font><br>` inside one cell: one synthetic <div> per line."""
    if sum(1 for child in container if child.tag == "br") < MIN_BR_ROWS - 1:
        return []
    rows: list[_Element] = []
    current = lxml_html.Element("div")
    current.text = container.text
    for child in container:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "br":
            rows.append(current)
            current = lxml_html.Element("div")
            current.text = child.tail
            continue
        current.append(copy.deepcopy(child))
    rows.append(current)
    rows = [row for row in rows if title_anchor(row) is not None]
    return rows if len(rows) >= MIN_BR_ROWS else []


def _dl_pairs(container: _Element) -> list[_Element]:
    """<dl><dt>title</dt><dd>date</dd>…</dl>: one synthetic <div> per <dt> and the <dd>s that follow it."""
    rows: list[_Element] = []
    for child in container:
        if child.tag == "dt":
            rows.append(lxml_html.Element("div"))
        if rows and isinstance(child.tag, str) and child.tag in {"dt", "dd"}:
            rows[-1].append(copy.deepcopy(child))
    rows = [row for row in rows if title_anchor(row) is not None]
    return rows if len(rows) >= 2 else []  # two pairs make a list


def _tr_with_followers(container: _Element) -> list[_Element]:
    """Table rows whose item spans two <tr>s (title row, then a summary row holding the date)."""
    rows: list[_Element] = []
    attached = False
    for child in container:
        if child.tag != "tr":
            continue
        if title_anchor(child) is not None:
            rows.append(lxml_html.Element("div"))
            rows[-1].append(copy.deepcopy(child))
        elif rows and child.find(".//a") is None and not _is_header_row(child):
            rows[-1].append(copy.deepcopy(child))
            attached = True
    return rows if attached and len(rows) >= MIN_BR_ROWS else []


def _grid_cells(container: _Element) -> list[_Element]:
    """Tables that lay items out two or more to a row: each cell with its own title link is one item."""
    cells: list[_Element] = []
    multi = 0
    for tr in container:
        if tr.tag != "tr":
            continue
        titled = [td for td in tr if td.tag == "td" and title_anchor(td) is not None and td.find(".//table") is None]
        multi += len(titled) >= 2
        cells += titled
    return cells if multi >= 2 and len(cells) >= MIN_BR_ROWS else []


def row_groups(container: _Element) -> list[_Element]:
    """The largest group of same-tag children that each carry a titled link (or <br>-separated lines)."""
    if container.tag == "dl" and (pairs := _dl_pairs(container)):
        return pairs
    if container.tag in {"tbody", "table"} and (spans := _tr_with_followers(container) or _grid_cells(container)):
        return spans
    groups: dict[str, list[_Element]] = {}
    for child in container:
        if is_row(child):
            groups.setdefault(child.tag, []).append(child)
    best = max(groups.values(), key=len) if groups else []
    if len(best) < MIN_BR_ROWS and container.tag in {"td", "div", "p"}:
        return _br_rows(container) or best
    return best


def datastore_rows(script_text: str) -> list[_Element]:
    """Hanweb's <datastore><record><![CDATA[<li>…</li>]]></record>: the rows its script will draw."""
    rows: list[_Element] = []
    for fragment in DATASTORE_RECORD.findall(script_text):
        try:
            parsed = lxml_html.fragments_fromstring(fragment.strip())
        except (ParserError, ValueError):
            continue
        rows.extend(el for el in parsed if isinstance(el, _Element) and title_anchor(el) is not None)
    return rows


def _is_header_row(row: _Element) -> bool:
    cells = [c for c in row if isinstance(c.tag, str) and c.tag in {"th", "td"}]
    if not cells:
        return False
    if all(c.tag == "th" for c in cells):
        return True
    words = sum(1 for c in cells if HEADER_WORDS.search(normalise_space(c.text_content())))
    return row.find(".//a") is None and words >= 2 and words * 2 >= len(cells)


def table_headers(row: _Element) -> list[str]:
    table = next(row.iterancestors("table"), None)
    if table is None:
        return []
    for candidate in table.iter("tr"):
        if candidate is row:
            return []
        if _is_header_row(candidate):
            return [normalise_space(c.text_content()) for c in candidate if isinstance(c.tag, str)]
    return []


def table_row_text(row: _Element) -> str:
    """A table row's cells, each labelled with its column header (发布日期：…, 成文日期：…, 回复时间：…).

    Tables of 信息公开 documents and message boards carry several dates per row; the header is what says
    which one is the publication date.
    """
    headers = table_headers(row)
    cells = [c for c in row if isinstance(c.tag, str) and c.tag in {"td", "th"}]
    if not headers or len(headers) != len(cells):
        return row_text(row)
    lines = []
    for header, cell in zip(headers, cells, strict=True):
        text = row_text(cell).replace("\n", " ")
        lines.append(f"{header}：{text}" if header and text and cell.find(".//a") is None else text)
    return "\n".join(lines)


def _title(row: _Element, anchor: _Element | None) -> str:
    if anchor is None:
        return normalise_space(row.text_content())[:120]
    if anchor is row:  # a card that is one link: its heading is the title, not the summary and date
        heading = next(row.iter(*HEADINGS), None)
        if heading is not None:
            return normalise_space(heading.text_content())
    return link_text(anchor)


def read_row(row: _Element, base_url: str, *, as_of: date, date_selector: CSSSelector | None = None) -> ListItem:
    anchor = title_anchor(row)
    title = _title(row, anchor)
    text = table_row_text(row) if row.tag == "tr" else row_text(row)
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
