"""Scenarios: one YAML file per site, validated by pydantic.

A bad file raises ScenarioError whose message is one line naming the file, the line and the field, e.g.
``scenarios/x.yaml:5: site.code: 网站标识码 must be 10 digits or bm + 8 digits (got '31011')``.

A scenario file is untrusted input (it may come from anyone who audits a site), so reading one is bounded and
never ends in a traceback:

- the file is at most ``MAX_FILE_BYTES`` (1 MiB) of UTF-8 text; YAML's own rules refuse NUL and other raw control
  characters;
- aliases (``*name``, and ``<<: *name`` merges) are allowed, for sharing steps or defaults between columns, but
  at most ``MAX_ALIASES`` uses per file and never recursive; the document has at most ``MAX_NODES`` values, also
  once aliases are expanded, so an alias bomb is refused before anything is built from it;
- nesting is at most ``MAX_DEPTH`` levels; mapping keys are plain strings, each at most once (YAML itself would
  silently keep the last of two equal keys);
- text (keys and values, also when written as escapes like ``"\\x1b"``) holds no control characters other than
  tab, CR and LF, no bidi controls, no U+2028/U+2029 and no lone surrogates;
- the document is one mapping with a ``site:`` key.

Field rules beyond their types: numbers and booleans are strict (``true`` is not 1, ``1`` is not true, ``"20"``
is not 20); limits have sane ranges; ``home`` and absolute column URLs are http(s) with a host; ``scope``
entries are ``host[:port]`` or ``host[:port]/path`` prefixes; ``domain`` and ``parent_domain`` are host names;
``code`` is exactly 10 ASCII digits or ``bm`` + 8 (an unquoted 10-digit number is taken as its digits); names
hold no control or format characters.

Selectors (``list_selector``, ``item_selector``, ``date_selector`` and the steps' ``click``, ``wait_for`` and
``frame``) must parse with ``lxml.cssselect.CSSSelector``, the parser the extractor uses on saved HTML. Steps run
in Playwright, which would take more (``text=…``, ``a >> b``, ``:visible``), but a scenario accepts only what
cssselect parses, so that every selector in a file means the same in the browser and on saved pages.

Messages are plain text (no markup): anything quoted from the file is shown with visible escapes (``\\x1b``,
``\\u202e``) so that a key or value can neither break the line nor reorder it on a terminal.
"""

from __future__ import annotations

import csv
import io
import ipaddress
import re
import stat
import unicodedata
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urljoin, urlsplit

import yaml
from lxml.cssselect import CSSSelector
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from auditor.model.bundle import DEFAULT_CATEGORY, SiteCategory
from auditor.model.indicators import ColumnClass
from auditor.model.resolve import ResolveError, ResolveMap
from auditor.platforms.base import Platform, platform_named
from auditor.schemas import export_schema
from auditor.settings.runtime import RUNTIME

SITE_ID_PATTERN = r"^[a-z0-9-]+$"
# [0-9], not \d: \d also matches full-width and other Unicode digits; fullmatch, not ^...$: $ allows a final "\n".
SITE_CODE_PATTERN = re.compile(r"[0-9]{10}|bm[0-9]{8}", re.ASCII)

MAX_FILE_BYTES = 1 << 20
MAX_ALIASES = 20
MAX_NODES = 100_000
MAX_DEPTH = 32
MAX_SELECTOR_CHARS = 1000
MAX_PATTERN_CHARS = 1000
MAX_TEXT_SHOWN = 80  # characters of a value quoted in a message
MAX_PROBLEM_CHARS = 300

_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# Forbidden in any text value of a scenario: C0 controls but tab, LF and CR; DEL; C1; bidi controls; surrogates.
_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def one_line(text: str) -> str:
    """`text` with every non-printable character (controls, bidi and other format characters, line and paragraph
    separators, surrogates) as a visible escape: \\n, \\x1b, \\u202e."""
    if text.isprintable():
        return text
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char.isprintable():
            out.append(char)
        elif char in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[char])
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "".join(out)


def _show(value: Any, limit: int = MAX_TEXT_SHOWN) -> str:
    """A value from the file, quoted for a message: short, escaped, never expensive."""
    if isinstance(value, str):
        clipped = value[:limit]
        return one_line(repr(clipped)) + ("…" if len(value) > limit else "")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr(value) if value.bit_length() <= 64 else "a very large number"
    if isinstance(value, float):
        return repr(value)
    return f"a {type(value).__name__}"


class ScenarioError(Exception):
    """A scenario file that cannot be used; str() is one line: file:line: field: problem.

    The parts are also kept as attributes (None when the error was built from a message alone).
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        field: str | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__(one_line(message))
        self.source = source
        self.line = line
        self.field = field
        self.problem = problem

    @classmethod
    def at(cls, source: str | Path, line: int, field: str, problem: str) -> ScenarioError:
        if len(problem) > MAX_PROBLEM_CHARS:
            problem = problem[:MAX_PROBLEM_CHARS] + "…"
        source, line = str(source), max(line, 1)
        return cls(f"{source}:{line}: {field}: {problem}", source=source, line=line, field=field, problem=problem)


# ---------------------------------------------------------------------------------------------- field checks


def _no_space(value: str) -> str | None:
    if any(char.isspace() or not char.isprintable() or char == "\\" for char in value):
        return "must not contain whitespace, control characters or backslashes"
    return None


def _css(value: str) -> str:
    if len(value) > MAX_SELECTOR_CHARS:
        raise ValueError(f"selector longer than {MAX_SELECTOR_CHARS} characters")
    if not value.isprintable():
        raise ValueError(f"selector contains a control or format character ({_show(value)})")
    try:
        CSSSelector(value)
    except Exception as exc:  # cssselect's SelectorError, lxml's XPath errors, RecursionError: all a bad selector
        reason = one_line(str(exc))[:MAX_TEXT_SHOWN] or type(exc).__name__
        raise ValueError(f"not a CSS selector cssselect can read ({_show(value)}: {reason})") from None
    return value


def _host_problem(host: str) -> str | None:
    """Why `host` (a DNS name, IPv4 or [IPv6] address, without port) is not a host, or None."""
    if not host:
        return "no host"
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host[1:-1] if host.endswith("]") else "bad")
        except ValueError:
            return f"bad IPv6 address {_show(host)}"
        return None
    if len(host) > 253:
        return "host longer than 253 characters"
    if unicodedata.normalize("NFKC", host).lower() != host.lower():
        return f"host {_show(host)} is not in normal form (full-width or compatibility characters)"
    for label in host.split("."):
        if not label or len(label) > 63 or label[0] == "-" or label[-1] == "-":
            return f"bad host name {_show(host)}"
        if not all(char.isalnum() or char in "-_" for char in label):
            return f"bad host name {_show(host)}"
    return None


def _port_problem(port: str) -> str | None:
    if not re.fullmatch(r"[0-9]{1,5}", port, re.ASCII) or not 1 <= int(port) <= 65535:
        return f"bad port {_show(port)}"
    return None


def _split_host_port(netloc: str) -> tuple[str, str | None]:
    if netloc.startswith("["):
        end = netloc.find("]")
        if end == -1:
            return netloc, None
        rest = netloc[end + 1 :]
        return netloc[: end + 1], rest[1:] if rest.startswith(":") else (rest or None)
    host, colon, port = netloc.rpartition(":")
    return (host, port) if colon else (netloc, None)


def _netloc_problem(netloc: str) -> str | None:
    if "@" in netloc:
        return "must not contain user:password@"
    host, port = _split_host_port(netloc)
    if port is not None and (problem := _port_problem(port)):
        return problem
    return _host_problem(host)


def _url_problem(url: str, *, relative: bool) -> str | None:
    """Why `url` is not an http(s) URL (or, with `relative`, a URL relative to site.home), or None."""
    if not url:
        return "empty URL"
    if problem := _no_space(url):
        return problem
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return str(exc)
    if parts.scheme:
        if parts.scheme not in {"http", "https"}:
            return f"must be http(s), not {_show(parts.scheme + ':')}"
    elif not relative:
        return "must be an absolute http(s) URL"
    if parts.scheme or url.startswith("//"):
        return _netloc_problem(parts.netloc)
    return None


def _http_url(value: str, what: str, *, relative: bool) -> str:
    if problem := _url_problem(value, relative=relative):
        raise ValueError(
            f"{what} must be an http(s) URL{' or a path relative to site.home' if relative else ''}: "
            f"{problem} (got {_show(value)})"
        )
    return value


def _scope_entry(value: str) -> str:
    if problem := _no_space(value):
        raise ValueError(f"a scope entry {problem} (got {_show(value)})")
    if "://" in value:
        raise ValueError(f"a scope entry is host[:port] or host[:port]/path, without a scheme (got {_show(value)})")
    if any(char in value for char in "?#"):
        raise ValueError(f"a scope entry has no query or fragment (got {_show(value)})")
    netloc, _slash, _path = value.partition("/")
    if problem := _netloc_problem(netloc):
        raise ValueError(f"a scope entry is host[:port] or host[:port]/path: {problem} (got {_show(value)})")
    return value


def _domain(value: str) -> str:
    problem = _no_space(value) or (
        "a domain has no scheme, port or path" if any(char in value for char in ":/[") else _host_problem(value)
    )
    if problem:
        raise ValueError(f"must be a domain name like www.example.gov.cn: {problem} (got {_show(value)})")
    return value


def _pattern(value: str) -> str:
    if len(value) > MAX_PATTERN_CHARS:
        raise ValueError(f"regular expression longer than {MAX_PATTERN_CHARS} characters")
    try:
        re.compile(value)
    except (re.error, RecursionError, OverflowError, ValueError, MemoryError) as exc:
        raise ValueError(f"bad regular expression {_show(value)}: {one_line(str(exc))[:100]}") from None
    return value


def _name(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    if not value.isprintable():
        raise ValueError(f"must not contain control or format characters ({_show(value)})")
    return value


Text = Annotated[str, Strict()]
Selector = Annotated[str, Strict(), AfterValidator(_css)]
Name = Annotated[str, Strict(), AfterValidator(_name)]
ScopeEntry = Annotated[str, Strict(), AfterValidator(_scope_entry)]
Pattern = Annotated[str, Strict(), AfterValidator(_pattern)]
StrictInt = Annotated[int, Strict()]
Seconds = Annotated[float, Strict(), Field(allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ClickStep(_Strict):
    click: Selector = Field(description="CSS selector of the element to click (e.g. a tab); as cssselect parses it")


class WaitForStep(_Strict):
    wait_for: Selector = Field(description="CSS selector to wait for before reading; as cssselect parses it")


class FrameStep(_Strict):
    frame: Selector = Field(description="CSS selector of an iframe; later steps and the list are read inside it")


class ScrollStep(_Strict):
    scroll: int | Literal["bottom"] = Field(description="pixels to scroll, or 'bottom' (lazy-loaded lists)")

    @field_validator("scroll", mode="before")
    @classmethod
    def _scroll(cls, value: Any) -> Any:
        if isinstance(value, str) and value == "bottom":
            return value
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= 1_000_000:
            return value
        raise ValueError(f"scroll is a number of pixels (at most 1000000) or 'bottom' (got {_show(value)})")


class WaitStep(_Strict):
    wait_ms: StrictInt = Field(ge=0, le=30_000, description="fixed pause; prefer wait_for")


Step = ClickStep | WaitForStep | FrameStep | ScrollStep | WaitStep
STEP_ACTIONS = frozenset({"click", "wait_for", "frame", "scroll", "wait_ms"})
_STEP_CLASSES: dict[str, type[_Strict]] = {
    "click": ClickStep,
    "wait_for": WaitForStep,
    "frame": FrameStep,
    "scroll": ScrollStep,
    "wait_ms": WaitStep,
}
# Union-member tags pydantic puts in error locations; dropped from field paths.
_UNION_TAGS = frozenset(cls.__name__ for cls in _STEP_CLASSES.values())


def _step_tag(value: Any) -> str | None:
    if isinstance(value, dict) and len(value) == 1 and (cls := _STEP_CLASSES.get(next(iter(value)))) is not None:
        return cls.__name__
    return type(value).__name__ if isinstance(value, _Strict) and type(value).__name__ in _UNION_TAGS else None


_TaggedStep = Annotated[
    Annotated[ClickStep, Tag("ClickStep")]
    | Annotated[WaitForStep, Tag("WaitForStep")]
    | Annotated[FrameStep, Tag("FrameStep")]
    | Annotated[ScrollStep, Tag("ScrollStep")]
    | Annotated[WaitStep, Tag("WaitStep")],
    Discriminator(_step_tag),
]


class ColumnOverride(_Strict):
    """Operator knowledge about one column; it wins over meta tags and the keyword map."""

    url: Text | None = Field(None, description="list page URL (absolute http(s), or relative to site.home)")
    name: Name | None = Field(None, description="column name; matches a discovered column when url is absent")
    column_class: ColumnClass | None = Field(None, alias="class")
    level: StrictInt | None = Field(None, ge=1, le=6)
    page_kind: Literal["list", "hub", "content"] | None = Field(None, alias="kind")
    list_selector: Selector | None = Field(None, description="CSS selector of the list (cssselect syntax)")
    item_selector: Selector | None = Field(None, description="CSS selector of a row inside the list")
    date_selector: Selector | None = Field(None, description="CSS selector of the date inside a row")
    steps: tuple[_TaggedStep, ...] = ()
    render: Annotated[bool, Strict()] | None = Field(
        None, description="force (true) or forbid (false) browser rendering"
    )
    skip: Annotated[bool, Strict()] = False

    @model_validator(mode="before")
    @classmethod
    def _one_spelling(cls, value: Any) -> Any:
        if isinstance(value, dict):
            for alias, name in (("class", "column_class"), ("kind", "page_kind")):
                if alias in value and name in value:
                    raise ValueError(f"{alias} and {name} are the same key; give one")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else _http_url(value, "url", relative=True)

    @field_validator("steps", mode="before")
    @classmethod
    def _step_actions(cls, value: Any) -> Any:
        # Steps are single-key mappings (pa11y-style actions): name the unknown action instead of letting
        # pydantic report every union member's missing field.
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            raise ValueError(f"steps is a list of actions (- click: SELECTOR), not {_show(value)}")  # noqa: TRY004 (pydantic turns only ValueError into a field error)
        for index, step in enumerate(value):
            if isinstance(step, _Strict):
                continue
            if not isinstance(step, dict):
                raise ValueError(f"step {index + 1}: {_show(step)} is not a mapping like `click: SELECTOR`")  # noqa: TRY004
            keys = set(step)
            if len(keys) != 1 or not keys <= STEP_ACTIONS:
                shown = "[" + ", ".join(_show(key, 40) for key in sorted(keys, key=str)[:5]) + "]"
                raise ValueError(f"step {index + 1}: {shown} is not one of {', '.join(sorted(STEP_ACTIONS))}")
        return value

    @model_validator(mode="after")
    def _named(self) -> ColumnOverride:
        if not self.url and not self.name:
            raise ValueError("a column override needs url or name")
        return self


class Limits(_Strict):
    page_timeout_s: Seconds = Field(RUNTIME.page_timeout_s, ge=1, le=300)
    site_budget_s: Seconds = Field(RUNTIME.site_budget_s, ge=5, le=86_400)
    max_columns: StrictInt = Field(RUNTIME.max_columns, ge=1, le=1000)
    link_timeout_s: Seconds | None = Field(
        None, ge=1, le=120, description="one link check's timeout, HEAD and its GET retry each (default: runtime's)"
    )


def _unit_prefix(value: str) -> str:
    # A bare path means the home's host; `//host/path` would be a host in disguise, so it is written with a scheme.
    problem = _url_problem(value, relative=True)
    if problem is None and not urlsplit(value).scheme and (not value.startswith("/") or value.startswith("//")):
        problem = "a path starts with one /"
    if problem:
        raise ValueError(
            f"a unit prefix is an http(s) URL or a path on site.home's host starting with /: {problem} "
            f"(got {_show(value)})"
        )
    return value


UnitPrefix = Annotated[str, Strict(), AfterValidator(_unit_prefix)]


def prefix_key(url: str) -> str:
    """The form unit prefixes and finding URLs are compared in: host (lower case, default port dropped) and the
    rest as written, without scheme or fragment, so that the http and https addresses of a page are one place."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed URL (an unclosed [IPv6]) is compared as written
        return url
    host, port = _split_host_port(parts.netloc.lower())
    if port is not None and (parts.scheme.lower(), port) not in {("http", "80"), ("https", "443")}:
        host = f"{host}:{port}"
    return host + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class Unit(_Strict):
    """A 责任单位: the unit that runs a part of the site (a town's pages, a department's columns)."""

    name: Name = Field(description="责任单位 as the notice names it, e.g. 石桥镇人民政府")
    prefixes: tuple[UnitPrefix, ...] = Field(
        (),
        max_length=200,
        description="URL prefixes of the unit's pages: http(s) URLs, or paths on site.home's host (/portal/sqz/); "
        "compared without scheme, the longest matching prefix wins",
    )
    columns: tuple[Name, ...] = Field(
        (), max_length=500, description="exact column names; used when no prefix matches the finding's URL"
    )

    @model_validator(mode="after")
    def _placed(self) -> Unit:
        if not self.prefixes and not self.columns:
            raise ValueError(f"unit {_show(self.name)} needs prefixes or columns")
        return self


class Site(_Strict):
    id: Annotated[str, Strict(), Field(pattern=SITE_ID_PATTERN, max_length=64)]
    name: Name = Field(min_length=1)
    # kind before code: whether code may be left out depends on it.
    kind: Literal["portal", "department", "subsite", "credit", "newmedia"] = Field(
        description="the website's class, or newmedia: a group of new-media accounts (home = the registry page)"
    )
    code: str | None = Field(
        None,
        validate_default=True,
        description="网站标识码: 10 digits, or bm + 8 digits for State Council departments; required for websites, "
        "optional for kind newmedia",
        json_schema_extra={"pattern": "^(?:[0-9]{10}|bm[0-9]{8})$"},
    )
    category: SiteCategory | None = Field(
        None,
        description="the bulletin's class of the website: portal (市/区政府门户), department (部门), "
        "subsite (部门下属子网站), committee (管委会); default from kind (credit → department)",
    )
    home: Text
    domain: Text | None = Field(None, description="registered domain when served from a mirror or loopback")
    parent_domain: Text | None = None
    scope: tuple[ScopeEntry, ...] = Field(
        (), description="extra hosts (host[:port]) or host[:port]/path prefixes whose pages belong to this site"
    )
    columns: tuple[ColumnOverride, ...] = ()
    exclude: tuple[Pattern, ...] = Field((), description="regular expressions; matching URLs are never columns")
    discover: Annotated[bool, Strict()] = Field(
        default=True, description="discover columns from the home page (false: only `columns`)"
    )
    interpretations: tuple[Text, ...] = Field(
        (), max_length=200, description="政策解读 pages to check besides those found (URLs, or paths relative to home)"
    )
    guides: tuple[Text, ...] = Field(
        (), max_length=200, description="办事指南 pages to check besides those found (URLs, or paths relative to home)"
    )
    units: tuple[Unit, ...] = Field(
        (),
        max_length=1000,
        description="责任单位: who runs which part of the site (by URL prefix, else by column name); each finding "
        "names its unit",
    )
    resolve: dict[str, str] = Field(
        default_factory=dict,
        description='curl-style host mapping, {"www.qingxi.gov.cn:80": "127.0.0.1:8000"}: the host is served from '
        "the address, in Chromium and in HTTP checks alike, while URLs and findings keep the host",
    )
    limits: Limits = Limits()

    @field_validator("resolve")
    @classmethod
    def _resolve(cls, value: dict[str, str]) -> dict[str, str]:
        try:
            return ResolveMap.from_mapping(value).as_dict()
        except ResolveError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("interpretations", "guides")
    @classmethod
    def _page_urls(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_http_url(url, "a page URL", relative=True) for url in value)

    @field_validator("units")
    @classmethod
    def _units(cls, value: tuple[Unit, ...], info: ValidationInfo) -> tuple[Unit, ...]:
        # A URL or a column has one unit: the same name, prefix or column twice would make the choice arbitrary.
        home = info.data.get("home")
        names: dict[str, int] = {}
        places: dict[tuple[str, str], int] = {}
        for number, unit in enumerate(value, start=1):
            if unit.name in names:
                raise ValueError(f"unit {_show(unit.name)} is listed twice (units {names[unit.name]} and {number})")
            names[unit.name] = number
            keys = [
                ("prefix", prefix, prefix_key(urljoin(home, prefix) if home else prefix)) for prefix in unit.prefixes
            ]
            keys += [("column", column, column) for column in unit.columns]
            for what, given, key in keys:
                if (first := places.get((what, key))) is not None:
                    where = f"units {first} and {number}" if first != number else f"unit {number}"
                    raise ValueError(f"{what} {_show(given)} is given twice ({where}); a {what} has one unit")
                places[(what, key)] = number
        return value

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, value: Any, info: ValidationInfo) -> str | None:
        if value is None and info.data.get("kind") == "newmedia":
            return None
        if value is None:
            raise ValueError(
                "网站标识码 must be 10 digits or bm + 8 digits (got null; a website needs one, only kind newmedia may "
                "leave it out)"
            )
        # An unquoted 10-digit code is read by YAML as an int; it is unambiguous, so it is taken as its digits.
        if isinstance(value, int) and not isinstance(value, bool) and 10**9 <= value < 10**10:
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(  # noqa: TRY004 (pydantic turns only ValueError into a field error)
                f"网站标识码 must be 10 digits or bm + 8 digits, as a quoted string (got {_show(value)})"
            )
        if not SITE_CODE_PATTERN.fullmatch(value):
            raise ValueError(f"网站标识码 must be 10 digits or bm + 8 digits (got {_show(value)}; quote it in YAML)")
        return value

    @field_validator("home")
    @classmethod
    def _home(cls, value: str) -> str:
        if problem := _url_problem(value, relative=False):
            raise ValueError(f"home must be an http(s) URL: {problem} (got {_show(value)})")
        return value

    @field_validator("domain", "parent_domain")
    @classmethod
    def _domains(cls, value: str | None) -> str | None:
        return None if value is None else _domain(value)

    @property
    def is_newmedia(self) -> bool:
        return self.kind == "newmedia"

    @property
    def bulletin_category(self) -> SiteCategory | None:
        """The class the bulletin counts the site under: the scenario's `category`, else its kind's default."""
        if self.kind == "newmedia":
            return None
        return self.category or DEFAULT_CATEGORY[self.kind]


# ---------------------------------------------------------------------------------------------- new media (#10)


def _platform(value: Any) -> Any:
    # The registry's 类型 column and CSV files write the platform in Chinese (微信, 大鱼号, 今日头条, B站).
    return (platform_named(value) or value) if isinstance(value, str) else value


class Account(_Strict):
    """One new-media account of the registry (开设主体 + platform)."""

    platform: Annotated[Platform, BeforeValidator(_platform)] = Field(
        description="wechat | weibo | douyin | dayu | netease | toutiao | bilibili | kuaishou | other, or 微信, 微博, …"
    )
    name: Name = Field(description="账号名称")
    owner: Name | None = Field(None, description="开设主体")
    group: Name | None = Field(None, description="owner group (区政府, 市级部门, …): the sampling unit")
    url: Text | None = Field(None, description="the account's public profile or article-list page")

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else _http_url(value, "url", relative=False)

    @property
    def key(self) -> str:
        """Identity across runs and files: platform|name|url (the sample records these)."""
        return f"{self.platform}|{self.name}|{self.url or ''}"


_DAY_FORMS = re.compile(
    r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?|([0-9]{4})([0-9]{2})([0-9]{2})"
)


def _day(value: Any) -> Any:
    """2021-03-19, and the ways spreadsheets write it: 2021/3/19, 2021-3-19, 2021.3.19, 2021年3月19日, 20210319."""
    if isinstance(value, str) and (match := _DAY_FORMS.fullmatch(value.strip())):
        year, month, day = (int(part) for part in match.groups() if part is not None)
        try:
            return date(year, month, day)
        except ValueError:
            raise ValueError(f"no such day {_show(value)}") from None
    return value


Day = Annotated[date, BeforeValidator(_day)]


class ManualDate(_Strict):
    """One row of a manual CSV: an inspector's latest-post date for an account checked by hand (WeChat history)."""

    platform: Annotated[Platform, BeforeValidator(_platform)]
    name: Name | None = None
    url: Text | None = None
    latest_post: Day
    latest_post_text: str = ""
    checked_by: str = ""
    checked_at: Day | None = None
    note: str = ""
    source: str = Field("", description="file:line the row was read from")

    @model_validator(mode="after")
    def _named(self) -> ManualDate:
        if not self.name and not self.url:
            raise ValueError("a manual row names its account by name or url")
        return self


class Sampling(_Strict):
    """The notice's sampling: every account of `groups`, plus a seeded draw of the rest until the total > share."""

    groups: tuple[Name, ...] = Field((), description="owner groups checked in full (普查), e.g. 区政府")
    share: Annotated[float, Strict(), Field(gt=0, le=1, allow_inf_nan=False)] = Field(
        0.10, description="the sample exceeds this share of all accounts (国办: 10 %)"
    )
    seed: StrictInt | None = Field(None, ge=0, le=2**63 - 1, description="draw seed; recorded in the bundle")


class Scenario(_Strict):
    site: Site
    accounts: tuple[Account, ...] = Field(
        (), max_length=20_000, description="new-media accounts (kind newmedia); else read from the registry page"
    )
    accounts_csv: Text | None = Field(
        None,
        description="a CSV of accounts (platform,name,owner,group,url or 类型,账号名称,开设主体,分组,网址), "
        "relative to the scenario file",
    )
    manual_csv: Text | None = Field(
        None,
        description="inspectors' latest-post dates (platform,name,latest_post[,latest_post_text,checked_by,"
        "checked_at,note]), merged in and marked manual",
    )
    sampling: Sampling | None = None
    manual: tuple[ManualDate, ...] = Field(
        (), max_length=20_000, description="inspectors' latest-post dates written inline; manual_csv rows are added"
    )

    @field_validator("accounts", "accounts_csv", "manual_csv", "manual", "sampling")
    @classmethod
    def _newmedia_only(cls, value: Any, info: ValidationInfo) -> Any:
        site = info.data.get("site")
        if value and isinstance(site, Site) and not site.is_newmedia:
            raise ValueError(f"{info.field_name} belongs to a new-media scenario (site.kind: newmedia)")
        return value

    @field_validator("accounts")
    @classmethod
    def _accounts_once(cls, accounts: tuple[Account, ...]) -> tuple[Account, ...]:
        seen: dict[tuple[str, str], int] = {}
        for index, account in enumerate(accounts):
            key = (account.platform, account.name)
            if key in seen:
                raise ValueError(f"[{index}] {account.name!r} on {account.platform} is also [{seen[key]}]")
            seen[key] = index
        return accounts

    @model_validator(mode="after")
    def _one_account_source(self) -> Scenario:
        if self.accounts and self.accounts_csv:
            raise ValueError("give accounts or accounts_csv, not both")
        return self


# ---------------------------------------------------------------------------------------------- YAML


class _Refused(yaml.MarkedYAMLError):
    """A YAML document this loader will not build, with the field path where it stopped."""

    def __init__(self, problem: str, mark: Any, path: tuple[str | int, ...] | None) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.field = _format_path(path) if path is not None else "(root)"


def _format_path(parts: tuple[str | int, ...] | list[str | int]) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(("." if out else "") + (part if len(part) <= 60 else part[:60] + "…"))
    path = "".join(out) or "(root)"
    return path if len(path) <= 160 else path[:160] + "…"


class _PyEvents(Reader, Scanner, Parser):
    """YAML events from PyYAML's pure-Python parser (used when PyYAML was built without libyaml)."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


try:  # libyaml's parser: about 7x faster on a large file; the composer below stays Python, with its limits
    from yaml.cyaml import CParser as _Events  # type: ignore[attr-defined]  # not re-exported by the stubs
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _Events = _PyEvents  # type: ignore[misc, assignment]  # the same event protocol


def _loader_class(events: type) -> type:
    """A SafeLoader-like class over `events` with limits (alias uses, nesting depth), string keys only, each
    once, and clean text. It remembers the field path of every node so that a refusal names the field."""

    class _Loader(Composer, events, SafeConstructor, Resolver):
        def __init__(self, stream: str) -> None:
            events.__init__(self, stream)  # type: ignore[misc]  # a mixin base, initialised by name
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self.alias_uses = 0
            self.nodes = 0
            self.path: list[str | int] = []
            self.paths: dict[int, tuple[str | int, ...]] = {}

        def _refuse(self, problem: str, mark: Any, path: tuple[str | int, ...] | None = None) -> _Refused:
            return _Refused(problem, mark, tuple(self.path) if path is None else path)

        def compose_node(self, parent: Node | None, index: Any) -> Node:
            event = self.peek_event()
            # A mapping composes each key with index None and its value with the key node as index.
            is_key = parent is not None and index is None
            part = index if isinstance(index, int) else index.value if isinstance(index, ScalarNode) else None
            if part is not None:
                self.path.append(part)
            try:
                if isinstance(event, yaml.AliasEvent):
                    self.alias_uses += 1
                    if self.alias_uses > MAX_ALIASES:
                        raise self._refuse(f"more than {MAX_ALIASES} aliases (*name) in one file", event.start_mark)
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    raise self._refuse(f"more than {MAX_NODES} values", event.start_mark)
                if len(self.path) >= MAX_DEPTH:
                    raise self._refuse(f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
                node = super().compose_node(parent, index)
                self.paths.setdefault(id(node), tuple(self.path))
                if isinstance(node, ScalarNode) and (match := _BAD_TEXT.search(node.value)):
                    what = "key" if is_key else "text"
                    raise self._refuse(
                        f"control character {one_line(match.group())} in the {what} {_show(node.value)}",
                        node.start_mark,
                    )
            finally:
                if part is not None:
                    self.path.pop()
            return node  # type: ignore[return-value]  # compose_node of a present event is never None

        # types-PyYAML gives Composer's methods other signatures than PyYAML's own (anchor: str | None).
        def compose_mapping_node(self, anchor: str | None) -> MappingNode:  # type: ignore[override]
            node = super().compose_mapping_node(anchor)  # type: ignore[arg-type]
            seen: dict[str, int] = {}
            for key, _value in node.value:
                if isinstance(key, ScalarNode) and key.tag == _MERGE_TAG:
                    continue
                if not isinstance(key, ScalarNode):
                    raise self._refuse(f"a key must be a field name, not a {key.id}", key.start_mark)
                if key.tag != _STR_TAG:
                    kind = key.tag.rsplit(":", 1)[-1]
                    raise self._refuse(
                        f"a key must be a field name, not {_show(key.value)} (YAML reads it as {kind})", key.start_mark
                    )
                if key.value in seen:
                    raise self._refuse(
                        f"duplicate key {_show(key.value)} (first on line {seen[key.value]})", key.start_mark
                    )
                seen[key.value] = key.start_mark.line + 1
            return node

        def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
            # Runs after construct_object returned (PyYAML fills mappings in a second pass): merge-key errors here.
            try:
                return super().construct_mapping(node, deep=deep)
            except _Refused:
                raise
            except yaml.constructor.ConstructorError as exc:
                problem = exc.problem or "cannot read this mapping"
                raise self._refuse(problem, exc.problem_mark or node.start_mark, self.paths.get(id(node))) from None

        def construct_object(self, node: Node, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep=deep)
            except _Refused:
                raise
            except yaml.constructor.ConstructorError as exc:  # an unknown !tag, bad !!binary, a merge of a non-mapping
                problem = exc.problem or "cannot read this value"
                raise self._refuse(problem, exc.problem_mark or node.start_mark, self.paths.get(id(node))) from None
            except (ValueError, OverflowError, TypeError) as exc:  # e.g. 2024-02-30, a 5000-digit !!int
                raise self._refuse(f"cannot read value: {exc}", node.start_mark, self.paths.get(id(node))) from None

    return _Loader


_Loader = _loader_class(_Events)


def _expanded_size(root: Node) -> int | None:
    """Values in the document once aliases are expanded (capped just above MAX_NODES); None if an alias is
    recursive. Iterative: aliases make the depth unbounded by MAX_DEPTH."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children: list[Node] = []
        if isinstance(node, SequenceNode):
            children = node.value
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        if done:
            on_path.discard(key)
            sizes[key] = min(MAX_NODES + 1, 1 + sum(sizes[id(child)] for child in children))
            continue
        if key in sizes:
            continue
        if key in on_path:
            return None
        on_path.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in on_path:
                return None
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def _check_size(root: Node) -> None:
    size = _expanded_size(root)
    if size is None:
        raise _Refused("an alias (*name) refers to a value that contains it", root.start_mark, None)
    if size > MAX_NODES:
        raise _Refused(f"more than {MAX_NODES} values once aliases are expanded", root.start_mark, None)


def _yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[int, str]:
    if isinstance(exc, yaml.reader.ReaderError):
        # The position is a character index (Python parser) or a byte offset (libyaml): find the character instead.
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        at = text.find(char)
        return text.count("\n", 0, at) + 1 if at >= 0 else 1, f"character {one_line(char)} is not allowed in YAML"
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    return line, f"{context}: {problem}" if context else problem


def _compose(text: str, source: str, loader_class: type | None = None) -> tuple[Node | None, Any]:
    loader_class = loader_class or _Loader
    if len(text) > MAX_FILE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise ScenarioError.at(source, 1, "(file)", f"larger than {MAX_FILE_BYTES // 1024} KiB")
    if match := _SURROGATE.search(text):  # libyaml cannot even take them (they are not UTF-8)
        line = text.count("\n", 0, match.start()) + 1
        raise ScenarioError.at(
            source, line, "YAML syntax", f"character {one_line(match.group())} is not allowed in YAML"
        )
    loader: Any = None
    try:
        loader = loader_class(text)
        root = loader.get_single_node()
        if root is None:
            return None, None
        _check_size(root)
        return root, loader.construct_document(root)
    except _Refused as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else 1
        raise ScenarioError.at(source, line, exc.field, exc.problem or "refused") from None
    except yaml.YAMLError as exc:
        line, problem = _yaml_problem(exc, text)
        raise ScenarioError.at(source, line, "YAML syntax", problem) from None
    except RecursionError:
        raise ScenarioError.at(source, 1, "YAML syntax", "nested too deeply") from None
    except (ValueError, OverflowError, TypeError) as exc:  # a value PyYAML cannot build, outside construct_object
        raise ScenarioError.at(source, 1, "YAML syntax", f"cannot read: {exc}") from None
    except MemoryError:
        raise ScenarioError.at(source, 1, "YAML syntax", "too large to read") from None
    finally:
        if loader is not None:
            loader.dispose()


def _locate(root: Node | None, loc: tuple[int | str, ...]) -> tuple[int, str]:
    """The line a pydantic error location points at (following it through the YAML node tree), and its field path.

    A bad or missing value points at its key's line, which is where an editor should look.
    """
    node = root
    line = root.start_mark.line + 1 if root is not None else 1
    parts: list[str | int] = []
    for key in loc:
        if isinstance(key, str) and key in _UNION_TAGS and not _has_key(node, key):
            continue
        parts.append(key)
        if isinstance(key, int):
            if isinstance(node, SequenceNode) and 0 <= key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                node = None
        elif (pair := _pair(node, key)) is not None:
            line, node = pair[0].start_mark.line + 1, pair[1]
        else:
            node = None
    return line, _format_path(parts)


def _pair(node: Node | None, key: str) -> tuple[Node, Node] | None:
    if not isinstance(node, MappingNode):
        return None
    return next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)


def _has_key(node: Node | None, key: str) -> bool:
    return _pair(node, key) is not None


def _parse(text: str, source: str, loader_class: type | None = None) -> tuple[Scenario, Node]:
    root, data = _compose(text, source, loader_class)
    if root is None:
        raise ScenarioError.at(source, 1, "(root)", "the file is empty; a scenario is a mapping with a `site:` key")
    if not isinstance(data, dict):
        line = root.start_mark.line + 1
        raise ScenarioError.at(source, line, "(root)", f"a scenario is a mapping with a `site:` key, not {_show(data)}")
    try:
        return Scenario.model_validate(data), root
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False, include_context=False)[0]
        line, field = _locate(root, tuple(first["loc"]))
        message = first["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        raise ScenarioError.at(source, line, field, message) from None
    except (RecursionError, MemoryError) as exc:
        raise ScenarioError.at(source, 1, "(root)", f"cannot validate: {type(exc).__name__}") from None


def parse_scenario(text: str, source: str = "<scenario>", base_dir: Path | None = None) -> Scenario:
    """The scenario in `text`; ScenarioError (one line, `source:line: field: problem`) when it is not one.

    CSV files it names are read relative to `base_dir` (default: the working folder)."""
    scenario, root = _parse(text, source)
    return _with_files(scenario, root, source, base_dir or Path())


def _read(path: Path) -> str:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ScenarioError.at(path, 1, "(file)", "is a folder, not a scenario file")
        if not stat.S_ISREG(info.st_mode):
            raise ScenarioError.at(path, 1, "(file)", "not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise ScenarioError.at(path, 1, "(file)", f"larger than {MAX_FILE_BYTES // 1024} KiB")
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ScenarioError.at(path, 1, "(file)", f"cannot read: {exc.strerror or type(exc).__name__}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ScenarioError.at(path, 1, "(file)", f"larger than {MAX_FILE_BYTES // 1024} KiB")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = raw[exc.start]
        raise ScenarioError.at(path, line, "(file)", f"not UTF-8 text (byte 0x{byte:02x})") from None


# ---------------------------------------------------------------------------------------------- CSV files (#10)

MAX_CSV_BYTES = 16 << 20
# Header spellings of the registry exports inspectors keep (English keys, or the notice's Chinese headings).
ACCOUNT_HEADERS: dict[str, str] = {
    "platform": "platform", "类型": "platform", "平台": "platform", "平台类型": "platform", "账号类型": "platform",
    "name": "name", "账号名称": "name", "账号": "name", "名称": "name",
    "owner": "owner", "开设主体": "owner", "主办单位": "owner", "运营主体": "owner",
    "group": "group", "分组": "group", "类别": "group", "单位类别": "group",
    "url": "url", "网址": "url", "链接": "url", "地址": "url", "主页": "url",
}  # fmt: skip
MANUAL_HEADERS: dict[str, str] = {
    **{k: v for k, v in ACCOUNT_HEADERS.items() if v in {"platform", "name", "url"}},
    "latest_post": "latest_post", "最新发布日期": "latest_post", "最近更新": "latest_post",
    "最后更新日期": "latest_post",
    "latest_post_text": "latest_post_text", "显示时间": "latest_post_text",
    "checked_by": "checked_by", "核查人": "checked_by",
    "checked_at": "checked_at", "核查日期": "checked_at",
    "note": "note", "备注": "note",
}  # fmt: skip


def _csv_text(path: Path, source: str, line: int, field: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ScenarioError.at(
            source, line, field, f"cannot read {path}: {exc.strerror or type(exc).__name__}"
        ) from None
    if len(raw) > MAX_CSV_BYTES:
        raise ScenarioError.at(path, 1, "(file)", f"larger than {MAX_CSV_BYTES >> 20} MiB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel on a Chinese Windows saves CSV as GBK: read as its superset.
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise ScenarioError.at(path, 1, "(file)", "neither UTF-8 nor GB18030 text") from None


def _csv_rows(
    path: Path, text: str, headers: dict[str, str], required: tuple[str, ...]
) -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text))
    try:
        head = next(reader)
    except StopIteration:
        raise ScenarioError.at(path, 1, "(header)", "the file is empty") from None
    except csv.Error as exc:
        raise ScenarioError.at(path, 1, "(header)", f"not CSV: {exc}") from None
    keys = [headers.get(h.strip().lstrip("\ufeff").lower(), headers.get(h.strip(), "")) for h in head]
    for name, key in zip(head, keys, strict=True):
        if not key and name.strip():
            raise ScenarioError.at(
                path, 1, "(header)", f"unknown column {_show(name)}; known: {', '.join(sorted(set(headers.values())))}"
            )
    missing = [r for r in required if r not in keys]
    if missing:
        raise ScenarioError.at(path, 1, "(header)", f"no {', '.join(missing)} column")
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(keys):
                raise ScenarioError.at(path, reader.line_num, "(row)", f"{len(values)} values for {len(keys)} columns")
            rows.append(
                (reader.line_num, {k: v.strip() for k, v in zip(keys, values, strict=False) if k and v.strip()})
            )
    except csv.Error as exc:
        raise ScenarioError.at(path, reader.line_num, "(row)", f"not CSV: {exc}") from None
    return rows


def _row_model(model: type[_Strict], row: dict[str, Any], path: Path, line: int) -> Any:
    try:
        return model.model_validate(row)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False, include_context=False)[0]
        field = _format_path(parts) if (parts := [p for p in first["loc"] if isinstance(p, str | int)]) else "(row)"
        message = first["msg"].removeprefix("Value error, ")
        raise ScenarioError.at(path, line, field, message) from None


def read_accounts_csv(path: Path) -> tuple[Account, ...]:
    """Accounts from a registry CSV; ScenarioError names the CSV's file:line:field."""
    accounts: list[Account] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in _csv_rows(path, _csv_text(path, str(path), 1, "(file)"), ACCOUNT_HEADERS, ("platform", "name")):
        account: Account = _row_model(Account, row, path, line)
        key = (account.platform, account.name)
        if key in seen:
            raise ScenarioError.at(
                path, line, "name", f"{account.name!r} on {account.platform} is also on line {seen[key]}"
            )
        seen[key] = line
        accounts.append(account)
    return tuple(accounts)


def read_manual_csv(path: Path) -> tuple[ManualDate, ...]:
    rows = _csv_rows(path, _csv_text(path, str(path), 1, "(file)"), MANUAL_HEADERS, ("platform", "latest_post"))
    return tuple(_row_model(ManualDate, {**row, "source": f"{path.name}:{line}"}, path, line) for line, row in rows)


def _with_files(scenario: Scenario, root: Node | None, source: str, base: Path) -> Scenario:
    """The scenario with its accounts_csv and manual_csv read (paths relative to the scenario's folder)."""
    update: dict[str, Any] = {}
    for key, reader, target in (
        ("accounts_csv", read_accounts_csv, "accounts"),
        ("manual_csv", read_manual_csv, "manual"),
    ):
        name = getattr(scenario, key)
        if not name:
            continue
        path = Path(name) if Path(name).is_absolute() else base / name
        line, field = _locate(root, (key,))
        if not path.is_file():
            raise ScenarioError.at(source, line, field, f"no such file {_show(str(path), 200)}")
        rows = reader(path)
        update[target] = (scenario.manual + rows) if target == "manual" else rows
    return scenario.model_copy(update=update) if update else scenario


def _load(path: Path) -> tuple[Scenario, Node]:
    scenario, root = _parse(_read(path), str(path))
    return _with_files(scenario, root, str(path), path.parent), root


def load_scenario(path: Path) -> Scenario:
    return _load(path)[0]


def collect_scenarios(paths: list[Path]) -> list[Path]:
    """Scenario files named directly or found (*.yaml, *.yml) in named folders, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"}))
        else:
            found.append(path)
    return found


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _collect(paths: list[Path]) -> tuple[list[Path], list[ScenarioError]]:
    """collect_scenarios that reports a folder it cannot list instead of raising, and names each file once."""
    found: list[Path] = []
    errors: list[ScenarioError] = []
    seen: set[Path] = set()
    for path in paths:
        try:
            is_dir = path.is_dir()
            files = sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"}) if is_dir else [path]
        except OSError as exc:
            if not is_dir:  # is_dir itself failed (e.g. a name too long): reading it will say why
                files = [path]
            else:
                errors.append(
                    ScenarioError.at(path, 1, "(folder)", f"cannot list: {exc.strerror or type(exc).__name__}")
                )
                continue
        for file in files:
            if (identity := _identity(file)) not in seen:
                seen.add(identity)
                found.append(file)
    return found, errors


def load_scenarios(paths: list[Path]) -> tuple[list[Scenario], list[ScenarioError]]:
    """Every scenario in the named files and folders (as collect_scenarios finds them) and every problem, not
    only the first.

    Returns the good scenarios in file order, and one ScenarioError per bad file or unreadable folder, plus one per
    site id that an earlier file already used (naming both files, file:line; the later scenario is left out). A
    file named twice (directly and through its folder) is read once. No files at all is ([], []): the caller words
    that case.
    """
    files, errors = _collect(paths)
    scenarios: list[Scenario] = []
    first_use: dict[str, str] = {}
    for path in files:
        try:
            scenario, root = _load(path)
        except ScenarioError as exc:
            errors.append(exc)
            continue
        line, _field = _locate(root, ("site", "id"))
        site_id = scenario.site.id
        if site_id in first_use:
            errors.append(ScenarioError.at(path, line, "site.id", f"{site_id!r} is also used by {first_use[site_id]}"))
            continue
        first_use[site_id] = f"{path}:{line}"
        scenarios.append(scenario)
    return scenarios, errors


def scenario_json_schema() -> dict[str, Any]:
    return export_schema(Scenario, "scenario", "auditor scenario")
