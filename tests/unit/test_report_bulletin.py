"""The bulletin's numbers from bundles: 合格率 n/N half up, by class, after re-check; page text escaped in every form."""

from __future__ import annotations

from datetime import date

from auditor.report.bulletin import build_bulletin, write_bulletin
from auditor.report.render import markdown_text, percent
from auditor.report.runs import read_run
from tests.unit.report_builders import bundle, finding, write_site

BAIT = "<img src=x onerror=alert(1)>"


def test_percent_is_one_decimal_half_up():
    assert percent(15, 16) == "93.8"  # 93.75
    assert percent(71, 72) == "98.6"
    assert percent(1, 8) == "12.5"
    assert percent(2, 3) == "66.7"
    assert percent(0, 0) is None


def _estate(root, *, t=date(2021, 3, 21), fixed=False):
    sites = [
        bundle("d1", "区甲局", category="department", as_of=t),
        bundle(
            "d2",
            "区乙局",
            category="department",
            as_of=t,
            qualified=fixed,
            vetoes=[] if fixed else ["监测时间点前2周内首页无信息更新"],
            findings=[] if fixed else [finding("homepage_stale", "http://d2.example/", severity="veto")],
            rules={"homepage_stale": "pass" if fixed else "fail"},
        ),
        bundle(
            "p1",
            "青溪区人民政府",
            category="portal",
            kind="portal",
            as_of=t,
            qualified=False,
            vetoes=["动态、要闻类栏目,以及通知公告类一级栏目累计超过5个未更新"],
            findings=[finding("column_stale", f"http://p1.example/c{i}/", column=f"栏目{i}") for i in range(6)],
        ),
        bundle("p2", "云湖区人民政府", category="portal", kind="portal", as_of=t, qualified=None),
        bundle(
            "s1",
            BAIT,
            category="subsite",
            kind="subsite",
            as_of=t,
            qualified=False,
            findings=[finding("column_blank", "http://s1.example/x/", column=BAIT, indicator_zh="空白栏目")],
        ),
    ]
    for site in sites:
        write_site(root, site)
    return read_run(root)


def test_rates_by_class_leave_unassessed_sites_out_and_name_them(tmp_path):
    view = build_bulletin([_estate(tmp_path / "r1")])
    (round_,) = view.rounds
    assert round_.rate.text == "25.0%(1/4)"
    assert [(r.label, r.text) for r in round_.by_category] == [
        ("门户网站", "0.0%(0/1)"),
        ("部门网站", "50.0%(1/2)"),
        ("子网站", "0.0%(0/1)"),
    ]
    assert round_.unassessed == ["云湖区人民政府"]
    assert [site.name for site in round_.problem_sites] == ["区乙局", "青溪区人民政府", BAIT]
    assert round_.label == "3月份"
    assert view.estate_by_category == [("门户网站", 2), ("部门网站", 2), ("子网站", 1)]


def test_a_recheck_counts_as_a_check_and_gives_the_second_rate(tmp_path):
    first = _estate(tmp_path / "r1", t=date(2021, 1, 20))
    recheck_root = tmp_path / "r1b"
    write_site(recheck_root, bundle("d2", "区乙局", as_of=date(2021, 1, 30), rules={"homepage_stale": "pass"}))
    view = build_bulletin([first], rechecks=[read_run(recheck_root)])
    (round_,) = view.rounds
    assert round_.checks == 6  # five sites and one re-check
    assert round_.rate.text == "25.0%(1/4)"
    assert round_.after_recheck is not None
    assert round_.after_recheck.text == "50.0%(2/4)"
    assert [s.name for s in round_.problem_sites if s.rectified] == ["区乙局"]


def test_problem_categories_name_the_sites(tmp_path):
    view = build_bulletin([_estate(tmp_path / "r1")])
    by_name = {c.indicator_zh: c for c in view.categories}
    assert by_name["栏目不更新"].sites == ["青溪区人民政府"]
    assert by_name["栏目不更新"].findings == 6
    assert by_name["首页不更新"].sites == ["区乙局"]


def test_page_text_stays_text_in_html_and_markdown(tmp_path):
    run = _estate(tmp_path / "r1")
    html, markdown = write_bulletin(build_bulletin([run]), tmp_path / "out")
    page = html.read_text("utf-8")
    assert BAIT not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;' in page
    assert "<script" not in page
    text = markdown.read_text("utf-8")
    assert BAIT not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_markdown_cells_cannot_break_the_table():
    assert markdown_text("a|b") == "a\\|b"
    assert markdown_text("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert markdown_text("\u202eevil") == "\\\\u202eevil"  # shown as \\u202e once rendered
