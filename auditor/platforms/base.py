"""Platform adapters: how one new-media platform's public page shows its posts — data, one module per platform.

An adapter names CSS selectors (cssselect syntax: they are read from the rendered DOM saved as HTML, exactly like
the website extractors) and marker phrases. It holds no code: the one reading engine (auditor/extract/newmedia.py)
applies any adapter to a rendered page, so a new platform or a platform's changed layout is a one-file change in
auditor/platforms/ plus its fixture pages under tests/fixtures/newmedia/<platform>/.

Markers decide a page's state when no post can be read: a login wall, a captcha, a deleted (注销) or banned
account, or the platform's own "no posts yet". A page that shows posts is judged by its posts even when a login
banner sits above them (Weibo shows one to every visitor); a deleted or captcha page is never judged by whatever
posts a cached layout still shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

Platform = Literal["wechat", "weibo", "douyin", "dayu", "netease", "toutiao", "bilibili", "kuaishou", "other"]
PLATFORMS: tuple[str, ...] = (
    "wechat", "weibo", "douyin", "dayu", "netease", "toutiao", "bilibili", "kuaishou", "other",
)  # fmt: skip
# 类型 as the notice writes it.
PLATFORM_ZH: dict[str, str] = {
    "wechat": "微信",
    "weibo": "微博",
    "douyin": "抖音",
    "dayu": "大鱼号",
    "netease": "网易号",
    "toutiao": "头条号",
    "bilibili": "哔哩哔哩",
    "kuaishou": "快手",
    "other": "其他",
}

# Other spellings registries and CSV exports use for the platforms.
PLATFORM_ALIASES: dict[str, str] = {
    **{code: code for code in PLATFORMS},
    **{name.lower(): code for code, name in PLATFORM_ZH.items()},
    "微信公众号": "wechat",
    "公众号": "wechat",
    "微信公众平台": "wechat",
    "新浪微博": "weibo",
    "大鱼": "dayu",
    "uc": "dayu",
    "网易": "netease",
    "网易新闻": "netease",
    "今日头条": "toutiao",
    "头条": "toutiao",
    "b站": "bilibili",
    "其它": "other",
}


def platform_named(text: str) -> str | None:
    """The platform code a 类型 cell or CSV value names (微信公众号 → wechat), or None."""
    # Official tables pad two-character names with an ideographic space to line up with 头条号: 微　博.
    return PLATFORM_ALIASES.get("".join(text.split()).lower())


@dataclass(frozen=True)
class Markers:
    """Signs of a page state: any selector that matches, or any phrase found in the page's visible text."""

    selectors: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlatformAdapter:
    platform: Platform
    name_zh: str  # 类型 in the notice's table: 微信, 微博, …
    # Host names identifying the platform in an account URL; ".weibo.com" (leading dot) matches any subdomain.
    hosts: tuple[str, ...]
    post: str  # one post / article / video card on the profile or article-list page
    post_time: str  # inside a post: the element whose text (or `time_attribute`) is the time as shown
    post_title: str | None = None  # inside a post: its title or first words (recorded, shown in evidence)
    time_attribute: str | None = None  # an attribute of the time element holding the full time, e.g. "title"
    pinned: Markers = field(default_factory=lambda: Markers(texts=("置顶",)))  # inside a post
    wait_for: str | None = None  # the browser waits for this (posts or a wall) before the page is read
    scroll_times: int = 0  # lazy lists: scroll to the bottom this many times before reading
    login_wall: Markers = field(default_factory=Markers)
    captcha: Markers = field(default_factory=Markers)
    deleted: Markers = field(default_factory=Markers)  # 该账号已注销, 账号已被封禁, …
    no_posts: Markers = field(default_factory=Markers)  # the platform's own "this account has no posts"
    account_name: str | None = None  # the account's name on the page (recorded beside the registry's)
    # The platform's asset hosts (CDNs for its scripts, styles and pictures): loaded for its pages, never an
    # account's page. Without them, --block-offsite leaves a script-built profile empty (read as unknown).
    asset_hosts: tuple[str, ...] = ()


ADAPTERS: dict[str, PlatformAdapter] = {}


def register_adapter(adapter: PlatformAdapter) -> PlatformAdapter:
    if adapter.platform in ADAPTERS:
        raise ValueError(f"platform adapter {adapter.platform!r} declared twice")
    ADAPTERS[adapter.platform] = adapter
    return adapter


def _host_matches(host: str, pattern: str) -> bool:
    pattern = pattern.lower()
    if pattern.startswith("."):
        return host == pattern[1:] or host.endswith(pattern)
    return host == pattern


def host_claimed(host: str, platforms: frozenset[str] | set[str]) -> bool:
    """The host (no port) is one of these platforms' own or asset hosts."""
    host = host.lower()
    return any(
        _host_matches(host, pattern)
        for adapter in ADAPTERS.values()
        if adapter.platform in platforms
        for pattern in (*adapter.hosts, *adapter.asset_hosts)
    )


def platform_of_url(url: str) -> str | None:
    """The platform whose adapter claims the URL's host, or None."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    for adapter in ADAPTERS.values():
        if any(_host_matches(host, pattern) for pattern in adapter.hosts):
            return adapter.platform
    return None
