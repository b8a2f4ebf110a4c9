"""Rows of a list: which elements are rows, and what one row says (title, link, date, pinned).

CMS lists come as ul/li, tables (often with a header row naming each date column), div cards, dl/dd, and in
older GBK-era sites as links separated by <br> inside one table cell. Hanweb (大汉) pages ship their first page
of rows as HTML inside <script type="text/xml"><datastore> and draw them by script.
"""

from __future__ import annotations

import copy
import itertools
import re
from dataclasses import dataclass
from datetime import date

from lxml import html as lxml_html
from lxml.cssselect import CSSSelector
from lxml.etree import ParserError, _Element

from auditor.extract.dates import list_item_date, table_column_rank
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
# Headers of the column that names a row of a data table, and headers that look like it but do not.
TITLE_HEADER = re.compile(r"标题|题目|名称|事项|案件|项目|主题|文件|信息|公告")
NOT_TITLE_HEADER = re.compile(r"序号|编号|文号|索引|代码|类型|类别|日期|时间|机关|单位|部门")
# A grid widget's own "no data" element: DataTables, Element UI, EasyUI, ExtJS, Ant Design, layui, Bootstrap Table.
EMPTY_GRID_CLASS = re.compile(
    r"dataTables_empty|el-table__empty|datagrid-empty|x-grid-empty|x-grid3-empty|ant-empty|ant-table-placeholder|"
    r"layui-none|no-records-found|vxe-table--empty",
    re.IGNORECASE,
)
GRID_HEADER_CLASS = re.compile(r"header|hd-row|thead|table-head", re.IGNORECASE)
MAX_HEADER_CHARS = 16
DIGITS = re.compile(r"\d{2}")
GRID_DEPTH = 6  # a grid widget's header table sits this many levels at most below the element holding its body
DATASTORE_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL)
# Rows are judged by fewer words than regions: a row classed "bottom" or "top" is a pinned row, not furniture.
ROW_FURNITURE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|header|footer|topbar|toolbar|crumbs?|breadcrumbs?|position|pos|location|"
    r"copyright|search|login|share)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
MIN_TITLE_CHARS = 4
NEIGHBOUR = re.compile(r"^\W*(?:上一篇|下一篇|上一条|下一条|上一则|下一则)")
NEIGHBOUR_BEFORE = re.compile(r"(?:上一篇|下一篇|上一条|下一条|上一则|下一则)\s*[:：]?\s*$")
MIN_SCRIPT_TITLE_CHARS = 8  # a title opened by script: longer than any toolbar word (切换繁体, 加入收藏)
MAX_ROW_LINKS = 6  # a WordPress <article> row links its date, title, category and "read more"
MAX_ROW_CHARS = 600
MIN_BR_ROWS = 3


def _is_script_link(href: str) -> bool:
    return not href or href.startswith(("#", "javascript:"))


def _is_neighbour_link(anchor: _Element, text: str) -> bool:
    """上一篇/下一篇 (上一条/下一条) navigation of an article: it links another article, it is not a list item."""
    if NEIGHBOUR.match(text):
        return True
    previous = anchor.getprevious()
    before = (
        previous.tail if previous is not None else (anchor.getparent().text if anchor.getparent() is not None else None)
    ) or ""
    return bool(NEIGHBOUR_BEFORE.search(before))


def title_anchor(row: _Element) -> _Element | None:
    """The row's title link: the longest real link, not 更多, not a 置顶 badge, not a script button.

    A row without a real link may be titled by a script link (javascript:openInfo(id), href="javascript:;"
    with an onclick, as JSP and art-template lists open their items) whose text is as long as a title: toolbar
    toggles (无障碍, 长者模式, 加入收藏) are short words, a row title is not. Such a row has no URL.
    """
    best: _Element | None = None
    best_len = 0
    script: _Element | None = None
    script_len = 0
    for anchor in row.iter("a"):
        href = (anchor.get("href") or "").strip()
        text = link_text(anchor)
        if MORE_TEXT.match(text) or PINNED.fullmatch(text) or _is_neighbour_link(anchor, text):
            continue
        if _is_script_link(href):
            if len(text) > script_len and (href.startswith("javascript:") or anchor.get("onclick")):
                script, script_len = anchor, len(text)
            continue  # toolbar toggles (无障碍, 长者模式) and script buttons are not items
        if len(text) > best_len:
            best, best_len = anchor, len(text)
    if best_len >= MIN_TITLE_CHARS:
        return best
    return script if script_len >= MIN_SCRIPT_TITLE_CHARS else None


def is_row(element: _Element) -> bool:
    """A list row carries one titled link (a few more at most) and a line or two of text, not a page region."""
    if not isinstance(element.tag, str) or element.tag not in ROW_TAGS:
        return False
    if ROW_FURNITURE.search(class_and_id(element)):
        return False
    if element.tag == "a" and not any(isinstance(child.tag, str) for child in element):
        return False  # a bare text link among others is a menu or breadcrumb; a card link has content
    if element.tag != "a" and _holds_a_list(element):
        return False  # a block holding its own list of rows (a month group: h3 2022年12月 + ul) is not one row
    if element.find(".//h1") is not None:
        # <h1> is the page's own title: a block holding it is the head or body of one item (an article, a guide,
        # a player page), and its date and prev/next or 在线办理 links do not make it a row of a list.
        return False
    anchors = sum(1 for _ in element.iter("a"))
    return (
        1 <= anchors <= MAX_ROW_LINKS
        and len(element.text_content()) <= MAX_ROW_CHARS
        and (title_anchor(element) is not None)
    )


def _holds_a_list(element: _Element) -> bool:
    for inner in element.iter("ul", "ol"):
        if inner is not element and any(li.tag == "li" and title_anchor(li) is not None for li in inner):
            return True
    return False


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


def _is_label_value_row(tr: _Element) -> bool:
    """<tr><th>实施主体</th><td>…</td><th>办结时限</th><td>…</td></tr>: each <th> a label (short, no digits: not a
    row number) and followed by the <td> holding its value. One field of one item, not a row of a list."""
    cells = _cells(tr)
    if len(cells) < 2 or cells[0].tag != "th" or cells[-1].tag != "td":
        return False
    for cell, following in itertools.pairwise(cells):
        if cell.tag != "th":
            continue
        text = normalise_space(cell.text_content())
        if following.tag != "td" or not text or len(text) > MAX_HEADER_CHARS or re.search(r"\d", text):
            return False
    return True


def is_label_value_table(container: _Element) -> bool:
    """A key-value table (a guide's 基本信息, a record's detail): most of its rows are label–value pairs. Its links
    (实施主体, 设定依据) and dates (更新时间, the dates of laws) describe one item; they are not a list's rows."""
    trs = [child for child in container if child.tag == "tr"]
    return bool(trs) and sum(1 for tr in trs if _is_label_value_row(tr)) * 2 >= len(trs)


def row_groups(container: _Element) -> list[_Element]:
    """The largest group of same-tag children that each carry a titled link (or <br>-separated lines)."""
    if container.tag == "dl" and (pairs := _dl_pairs(container)):
        return pairs
    if container.tag in {"tbody", "table"} and is_label_value_table(container):
        return []
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


def _cells(row: _Element) -> list[_Element]:
    return [c for c in row if isinstance(c.tag, str) and c.tag in {"td", "th"}]


def _is_grid_header(row: _Element) -> bool:
    """A header row of a data table: <th> cells, a <thead> row, or cells of column words without real links.

    Grid widgets (ExtJS, EasyUI) write their header cells as <td> holding a sort button (<a href="#">), which is
    not a link to anything.
    """
    cells = _cells(row)
    if len(cells) < 2 or any(c.find(".//table") is not None for c in cells):
        return False
    if all(c.tag == "th" for c in cells) or (row.getparent() is not None and row.getparent().tag == "thead"):
        return True
    if any(not _is_script_link((a.get("href") or "").strip()) for a in row.iter("a")):
        return False
    texts = [normalise_space(c.text_content()) for c in cells]
    words = sum(1 for text in texts if HEADER_WORDS.search(text))
    if words >= 2 and words * 2 >= len(cells):
        return True
    # A grid widget's header row (datagrid-header-row, x-grid3-hd-row, el-table__header): short labels, one of
    # them naming a date column, and no cell holding a date or a long text of its own.
    hinted = any(GRID_HEADER_CLASS.search(class_and_id(el)) for el in (row, *list(row.iterancestors())[:3]))
    return (
        hinted
        and date_column(texts) is not None
        and all(len(text) <= MAX_HEADER_CHARS and not DIGITS.search(text) for text in texts)
    )


def _header_only(table: _Element) -> bool:
    rows = list(table.iter("tr"))
    return bool(rows) and all(_is_grid_header(r) for r in rows)


def _split_header(row: _Element, table: _Element) -> _Element | None:
    """The header row of a grid that draws its header and its body as separate tables (EasyUI datagrid-htable /
    datagrid-btable, ExtJS x-grid3-header / row tables, Element UI and Ant Design fixed headers): the last
    header-only table before this row's table, a few levels up, with as many cells as the row."""
    count = len(_cells(row))
    node = table
    for _ in range(GRID_DEPTH):
        parent = node.getparent()
        if parent is None or parent.tag == "body":
            return None
        found: _Element | None = None
        for other in parent.iter("table"):
            if other is table:
                break
            if table in other.iterdescendants() or not _header_only(other):
                continue
            header = next(other.iter("tr"))
            if len(_cells(header)) == count:
                found = header
        if found is not None:
            return found
        node = parent
    return None


def table_header_row(row: _Element) -> _Element | None:
    """The header row naming this table row's columns: in its own table, or a grid's separate header table."""
    table = next(row.iterancestors("table"), None)
    if table is None:
        return None
    for candidate in table.iter("tr"):
        if candidate is row:
            break
        if _is_header_row(candidate) or _is_grid_header(candidate):
            return candidate
    return None if _has_header(table) else _split_header(row, table)


def _has_header(table: _Element) -> bool:
    return any(_is_header_row(r) or _is_grid_header(r) for r in table.iter("tr"))


def table_headers(row: _Element) -> list[str]:
    header = table_header_row(row)
    return [normalise_space(c.text_content()) for c in _cells(header)] if header is not None else []


# table_column_rank's rank of secondary dates (成文, 来信, 回复, 访谈): when the best a header offers is of this kind,
# no column names the publication, and the row is published no earlier than the latest of its secondary dates.
SECONDARY_RANK = 4


def date_column(headers: list[str]) -> int | None:
    """The column a table's rows are dated by: the best publication label (dates.table_column_rank)."""
    ranked = [(rank, i) for i, h in enumerate(headers) if (rank := table_column_rank(h)) is not None]
    return min(ranked)[1] if ranked else None


def _only_secondary_dates(headers: list[str]) -> bool:
    ranks = [rank for h in headers if (rank := table_column_rank(h)) is not None]
    return bool(ranks) and min(ranks) >= SECONDARY_RANK and len(ranks) > 1


def title_column(headers: list[str]) -> int | None:
    """The column that names a row (标题, 信息名称, 项目名称, 案件名称, 行政相对人名称) when no link does."""
    for i, header in enumerate(headers):
        if TITLE_HEADER.search(header) and not NOT_TITLE_HEADER.search(header):
            return i
    return None


@dataclass
class Grid:
    """A data table read by its header: the rows under one header row and the columns it names."""

    header: _Element
    headers: list[str]
    scope: _Element  # the element holding the header and every data row (the grid widget)
    rows: list[_Element]
    date_col: int | None
    empty_marker: _Element | None  # a grid's own "no data" element (td.dataTables_empty, div.x-grid-empty)


def _grid_rows(scope: _Element, header: _Element, count: int) -> list[_Element]:
    """Rows with as many cells as the header, after it, up to the next header row of another table."""
    rows: list[_Element] = []
    started = False
    header_table = next(header.iterancestors("table"), None)
    for tr in scope.iter("tr"):
        if tr is header:
            started = True
            continue
        if not started:
            continue
        if _is_grid_header(tr) or _is_header_row(tr):
            if next(tr.iterancestors("table"), None) is not header_table:
                break
            continue
        cells = _cells(tr)
        # A layout row holds tables; a data row holds text.
        texts = any(normalise_space(c.text_content()) for c in cells)
        if len(cells) == count and texts and not any(c.find(".//table") is not None for c in cells):
            rows.append(tr)
    return rows


def _empty_marker(scope: _Element) -> _Element | None:
    for element in scope.iter():
        if isinstance(element.tag, str) and EMPTY_GRID_CLASS.search(class_and_id(element)):
            return element
    return None


def find_grids(root: _Element) -> list[Grid]:
    """Every data table whose header names a date column or reads as a header of a list (标题, 名称, 日期…)."""
    grids: list[Grid] = []
    for header in root.iter("tr"):
        if not _is_grid_header(header):
            continue
        headers = [normalise_space(c.text_content()) for c in _cells(header)]
        date_col = date_column(headers)
        words = sum(1 for h in headers if HEADER_WORDS.search(h))
        if date_col is None and words < 2:
            continue
        table = next(header.iterancestors("table"), None)
        if table is None or any(is_label_value_table(part) for part in (table, *table.iter("tbody"))):
            continue  # a key-value table with a title row (基本信息 | 内容) is one item's fields
        scope, rows = table, _grid_rows(table, header, len(headers))
        marker = _empty_marker(table)
        if not rows and marker is None and _header_only(table):
            # A header drawn apart from its body: the grid widget is a few levels up.
            node = table
            for _ in range(GRID_DEPTH):
                parent = node.getparent()
                if parent is None or parent.tag == "body":
                    break
                node = parent
                rows, marker = _grid_rows(node, header, len(headers)), _empty_marker(node)
                if rows or marker is not None:
                    scope = node
                    break
        grids.append(Grid(header, headers, scope, rows, date_col, marker))
    return grids


def table_row_text(row: _Element) -> str:
    """A table row's cells, each labelled with its column header (发布日期：…, 成文日期：…, 回复时间：…).

    Tables of 信息公开 documents and message boards carry several dates per row; the header is what says
    which one is the publication date.
    """
    headers = table_headers(row)
    cells = _cells(row)
    if not headers or len(headers) != len(cells):
        return row_text(row)
    lines = []
    for header, cell in zip(headers, cells, strict=True):
        text = row_text(cell).replace("\n", " ")
        lines.append(f"{header}：{text}" if header and text and cell.find(".//a") is None else text)
    return "\n".join(lines)


def _title(row: _Element, anchor: _Element | None) -> str:
    if anchor is None:
        if row.tag == "tr" and (headers := table_headers(row)) and len(headers) == len(cells := _cells(row)):
            col = title_column(headers)
            if col is not None and (text := normalise_space(cells[col].text_content())):
                return text[:120]
        return normalise_space(row.text_content())[:120]
    if anchor is row:  # a card that is one link: its heading is the title, not the summary and date
        heading = next(row.iter(*HEADINGS), None)
        if heading is not None:
            return normalise_space(heading.text_content())
    return link_text(anchor)


def _row_date_text(row: _Element) -> str:
    """The text a row's date is read from. A table row whose header names a publication column is dated by
    that column alone (发布日期 over 成文日期, 公示日期 over 检查日期, 许可决定日期 over 有效期自/至): the other
    date columns are periods, deadlines and events, however new their dates are."""
    if row.tag != "tr":
        return row_text(row)
    headers = table_headers(row)
    cells = _cells(row)
    if headers and len(headers) == len(cells) and _only_secondary_dates(headers):
        # 留言时间 | 回复时间: a message board row is published when its reply is; the labelled row text lets the
        # date reader take the latest of the secondary dates, as it does on an untabled row.
        return table_row_text(row)
    if headers and len(headers) == len(cells) and (col := date_column(headers)) is not None:
        return row_text(cells[col])  # the header has said what the date is: its own label would judge it again
    return table_row_text(row)


def read_row(row: _Element, base_url: str, *, as_of: date, date_selector: CSSSelector | None = None) -> ListItem:
    anchor = title_anchor(row)
    title = _title(row, anchor)
    text = _row_date_text(row)
    if date_selector is not None and (hits := date_selector(row)):
        text = row_text(hits[0])
    found = list_item_date(text, as_of=as_of)
    pinned = bool(PINNED.search(row_text(row) if row.tag == "tr" else text)) or any(
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
