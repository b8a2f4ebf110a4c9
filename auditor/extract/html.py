"""HTML helpers shared by the extractors: decoding, parsing, region tests, CSS paths, row text.

Pure functions over bytes and lxml trees; no browser, no network.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

# Charset names as they appear in Content-Type headers and <meta> tags. GBK and GB2312 pages are decoded
# as GB18030, their superset, because real "GB2312" pages routinely contain GBK-only characters.
HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn"})
# The byte-order marks browsers honour (WHATWG "BOM sniff"); a BOM beats any header or <meta>.
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# A <meta> charset is looked for in the whole <head>, up to this many bytes. Browsers prescan only 1024
# bytes, but CMS templates put kilobytes of <script> and <link> first, and a <meta> met later in the head
# still switches a browser's encoding while it is only guessing (HTML spec, "in head", meta).
META_SCAN_BYTES = 64 * 1024
HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
HTML_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)  # a commented-out <meta> is not a declaration
# The Python codec for each encoding browsers implement, keyed by Python's canonical name for a label.
# A label Python knows but browsers do not (utf-7, utf-32, rot13, unicode_escape, hz) counts as unknown;
# labels whose encoding browsers widen are widened the same way (WHATWG: latin-1 and ascii are windows-1252).
WEB_CODECS: dict[str, str] = {
    **{
        name: name
        for name in (
            "utf-8",
            "utf-16-le",
            "utf-16-be",
            "gb18030",
            "big5hkscs",
            "euc_jp",
            "iso2022_jp",
            "cp932",
            "cp949",
            "cp866",
            "cp874",
            "koi8-r",
            "koi8-u",
            "mac-roman",
            *(f"cp{number}" for number in range(1250, 1259)),
            *(f"iso8859-{number}" for number in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
        )
    },
    "utf-16": "utf-16-le",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
}

# Regions that are page furniture, not content: their links and lists are never a column's items.
FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside"})
CONTENT_TAGS = frozenset({"article", "section", "main"})
FURNITURE_WORDS = (
    r"(?:nav|navbar|menu|menus|header|foot|footer|bottom|copyright|banner|crumbs?|breadcrumbs?|"
    r"position|pos|location|dqwz|sidebar|side|tree|share|search|login|topbar|toolbar|friendlink|links?)"
)
# A furniture word names the region only at the head or the tail of a class token ("footer-wrap", "site-nav",
# "g-header-inner" after a short namespace): in the middle it is a part of a component's own name or state
# ("ant-table-scroll-position-left", "taglib-search-iterator").
FURNITURE_TOKEN = re.compile(
    rf"^(?:[a-z]{{1,3}}[-_])?{FURNITURE_WORDS}(?:$|[-_\d])|[-_]{FURNITURE_WORDS}\d*$", re.IGNORECASE
)
# A search container, iterator or result set (Liferay's "lfr-search-container") holds a search-backed column's
# list: it is the page's content, not its search box.
SEARCH_RESULTS_TOKEN = re.compile(r"search[-_]?(?:results?|iterator|container)", re.IGNORECASE)
# Class tokens that state what an element lacks or holds ("no-footer" on a DataTables table, "without-secondary-menu"
# on a Drupal header, "has-sidebar"): they say nothing about what the element is, so no region test reads them.
NEGATED_CLASS = re.compile(r"(?:^|\s)(?:no|without|has|with)-[\w-]*", re.IGNORECASE)
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "select", "option", "head"})
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "tr",
        "td",
        "th",
        "dd",
        "dt",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "span",
        "em",
        "i",
    }
)
FILE_SUFFIX = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|et|zip|rar|7z|jpg|jpeg|png|gif|mp4|mp3|apk)$", re.IGNORECASE)
CSS_IDENT = re.compile(r"^[A-Za-z_][\w-]*$")


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode a page in the charset decide_charset picks (the answer the browser path is to be given too)."""
    codec, how, text = _decide_charset(body, content_type)
    if text is None:
        # One answer per page: bytes the decided charset cannot map become U+FFFD, as in a browser, instead
        # of sending the whole page to another charset.
        text = body.decode(codec, errors="replace")
    return text.removeprefix("\ufeff") if how == "bom" else text


def decide_charset(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(Python codec, how it was decided): BOM, then the header's charset, then a <meta> in the head, then
    a strict UTF-8 trial, else GB18030. "how" is "bom", "header", "meta", "utf-8 trial" or "gb18030 fallback".
    """
    codec, how, _text = _decide_charset(body, content_type)
    return codec, how


def _decide_charset(body: bytes, content_type: str | None) -> tuple[str, str, str | None]:
    """decide_charset, plus the text when the UTF-8 trial already decoded it (a page is not decoded twice)."""
    for bom, codec in BOMS:
        if body.startswith(bom):
            return codec, "bom", None
    if content_type and (match := HEADER_CHARSET.search(content_type)) and (label := _web_codec(match.group(1))):
        return label, "header", None
    if meta := _meta_codec(body):
        return meta, "meta", None
    try:
        return "utf-8", "utf-8 trial", body.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030", "gb18030 fallback", None


def _web_codec(label: str) -> str | None:
    """The Python codec for a charset label, or None for a label browsers do not know."""
    name = label.strip().strip("\"'").lower()
    if name in GB_FAMILY:
        return "gb18030"
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return WEB_CODECS.get(canonical)


def _meta_codec(body: bytes) -> str | None:
    """The first <meta> charset in the head with a label browsers know; later ones are tried if it is not."""
    head = HTML_COMMENT.sub(b"", body[:META_SCAN_BYTES])
    if end := HEAD_END.search(head):
        head = head[: end.start()]
    for match in META_CHARSET.finditer(head):
        if codec := _web_codec(match.group(1).decode("ascii", "ignore")):
            # WHATWG: a <meta> readable as ASCII means the page is not UTF-16, whatever it says.
            return "utf-8" if codec.startswith("utf-16") else codec
    return None


def parse(html: str) -> _Element:
    """Parse HTML into an lxml tree; an empty or unparsable document gives an empty <html>."""
    # lxml refuses str input that carries an XML encoding declaration; strip it.
    text = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        return lxml_html.document_fromstring(text or "<html></html>")
    except (ParserError, ValueError):
        return lxml_html.document_fromstring("<html></html>")


def page_meta(doc: _Element) -> dict[str, str]:
    """<meta name=…> values, names as written (SiteIDCode, ColumnName, ColumnType, PubDate, …)."""
    meta: dict[str, str] = {}
    for element in doc.iter("meta"):
        name = element.get("name") or element.get("property")
        content = element.get("content")
        if name and content is not None and name not in meta:
            meta[name.strip()] = content.strip()
    return meta


def page_title(doc: _Element) -> str:
    title = doc.find(".//title")
    return normalise_space(title.text_content()) if title is not None else ""


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u3000", " ").replace("\xa0", " ")).strip()


def class_and_id(element: _Element) -> str:
    classes = NEGATED_CLASS.sub(" ", element.get("class") or "")
    return f"{classes} {element.get('id') or ''}"


def is_furniture(element: _Element) -> bool:
    """True when the element or an ancestor is navigation, header, footer, sidebar or similar."""
    node: _Element | None = element
    # <body>'s classes describe the whole page (WordPress: "has-sidebar"), never a region of it.
    while node is not None and isinstance(node.tag, str) and node.tag not in {"body", "html"}:
        if node.tag in {"header", "footer"}:
            # An HTML5 <header>/<footer> inside <article>, <section> or <main> is a post's own, not the page's.
            if not any(a.tag in CONTENT_TAGS for a in node.iterancestors()):
                return True
        elif node.tag in FURNITURE_TAGS or node.get("role") in {"navigation", "contentinfo", "banner"}:
            return True
        if node.tag not in {"span", "a", "em", "i", "b", "strong", "font"} and _furniture_class(node):
            return True
        node = node.getparent()
    return False


def _furniture_class(element: _Element) -> bool:
    return any(
        FURNITURE_TOKEN.search(token) and not SEARCH_RESULTS_TOKEN.search(token)
        for token in class_and_id(element).split()
    )


def clean_url(href: str | None, base: str) -> str | None:
    """Absolute http(s) URL without fragment, or None for javascript:, mailto:, empty links."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("javascript:", "mailto:", "tel:", "#", "data:")):
        return None
    url, _fragment = urldefrag(urljoin(base, href))
    if not url.startswith(("http://", "https://")):
        return None
    return url


@lru_cache(maxsize=4096)
def canonical_url(url: str) -> str:
    """The identity of a page: scheme and host lower-cased, index.html dropped, no fragment."""
    parts = urlsplit(url)
    path = re.sub(r"/(?:index|default)\.(?:s?html?|jsp|aspx?|php)$", "/", parts.path or "/", flags=re.IGNORECASE)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def is_file_url(url: str) -> bool:
    return bool(FILE_SUFFIX.search(urlsplit(url).path))


def css_path(element: _Element) -> str:
    """A CSS selector that finds this element again in the same DOM (browser or lxml)."""
    parts: list[str] = []
    node: _Element | None = element
    while node is not None and isinstance(node.tag, str) and node.tag != "html":
        ident = node.get("id")
        if ident and CSS_IDENT.match(ident):
            parts.append(f"{node.tag}#{ident}")
            break
        parent = node.getparent()
        if parent is None or node.tag == "body":
            parts.append(node.tag)
        else:
            same = [child for child in parent if child.tag == node.tag]
            parts.append(node.tag if len(same) == 1 else f"{node.tag}:nth-of-type({same.index(node) + 1})")
        node = parent
    return " > ".join(reversed(parts))


def row_text(element: _Element) -> str:
    """An element's visible text with separate text nodes on separate lines.

    The date extractor treats a date alone on its line (its own <span>/<td>) as a list date, and a date
    inside running text (a title) as not one. A label ending in a colon stays on the line of its value.
    """
    pieces: list[str] = []
    _collect_text(element, pieces, top=True)
    lines: list[str] = []
    for piece in (normalise_space(p) for p in pieces):
        if not piece:
            continue
        if lines and lines[-1].endswith((":", "：")):
            lines[-1] += piece
        else:
            lines.append(piece)
    return "\n".join(lines)


def _collect_text(node: _Element, pieces: list[str], *, top: bool = False) -> None:
    if node.tag == "a" and not top:
        # A link is one title: dates inside it are running text, never a date of their own.
        pieces.append(link_text(node))
    elif isinstance(node.tag, str) and node.tag not in SKIP_TAGS:
        if node.text:
            pieces.append(node.text)
        for child in node:
            _collect_text(child, pieces)
    if not top and node.tail:
        pieces.append(node.tail)


def anchor_text(anchor: _Element) -> str:
    """What a link says: its text, else the alt or title of an image inside it (a badge, an icon link)."""
    text = link_text(anchor)
    if not text:
        for image in anchor.iter("img"):
            text = normalise_space(image.get("alt") or image.get("title") or "")
            if text:
                break
    return text


def link_text(anchor: _Element) -> str:
    """The fullest title of a link: its text, or its title attribute when the text is cut short (…)."""
    text = normalise_space(anchor.text_content())
    title = normalise_space(anchor.get("title") or "")
    return title if len(title) > len(text) else text
