"""政策解读 and 政策文件 pages: the document an interpretation names, the links that may lead to it, and a policy
page's links back.

An interpretation names its document in its title or lead: 《青溪区…办法》政策解读, 关于《…》的解读, 一图读懂《…》,
…负责人就《…》答记者问, or only a 文号 (沪府规〔2021〕5号文件解读). The links that may lead to the document are
those whose text is 原文 / 政策原文 / 相关文件 / 原文链接 (the indicator table's list), names the document
(its 《title》 or the title itself), or, on an image-only 一图读懂 page, sit in the captions around the image.
Whether a link really reaches the document is decided after the gatherer has followed it
(auditor.computed.interpretation_status).

Pure: HTML in, facts out; the word lists come from the indicator table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml.html import HtmlElement as _Element

from auditor.extract.html import (
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

LEAD_CHARS = 400
_NAMED = re.compile(r"《([^《》]{2,120})》")
# 文号: 机关代字〔年份〕序号号 — brackets vary (〔〕 [] ［］ () （）), 第 and spaces appear.
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?\s*\d{1,4}\s*号")
_PUNCT = re.compile(r"[\s\u3000《》〈〉<>“”\"'‘’「」『』（）()\[\]【】〔〕,，.。、:：;；!！?？·—\-_/|]+")
_SITE_SUFFIX = re.compile(r"\s*[_|\-–—]\s*[^_|\-–—]{2,40}$")
_CONTENT_HINT = re.compile(r"article|content|detail|main|text|zw|TRS_Editor|con|show|view|info|xl", re.IGNORECASE)


@dataclass(frozen=True)
class LinkFound:
    text: str
    href: str
    url: str | None
    why: str  # link_text | named_title | caption | content
    selector: str


@dataclass(frozen=True)
class InterpretationReading:
    heading: str
    lead: str
    named_titles: tuple[str, ...]
    doc_numbers: tuple[str, ...]
    candidates: tuple[LinkFound, ...]
    other_links: tuple[LinkFound, ...]  # the content's other links: followed when no candidate names the document
    image_only: bool
    content_selector: str | None


@dataclass(frozen=True)
class PolicyReading:
    title: str
    doc_number: str | None
    back_links: tuple[LinkFound, ...]
    links: tuple[LinkFound, ...]  # every content link: one may lead to a known interpretation whatever its text
    content_selector: str | None


def squash_title(text: str) -> str:
    """A title for comparison: no punctuation, brackets or spaces."""
    return _PUNCT.sub("", text)


def named_document(title: str, strip_words: Iterable[str]) -> str:
    """What an interpretation's title names when it has no 《》: the title without 解读/图解/问答 wording."""
    text = title
    for word in sorted(strip_words, key=len, reverse=True):
        text = text.replace(word, "")
    text = re.sub(r"^关于", "", text)
    return squash_title(text)


def document_title(doc: _Element) -> str:
    """A page's own document title: ArticleTitle meta, else the first h1 (or h2), else <title> without the site."""
    meta = page_meta(doc)
    for name in ("ArticleTitle", "articletitle", "title", "Title"):
        if meta.get(name):
            return normalise_space(meta[name])
    for tag in ("h1", "h2"):
        heading = doc.find(f".//body//{tag}")
        if heading is not None and (text := normalise_space(heading.text_content())) and not is_furniture(heading):
            return text
    return _SITE_SUFFIX.sub("", page_title(doc))


def _content(doc: _Element) -> _Element:
    """The article's content area: the largest non-furniture block whose class names content, else <body>."""
    body = doc.find(".//body")
    root = body if body is not None else doc
    best: tuple[int, _Element] | None = None
    for element in root.iter("div", "article", "section", "td", "main"):
        hint = f"{element.get('class') or ''} {element.get('id') or ''}"
        if not _CONTENT_HINT.search(hint) or is_furniture(element):
            continue
        size = len(normalise_space(element.text_content())) + 200 * len(element.findall(".//img"))
        if best is None or size > best[0]:
            best = (size, element)
    return best[1] if best is not None and best[0] >= 20 else root


def _lead(content: _Element, heading: str) -> str:
    text = normalise_space(" ".join(t for t in content.itertext()))
    if heading and text.startswith(heading):
        text = text[len(heading) :]
    return text[:LEAD_CHARS].strip()


def _links(
    root: _Element, base_url: str, *, skip_furniture: bool = True
) -> Iterator[tuple[_Element, str, str, str | None]]:
    for anchor in root.iter("a"):
        if skip_furniture and is_furniture(anchor):
            continue
        href = (anchor.get("href") or "").strip()
        text = link_text(anchor) or normalise_space(anchor.get("title") or "")
        if not text:
            image = anchor.find(".//img")
            text = normalise_space(image.get("alt") or "") if image is not None else ""
        yield anchor, href, text, clean_url(href, base_url)


_NAVIGATION = re.compile(r"crumb|position|location|dqwz|weizhi|(?:^|[\s_-])(?:nav|menu|pos)(?:$|[\s_-])", re.IGNORECASE)


_INTERPRETATION_WORDS = re.compile(r"解读|图解|一图|问答|答记者问|看懂")


def _near_picture(anchor: _Element) -> bool:
    """A caption's link: inside a figcaption, or in a block (up to three levels up) that holds a picture."""
    for depth, node in enumerate(anchor.iterancestors()):
        if node.tag == "figcaption" or (node.tag != "body" and node.find(".//img") is not None):
            return True
        if depth >= 2:
            return False
    return False


def _in_navigation(anchor: _Element, stop: _Element) -> bool:
    for node in anchor.iterancestors():
        if node is stop:
            return False
        if node.tag == "nav" or _NAVIGATION.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False


def read_interpretation(
    html: str, url: str, *, link_texts: Iterable[str], strip_words: Iterable[str]
) -> InterpretationReading:
    doc = parse(html)
    heading = document_title(doc)
    content = _content(doc)
    lead = _lead(content, heading)
    named: list[str] = []
    for source in (heading, lead):
        for match in _NAMED.finditer(source):
            if match[1] not in named:
                named.append(match[1])
    numbers: list[str] = []
    for source in (heading, lead):
        for match in DOC_NUMBER.finditer(source):
            if (number := re.sub(r"\s+", "", match[0])) not in numbers:
                numbers.append(number)
    images = content.findall(".//img")
    text_chars = len(normalise_space(content.text_content()))
    # 一图读懂: pictures with captions; a few pictures and little text, or one picture and almost none.
    image_only = bool(images) and (
        text_chars < 120 + 2 * len(heading) or (len(images) >= 2 and text_chars < 400 + 2 * len(heading))
    )
    if not named and image_only:
        # The document is often named only in a caption under the pictures.
        for match in _NAMED.finditer(normalise_space(content.text_content())[:3000]):
            if match[1] not in named:
                named.append(match[1])
    texts = tuple(link_texts)
    squashed_named = [squash_title(n) for n in named] or [named_document(heading, strip_words)]
    candidates: list[LinkFound] = []
    others: list[LinkFound] = []
    # Inside the article's own block every link is the article's (a 相关链接 box has link-list classes that mark
    # furniture elsewhere); only when no such block is found are the page's menus and footers left out.
    for anchor, href, text, absolute in _links(content, url, skip_furniture=content.tag == "body"):
        if _in_navigation(anchor, content):
            continue  # a breadcrumb or menu inside the article block (当前位置: 首页 > 政策文件)
        squashed = squash_title(text)
        why = None
        if any(t in text for t in texts) and len(text) <= 60 + max((len(n) for n in named), default=0):
            why = "link_text"
        elif _INTERPRETATION_WORDS.search(text):
            why = None  # another interpretation of the document (a 相关解读 / 一图读懂 box), not the document
        elif squashed and any(
            len(n) >= 4 and (n in squashed or (len(squashed) >= 6 and squashed in n)) for n in squashed_named
        ):
            why = "named_title"
        elif image_only and absolute is not None and anchor.find(".//img") is None and _near_picture(anchor):
            why = "caption"
        found = LinkFound(text[:200], href[:500], absolute, why or "content", css_path(anchor))
        if why is not None:
            candidates.append(found)
        elif absolute is not None and len(text) >= 4:
            others.append(found)
    return InterpretationReading(
        heading=heading,
        lead=lead,
        named_titles=tuple(named),
        doc_numbers=tuple(numbers),
        candidates=tuple(candidates),
        other_links=tuple(others),
        image_only=image_only,
        content_selector=css_path(content) if content.tag != "body" else None,
    )


def read_policy(html: str, url: str, *, back_link_texts: Iterable[str]) -> PolicyReading:
    doc = parse(html)
    title = document_title(doc)
    content = _content(doc)
    body = doc.find(".//body")
    # Text node by text node: minified markup runs the heading into the 文号 line ("的通知青府发〔2021〕12号").
    numbers = DOC_NUMBER.findall(row_text(body if body is not None else doc)[:6000])
    texts = tuple(back_link_texts)
    back: list[LinkFound] = []
    links: list[LinkFound] = []
    # The 相关解读 box often sits beside the content (a side box), not inside it: the whole page is searched. A
    # menu's 政策解读 link counts as a link back too, which can only spare a page a finding, never give one.
    for _anchor, href, text, absolute in _links(body if body is not None else doc, url, skip_furniture=False):
        if any(t in text for t in texts):
            back.append(LinkFound(text[:200], href[:500], absolute, "back_text", css_path(_anchor)))
        elif absolute is not None:
            links.append(LinkFound(text[:200], href[:500], absolute, "link", css_path(_anchor)))
    return PolicyReading(
        title=title,
        doc_number=re.sub(r"\s+", "", numbers[0]) if numbers else None,
        back_links=tuple(back),
        links=tuple(links),
        content_selector=css_path(content) if content.tag != "body" else None,
    )


def titles_match(named: str, target: str) -> bool:
    """The named title and a page's title are the same document: one contains the other, punctuation aside.

    A policy page's title often wraps the document (关于印发《X办法》的通知), and an interpretation may name the
    wrapper or the document; a short name (《意见》) matches nothing on its own.
    """
    a, b = squash_title(named), squash_title(target)
    if len(a) < 4 or len(b) < 4:
        return False
    return a in b or b in a
