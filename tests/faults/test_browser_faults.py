"""Faults only a browser meets, in multi-site runs beside the healthy portal: `while (true) {}` in a home page
(inline, so `load` never fires; and after load, so every later look at the page meets a renderer that never
answers) and in a script-built column list; a home page with 1,000 iframes; alert/confirm/prompt loops and
popups on the home page and on a column.

The spinning sites run apart from the iframe and popup sites: if a spinning renderer stalls the run, the other
faults are still judged on their own.
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
    path_of,
)
from tests.sites import hostile as h
from tests.sites.hostile import serving

pytestmark = [pytest.mark.faults, pytest.mark.browser]

SPINNING = {"spin-home": h.spin_home_inline, "spin-home-late": h.spin_home_late, "spin-column": h.spin_column}
NOISY = {"iframes-home": h.iframes_home, "popups": h.popups}


def _run(group, healthy, as_of, tmp_path_factory, name):
    sites = [factory(as_of) for factory in group.values()]
    with serving(sites):
        run = audit(tmp_path_factory.mktemp(name), [healthy, *sites], as_of, name=name)
    return run, {s.site_id: s for s in sites}


@pytest.fixture(scope="module")
def spinning(healthy, clean, as_of, tmp_path_factory):
    return _run(SPINNING, healthy, as_of, tmp_path_factory, "spinning")


@pytest.fixture(scope="module")
def noisy(healthy, clean, as_of, tmp_path_factory):
    return _run(NOISY, healthy, as_of, tmp_path_factory, "noisy")


def fresh_date(as_of):
    return (as_of - h.timedelta(days=min(h.FRESH_OFFSETS))).isoformat()


# -- while (true) {} -------------------------------------------------------------------------------------


def test_spinning_run_finishes_in_bound(spinning):
    run, sites = spinning
    assert_finished(run, sites=len(sites) + 1, expected_exit=EXIT_NOT_AUDITED)
    assert run.leftover_chromium == []


def test_spinning_pages_do_not_touch_the_healthy_site(spinning, clean):
    assert_healthy_as_clean(spinning[0], clean)


@pytest.mark.parametrize("site_id", SPINNING)
def test_spinning_site_has_its_bundle_within_a_few_page_timeouts(spinning, site_id):
    run, _ = spinning
    bundle = run.bundle(site_id)
    assert bundle is not None, f"{site_id}: no bundle; {run.describe()}"
    assert_site_within_wall(bundle)
    assert_no_invented_finding(bundle)


@pytest.mark.parametrize("site_id", ["spin-home", "spin-home-late"])
def test_spinning_home_is_a_recorded_timeout(spinning, site_id):
    run, _ = spinning
    bundle = run.bundle(site_id)
    assert bundle is not None, f"{site_id}: no bundle; {run.describe()}"
    assert_home_failure(bundle, {"timeout", "budget"})


def test_spinning_column_is_a_recorded_timeout_and_the_rest_is_read(spinning, as_of):
    run, _ = spinning
    bundle = run.bundle("spin-column")
    assert bundle is not None, f"spin-column: no bundle; {run.describe()}"
    assert_column_failure(bundle, "/col/notice/", {"timeout", "budget"})
    ok = column_of(bundle, "/col/news/")
    assert ok is not None
    assert (ok["status"], ok["latest_date"]) == ("fresh", fresh_date(as_of))


@pytest.mark.parametrize("site_id", ["healthy", *SPINNING])
def test_spinning_run_requests_stay_in_scope(spinning, healthy, site_id):
    run, sites = spinning
    assert_requests_in_scope(run, site_id, healthy if site_id == "healthy" else sites[site_id])


# -- 1,000 iframes; dialogs and popups --------------------------------------------------------------------


def test_noisy_run_finishes_in_bound(noisy):
    run, sites = noisy
    assert not run.killed, run.describe()
    # The 1,000-iframe home may be read or time out; either way the run ends, and 4 only if it was not read.
    iframes = run.bundle("iframes-home")
    expected = 4 if iframes is not None and iframes["verdict"]["qualified"] is None else 0
    assert_finished(run, sites=len(sites) + 1, expected_exit=expected)
    assert run.leftover_chromium == []


def test_noisy_pages_do_not_touch_the_healthy_site(noisy, clean):
    assert_healthy_as_clean(noisy[0], clean)


@pytest.mark.parametrize("site_id", NOISY)
def test_noisy_site_has_its_bundle_within_a_few_page_timeouts(noisy, site_id):
    run, _ = noisy
    bundle = run.bundle(site_id)
    assert bundle is not None, f"{site_id}: no bundle; {run.describe()}"
    assert_site_within_wall(bundle)
    assert_no_invented_finding(bundle)


def test_thousand_iframes_home_is_read_or_recorded(noisy, as_of):
    """Either the home (its nav is plain HTML) is read and both lists judged fresh, or its failure is recorded
    and the site left unassessed; never a half-read home."""
    run, _ = noisy
    bundle = run.bundle("iframes-home")
    assert bundle is not None, f"iframes-home: no bundle; {run.describe()}"
    if errors_of(bundle, "home"):
        assert_home_failure(bundle, {"timeout", "budget"})
    else:
        statuses = {path_of(c["url"]): (c["status"], c["latest_date"]) for c in bundle["columns"]}
        assert statuses == {"/col/news/": ("fresh", fresh_date(as_of)), "/col/notice/": ("fresh", fresh_date(as_of))}
        assert bundle["verdict"]["qualified"] is True
    # Frames are loaded by the browser only: the auditor itself never fetches a thousand frame pages.
    assert not [x for x in run.artifacts("iframes-home")["requests"] if "/frame/" in x["url"] and x["via"] == "http"]


def test_dialogs_and_popups_do_not_stop_the_reading(noisy, as_of):
    """Dialogs are dismissed and popups ignored: the script-built list is read as fresh, or recorded."""
    run, sites = noisy
    bundle = run.bundle("popups")
    assert bundle is not None, f"popups: no bundle; {run.describe()}"
    assert not errors_of(bundle, "home"), bundle["errors"]
    notice = column_of(bundle, "/col/notice/")
    assert notice is not None
    if notice["status"] != "fresh":
        assert_column_failure(bundle, "/col/notice/", {"timeout", "navigation", "budget"})
    else:
        assert notice["latest_date"] == fresh_date(as_of)
    assert bundle["verdict"]["qualified"] is True
    assert len(sites["popups"].hits("/popup.html")) <= 40  # popups never open popups: bounded


@pytest.mark.parametrize("site_id", ["healthy", *NOISY])
def test_noisy_run_requests_stay_in_scope(noisy, healthy, site_id):
    run, sites = noisy
    assert_requests_in_scope(run, site_id, healthy if site_id == "healthy" else sites[site_id])
