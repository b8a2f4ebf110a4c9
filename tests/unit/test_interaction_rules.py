"""互动回应差 ①② and 服务不实用 ①: the computed statuses (window edges) and the three rules, on hand-made artifacts."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from auditor.computed.interaction_status import judge_board, reply_deadline
from auditor.judge import judge
from auditor.model.artifacts import (
    BoardFacts,
    BoardMessage,
    ColumnFacts,
    EntryLink,
    GuideFacts,
    InteractionFacts,
    NodeRef,
    PageFacts,
    Rect,
    ServiceFacts,
    SiteArtifacts,
)
from auditor.model.indicators import Window
from auditor.settings import default_indicators

T = date(2021, 3, 21)
HOME = "http://qx.example/"
BOARD_URL = f"{HOME}hdjl/zxly/"
SHANGHAI = timezone(timedelta(hours=8))
SETTINGS = default_indicators()


def msg(title: str, asked: date | None, answered: date | None = None, **kw) -> BoardMessage:
    base = {
        "title": title,
        "url": f"{BOARD_URL}{abs(hash(title)) % 1000}.html",
        "asked": asked,
        "answered": answered,
        "asked_label": "留言时间" if asked else None,
        "answered_label": "回复时间" if answered else None,
        "replied": True if answered else None,
        "page_url": BOARD_URL,
    }
    base.update(kw)
    return BoardMessage(**base)


def board(*messages: BoardMessage, **kw) -> BoardFacts:
    base = {
        "name": "区长信箱",
        "url": BOARD_URL,
        "kind": "consultation",
        "page": PageFacts(id="board-1", url=BOARD_URL, fetched_by="http", kind="list", status=200),
        "messages": list(messages),
        "pages_read": 1,
    }
    base.update(kw)
    return BoardFacts(**base)


def entry(text: str, reachable: bool | None = True, kind: str = "consultation") -> EntryLink:
    return EntryLink(text=text, url=f"{HOME}{text}/", why=text, reachable=reachable, kind=kind)


def artifacts(**kw) -> SiteArtifacts:
    base = {
        "site_id": "qx",
        "home_url": HOME,
        "captured_at": datetime(2021, 3, 21, 9, tzinfo=SHANGHAI),
        "as_of": T,
        "home": PageFacts(id="home", url=HOME, fetched_by="browser", kind="hub", status=200),
        "columns": [ColumnFacts(name="工作动态", url=f"{HOME}gzdt/")],
        "interaction": InteractionFacts(entries=[entry("区长信箱")]),
        "services": ServiceFacts(entries=[entry("办事服务", kind="service")]),
    }
    base.update(kw)
    return SiteArtifacts(**base)


def findings(site: SiteArtifacts, code: str) -> list:
    return [f for f in judge(site, T).findings if f.code == code]


def verdicts(site: SiteArtifacts, code: str) -> list[str]:
    return [f.severity for f in judge(site, T).findings if f.code == code]


# ---------------------------------------------------------------- computed


LIMIT = Window(amount=3, unit="months")


def test_reply_deadline_is_three_calendar_months_with_month_end_clamping():
    assert reply_deadline(date(2020, 6, 10), LIMIT) == date(2020, 9, 10)
    assert reply_deadline(date(2020, 11, 30), LIMIT) == date(2021, 2, 28)
    assert reply_deadline(date(2020, 6, 10), LIMIT, "days") == date(2020, 9, 8)


def verdict_of(m: BoardMessage) -> str:
    (judged,) = judge_board(board(m), T, SETTINGS).messages
    return judged.verdict


def test_a_reply_exactly_three_months_later_is_on_time_a_day_later_is_late():
    assert verdict_of(msg("a", date(2020, 6, 10), date(2020, 9, 10))) == "ok"
    assert verdict_of(msg("b", date(2020, 6, 10), date(2020, 9, 11))) == "late"


def test_the_look_back_starts_the_day_after_one_year_before_t():
    assert verdict_of(msg("c", date(2020, 3, 21), date(2020, 12, 1))) == "outside"
    assert verdict_of(msg("d", date(2020, 3, 22), date(2020, 12, 1))) == "late"
    assert verdict_of(msg("e", date(2021, 3, 22), replied=False)) == "outside"  # after T


def test_unanswered_needs_t_past_the_deadline_and_a_shown_state():
    assert verdict_of(msg("f", date(2020, 12, 21), replied=False, state_text="未回复")) == "ok"  # T == deadline
    assert verdict_of(msg("g", date(2020, 12, 20), replied=False, state_text="未回复")) == "unanswered"
    assert verdict_of(msg("h", date(2020, 6, 1))) == "unknown"  # no reply info at all
    assert verdict_of(msg("i", date(2020, 6, 1), replied=True)) == "unknown"  # replied, date not shown


def test_invalid_messages_are_not_judged():
    assert verdict_of(msg("重复留言", date(2020, 6, 1), replied=False, state_text="未回复")) == "invalid"
    assert verdict_of(msg("", date(2020, 6, 1), replied=False, state_text="未回复")) == "invalid"


def test_board_statuses_say_what_could_be_observed():
    only_answered = judge_board(board(msg("a", date(2020, 6, 10), date(2020, 7, 1))), T, SETTINGS)
    assert only_answered.status == "ok"
    assert "仅公开已回复留言" in (only_answered.reason_zh or "")
    assert judge_board(board(msg("h", date(2020, 6, 1))), T, SETTINGS).status == "not_observable"
    assert judge_board(board(), T, SETTINGS).status == "not_observable"
    assert judge_board(board(kind="excluded"), T, SETTINGS).status == "excluded"


# ---------------------------------------------------------------- interaction_unanswered


def test_unanswered_pass_when_every_message_is_on_time():
    site = artifacts(
        interaction=InteractionFacts(
            entries=[entry("区长信箱")], boards=[board(msg("a", date(2020, 6, 10), date(2020, 7, 1)))]
        )
    )
    judgement = judge(site, T)
    assert judgement.rules["interaction_unanswered"].outcome == "pass"


def test_unanswered_fail_one_finding_per_board_with_both_kinds_and_the_veto():
    rect = Rect(x=10, y=100, width=800, height=30)
    late = msg(
        "停车难",
        date(2020, 5, 6),
        date(2020, 9, 15),
        node=NodeRef(page_id="board-1", selector="tr:nth-of-type(2)", rect=rect),
    )
    open_ = msg("公租房", date(2020, 10, 8), replied=False, state_text="办理中")
    site = artifacts(
        interaction=InteractionFacts(
            entries=[entry("区长信箱")], boards=[board(late, open_, msg("ok", date(2021, 3, 1)))]
        )
    )
    judgement = judge(site, T)
    (finding,) = [f for f in judgement.findings if f.code == "interaction_unanswered"]
    assert finding.severity == "veto"
    assert finding.target.url == BOARD_URL
    assert finding.target.page_id == "board-1"
    assert [(m["title"], m["verdict"], m["days"]) for m in finding.observed["messages"]] == [
        ("停车难", "late", 132),
        ("公租房", "unanswered", 164),
    ]
    assert "interaction_unanswered" in [v.code for v in judgement.verdict.vetoes]


def test_unanswered_needs_review_when_dates_were_not_labelled():
    late = msg("停车难", date(2020, 5, 6), date(2020, 9, 15), answered_label=None)
    site = artifacts(interaction=InteractionFacts(entries=[entry("区长信箱")], boards=[board(late)]))
    judgement = judge(site, T)
    assert verdicts(site, "interaction_unanswered") == ["needs_review"]
    assert "interaction_unanswered" not in [v.code for v in judgement.verdict.vetoes]


def test_unanswered_not_applicable_without_boards_or_when_nothing_is_observable():
    assert judge(artifacts(), T).rules["interaction_unanswered"].outcome == "not_applicable"
    unread = artifacts(
        interaction=InteractionFacts(entries=[entry("区长信箱")], boards=[board(msg("h", date(2020, 6, 1)))])
    )
    assert judge(unread, T).rules["interaction_unanswered"].outcome == "not_applicable"
    excluded = artifacts(
        interaction=InteractionFacts(
            boards=[board(msg("访谈", date(2020, 5, 6), date(2020, 12, 15)), kind="excluded", name="在线访谈")]
        )
    )
    assert findings(excluded, "interaction_unanswered") == []


# ---------------------------------------------------------------- interaction_no_channel / service_none


@pytest.mark.parametrize("code", ["interaction_no_channel", "service_none"])
def test_entries_that_answer_pass(code):
    assert judge(artifacts(), T).rules[code].outcome == "pass"


def test_no_channel_fails_on_a_read_home_with_columns_and_vetoes():
    area = NodeRef(page_id="home", selector="div.nav")
    site = artifacts(interaction=InteractionFacts(excluded=[entry("在线访谈", kind="excluded")], area=area))
    judgement = judge(site, T)
    (finding,) = [f for f in judgement.findings if f.code == "interaction_no_channel"]
    assert (finding.severity, finding.target.url, finding.target.selector) == ("veto", HOME, "div.nav")
    assert "在线访谈" in finding.message_zh


def test_no_channel_needs_review_when_entries_do_not_answer_or_columns_are_missing():
    assert verdicts(
        artifacts(interaction=InteractionFacts(entries=[entry("区长信箱", reachable=False)])), "interaction_no_channel"
    ) == ["needs_review"]
    assert verdicts(
        artifacts(interaction=InteractionFacts(entries=[entry("区长信箱", reachable=None)])), "interaction_no_channel"
    ) == ["needs_review"]
    assert verdicts(artifacts(columns=[], interaction=InteractionFacts()), "interaction_no_channel") == ["needs_review"]
    hub_failed = artifacts(interaction=InteractionFacts(hubs_unread=[f"{HOME}hdjl/"]))
    assert verdicts(hub_failed, "interaction_no_channel") == ["needs_review"]


@pytest.mark.parametrize("code", ["interaction_no_channel", "service_none"])
def test_an_unreadable_home_page_makes_the_rule_not_applicable(code):
    home = PageFacts(id="home", url=HOME, fetched_by="browser", kind="error", error="timeout")
    site = artifacts(home=home, interaction=InteractionFacts(), services=ServiceFacts())
    assert judge(site, T).rules[code].outcome == "not_applicable"


def test_service_none_fails_without_entries_and_passes_with_a_read_guide():
    site = artifacts(services=ServiceFacts())
    assert verdicts(site, "service_none") == ["veto"]
    guide = GuideFacts(
        url=f"{HOME}bszn/1.html",
        page=PageFacts(id="g", url=f"{HOME}bszn/1.html", fetched_by="http", kind="content", status=200),
    )
    assert verdicts(artifacts(services=ServiceFacts(), guides=[guide]), "service_none") == []


def test_service_none_needs_review_when_the_entry_does_not_answer():
    site = artifacts(services=ServiceFacts(entries=[entry("政务服务网", reachable=False, kind="portal")]))
    assert verdicts(site, "service_none") == ["needs_review"]
