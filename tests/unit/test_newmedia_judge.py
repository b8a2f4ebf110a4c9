"""Judging a group of new-media accounts end to end, without a browser: artifacts → findings, rows, 合格率, verdict.

Only the new-media rule runs on a new-media bundle; a stale account is a veto (its own 不合格), an account the
auditor cannot be sure of is needs_review and counted apart from the 合格率 (indicators.md §4, §12).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from auditor.judge import Judgement, judge
from auditor.model.artifacts import (
    AccountFacts,
    AccountPageState,
    ManualEntry,
    NewMediaFacts,
    PageFacts,
    PostSeen,
    SiteArtifacts,
)
from auditor.rules import REGISTRY

SHANGHAI = ZoneInfo("Asia/Shanghai")
T = date(2021, 3, 21)
CAPTURED = datetime(2021, 3, 21, 10, 30, tzinfo=SHANGHAI)
REGISTRY_URL = "https://www.shanghai.gov.cn/nw12344/index.html"

FRESH = date(2021, 3, 19)
OLD = date(2021, 2, 26)


def facts(
    name: str,
    *,
    platform: str = "weibo",
    latest: date = FRESH,
    state: AccountPageState = "posts",
    url: str | None = "",
    manual: ManualEntry | None = None,
) -> AccountFacts:
    """An account whose page showed one post on `latest` (state posts), or a page of another state.

    `url` "" (the default) is a profile URL made from the name; None is an account the registry gives no URL."""
    posts = [PostSeen(text="区政府常务会议召开", time_text=latest.isoformat(), earliest=latest, latest=latest)]
    return AccountFacts(
        platform=platform,
        name=name,
        owner=f"{name}开设单位",
        group="区政府",
        url=f"https://weibo.com/u/{hashlib.sha256(name.encode()).hexdigest()[:10]}" if url == "" else url,
        state=state,
        posts=posts if state == "posts" else [],
        captured_at=CAPTURED,
        reference_time=CAPTURED,
        manual=manual,
    )


def newmedia(*accounts: AccountFacts, unavailable: dict[str, str] | None = None) -> SiteArtifacts:
    return SiteArtifacts(
        site_id="shanghai-newmedia",
        home_url=REGISTRY_URL,
        captured_at=CAPTURED,
        as_of=T,
        scope="newmedia",
        newmedia=NewMediaFacts(registry_url=REGISTRY_URL, accounts=list(accounts)),
        unavailable=unavailable or {},
    )


def mixed() -> Judgement:
    return judge(
        newmedia(
            facts("上海黄浦", url="https://weibo.com/shhuangpu"),
            facts("上海静安", platform="douyin", latest=OLD, url="https://www.douyin.com/user/jingan"),
            facts("上海发布", platform="wechat", state="login_wall", url="https://mp.weixin.qq.com/s/shanghaifabu"),
        ),
        T,
    )


def test_only_the_newmedia_rule_runs() -> None:
    judgement = mixed()
    assert set(judgement.rules) == {"newmedia_stale"}
    assert {f.code for f in judgement.findings} == {"newmedia_stale"}
    assert judgement.rules["newmedia_stale"].outcome == "fail"
    assert judgement.columns == ()


def test_website_artifacts_get_no_newmedia_rule() -> None:
    website = SiteArtifacts(
        site_id="qingxi", home_url="http://www.qingxi.gov.cn/portal/", captured_at=CAPTURED, as_of=T
    )
    judgement = judge(website, T)
    assert "newmedia_stale" not in judgement.rules
    assert "homepage_stale" in judgement.rules
    assert judgement.accounts == ()
    assert judgement.accounts_rate is None


def test_finding_severities_follow_the_account_status() -> None:
    judgement = mixed()
    by_url = {f.target.url: f for f in judgement.findings}
    assert set(by_url) == {"https://www.douyin.com/user/jingan", "https://mp.weixin.qq.com/s/shanghaifabu"}
    stale = by_url["https://www.douyin.com/user/jingan"]
    review = by_url["https://mp.weixin.qq.com/s/shanghaifabu"]
    assert stale.severity == "veto"
    assert review.severity == "needs_review"
    assert stale.target.column == "抖音 上海静安"
    assert stale.observed["latest_post"] == "2021-02-26"
    assert stale.observed["window_start"] == "2021-03-08"
    assert stale.observed["stale_basis"] == "posts"
    assert stale.message_zh.startswith("上海静安(抖音):")
    assert review.observed["state"] == "login_wall"
    # Vetoes come first: severity order, then code, then URL.
    assert [f.severity for f in judgement.findings] == ["veto", "needs_review"]


def test_account_rows() -> None:
    judgement = mixed()
    findings = {f.target.url: f.id for f in judgement.findings}
    rows = [
        (a.platform, a.platform_zh, a.name, a.status, a.qualified, a.latest_post, a.source, a.state, a.finding)
        for a in judgement.accounts
    ]
    assert rows == [
        ("weibo", "微博", "上海黄浦", "fresh", True, FRESH, "live", "posts", None),
        (
            "douyin",
            "抖音",
            "上海静安",
            "stale",
            False,
            OLD,
            "live",
            "posts",
            findings["https://www.douyin.com/user/jingan"],
        ),
        (
            "wechat",
            "微信",
            "上海发布",
            "needs_review",
            None,
            None,
            "live",
            "login_wall",
            findings["https://mp.weixin.qq.com/s/shanghaifabu"],
        ),
    ]
    first = judgement.accounts[0]
    assert (first.owner, first.group, first.url) == ("上海黄浦开设单位", "区政府", "https://weibo.com/shhuangpu")
    assert first.captured_at == CAPTURED
    assert "监测时间段" in first.reason


def test_manual_source_reaches_the_row() -> None:
    manual = ManualEntry(latest_post=date(2021, 3, 15), checked_by="张敏", source_file="manual.csv:2")
    judgement = judge(newmedia(facts("上海发布", platform="wechat", state="login_wall", manual=manual)), T)
    (row,) = judgement.accounts
    assert (row.status, row.qualified, row.source, row.latest_post) == ("fresh", True, "manual", date(2021, 3, 15))
    assert judgement.findings == []


def test_mixed_group_verdict_is_not_qualified_with_one_veto_per_stale_account() -> None:
    judgement = judge(
        newmedia(facts("上海黄浦"), facts("上海静安", latest=OLD), facts("上海徐汇", latest=OLD), facts("上海长宁")), T
    )
    verdict = judgement.verdict
    assert verdict.qualified is False
    assert verdict.score is None  # the 100-point table is the websites'
    (veto,) = verdict.vetoes
    assert (veto.code, veto.count, veto.threshold) == ("newmedia_stale", 2, 1)
    assert sorted(veto.findings) == sorted(f.id for f in judgement.findings)
    assert "2个监测时间点前2周不更新" in verdict.note_zh
    assert "共检查4个账号" in verdict.note_zh


def test_verdict_qualified_with_fresh_and_doubtful_accounts() -> None:
    judgement = judge(newmedia(facts("上海黄浦"), facts("上海发布", state="captcha")), T)
    assert judgement.verdict.qualified is True
    assert judgement.verdict.vetoes == []
    assert judgement.rules["newmedia_stale"].outcome == "needs_review"


def test_verdict_unassessable_when_every_account_needs_review() -> None:
    judgement = judge(newmedia(facts("上海发布", state="login_wall"), facts("上海黄浦", state="deleted")), T)
    assert judgement.verdict.qualified is None
    assert judgement.accounts_rate is not None
    assert (judgement.accounts_rate.judged, judgement.accounts_rate.needs_review) == (0, 2)
    assert judgement.accounts_rate.rate_pct is None


def test_verdict_unassessable_without_accounts() -> None:
    judgement = judge(newmedia(), T)
    assert judgement.verdict.qualified is None
    assert "账号清单为空" in judgement.verdict.note_zh
    assert judgement.accounts == ()


def test_verdict_says_why_the_registry_could_not_be_read() -> None:
    artifacts = newmedia(unavailable={"newmedia": "名录页面无法打开"})
    judgement = judge(artifacts, T)
    assert judgement.verdict.qualified is None
    assert "名录页面无法打开" in judgement.verdict.note_zh
    assert judgement.rules["newmedia_stale"].outcome == "error"


def test_all_fresh_passes() -> None:
    judgement = judge(newmedia(facts("上海黄浦"), facts("上海静安")), T)
    assert judgement.verdict.qualified is True
    assert judgement.findings == []
    assert judgement.rules["newmedia_stale"].outcome == "pass"
    assert judgement.accounts_rate is not None
    assert judgement.accounts_rate.rate_pct == "100.0"


def _group(fresh: int, stale: int, review: int = 0) -> SiteArtifacts:
    accounts = [facts(f"新鲜账号{i}") for i in range(fresh)]
    accounts += [facts(f"停更账号{i}", latest=OLD) for i in range(stale)]
    accounts += [facts(f"待核账号{i}", state="unknown") for i in range(review)]
    return newmedia(*accounts)


@pytest.mark.parametrize(
    ("fresh", "stale", "review", "pct"),
    [
        (104, 36, 5, "74.3"),  # indicators.md §4: 104 of 140; the 5 in review are not in the base
        (1, 15, 0, "6.3"),  # 6.25: half up, not half even (6.2)
        (2, 1, 0, "66.7"),
        (0, 3, 1, "0.0"),
    ],
)
def test_accounts_rate(fresh: int, stale: int, review: int, pct: str) -> None:
    rate = judge(_group(fresh, stale, review), T).accounts_rate
    assert rate is not None
    assert (rate.qualified, rate.judged, rate.needs_review, rate.rate_pct) == (fresh, fresh + stale, review, pct)


def test_rejudging_at_a_later_point_uses_that_window() -> None:
    artifacts = newmedia(facts("上海黄浦", latest=date(2021, 3, 10)))
    assert judge(artifacts, T).accounts[0].status == "fresh"
    # At 2021-04-10 the window is 3月28日–4月10日, and the page was captured before it: never stale on that.
    later = judge(artifacts, date(2021, 4, 10)).accounts[0]
    assert later.status == "needs_review"


def test_finding_points_at_the_page_screenshot_when_no_post_was_outlined() -> None:
    page = PageFacts(id="nm-1", url="https://mp.weixin.qq.com/s/shanghaifabu", fetched_by="browser", kind="content")
    account = facts("上海发布", platform="wechat", state="login_wall", url="https://mp.weixin.qq.com/s/shanghaifabu")
    account = account.model_copy(update={"page": page})
    (finding,) = judge(newmedia(account), T).findings
    assert finding.target.page_id == "nm-1"


def test_accounts_without_url_are_named_by_platform_and_name() -> None:
    judgement = judge(newmedia(facts("浦东发布", url=None, latest=OLD)), T)
    (finding,) = judgement.findings
    assert finding.target.url == "newmedia://weibo/%E6%B5%A6%E4%B8%9C%E5%8F%91%E5%B8%83"
    assert judgement.accounts[0].finding == finding.id
    assert judgement.accounts[0].qualified is False


def test_every_rule_of_the_newmedia_scope_is_registered() -> None:
    # If another new-media rule is added, the scope test above must learn about it.
    assert {code for code, rule in REGISTRY.items() if rule.meta.scope == "newmedia"} == {"newmedia_stale"}


def test_accounts_without_url_get_distinct_finding_ids() -> None:
    judgement = judge(newmedia(facts("浦东发布", url=None, latest=OLD), facts("上海徐汇", url=None, latest=OLD)), T)
    ids = [f.id for f in judgement.findings]
    assert len(ids) == 2
    assert len(set(ids)) == 2
