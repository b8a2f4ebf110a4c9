"""The spreadsheet report: sheets, rows against the bundles, text that never becomes a formula, evidence links."""

from __future__ import annotations

import zipfile
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from auditor.model.bundle import (
    Bundle,
    Evidence,
    Finding,
    Score,
    SiteInfo,
    Target,
    Verdict,
    Veto,
)
from auditor.report.xlsx import MAX_CELL_CHARS, PROBLEM_HEADERS, SUMMARY_HEADERS, cell_text, sheet_name, write_workbook

STARTED = datetime(2021, 3, 21, 1, 30, tzinfo=UTC)  # 09:30 in Asia/Shanghai


def _finding(fid: str, severity: str, **extra) -> Finding:
    fields = {
        "id": fid,
        "code": "column_stale",
        "indicator_zh": "栏目不更新",
        "severity": severity,
        "target": Target(url=f"http://www.qingxi.gov.cn/portal/{fid}/", column=f"栏目{fid}"),
        "message_zh": f"栏目{fid}未更新",
        "evidence": Evidence(screenshot=f"evidence/{fid}-page.png", crop=f"evidence/{fid}-crop.png"),
        "unit": "石桥镇人民政府",
    }
    return Finding(**{**fields, **extra})


def _bundle(
    site_id: str,
    name: str,
    findings: list[Finding],
    *,
    code: str | None = "3101140038",
    kind: str = "portal",
    category: str | None = "portal",
    verdict: Verdict | None = None,
) -> Bundle:
    return Bundle(
        auditor_version="t",
        site=SiteInfo(id=site_id, name=name, code=code, kind=kind, home="http://h/", category=category),
        as_of=date(2021, 3, 21),
        started_at=STARTED,
        finished_at=STARTED,
        requested_url="http://h/",
        verdict=verdict or Verdict(qualified=True),
        findings=findings,
    )


PORTAL_FINDINGS = [
    _finding("d1", "deduction"),
    _finding("r1", "needs_review", unit=None, evidence=Evidence()),
    _finding("v1", "veto", evidence=Evidence(screenshot="evidence/v1-page.png")),
    _finding("w1", "warning"),
    _finding("d2", "deduction"),
]
PORTAL = _bundle(
    "qingxi",
    "青溪区人民政府",
    PORTAL_FINDINGS,
    verdict=Verdict(
        qualified=False,
        vetoes=[
            Veto(code="home_stale", indicator_zh="首页", count=1, threshold=1, message_zh="首页2周未更新"),
            Veto(code="column_blank", indicator_zh="空白栏目", count=5, threshold=5, message_zh="空白栏目超过5个"),
        ],
    ),
)
GROUP = _bundle(
    "qingxi-xmt",
    "青溪区政务新媒体",
    [_finding("n1", "veto", unit="青溪区教育局"), _finding("n2", "needs_review")],
    code=None,
    kind="newmedia",
    category=None,
    verdict=Verdict(qualified=None),
)
SCORED = _bundle(
    "qingxi-scjgj",
    "青溪区市场监督管理局",
    [],
    kind="department",
    category="department",
    verdict=Verdict(qualified=True, score=Score(total=87.5, pass_mark=60)),
)


def _rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def _header(sheet) -> list:
    return [cell.value for cell in sheet[1]]


@pytest.fixture
def run(tmp_path):
    """Three sites of a run folder, the workbook beside them in a reports folder."""
    folders = [(bundle, tmp_path / "run" / bundle.site.id) for bundle in (PORTAL, GROUP, SCORED)]
    path = write_workbook(tmp_path / "reports" / "检查结果.xlsx", folders)
    return path, load_workbook(path)


def test_sheets_are_summary_all_then_one_per_site(run):
    path, book = run
    assert path.name == "检查结果.xlsx"
    assert book.sheetnames == ["汇总", "全部问题", "青溪区人民政府", "青溪区政务新媒体", "青溪区市场监督管理局"]
    assert not [p for p in path.parent.iterdir() if p != path]  # no temp file left behind


def test_summary_rows_count_the_bundles(run):
    _path, book = run
    sheet = book["汇总"]
    assert _header(sheet) == list(SUMMARY_HEADERS)
    rows = _rows(sheet)
    assert rows == [
        ["青溪区人民政府", "3101140038", "门户网站", "不合格", "—", 1, 2, 1, "首页2周未更新;空白栏目超过5个"],
        ["青溪区政务新媒体", "—", "政务新媒体", "无法评估", "—", 1, 0, 1, "—"],
        ["青溪区市场监督管理局", "3101140038", "部门网站", "合格", 87.5, 0, 0, 0, "—"],
    ]
    for row, bundle in zip(rows, (PORTAL, GROUP, SCORED), strict=True):
        counts = Counter(f.severity for f in bundle.findings)
        assert row[5:8] == [counts["veto"], counts["deduction"], counts["needs_review"]]


def test_problem_rows_every_finding_in_severity_order(run):
    _path, book = run
    sheet = book["全部问题"]
    headers = _header(sheet)
    assert headers == [h for h in PROBLEM_HEADERS if h != "复查"]  # no re-check given: no 复查 column
    rows = [dict(zip(headers, row, strict=True)) for row in _rows(sheet)]
    assert len(rows) == sum(len(b.findings) for b in (PORTAL, GROUP, SCORED))
    assert [r["严重程度"] for r in rows] == ["单项否决"] * 2 + ["扣分"] * 2 + ["预警"] + ["待人工复核"] * 2
    assert {r["编号"] for r in rows} == {f.id for b in (PORTAL, GROUP) for f in b.findings}
    d1 = next(r for r in rows if r["编号"] == "d1")
    assert d1 == {
        "网站名称": "青溪区人民政府",
        "网站标识码": "3101140038",
        "指标": "栏目不更新",
        "严重程度": "扣分",
        "问题描述": "栏目d1未更新",
        "页面地址": "http://www.qingxi.gov.cn/portal/d1/",
        "栏目": "栏目d1",
        "截图文件": "../run/qingxi/evidence/d1-crop.png",
        "发现时间": "2021-03-21 09:30",
        "责任单位": "石桥镇人民政府",
        "编号": "d1",
    }
    r1 = next(r for r in rows if r["编号"] == "r1")
    assert (r1["截图文件"], r1["责任单位"]) == (None, None)
    assert next(r for r in rows if r["编号"] == "n1")["网站标识码"] == "—"

    site_sheet = book["青溪区人民政府"]
    ids = [row[-1] for row in _rows(site_sheet)]
    assert ids == ["v1", "d1", "d2", "w1", "r1"]  # severity first, the bundle's order within one


def test_header_is_bold_frozen_filtered_and_columns_sized(run):
    _path, book = run
    for sheet in book.worksheets:
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=sheet.max_column).column_letter}{sheet.max_row}"
    widths = book["全部问题"].column_dimensions
    assert 10 <= widths["A"].width <= 30  # 青溪区市场监督管理局: 10 CJK characters
    assert widths["E"].width <= 60
    assert book["全部问题"]["E2"].alignment.wrap_text


def test_evidence_is_a_relative_hyperlink_to_the_crop_else_the_screenshot(run):
    path, book = run
    sheet = book["青溪区人民政府"]
    headers = _header(sheet)
    column, id_column = headers.index("截图文件") + 1, headers.index("编号") + 1
    by_id = {sheet.cell(row=r, column=id_column).value: sheet.cell(row=r, column=column) for r in range(2, 7)}
    crop = by_id["d1"]
    assert crop.hyperlink.target == "../run/qingxi/evidence/d1-crop.png"
    assert crop.value == crop.hyperlink.target
    assert (path.parent / crop.hyperlink.target).resolve() == (path.parent.parent / "run/qingxi/evidence/d1-crop.png")
    assert by_id["v1"].hyperlink.target == "../run/qingxi/evidence/v1-page.png"
    assert by_id["r1"].hyperlink is None
    assert by_id["r1"].value is None


def test_an_evidence_path_the_auditor_never_writes_is_text_not_a_link(tmp_path):
    odd = [
        _finding("a", "deduction", evidence=Evidence(crop="http://evil.example/x.png")),
        _finding("b", "deduction", evidence=Evidence(crop="../../../etc/passwd")),
        _finding("c", "deduction", evidence=Evidence(crop="=cmd|' /C calc'!A0")),
    ]
    path = write_workbook(tmp_path / "x.xlsx", [(_bundle("s", "站", odd), tmp_path / "s")])
    sheet = load_workbook(path)["站"]
    column = PROBLEM_HEADERS.index("截图文件") + 1
    cells = [sheet.cell(row=r, column=column) for r in range(2, 5)]
    assert [cell.hyperlink for cell in cells] == [None, None, None]
    assert [cell.value for cell in cells] == ["http://evil.example/x.png", "../../../etc/passwd", "'=cmd|' /C calc'!A0"]


HOSTILE = '=HYPERLINK("http://evil","点此")'


def test_page_text_never_becomes_a_formula(tmp_path):
    hostile = [
        _finding(
            "x1",
            "veto",
            message_zh=HOSTILE,
            target=Target(url="@SUM(1+1)", column="+cmd|' /C calc'!A0"),
            unit="-2+3",
            indicator_zh="\tTAB",
        ),
        _finding("x2", "deduction", message_zh="\r=1+1", target=Target(url="http://h/", column="=A1")),
    ]
    bundle = _bundle("evil", "=恶意网站", hostile, verdict=Verdict(qualified=False, vetoes=[]))
    path = write_workbook(tmp_path / "x.xlsx", [(bundle, tmp_path / "evil")])
    book = load_workbook(path)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type in {"s", "n"} for cell in cells), [(c.coordinate, c.data_type) for c in cells]
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert "'" + HOSTILE in texts  # the inspector still reads it, behind a visible apostrophe
    assert {"'@SUM(1+1)", "'+cmd|' /C calc'!A0", "'-2+3", "\\x09TAB", "'=A1"} <= texts
    assert "\\x0d=1+1" in texts  # a leading CR is shown as its escape, so it cannot start a formula either
    assert book.sheetnames[2] == "=恶意网站"  # a sheet name is never evaluated; [ ] : * ? / \\ are what it may not hold
    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml
    assert "<f " not in xml


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "\\x09=1"),
        ("普通文本=1", "普通文本=1"),
        ("a\x00b\x07c\x1bd", "a\\x00b\\x07c\\x1bd"),
        ("\u202etxt.exe", "\\u202etxt.exe"),
        ("x" * (MAX_CELL_CHARS + 10), "x" * (MAX_CELL_CHARS - 1) + "…"),
    ],
)
def test_cell_text(value, shown):
    assert cell_text(value) == shown
    assert len(cell_text(value)) <= MAX_CELL_CHARS


def test_control_characters_reach_the_sheet_as_escapes(tmp_path):
    bundle = _bundle("c", "站", [_finding("c1", "deduction", message_zh="栏目\x00\x0b“通知”\u202e公告")])
    path = write_workbook(tmp_path / "x.xlsx", [(bundle, tmp_path / "c")])
    row = _rows(load_workbook(path)["站"])[0]
    assert row[PROBLEM_HEADERS.index("问题描述")] == "栏目\\x00\\x0b“通知”\\u202e公告"


def test_sheet_names_are_sanitised_and_unique():
    used = {"汇总", "全部问题"}
    assert sheet_name("青溪[区]:人民*政府?/网站\\", used) == "青溪区人民政府网站"
    assert sheet_name("青溪区人民政府网站", used) == "青溪区人民政府网站(2)"
    assert sheet_name("青溪区人民政府网站", used) == "青溪区人民政府网站(3)"
    assert sheet_name("汇总", used) == "汇总(2)"
    long_name = "上海市青溪区人民政府" * 5
    first = sheet_name(long_name, used)
    second = sheet_name(long_name, used)
    assert (len(first), len(second)) == (31, 31)
    assert second.endswith("(2)")
    assert first[:28] == second[:28]
    assert sheet_name("'引号'", used) == "引号"
    assert sheet_name("[]:*?/\\", used) == "网站"
    assert sheet_name("ABC", used) == "ABC"
    assert sheet_name("abc", used) == "abc(2)"  # Excel compares sheet names without case


def test_sites_of_one_name_get_their_own_sheets(tmp_path):
    twins = [
        (_bundle(f"s{i}", "青溪区人民政府[测试]", [_finding(f"f{i}", "veto")]), tmp_path / f"s{i}") for i in range(3)
    ]
    book = load_workbook(write_workbook(tmp_path / "x.xlsx", twins))
    assert book.sheetnames[2:] == ["青溪区人民政府测试", "青溪区人民政府测试(2)", "青溪区人民政府测试(3)"]
    assert [_rows(book[name])[0][-1] for name in book.sheetnames[2:]] == ["f0", "f1", "f2"]


def test_recheck_states_and_rectified_findings(tmp_path):
    current = _bundle("qingxi", "青溪区人民政府", [_finding("p1", "deduction"), _finding("n1", "veto")])
    fixed = _finding("old1", "veto", message_zh="首页曾经未更新")
    earlier = current.model_copy(update={"started_at": datetime(2021, 3, 7, 2, 0, tzinfo=UTC), "findings": [fixed]})
    path = write_workbook(
        tmp_path / "out" / "x.xlsx",
        [(current, tmp_path / "now" / "qingxi")],
        recheck={"qingxi": {"p1": "persisting", "n1": "new", "old1": "rectified"}},
        rectified={"qingxi": [fixed]},
        previous={"qingxi": (earlier, tmp_path / "before" / "qingxi")},
    )
    sheet = load_workbook(path)["全部问题"]
    headers = _header(sheet)
    assert headers == list(PROBLEM_HEADERS)
    rows = [dict(zip(headers, row, strict=True)) for row in _rows(sheet)]
    assert [(r["编号"], r["复查"]) for r in rows] == [("n1", "新发现"), ("old1", "已整改"), ("p1", "未整改")]
    old = rows[1]
    assert old["发现时间"] == "2021-03-07 10:00"  # when the earlier run found it
    assert old["截图文件"] == "../before/qingxi/evidence/old1-crop.png"
    assert old["问题描述"] == "首页曾经未更新"


def test_rectified_without_the_earlier_run_leaves_its_time_and_evidence_empty(tmp_path):
    fixed = _finding("old1", "warning")
    path = write_workbook(
        tmp_path / "x.xlsx", [(_bundle("qingxi", "站", []), tmp_path / "qingxi")], rectified={"qingxi": [fixed]}
    )
    rows = _rows(load_workbook(path)["站"])
    headers = list(PROBLEM_HEADERS)
    assert len(rows) == 1
    row = dict(zip(headers, rows[0], strict=True))
    assert (row["复查"], row["发现时间"], row["截图文件"], row["编号"]) == ("已整改", None, None, "old1")


def test_rectified_for_a_site_not_in_the_run_is_refused(tmp_path):
    with pytest.raises(ValueError, match="qingxi-x"):
        write_workbook(tmp_path / "x.xlsx", [(PORTAL, tmp_path / "q")], rectified={"qingxi-x": [_finding("a", "veto")]})
    assert not (tmp_path / "x.xlsx").exists()


def test_no_bundles_is_an_empty_but_valid_workbook(tmp_path):
    book = load_workbook(write_workbook(tmp_path / "x.xlsx", []))
    assert book.sheetnames == ["汇总", "全部问题"]
    assert _header(book["汇总"]) == list(SUMMARY_HEADERS)
    assert _rows(book["全部问题"]) == []
