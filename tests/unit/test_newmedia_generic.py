"""The generic reading of account pages whose layout the adapter does not fit, and the blind set's floors.

tests/eval/accounts_set1 was written blind (its author never read the adapters); first contact: state 0.767,
newest date 0.724, no false stale or false fresh. The generic card rule and time-by-look fallback lifted it to
1.000 / 1.000; a reading they make can find an account fresh, never stale (left for review).
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from auditor.computed.account_status import judge_account
from auditor.extract.newmedia import read_account_page
from auditor.extract.post_time import is_time_only
from auditor.model.artifacts import AccountFacts
from auditor.platforms import ADAPTERS
from auditor.platforms.base import host_claimed
from auditor.windows import SHANGHAI

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))

import eval_accounts

REFERENCE = datetime(2021, 3, 21, 16, 0, tzinfo=SHANGHAI)
T, START = date(2021, 3, 21), date(2021, 3, 8)


def _page(cards: str, sidebar: str = "") -> str:
    return (
        "<html><head><title>青溪发布的主页</title></head><body><div class='profile-head'>青溪发布</div>"
        f"<div class='feed-list'>{cards}</div><div class='side-hot'>{sidebar}</div></body></html>"
    )


def _card(title: str, when: str) -> str:
    return f"<div class='cardX'><a href='/a/{abs(hash(title))}'>{title}</a><span class='zz9'>{when}</span></div>"


def _read(html: str, platform: str = "netease"):
    return read_account_page(
        html, ADAPTERS[platform], reference=REFERENCE, page_id="p", base_url="https://www.163.com/"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3天前", True),
        ("昨天 18:02", True),
        ("2021-03-19 10:20", True),
        ("03-19", True),
        ("发布于 5小时前", True),
        ("3月5日 青溪区召开春耕会", False),  # a title that starts with a date
        ("03:25", False),  # a video's duration looks like a clock
        ("阅读 1.2万", False),
        ("", False),
    ],
)
def test_time_only_labels(text: str, expected: bool) -> None:
    assert is_time_only(text) is expected


def test_cards_of_an_unknown_layout_are_read_by_their_shape_but_never_the_sidebar() -> None:
    cards = _card("青溪区召开春耕动员会", "2021-02-01 10:00") + _card("青溪区开展普法宣传", "2021-01-20 09:00")
    sidebar = _card("热门:春季赏花", "2小时前") * 3
    reading = _read(_page(cards, sidebar))
    assert reading.state == "posts"
    assert reading.generic
    assert [p.latest for p in reading.posts] == [date(2021, 2, 1), date(2021, 1, 20)]


def test_a_generic_reading_finds_fresh_but_never_stale() -> None:
    old = _read(_page(_card("旧闻一", "2021-02-01") + _card("旧闻二", "2021-01-20")))
    fresh = _read(_page(_card("新闻一", "昨天 18:02") + _card("旧闻二", "2021-01-20")))

    def status(reading) -> str:
        facts = AccountFacts(
            platform="netease",
            name="青溪发布",
            state=reading.state,
            posts=reading.posts,
            posts_generic=reading.generic,
            reference_time=REFERENCE,
        )
        return judge_account(facts, T, START).status

    assert status(fresh) == "fresh"
    assert status(old) == "needs_review"


def test_one_card_is_not_a_list() -> None:
    assert _read(_page(_card("唯一一条", "2021-02-01"))).state == "unknown"


def test_blind_account_pages_floors() -> None:
    (cases,) = eval_accounts.load_sets("accounts_set1").values()
    summary = eval_accounts.score("accounts_set1", cases)
    # The product's bars: never a false 不更新, never a stale account passed as fresh, and the state read right.
    assert summary["false_stale"] == 0, summary["false_stale_cases"]
    assert summary["false_fresh"] == 0, summary["false_fresh_cases"]
    assert summary["stale_on_unjudgeable"] == 0
    assert summary["fresh_on_unjudgeable"] == 0
    assert summary["state_accuracy"] >= 0.95, summary["wrong"]
    assert summary["newest_accuracy"] >= 0.95, summary["wrong"]


def test_a_groups_scope_admits_its_platforms_asset_hosts_and_nothing_else() -> None:
    assert host_claimed("tvax1.sinaimg.cn", {"weibo"})
    assert host_claimed("passport.weibo.com", {"weibo"})
    assert not host_claimed("tvax1.sinaimg.cn", {"douyin"})  # another platform's CDN
    assert not host_claimed("sinaimg.cn.example.com", {"weibo"})
    assert not host_claimed("www.example.com", {"weibo", "douyin", "wechat"})
