"""办事指南 pages: label → value pairs, form links and the guide's own text, from any of the usual layouts.

Guides come in a handful of layouts, often mixed on one page: two-column tables (and four-column label|value|
label|value rows, label cells spanning rows), dl/dt/dd, a heading or a bold label followed by paragraphs,
`label：value` lines, and tab panels or accordions whose bodies are hidden (or, on some platforms, loaded by
script when a tab is clicked: the gatherer clicks them and reads the page again). A label is recognised by the
synonym list of the indicator table (values.guide_element_classes), passed in: which class a label belongs to,
and whether its value is a placeholder, is judged later (auditor.computed.guide_status), so a corrected synonym
or placeholder list re-judges a saved run.

Pure: HTML in, facts out. Navigation, header, footer and side boxes are not the guide (a 温馨提示 box or a
sidebar 办事指南 menu carries labels too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml.html import HtmlElement as _Element

from auditor.extract.html import (
    canonical_url,
    clean_url,
    css_path,
    is_furniture,
    link_text,
    normalise_space,
    page_meta,
    page_title,
    parse,
)

VALUE_MAX_CHARS = 2000
TEXT_MAX_CHARS = 20_000
# A label cell or heading is short: "申请材料", "一、办理依据：", "* 办理地点". Past this it is running text.
LABEL_MAX_CHARS = 16
_NUMBERING = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|[①-⑳]|[*＊★●·•■◆▶>]+)\s*")
_LABEL_END = re.compile(r"[：:\s]+$")
# Brackets around a label (【办理地点】) and the toggle words of a collapsible section's title (设定依据 展开).
_LABEL_BRACKETS = re.compile(r"^[【\[［〔]\s*|\s*[】\]］〕]$")
_TOGGLE_WORDS = re.compile(r"(?:展开|收起|收缩|更多|查看|详情|[+＋\-－∨∧▼▲›»>])+$")
# "办理地点：青溪区…" on one line: the label, a colon, the value.
_INLINE = re.compile(r"^\s*(?P<label>[^：:]{2,16}?)\s*[：:]\s*(?P<value>.*)$", re.DOTALL)
_BRACKETED = re.compile(r"^\s*【(?P<label>[^】]{2,16})】\s*[：:]?\s*(?P<value>.*)$", re.DOTALL)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "td",
        "th",
        "dd",
        "dt",
        "section",
        "article",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "ul",
        "ol",
        "dl",
    }
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LABEL_CLASS = re.compile(r"tit|title|label|name|hd|head|bt|key|lab|item-l|left|th", re.IGNORECASE)
_TAB_CLASS = re.compile(r"tab|nav|menu|switch|toggle|hd|title", re.IGNORECASE)
_CSS_ID = re.compile(r"^[A-Za-z][\w-]*$")
_PANEL_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass(frozen=True)
class FieldFound:
    label: str
    value: str
    selector: str  # the row (or block) holding label and value: what evidence outlines
    links: tuple[str, ...] = ()
    how: str = ""
    # Where the value ends when it is not inside `selector` (a dt's last dd, a heading's last paragraph): the
    # evidence outlines both.
    value_selector: str | None = None


@dataclass(frozen=True)
class FormLinkFound:
    text: str
    href: str
    url: str | None
    why: str  # form_file | form_text
    selector: str


@dataclass(frozen=True)
class TabControl:
    text: str
    selector: str


@dataclass(frozen=True)
class GuideReading:
    title: str
    fields: tuple[FieldFound, ...]
    form_links: tuple[FormLinkFound, ...]
    text: str
    content_selector: str | None
    tabs: tuple[TabControl, ...] = field(default_factory=tuple)

    def labels(self) -> set[str]:
        return {f.label for f in self.fields}


class LabelIndex:
    """Label synonyms → their class; matching tolerates numbering, colons, stars and spaces around a label."""

    def __init__(self, classes: dict[str, list[str]] | dict[str, tuple[str, ...]]) -> None:
        self.by_synonym: dict[str, str] = {}
        for element_class, synonyms in classes.items():
            for synonym in (element_class, *synonyms):
                self.by_synonym.setdefault(_squash(synonym), element_class)
        # Longest first, so 申请材料目录 wins over 申请材料.
        self._ordered = sorted(self.by_synonym, key=len, reverse=True)

    def match(self, text: str) -> str | None:
        """The synonym `text` is, as a label, or None."""
        label = clean_label(text)
        if not label or len(label) > LABEL_MAX_CHARS:
            return None
        return label if label in self.by_synonym else None

    def class_of(self, label: str) -> str | None:
        return self.by_synonym.get(_squash(label))

    def prefix(self, text: str) -> tuple[str, str] | None:
        """`label：value` or `label value` at the start of a line: (label, value)."""
        squashed = _NUMBERING.sub("", normalise_space(text))
        # 【办理时间】工作日9:00-17:00: the bracketed form first, or the inline form's label would run to the
        # first colon of the value.
        match = _BRACKETED.match(squashed) or _INLINE.match(squashed)
        if match and (label := self.match(match["label"])):
            return label, match["value"].strip()
        return None


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def clean_label(text: str) -> str:
    label = _NUMBERING.sub("", normalise_space(text))
    label = _LABEL_END.sub("", label)
    label = _squash(label).strip("*＊")
    label = _TOGGLE_WORDS.sub("", label)
    return _LABEL_BRACKETS.sub("", label)


def _text(element: _Element) -> str:
    return normalise_space(" ".join(_visible_pieces(element)))


def _visible_pieces(element: _Element) -> Iterator[str]:
    if not isinstance(element.tag, str) or element.tag in {"script", "style", "noscript", "template"}:
        return
    if element.text:
        yield element.text
    for child in element:
        yield from _visible_pieces(child)
        if child.tail:
            yield child.tail


def _links(element: _Element, base_url: str) -> tuple[str, ...]:
    found = []
    for anchor in element.iter("a"):
        url = clean_url(anchor.get("href"), base_url)
        if url and url not in found:
            found.append(url)
    return tuple(found)


def content_root(doc: _Element) -> _Element:
    """The element holding the guide: the smallest block with most of the label-bearing text, else <body>."""
    body = doc.find(".//body")
    return body if body is not None else doc


def read_guide(
    html: str, url: str, labels: LabelIndex, *, form_extensions: Iterable[str], form_link_texts: Iterable[str]
) -> GuideReading:
    doc = parse(html)
    meta = page_meta(doc)
    heading = doc.find(".//h1")
    title = (
        meta.get("ArticleTitle")
        or (normalise_space(heading.text_content()) if heading is not None else "")
        or page_title(doc)
    )
    root = content_root(doc)
    fields = _dedupe(_fields(root, url, labels))
    content = _content_of(root, fields)
    # Forms and the sentences that say where to get them sit as often in a 表格下载 tab, a 温馨提示 box or a
    # material list outside the rows' common block as inside it: the whole page but its furniture is read.
    forms = tuple(_form_links(root, url, tuple(form_extensions), tuple(form_link_texts)))
    text = _page_text(root)[:TEXT_MAX_CHARS]
    return GuideReading(
        title=title,
        fields=tuple(fields),
        form_links=forms,
        text=text,
        content_selector=css_path(content) if content is not None else None,
        tabs=tuple(_tab_controls(root, labels)),
    )


def _dedupe(found: Iterable[FieldFound]) -> list[FieldFound]:
    """One field per label: the first with a value (a table row beats an empty tab title of the same label)."""
    best: dict[str, FieldFound] = {}
    order: list[str] = []
    for item in found:
        if item.label not in best:
            best[item.label] = item
            order.append(item.label)
        elif not best[item.label].value and item.value:
            best[item.label] = item
    return [best[label] for label in order]


def _fields(root: _Element, url: str, labels: LabelIndex) -> Iterator[FieldFound]:
    seen: set[_Element] = set()  # label elements already used (the elements: lxml proxies ids are reused)
    for element in root.iter():
        if not isinstance(element.tag, str) or element in seen:
            continue
        # Tab bars carry nav/menu classes that mark furniture elsewhere; their titles are still the guide's.
        if is_furniture(element) and not _in_tab_bar(element):
            continue
        if element.tag in {"td", "th"}:
            yield from _table_cell(element, url, labels, seen)
        elif element.tag == "dt":
            yield from _definition(element, url, labels, seen)
        elif element.tag in _BLOCK_TAGS or element.tag in {"span", "strong", "b", "label", "em", "font"}:
            yield from _labelled_block(element, url, labels, seen)


def _table_cell(cell: _Element, url: str, labels: LabelIndex, seen: set[_Element]) -> Iterator[FieldFound]:
    label = labels.match(_text(cell))
    if label is None:
        # A cell whose text opens with `label：` holds both (one-column tables).
        if (pair := labels.prefix(_text(cell))) is not None and _is_leaf_block(cell):
            seen.add(cell)
            yield FieldFound(pair[0], pair[1][:VALUE_MAX_CHARS], css_path(cell), _links(cell, url), "table")
        return
    seen.add(cell)
    row = cell.getparent()
    if row is None:
        return
    cells = [c for c in row if isinstance(c.tag, str) and c.tag in {"td", "th"}]
    index = cells.index(cell)
    values: list[_Element] = []
    if index + 1 < len(cells) and labels.match(_text(cells[index + 1])) is None:
        values.append(cells[index + 1])
    span = _int(cell.get("rowspan"))
    if span > 1:
        # A label cell spanning rows: the value cells of the rows below it belong to it too.
        follower = row.getnext()
        for _ in range(span - 1):
            if follower is None:
                break
            cells_below = [c for c in follower if isinstance(c.tag, str) and c.tag in {"td", "th"}]
            values += cells_below[-1:] if cells_below else []
            follower = follower.getnext()
    if not values and index + 1 >= len(cells):
        # A header row with the label alone, the value in the row below (申请材料 lists in nested tables).
        below = row.getnext()
        if below is not None and not any(labels.match(_text(c)) for c in below if isinstance(c.tag, str)):
            values.append(below)
    value = normalise_space(" ".join(_text(v) for v in values))
    links = tuple(u for v in values for u in _links(v, url))
    yield FieldFound(label, value[:VALUE_MAX_CHARS], css_path(row), links, "table")


def _int(value: str | None) -> int:
    try:
        return int(value or "1")
    except ValueError:
        return 1


def _definition(term: _Element, url: str, labels: LabelIndex, seen: set[_Element]) -> Iterator[FieldFound]:
    label = labels.match(_text(term))
    if label is None:
        return
    seen.add(term)
    values = []
    follower = term.getnext()
    while follower is not None and follower.tag == "dd":
        values.append(follower)
        follower = follower.getnext()
    value = normalise_space(" ".join(_text(v) for v in values))
    holder = term.getparent() if term.getparent() is not None and len(values) <= 1 and _only_pair(term) else term
    yield FieldFound(
        label,
        value[:VALUE_MAX_CHARS],
        css_path(holder),
        tuple(u for v in values for u in _links(v, url)),
        "dl",
        css_path(values[-1]) if values and holder is term else None,
    )


def _only_pair(term: _Element) -> bool:
    parent = term.getparent()
    return parent is not None and len([c for c in parent if c.tag == "dt"]) == 1


def _is_leaf_block(element: _Element) -> bool:
    return not any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in element)


def _labelled_block(element: _Element, url: str, labels: LabelIndex, seen: set[_Element]) -> Iterator[FieldFound]:
    own = _text(element)
    if not own:
        return
    label = labels.match(own)
    if label is not None:
        if _in_tab_bar(element):
            # A tab's (or an accordion heading's) title: its value is the panel it opens, wherever that sits.
            panel = _panel_for(element)
            if panel is not None:
                seen.add(element)
                yield FieldFound(label, _text(panel)[:VALUE_MAX_CHARS], css_path(panel), _links(panel, url), "tab")
            return
        seen.add(element)
        yield from _heading_value(element, label, url, labels)
        return
    if element.tag in _BLOCK_TAGS and _is_leaf_block(element) and (pair := labels.prefix(own)) is not None:
        # `label：value` in one block; a value that runs on in the following blocks (a list of materials) is
        # taken with them when the line itself has none.
        seen.add(element)
        value, links, last = pair[1], _links(element, url), None
        if not value:
            extra, extra_links, last = _following(element, labels)
            value, links = extra, links + extra_links
        end = css_path(last) if last is not None else None
        yield FieldFound(pair[0], value[:VALUE_MAX_CHARS], css_path(element), links, "inline", end)


def _heading_value(element: _Element, label: str, url: str, labels: LabelIndex) -> Iterator[FieldFound]:
    parent = element.getparent()
    # `<p><strong>办理地点：</strong>青溪区…</p>`: the rest of the parent's text is the value.
    if element.tag in {"span", "strong", "b", "label", "em", "font"} and parent is not None:
        rest = _text(parent)
        own = _text(element)
        if rest.startswith(own) and len(rest) > len(own) and _is_leaf_block(parent):
            yield FieldFound(
                label, rest[len(own) :].strip(" ：:")[:VALUE_MAX_CHARS], css_path(parent), _links(parent, url), "inline"
            )
            return
    value, links, last = _following(element, labels)
    holder = element
    if (
        not value
        and parent is not None
        and parent.tag not in {"body", "html"}
        and len(_text(parent)) <= len(_text(element)) + 2
    ):
        # The label sits alone in a wrapper (div.hd > h4): the value follows the wrapper.
        value, links, last = _following(parent, labels)
        holder = parent
    end = css_path(last) if last is not None else None
    yield FieldFound(label, value[:VALUE_MAX_CHARS], css_path(holder), links, "heading", end)


def _following(element: _Element, labels: LabelIndex) -> tuple[str, tuple[str, ...], _Element | None]:
    """The text of the siblings after a label, up to the next label or heading, and the last sibling taken."""
    pieces: list[str] = []
    links: list[str] = []
    last: _Element | None = None
    if element.tail and element.tail.strip():
        pieces.append(element.tail)
    sibling = element.getnext()
    while sibling is not None:
        if isinstance(sibling.tag, str):
            text = _text(sibling)
            if labels.match(text) or labels.prefix(text) or _starts_with_label(sibling, labels):
                break
            if sibling.tag in _HEADING_TAGS and pieces:
                break
            pieces.append(text)
            links += [a.get("href") or "" for a in sibling.iter("a")]
            last = sibling
        if sibling.tail and sibling.tail.strip():
            pieces.append(sibling.tail)
        sibling = sibling.getnext()
        if sum(len(p) for p in pieces) > VALUE_MAX_CHARS:
            break
    return normalise_space(" ".join(pieces)), tuple(h for h in links if h), last


def _starts_with_label(element: _Element, labels: LabelIndex) -> bool:
    first = next((c for c in element if isinstance(c.tag, str)), None)
    return (
        first is not None
        and first.tag in _HEADING_TAGS | {"strong", "b", "dt", "th"}
        and labels.match(_text(first)) is not None
    )


def _in_tab_bar(element: _Element) -> bool:
    node: _Element | None = element
    for _ in range(3):
        if node is None:
            return False
        if node.get("role") in {"tab", "tablist"}:
            return True
        parent = node.getparent()
        if parent is not None and node.tag in {"li", "a", "span", "div", "button"}:
            siblings = [c for c in parent if isinstance(c.tag, str) and c.tag == node.tag]
            if (
                len(siblings) >= 3
                and _TAB_CLASS.search(f"{parent.get('class') or ''} {parent.get('id') or ''}")
                and all(len(_text(s)) <= LABEL_MAX_CHARS for s in siblings)
            ):
                return True
        node = parent
    return False


_TARGET_ATTRS = ("href", "data-target", "aria-controls", "data-href", "data-id", "data-panel")
_INDEX_ATTRS = ("data-i", "data-index", "data-tab", "data-idx", "index", "data-num")


def _panel_for(control: _Element) -> _Element | None:
    """The panel a tab or accordion title opens: by id (href="#x", data-target, aria-controls), by a shared
    index attribute (data-i="2" on both), by position among the panels after the tab bar, or, for an accordion
    heading, the block right after it."""
    doc = control.getroottree().getroot()
    nodes = [control, *control.iterdescendants(), *list(control.iterancestors())[:3]]
    for node in nodes:
        for attr in _TARGET_ATTRS:
            value = (node.get(attr) or "").strip()
            ident = value.removeprefix("#") if attr != "href" or value.startswith("#") else ""
            if ident and _CSS_ID.match(ident):
                found = doc.xpath(f'//*[@id="{ident}"]')
                if found and found[0] is not node and control not in found[0].iterancestors():
                    return found[0]
        for attr in _INDEX_ATTRS:
            value = node.get(attr)
            if value is not None and _CSS_ID.match(value):
                # data-tab="sdyj" opening #panel-sdyj
                by_id = doc.xpath(f'//*[@id and substring(@id, string-length(@id) - {len(value) - 1}) = "{value}"]')
                for other in by_id:
                    if other is not node and control not in other.iterancestors():
                        return other
            if value is not None:
                for other in doc.xpath(f'//*[@{attr}="{value}"]'):
                    related = node in other.iterancestors() or other in node.iterancestors()
                    if other is not node and not related and _text(other) != _text(node):
                        return other
    # Position: the i-th tab opens the i-th panel of the container after the bar.
    tab = next((n for n in [control, *control.iterancestors()] if _tab_siblings(n)), None)
    if tab is not None:
        siblings = _tab_siblings(tab)
        bar = tab.getparent()
        index = siblings.index(tab)
        holder = bar.getnext() if bar is not None else None
        while holder is not None and not isinstance(holder.tag, str):
            holder = holder.getnext()
        if holder is not None:
            panels = [c for c in holder if isinstance(c.tag, str)]
            if len(panels) == len(siblings):
                return panels[index]
            following = [holder, *[s for s in holder.itersiblings() if isinstance(s.tag, str)]]
            if len(following) >= len(siblings):
                return following[index]
    # An accordion heading: the block after its heading container.
    for node in [control, *list(control.iterancestors())[:3]]:
        after = node.getnext()
        if (
            after is not None
            and isinstance(after.tag, str)
            and (node.get("role") == "tab" or "collapse" in (after.get("class") or ""))
        ):
            return after
    return None


def _tab_siblings(node: _Element) -> list[_Element]:
    parent = node.getparent()
    if parent is None or node.tag not in {"li", "a", "span", "div", "button"}:
        return []
    siblings = [c for c in parent if isinstance(c.tag, str) and c.tag == node.tag]
    hint = f"{parent.get('class') or ''} {parent.get('id') or ''}"
    if len(siblings) >= 3 and (_TAB_CLASS.search(hint) or parent.get("role") == "tablist"):
        return siblings
    return []


def _tab_controls(root: _Element, labels: LabelIndex) -> Iterator[TabControl]:
    """Clickable tab or accordion titles (their panels may be hidden or loaded on click), one per title.

    A title is often nested clickables (li > a, div.panel-heading > h4 > a): each would qualify, and clicking all
    three toggles an accordion panel open, shut and open again. The innermost element carrying the title stands
    for it (it is where the handler usually sits, and a click on it reaches its ancestors' handlers too).
    """
    found: list[tuple[_Element, TabControl]] = []
    for element in root.iter():
        # A bootstrap ul.nav.nav-tabs looks like navigation furniture; inside a guide it is its tab bar.
        if not isinstance(element.tag, str) or (is_furniture(element) and not _in_tab_bar(element)):
            continue
        text = _text(element)
        if not text or len(text) > LABEL_MAX_CHARS:
            continue
        tabby = (
            element.get("role") == "tab"
            or element.get("onclick") is not None
            or element.get("data-tab") is not None
            or element.get("data-target") is not None
            or _in_tab_bar(element)
        )
        accordion = element.get("data-toggle") is not None or "collapse" in (element.get("class") or "")
        if (tabby or accordion) and (labels.match(text) or element.get("role") == "tab"):
            control = TabControl(text, css_path(element))
            # Document order visits an ancestor before its descendants: a descendant with the same title
            # replaces it.
            if found and found[-1][1].text == text and element in found[-1][0].iterdescendants():
                found[-1] = (element, control)
            elif all(c.selector != control.selector for _e, c in found):
                found.append((element, control))
    for _element, control in found:
        yield control


def _content_of(root: _Element, fields: list[FieldFound]) -> _Element | None:
    """The smallest element holding every field's row: the guide's content area."""
    if not fields:
        return None
    rows = [root.cssselect(f.selector) for f in fields]
    nodes = [r[0] for r in rows if r]
    if not nodes:
        return None
    ancestors = [list(n.iterancestors()) for n in nodes]
    common = [a for a in ancestors[0] if all(a in other for other in ancestors[1:])]
    if len(nodes) == 1:
        return nodes[0].getparent()
    return common[0] if common else None


def _form_links(
    root: _Element, url: str, extensions: tuple[str, ...], texts: tuple[str, ...]
) -> Iterator[FormLinkFound]:
    seen: set[str] = set()
    for anchor in root.iter("a"):
        if is_furniture(anchor):
            continue
        href = (anchor.get("href") or "").strip()
        text = link_text(anchor) or normalise_space(anchor.get("title") or "")
        absolute = clean_url(href, url)
        # The file's type shows in its path, or in a download script's query (downfile.jsp?filename=X.doc,
        # ?name=%E7%94%B3…申请书.wps).
        target = unquote(absolute or href).lower()
        path, _, query = target.partition("?")
        named = [path, *(v for v in re.split(r"[&=]", query) if "." in v)]
        why = (
            "form_file"
            if any(p.endswith(extensions) for p in named)
            else "form_text"
            if any(t in text for t in texts)
            else None
        )
        if why is None:
            continue
        key = canonical_url(absolute) if absolute else href + text
        if key in seen:
            continue
        seen.add(key)
        yield FormLinkFound(text[:200], href[:500], absolute, why, css_path(anchor))


def _page_text(root: _Element) -> str:
    pieces: list[str] = []

    def walk(node: _Element) -> None:
        if not isinstance(node.tag, str) or node.tag in {"script", "style", "noscript", "template"}:
            return
        if node.tag not in {"body", "html"} and is_furniture_region(node):
            return
        if node.text:
            pieces.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(root)
    return normalise_space(" ".join(pieces))


def is_furniture_region(node: _Element) -> bool:
    """Navigation, header and footer regions (side boxes are kept: a 温馨提示 box states channels)."""
    hint = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
    if node.tag in {"nav", "header", "footer"} or node.get("role") in {"navigation", "banner", "contentinfo"}:
        return True
    return bool(
        re.search(r"(?:^|[\s_-])(?:nav|menu|footer|foot|header|head|top|crumb|breadcrumb|copyright)(?:$|[\s_-])", hint)
    )


def panel_is_hidden(element: _Element) -> bool:
    return bool(_PANEL_HIDDEN.search(element.get("style") or "")) or element.get("hidden") is not None
