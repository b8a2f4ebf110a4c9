"""Zero-config column discovery from a rendered home page and from hub pages (信息公开 trees).

Three places name a government site's columns: the main navigation, home-page blocks with a 更多 link (the
link is where the column's list page is), and the column tree of hub pages such as 信息公开. Pure functions
over HTML; the gatherer decides which pages to feed them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from lxml.etree import _Element

from auditor.extract.html import (
    canonical_url,
    class_and_id,
    clean_url,
    css_path,
    is_file_url,
    is_furniture,
    link_text,
    normalise_space,
    parse,
)
from auditor.extract.lists import ARTICLE_URL, extract_list, list_candidates
from auditor.extract.rows import HEADINGS, MORE_TEXT, TRAILING_MORE
from auditor.model.artifacts import ListItem
from auditor.settings import default_indicators

# Navigation texts that are never columns (the indicator table's values.non_column_link_texts); callers pass
# the run's table, this default is the bundled one.
DEFAULT_SKIP_TEXTS = frozenset(default_indicators().non_column_link_texts)

NAV_CLASS = re.compile(r"(?:^|[-_\s])(?:nav|navbar|menu|menus|mainnav|topnav|dh|daohang)(?:$|[-_\s\d])", re.IGNORECASE)
TREE_CLASS = re.compile(
    r"(?:^|[-_\s])(?:tree|sidebar|side|left|leftnav|subnav|lm|lanmu|column)(?:$|[-_\s\d])", re.IGNORECASE
)
TITLE_CLASS = re.compile(
    r"(?:^|[-_\s])(?:title|tit|hd|head|name|bt|caption|mod-hd|lm-title)(?:$|[-_\s\d])", re.IGNORECASE
)
FOOTER_CLASS = re.compile(r"(?:^|[-_\s])(?:foot|footer|bottom|copyright|friendlink|yqlj)(?:$|[-_\s\d])", re.IGNORECASE)
MAX_NAME_CHARS = 14


@dataclass
class DiscoveredColumn:
    name: str
    url: str
    level: int
    found_in: list[str] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    block_selector: str | None = None


def _column_link(
    anchor: _Element, base: str, in_scope: Callable[[str], bool], skip_texts: frozenset[str]
) -> tuple[str, str] | None:
    """(name, URL) when the link can lead to a column of this site; image links are named by their alt."""
    name = link_text(anchor) or normalise_space(" ".join(img.get("alt", "") for img in anchor.iter("img")))
    # A column's name never carries the more-link words of its box ("通知公告 更多>>", "政策文件»").
    name = TRAILING_MORE.sub("", name).strip()
    url = clean_url(anchor.get("href"), base)
    if (
        url is None
        or not in_scope(url)
        or is_file_url(url)
        or not 2 <= len(name) <= MAX_NAME_CHARS
        or name in skip_texts
        or MORE_TEXT.match(name)
        or canonical_url(url) == canonical_url(base)
    ):
        return None
    return name, url


def _nav_depth(anchor: _Element, nav: _Element) -> int:
    """1 for a top-level menu entry, 2 for an entry of its drop-down (a list nested in a list item)."""
    depth = 0
    node = anchor.getparent()
    while node is not None and node is not nav:
        if node.tag in {"ul", "ol", "dl"}:
            depth += 1
        node = node.getparent()
    return max(1, depth)


def _in_footer(element: _Element) -> bool:
    # Footer link rows (网站地图, 联系我们, 友情链接) are styled as menus but name no columns.
    return any(
        isinstance(node.tag, str) and (node.tag == "footer" or FOOTER_CLASS.search(class_and_id(node)))
        for node in (element, *element.iterancestors())
    )


def _nav_columns(
    root: _Element, base: str, in_scope: Callable[[str], bool], skip_texts: frozenset[str]
) -> list[DiscoveredColumn]:
    found: list[DiscoveredColumn] = []
    navs = [
        el
        for el in root.iter()
        if isinstance(el.tag, str)
        and (el.tag == "nav" or (el.tag in {"div", "ul"} and NAV_CLASS.search(class_and_id(el))))
        and not _in_footer(el)
    ]
    # Keep outermost navigation containers only; nested matches would count each link twice.
    outer = [nav for nav in navs if not any(other is not nav and nav in other.iterdescendants() for other in navs)]
    for nav in outer:
        for anchor in nav.iter("a"):
            if (link := _column_link(anchor, base, in_scope, skip_texts)) is not None:
                name, url = link
                found.append(DiscoveredColumn(name, url, _nav_depth(anchor, nav), ["nav"]))
    return found


def _block_title(block: _Element, more: _Element) -> str | None:
    for element in block.iter(*HEADINGS):
        text = normalise_space(element.text_content())
        text = TRAILING_MORE.sub("", text).strip()
        if 2 <= len(text) <= MAX_NAME_CHARS:
            return text
    for element in block.iter():
        if element is more or not isinstance(element.tag, str) or not TITLE_CLASS.search(class_and_id(element)):
            continue
        # The title box often holds the 更多 link too; take its own text, not the link's.
        parts = [element.text or ""] + [
            (child.text_content() if child is not more and more not in child.iterdescendants() else "")
            + (child.tail or "")
            for child in element
        ]
        text = TRAILING_MORE.sub("", normalise_space(" ".join(parts))).strip()
        if 2 <= len(text) <= MAX_NAME_CHARS and not MORE_TEXT.match(text):
            return text
    return None


def _block_columns(
    root: _Element, base: str, in_scope: Callable[[str], bool], *, as_of: date
) -> list[DiscoveredColumn]:
    found: list[DiscoveredColumn] = []
    for anchor in root.iter("a"):
        text = normalise_space(anchor.text_content()) or normalise_space(
            " ".join(img.get("alt", "") for img in anchor.iter("img"))
        )
        if not MORE_TEXT.match(text):
            continue
        url = clean_url(anchor.get("href"), base)
        if url is None or not in_scope(url):
            continue
        # The block is the nearest ancestor that also holds the column's rows; its best list is the rows.
        block = anchor.getparent()
        best = None
        while block is not None and block.tag != "body":
            best = max(list_candidates(block, base, as_of=as_of), key=lambda c: c.score, default=None)
            if best is not None:
                break
            block = block.getparent()
        if block is None or best is None:
            continue
        if any(other is not anchor and _is_more_link(other) for other in block.iter("a")):
            # The first ancestor holding rows holds another block's 更多 link too (a tab bar of titles and more
            # links above several lists): the title is the one just before this link, and which rows are its
            # own is not known, so none are taken rather than the neighbour's.
            title = _title_before(block, anchor)
            if title is not None:
                found.append(DiscoveredColumn(title, url, 1, ["home_block"]))
            continue
        title = _block_title(block, anchor)
        if title is None:
            continue
        found.append(DiscoveredColumn(title, url, 1, ["home_block"], best.items, css_path(block)))
    return found


def _is_more_link(anchor: _Element) -> bool:
    text = normalise_space(anchor.text_content()) or normalise_space(
        " ".join(img.get("alt", "") for img in anchor.iter("img"))
    )
    return bool(MORE_TEXT.match(text))


def _title_before(block: _Element, more: _Element) -> str | None:
    """The last heading (or title-classed element) before the 更多 link inside the block: its own title."""
    title: str | None = None
    for element in block.iter():
        if element is more:
            return title
        if not isinstance(element.tag, str) or more in element.iterdescendants():
            continue
        if element.tag in HEADINGS or TITLE_CLASS.search(class_and_id(element)):
            text = TRAILING_MORE.sub("", normalise_space(element.text_content())).strip()
            if 2 <= len(text) <= MAX_NAME_CHARS and not MORE_TEXT.match(text):
                title = text
    return title


def _link_columns(
    root: _Element, base: str, in_scope: Callable[[str], bool], skip_texts: frozenset[str]
) -> list[DiscoveredColumn]:
    """Column entrances elsewhere on the home page (专题 banners, entry tiles): links to column-like URLs."""
    found: list[DiscoveredColumn] = []
    for anchor in root.iter("a"):
        link = _column_link(anchor, base, in_scope, skip_texts)
        if link is None or _in_footer(anchor) or is_furniture(anchor):
            continue
        path = urlsplit(canonical_url(link[1])).path
        if path.endswith("/") and not ARTICLE_URL.search(path):
            found.append(DiscoveredColumn(link[0], link[1], 1, ["home_link"]))
    return found


def merge_columns(columns: list[DiscoveredColumn]) -> list[DiscoveredColumn]:
    """One column per list page URL; names from blocks win over menu texts; the shallowest level wins."""
    merged: dict[str, DiscoveredColumn] = {}
    for column in columns:
        key = canonical_url(column.url)
        if key not in merged:
            merged[key] = column
            continue
        kept = merged[key]
        kept.level = min(kept.level, column.level)
        kept.found_in += [source for source in column.found_in if source not in kept.found_in]
        if column.items and not kept.items:
            kept.items, kept.block_selector = column.items, column.block_selector
        if "home_block" in column.found_in and "home_block" not in kept.found_in[:1]:
            kept.name = column.name
    return list(merged.values())


def discover_home_columns(
    html: str,
    url: str,
    *,
    as_of: date,
    in_scope: Callable[[str], bool],
    skip_texts: frozenset[str] = DEFAULT_SKIP_TEXTS,
) -> list[DiscoveredColumn]:
    """Columns named by the home page's navigation and its 更多 blocks."""
    root = parse(html)
    return nest_by_path(
        merge_columns(
            _nav_columns(root, url, in_scope, skip_texts)
            + _block_columns(root, url, in_scope, as_of=as_of)
            + _link_columns(root, url, in_scope, skip_texts)
        )
    )


def nest_by_path(columns: list[DiscoveredColumn]) -> list[DiscoveredColumn]:
    """A column whose URL lies below another column's folder is its child: one level deeper.

    Home pages link second-level columns directly (信息公开 entry tiles); the URL tree tells their level.
    Top-level menu entries keep the level the menu gives them.
    """
    folders = {urlsplit(canonical_url(c.url)).path: c for c in columns if c.url.endswith("/")}
    for column in columns:
        if "nav" in column.found_in:
            continue
        path = urlsplit(canonical_url(column.url)).path
        parents = [p for p in folders if p != path and path.startswith(p) and p.count("/") > 1]
        if parents:
            parent = folders[max(parents, key=len)]
            column.level = max(column.level, parent.level + 1)
    return columns


def hub_children(
    html: str, url: str, *, in_scope: Callable[[str], bool], skip_texts: frozenset[str] = DEFAULT_SKIP_TEXTS
) -> list[tuple[str, str]]:
    """Sub-columns a hub page links to: its column tree, and links below the hub's own path."""
    root = parse(html)
    hub_path = urlsplit(canonical_url(url)).path
    children: dict[str, tuple[str, str]] = {}
    for anchor in root.iter("a"):
        link = _column_link(anchor, url, in_scope, skip_texts)
        if link is None:
            continue
        name, target = link
        target_path = urlsplit(canonical_url(target)).path
        in_tree = any(isinstance(a.tag, str) and TREE_CLASS.search(class_and_id(a)) for a in anchor.iterancestors())
        below = target_path.startswith(hub_path) and target_path != hub_path
        if (in_tree or below) and not ARTICLE_URL.search(target_path):
            children.setdefault(canonical_url(target), (name, target))
    # The hub's own content: sub-column links written as `<p>· <a>` lines, <br>-separated lines, a table of
    # links or entry cards, with no menu markup and no dates (extract_list calls such a page a hub). Their URLs
    # need not lie below the hub's path (query-routed CMSs: /?cwgk/ -> /?cwgk_01/).
    for name, target in _hub_group_links(html, url, in_scope, skip_texts):
        children.setdefault(canonical_url(target), (name, target))
    return list(children.values())


def _hub_group_links(
    html: str, base: str, in_scope: Callable[[str], bool], skip_texts: frozenset[str]
) -> list[tuple[str, str]]:
    """The links of the group that makes the page a hub, when extract_list calls it one (an article's related
    links, a leader page's profile links and a content page's menu are not sub-columns)."""
    # Dates play no part here (the group is undated), so any as_of does: the latest one reads every date.
    extraction = extract_list(html, base, as_of=date.max)
    if extraction.kind != "hub":
        return []
    links: list[tuple[str, str]] = []
    for item in extraction.items:
        url = item.url
        if url is None or not in_scope(url) or is_file_url(url) or canonical_url(url) == canonical_url(base):
            continue
        name = TRAILING_MORE.sub("", item.title).strip()
        if 2 <= len(name) <= MAX_NAME_CHARS and name not in skip_texts and not ARTICLE_URL.search(urlsplit(url).path):
            links.append((name, url))
    return links
