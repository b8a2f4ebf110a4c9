"""One new-media account against the 2-week rule (indicators.md §12), judged from hand-built facts.

The notice: 监测时间点2021年3月21日, 时间段为3月8日-3月21日. The newest post that is not pinned decides; a post time
is an interval (2周前 is a week-long span), so an account is fresh, stale, or needs_review — never stale on doubt.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from auditor.computed.account_status import STATE_REASON_ZH, JudgedAccount, compute, judge_account
from auditor.model.artifacts import (
    AccountFacts,
    AccountPageState,
    ManualEntry,
    NewMediaFacts,
    PostSeen,
    SiteArtifacts,
)
from auditor.settings import default_indicators

SHANGHAI = ZoneInfo("Asia/Shanghai")
T = date(2021, 3, 21)
START = date(2021, 3, 8)  # 3月8日: T − 13
CAPTURED = datetime(2021, 3, 21, 10, 30, tzinfo=SHANGHAI)


def post(
    earliest: date | None,
    latest: date | None = None,
    *,
    text: str = "上海黄浦区召开2021年优化营商环境推进会",
    time_text: str | None = None,
    pinned: bool = False,
) -> PostSeen:
    """A post shown at one date (latest omitted), over a span, or undated (earliest None)."""
    latest = earliest if latest is None else latest
    shown = time_text if time_text is not None else (earliest.isoformat() if earliest else "")
    return PostSeen(text=text, time_text=shown, earliest=earliest, latest=latest, pinned=pinned)


def account(
    *posts: PostSeen,
    state: AccountPageState = "posts",
    manual: ManualEntry | None = None,
    reference: datetime | None = CAPTURED,
    state_evidence: str | None = None,
    error: str | None = None,
) -> AccountFacts:
    return AccountFacts(
        platform="weibo",
        name="上海黄浦",
        owner="黄浦区人民政府",
        group="区政府",
        url="https://weibo.com/shhuangpu",
        listed_in="csv",
        adapter="weibo",
        state=state,
        state_evidence=state_evidence,
        posts=list(posts),
        captured_at=reference,
        reference_time=reference,
        manual=manual,
        error=error,
    )


def manual_entry(day: date, *, text: str = "", checked_by: str = "张敏") -> ManualEntry:
    return ManualEntry(
        latest_post=day,
        latest_post_text=text,
        checked_by=checked_by,
        checked_at=date(2021, 3, 22),
        note="微信公众号历史消息",
        source_file="manual.csv:2",
    )


def judged(facts: AccountFacts) -> JudgedAccount:
    return judge_account(facts, T, START)


# ---------------------------------------------------------------------------------------------- posts


def test_fresh_post_in_the_window() -> None:
    newest = post(date(2021, 3, 19), time_text="3月19日 18:02")
    result = judged(account(newest, post(date(2021, 3, 2))))
    assert result.status == "fresh"
    assert (result.latest_post, result.latest_post_earliest, result.latest_post_text) == (
        date(2021, 3, 19),
        date(2021, 3, 19),
        "3月19日 18:02",
    )
    assert (result.source, result.newest, result.stale_basis, result.window_start) == ("live", newest, None, START)
    assert "2021-03-08至2021-03-21" in result.reason


def test_newest_post_before_the_window_is_stale() -> None:
    newest = post(date(2021, 3, 5), time_text="03-05")
    result = judged(account(post(date(2021, 2, 20)), newest, post(date(2021, 1, 4))))
    assert result.status == "stale"
    assert result.stale_basis == "posts"
    assert (result.latest_post, result.newest, result.source) == (date(2021, 3, 5), newest, "live")
    assert "内无更新" in result.reason
    assert "03-05" in result.reason


def test_pinned_old_post_above_a_fresh_one_is_fresh() -> None:
    pinned = post(date(2020, 12, 1), pinned=True, text="【置顶】黄浦区政务服务指南")
    fresh = post(date(2021, 3, 15))
    result = judged(account(pinned, fresh, post(date(2021, 3, 1))))
    assert result.status == "fresh"
    assert result.newest == fresh


def test_pinned_fresh_post_never_counts() -> None:
    result = judged(account(post(date(2021, 3, 20), pinned=True), post(date(2021, 2, 26)), post(date(2021, 2, 1))))
    assert result.status == "stale"
    assert result.latest_post == date(2021, 2, 26)
    assert result.stale_basis == "posts"


def test_only_pinned_posts_need_review() -> None:
    result = judged(account(post(date(2021, 1, 1), pinned=True), post(date(2020, 6, 1), pinned=True)))
    assert result.status == "needs_review"
    assert "置顶" in result.reason
    assert result.latest_post is None


def test_no_posts_at_all_on_a_posts_page_needs_review() -> None:
    assert judged(account()).status == "needs_review"


def test_span_straddling_the_window_start_needs_review() -> None:
    # 2周前 seen on 2021-03-25 is 3月5日–3月11日: maybe inside the window, maybe before it.
    reference = datetime(2021, 3, 25, 9, 0, tzinfo=SHANGHAI)
    span = post(date(2021, 3, 5), date(2021, 3, 11), time_text="2周前")
    result = judged(account(span, post(date(2021, 2, 1)), reference=reference))
    assert result.status == "needs_review"
    assert "2周前" in result.reason
    assert (result.latest_post_earliest, result.latest_post) == (date(2021, 3, 5), date(2021, 3, 11))


def test_span_wholly_before_the_window_is_stale() -> None:
    # 2周前 seen on T itself: 3月1日–3月7日, every day of it before 3月8日.
    result = judged(account(post(date(2021, 3, 1), date(2021, 3, 7), time_text="2周前")))
    assert result.status == "stale"


def test_span_wholly_inside_the_window_is_fresh() -> None:
    result = judged(account(post(date(2021, 3, 8), date(2021, 3, 14), time_text="1周前")))
    assert result.status == "fresh"


def test_undated_post_with_older_ones_needs_review() -> None:
    result = judged(account(post(None, time_text="阅读 1.2万"), post(date(2021, 2, 10))))
    assert result.status == "needs_review"
    assert "1条内容未读到发布时间" in result.reason


def test_undated_post_does_not_spoil_a_fresh_one() -> None:
    assert judged(account(post(None, time_text=""), post(date(2021, 3, 20)))).status == "fresh"


def test_posts_all_after_t_need_review() -> None:
    reference = datetime(2021, 4, 20, 9, 0, tzinfo=SHANGHAI)
    result = judged(account(post(date(2021, 4, 18)), post(date(2021, 4, 2)), reference=reference))
    assert result.status == "needs_review"
    assert "2条内容均发布于监测时间点之后" in result.reason


def test_posts_after_t_are_ignored_when_older_ones_show_the_window() -> None:
    reference = datetime(2021, 4, 20, 9, 0, tzinfo=SHANGHAI)
    stale = judged(account(post(date(2021, 4, 18)), post(date(2021, 3, 1)), reference=reference))
    assert stale.status == "stale"
    assert stale.latest_post == date(2021, 3, 1)
    fresh = judged(account(post(date(2021, 4, 18)), post(date(2021, 3, 10)), reference=reference))
    assert fresh.status == "fresh"
    assert fresh.latest_post == date(2021, 3, 10)


def test_page_captured_before_t_needs_review() -> None:
    reference = datetime(2021, 3, 19, 23, 0, tzinfo=SHANGHAI)
    result = judged(account(post(date(2021, 2, 20)), reference=reference))
    assert result.status == "needs_review"
    assert "早于监测时间点" in result.reason


def test_page_captured_before_t_with_a_post_in_the_window_is_fresh() -> None:
    reference = datetime(2021, 3, 19, 23, 0, tzinfo=SHANGHAI)
    assert judged(account(post(date(2021, 3, 12)), reference=reference)).status == "fresh"


@pytest.mark.parametrize("state", ["login_wall", "captcha", "deleted", "no_posts", "unknown", "error", "not_read"])
def test_pages_not_judged_by_posts_need_review_never_stale(state: AccountPageState) -> None:
    # Even with old posts recorded (a captcha over a cached layout): the state decides, not those posts.
    result = judged(account(post(date(2020, 1, 1)), state=state, state_evidence="请登录后查看"))
    assert result.status == "needs_review"
    assert result.stale_basis is None
    assert result.reason.startswith(STATE_REASON_ZH[state])
    assert "请登录后查看" in result.reason


def test_error_page_reason_names_the_error() -> None:
    result = judged(account(state="error", error="net::ERR_CONNECTION_RESET"))
    assert result.status == "needs_review"
    assert "net::ERR_CONNECTION_RESET" in result.reason


# ---------------------------------------------------------------------------------------------- manual dates


def test_login_wall_with_manual_date_in_the_window_is_fresh_from_manual() -> None:
    result = judged(account(state="login_wall", manual=manual_entry(date(2021, 3, 19), text="3月19日")))
    assert result.status == "fresh"
    assert (result.source, result.latest_post, result.latest_post_text) == ("manual", date(2021, 3, 19), "3月19日")
    assert result.newest is None
    assert "manual.csv:2" in result.reason


def test_login_wall_with_old_manual_date_is_stale_on_the_manual_record() -> None:
    result = judged(account(state="login_wall", manual=manual_entry(date(2021, 2, 26))))
    assert result.status == "stale"
    assert result.stale_basis == "manual"
    assert (result.source, result.latest_post, result.latest_post_text) == ("manual", date(2021, 2, 26), "2021-02-26")
    assert "人工核查最新发布于2021-02-26" in result.reason
    assert "张敏" in result.reason
    assert STATE_REASON_ZH["login_wall"] in result.reason


def test_stale_posts_but_fresh_manual_date_is_fresh_from_manual() -> None:
    result = judged(account(post(date(2021, 2, 1)), manual=manual_entry(date(2021, 3, 12))))
    assert result.status == "fresh"
    assert (result.source, result.latest_post) == ("manual", date(2021, 3, 12))


def test_fresh_posts_and_an_older_manual_date_keep_the_live_source() -> None:
    result = judged(account(post(date(2021, 3, 18)), manual=manual_entry(date(2021, 3, 9))))
    assert result.status == "fresh"
    assert (result.source, result.latest_post) == ("live", date(2021, 3, 18))


def test_stale_posts_and_an_older_manual_date_stay_stale_on_the_posts() -> None:
    result = judged(account(post(date(2021, 3, 1)), manual=manual_entry(date(2021, 2, 10))))
    assert result.status == "stale"
    assert (result.stale_basis, result.source, result.latest_post) == ("posts", "live", date(2021, 3, 1))


def test_manual_date_after_t_does_not_make_an_unread_page_stale() -> None:
    # The inspector saw a post from after T: nothing is known about the window.
    result = judged(account(state="login_wall", manual=manual_entry(date(2021, 3, 23))))
    assert result.status == "needs_review"


# ---------------------------------------------------------------------------------------------- boundaries


def test_post_exactly_on_the_window_start_is_fresh_and_a_day_before_is_stale() -> None:
    assert judged(account(post(START))).status == "fresh"
    assert judged(account(post(START - timedelta(days=1)))).status == "stale"
    assert judged(account(post(T))).status == "fresh"


def test_manual_date_boundaries() -> None:
    assert judged(account(state="login_wall", manual=manual_entry(START))).status == "fresh"
    assert judged(account(state="login_wall", manual=manual_entry(T))).status == "fresh"
    assert judged(account(state="login_wall", manual=manual_entry(date(2021, 3, 7)))).status == "stale"


def test_compute_uses_the_indicator_table_window() -> None:
    facts = NewMediaFacts(accounts=[account(post(START)), account(post(date(2021, 3, 7)))])
    artifacts = SiteArtifacts(
        site_id="shanghai-newmedia",
        home_url="https://www.shanghai.gov.cn/nw12344/index.html",
        captured_at=CAPTURED,
        as_of=T,
        scope="newmedia",
        newmedia=facts,
    )
    results = compute(artifacts, T, default_indicators())
    assert [r.window_start for r in results] == [START, START]
    assert [r.status for r in results] == ["fresh", "stale"]


# ---------------------------------------------------------------------------------------------- known bugs


def test_span_straddling_t_itself_is_not_certainly_fresh() -> None:
    reference = datetime(2021, 3, 29, 9, 0, tzinfo=SHANGHAI)
    span = post(date(2021, 3, 16), date(2021, 3, 22), time_text="1周前")
    result = judged(account(span, post(date(2021, 2, 1)), reference=reference))
    assert result.status == "needs_review"


def test_vague_post_does_not_hide_a_certainly_fresh_one() -> None:
    vague = post(date(2021, 3, 1), date(2021, 3, 15), time_text="2021年3月上半月")
    exact = post(date(2021, 3, 10))
    assert judged(account(vague, exact)).status == "fresh"
