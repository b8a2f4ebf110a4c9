"""Artifacts: what gathering saw, as typed facts. Rules read these and nothing else.

Artifacts are saved next to each bundle (artifacts.json), so a bundle can be judged again offline at another
monitoring point or after a rule is fixed, without loading the site again (Lighthouse's -A mode).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor.model.indicators import ColumnClass

ARTIFACTS_VERSION = "1.1"  # 1.1: page ids, node references, unavailable artifacts

PageKind = Literal["list", "hub", "content", "error"]
DateSource = Literal["list", "detail", "meta", "url", "home_block", "none"]
FetchedBy = Literal["browser", "http"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Rect(_Model):
    """A box in CSS pixels on the page's full-page screenshot."""

    x: float
    y: float
    width: float
    height: float


class NodeRef(_Model):
    """An element on a gathered page, as a finding points at it (Lighthouse's NodeDetails).

    `page_id` names a PageFacts of the same artifacts; the rect is measured at gather time against that page's
    full-page screenshot, so evidence can outline and crop it offline.
    """

    page_id: str
    selector: str | None = None
    frame_url: str | None = None
    rect: Rect | None = None
    snippet: str | None = Field(None, description="the element's text or markup, shortened")


class ListItem(_Model):
    title: str
    url: str | None = None
    date: dt.date | None = None
    date_text: str | None = Field(None, description="the source text the date was read from")
    date_source: DateSource = "none"
    pinned: bool = Field(default=False, description="marked 置顶: often an old item kept above newer ones")


class PageFacts(_Model):
    """One page as the auditor saw it: the list it holds, or why it holds none."""

    id: str | None = Field(None, description="unique within the site's artifacts; findings point at it")
    url: str = Field(description="the URL asked for")
    final_url: str | None = None
    status: int | None = Field(None, description="HTTP status; None when no response arrived")
    fetched_by: FetchedBy
    title: str = ""
    meta: dict[str, str] = Field(default_factory=dict, description="SiteIDCode, ColumnName, ColumnType, …")
    kind: PageKind
    items: list[ListItem] = Field(default_factory=list)
    list_selector: str | None = Field(None, description="CSS path of the list (or placeholder) element")
    list_frame_url: str | None = Field(None, description="set when the list sits inside an iframe")
    placeholder: str | None = Field(None, description="暂无信息 and the like, when the list shows one")
    placeholder_candidates: list[str] = Field(
        default_factory=list,
        description="short stand-alone texts of a page without a dated list, for judging placeholder wording again",
    )
    list_rect: Rect | None = None
    basis: list[str] = Field(
        default_factory=list,
        description="why the reading is believed: dated rows, table date column: 公示日期, placeholder, weak: …",
    )
    error: str | None = None
    html_path: str | None = Field(None, description="rendered HTML saved in the bundle (relative path)")
    screenshot_path: str | None = None
    elapsed_ms: float = 0.0
    captured_at: dt.datetime | None = Field(None, description="when the screenshot was taken (+08:00)")


def failed_page(
    url: str, *, fetched_by: FetchedBy, status: int | None, final_url: str | None, error: str, elapsed_ms: float
) -> PageFacts:
    """A page that could not be read: no list, just why."""
    return PageFacts(
        url=url,
        final_url=final_url,
        status=status,
        fetched_by=fetched_by,
        kind="error",
        error=error,
        elapsed_ms=elapsed_ms,
    )


class ColumnFacts(_Model):
    """A column (栏目) found on the site, with its home-page block and its list page."""

    name: str
    url: str = Field(description="the list page URL (where its 更多 link leads): the column's identity")
    level: int = 1
    found_in: list[Literal["nav", "home_block", "home_link", "tree", "scenario"]] = Field(default_factory=list)
    override_class: ColumnClass | None = None
    override_kind: Literal["list", "hub", "content"] | None = None
    home_items: list[ListItem] = Field(default_factory=list, description="rows its home-page block shows")
    home_block_selector: str | None = None
    home_block_rect: Rect | None = None
    page: PageFacts | None = None
    skipped: str | None = Field(None, description="why the list page was not read (budget, exclude, …)")


class RequestRecord(_Model):
    """One request the auditor made or let the browser make: the proof of what was contacted."""

    url: str
    via: Literal["http", "browser", "redirect"]
    status: int | None = None
    outcome: Literal["ok", "error", "timeout", "too_large", "robots", "blocked_offsite", "passed"] = "ok"


class ErrorRecord(_Model):
    url: str
    stage: Literal["home", "column", "detail", "page", "evidence", "site", "internal"]
    kind: Literal["timeout", "http_status", "navigation", "budget", "internal", "too_large", "robots", "offsite"]
    message: str
    screenshot_path: str | None = None
    html_path: str | None = None


class SiteArtifacts(_Model):
    artifacts_version: str = ARTIFACTS_VERSION
    site_id: str
    home_url: str
    site_code: str | None = Field(None, description="the scenario's 网站标识码, to tell another site's pages apart")
    captured_at: dt.datetime
    as_of: dt.date
    home: PageFacts | None = None
    columns: list[ColumnFacts] = Field(default_factory=list)
    errors: list[ErrorRecord] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    # Extra pages a gatherer read for facts of its own (footer checks on inner pages, 解读 pages, guides).
    pages: list[PageFacts] = Field(default_factory=list)
    unavailable: dict[str, str] = Field(
        default_factory=dict, description="artifact name -> why it could not be gathered (rules needing it: error)"
    )
    requests: list[RequestRecord] = Field(default_factory=list, description="what was contacted (capped)")
    requests_dropped: int = Field(0, description="requests made past the log's cap, counted only")
    pages_rendered: int = 0
    pages_fetched: int = 0
