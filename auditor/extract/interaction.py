"""政务咨询 and 办事服务 entries, and 政务咨询 boards read into messages (issue #9, indicators.md §2, §7). Pure.

Entries: links whose text names a consultation channel (the indicator table's [classes.interaction] keywords)
and not an excluded one ([classes.interaction_excluded]: 在线访谈, 调查征集, 网上信访, 纪检举报), hubs (互动交流)
whose pages list the channels, and 办事服务 entries (办事服务/政务服务/网上办事/一网通办 texts, or a link to a
政务服务网 host). Boards: a list page's rows read for 留言时间 (ask) and 回复时间/状态 (reply): data tables by their
header labels, card and ul rows by the labels in the row; never 受理时间 or 发布时间 for a reply. A message page is
read for its labelled 留言时间 … 回复时间 blocks, and for a reply shown without a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from lxml.etree import _Element

from auditor.extract.dates import find_dates, parse_date_string
from auditor.extract.html import (
    SKIP_TAGS,
    anchor_text,
    canonical_url,
    class_and_id,
    clean_url,
    css_path,
    is_furniture,
    link_text,
    normalise_space,
    parse,
    row_text,
)
from auditor.extract.lists import NEXT_PAGE_TEXT

MAX_ROW_CHARS = 900  # a message row (title, labels, dates, a preview) is short; more is a region of the page
_COLON = re.compile(r"[\s:：\[\]【】]+")
_NOISE = re.compile(r"[\s:：\[\]【】()（）]+")


def _squash(text: str) -> str:
    return _NOISE.sub("", text)


# ---------------------------------------------------------------- entries


@dataclass(frozen=True)
class EntryWords:
    consult: tuple[str, ...]  # [classes.interaction] keywords
    excluded: tuple[str, ...]  # [classes.interaction_excluded] keywords plus values.interaction_entry_excluded
    hubs: tuple[str, ...]  # values.interaction_hub_words
    service: tuple[str, ...]  # values.service_entry_words
    service_hosts: tuple[str, ...]  # values.service_portal_hosts (regexes on the host)
    max_chars: int = 16

    @classmethod
    def of(cls, settings: Any) -> EntryWords:
        """From the indicator table (an IndicatorSettings)."""
        from auditor.model.indicators import ColumnClass  # noqa: PLC0415

        return cls(
            consult=tuple(settings.classes[ColumnClass.INTERACTION].keywords),
            excluded=tuple(settings.classes[ColumnClass.INTERACTION_EXCLUDED].keywords)
            + tuple(settings.value("interaction_entry_excluded")),
            hubs=tuple(settings.value("interaction_hub_words")),
            service=tuple(settings.value("service_entry_words")),
            service_hosts=tuple(settings.value("service_portal_hosts")),
            max_chars=int(settings.value("interaction_entry_max_chars")),
        )


@dataclass(frozen=True)
class EntryFound:
    text: str
    url: str | None
    why: str
    kind: str  # consultation | hub | excluded | service | portal
    selector: str


@dataclass
class EntriesFound:
    consultation: list[EntryFound] = field(default_factory=list)
    hubs: list[EntryFound] = field(default_factory=list)
    excluded: list[EntryFound] = field(default_factory=list)
    service: list[EntryFound] = field(default_factory=list)
    area_selector: str | None = None  # the page's navigation (where an entry belongs)


def classify_name(text: str, words: EntryWords) -> tuple[str, str] | None:
    """(kind, why) of a link text or column name: excluded beats hub beats consultation; service apart."""
    name = _squash(text)
    if not name or len(name) > words.max_chars:
        return None
    if hit := next((w for w in words.excluded if w in name), None):
        return "excluded", hit
    if hit := next((w for w in words.hubs if w in name), None):
        return "hub", hit
    if hit := next((w for w in words.consult if w in name), None):
        return "consultation", hit
    if hit := next((w for w in words.service if w in name), None):
        return "service", hit
    return None


def service_host(url: str | None, words: EntryWords) -> str | None:
    """The pattern a link's host matches when it is a 政务服务网 / 一网通办 portal."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return next((p for p in words.service_hosts if re.search(p, host)), None)


def nav_selector(doc: _Element) -> str | None:
    """The page's main navigation: <nav>, role=navigation, or a block whose class/id starts with nav/menu."""
    for element in doc.iter():
        if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
            continue
        if element.tag == "nav" or element.get("role") == "navigation":
            return css_path(element)
        if element.tag in {"div", "ul", "section"} and any(
            re.match(r"^(?:[a-z]{1,3}[-_])?(?:nav|menu)", token, re.IGNORECASE)
            for token in class_and_id(element).split()
        ):
            return css_path(element)
    return None


def find_entries(html: str, page_url: str, words: EntryWords) -> EntriesFound:
    """Consultation, hub, excluded and service entries among a page's links, each URL once per kind."""
    doc = parse(html)
    found = EntriesFound(area_selector=nav_selector(doc))
    seen: set[tuple[str, str]] = set()
    for anchor in doc.iter("a"):
        text = anchor_text(anchor)
        url = clean_url(anchor.get("href"), page_url)
        kinds: list[tuple[str, str]] = []
        named = classify_name(text, words)
        if named is not None:
            kinds.append(named)
        if (host := service_host(url, words)) is not None and (named is None or named[0] != "service"):
            kinds.append(("portal", host))
        for kind, why in kinds:
            key = (kind, canonical_url(url) if url else text)
            if key in seen:
                continue
            seen.add(key)
            entry = EntryFound(text=text[:60], url=url, why=why, kind=kind, selector=css_path(anchor))
            target = {
                "consultation": found.consultation,
                "hub": found.hubs,
                "excluded": found.excluded,
            }.get(kind, found.service)
            target.append(entry)
    return found


# ---------------------------------------------------------------- boards


@dataclass(frozen=True)
class BoardWords:
    ask_labels: tuple[str, ...]
    reply_labels: tuple[str, ...]
    state_labels: tuple[str, ...]
    title_labels: tuple[str, ...]
    replied_states: tuple[str, ...]
    unreplied_states: tuple[str, ...]
    reply_blocks: tuple[str, ...]  # 回复内容, 答复意见: a reply shown (perhaps without its date)
    unreplied_sentence: str = ""  # 该留言尚未回复: a message page saying it has no answer yet

    @classmethod
    def of(cls, settings: Any) -> BoardWords:
        v = settings.value
        return cls(
            ask_labels=tuple(v("board_ask_labels")),
            reply_labels=tuple(v("board_reply_labels")),
            state_labels=tuple(v("board_state_labels")),
            title_labels=tuple(v("board_title_labels")),
            replied_states=tuple(v("board_replied_states")),
            unreplied_states=tuple(v("board_unreplied_states")),
            reply_blocks=tuple(v("board_reply_blocks")),
            unreplied_sentence=str(v("board_unreplied_sentence")),
        )

    def role(self, label: str | None) -> str | None:
        """ask | reply | state | title for a label (header cell, 留言时间：…), by its ending; None otherwise."""
        if not label:
            return None
        name = _squash(label)
        if not name or len(name) > 10:
            return None
        for role, labels in (
            ("ask", self.ask_labels),
            ("reply", self.reply_labels),
            ("state", self.state_labels),
            ("title", self.title_labels),
        ):
            if any(name == w or (name.endswith(w) and len(name) - len(w) <= 4) for w in labels):
                return role
        return None

    def state(self, text: str) -> tuple[bool, str] | None:
        """(replied, the state as shown) for a short state text: 已回复 → True, 未回复/办理中 → False."""
        shown = _squash(text)
        for label in sorted(self.state_labels, key=len, reverse=True):
            if shown.startswith(label):
                shown = shown[len(label) :]
                break
        if not shown or len(shown) > 8:
            return None
        # Not-replied words first: 未办结 contains 办结.
        if any(w in shown for w in self.unreplied_states):
            return False, shown
        if any(w in shown for w in self.replied_states):
            return True, shown
        return None


@dataclass
class MessageRow:
    title: str = ""
    url: str | None = None
    asked: date | None = None
    asked_label: str | None = None
    answered: date | None = None
    answered_label: str | None = None
    year_inferred: bool = False
    state_text: str | None = None
    replied: bool | None = None
    selector: str | None = None


@dataclass
class BoardPage:
    rows: list[MessageRow] = field(default_factory=list)
    layout: str = ""  # table | rows | ""
    next_url: str | None = None
    has_scripts: bool = False


def _cell_date(text: str, as_of: date) -> tuple[date, bool] | None:
    value = parse_date_string(text)
    if value is not None:
        return value, False
    found = find_dates(text, as_of=as_of)
    return (found[0].value, found[0].year_inferred) if found else None


def _header_cells(tr: _Element) -> list[_Element]:
    return [c for c in tr if isinstance(c.tag, str) and c.tag in {"td", "th"}]


def _state_in(element: _Element, words: BoardWords) -> tuple[bool, str] | None:
    """A state badge or cell among the element's short texts (its own, or a labelled 状态：已回复)."""
    for node in element.iter():
        if not isinstance(node.tag, str) or node.tag in SKIP_TAGS:
            continue
        own = normalise_space(" ".join(t for t in (node.text, *(c.tail for c in node)) if t))
        if own and (found := words.state(own)) is not None:
            return found
    for line in row_text(element).splitlines():
        if (found := words.state(line)) is not None:
            return found
    return None


def _title_of(row: _Element) -> tuple[str, str | None, _Element | None]:
    best: _Element | None = None
    for anchor in row.iter("a"):
        text = link_text(anchor)
        if not text or NEXT_PAGE_TEXT.match(text) or re.fullmatch(r"(?:详情|查看|查看详情|更多|>>|»)", text):
            continue
        if best is None or len(text) > len(link_text(best)):
            best = anchor
    if best is None:
        return "", None, None
    return link_text(best), best.get("href"), best


def _table_rows(doc: _Element, url: str, as_of: date, words: BoardWords) -> list[MessageRow]:
    rows: list[MessageRow] = []
    for table in doc.iter("table"):
        trs = [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]
        header_at, roles = None, {}
        for n, tr in enumerate(trs[:3]):
            cells = _header_cells(tr)
            found = {i: r for i, c in enumerate(cells) if (r := words.role(normalise_space(c.text_content())))}
            if "ask" in found.values() and tr.find(".//a") is None:
                header_at, roles = n, found
                break
        if header_at is None:
            continue
        width = len(_header_cells(trs[header_at]))
        for tr in trs[header_at + 1 :]:
            cells = _header_cells(tr)
            if len(cells) != width:
                continue
            row = MessageRow(selector=css_path(tr))
            title, href, _anchor = _title_of(tr)
            for i, role in roles.items():
                text = normalise_space(cells[i].text_content())
                header = normalise_space(_header_cells(trs[header_at])[i].text_content())
                if role == "ask" and (got := _cell_date(text, as_of)):
                    row.asked, inferred = got
                    row.asked_label = _squash(header)
                    row.year_inferred |= inferred
                elif role == "reply" and (got := _cell_date(text, as_of)):
                    row.answered, inferred = got
                    row.answered_label = _squash(header)
                    row.year_inferred |= inferred
                elif role in {"reply", "state"} and text and (state := words.state(text)) is not None:
                    row.replied, row.state_text = state
                elif role == "title" and not title:
                    title = text
            if row.state_text is None and (state := _state_in(tr, words)) is not None:
                row.replied, row.state_text = state
            if row.answered is not None and row.replied is None:
                row.replied = True
            row.title, row.url = title, clean_url(href, url)
            if row.asked is not None or row.title:
                rows.append(row)
    return rows


def _labelled_dates(text: str, as_of: date, words: BoardWords) -> list[tuple[str, date, str, bool]]:
    """(role, date, label, year inferred) of every ask- or reply-labelled date in a text."""
    out = []
    for found in find_dates(text, as_of=as_of):
        role = words.role(found.label)
        if role in {"ask", "reply"} and found.label:
            out.append((role, found.value, found.label, found.year_inferred))
    return out


def _card_rows(doc: _Element, url: str, as_of: date, words: BoardWords) -> list[MessageRow]:
    """Rows that are not table rows: the largest element holding exactly one ask-labelled date."""
    body = doc.find("body")
    root = body if body is not None else doc
    counts: dict[_Element, int] = {}

    def asks(element: _Element) -> int:
        if element not in counts:
            counts[element] = sum(1 for role, *_ in _labelled_dates(row_text(element), as_of, words) if role == "ask")
        return counts[element]

    rows: list[_Element] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in SKIP_TAGS or element.tag in {"tr", "td", "th"}:
            continue
        if next(element.iterancestors("table"), None) is not None:
            continue
        if element.tag not in {"li", "div", "dl", "article", "section", "p"} or is_furniture(element):
            continue
        text = element.text_content()
        if len(text) > MAX_ROW_CHARS or not any(w in text for w in words.ask_labels):
            continue
        if asks(element) != 1:
            continue
        parent = element.getparent()
        if (
            parent is not None
            and parent is not root
            and len(parent.text_content()) <= MAX_ROW_CHARS
            and parent.tag in {"li", "div", "dl", "article", "section", "p"}
            and asks(parent) == 1
        ):
            continue  # the parent is the row
        if any(r in element.iterancestors() for r in rows):
            continue
        rows.append(element)
    out: list[MessageRow] = []
    for element in rows:
        row = MessageRow(selector=css_path(element))
        for role, value, label, inferred in _labelled_dates(row_text(element), as_of, words):
            if role == "ask" and row.asked is None:
                row.asked, row.asked_label = value, _squash(label)
                row.year_inferred |= inferred
            elif role == "reply" and row.answered is None:
                row.answered, row.answered_label = value, _squash(label)
                row.year_inferred |= inferred
        if (state := _state_in(element, words)) is not None:
            row.replied, row.state_text = state
        if row.answered is not None and row.replied is None:
            row.replied = True
        title, href, _anchor = _title_of(element)
        if not title:
            for line in row_text(element).splitlines():
                name, _, shown = line.replace(":", "：").partition("：")
                if words.role(name) == "title" and shown.strip():
                    title = normalise_space(shown)
                    break
        row.title, row.url = title, clean_url(href, url)
        out.append(row)
    return out


def next_page(doc: _Element, url: str) -> str | None:
    for anchor in doc.iter("a"):
        text = normalise_space(anchor.text_content())
        target = clean_url(anchor.get("href"), url)
        if target and NEXT_PAGE_TEXT.match(text) and canonical_url(target) != canonical_url(url):
            return target
    return None


def read_board_list(html: str, url: str, *, as_of: date, words: BoardWords) -> BoardPage:
    """The messages a board's list page shows, with their ask and reply dates or states, and its next page."""
    doc = parse(html)
    page = BoardPage(next_url=next_page(doc, url), has_scripts=doc.find(".//script") is not None)
    rows = _table_rows(doc, url, as_of, words)
    if rows:
        page.rows, page.layout = rows, "table"
        return page
    rows = _card_rows(doc, url, as_of, words)
    if rows:
        page.rows, page.layout = rows, "rows"
    return page


@dataclass
class MessageDetail:
    title: str = ""
    asked: date | None = None
    asked_label: str | None = None
    answered: date | None = None
    answered_label: str | None = None
    year_inferred: bool = False
    state_text: str | None = None
    replied: bool | None = None


def _blocks_shown(root: _Element, labels: Iterable[str]) -> bool:
    """A reply block (回复内容：… with text after it) is on the page."""
    text = row_text(root)
    for label in labels:
        for match in re.finditer(re.escape(label) + r"[ \t]*[:：]?[ \t]*\n?(?P<v>[^\n]{0,40})", text):
            value = _squash(match["v"])
            if len(value) >= 4 and not re.match(r"^(?:暂无|无|尚未|未|待)", value):
                return True
    return False


def read_message_detail(html: str, _url: str, *, as_of: date, words: BoardWords) -> MessageDetail:
    """A message page: its labelled 留言时间 and 回复时间 (never 发布时间/受理时间), state, and a reply shown."""
    doc = parse(html)
    body = doc.find("body")
    root = body if body is not None else doc
    detail = MessageDetail()
    heading = root.find(".//h1")
    detail.title = normalise_space(heading.text_content()) if heading is not None else ""
    text = row_text(root)
    for role, value, label, inferred in _labelled_dates(text, as_of, words):
        if role == "ask" and detail.asked is None:
            detail.asked, detail.asked_label = value, _squash(label)
            detail.year_inferred |= inferred
        elif role == "reply" and detail.answered is None:
            detail.answered, detail.answered_label = value, _squash(label)
            detail.year_inferred |= inferred
    # Label/value pairs in separate cells (<th>留言时间</th><td>…</td>) that the text did not pair.
    for element in root.iter("th", "td", "dt", "span", "label", "strong", "b"):
        cell_role = words.role(normalise_space(element.text_content()))
        if cell_role not in {"ask", "reply"}:
            continue
        sibling = element.getnext()
        if sibling is None:
            continue
        got = _cell_date(normalise_space(sibling.text_content()), as_of)
        if got is None:
            continue
        if cell_role == "ask" and detail.asked is None:
            detail.asked, detail.asked_label = got[0], _squash(element.text_content())
            detail.year_inferred |= got[1]
        elif cell_role == "reply" and detail.answered is None:
            detail.answered, detail.answered_label = got[0], _squash(element.text_content())
            detail.year_inferred |= got[1]
    if (state := _state_in(root, words)) is not None:
        detail.replied, detail.state_text = state
    elif detail.answered is None and words.unreplied_sentence:
        said = re.search(words.unreplied_sentence, text)
        if said is not None:
            detail.replied, detail.state_text = False, said[0]
    if detail.answered is not None or (detail.replied is None and _blocks_shown(root, words.reply_blocks)):
        detail.replied = True
    return detail


__all__ = [
    "BoardPage",
    "BoardWords",
    "EntriesFound",
    "EntryFound",
    "EntryWords",
    "MessageDetail",
    "MessageRow",
    "classify_name",
    "find_entries",
    "nav_selector",
    "next_page",
    "read_board_list",
    "read_message_detail",
    "service_host",
]
