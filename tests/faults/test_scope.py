"""Scope through redirects, and the per-host connection limit, beside the healthy portal.

- The redirect site's columns sit behind 302s: one to its own list (followed: read and judged fresh), two to
  another host (a static stale list and a script-built stale list). Neither reader may follow a redirect off the
  site: the other host must never be contacted (judging it would put another site's 不更新 in this one's notice);
  the columns are recorded as errors of kind `offsite` and left for review.
- The busy site's pages each load six images and six scripts answered after 0.15 s; a browser left to itself opens six
  connections to one host. The server counts the requests it answers at once: never more than two.
"""

from __future__ import annotations

import pytest

from tests.faults import (
    EXIT_OK,
    assert_finished,
    assert_healthy_as_clean,
    assert_no_invented_finding,
    assert_requests_in_scope,
    audit,
    column_of,
    errors_of,
    findings_of,
    staged_columns,
)
from tests.sites import hostile as h
from tests.sites.hostile import serving

pytestmark = [pytest.mark.faults, pytest.mark.browser]
PER_HOST_CONNECTIONS = 2  # RuntimeSettings.per_host_connections, the default


@pytest.fixture(scope="module")
def redirected(healthy, clean, as_of, tmp_path_factory):
    elsewhere = h.elsewhere_site(as_of)
    with serving([elsewhere]):
        site = h.redirect_site(as_of, elsewhere)
        with serving([site]):
            run = audit(tmp_path_factory.mktemp("redirect"), [healthy, site], as_of, name="redirect")
    return run, site, elsewhere


@pytest.fixture(scope="module")
def busy(healthy, clean, as_of, tmp_path_factory):
    site = h.busy_site(as_of)
    with serving([site]):
        run = audit(tmp_path_factory.mktemp("busy"), [healthy, site], as_of, name="busy")
    return run, site


def test_redirect_run_finishes_and_the_healthy_site_is_as_clean(redirected, clean):
    run, _, _ = redirected
    assert_finished(run, sites=2, expected_exit=EXIT_OK)
    assert_healthy_as_clean(run, clean)


def test_no_redirect_is_followed_off_the_site(redirected):
    run, site, elsewhere = redirected
    assert site.hits("/col/notice/"), f"the redirect site was not audited; {run.describe()}"
    assert elsewhere.hit_log == [], [(x.path, x.via) for x in elsewhere.hit_log]
    assert_requests_in_scope(run, "redirect", site)


def test_off_site_redirects_are_recorded_and_left_for_review(redirected, as_of):
    run, _, elsewhere = redirected
    bundle = run.bundle("redirect")
    assert bundle is not None, run.describe()
    assert_no_invented_finding(bundle)
    for path in ("/col/notice/", "/col/policy/"):
        assert {e["kind"] for e in errors_of(bundle, path=path)} == {"offsite"}, bundle["errors"]
        column = column_of(bundle, path)
        assert column is not None
        assert column["status"] in {"unreadable", "not_judged"}, column
        assert column["latest_date"] is None
        assert [f["severity"] for f in findings_of(bundle, "column_unreadable", path)] == ["needs_review"]
    artifacts = run.artifacts("redirect")
    assert artifacts is not None
    refused = {r["url"] for r in artifacts["requests"] if r["outcome"] == "blocked_offsite"}
    assert elsewhere.url("/col/notice/") in refused, artifacts["requests"]


def test_a_redirect_within_the_site_is_followed(redirected, as_of):
    run, site, _ = redirected
    bundle = run.bundle("redirect")
    assert bundle is not None, run.describe()
    news = column_of(bundle, "/col/news/")
    assert news is not None
    fresh = (as_of - h.timedelta(days=min(h.FRESH_OFFSETS))).isoformat()
    assert (news["status"], news["latest_date"]) == ("fresh", fresh), news
    assert site.hits("/col/news/index.html")


def test_busy_run_finishes_and_the_healthy_site_is_as_clean(busy, clean):
    run, _ = busy
    assert_finished(run, sites=2, expected_exit=EXIT_OK)
    assert_healthy_as_clean(run, clean)


def test_at_most_two_connections_to_a_host(busy, as_of):
    run, site = busy
    bundle = run.bundle("busy")
    assert bundle is not None, run.describe()
    assert_no_invented_finding(bundle)
    assets = site.hits(via="browser")
    assert len([x for x in assets if x.path.startswith("/asset/")]) >= h.BUSY_ASSETS, "the browser loaded no asset"
    assert 1 <= site.max_in_flight <= PER_HOST_CONNECTIONS, site.max_in_flight
    assert {c["status"] for c in staged_columns(bundle)} == {"fresh"}, bundle["columns"]
