"""`auditor demo --estate` end to end: two rounds and a re-check of the demo estate, then every 整改通知 and the
检查情况通报 — the reports' numbers checked against the bundles they were made from, the re-check by finding id,
the PDFs read back, the hostile 教育局 column shown inert in Chromium, and the whole run still verifying."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.cli import run_auditor

pytestmark = pytest.mark.browser
BAIT = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def estate(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("estate")
    done = run_auditor("demo", "--estate", "--out", str(out), "--as-of", "2021-03-21", "-q", timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def bundles(run_dir: Path) -> dict[str, dict]:
    return {
        p.parent.name: json.loads(p.read_text("utf-8"))
        for p in sorted(run_dir.glob("*/bundle.json"))
        if p.parent.name != "reports"
    }


def rate(qualified: int, judged: int) -> str:
    pct = (Decimal(qualified) * 100 / Decimal(judged)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{pct:.1f}%({qualified}/{judged})"


def websites(run: dict[str, dict]) -> list[dict]:
    return [b for b in run.values() if b["site"]["kind"] != "newmedia"]


def test_the_bulletin_counts_what_the_bundles_say(estate):
    first, recheck, second = (bundles(estate / name) for name in ("round-1", "round-1-recheck", "round-2"))
    text = (estate / "round-2" / "reports" / "bulletin.md").read_text("utf-8")
    checks = len(websites(first)) + len(websites(recheck)) + len(websites(second))
    assert f"共开展2批次检查,共计{checks}次(包括复查)" in text
    for label, run in (("1月份", first), ("3月份", second)):
        assessed = [b for b in websites(run) if b["verdict"]["qualified"] is not None]
        passed = sum(1 for b in assessed if b["verdict"]["qualified"])
        assert f"{label}合格率{rate(passed, len(assessed))}" in text
        section = text.split(f"### {label}")[1].split("###")[0]
        failing = {b["site"]["name"] for b in websites(run) if b["verdict"]["qualified"] is False}
        rows = {line.split(" | ")[0].removeprefix("| ") for line in section.splitlines() if line.startswith("| ")}
        assert rows - {"网站名称", "---"} == failing
    # 部门网站: the department sites and the credit site (counted as a department's).
    departments = [b for b in websites(second) if b["site"]["category"] == "department"]
    assert len(departments) == 3
    group = next(b for b in second.values() if b["site"]["kind"] == "newmedia")
    stale = [a for a in group["accounts"] if a["qualified"] is False]
    assert f"发现存在更新不及时问题的政务新媒体{len(stale)}个" in text
    for account in stale:
        assert f"| {account['platform_zh']} | {account['name']} |" in text
    assert "注:监测时间点2021年3月21日,时间段为3月8日-3月21日" in text


def test_the_recheck_names_rectified_and_persisting_findings_by_id(estate):
    first, second = bundles(estate / "round-1"), bundles(estate / "round-2")
    payload = json.loads((estate / "round-2" / "reports" / "recheck.json").read_text("utf-8"))
    sites = {site["site"]: site for site in payload["sites"]}
    scjgj = sites["qingxi-scjgj"]
    assert "homepage_stale" in {entry["code"] for entry in scjgj["rectified"]}
    assert "interaction_unanswered" in {entry["code"] for entry in scjgj["persisting"]}
    before = {f["id"] for f in first["qingxi-scjgj"]["findings"] if f["severity"] != "needs_review"}
    after = {f["id"] for f in second["qingxi-scjgj"]["findings"] if f["severity"] != "needs_review"}
    assert {entry["id"] for entry in scjgj["persisting"]} == before & after
    assert {entry["id"] for entry in scjgj["new"]} == after - before
    gone = {entry["id"] for entry in scjgj["rectified"] + scjgj["unconfirmed"]}
    assert gone == before - after
    notice = (estate / "round-2" / "reports" / "qingxi-scjgj" / "notice.html").read_text("utf-8")
    assert "上次检查问题的复查结果" in notice
    assert "已整改" in notice
    assert "未整改" in notice


def test_the_notice_pdf_reads_back_with_its_appendix(estate):
    second = bundles(estate / "round-2")
    pdf = PdfReader(str(estate / "round-2" / "reports" / "qingxi-scjgj" / "notice.pdf"))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "整改通知" in text
    assert "3101140052" in text
    shots = {f["evidence"]["screenshot"] for f in second["qingxi-scjgj"]["findings"] if f["evidence"].get("screenshot")}
    # The problem pages, then one appendix page per full-page screenshot.
    assert len(pdf.pages) > len(shots)
    assert f"附件{len(shots)}" in text
    jyj = PdfReader(str(estate / "round-2" / "reports" / "qingxi-jyj" / "notice.pdf"))
    assert BAIT in "\n".join(page.extract_text() for page in jyj.pages)


def test_the_hostile_column_renders_inert_and_every_image_loads(page, estate):
    dialogs, requests = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    for report in ("qingxi-jyj/notice.html", "bulletin.html"):
        page.goto((estate / "round-2" / "reports" / report).as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("document.scripts.length") == 0
        sizes = page.evaluate("[...document.images].map(i => i.complete && i.naturalWidth)")
        assert all(sizes), sizes
        if report.endswith("notice.html"):
            assert page.get_by_text(BAIT, exact=False).count() >= 1  # the column's name, shown as text
    assert dialogs == []
    root = estate.resolve().as_uri()
    assert all(url.startswith(root) for url in requests), requests


def test_the_run_with_its_reports_verifies_and_the_spreadsheet_lists_the_sites(estate):
    done = run_auditor("verify", str(estate / "round-2"))
    assert done.returncode == 0, done.stdout + done.stderr
    listed = json.loads((estate / "round-2" / "manifest.json").read_text("utf-8"))["files"]
    assert "reports/bulletin.pdf" in {entry["path"] for entry in listed}
    book = load_workbook(estate / "round-2" / "reports" / "bulletin.xlsx")
    summary = book["汇总"]
    names = [row[0] for row in summary.iter_rows(min_row=2, values_only=True) if row[0]]
    assert sorted(names) == sorted(b["site"]["name"] for b in bundles(estate / "round-2").values())
