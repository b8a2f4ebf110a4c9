"""Chromium killed mid-site: when the hostile site is first asked for a column, the test kills every Chromium
process descended from the `auditor run` child (found by walking /proc). The healthy site, mid-audit at that
moment (its stale list is held back 2 s, within the page timeout), must still come out as in a clean run, and
the hostile site must say what happened to it.
"""

from __future__ import annotations

import threading

import pytest

from tests.faults import (
    EXIT_OK,
    assert_finished,
    assert_healthy_as_clean,
    assert_no_invented_finding,
    assert_requests_in_scope,
    assert_site_within_wall,
    audit,
    chromium_descendants,
    kill_pids,
    staged_columns,
)
from tests.sites import hostile as h
from tests.sites.hostile import serving

pytestmark = [pytest.mark.faults, pytest.mark.browser]
HEALTHY_SLOW_S = 2.0
TRIGGER = "/col/c0/"


@pytest.fixture(scope="module")
def crashed(healthy, clean, as_of, tmp_path_factory):
    site = h.crash_site(as_of)
    cli: dict[str, int] = {}
    killed: list[int] = []
    once = threading.Lock()

    def kill_browser(path: str, _via: str) -> None:
        if path != TRIGGER or "pid" not in cli or not once.acquire(blocking=False):
            return
        victims = chromium_descendants(cli["pid"])
        killed.extend(victims)
        kill_pids(victims)

    site.on_request = kill_browser
    with serving([site]):
        run = audit(
            tmp_path_factory.mktemp("killed"),
            [healthy, site],
            as_of,
            name="killed",
            on_start=lambda pid: cli.update(pid=pid),
        )
    return run, site, killed


def test_the_browser_was_killed_while_the_healthy_site_was_mid_audit(crashed, healthy):
    run, site, killed = crashed
    assert killed, f"no Chromium process found to kill; {run.describe()}"
    trigger = site.hits(TRIGGER)[0].at
    assert [x for x in healthy.hit_log if x.at < trigger], "the healthy site had not started at the kill"
    assert [x for x in healthy.hit_log if x.at > trigger], "the healthy site had finished before the kill"


def test_run_finishes_in_bound(crashed):
    run, _, _ = crashed
    assert_finished(run, sites=2, expected_exit=EXIT_OK)
    assert run.leftover_chromium == []


def test_healthy_site_survives_the_crash_as_in_a_clean_run(crashed, clean):
    run, _, _ = crashed
    assert_healthy_as_clean(run, clean)


def test_crashed_site_is_recorded_in_its_own_bundle(crashed, as_of):
    run, _, _ = crashed
    bundle = run.bundle("crash")
    assert bundle is not None, f"crash: no bundle; {run.describe()}"
    assert_site_within_wall(bundle)
    assert_no_invented_finding(bundle)
    # The crash shows: as errors of the pages it cost (each column then left for review), or, when the site
    # was gathered again in a new browser, as a warning.
    assert bundle["errors"] or bundle["warnings"], bundle
    fresh = (as_of - h.timedelta(days=min(h.FRESH_OFFSETS))).isoformat()
    for column in staged_columns(bundle):
        if column["status"] != "fresh":
            assert column["status"] == "unreadable", column
            assert [f["code"] for f in bundle["findings"] if f["target"]["url"] == column["url"]] == [
                "column_unreadable"
            ]
        else:
            assert column["latest_date"] == fresh


@pytest.mark.parametrize("site_id", ["healthy", "crash"])
def test_requests_stay_in_scope(crashed, healthy, site_id):
    run, site, _ = crashed
    assert_requests_in_scope(run, site_id, healthy if site_id == "healthy" else site)
