"""Artifacts: what gathering saw, as typed facts. Rules read these and nothing else.

Artifacts are saved next to each bundle (artifacts.json), so a bundle can be judged again offline at another
monitoring point or after a rule is fixed, without loading the site again (Lighthouse's -A mode).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor.model.indicators import ColumnClass

ARTIFACTS_VERSION = "1.4"  # 1.1: page ids, node references, unavailable artifacts; 1.2: guides, interpretations;
# 1.3: the site checks of issue #9 (availability, domain, home updates, footers, links, interaction, services);
# 1.4: new-media accounts (issue #10)

PageKind = Literal["list", "hub", "content", "error"]
DateSource = Literal["list", "detail", "meta", "url", "home_block", "none"]
FetchedBy = Literal["browser", "http"]
# Where a followed link led: the document itself, a list or the home page, a search page, an error or soft-404
# page, a file download, another host (not followed), or not followed (limits).
TargetKind = Literal["document", "list", "home", "search", "soft_404", "file", "error", "offsite", "unchecked"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Rect(_Model):
    """A box in CSS pixels on the page's full-page screenshot."""

    x: float
    y: float
    width: float
    height: float

    @classmethod
    def covering(cls, rects: list[Rect]) -> Rect:
        """The smallest box holding every given box (the rows of one finding, outlined as one)."""
        left, top = min(r.x for r in rects), min(r.y for r in rects)
        right, bottom = max(r.x + r.width for r in rects), max(r.y + r.height for r in rects)
        return cls(x=left, y=top, width=right - left, height=bottom - top)


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
    archive_path: str | None = Field(None, description="MHTML snapshot beside the screenshot (run --mhtml)")
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


class CheckedLink(_Model):
    """A link the auditor followed to see where it leads (a 原文 link, a form download, a 相关解读 link)."""

    text: str = Field(description="the link's text (or its title/alt), shortened")
    href: str = Field(description="the href as written in the page ('#', 'javascript:void(0)' kept)")
    url: str | None = Field(None, description="absolute http(s) URL, None for #, javascript: and the like")
    why: str = Field("", description="why it was taken as a candidate: link_text, named_title, form_file, …")
    checked: bool = Field(default=False, description="the target was requested")
    status: int | None = None
    final_url: str | None = None
    content_type: str | None = None
    size: int | None = Field(None, description="body bytes read (capped)")
    target_title: str | None = Field(None, description="the target page's document title (ArticleTitle, h1, title)")
    target_kind: TargetKind = "unchecked"
    error: str | None = None
    node: NodeRef | None = None


class GuideField(_Model):
    """One label → value pair read from a 办事指南 page, as shown (classes and placeholders are judged later)."""

    label: str
    value: str = Field(description="the value's text, white space normalised, shortened to 2,000 characters")
    links: list[str] = Field(default_factory=list, description="absolute URLs of links inside the value")
    how: str = Field("", description="the layout it was read from: table, dl, heading, inline, tab")
    node: NodeRef | None = None


class GuideFacts(_Model):
    """A 办事指南 page: where it was found and what it says."""

    url: str
    name: str = Field("", description="the guide's name as listed (link text), else its page title")
    found_in: list[Literal["column", "link", "scenario"]] = Field(default_factory=list)
    source: str | None = Field(None, description="the column or page that listed it")
    offsite: bool = Field(
        default=False, description="hosted outside the site's scope (政务服务网): listed, never fetched"
    )
    skipped: str | None = Field(None, description="why it was not read (budget, limit)")
    page: PageFacts | None = None
    fields: list[GuideField] = Field(default_factory=list)
    content_text: str = Field("", description="the guide's own text (no header/footer), capped, for wording rules")
    form_links: list[CheckedLink] = Field(default_factory=list)
    content_node: NodeRef | None = Field(None, description="the guide's content area (outlined when a class is absent)")
    tabs_opened: int = Field(0, description="tab or accordion controls clicked to show hidden or lazy panels")
    tab_titles: list[str] = Field(
        default_factory=list, description="titles of the tab or accordion controls clicked (panels loaded on click)"
    )


class PolicyFacts(_Model):
    """A 政策文件 page, reached from an interpretation (or found by its title): its 相关解读 links back."""

    url: str
    title: str = ""
    doc_number: str | None = None
    page: PageFacts | None = None
    back_links: list[CheckedLink] = Field(
        default_factory=list, description="links to interpretations: 相关解读/政策解读 texts, or links to a known 解读"
    )
    link_area: NodeRef | None = Field(None, description="where a 相关解读 link belongs (the document's end)")


class InterpretationFacts(_Model):
    """A 政策解读 page: the document it names and every link that may lead to it."""

    url: str
    found_in: list[Literal["column", "policy", "scenario"]] = Field(default_factory=list)
    source: str | None = None
    published: dt.date | None = Field(None, description="its date in the list that gave it (or its PubDate)")
    skipped: str | None = None
    page: PageFacts | None = None
    heading: str = Field("", description="its title: ArticleTitle meta, h1, or the page title")
    lead: str = Field("", description="the first part of its text, where the interpreted document is named")
    named_titles: list[str] = Field(default_factory=list, description="《…》 named in the heading, then the lead")
    doc_numbers: list[str] = Field(default_factory=list, description="文号 named (〔2021〕3号)")
    image_only: bool = Field(default=False, description="一图读懂: the content is images; only captions carry text")
    candidates: list[CheckedLink] = Field(default_factory=list, description="links that may lead to the document")
    linked_policies: list[PolicyFacts] = Field(default_factory=list, description="documents the candidates reached")
    found_policy: PolicyFacts | None = Field(None, description="the document found on the site by its title")
    link_area: NodeRef | None = Field(None, description="the content area where the 原文 link belongs")


# ---------------------------------------------------------------- the site checks of issue #9


class ProbeAttempt(_Model):
    """One request for the home page, as the availability check made it (or the prober, later)."""

    at: dt.datetime = Field(description="when it was sent (+08:00)")
    status: int | None = None
    elapsed_ms: float = 0.0
    error: str | None = Field(None, description="timeout, refused connection, DNS error…; None when it answered")
    timed_out: bool = False
    ok: bool = Field(description="answered below 400 within the budget")


class AvailabilityFacts(_Model):
    """Whether the home page answered in this run, and the probe history when the prober has one."""

    url: str
    budget_s: float = Field(description="how long one attempt may take (15 s: indicators.md §6)")
    attempts: list[ProbeAttempt] = Field(default_factory=list)
    answered: bool = Field(description="one attempt answered below 400 within the budget")
    probes: list[ProbeAttempt] | None = Field(
        None, description="the prober's samples over the monitoring week (issue #12); None: no history"
    )


class DomainFacts(_Model):
    """The site's registered domain as configured and as seen (indicators.md §11)."""

    registered: str = Field(description="scenario `domain`, else the home URL's host (IDNA-decoded)")
    source: Literal["scenario", "home"]
    home_host: str
    final_host: str | None = Field(None, description="the home page's host after redirects")
    parent_domain: str | None = None
    site_kind: str = Field(description="portal | department | subsite | credit")


class HomeUpdates(_Model):
    """The items linked from the home page and their dates, for 首页不更新 (indicators.md §2)."""

    items: list[ListItem] = Field(default_factory=list, description="dated and undated items, newest first")
    articles_checked: int = Field(0, description="linked articles opened for their PubDate")
    navigation_only: bool = Field(default=False, description="the home page is only an entry to its columns")
    second_level: list[ListItem] = Field(
        default_factory=list, description="newest item of each second-level page (navigation-only home pages)"
    )
    node: NodeRef | None = Field(None, description="the home block holding the newest item")
    second_level_unread: list[str] = Field(
        default_factory=list, description="second-level pages that could not be read (navigation-only home pages)"
    )
    entry_links: int = Field(0, description="links to the site's own pages outside header/footer furniture")
    articles_failed: list[str] = Field(
        default_factory=list, description="linked articles opened for a date that could not be read (error, not HTML)"
    )


FooterIdentifierKind = Literal["site_code", "icp", "psb", "party_label", "error_report"]


class FooterIdentifier(_Model):
    kind: FooterIdentifierKind
    value: str | None = Field(None, description="3101140038, 沪ICP备05012345号-1, 31011402000123, …")
    text: str = Field("", description="the text it was read from, shortened")
    source: Literal["text", "title", "alt", "link", "image", "meta", "script"] = "text"
    href: str | None = None
    in_footer: bool = Field(default=True, description="False: found elsewhere on the page (a badge in the header)")
    node: NodeRef | None = None


class FooterFacts(_Model):
    """The 页面底部功能区 of one page, as rendered, and the identifiers read in it (indicators.md §10)."""

    url: str
    page_id: str | None = None
    rendered: bool = Field(description="read from the rendered DOM (script-written footers included)")
    located: str = Field("", description="how the footer was found: footer tag, class/id foot|bottom|copyright, tail")
    text: str = Field("", description="the footer's text, shortened")
    identifiers: list[FooterIdentifier] = Field(default_factory=list)
    node: NodeRef | None = None
    doubts: dict[str, str] = Field(
        default_factory=dict,
        description="identifier kind (or *) -> why a missing one may still be shown (a script not run, an iframe)",
    )
    error: str | None = Field(None, description="why the page could not be read")


LinkOutcome = Literal["ok", "broken", "soft_404", "timeout", "refused", "blocked", "skipped", "unverified"]


class LinkHop(_Model):
    url: str
    status: int | None = None
    method: Literal["HEAD", "GET"] = "HEAD"


class LinkSeen(_Model):
    page_url: str = Field(description="the page the link or image is on")
    page_id: str | None = None
    text: str = Field("", description="link text, or the image's alt/title, shortened")
    tag: Literal["a", "img", "area", "iframe", "link", "script"] = "a"
    node: NodeRef | None = None


class LinkCheck(_Model):
    """One URL linked from the sampled pages, checked once over HTTP (HEAD, then GET)."""

    url: str = Field(description="the resolved href")
    offsite: bool = Field(description="outside the site's hosts: status checked only")
    outcome: LinkOutcome
    status: int | None = None
    chain: list[LinkHop] = Field(default_factory=list, description="every hop, redirects included")
    final_url: str | None = None
    error: str | None = None
    elapsed_ms: float = 0.0
    seen_on: list[LinkSeen] = Field(default_factory=list)


class LinkFacts(_Model):
    pages: list[str] = Field(default_factory=list, description="pages whose links were checked (home first)")
    external: Literal["check", "skip"] = "check"
    checks: list[LinkCheck] = Field(default_factory=list)
    skipped: int = Field(0, description="links past the run's cap, counted only")


class EntryLink(_Model):
    """A link that is an entry to something: a consultation board, 办事服务, the provincial 政务服务网."""

    text: str
    url: str | None = None
    why: str = Field("", description="the keyword or host that made it one")
    page_url: str = ""
    status: int | None = Field(None, description="what the entry answered, when it was followed")
    reachable: bool | None = Field(None, description="answered below 400; None when not followed")
    node: NodeRef | None = None
    kind: Literal["consultation", "hub", "excluded", "service", "portal", "guide"] = Field(
        "consultation", description="portal: a link to the 政务服务网 host; hub: 互动交流, read for its channels"
    )
    source: Literal["home", "column", "hub"] = "home"


class BoardMessage(_Model):
    """One message on a 政务咨询 board: when it was asked and when (or whether) it was answered."""

    title: str = ""
    url: str | None = None
    asked: dt.date | None = None
    answered: dt.date | None = None
    state_text: str | None = Field(None, description="已回复 / 未回复 / 办理中 as shown")
    replied: bool | None = Field(None, description="True: a reply is shown; False: shown as unanswered; None: unknown")
    source: Literal["list", "detail"] = "list"
    node: NodeRef | None = None
    asked_label: str | None = Field(
        None, description="the label the ask date was read under (留言时间); None: unlabelled"
    )
    answered_label: str | None = Field(None, description="the label the reply date was read under (回复时间)")
    year_inferred: bool = Field(default=False, description="a date shown without its year (MM-DD)")
    page_url: str | None = Field(None, description="the list page that showed it")


class BoardFacts(_Model):
    """A message board found from the site's consultation entries, with the messages read from it."""

    name: str
    url: str = Field(description="the board's list URL")
    kind: Literal["consultation", "excluded"] = Field(description="excluded: 在线访谈, 调查征集, 信访, 举报")
    entry: EntryLink | None = None
    page: PageFacts | None = None
    messages: list[BoardMessage] = Field(default_factory=list)
    pages_read: int = 0
    details_read: int = 0
    skipped: str | None = None
    found_in: list[Literal["entry", "column", "hub"]] = Field(default_factory=list)
    layout: str = Field("", description="table | rows | items (the column's list, dated by message pages) | ''")


class InteractionFacts(_Model):
    entries: list[EntryLink] = Field(default_factory=list, description="consultation entries found (留言, 信箱, …)")
    boards: list[BoardFacts] = Field(default_factory=list)
    hubs: list[EntryLink] = Field(default_factory=list, description="互动交流 hubs whose pages were read for channels")
    excluded: list[EntryLink] = Field(default_factory=list, description="在线访谈/调查征集/信访/举报 entries (ignored)")
    area: NodeRef | None = Field(None, description="the home page's navigation, where an entry belongs")
    hubs_unread: list[str] = Field(default_factory=list, description="hub pages that could not be read")


class ServiceFacts(_Model):
    entries: list[EntryLink] = Field(default_factory=list, description="办事服务 entries and 政务服务网 links")
    area: NodeRef | None = Field(None, description="the home page's navigation, where an entry belongs")


# ---------------------------------------------------------------- new-media accounts (issue #10)

# What an account's page showed: posts to judge, or why none could be read.
AccountPageState = Literal["posts", "login_wall", "captcha", "deleted", "no_posts", "unknown", "error", "not_read"]
# Where the latest-post date came from: the live page, an archived/mirrored page that declares when it was taken,
# or an inspector's manual entry (platforms that can only be checked by hand, e.g. WeChat history).
AccountSource = Literal["live", "snapshot", "manual"]
ReferenceSource = Literal["capture", "memento_header", "snapshot_meta"]


class PostSeen(_Model):
    """One post as its page shows it; its time as an interval of dates (3天前 is one day, 1周前 a span)."""

    text: str = Field("", description="the post's title or first words, shortened")
    time_text: str = Field("", description="the time exactly as shown: 2021-03-19, 昨天 18:02, 3天前")
    earliest: dt.date | None = Field(None, description="earliest date the time text can mean (Shanghai)")
    latest: dt.date | None = Field(None, description="latest date it can mean; equal to earliest when exact")
    pinned: bool = Field(default=False, description="置顶: not counted as the latest post")
    url: str | None = None
    node: NodeRef | None = None


class ManualEntry(_Model):
    """An inspector's latest-post date for an account (the scenario's manual_csv)."""

    latest_post: dt.date
    latest_post_text: str = ""
    checked_by: str = ""
    checked_at: dt.date | None = None
    note: str = ""
    source_file: str = Field("", description="file:line it was read from")


class AccountFacts(_Model):
    platform: str
    name: str
    owner: str = Field("", description="开设主体")
    group: str = Field("", description="owner group (区政府, 市级部门, …), the sampling unit")
    url: str | None = None
    listed_in: Literal["scenario", "csv", "registry"] = "scenario"
    adapter: str | None = Field(None, description="the platform adapter that read the page")
    state: AccountPageState = "not_read"
    state_evidence: str | None = Field(None, description="the marker (phrase or selector) that decided the state")
    page_account_name: str | None = Field(None, description="the account name the page itself shows")
    posts: list[PostSeen] = Field(default_factory=list)
    posts_generic: bool = Field(
        default=False,
        description="the posts were read by the generic card rule (the adapter's selectors did not fit the page): "
        "enough to find the account fresh, never to call it stale",
    )
    page: PageFacts | None = None
    captured_at: dt.datetime | None = Field(None, description="when the page was read (+08:00)")
    reference_time: dt.datetime | None = Field(
        None, description="what relative times (3天前, 昨天) resolve against: the capture, or the snapshot's own time"
    )
    reference_source: ReferenceSource = "capture"
    source: AccountSource = "live"
    manual: ManualEntry | None = None
    error: str | None = None


class SampleFacts(_Model):
    """How the accounts judged were drawn from the registry, so the same sample can be drawn again."""

    method: str = Field(description="all accounts of `groups`, then a seeded draw of the rest until > share")
    seed: int
    groups: list[str] = Field(default_factory=list)
    share: float
    total: int = Field(description="accounts in the registry")
    in_groups: int = Field(description="accounts of the chosen groups (all checked)")
    drawn: int = Field(description="accounts drawn from the rest")
    sampled: int
    keys: list[str] = Field(default_factory=list, description="platform|name|url of every sampled account")


class NewMediaFacts(_Model):
    registry_url: str | None = Field(None, description="the registry page the accounts were read from, if any")
    registry_page: PageFacts | None = None
    accounts: list[AccountFacts] = Field(default_factory=list)
    sample: SampleFacts | None = None
    manual_entries: int = Field(0, description="manual latest-post dates read")
    manual_unmatched: list[str] = Field(default_factory=list, description="manual rows naming no registry account")


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
    # Extra pages a gatherer read for facts of its own (footer checks on inner pages).
    pages: list[PageFacts] = Field(default_factory=list)
    guides: list[GuideFacts] | None = Field(None, description="办事指南 pages found (None: not gathered)")
    interpretations: list[InterpretationFacts] | None = Field(
        None, description="政策解读 pages found (None: not gathered)"
    )
    availability: AvailabilityFacts | None = None
    domain: DomainFacts | None = None
    home_updates: HomeUpdates | None = Field(None, description="首页 items and dates (None: not gathered)")
    footers: list[FooterFacts] | None = Field(None, description="home page first, then inner pages")
    links: LinkFacts | None = None
    interaction: InteractionFacts | None = None
    services: ServiceFacts | None = None
    scope: Literal["website", "newmedia"] = Field(
        "website", description="what was audited: a website, or a group of new-media accounts (issue #10)"
    )
    newmedia: NewMediaFacts | None = Field(None, description="new-media accounts (None: not a new-media audit)")
    unavailable: dict[str, str] = Field(
        default_factory=dict, description="artifact name -> why it could not be gathered (rules needing it: error)"
    )
    requests: list[RequestRecord] = Field(default_factory=list, description="what was contacted (capped)")
    requests_dropped: int = Field(0, description="requests made past the log's cap, counted only")
    pages_rendered: int = 0
    pages_fetched: int = 0
