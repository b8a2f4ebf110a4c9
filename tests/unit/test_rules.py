"""Rules are pure: hand-made artifacts in, findings out, no browser."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from auditor.computed.column_status import class_by_keyword, classify, judge_column
from auditor.judge import judge
from auditor.model.artifacts import ColumnFacts, ListItem, PageFacts, SiteArtifacts
from auditor.settings import ColumnClass, default_indicators

T = date(2021, 3, 21)
S = default_indicators()


def items(*offsets: int | None, pinned_first: bool = False) -> list[ListItem]:
    rows = []
    for index, offset in enumerate(offsets):
        day = None if offset is None else T - timedelta(days=offset)
        rows.append(
            ListItem(
                title=f"信息{index}",
                url=f"http://x/{index}.html",
                date=day,
                date_source="list" if day else "none",
                pinned=pinned_first and index == 0,
            )
        )
    return rows


def column(name: str, *offsets: int | None, level: int = 1, kind: str = "list", **extra) -> ColumnFacts:
    url = extra.pop("url", f"http://x/{name}/")
    page = None if kind == "error" else PageFacts(url=url, fetched_by="http", kind=kind, items=items(*offsets))
    return ColumnFacts(name=name, url=url, level=level, page=page, **extra)


def site(*columns: ColumnFacts) -> SiteArtifacts:
    home = PageFacts(url="http://x/", fetched_by="browser", kind="hub")
    return SiteArtifacts(
        site_id="x",
        home_url="http://x/",
        captured_at=datetime(2021, 3, 21, 9),
        as_of=T,
        home=home,
        columns=list(columns),
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("要闻动态", ColumnClass.NEWS),
        ("图片新闻", ColumnClass.NEWS),
        ("通知公告", ColumnClass.NOTICE_POLICY),
        ("政策解读", ColumnClass.NOTICE_POLICY),
        ("规范性文件", ColumnClass.NOTICE_POLICY),
        ("人事信息", ColumnClass.PERSONNEL_PLANNING),
        ("规划计划", ColumnClass.PERSONNEL_PLANNING),
        ("财政信息", ColumnClass.OTHER),
        ("政务咨询", ColumnClass.INTERACTION),
        ("在线访谈", ColumnClass.INTERACTION_EXCLUDED),
        ("历史专题", ColumnClass.HISTORICAL),
        ("新闻发布会", ColumnClass.NEWS),
    ],
)
def test_keyword_classes(name, expected):
    assert class_by_keyword(name, S) is expected


def test_override_beats_meta_beats_name():
    facts = column("工作动态", 1)
    facts.page.meta["ColumnType"] = "通知公告"
    assert classify(facts, S) == (ColumnClass.NOTICE_POLICY, "meta")
    facts.override_class = ColumnClass.OTHER
    assert classify(facts, S) == (ColumnClass.OTHER, "scenario")
    assert classify(column("不知名栏目", 1), S) == (ColumnClass.OTHER, "default")


def test_window_edges_news():
    assert judge_column(column("要闻动态", 13), T, S).status in {"fresh", "warning"}  # 3月8日 is inside
    assert judge_column(column("要闻动态", 14), T, S).status == "stale"  # 3月7日 is outside
    assert judge_column(column("要闻动态", 0), T, S).status == "fresh"


def test_latest_is_the_maximum_not_the_first_row():
    facts = column("要闻动态", 400, 30, 2, 50)
    facts.page.items[0].pinned = True  # an old 置顶 row above newer ones
    result = judge_column(facts, T, S)
    assert result.latest_date == T - timedelta(days=2)
    assert result.status == "fresh"


def test_future_dates_are_ignored():
    result = judge_column(column("要闻动态", -5, 20), T, S)
    assert result.latest_date == T - timedelta(days=20)
    assert result.status == "stale"


def test_warning_when_stale_within_three_days():
    assert judge_column(column("要闻动态", 11), T, S).status == "warning"
    assert judge_column(column("要闻动态", 10), T, S).status == "fresh"


def test_blank_undated_unreadable_and_not_judged():
    assert judge_column(column("财政信息"), T, S).status == "blank"
    assert judge_column(column("在线访谈"), T, S).status == "blank"  # the blank check applies to every column
    assert judge_column(column("在线访谈", 900), T, S).status == "not_judged"
    assert judge_column(column("人事信息", None, None), T, S).status == "undated"
    assert judge_column(column("部门动态", kind="error"), T, S).status == "unreadable"
    assert judge_column(column("信息公开", kind="hub"), T, S).status == "not_judged"
    assert judge_column(column("区情概况", kind="content"), T, S).status == "not_judged"
    assert judge_column(column("领导信息", None, None), T, S).status == "not_judged"  # links, no dates: content


def test_home_block_items_count_when_the_list_page_fails():
    facts = column("社区动态", kind="error", home_items=items(2, 9))
    result = judge_column(facts, T, S)
    assert result.status == "fresh"
    assert result.date_source == "home_block"
    assert result.latest_date == T - timedelta(days=2)


def test_home_block_items_mean_not_blank():
    facts = column("社区动态", home_items=items(40))
    assert judge_column(facts, T, S).status == "stale"


def findings_by_code(artifacts):
    judgement = judge(artifacts)
    out: dict[str, list] = {}
    for finding in judgement.findings:
        out.setdefault(finding.code, []).append(finding)
    return judgement, out


def test_findings_carry_code_severity_target_and_observed():
    judgement, found = findings_by_code(site(column("部门动态", 20), column("财政信息"), column("人事信息", None)))
    stale = found["column_stale"][0]
    assert stale.severity == "deduction"
    assert stale.indicator_zh == "栏目不更新"
    assert stale.target.url == "http://x/部门动态/"
    assert stale.observed["latest_date"] == "2021-03-01"
    assert stale.observed["window_start"] == "2021-03-08"
    assert stale.observed["days_overdue"] == 7
    assert (
        "最新信息发布于2021年3月1日,监测时间点前2周(2021年3月8日—2021年3月21日)内未更新,已超期7天" in stale.message_zh
    )
    assert [f.code for f in found["column_blank"]] == ["column_blank"]
    assert "column_stale" not in {f.code for f in found["column_blank"]}
    assert found["column_unreadable"][0].severity == "needs_review"
    assert judgement.verdict.qualified is True


def test_a_blank_column_is_not_also_stale():
    _, found = findings_by_code(site(column("要闻动态")))
    assert list(found) == ["column_blank"]


def test_five_stale_news_or_first_level_notice_columns_veto():
    cols = [column(f"动态{i}", 20) for i in range(3)] + [column("通知公告", 200), column("政策文件", 200)]
    judgement, found = findings_by_code(site(*cols))
    assert judgement.verdict.qualified is False
    assert [v.code for v in judgement.verdict.vetoes] == ["column_stale_news_notice"]
    assert judgement.verdict.vetoes[0].count == 5
    assert {f.severity for f in found["column_stale"]} == {"veto"}


def test_second_level_notice_columns_do_not_feed_the_first_veto():
    cols = [column(f"动态{i}", 20) for i in range(4)] + [column("公示公告", 200, level=2)]
    judgement, _ = findings_by_code(site(*cols))
    assert judgement.verdict.counts["column_stale_news_notice"] == 4
    assert judgement.verdict.qualified is True


def test_ten_should_update_columns_including_blank_veto():
    cols = [column(f"规划{i}", 400) for i in range(6)] + [column(f"财政{i}") for i in range(4)]
    judgement, _ = findings_by_code(site(*cols))
    assert [v.code for v in judgement.verdict.vetoes] == ["column_stale_should_update"]
    assert judgement.verdict.counts["column_stale_should_update"] == 10


def test_five_blank_columns_veto_and_four_do_not():
    judgement, _ = findings_by_code(site(*[column(f"财政{i}") for i in range(4)]))
    assert judgement.verdict.qualified is True
    judgement, _ = findings_by_code(site(*[column(f"财政{i}") for i in range(5)]))
    assert "column_blank_many" in [v.code for v in judgement.verdict.vetoes]


def test_undated_columns_never_count_toward_a_veto():
    judgement, _ = findings_by_code(site(*[column(f"动态{i}", None) for i in range(6)]))
    assert judgement.verdict.qualified is True


def test_rejudging_at_another_monitoring_point():
    artifacts = site(column("要闻动态", 3))
    assert judge(artifacts).columns[0].status == "fresh"
    assert judge(artifacts, T + timedelta(days=20)).columns[0].status == "stale"
    # At an earlier T the only item lies in the future: it is ignored, and nothing dated is left.
    assert judge(artifacts, T - timedelta(days=10)).columns[0].status == "undated"


def test_home_failure_is_not_assessable():
    artifacts = site()
    artifacts.home = PageFacts(url="http://x/", fetched_by="browser", kind="error", error="timeout")
    assert judge(artifacts).verdict.qualified is None


def test_finding_ids_are_stable():
    first = judge(site(column("部门动态", 20))).findings[0].id
    again = judge(site(column("部门动态", 30))).findings[0].id
    assert first == again


def test_finding_ids_ignore_the_sites_own_host_but_not_other_hosts():
    from auditor.rules.base import finding_id

    home = "http://127.0.0.1:8000/portal/"
    same = finding_id("qingxi", "column_stale", "http://127.0.0.1:8000/portal/col/a/", home)
    assert same == finding_id(
        "qingxi", "column_stale", "http://127.0.0.1:9000/portal/col/a/index.html", "http://127.0.0.1:9000/portal/"
    )
    assert same != finding_id("qingxi", "column_blank", "http://127.0.0.1:8000/portal/col/a/", home)
    assert same != finding_id("other", "column_stale", "http://127.0.0.1:8000/portal/col/a/", home)
    assert same != finding_id("qingxi", "column_stale", "http://xxgk.example.gov.cn/portal/col/a/", home)
