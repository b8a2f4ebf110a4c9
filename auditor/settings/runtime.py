"""Runtime knobs: how a site is read and evidence is drawn, never what a finding means.

One frozen object, passed down through the site context; the indicator table (indicators.toml) holds everything
a finding depends on. Defaults are measured on the 2-core reference machine (docs/benchmark.md).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RuntimeSettings:
    # Per-page navigation timeout and per-site budget (seconds); a scenario's `limits` override them.
    page_timeout_s: float = 20.0
    site_budget_s: float = 600.0
    max_columns: int = 80
    # Column pages in flight per site, and pages rendered at once per site (more do not raise throughput on
    # 2 cores: one Chromium does about 10 simple pages/s however many tabs it holds).
    column_concurrency: int = 4
    render_slots: int = 2
    # A pooled tab is replaced after this many loads so that per-tab memory does not pile up.
    tab_max_uses: int = 50
    # Long-lived Chromiums leak: a run relaunches its browser after this many sites.
    browser_recycle_sites: int = 20
    # Longest wait for a rendered page to settle (XHR lists, timers, DOM mutations) after the load event, and the
    # DOM quiet time that counts as settled.
    settle_cap_ms: int = 3000
    settle_quiet_ms: int = 80
    # Full-page screenshots are cut at this height so that endless pages do not exhaust memory.
    screenshot_max_height: int = 8000
    # Evidence images: PNG encoding threads (zlib releases the GIL), crop margin, first-screen height used when a
    # finding has no rect.
    evidence_threads: int = 2
    # Optional archives of what was read (`auditor run --mhtml / --har`): an MHTML snapshot beside every evidence
    # screenshot (the page as the browser had it, scripts' output included) and one HAR of each site's requests.
    capture_mhtml: bool = False
    capture_har: bool = False
    crop_margin_px: int = 48
    fallback_crop_height_px: int = 900
    # A static page counts as content (no render needed) when it has this much text and no iframe; a page that
    # links to this many sub-columns is a hub.
    min_content_chars: int = 200
    min_hub_children: int = 2
    # Politeness: connections at once to one host (HTTP fetches and page documents together), the longest
    # Crawl-delay honoured (a longer one is capped, with a warning), robots.txt's own fetch limit.
    per_host_connections: int = 2
    max_crawl_delay_s: float = 10.0
    robots_timeout_s: float = 5.0
    # A page's body is capped for HTTP and the browser alike: a 50 MB page once took one tab to 3.1 GB.
    max_page_bytes: int = 10 * 1024 * 1024
    # Frames of a page read for lists (a home page with 1,000 iframes once took 89 s), and the request log's size.
    max_frames_read: int = 10
    request_log_max: int = 5000
    # Hosts outside a site's scope the browser may still load: the 党政机关 badge and the 找错 entry scripts the
    # footer check needs (indicators.md §10). Everything else off-site is blocked by default.
    offsite_allow: tuple[str, ...] = ("dcs.conac.cn", "www.conac.cn", "zfwzgl.www.gov.cn", "pucha.kaipuyun.cn")
    # 办事指南 and 政策解读 pages read per site (issue #8): guides newest first; interpretations in the window plus
    # this many older ones; the policy pages read for their 相关解读 links; links followed per page; form
    # downloads checked per guide and the bytes read of each (enough to tell a file from an error page).
    max_guides: int = 20
    older_interpretations: int = 10
    max_interpretations: int = 40
    max_policy_pages: int = 10
    max_links_checked: int = 6
    max_form_checks: int = 4
    form_check_bytes: int = 256 * 1024
    # The site checks of issue #9. Availability: one attempt's budget (15 s is the indicator's, indicators.md §6),
    # retries after a failed first attempt and the pause between them.
    availability_timeout_s: float = 15.0
    availability_retries: int = 2
    availability_retry_pause_s: float = 2.0
    # 首页不更新: linked articles opened for their PubDate when the home page's own rows show no recent date.
    home_articles_checked: int = 6
    # Footers: inner pages read besides the home page (the indicator says all pages; a sample stands for them).
    footer_inner_pages: int = 3
    # Links: inner pages sampled besides the home page, one link check's timeout, checks in flight per run, and
    # the most URLs checked per site (the rest are counted, not checked).
    link_inner_pages: int = 10
    link_timeout_s: float = 10.0
    link_concurrency: int = 8
    max_links_per_site: int = 600
    # 政务咨询 boards: boards read, list pages per board, message pages opened for dates the list lacks.
    max_boards: int = 4
    board_list_pages: int = 2
    board_details: int = 8
    # Extra time a site's gathering may take past its budget before it is cut off (closing pages, screenshots).
    budget_grace_s: float = 10.0


RUNTIME = RuntimeSettings()
