"""The new-media summary tables as the notice prints them (检查发现存在突出问题的政务新媒体名单), from real bundles.

Bundles are built the way a run builds them (judge → build_bundle), written as bundle.json and read back through
the published schema, then rendered by rich into plain text: what an inspector sees on the terminal.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console
from rich.table import Table

from auditor.bundle.assemble import build_bundle
from auditor.bundle.reader import load_bundle
from auditor.judge import judge
from auditor.model.artifacts import AccountFacts, AccountPageState, NewMediaFacts, PostSeen, SampleFacts, SiteArtifacts
from auditor.model.bundle import Bundle
from auditor.report.summary import accounts_table, newmedia_groups_table, newmedia_notice_table, print_summary
from auditor.scenario import parse_scenario

SHANGHAI = ZoneInfo("Asia/Shanghai")
T = date(2021, 3, 21)
REGISTRY_URL = "https://www.shanghai.gov.cn/nw12344/index.html"
NOTICE_NOTE = "注:监测时间点2021年3月21日,时间段为3月8日-3月21日"

SCENARIO = """\
site:
  id: {site_id}
  name: {name}
  kind: newmedia
  home: https://www.shanghai.gov.cn/nw12344/index.html
"""


def facts(
    platform: str,
    name: str,
    owner: str,
    *,
    latest: date = date(2021, 2, 26),
    state: AccountPageState = "posts",
    text: str = "区政府常务会议召开",
) -> AccountFacts:
    captured = datetime(T.year, T.month, T.day, 10, 30, tzinfo=SHANGHAI)
    return AccountFacts(
        platform=platform,
        name=name,
        owner=owner,
        group="区政府",
        url=f"https://weibo.com/u/{hashlib.sha256(name.encode()).hexdigest()[:10]}",
        state=state,
        posts=[PostSeen(text=text, time_text=latest.isoformat(), earliest=latest, latest=latest)],
        captured_at=captured,
        reference_time=captured,
    )


def bundle_of(
    folder: Path,
    *accounts: AccountFacts,
    as_of: date = T,
    name: str = "上海市政务新媒体",
    site_id: str = "shanghai-newmedia",
    sample: SampleFacts | None = None,
) -> Bundle:
    """A bundle as a run writes it, read back through the schema."""
    site = parse_scenario(SCENARIO.format(site_id=site_id, name=json.dumps(name))).site
    captured = datetime(as_of.year, as_of.month, as_of.day, 10, 30, tzinfo=SHANGHAI)
    artifacts = SiteArtifacts(
        site_id=site.id,
        home_url=site.home,
        captured_at=captured,
        as_of=as_of,
        scope="newmedia",
        newmedia=NewMediaFacts(registry_url=REGISTRY_URL, accounts=list(accounts), sample=sample),
    )
    judgement = judge(artifacts, as_of)
    bundle = build_bundle(
        site, artifacts, judgement, judgement.findings, started_at=captured, finished_at=captured, as_of=as_of
    )
    target = folder / site_id
    target.mkdir(parents=True, exist_ok=True)
    (target / "bundle.json").write_text(json.dumps(bundle.model_dump(mode="json", by_alias=True)), encoding="utf-8")
    return load_bundle(target)


def rendered(table: Table | None) -> str:
    assert table is not None
    console = Console(record=True, width=200, color_system=None)
    console.print(table)
    return console.export_text()


def body_rows(text: str) -> list[list[str]]:
    """The table's body rows, cell texts stripped (rich's default box draws body cells with │); a folded cell's
    continuation lines (the first column empty) are joined to their row."""
    rows: list[list[str]] = []
    for line in text.splitlines():
        if "│" not in line:
            continue
        cells = [cell.strip() for cell in line.strip().strip("│").split("│")]
        if rows and not cells[0]:
            rows[-1] = [before + after for before, after in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
    return rows


STALE_MIX = (
    ("netease", "上海市场监管", "上海市市场监督管理局"),
    ("wechat", "上海徐汇", "徐汇区人民政府"),
    ("dayu", "浦东发布", "浦东新区人民政府"),
    ("weibo", "上海黄浦", "黄浦区人民政府"),
    ("douyin", "上海静安", "静安区人民政府"),
    ("wechat", "上海长宁", "长宁区人民政府"),
)


@pytest.fixture
def notice_bundle(tmp_path: Path) -> Bundle:
    stale = [facts(platform, name, owner) for platform, name, owner in STALE_MIX]
    fresh = facts("weibo", "上海发布", "上海市人民政府新闻办公室", latest=date(2021, 3, 19))
    review = facts("wechat", "上海杨浦", "杨浦区人民政府", state="login_wall")
    return bundle_of(tmp_path, stale[0], fresh, *stale[1:3], review, *stale[3:])


def test_notice_table_lists_stale_accounts_in_the_notices_platform_order(notice_bundle: Bundle) -> None:
    text = rendered(newmedia_notice_table([notice_bundle]))
    assert "检查发现存在突出问题的政务新媒体名单" in text
    assert body_rows(text) == [
        ["微信", "上海徐汇", "徐汇区人民政府", "监测时间点前2周不更新"],
        ["微信", "上海长宁", "长宁区人民政府", "监测时间点前2周不更新"],
        ["微博", "上海黄浦", "黄浦区人民政府", "监测时间点前2周不更新"],
        ["抖音", "上海静安", "静安区人民政府", "监测时间点前2周不更新"],
        ["大鱼号", "浦东发布", "浦东新区人民政府", "监测时间点前2周不更新"],
        ["网易号", "上海市场监管", "上海市市场监督管理局", "监测时间点前2周不更新"],
    ]
    header = next(line for line in text.splitlines() if "类型" in line)
    assert [cell.strip() for cell in header.strip().strip("┃").split("┃")] == ["类型", "账号名称", "开设主体", "问题"]


def test_notice_table_caption_is_the_notices_wording(notice_bundle: Bundle) -> None:
    text = rendered(newmedia_notice_table([notice_bundle]))
    assert NOTICE_NOTE in text
    # Below the table, not in a row.
    assert text.rstrip().splitlines()[-1].strip() == NOTICE_NOTE


def test_notice_caption_across_new_year(tmp_path: Path) -> None:
    bundle = bundle_of(tmp_path, facts("weibo", "上海黄浦", "黄浦区人民政府"), as_of=date(2021, 1, 5))
    text = rendered(newmedia_notice_table([bundle]))
    assert "注:监测时间点2021年1月5日,时间段为2020年12月23日-1月5日" in text


def test_notice_table_without_stale_accounts_says_so(tmp_path: Path) -> None:
    bundle = bundle_of(tmp_path, facts("weibo", "上海发布", "上海市人民政府新闻办公室", latest=date(2021, 3, 20)))
    text = rendered(newmedia_notice_table([bundle]))
    assert "未发现监测时间点前2周不更新的账号" in text
    assert "上海发布" not in text
    assert NOTICE_NOTE in text


def test_notice_table_of_several_groups_orders_by_platform_across_them(tmp_path: Path) -> None:
    city = bundle_of(tmp_path, facts("douyin", "上海交通", "上海市交通委员会"), site_id="city", name="市级部门")
    districts = bundle_of(tmp_path, facts("wechat", "上海闵行", "闵行区人民政府"), site_id="districts", name="区政府")
    rows = body_rows(rendered(newmedia_notice_table([city, districts])))
    assert [row[:2] for row in rows] == [["微信", "上海闵行"], ["抖音", "上海交通"]]


def test_no_notice_table_without_newmedia_bundles(notice_bundle: Bundle) -> None:
    website = notice_bundle.model_copy(update={"site": notice_bundle.site.model_copy(update={"kind": "portal"})})
    assert newmedia_notice_table([website]) is None
    assert newmedia_groups_table([website]) is None


def test_page_text_with_markup_or_control_characters_is_shown_escaped(tmp_path: Path) -> None:
    bundle = bundle_of(
        tmp_path,
        facts("weibo", "[red]上海黄浦[/red]", "黄浦区\x1b[31m人民政府", text="[bold]通知[/bold]\u202e倒序"),
        name="[blink]上海市[/blink]政务新媒体",
    )
    notice = rendered(newmedia_notice_table([bundle]))
    assert "[red]上海黄浦[/red]" in notice
    assert "黄浦区\\x1b[31m人民政府" in notice
    assert "\x1b" not in notice
    details = rendered(accounts_table(bundle))
    assert "[blink]上海市[/blink]政务新媒体" in details
    assert "[red]上海黄浦[/red]" in details
    assert "[bold]通知[/bold]\\u202e倒序" in details
    assert "\u202e" not in details
    groups = rendered(newmedia_groups_table([bundle]))
    assert "[blink]上海市[/blink]政务新媒体" in groups


def test_groups_table_counts_and_rate(tmp_path: Path) -> None:
    sample = SampleFacts(
        method="all accounts of the groups, then a seeded draw",
        seed=20210321,
        groups=["区政府"],
        share=0.1,
        total=1610,
        in_groups=3,
        drawn=1,
        sampled=4,
    )
    bundle = bundle_of(
        tmp_path,
        facts("weibo", "上海黄浦", "黄浦区人民政府", latest=date(2021, 3, 19)),
        facts("weibo", "上海静安", "静安区人民政府", latest=date(2021, 3, 10)),
        facts("douyin", "上海徐汇", "徐汇区人民政府"),
        facts("wechat", "上海杨浦", "杨浦区人民政府", state="captcha"),
        sample=sample,
    )
    rows = body_rows(rendered(newmedia_groups_table([bundle])))
    assert rows == [["上海市政务新媒体", "1610", "4", "1", "1", "66.7%(2/3)", "种子20210321:区政府全查3个,另抽1个"]]


def test_groups_table_without_sample_or_judged_accounts(tmp_path: Path) -> None:
    bundle = bundle_of(tmp_path, facts("wechat", "上海发布", "上海市人民政府新闻办公室", state="login_wall"))
    rows = body_rows(rendered(newmedia_groups_table([bundle])))
    assert rows == [["上海市政务新媒体", "1", "1", "0", "1", "—", "全部账号"]]


def test_accounts_table_shows_every_account_and_the_doubtful_view_only_those(notice_bundle: Bundle) -> None:
    every = body_rows(rendered(accounts_table(notice_bundle)))
    assert len(every) == 8
    fresh = next(row for row in every if row[1] == "上海发布")
    assert fresh[:7] == ["微博", "上海发布", "上海市人民政府新闻办公室", "2021-03-19", "2021-03-19", "实时页面", "正常"]
    stale = next(row for row in every if row[1] == "上海黄浦")
    assert (stale[3], stale[6]) == ("2021-02-26", "不更新")
    doubtful_text = rendered(accounts_table(notice_bundle, only_doubtful=True))
    assert "需人工核实的政务新媒体账号" in doubtful_text
    assert "(监测时间点 2021-03-21)" in doubtful_text
    doubtful = body_rows(doubtful_text)
    assert [(row[1], row[3], row[6]) for row in doubtful] == [("上海杨浦", "—", "需人工核实")]


def test_print_summary_prints_the_newmedia_tables(tmp_path: Path, notice_bundle: Bundle) -> None:
    console = Console(record=True, width=200, color_system=None)
    print_summary([tmp_path / "shanghai-newmedia"], console)
    text = console.export_text()
    assert "政务新媒体检查汇总" in text
    assert "检查发现存在突出问题的政务新媒体名单" in text
    assert "需人工核实的政务新媒体账号" in text  # one account needs review
    assert NOTICE_NOTE in text
    assert "检查结果汇总" not in text  # no website bundle: no websites' table
