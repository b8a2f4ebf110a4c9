"""Re-checks by stable finding id: new / persisting / rectified, and never 'rectified' when it could not be seen."""

from __future__ import annotations

import json

from auditor.report.recheck import compare_runs, compare_sites, recheck_json
from auditor.report.runs import read_run
from tests.unit.report_builders import bundle, column, finding, write_site

HOME = "http://a.example/"
NEWS = "http://a.example/news/"
NOTICES = "http://a.example/tzgg/"


def _pair(after_findings, *, rules, columns, qualified_after=True):
    before = bundle(
        "a",
        "甲局",
        qualified=False,
        findings=[
            finding("homepage_stale", HOME, severity="veto"),
            finding("column_stale", NEWS, column="工作动态"),
            finding("column_stale", NOTICES, column="通知公告"),
        ],
    )
    after = bundle("a", "甲局", qualified=qualified_after, findings=after_findings, rules=rules, columns=columns)
    return compare_sites(before, after)


def test_gone_findings_are_rectified_only_when_the_recheck_could_see_them():
    recheck = _pair(
        [finding("column_stale", NOTICES, column="通知公告"), finding("link_broken", "http://a.example/x")],
        rules={"homepage_stale": "pass", "column_stale": "fail", "link_broken": "fail"},
        columns=[column(NEWS, "工作动态", "fresh"), column(NOTICES, "通知公告", "stale")],
    )
    states = {(c.finding.code, c.finding.target.url): c.state for c in recheck.changes}
    assert states == {
        ("homepage_stale", HOME): "rectified",
        ("column_stale", NEWS): "rectified",
        ("column_stale", NOTICES): "persisting",
        ("link_broken", "http://a.example/x"): "new",
    }
    assert recheck.rectified_site


def test_a_rule_that_did_not_run_or_a_column_not_read_again_is_unconfirmed_not_rectified():
    recheck = _pair(
        [],
        rules={"homepage_stale": "error", "column_stale": "pass"},
        columns=[column(NEWS, "工作动态", "unreadable")],  # 通知公告 not found at all
        qualified_after=None,
    )
    reasons = {c.finding.target.url: (c.state, c.reason) for c in recheck.changes}
    assert reasons[HOME][0] == "unconfirmed"
    assert "未能完成" in reasons[HOME][1]
    assert reasons[NEWS] == ("unconfirmed", "复查时该栏目未能判定(unreadable)")
    assert reasons[NOTICES] == ("unconfirmed", "复查时未找到该栏目")
    assert not recheck.of("rectified")
    assert not recheck.rectified_site


def test_needs_review_items_are_not_problems_to_compare():
    before = bundle("a", "甲局", findings=[finding("column_unreadable", NEWS, severity="needs_review")])
    after = bundle("a", "甲局", findings=[], rules={"column_unreadable": "pass"})
    assert compare_sites(before, after).changes == []


def test_recheck_json_names_every_state_and_site(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    write_site(old, bundle("a", "甲局", qualified=False, findings=[finding("homepage_stale", HOME, severity="veto")]))
    write_site(new, bundle("a", "甲局", qualified=True, rules={"homepage_stale": "pass"}))
    write_site(new, bundle("b", "乙局"))  # only in the new run: nothing to compare
    previous, current = read_run(old), read_run(new)
    rechecks = compare_runs(previous, current)
    payload = recheck_json(previous, current, rechecks)
    json.dumps(payload)  # serialisable as is
    assert [site["site"] for site in payload["sites"]] == ["a"]
    site = payload["sites"][0]
    assert site["rectified_site"] is True
    assert [entry["code"] for entry in site["rectified"]] == ["homepage_stale"]
    assert site["new"] == site["persisting"] == site["unconfirmed"] == []


def test_a_review_note_of_another_check_on_the_page_does_not_block_rectified():
    before = bundle("a", "甲局", qualified=False, findings=[finding("footer_missing_icp", HOME)])
    after = bundle(
        "a",
        "甲局",
        findings=[
            finding("footer_site_code_mismatch", HOME, severity="needs_review"),
            finding("homepage_stale", HOME, severity="needs_review"),
        ],
        rules={"footer_missing_icp": "pass", "homepage_stale": "needs_review"},
    )
    assert [c.state for c in compare_sites(before, after).changes] == ["rectified"]
    same = bundle(
        "a",
        "甲局",
        findings=[finding("footer_missing_icp", HOME, severity="needs_review")],
        rules={"footer_missing_icp": "needs_review"},
    )
    assert [c.state for c in compare_sites(before, same).changes] == ["unconfirmed"]
