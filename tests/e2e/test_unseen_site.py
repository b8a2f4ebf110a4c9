"""End to end on an unseen portal (tests/sites/unseen.py): only real empty or old lists are blank or stale.

The site was written as a government CMS serves it, not after the extractor. Its menu mixes dated lists, an
empty list, a JSON-built table (full and empty), a hub of plain link lines, and pages that are no lists at all:
an article, a video player, two near-empty pages over a department directory and the parent city portal. A false
column_blank / column_stale on any of those is the worst outcome this test guards against.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tests.cli import run_auditor
from tests.sites.unseen import GHJH_LATEST, RSXX_LATEST, XZXK_LATEST, YWDT_LATEST, UnseenSite

pytestmark = pytest.mark.browser
LIMITS = "  limits:\n    page_timeout_s: 5\n"
JUDGING = {"column_stale", "column_blank"}
EXPECTED = {
    ("column_stale", "/qx/gzdt/"),  # 工作动态, newest T-30 (2-week window)
    ("column_blank", "/qx/tzgg/"),  # 通知公告, 暂无信息
    ("column_stale", "/qx/zwgk/rsxx/"),  # 人事信息, newest T-500 (1-year window)
    ("column_blank", "/qx/xzcf/"),  # 行政处罚, zero JSON rows, 暂无数据
}


@pytest.fixture(scope="module")
def unseen_run(as_of, tmp_path_factory):
    work = tmp_path_factory.mktemp("unseen")
    with UnseenSite(as_of) as site:
        scenario = work / "qx.yaml"
        scenario.write_text(site.scenario_yaml(LIMITS), encoding="utf-8")
        done = run_auditor(
            "run",
            str(scenario),
            "--as-of",
            as_of.isoformat(),
            "--out",
            str(work / "out"),
            "--block-offsite",
            "-q",
            timeout=240,
        )
        path = work / "out" / "qx" / "bundle.json"
        bundle = json.loads(path.read_text("utf-8")) if path.exists() else None
        return done, bundle, site


@pytest.fixture(scope="module")
def bundle(unseen_run):
    done, bundle, _ = unseen_run
    assert bundle is not None, done.stderr
    return bundle


def _judging(bundle) -> set[tuple[str, str]]:
    return {(f["code"], f["target"]["url"]) for f in bundle["findings"] if f["code"] in JUDGING}


def _column(bundle, url):
    matches = [c for c in bundle["columns"] if c["url"] == url]
    assert matches, f"{url} is not a column: {[(c['name'], c['url']) for c in bundle['columns']]}"
    return matches[0]


def test_run_exits_0_and_writes_the_bundle(unseen_run):
    done, bundle, _ = unseen_run
    assert done.returncode == 0, done.stderr
    assert bundle is not None, done.stderr
    assert bundle["site"]["id"] == "qx"


def test_exactly_the_real_stale_and_blank_columns_have_findings(unseen_run, bundle):
    _, _, site = unseen_run
    expected = {(code, site.url(path)) for code, path in EXPECTED}
    assert _judging(bundle) == expected


def test_pages_that_are_no_lists_are_never_stale_or_blank(unseen_run, bundle):
    _, _, site = unseen_run
    not_lists = {
        site.url(site.ldjh_path): "领导讲话 (article)",
        site.url("/qx/spzl/"): "视频专栏 (player)",
        site.url("/qx/jgsz/"): "机构设置 (department directory)",
        site.url("/qx/lxwm/"): "联系我们 (department directory)",
        site.url("/city/"): "上级门户 (another site)",
    }
    wrong = [(code, not_lists[url]) for code, url in _judging(bundle) if url in not_lists]
    assert wrong == []
    judged = [(c["name"], c["status"]) for c in bundle["columns"] if c["url"] in not_lists]
    assert not [entry for entry in judged if entry[1] in {"stale", "blank"}], judged


def test_parent_portal_is_never_a_column(unseen_run, bundle):
    _, _, site = unseen_run
    city = site.url("/city/")
    assert not [(c["name"], c["url"], c["status"]) for c in bundle["columns"] if c["url"].startswith(city)]
    assert not [f["code"] for f in bundle["findings"] if f["target"]["url"].startswith(city)]


def test_fresh_news_list_is_fresh(unseen_run, bundle, as_of):
    _, _, site = unseen_run
    column = _column(bundle, site.url("/qx/ywdt/"))
    assert (column["status"], column["latest_date"]) == ("fresh", (as_of - timedelta(days=YWDT_LATEST)).isoformat())


def test_hub_children_are_level_2_columns(unseen_run, bundle, as_of):
    _, _, site = unseen_run
    rsxx = _column(bundle, site.url("/qx/zwgk/rsxx/"))
    ghjh = _column(bundle, site.url("/qx/zwgk/ghjh/"))
    assert (rsxx["name"], rsxx["level"]) == ("人事信息", 2)
    assert (ghjh["name"], ghjh["level"]) == ("规划计划", 2)
    assert rsxx["latest_date"] == (as_of - timedelta(days=RSXX_LATEST)).isoformat()
    assert ghjh["latest_date"] == (as_of - timedelta(days=GHJH_LATEST)).isoformat()
    assert ghjh["status"] == "fresh"


def test_script_built_table_is_dated_by_its_decision_dates(unseen_run, bundle, as_of):
    _, _, site = unseen_run
    column = _column(bundle, site.url("/qx/xzxk/"))
    assert column["latest_date"] == (as_of - timedelta(days=XZXK_LATEST)).isoformat()  # not a future 有效期至


def test_a_list_running_oldest_first_is_judged_by_its_last_page(unseen_run, bundle, as_of):
    """Page 1 of 公示公告 holds its oldest notices (T-400 …); the newest (T-20) are on the last page."""
    _, _, site = unseen_run
    column = _column(bundle, site.url("/qx/gsgg/"))
    assert (column["status"], column["latest_date"]) == ("fresh", (as_of - timedelta(days=20)).isoformat())


def test_column_names_never_end_with_more(bundle):
    names = [c["name"] for c in bundle["columns"]]
    assert [n for n in names if n.rstrip().endswith(("更多", ">>", "»", "more"))] == [], names
