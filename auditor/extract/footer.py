"""The 页面底部功能区 of one page and the identifiers it shows (indicators.md §10): a pure reader, no I/O.

Locating the footer: a `<footer>` (or role=contentinfo), else an element in the page's later part whose class or id
token holds a locating word (foot, bottom, copyright); the footer runs from the first of them to the page's end, so
a footer split in several blocks (links, then the copyright lines) is read whole, and an article's body above it is
never read as the footer. Without any, the last quarter of the DOM's elements stands for it.

Read in it: the text, the `title`/`alt` of images and the `title` of links, then links and images by host:
网站标识码 (regex A), ICP备案编号 (regex B), 公网安备 (regex C, or a beian.gov.cn link's recordcode), the 党政机关 badge
(an image from dcs.conac.cn or a link to bszs.conac.cn) and the 我为政府网站找错 entry (a link to zfwzgl.www.gov.cn,
its site_code). A badge or entry only announced by a script (static HTML, or a script that did not run) is a doubt,
not a reading: the rules leave it for review, never call it missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, urljoin, urlsplit

from lxml.etree import _Element

from auditor.extract.html import CONTENT_TAGS, SKIP_TAGS, class_and_id, css_path, normalise_space, page_meta, parse
from auditor.model.artifacts import FooterFacts, FooterIdentifier, FooterIdentifierKind, NodeRef
from auditor.settings import IndicatorSettings, default_indicators

KINDS: tuple[FooterIdentifierKind, ...] = ("site_code", "icp", "psb", "party_label", "error_report")
NAMES_ZH: dict[str, str] = {
    "site_code": "网站标识码",
    "icp": "ICP备案编号",
    "psb": "公安机关备案标识",
    "party_label": "党政机关网站标识",
    "error_report": "“我为政府网站找错”入口",
}
# Full-width ASCII (０-９, ：) and ideographic spaces, one char to one char.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}
# Class tokens naming a box's edge, not a region: margin-bottom, pb-bottom, border-bottom, bottom-0.
_EDGE_TOKEN = re.compile(r"margin|padding|border|^(?:m|p|mb|pb|b)[-_]?bottom|^bottom[-_]?\d", re.IGNORECASE)
# A footer element starts no earlier than this share of the page's elements (a header's "top-bottom" bar is no footer).
MIN_FOOTER_POSITION = 0.3
PSB_LINK_HOST = "beian.gov.cn"
ICP_LINK_HOST = "beian.miit.gov.cn"
MAX_TEXT = 600


@dataclass(frozen=True)
class FooterPatterns:
    """The indicator table's footer rows, compiled once."""

    site_code: re.Pattern[str]
    icp: re.Pattern[str]
    psb: re.Pattern[str]
    locating_words: tuple[str, ...]
    tail_fraction: float
    party_hosts: tuple[str, ...]
    report_hosts: tuple[str, ...]

    @classmethod
    def of(cls, settings: IndicatorSettings | None = None) -> FooterPatterns:
        table = settings or default_indicators()
        return cls(
            re.compile(table.value("footer_site_code_pattern")),
            re.compile(table.value("footer_icp_pattern"), re.IGNORECASE),
            re.compile(table.value("footer_psb_pattern")),
            tuple(w.lower() for w in table.value("footer_locating_words")),
            float(table.value("footer_tail_fraction")),
            tuple(h.lower() for h in table.value("footer_party_label_hosts")),
            tuple(h.lower() for h in table.value("footer_error_report_hosts")),
        )


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def _host_in(url: str | None, hosts: Iterable[str]) -> bool:
    host = _host(url)
    return bool(host) and any(host == h or host.endswith("." + h) for h in hosts)


def _skipped(element: _Element) -> bool:
    return any(isinstance(a.tag, str) and a.tag in SKIP_TAGS for a in (element, *element.iterancestors()))


def _is_locating(element: _Element, words: tuple[str, ...]) -> bool:
    if element.tag in {"a", "img", "span", "i", "em", "b", "strong", "font", "script", "style"}:
        return False
    for token in class_and_id(element).lower().split():
        if _EDGE_TOKEN.search(token):
            continue
        if any(word in token for word in words):
            return True
    return False


def _is_footer_tag(element: _Element) -> bool:
    if element.tag == "footer" or element.get("role") == "contentinfo":
        # An HTML5 <footer> inside an <article>/<section>/<main> is a post's own, not the page's.
        return element.get("role") == "contentinfo" or not any(a.tag in CONTENT_TAGS for a in element.iterancestors())
    return False


def _outermost(elements: list[_Element]) -> list[_Element]:
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]


@dataclass
class _Region:
    start: int  # index of the first footer element in document order
    located: str
    boxes: list[_Element]  # the footer elements (outermost), for the outline


def _locate(elements: list[_Element], patterns: FooterPatterns) -> _Region:
    total = len(elements)
    earliest = int(total * MIN_FOOTER_POSITION)
    tagged = [i for i, el in enumerate(elements) if _is_footer_tag(el)]
    classed = [i for i, el in enumerate(elements) if i >= earliest and _is_locating(el, patterns.locating_words)]
    if tagged or classed:
        start = min(tagged + classed)
        named = class_and_id(elements[start]).strip()
        located = "footer tag" if tagged and start == min(tagged) else f"class/id: {named}"
        boxes = _outermost([elements[i] for i in sorted(set(tagged + classed))])
        return _Region(start, located, boxes)
    start = min(max(0, total - 1), int(total * (1 - patterns.tail_fraction)))
    return _Region(start, f"tail {patterns.tail_fraction:.0%}", _outermost(elements[start:]) or elements[-1:])


def _texts(region: Sequence[_Element]) -> str:
    pieces: list[str] = []
    for element in region:
        if element.text and not _skipped(element):
            pieces.append(element.text)
        parent = element.getparent()
        if element.tail and (parent is None or not _skipped(parent)):
            pieces.append(element.tail)
    return "\n".join(p.translate(_WIDTH).strip() for p in pieces if p.strip())


def _attr_texts(region: Sequence[_Element]) -> list[tuple[str, str, _Element]]:
    found: list[tuple[str, str, _Element]] = []
    for element in region:
        if element.tag == "img":
            values = [(attr, (element.get(attr) or "").strip()) for attr in ("title", "alt")]
            found.extend((attr, value.translate(_WIDTH), element) for attr, value in values if value)
        elif element.tag == "a" and (value := (element.get("title") or "").strip()):
            found.append(("title", value.translate(_WIDTH), element))
    return found


def _shorten(text: str, limit: int = 120) -> str:
    text = normalise_space(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _site_codes(text: str, patterns: FooterPatterns, known_code: str | None) -> list[tuple[str, str]]:
    found = [(m.group(1), m.group(0)) for m in patterns.site_code.finditer(text)]
    if not found and known_code:
        # The configured code shown without its label ("标识码" in an image next to it): the code itself is there.
        found.extend(
            (known_code, text[max(0, match.start() - 12) : match.end()])
            for match in re.finditer(rf"(?<![0-9A-Za-z]){re.escape(known_code)}(?![0-9])", text)
        )
    return found


def _icps(text: str, patterns: FooterPatterns) -> list[tuple[str, str]]:
    found = []
    for match in patterns.icp.finditer(text):
        province, number, _hao, suffix = match.groups()
        value = f"{province}ICP备{number}号" + (f"-{suffix}" if suffix else "")
        found.append((value, match.group(0)))
    return found


def _psbs(text: str, patterns: FooterPatterns) -> list[tuple[str, str]]:
    return [(f"{m.group(1)}公网安备{m.group(2)}号", m.group(0)) for m in patterns.psb.finditer(text)]


def _node(page_id: str, element: _Element, snippet: str = "") -> NodeRef:
    return NodeRef(page_id=page_id, selector=css_path(element), snippet=_shorten(snippet, 200) or None)


def _text_identifiers(
    region: Sequence[_Element], patterns: FooterPatterns, known_code: str | None, page_id: str, box: _Element
) -> list[FooterIdentifier]:
    found: list[FooterIdentifier] = []
    seen: set[tuple[str, str]] = set()
    text = _texts(region)
    sources: list[tuple[str, str, _Element]] = [("text", text, box), *_attr_texts(region)]
    for source, value, element in sources:
        readers = (
            ("site_code", _site_codes(value, patterns, known_code)),
            ("icp", _icps(value, patterns)),
            ("psb", _psbs(value, patterns)),
        )
        for kind, hits in readers:
            for read, shown in hits:
                if (kind, read) in seen:
                    continue
                seen.add((kind, read))
                found.append(
                    FooterIdentifier.model_validate(
                        {
                            "kind": kind,
                            "value": read,
                            "text": _shorten(shown),
                            "source": source,
                            "node": _node(page_id, element, shown),
                        }
                    )
                )
    return found


def _link_identifiers(
    elements: Sequence[_Element], url: str, patterns: FooterPatterns, page_id: str, *, in_footer: bool
) -> tuple[list[FooterIdentifier], dict[str, str]]:
    """Badges and entries found by host: the conac badge, the 找错 entry, a beian.gov.cn link; scripts as doubts."""
    found: list[FooterIdentifier] = []
    doubts: dict[str, str] = {}
    for element in elements:
        tag = element.tag
        if tag == "a":
            href = urljoin(url, (element.get("href") or "").strip())
            label = _shorten(normalise_space(element.text_content()) or element.get("title") or "")
            if _host_in(href, patterns.party_hosts):
                found.append(_badge("party_label", None, label, "link", href, page_id, element, in_footer))
            elif _host_in(href, patterns.report_hosts):
                code = (parse_qs(urlsplit(href).query).get("site_code") or [None])[0]
                found.append(_badge("error_report", code, label, "link", href, page_id, element, in_footer))
            elif _host_in(href, (PSB_LINK_HOST,)):
                query = {k.lower(): v for k, v in parse_qs(urlsplit(href).query).items()}
                if code := (query.get("recordcode") or [None])[0]:
                    found.append(_badge("psb", code, label, "link", href, page_id, element, in_footer))
                else:
                    doubts["psb"] = f"页面底部有公安备案链接({_host(href)}),但未读出备案号"
            elif _host_in(href, (ICP_LINK_HOST,)) and in_footer:
                doubts["icp"] = f"页面底部有ICP备案链接({_host(href)}),但未读出备案号"
        elif tag == "img":
            src = urljoin(url, (element.get("src") or "").strip())
            label = _shorten(element.get("title") or element.get("alt") or "")
            if _host_in(src, patterns.party_hosts):
                found.append(_badge("party_label", None, label, "image", src, page_id, element, in_footer))
            elif _host_in(src, patterns.report_hosts):
                found.append(_badge("error_report", None, label, "image", src, page_id, element, in_footer))
        elif tag == "script" and (src := (element.get("src") or "").strip()):
            absolute = urljoin(url, src)
            if _host_in(absolute, patterns.party_hosts):
                doubts["party_label"] = f"党政机关网站标识由脚本写入({_host(absolute)}),脚本未写出标识"
            elif _host_in(absolute, patterns.report_hosts):
                code = element.get("sitecode") or element.get("site_code")
                doubts["error_report"] = f"“我为政府网站找错”入口由脚本写入({_host(absolute)}),脚本未写出入口" + (
                    f",脚本 sitecode={code}" if code else ""
                )
    return found, doubts


def _badge(  # noqa: PLR0917 - one identifier's facts, in the order they are read
    kind: str,
    value: str | None,
    text: str,
    source: str,
    href: str,
    page_id: str,
    element: _Element,
    in_footer: bool,
) -> FooterIdentifier:
    return FooterIdentifier.model_validate(
        {
            "kind": kind,
            "value": value,
            "text": text,
            "source": source,
            "href": href,
            "in_footer": in_footer,
            "node": _node(page_id, element, text or href),
        }
    )


def footer_region(html: str, patterns: FooterPatterns | None = None) -> list[_Element]:
    """The footer's elements in document order (for tests and for the gatherer's script check)."""
    doc = parse(html)
    body = doc.find("body")
    root = body if body is not None else doc
    elements = [el for el in root.iter() if isinstance(el.tag, str) and el is not root]
    if not elements:
        return []
    return elements[_locate(elements, patterns or FooterPatterns.of()).start :]


def read_footer(
    html: str,
    url: str,
    *,
    page_id: str,
    rendered: bool = True,
    known_code: str | None = None,
    patterns: FooterPatterns | None = None,
) -> FooterFacts:
    """The footer of one page (rendered DOM or static HTML) and every identifier read in it."""
    patterns = patterns or FooterPatterns.of()
    doc = parse(html)
    body = doc.find("body")
    root = body if body is not None else doc
    elements = [el for el in root.iter() if isinstance(el.tag, str) and el is not root]
    if not elements:
        return FooterFacts(url=url, page_id=page_id, rendered=rendered, error="页面没有内容")
    region_info = _locate(elements, patterns)
    region = elements[region_info.start :]
    text = _texts(region)
    # The box to outline: the footer element holding the most of what was read, else the first.
    counted = [
        (len(_text_identifiers([box, *box.iterdescendants()], patterns, known_code, page_id, box)), box)
        for box in region_info.boxes
    ]
    best = max(counted, key=lambda pair: pair[0])[1] if counted else region[0]
    identifiers = _text_identifiers(region, patterns, known_code, page_id, best)
    linked, doubts = _link_identifiers(region, url, patterns, page_id, in_footer=True)
    identifiers += linked
    found_kinds = {i.kind for i in identifiers}
    # A badge placed elsewhere (the header) is there, though not where the rule wants it.
    before = elements[: region_info.start]
    elsewhere, early_doubts = _link_identifiers(before, url, patterns, page_id, in_footer=False)
    identifiers += [i for i in elsewhere if i.kind in {"party_label", "error_report"} and i.kind not in found_kinds]
    for kind, why in early_doubts.items():
        doubts.setdefault(kind, why)
    for kind in [k for k in doubts if k in {i.kind for i in identifiers}]:
        del doubts[kind]  # the script did write it
    frames = [el for el in region if el.tag in {"iframe", "frame"} and el.get("src")]
    if frames:
        doubts["*"] = "页面底部含内嵌框架(iframe),其内容未读取:" + ", ".join(
            urljoin(url, f.get("src") or "") for f in frames[:3]
        )
    if not rendered and any(el.tag == "script" for el in region):
        doubts.setdefault("*", "页面底部含脚本,静态页面未执行脚本")
    code = page_meta(doc).get("SiteIDCode")
    if code:
        identifiers.append(
            FooterIdentifier(kind="site_code", value=code, text=f"SiteIDCode {code}", source="meta", in_footer=False)
        )
    return FooterFacts(
        url=url,
        page_id=page_id,
        rendered=rendered,
        located=region_info.located,
        text=_shorten(text, MAX_TEXT),
        identifiers=identifiers,
        node=_node(page_id, best, text[:200]),
        doubts=doubts,
    )


def has_identifier(footer: FooterFacts, kind: str, *, in_footer_only: bool = True) -> bool:
    """The footer shows this identifier (meta tags never count: a finding needs something visible)."""
    return any(
        i.kind == kind and i.source != "meta" and (i.in_footer or not in_footer_only) for i in footer.identifiers
    )


def lacking(footer: FooterFacts) -> list[str]:
    """The identifier kinds this footer does not show (in the footer itself)."""
    return [kind for kind in KINDS if not has_identifier(footer, kind)]


@dataclass(frozen=True)
class Presence:
    """Where one identifier was seen and where it was not, over the footers read (home first)."""

    kind: str
    home: FooterFacts | None
    home_has: bool
    lacking: tuple[FooterFacts, ...]  # readable pages that do not show it, confidently
    doubtful: tuple[FooterFacts, ...]  # pages that do not show it, but whose reading may be incomplete
    elsewhere: tuple[FooterFacts, ...]  # pages showing it outside the footer only
    unread: tuple[FooterFacts, ...]  # pages that could not be read
    read: tuple[FooterFacts, ...]


def presence(footers: Sequence[FooterFacts], kind: str) -> Presence:
    readable = [f for f in footers if f.error is None]
    home = next((f for f in footers if f.page_id == "home"), None)
    lacking_pages: list[FooterFacts] = []
    doubtful: list[FooterFacts] = []
    elsewhere: list[FooterFacts] = []
    for footer in readable:
        if has_identifier(footer, kind):
            continue
        if has_identifier(footer, kind, in_footer_only=False):
            elsewhere.append(footer)
        elif kind in footer.doubts or "*" in footer.doubts:
            doubtful.append(footer)
        else:
            lacking_pages.append(footer)
    return Presence(
        kind,
        home,
        home is not None and home.error is None and has_identifier(home, kind),
        tuple(lacking_pages),
        tuple(doubtful),
        tuple(elsewhere),
        tuple(f for f in footers if f.error is not None),
        tuple(readable),
    )


def values_of(footers: Sequence[FooterFacts], kind: str) -> dict[str, list[str]]:
    """Each page's values read for this identifier (url -> values), for the bundle's observed facts."""
    return {
        f.url: [i.value or i.href or i.text for i in f.identifiers if i.kind == kind and i.source != "meta"]
        for f in footers
    }


@dataclass(frozen=True)
class MissingJudgement:
    """What a footer_missing_* rule reports: nothing (None severity), a deduction, or a review note."""

    severity: str | None  # "deduction" | "needs_review" | None (the identifier is shown everywhere read)
    message_zh: str
    node: NodeRef | None
    observed: dict[str, object]


def _listed(pages: Sequence[FooterFacts]) -> str:
    return "、".join(f.url for f in pages)


def judge_missing(footers: Sequence[FooterFacts], kind: str) -> MissingJudgement:
    """Missing on the home page's footer (confidently read): a deduction naming the inner pages missing it too.

    Shown on the home page but missing on inner pages read confidently: still a deduction (the indicator covers the
    footer of every page), naming those pages. A page whose reading may be incomplete (a script not run, an iframe)
    or a badge shown only outside the footer makes a review note, never a deduction.
    """
    name = NAMES_ZH[kind]
    seen = presence(footers, kind)
    observed: dict[str, object] = {
        "identifier": kind,
        "pages_read": [f.url for f in seen.read],
        "values": values_of(seen.read, kind),
        "missing_on": [f.url for f in seen.lacking],
        "doubtful": {f.url: f.doubts.get(kind) or f.doubts.get("*", "") for f in seen.doubtful},
        "outside_footer": [f.url for f in seen.elsewhere],
        "unread": {f.url: f.error for f in seen.unread},
    }
    home = seen.home
    if home is None or home.error is not None:
        why = home.error if home is not None else "未读取"
        message = f"首页页面底部未能读取({why}),无法核实{name},需人工核实"
        return MissingJudgement("needs_review", message, None, observed)
    inner_lacking = [f for f in seen.lacking if f is not home]
    if any(f is home for f in seen.lacking):
        message = f"首页页面底部功能区未列明{name}"
        if inner_lacking:
            message += f";抽查的内页中{len(inner_lacking)}个页面底部同样未列明:{_listed(inner_lacking)}"
        return MissingJudgement("deduction", message, home.node, observed)
    if inner_lacking:
        message = f"首页页面底部已列明{name},但抽查的{len(inner_lacking)}个内页页面底部未列明:{_listed(inner_lacking)}"
        return MissingJudgement("deduction", message, inner_lacking[0].node, observed)
    if seen.doubtful:
        first = seen.doubtful[0]
        reason = first.doubts.get(kind) or first.doubts.get("*", "")
        message = f"页面底部未读到{name},但页面内容可能未完全读取({reason}):{_listed(seen.doubtful)},需人工核实"
        return MissingJudgement("needs_review", message, first.node, observed)
    if seen.elsewhere:
        first = seen.elsewhere[0]
        shown = next((i for i in first.identifiers if i.kind == kind), None)
        message = f"{name}未设置在页面底部功能区(见于页面其他位置):{_listed(seen.elsewhere)},需人工核实位置是否符合要求"
        return MissingJudgement("needs_review", message, shown.node if shown else first.node, observed)
    return MissingJudgement(None, "", None, observed)
