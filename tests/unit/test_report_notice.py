"""The 整改通知 as HTML: problems apart from review items, evidence linked relatively with its hash, re-check states."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from auditor.report.notice import build_notice, render_notice
from auditor.report.recheck import compare_sites
from auditor.report.runs import read_site
from tests.unit.report_builders import bundle, finding, write_site

BAIT = "<img src=x onerror=alert(1)>"
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def _site(tmp_path, findings):
    b = bundle("jyj", "青溪区教育局", qualified=True, findings=findings, rules={"column_stale": "fail"})
    folder = write_site(tmp_path / "run", b)
    (folder / "evidence").mkdir()
    for name in ("a-crop.png", "a-page.png"):
        (folder / "evidence" / name).write_bytes(PNG)
    digest = hashlib.sha256(PNG).hexdigest()
    files = [{"path": f"evidence/{n}", "sha256": digest, "size": len(PNG)} for n in ("a-crop.png", "a-page.png")]
    (folder / "manifest.json").write_text(json.dumps({"algorithm": "sha256", "files": files}), "utf-8")
    return read_site(folder), digest


def test_problems_and_review_items_are_apart_and_evidence_is_hashed(tmp_path):
    stale = finding(
        "column_stale",
        "http://jyj.example/x/",
        column=BAIT,
        message_zh=f"动态要闻类栏目“{BAIT}”最新信息发布于2021年1月1日",
        evidence={"screenshot": "evidence/a-page.png", "crop": "evidence/a-crop.png"},
        observed={"window": "2周"},
    )
    review = finding("column_unreadable", "http://jyj.example/y/", severity="needs_review", column="通知公告")
    site, digest = _site(tmp_path, [review, stale])
    out = tmp_path / "run" / "reports" / "jyj"
    view = build_notice(site, out, deadline=date(2021, 4, 5))
    assert [row.finding.code for row in view.problems] == ["column_stale"]
    assert [row.finding.code for row in view.reviews] == ["column_unreadable"]
    row = view.problems[0]
    assert row.crop is not None
    assert row.crop.src == "../../jyj/evidence/a-crop.png"
    assert row.crop.sha256 == digest
    assert row.page_number == 1
    assert [image.path for image in view.appendix] == ["evidence/a-page.png"]
    assert row.threshold == "更新周期:2周"
    html = render_notice(view)
    assert BAIT not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "2021年4月5日" in html
    assert digest in html
    assert "需人工核实的事项(不作为问题认定)" in html


def test_a_notice_with_an_earlier_run_shows_each_problem_state(tmp_path):
    stale = finding("column_stale", "http://jyj.example/x/", column="工作动态")
    site, _ = _site(tmp_path, [stale])
    before = bundle(
        "jyj",
        "青溪区教育局",
        qualified=False,
        findings=[stale, finding("homepage_stale", "http://jyj.example/", severity="veto")],
    )
    after = site.bundle.model_copy(
        update={
            "rules": {
                **site.bundle.rules,
                "homepage_stale": site.bundle.rules["column_stale"].model_copy(update={"outcome": "pass"}),
            }
        }
    )
    recheck = compare_sites(before, after)
    view = build_notice(site, tmp_path / "out", recheck=recheck)
    assert [row.recheck for row in view.problems] == ["未整改"]
    assert [(row.finding.code, row.recheck) for row in view.rectified] == [("homepage_stale", "已整改")]
    assert "上次检查问题的复查结果" in render_notice(view)
