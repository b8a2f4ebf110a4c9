"""HTTP-level faults, all in one multi-site run beside the healthy portal: a home that never answers, a 500 home,
a 503 column, a connection reset mid-body, a chunked body cut short, a body dripped a byte a second, the wrong
charset both ways, 50 MB pages, redirect loops.

Each hostile list holds old rows first and fresh rows last (tests/sites/hostile.py): judging a cut-short body
would invent a 栏目不更新. Each hostile site also has a sound 要闻动态 — the same list served whole — which must
come out fresh in the same run.
"""

from __future__ import annotations

import pytest

from tests.faults import (
    EXIT_NOT_AUDITED,
    assert_column_failure,
    assert_finished,
    assert_healthy_as_clean,
    assert_home_failure,
    assert_no_invented_finding,
    assert_requests_in_scope,
    assert_site_within_wall,
    audit,
    column_of,
    errors_of,
    findings_of,
)
from tests.sites import hostile as h

pytestmark = [pytest.mark.faults, pytest.mark.browser]

HOSTILE = [
    h.hang_home,
    h.err_home,
    h.loop_home,
    h.err_column,
    h.reset_column,
    h.chunked_column,
    h.drip_column,
    h.gbk_as_utf8,
    h.utf8_as_gbk,
    h.big_column,
    h.loop_column,
    h.budget_site,
]
HOSTILE_IDS = [f.__name__.replace("_site", "").replace("_", "-") for f in HOSTILE]
HOME_FAILS = {"hang-home": {"timeout"}, "err-home": {"http_status"}, "loop-home": {"navigation", "http_status"}}
COLUMN_FAILS = {
    "err-column": {"http_status"},
    "reset-column": {"navigation"},
    "chunked-column": {"navigation"},
    "drip-column": {"timeout"},
    "loop-column": {"navigation", "http_status"},
}
WITH_OK_COLUMN = [*COLUMN_FAILS, "gbk-as-utf8", "utf8-as-gbk", "big-column"]
# A capped run: the CLI's own Python never holds a 50 MB page (a few copies of the 10 MB cap at most), and the
# whole tree (Python, Playwright's driver, Chromium) stays within what a 2-core audit machine affords.
MAX_CLI_RSS_MB = 400
MAX_TREE_PSS_MB = 2000


@pytest.fixture(scope="module")
def faulted(healthy, hostile, clean, as_of, tmp_path_factory):
    sites = [healthy, *hostile.values()]
    return audit(tmp_path_factory.mktemp("http-faults"), sites, as_of), hostile


def test_site_ids_match_factories(hostile):
    assert sorted(hostile) == sorted(HOSTILE_IDS)


def test_run_finishes_in_bound_and_says_some_sites_were_not_audited(faulted):
    run, hostile = faulted
    # Homes that hang, fail or loop leave their sites unassessed: exit 4 (no --fail-on, no internal failure).
    assert_finished(run, sites=len(hostile) + 1, expected_exit=EXIT_NOT_AUDITED)


def test_healthy_site_is_audited_as_in_a_clean_run(faulted, clean):
    run, _ = faulted
    assert_healthy_as_clean(run, clean)


def test_no_browser_process_outlives_the_run(faulted):
    run, _ = faulted
    assert run.leftover_chromium == []


@pytest.mark.parametrize("site_id", HOSTILE_IDS)
def test_hostile_site_has_its_own_bundle_within_its_wall(faulted, site_id):
    run, _ = faulted
    bundle = run.bundle(site_id)
    assert bundle is not None, f"{site_id}: no bundle; {run.describe()}"
    assert bundle["site"]["id"] == site_id
    assert_site_within_wall(bundle)


@pytest.mark.parametrize("site_id", HOSTILE_IDS)
def test_hostile_site_gets_no_invented_finding(faulted, site_id):
    run, _ = faulted
    bundle = run.bundle(site_id)
    assert bundle is not None, f"{site_id}: no bundle; {run.describe()}"
    assert_no_invented_finding(bundle)


@pytest.mark.parametrize(("site_id", "kinds"), HOME_FAILS.items())
def test_dead_home_is_recorded_and_the_site_not_assessed(faulted, site_id, kinds):
    run, _ = faulted
    bundle = run.bundle(site_id)
    assert bundle is not None, f"{site_id}: no bundle; {run.describe()}"
    assert_home_failure(bundle, kinds)


@pytest.mark.parametrize(("site_id", "kinds"), COLUMN_FAILS.items())
def test_broken_column_is_an_error_and_needs_review(faulted, site_id, kinds):
    run, _ = faulted
    bundle = run.bundle(site_id)
    assert bundle is not None, f"{site_id}: no bundle; {run.describe()}"
    assert_column_failure(bundle, "/col/notice/", kinds)
    assert bundle["verdict"]["qualified"] is not None  # the home was read: the site is assessed


def test_column_503_names_its_status(faulted):
    run, _ = faulted
    bundle = run.bundle("err-column")
    assert bundle is not None
    assert any("503" in e["message"] for e in errors_of(bundle, "column", "/col/notice/"))


@pytest.mark.parametrize("site_id", WITH_OK_COLUMN)
def test_sound_column_of_a_hostile_site_is_read(faulted, site_id, as_of):
    """The hostile site loses only its hostile page: the same list served whole is fresh (newest T-1)."""
    run, _ = faulted
    bundle = run.bundle(site_id)
    assert bundle is not None, f"{site_id}: no bundle; {run.describe()}"
    ok = column_of(bundle, "/col/news/")
    assert ok is not None, bundle["columns"]
    assert ok["status"] == "fresh", ok
    assert ok["latest_date"] == (as_of - h.timedelta(days=min(h.FRESH_OFFSETS))).isoformat()
    assert errors_of(bundle, path="/col/news/") == []


@pytest.mark.parametrize("site_id", ["gbk-as-utf8", "utf8-as-gbk"])
def test_wrong_charset_is_read_right_or_left_for_review(faulted, site_id, as_of):
    """Mis-declared bytes: either decoded to the true dates, or the column is marked for review — never judged
    from mojibake, never a crash."""
    run, _ = faulted
    bundle = run.bundle(site_id)
    assert bundle is not None, f"{site_id}: no bundle; {run.describe()}"
    column = column_of(bundle, "/col/notice/")
    assert column is not None, bundle["columns"]
    assert column["status"] in {"fresh", "undated", "unreadable"}, column
    if column["status"] == "fresh":
        assert column["latest_date"] == (as_of - h.timedelta(days=min(h.FRESH_OFFSETS))).isoformat()
    else:
        assert [f["severity"] for f in findings_of(bundle, "column_unreadable", "/col/notice/")] == ["needs_review"]
    assert not [e for e in bundle["errors"] if e["kind"] == "internal"], bundle["errors"]


@pytest.mark.parametrize("path", ["/col/notice/", "/col/policy/"], ids=["content-length", "until-close"])
def test_50mb_page_is_capped_recorded_and_never_judged(faulted, path):
    run, _ = faulted
    bundle = run.bundle("big-column")
    assert bundle is not None, f"big-column: no bundle; {run.describe()}"
    assert_column_failure(bundle, path, {"too_large"})
    column = column_of(bundle, path)
    assert column is None or column["latest_date"] is None, column  # nothing read from a capped body


def test_50mb_pages_keep_the_runs_memory_sane(faulted):
    run, _ = faulted
    assert run.peak_cli_rss_mb <= MAX_CLI_RSS_MB, f"CLI peak RSS {run.peak_cli_rss_mb:.0f} MB"
    assert run.peak_tree_pss_mb <= MAX_TREE_PSS_MB, f"process tree peak PSS {run.peak_tree_pss_mb:.0f} MB"


def test_redirect_loop_is_bounded(faulted):
    """A redirect loop is followed a bounded number of times by each reader, then given up."""
    _, hostile = faulted
    assert len(hostile["loop-column"].hits("/col/notice/")) <= 2 * 21
    assert len(hostile["loop-home"].hits("/index/")) <= 2 * 21


def test_drip_is_not_read_to_its_end(faulted):
    """The drip is given up at the page timeout: no reader waits for its body."""
    _, hostile = faulted
    hits = hostile["drip-column"].hits("/col/notice/")
    assert 1 <= len(hits) <= 2


@pytest.mark.parametrize("site_id", ["healthy", *HOSTILE_IDS])
def test_no_request_leaves_the_sites_scope(faulted, healthy, site_id):
    run, hostile = faulted
    assert_requests_in_scope(run, site_id, healthy if site_id == "healthy" else hostile[site_id])


def test_site_budget_is_a_hard_wall(faulted, as_of):
    """Thirty 1 s lists under a 10 s budget: gathering stops at the budget (+10 s at most); every list it did not
    read is an error of kind budget (or a page timeout) left for review; every list it read is fresh."""
    run, _ = faulted
    bundle = run.bundle("budget")
    assert bundle is not None, f"budget: no bundle; {run.describe()}"
    assert_site_within_wall(bundle, h.BUDGET_S + 10)
    assert_no_invented_finding(bundle)
    assert [e for e in bundle["errors"] if e["kind"] == "budget"], bundle["errors"]
    fresh = (as_of - h.timedelta(days=min(h.FRESH_OFFSETS))).isoformat()
    read = 0
    for index in range(h.BUDGET_COLUMNS):
        path = f"/col/b{index}/"
        column = column_of(bundle, path)
        if column is not None and column["status"] == "fresh":
            assert column["latest_date"] == fresh
            read += 1
        else:
            assert_column_failure(bundle, path, {"budget", "timeout"})
    assert 0 < read < h.BUDGET_COLUMNS
