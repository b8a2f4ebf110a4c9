"""办事指南 and 政策解读 pages that fail, beside the healthy portal (issue #8's gatherers under the fault suite).

A guide that hangs or answers 500 is recorded and left for review; a form download that hangs, a 原文 link that
hangs and one that leads to a 50 MB page are unverified, for review. A slow server is never a broken link: no
guide or interpretation finding other than needs_review may come out of this site.
"""

from __future__ import annotations

import pytest

from tests.faults import (
    EXIT_OK,
    assert_finished,
    assert_healthy_as_clean,
    assert_requests_in_scope,
    assert_site_within_wall,
    audit,
)
from tests.sites import hostile as h
from tests.sites.hostile import serving

pytestmark = [pytest.mark.faults, pytest.mark.browser]
DOCUMENT_CODES = {
    "guide_missing_elements",
    "guide_basis_vague",
    "guide_no_form_channel",
    "interpretation_unlinked",
    "policy_interpretation_unlinked",
}


@pytest.fixture(scope="module")
def run(healthy, clean, as_of, tmp_path_factory):
    site = h.documents_site(as_of)
    with serving([site]):
        done = audit(tmp_path_factory.mktemp("documents"), [healthy, site], as_of, name="documents")
    return done, site


def test_run_finishes_and_the_healthy_site_is_as_clean(run, clean):
    done, _ = run
    assert_finished(done, sites=2, expected_exit=EXIT_OK)
    assert_healthy_as_clean(done, clean)


def test_no_document_finding_but_needs_review(run):
    done, _ = run
    bundle = done.bundle("documents")
    assert bundle is not None, done.describe()
    assert_site_within_wall(bundle)
    severities = {(f["code"], f["severity"]) for f in bundle["findings"] if f["code"] in DOCUMENT_CODES}
    assert {severity for _, severity in severities} <= {"needs_review"}, bundle["findings"]


def test_each_failure_is_recorded_and_said_why(run):
    done, site = run
    bundle = done.bundle("documents")
    assert bundle is not None, done.describe()
    guides = {g["url"].removeprefix(site.base_url): g for g in bundle["guides"]}
    assert guides["/bszn/1.html"]["status"] == "unreadable"
    assert guides["/bszn/2.html"]["status"] == "unreadable"
    assert guides["/bszn/3.html"]["form_channel"] == "unverified"
    recorded = {(e["url"].removeprefix(site.base_url), e["kind"]) for e in bundle["errors"]}
    assert {("/bszn/1.html", "timeout"), ("/bszn/2.html", "http_status")} <= recorded, bundle["errors"]
    statuses = {i["url"].removeprefix(site.base_url): i["status"] for i in bundle["interpretations"]}
    assert statuses == {"/jd/1.html": "needs_review", "/jd/2.html": "needs_review"}


def test_requests_stay_in_scope(run):
    done, site = run
    assert_requests_in_scope(done, "documents", site)
