"""Accounts from a registry or 政务新媒体矩阵 page, when the scenario lists none (issue #10).

Two layouts cover what government sites publish:

- a table with a header row naming the account (账号名称, 名称) and usually its platform (类型, 平台), owner (开设主体,
  主办单位) and group (分组, 类别); merged cells (rowspan, for an owner with several accounts) are carried down;
  the account's URL is the row's first link to a platform host (or any http link);
- a matrix of links (icons or names) to platform hosts: the account is the link's text (or its image's alt/title),
  the platform its URL's host, the group the nearest heading before it (区政府, 市级部门).

Rows whose platform cannot be told (no 类型 cell the aliases know, no platform host) are kept with platform
`other`: the auditor then reports them for review instead of dropping an account of the registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from auditor.extract.html import anchor_text, clean_url, normalise_space, parse
from auditor.platforms import platform_of_url
from auditor.platforms.base import platform_named

HEADER_FIELDS: dict[str, tuple[str, ...]] = {
    # Longer headings first within a field: 账号名称 before 名称.
    "name": ("账号名称", "账号名", "名称", "账号"),
    "platform": ("平台类型", "账号类型", "类型", "平台", "渠道"),
    "owner": ("开设主体", "主办单位", "运营主体", "主管单位", "开办单位", "单位"),
    "group": ("分组", "类别", "单位类别", "层级"),
    "url": ("网址", "链接", "地址", "主页"),
}
MAX_HEADING_CHARS = 8  # a heading, not a sentence that happens to contain 名称
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "dt", "caption")


@dataclass(frozen=True)
class RegistryRow:
    platform: str
    name: str
    owner: str = ""
    group: str = ""
    url: str | None = None
    platform_text: str = ""  # the 类型 cell as written


def _field_of(header: str) -> str | None:
    """The field a heading names: an exact heading first, else the longest heading it contains (账号类型 is the
    platform, not the name; 单位类别 the group, not the owner)."""
    text = "".join(normalise_space(header).split())
    best: tuple[int, str] | None = None
    for field, names in HEADER_FIELDS.items():
        for name in names:
            if text == name:
                return field
            if len(text) <= MAX_HEADING_CHARS and name in text and (best is None or len(name) > best[0]):
                best = (len(name), field)
    return best[1] if best else None


def _cells_grid(table: HtmlElement) -> list[list[HtmlElement]]:
    """Rows of cells with rowspan carried down (each carried cell repeated in the rows it spans)."""
    grid: list[list[HtmlElement]] = []
    carried: dict[int, tuple[HtmlElement, int]] = {}  # column -> (cell, rows left)
    for row in table.iter("tr"):
        cells = [c for c in row if isinstance(c.tag, str) and c.tag in {"td", "th"}]
        out: list[HtmlElement] = []
        column = 0
        queue = list(cells)
        while queue or column in carried:
            if column in carried:
                cell, left = carried[column]
                out.append(cell)
                if left <= 1:
                    del carried[column]
                else:
                    carried[column] = (cell, left - 1)
                column += 1
                continue
            cell = queue.pop(0)
            span = int(cell.get("rowspan", "1")) if (cell.get("rowspan") or "1").isdigit() else 1
            if span > 1:
                carried[column] = (cell, span - 1)
            out.append(cell)
            column += 1
        grid.append(out)
    return grid


def _link(cell: HtmlElement, base: str) -> str | None:
    """The cell's link to a platform host, else its first link (a 简介 link to the site may come first)."""
    links = [url for anchor in cell.iter("a") if (url := clean_url(anchor.get("href"), base))]
    return next((url for url in links if platform_of_url(url)), links[0] if links else None)


def _from_table(table: HtmlElement, base: str) -> list[RegistryRow]:
    grid = _cells_grid(table)
    header_at = next(
        (i for i, row in enumerate(grid[:3]) if "name" in {_field_of(c.text_content()) for c in row}), None
    )
    if header_at is None:
        return []
    fields = [_field_of(c.text_content()) for c in grid[header_at]]
    rows: list[RegistryRow] = []
    for cells in grid[header_at + 1 :]:
        values: dict[str, str] = {}
        url: str | None = None
        for field, cell in zip(fields, cells, strict=False):
            if field is not None and field not in values:
                values[field] = normalise_space(cell.text_content())
            link = _link(cell, base)
            if link and (url is None or (platform_of_url(link) and not platform_of_url(url))):
                url = link
        name = values.get("name", "")
        if not name:
            continue
        platform_text = values.get("platform", "")
        platform = platform_named(platform_text) if platform_text else None
        if platform is None and url is not None:
            platform = platform_of_url(url)
        rows.append(
            RegistryRow(
                platform=platform or "other",
                name=name,
                owner=values.get("owner", ""),
                group=values.get("group", ""),
                url=url,
                platform_text=platform_text,
            )
        )
    return rows


def _heading_before(anchor: HtmlElement) -> str:
    for ancestor in [anchor, *anchor.iterancestors()]:
        for sibling in ancestor.itersiblings(preceding=True):
            if isinstance(sibling.tag, str) and sibling.tag in HEADINGS:
                return normalise_space(sibling.text_content())[:40]
            heads = list(sibling.iter(*HEADINGS)) if isinstance(sibling.tag, str) else []
            if heads:
                return normalise_space(heads[-1].text_content())[:40]
    return ""


def _from_links(doc: HtmlElement, base: str, taken: set[str]) -> list[RegistryRow]:
    rows: list[RegistryRow] = []
    for anchor in doc.iter("a"):
        url = clean_url(anchor.get("href"), base)
        platform = platform_of_url(url) if url else None
        if url is None or platform is None or url in taken:
            continue
        name = anchor_text(anchor) or normalise_space(anchor.get("title") or "")
        if not name:
            continue
        taken.add(url)
        rows.append(RegistryRow(platform=platform, name=name[:60], group=_heading_before(anchor), url=url))
    return rows


def read_registry(html: str, base_url: str) -> list[RegistryRow]:
    """Every account the page lists, tables first, then links to platform hosts outside those tables."""
    doc = parse(html)
    rows: list[RegistryRow] = []
    for table in doc.iter("table"):
        # Old CMS pages lay out the whole page in tables: the registry is an innermost table.
        if next(table.iterdescendants("table"), None) is not None:
            continue
        rows.extend(_from_table(table, base_url))
    taken = {row.url for row in rows if row.url}
    rows.extend(_from_links(doc, base_url, taken))
    seen: set[tuple[str, str]] = set()
    unique: list[RegistryRow] = []
    for row in rows:
        if (row.platform, row.name) not in seen:
            seen.add((row.platform, row.name))
            unique.append(row)
    return unique
