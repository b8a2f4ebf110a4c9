"""Reports as a reader opens them: real Chromium renders the notice and the bulletin made from bundles whose page
text is hostile; nothing runs, nothing is fetched, every image loads; the PDFs have the pages and text expected."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from auditor.printing import print_pdfs
from auditor.report.bulletin import build_bulletin, write_bulletin
from auditor.report.notice import build_notice, write_notice
from auditor.report.runs import read_run
from tests.unit.report_builders import bundle, finding, write_site

pytestmark = pytest.mark.browser
BAIT = "<img src=x onerror=alert(1)>"
SCRIPT_BAIT = "<script>alert('栏目')</script>"


def _png(width: int, height: int, colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("reports")
    run_dir = root / "run"
    evidence = {"evidence/a-crop.png": _png(400, 120, "#c00"), "evidence/a-page.png": _png(1366, 2400, "#eee")}
    hostile = finding(
        "column_stale",
        "http://jyj.example/x/?q=<b>",
        column=BAIT,
        message_zh=f"动态要闻类栏目“{BAIT}{SCRIPT_BAIT}”最新信息发布于2021年1月1日",
        evidence={"screenshot": "evidence/a-page.png", "crop": "evidence/a-crop.png"},
    )
    site = bundle("jyj", f"青溪区教育局{SCRIPT_BAIT}", qualified=False, findings=[hostile], vetoes=[BAIT])
    folder = write_site(run_dir, site)
    files = []
    for relative, data in evidence.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)
        files.append({"path": relative, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)})
    (folder / "manifest.json").write_text(json.dumps({"algorithm": "sha256", "files": files}), "utf-8")
    run = read_run(run_dir)
    out = run_dir / "reports"
    notice_html = write_notice(build_notice(run.sites[0], out / "jyj"), out / "jyj")
    bulletin_html, bulletin_md = write_bulletin(build_bulletin([run]), out)
    log = print_pdfs(
        [(notice_html, notice_html.with_suffix(".pdf")), (bulletin_html, bulletin_html.with_suffix(".pdf"))],
        roots=[run_dir],
    )
    assert log.refused == []
    assert log.dialogs == []
    return {"notice": notice_html, "bulletin": bulletin_html, "markdown": bulletin_md, "run": run_dir}


@pytest.mark.parametrize("report", ["notice", "bulletin"])
def test_a_report_renders_inert_and_loads_only_its_own_images(page, reports, report):
    dialogs, requests, errors = [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(reports[report].as_uri())
    page.wait_for_load_state("load")
    assert dialogs == []
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
    run_root = reports["run"].resolve().as_uri()
    assert all(url.startswith(run_root) for url in requests), requests
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("[...document.images].filter(i => i.getAttribute('src') === 'x').length") == 0
    # Every image the report shows has loaded (a broken relative path would give naturalWidth 0).
    sizes = page.evaluate("[...document.images].map(i => [i.getAttribute('src'), i.complete && i.naturalWidth])")
    assert all(width for _src, width in sizes), sizes
    assert page.get_by_text(BAIT, exact=False).count() >= 1  # shown as text


def test_the_notice_pdf_has_its_pages_text_and_page_numbers(reports):
    reader = PdfReader(str(reports["notice"].with_suffix(".pdf")))
    assert reader.pages[0].mediabox.width == pytest.approx(595.9, abs=1)  # A4
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Chromium's ToUnicode maps glyphs Noto CJK shares with radicals to the radical (青 → ⻘), so the test looks
    # for words without such characters.
    assert "整改通知" in text
    assert "教育局" in text
    assert BAIT in text  # printed as text
    # The problem pages plus one appendix page per full-page screenshot, each numbered.
    assert len(reader.pages) >= 2
    last = reader.pages[-1].extract_text()
    assert f"第 {len(reader.pages)} " in last
    assert f"共 {len(reader.pages)} " in last
    assert "附件1" in text


def test_the_bulletin_markdown_keeps_page_text_as_text(reports):
    text = reports["markdown"].read_text("utf-8")
    assert BAIT not in text
    assert SCRIPT_BAIT not in text
    assert "&lt;script&gt;alert('栏目')&lt;/script&gt;" in text
