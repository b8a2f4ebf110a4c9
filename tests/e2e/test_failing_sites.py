"""A hanging page, a 500 page and dead home pages end as recorded errors; the run goes on."""

from __future__ import annotations

import json

import pytest

from tests.cli import run_auditor
from tests.sites.faulty import FaultySite

pytestmark = pytest.mark.browser
LIMITS = "  limits:\n    page_timeout_s: 3\n"


@pytest.fixture(scope="module")
def faulty_run(as_of, tmp_path_factory):
    work = tmp_path_factory.mktemp("faulty")
    scenarios = work / "scenarios"
    scenarios.mkdir()
    with FaultySite(as_of) as site:
        homes = {"faulty": None, "hang-home": "/faulty/hang-home/", "err-home": "/faulty/500-home/"}
        for site_id, home in homes.items():
            text = site.scenario_yaml(home).replace("id: faulty", f"id: {site_id}") + LIMITS
            (scenarios / f"{site_id}.yaml").write_text(text, encoding="utf-8")
        done = run_auditor(
            "run",
            str(scenarios),
            "--as-of",
            as_of.isoformat(),
            "--out",
            str(work / "out"),
            "--block-offsite",
            "--jobs",
            "2",  # sites side by side in one browser: nothing assumes one site per process
            "-q",
            timeout=300,
        )
        bundles = {
            site_id: json.loads((work / "out" / site_id / "bundle.json").read_text("utf-8"))
            for site_id in homes
            if (work / "out" / site_id / "bundle.json").exists()
        }
        return done, bundles, site


def test_run_finishes_and_writes_every_bundle(faulty_run):
    done, bundles, _ = faulty_run
    assert done.returncode == 4, done.stderr  # two sites could not be audited: never a silent 0
    assert set(bundles) == {"faulty", "hang-home", "err-home"}


def test_hanging_and_failing_columns_are_errors_and_needs_review(faulty_run):
    _, bundles, site = faulty_run
    bundle = bundles["faulty"]
    errors = {e["url"]: e for e in bundle["errors"]}
    assert errors[site.url("/faulty/col/hang/")]["kind"] == "timeout"
    assert "timeout after 3s" in errors[site.url("/faulty/col/hang/")]["message"]  # the page limit, not the hang
    assert errors[site.url("/faulty/col/err/")]["kind"] == "http_status"
    assert "500" in errors[site.url("/faulty/col/err/")]["message"]
    findings = {(f["code"], f["target"]["url"]): f for f in bundle["findings"]}
    for path in ("/faulty/col/hang/", "/faulty/col/err/"):
        finding = findings[("column_unreadable", site.url(path))]
        assert finding["severity"] == "needs_review"
    assert not any(f["code"] in {"column_stale", "column_blank"} for f in bundle["findings"])
    ok = next(c for c in bundle["columns"] if c["url"] == site.url("/faulty/col/ok/"))
    assert ok["status"] == "fresh"
    assert ok["latest_date"] == max(site.ok_dates()).isoformat()
    assert bundle["verdict"]["qualified"] is True


@pytest.mark.parametrize(("site_id", "kind"), [("hang-home", "timeout"), ("err-home", "http_status")])
def test_dead_home_page_is_not_assessable(faulty_run, site_id, kind):
    _, bundles, _ = faulty_run
    bundle = bundles[site_id]
    assert bundle["verdict"]["qualified"] is None
    assert bundle["columns"] == []
    assert [e["stage"] for e in bundle["errors"]] == ["home"]
    assert bundle["errors"][0]["kind"] == kind
