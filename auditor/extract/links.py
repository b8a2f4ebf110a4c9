"""The links and images of a page, as `link_broken` checks them: pure, from the page's HTML and its URL.

Collected: `<a href>`, `<area href>`, `<img src>` and `<iframe src>`, resolved against the page's `<base href>`
(the first one with an href, itself resolved against the page's URL) or else the page's URL; the fragment is
dropped (`/a.html#top` and `/a.html` are one request). Not collected: `javascript:`, `mailto:`, `tel:`, `sms:`,
`data:`, `blob:`, `about:` and bare `#…` hrefs (nothing a server answers), other schemes (ftp:), elements inside
`<template>` (never shown), `<link>`/`<script>` (the page's own subresources: the browser loads them already).

Lazy images: an `<img>` whose `src` is missing, empty or a `data:` placeholder is checked at its `data-src` (or
`data-original`, `lazy-src`, `data-lazy-src`, `original`): the URL the page's lazy loader will load once the image
scrolls into view, so a visitor sees it broken there. An image with a real `src` is checked at its `src` only (its
`data-src` is usually the same file, or a larger one the script may never ask for).

Each URL is listed once per page: the first element linking it gives the text and the selector (an `<a>` whose
text is empty gives way to a later one with text; with none, the first stands).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast
from urllib.parse import quote, urldefrag, urljoin, urlsplit, urlunsplit

from lxml.etree import _Element

from auditor.extract.html import anchor_text, css_path, normalise_space, parse

LinkTag = Literal["a", "img", "area", "iframe"]
TEXT_MAX = 80
# hrefs nothing on a server answers: never requested.
SKIPPED_PREFIXES = ("javascript:", "mailto:", "tel:", "sms:", "data:", "blob:", "about:", "#")
LAZY_IMAGE_ATTRIBUTES = ("data-src", "data-original", "lazy-src", "data-lazy-src", "original")
_SOURCE_OF = {"a": "href", "area": "href", "img": "src", "iframe": "src"}


@dataclass(frozen=True)
class PageLink:
    url: str  # absolute http(s), no fragment
    href: str  # as written in the page
    text: str  # the link text, or the image's alt/title, shortened
    tag: LinkTag
    selector: str  # a CSS path to the element in the same DOM
    lazy: bool = False  # an image's lazy-load attribute (data-src…), not its src


def base_url(doc: _Element, page_url: str) -> str:
    """The URL relative links resolve against: the first `<base href>`, resolved against the page's URL."""
    for base in doc.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return urljoin(page_url, href)
    return page_url


def resolve_link(href: str | None, base: str) -> str | None:
    """The absolute http(s) URL an href leads to (no fragment), or None for hrefs never requested."""
    if href is None:
        return None
    href = href.strip()
    if not href or href.lower().startswith(SKIPPED_PREFIXES):
        return None
    try:
        url, _fragment = urldefrag(urljoin(base, href))
        parts = urlsplit(url)
        _port = parts.port  # a port that is not a number raises here
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    return url


def wire_url(url: str) -> str:
    """The URL as a browser sends it: non-ASCII and spaces in the path and query percent-encoded as UTF-8 (a GBK
    page's query would be sent in GBK by a browser; UTF-8 is what most gov CMSs decode), an IDN host in its ASCII
    (punycode) form, existing %XX escapes kept. urllib refuses the raw forms (附件 links with Chinese names)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if not netloc.isascii():
        try:
            host = (parts.hostname or "").encode("idna").decode("ascii")
            netloc = host + (f":{parts.port}" if parts.port else "")
        except (UnicodeError, ValueError):
            return url
    path = quote(parts.path, safe="/%:@!$&'()*+,;=~")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=?~")
    return urlunsplit((parts.scheme, netloc, path, query, ""))


def _shorten(text: str) -> str:
    text = normalise_space(text)
    return text if len(text) <= TEXT_MAX else text[: TEXT_MAX - 1] + "…"


def _text_of(element: _Element) -> str:
    tag = element.tag
    if tag == "a":
        return _shorten(anchor_text(element))
    if tag in {"img", "area"}:
        return _shorten(element.get("alt") or element.get("title") or "")
    return _shorten(element.get("title") or element.get("name") or "")


def _in_template(element: _Element) -> bool:
    return any(ancestor.tag == "template" for ancestor in element.iterancestors())


def _href_of(element: _Element) -> tuple[str | None, bool]:
    """(the href or src to check, whether it is a lazy image's attribute)."""
    source = element.get(_SOURCE_OF[element.tag])
    if element.tag != "img":
        return source, False
    if source and source.strip() and not source.strip().lower().startswith("data:"):
        return source, False
    for name in LAZY_IMAGE_ATTRIBUTES:
        lazy = element.get(name)
        if lazy and lazy.strip():
            return lazy, True
    return source, False


def page_links(html: str, page_url: str) -> list[PageLink]:
    """Every link and image of the page to check, once per URL, in document order."""
    doc = parse(html)
    base = base_url(doc, page_url)
    found: dict[str, PageLink] = {}
    for element in doc.iter("a", "area", "img", "iframe"):
        if _in_template(element):
            continue
        href, lazy = _href_of(element)
        url = resolve_link(href, base)
        if url is None or href is None:
            continue
        text = _text_of(element)
        known = found.get(url)
        if known is not None and (known.text or not text):
            continue
        found[url] = PageLink(url, href.strip(), text, cast("LinkTag", element.tag), css_path(element), lazy)
    return list(found.values())


__all__ = ["LAZY_IMAGE_ATTRIBUTES", "PageLink", "base_url", "page_links", "resolve_link", "wire_url"]
