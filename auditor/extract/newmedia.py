"""Reading a new-media account's rendered page: its posts and their times, or why none can be read.

One engine for every platform: an adapter (auditor/platforms/) names where posts, times and pinned badges are and
which phrases mean a login wall, a captcha, a deleted account or "no posts yet"; this module applies it to the DOM
the browser saved. Pure: no browser, no network, so a saved page is read again offline exactly as it was at gather
time.

Precision comes first, because the rule built on this reading is a veto (不更新): a page that cannot be read is
never "stale". So
- deleted and captcha markers are looked for outside the posts and outside links: a news post or a recommended
  headline saying "该账号已注销" is about someone else, while the platform's own notice is plain page text;
- markers, badges and names count only when visible (not in <script>, <style>, <noscript>, <template>, nor
  hidden by `hidden` or an inline display:none: frameworks leave states not shown in the DOM), while posts count
  unless never rendered (a post in a hidden tab is still the account's; dropping it could only make the account
  look staler than it is);
- a post's time is the first non-empty time element of the post itself, never one of a post quoted inside it
  (a repost's original is older, and reading it would make a fresh account look stale);
- 置顶 counts as pinned only as a badge (a text of its own, or a bracketed title prefix), not as a word in prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

from lxml.cssselect import CSSSelector
from lxml.etree import _Element

from auditor.extract.html import clean_url, css_path, normalise_space, page_meta, parse
from auditor.extract.post_time import SHANGHAI, is_time_only, parse_post_time
from auditor.model.artifacts import AccountPageState, NodeRef, PostSeen, ReferenceSource
from auditor.platforms.base import Markers, PlatformAdapter

POST_TEXT_CHARS = 80
SNIPPET_CHARS = 200
NAME_CHARS = 80
# Never visible, whatever the page's CSS says.
INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link"})
HIDDEN_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)", re.IGNORECASE
)
# Text inside these tags runs on in the same line as its neighbours ("该账号<b>已注销</b>" is one phrase); any
# other element starts a new line, and a marker phrase is never matched across lines.
INLINE_TAGS = frozenset(
    {"a", "span", "b", "strong", "em", "i", "font", "small", "big", "label", "abbr", "sup", "sub", "u", "s", "mark"}
    | {"code", "time", "cite", "q", "bdi", "bdo", "wbr"}
)
# A pinned badge as a whole text ("置顶") or a bracketed prefix of a title ("【置顶】关于…", "[置顶] …").
PINNED_PREFIX_OPEN = "【[（(「"
PINNED_PREFIX_CLOSE = "】]）)」"
# Raw epoch times some list pages hold until their script formats them (WeChat's album:
# <span class="js_article_create_time">1616120433</span>): seconds (10 digits) or milliseconds (13).
EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
EARLIEST_EPOCH = datetime(2009, 1, 1, tzinfo=UTC)  # before any of these platforms existed: not a post time
META_SCAN_CHARS = 256 * 1024


@dataclass(frozen=True)
class AccountReading:
    state: AccountPageState
    state_evidence: str | None
    posts: list[PostSeen]
    account_name: str | None
    # The adapter's selectors did not fit the page and the generic card rule read it (cards found by their
    # repeated shape, times by their look): good enough to see that an account is fresh, never to call it stale.
    generic: bool = False


@dataclass(frozen=True)
class _Compiled:
    post: CSSSelector
    post_time: CSSSelector
    post_title: CSSSelector | None
    pinned: tuple[CSSSelector, ...]
    login_wall: tuple[CSSSelector, ...]
    captcha: tuple[CSSSelector, ...]
    deleted: tuple[CSSSelector, ...]
    no_posts: tuple[CSSSelector, ...]
    account_name: CSSSelector | None


@lru_cache(maxsize=64)
def _compile(adapter: PlatformAdapter) -> _Compiled:
    def many(markers: Markers) -> tuple[CSSSelector, ...]:
        return tuple(CSSSelector(selector) for selector in markers.selectors)

    return _Compiled(
        post=CSSSelector(adapter.post),
        post_time=CSSSelector(adapter.post_time),
        post_title=CSSSelector(adapter.post_title) if adapter.post_title else None,
        pinned=many(adapter.pinned),
        login_wall=many(adapter.login_wall),
        captcha=many(adapter.captcha),
        deleted=many(adapter.deleted),
        no_posts=many(adapter.no_posts),
        account_name=CSSSelector(adapter.account_name) if adapter.account_name else None,
    )


class _Page:
    """One parsed page: what is rendered at all, what is visible, which elements are posts.

    Two kinds of hidden: never rendered (<script>, <template>, <noscript>, <style>, comments) and hidden by the
    page (`hidden`, inline display:none or visibility:hidden). Posts count unless never rendered: a post hidden
    by the page is still the account's (another tab, a recycled slot of a virtual list), and dropping it could
    only make the account look staler than it is. Markers, badges and names count only when visible: a hidden
    "该账号已注销" template or a v-show'd "置顶" badge is a state the page is not in.
    """

    def __init__(self, html: str, compiled: _Compiled) -> None:
        self.root = parse(html)
        self.unrendered_roots: set[_Element] = set()
        self.hidden_roots: set[_Element] = set()
        for element in self.root.iter():
            if _never_rendered(element):
                self.unrendered_roots.add(element)
                self.hidden_roots.add(element)
            elif _hidden_by_page(element):
                self.hidden_roots.add(element)
        matched = [element for element in compiled.post(self.root) if self.rendered(element)]
        self.all_posts = set(matched)
        # A post quoted inside another (a repost's original) is part of the outer post, not one of its own.
        self.posts = [element for element in matched if not any(a in self.all_posts for a in element.iterancestors())]

    def rendered(self, element: _Element) -> bool:
        return not any(node in self.unrendered_roots for node in (element, *element.iterancestors()))

    def visible(self, element: _Element, *, within: _Element | None = None) -> bool:
        """Not hidden by itself or an ancestor; with `within`, only ancestors below `within` count (a badge of a
        post in a hidden tab is as visible as its post), though never-rendered ones always do."""
        for node in (element, *element.iterancestors()):
            if node is within:
                return self.rendered(node)
            if node in self.hidden_roots:
                return False
        return True

    def own_post(self, element: _Element, post: _Element) -> bool:
        """True when `element` belongs to `post` itself, not to a post nested inside it."""
        for ancestor in element.iterancestors():
            if ancestor is post:
                return True
            if ancestor in self.all_posts:
                return False
        return False

    def lines(
        self,
        top: _Element,
        *,
        skip: set[_Element] | frozenset[_Element] = frozenset(),
        skip_links: bool = False,
        visible_only: bool = True,
    ) -> list[str]:
        """Text under `top` as lines, leaving out hidden (or, if not `visible_only`, never-rendered) subtrees,
        `skip` subtrees and (if asked) links."""
        lines: list[str] = []
        current: list[str] = []

        def flush() -> None:
            text = normalise_space("".join(current))
            if text:
                lines.append(text)
            current.clear()

        hidden = self.hidden_roots if visible_only else self.unrendered_roots
        for kind, text in _walk(top, (hidden - {top}) | skip, skip_links=skip_links):
            if kind == "break":
                flush()
            else:
                current.append(text)
        flush()
        return lines

    def text_pieces(self, post: _Element) -> list[str]:
        """Each visible text node of a post on its own (a badge is a text node of its own), leaving out posts
        nested inside it: a quoted post's 置顶 badge is not this post's."""
        pieces = []
        for kind, text in _walk(post, (self.hidden_roots - {post}) | (self.all_posts - {post}), skip_links=False):
            if kind == "text" and (piece := normalise_space(text)):
                pieces.append(piece)
        return pieces

    def text(self, top: _Element, *, visible_only: bool = True) -> str:
        return normalise_space(" ".join(self.lines(top, visible_only=visible_only)))


def _never_rendered(element: _Element) -> bool:
    tag = element.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return True
    return tag.lower() in INVISIBLE_TAGS


def _hidden_by_page(element: _Element) -> bool:
    if element.tag.lower() == "input" and (element.get("type") or "").lower() == "hidden":
        return True
    if element.get("hidden") is not None:
        return True
    return bool(HIDDEN_STYLE.search(element.get("style") or ""))


def _walk(top: _Element, skip: set[_Element], *, skip_links: bool) -> Iterator[tuple[str, str]]:
    """Visible text of a subtree in document order, iteratively (a pathologically deep page cannot recurse).

    Yields ("text", text) for text and ("break", "") where a block element starts or ends.
    """
    if top in skip:
        return
    # (element, step): "open" reads an element, "close" ends it, "tail" reads only the text after a skipped one.
    stack: list[tuple[_Element, str]] = [(top, "open")]
    while stack:
        element, step = stack.pop()
        if step == "tail":
            if element.tail:
                yield "text", element.tail
            continue
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        block = tag not in INLINE_TAGS
        if step == "close":
            if block:
                yield "break", ""
            if element is not top and element.tail:
                yield "text", element.tail
            continue
        if block:
            yield "break", ""
        stack.append((element, "close"))
        if skip_links and tag == "a":
            continue
        if element.text:
            yield "text", element.text
        # The tail of a skipped child is still the parent's text.
        stack.extend((child, "tail" if child in skip else "open") for child in reversed(element))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _phrase_in(phrase: str, lines: Iterable[str]) -> str | None:
    """The first line containing `phrase` (spaces ignored: 请完成 下列验证), or None."""
    wanted = phrase.replace(" ", "")
    if not wanted:
        return None
    for line in lines:
        if wanted in line.replace(" ", ""):
            return line
    return None


def _marker(
    page: _Page, markers: Markers, selectors: tuple[CSSSelector, ...], lines: list[str], outside: set[_Element]
) -> str | None:
    """Why the page shows this state (zh-CN evidence), or None. Selector markers need a visible, non-empty
    element outside the posts: platforms keep empty captcha and dialog containers in every page."""
    for source, selector in zip(markers.selectors, selectors, strict=True):
        for element in selector(page.root):
            if not page.visible(element) or any(a in outside for a in (element, *element.iterancestors())):
                continue
            if page.text(element) or len(element):
                return f"页面含元素 {source}"
    for phrase in markers.texts:
        if (line := _phrase_in(phrase, lines)) is not None:
            quoted = "" if line.replace(" ", "") == phrase.replace(" ", "") else f"（{_shorten(line, 60)}）"
            return f"页面显示“{phrase}”{quoted}"
    return None


def _is_pinned(page: _Page, post: _Element, compiled: _Compiled, markers: Markers) -> bool:
    for selector in compiled.pinned:
        if any(page.visible(element, within=post) and page.own_post(element, post) for element in selector(post)):
            return True
    for piece in page.text_pieces(post):
        for phrase in markers.texts:
            if piece == phrase:
                return True
            # 【置顶】关于… : the bracket must close right after the phrase, so (置顶设置说明) is prose.
            if (
                len(piece) > len(phrase) + 1
                and piece[0] in PINNED_PREFIX_OPEN
                and piece[1 : 1 + len(phrase)] == phrase
                and piece[1 + len(phrase)] in PINNED_PREFIX_CLOSE
            ):
                return True
    return False


def _epoch_date(text: str, reference: datetime) -> date | None:
    if not EPOCH.match(text):
        return None
    seconds = int(text) / (1000 if len(text) == 13 else 1)
    try:
        moment = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if moment < EARLIEST_EPOCH:
        return None
    local = moment.astimezone(SHANGHAI)
    # A time after the reference is not a post already made; a page clock a few minutes ahead is tolerated.
    if (local - _aware(reference)).total_seconds() > 3600:
        return None
    return local.date()


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=SHANGHAI) if moment.tzinfo is None else moment


def _dates_of(value: str, reference: datetime) -> tuple[date, date] | None:
    if (day := _epoch_date(value, reference)) is not None:
        return day, day
    parsed = parse_post_time(value, reference)
    return (parsed.earliest, parsed.latest) if parsed else None


def _read_time(
    page: _Page, post: _Element, compiled: _Compiled, adapter: PlatformAdapter, reference: datetime
) -> tuple[str, date | None, date | None, _Element | None]:
    """(time as shown, earliest, latest, the time element). The first non-empty time element decides: falling
    through to a later one could read a quoted post's older time."""
    for element in compiled.post_time(post):
        if not page.rendered(element) or not (element is post or page.own_post(element, post)):
            continue
        shown = page.text(element, visible_only=False)
        attributes = [adapter.time_attribute] if adapter.time_attribute else []
        if isinstance(element.tag, str) and element.tag.lower() == "time":
            attributes.append("datetime")
        values = [normalise_space(element.get(name) or "") for name in attributes]
        values = [value for value in values if value]
        if not shown and not values:
            continue
        # The attribute holds the full time (Weibo's title="2021-03-19 10:20" behind "21-3-19 10:20" or
        # "昨天 18:02"): absolute, so it does not depend on the reference. The shown text is the fallback.
        for value in (*values, shown):
            if value and (dates := _dates_of(value, reference)) is not None:
                return shown or value, dates[0], dates[1], element
        return shown or values[0], None, None, element
    return "", None, None, None


def _time_by_look(
    page: _Page, post: _Element, reference: datetime
) -> tuple[str, date | None, date | None, _Element | None]:
    """The post's first own element whose whole text is a time (3天前, 03-19): the card's time label when the
    adapter's time selector does not match this layout (obfuscated or changed class names)."""
    for element in post.iter():
        if element is post or not isinstance(element.tag, str) or not page.rendered(element):
            continue
        if not page.own_post(element, post) or (element.tag.lower() == "a" and len(element) > 1):
            continue
        if _inside_not_own(element, post):  # a comment's, a quoted original's or a recommendation's time
            continue
        shown = page.text(element, visible_only=False)
        if is_time_only(shown) and (dates := _dates_of(shown, reference)) is not None:
            return shown, dates[0], dates[1], element
    return "", None, None, None


def _link_of(element: _Element | None, post: _Element, *, inside: bool = True) -> str | None:
    """The href of `element`: itself a link, inside one (within the post), or (if `inside`) holding one."""
    if element is None:
        return None
    for node in (element, *element.iterancestors()):
        if isinstance(node.tag, str) and node.tag.lower() == "a" and node.get("href"):
            return node.get("href")
        if node is post:
            break
    if not inside:
        return None
    for node in element.iter("a"):
        if node.get("href"):
            return node.get("href")
    return None


def _post_url(post: _Element, title: _Element | None, time_element: _Element | None, base_url: str) -> str | None:
    # A title that is a link, then the time (Weibo's time is the permalink): a link inside a title's text is
    # more often a hashtag or a mention, and is taken only after them.
    candidates = [_link_of(title, post, inside=False), _link_of(time_element, post)]
    # List items that carry their link as data (WeChat's album: <li data-link="https://mp.weixin.qq.com/s?…">).
    candidates += [post.get(name) for name in ("data-link", "data-url", "data-href")]
    candidates += [_link_of(title, post), _link_of(post, post)]
    for href in candidates:
        if href and (url := clean_url(href, base_url)):
            return url
    return None


def _read_post(
    page: _Page,
    post: _Element,
    compiled: _Compiled,
    adapter: PlatformAdapter,
    *,
    reference: datetime,
    page_id: str,
    base_url: str,
    by_look: bool = False,
) -> PostSeen:
    time_text, earliest, latest, time_element = _read_time(page, post, compiled, adapter, reference)
    if earliest is None and by_look:
        time_text, earliest, latest, time_element = _time_by_look(page, post, reference)
    title_element = None
    if compiled.post_title is not None:
        title_element = next(
            (
                e
                for e in compiled.post_title(post)
                if page.rendered(e) and page.own_post(e, post) and page.text(e, visible_only=False)
            ),
            None,
        )
    whole = page.text(post, visible_only=False)
    text = page.text(title_element, visible_only=False) if title_element is not None else whole
    if title_element is None and post.get("data-title"):
        text = normalise_space(post.get("data-title") or "")
    return PostSeen(
        text=_shorten(text, POST_TEXT_CHARS),
        time_text=time_text,
        earliest=earliest,
        latest=latest,
        pinned=_is_pinned(page, post, compiled, adapter.pinned),
        url=_post_url(post, title_element, time_element, base_url),
        node=NodeRef(page_id=page_id, selector=css_path(post), snippet=_shorten(whole, SNIPPET_CHARS) or None),
    )


def _account_name(page: _Page, compiled: _Compiled) -> str | None:
    if compiled.account_name is None:
        return None
    for element in compiled.account_name(page.root):
        if page.visible(element) and element not in page.all_posts and (name := page.text(element)):
            return _shorten(name, NAME_CHARS)
    return None


def read_account_page(
    html: str, adapter: PlatformAdapter, *, reference: datetime, page_id: str, base_url: str
) -> AccountReading:
    """What the account's page shows: its posts with their times, or the state that kept them from being read.

    Decisions in order: deleted, captcha (whatever posts a cached layout still shows), posts with a readable time,
    a login wall, the platform's "no posts", else unknown. `reference` resolves relative times (3天前, 昨天).
    """
    compiled = _compile(adapter)
    page = _Page(html if isinstance(html, str) else "", compiled)
    outside = set(page.posts)
    body = page.root.find("body")
    top = body if body is not None else page.root
    # The document title is the platform's, never a post's: interstitials (Sina Visitor System, a captcha page)
    # often say what they are only there, over a body that is all script.
    title = [t] if (t := normalise_space(page.root.findtext(".//title") or "")) else []
    plain_lines = [*title, *page.lines(top, skip=outside, skip_links=True)]
    all_lines = [*title, *page.lines(top, skip=outside)]
    name = _account_name(page, compiled)

    if (why := _marker(page, adapter.deleted, compiled.deleted, plain_lines, outside)) is not None:
        return AccountReading("deleted", why, [], name)
    if (why := _marker(page, adapter.captcha, compiled.captcha, plain_lines, outside)) is not None:
        return AccountReading("captcha", why, [], name)

    def read(elements: list[_Element], *, by_look: bool) -> list[PostSeen]:
        return [
            _read_post(
                page, post, compiled, adapter, reference=reference, page_id=page_id, base_url=base_url, by_look=by_look
            )
            for post in elements
        ]

    posts = read(page.posts, by_look=False)
    timed = [post for post in posts if post.earliest is not None]
    if timed:
        undated = len(posts) - len(timed)
        why = f"读到{len(timed)}条内容的发布时间" + (f"，另有{undated}条未读到时间" if undated else "")
        return AccountReading("posts", why, posts, name)
    if (why := _marker(page, adapter.login_wall, compiled.login_wall, all_lines, outside)) is not None:
        return AccountReading("login_wall", why, posts, name)
    if posts:
        # The cards are the adapter's, their time labels are not where it looks: read the labels by their look.
        generic = read(page.posts, by_look=True)
        if sum(1 for post in generic if post.earliest is not None) == len(generic):
            return AccountReading(
                "posts", "适配器未读到发布时间，按时间格式读取卡片中的时间", generic, name, generic=True
            )
        return AccountReading("unknown", f"找到{len(posts)}条内容，但均未读到发布时间", posts, name)
    if (why := _marker(page, adapter.no_posts, compiled.no_posts, all_lines, outside)) is not None:
        return AccountReading("no_posts", why, [], name)
    cards = _cards_by_shape(page, top, reference)
    if cards:
        generic = read(cards, by_look=True)
        why = f"适配器未找到内容，按重复的卡片结构读到{len(generic)}条内容"
        return AccountReading("posts", why, generic, name, generic=True)
    return AccountReading("unknown", "未找到内容，也未识别出登录、验证、注销或暂无内容的提示", [], name)


# Containers whose cards are not the account's own posts: sidebars, recommendations, hot lists, comments, menus.
NOT_POSTS = re.compile(
    r"side|hot|recommend|rec[-_]|relat|aside|foot|comment|reply|nav|menu|header|banner|rank|guess|\bad[-_s]|advert|"
    r"like|trend|suggest|popular|toolbar|login|dialog|modal",
    re.IGNORECASE,
)
NOT_POSTS_HEADINGS = ("推荐", "热门", "热搜", "猜你", "相关", "排行", "评论", "广告", "大家都在看", "喜欢")
CARD_TAGS = frozenset({"li", "div", "article", "section", "dl", "tr"})
MAX_CARD_CHARS = 800


# Inside a card: the parts whose times are not the post's (comments, a quoted original, recommendations).
NOT_OWN_IN_POST = re.compile(
    r"comment|reply|recommend|rec[-_]|relat|hot|rank|guess|repost|retweet|forward|quote|origin", re.IGNORECASE
)


def _inside_not_own(element: _Element, post: _Element) -> bool:
    for node in (element, *element.iterancestors()):
        if node is post:
            return False
        if NOT_OWN_IN_POST.search(f"{node.get('class') or ''} {node.get('id') or ''} {node.get('data-e2e') or ''}"):
            return True
    return False


def _excluded(element: _Element, top: _Element) -> bool:
    for node in (element, *element.iterancestors()):
        if node is top:
            return False
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in {"aside", "nav", "footer", "header"}:
            return True
        # Test ids name what a framework's list is (Douyin's data-e2e="user-like-list": other people's videos).
        names = " ".join(node.get(a) or "" for a in ("class", "id", "data-e2e", "data-testid", "aria-label"))
        if NOT_POSTS.search(names):
            return True
    return False


def _heading_says_not_posts(page: _Page, parent: _Element) -> bool:
    """The list's own heading (just before it) names recommendations or hot items."""
    for sibling in parent.itersiblings(preceding=True):
        text = page.text(sibling, visible_only=False)
        if text:
            return len(text) <= 20 and any(word in text for word in NOT_POSTS_HEADINGS)
    return False


def _cards_by_shape(page: _Page, top: _Element, reference: datetime) -> list[_Element]:
    """The largest group of sibling cards of one shape (tag and class) each holding a link and a time label of
    its own, outside sidebars, recommendations and comments: the account's list when the adapter's selectors do
    not fit the layout. At least two cards, or nothing."""
    best: list[_Element] = []
    for parent in top.iter():
        if not isinstance(parent.tag, str) or len(parent) < 2:
            continue
        groups: dict[tuple[str, str], list[_Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag.lower() in CARD_TAGS:
                groups.setdefault((child.tag.lower(), child.get("class") or ""), []).append(child)
        for members in groups.values():
            if len(members) < max(2, len(best) + 1) or not page.rendered(members[0]):
                continue
            if _excluded(parent, top) or _heading_says_not_posts(page, parent):
                continue
            if all(
                len(page.text(m, visible_only=False)) <= MAX_CARD_CHARS
                and m.find(".//a") is not None
                and _time_by_look(page, m, reference)[1] is not None
                for m in members
            ):
                best = members
    return best


def snapshot_time(headers: Mapping[str, str], html: str) -> tuple[datetime, ReferenceSource] | None:
    """When an archived or mirrored page says it was taken, aware (Shanghai), or None.

    Relative times on such a page (3天前) count from that moment, not from when the auditor read it. A
    `Memento-Datetime` header (RFC 7089: an RFC 7231 HTTP-date in GMT) wins over the page's own
    <meta name="snapshot-time" content="ISO 8601">, whose naive times are Shanghai's.
    """
    for key, value in headers.items():
        if key.lower() == "memento-datetime" and (moment := _http_date(value)) is not None:
            return moment.astimezone(SHANGHAI), "memento_header"
    if not isinstance(html, str) or not html:
        return None
    head = html[:META_SCAN_CHARS]
    if (end := re.search(r"</head\s*>", head, re.IGNORECASE)) is not None:
        head = head[: end.start()]
    content = page_meta(parse(head)).get("snapshot-time")
    if content and (moment := _iso_time(content)) is not None:
        return moment, "snapshot_meta"
    return None


def _http_date(value: str) -> datetime | None:
    try:
        moment = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    # HTTP-dates are GMT by definition; parsedate gives a naive time for "-0000".
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _iso_time(value: str) -> datetime | None:
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.replace(tzinfo=SHANGHAI) if moment.tzinfo is None else moment.astimezone(SHANGHAI)
