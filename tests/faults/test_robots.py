"""robots.txt, beside the healthy portal: the robots site's robots.txt disallows its 通知公告 (/col/private/).

By default the page is never asked for (the site's own request log says so), robots.txt is read once, and the
column is recorded as an error of kind `robots` and left for review; with `--ignore-robots` it is read (fresh),
and the bundle's warnings say robots.txt was ignored.
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
)
from tests.sites import hostile as h
from tests.sites.hostile import ROBOTS_PRIVATE, serving

pytestmark = [pytest.mark.faults, pytest.mark.browser]


def _run(healthy, as_of, tmp_path_factory, name, *extra):
    site = h.robots_site(as_of)
    before = len(healthy.hit_log)
    with serving([site]):
        run = audit(tmp_path_factory.mktemp(name), [healthy, site], as_of, *extra, name=name)
    return run, site, healthy.hit_log[before:]


@pytest.fixture(scope="module")
def honoured(healthy, clean, as_of, tmp_path_factory):
    return _run(healthy, as_of, tmp_path_factory, "robots")


@pytest.fixture(scope="module")
def ignored(healthy, clean, as_of, tmp_path_factory):
    return _run(healthy, as_of, tmp_path_factory, "ignore-robots", "--ignore-robots")


def fresh_date(as_of):
    return (as_of - h.timedelta(days=min(h.FRESH_OFFSETS))).isoformat()


@pytest.mark.parametrize("which", ["honoured", "ignored"])
def test_run_finishes_and_the_healthy_site_is_as_clean(which, request, clean):
    run, _, _ = request.getfixturevalue(which)
    assert_finished(run, sites=2, expected_exit=EXIT_OK)
    assert_healthy_as_clean(run, clean)
    assert run.leftover_chromium == []


def test_disallowed_column_is_never_requested(honoured):
    run, site, _ = honoured
    assert site.hits("/"), f"the robots site was never audited; {run.describe()}"
    assert site.hits(ROBOTS_PRIVATE) == [], [(x.path, x.via) for x in site.hit_log]


def test_robots_txt_is_read_once_per_host(honoured):
    _, site, healthy_hits = honoured
    assert len(site.hits("/robots.txt")) == 1, [(x.path, x.via) for x in site.hit_log]
    assert len([x for x in healthy_hits if x.path == "/robots.txt"]) == 1


def test_disallowed_column_is_recorded_and_left_for_review(honoured, as_of):
    run, _, _ = honoured
    bundle = run.bundle("robots")
    assert bundle is not None, run.describe()
    errors = errors_of(bundle, path=ROBOTS_PRIVATE)
    assert [e["kind"] for e in errors] == ["robots"], bundle["errors"]
    assert errors[0]["stage"] in {"column", "page"}
    assert_no_invented_finding(bundle)
    private = column_of(bundle, ROBOTS_PRIVATE)
    assert private is None or private["status"] in {"unreadable", "not_judged"}, private
    assert private is None or private["latest_date"] is None
    assert [f["severity"] for f in findings_of(bundle, "column_unreadable", ROBOTS_PRIVATE)] == ["needs_review"]
    news = column_of(bundle, "/col/news/")
    assert news is not None
    assert (news["status"], news["latest_date"]) == ("fresh", fresh_date(as_of))
    assert bundle["verdict"]["qualified"] is True


def test_ignore_robots_reads_the_column_and_says_so(ignored, as_of):
    run, site, _ = ignored
    bundle = run.bundle("robots")
    assert bundle is not None, run.describe()
    assert site.hits(ROBOTS_PRIVATE), [(x.path, x.via) for x in site.hit_log]
    private = column_of(bundle, ROBOTS_PRIVATE)
    assert private is not None
    assert (private["status"], private["latest_date"]) == ("fresh", fresh_date(as_of))
    assert not [e for e in bundle["errors"] if e["kind"] == "robots"]
    assert any("robots" in w.lower() for w in bundle["warnings"]), bundle["warnings"]
    assert_no_invented_finding(bundle)


@pytest.mark.parametrize("which", ["honoured", "ignored"])
@pytest.mark.parametrize("site_id", ["healthy", "robots"])
def test_requests_stay_in_scope(which, site_id, request, healthy):
    run, site, _ = request.getfixturevalue(which)
    assert_requests_in_scope(run, site_id, healthy if site_id == "healthy" else site)


def test_disallowed_page_is_not_in_the_request_log_as_fetched(honoured):
    """The artifacts' request log shows what was contacted: the disallowed page, if listed, was not fetched."""
    run, site, _ = honoured
    artifacts = run.artifacts("robots")
    assert artifacts is not None, run.describe()
    contacted = [r for r in artifacts.get("requests", []) if r["url"] == site.url(ROBOTS_PRIVATE)]
    assert all(r["status"] is None for r in contacted), contacted
