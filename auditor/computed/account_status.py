"""Each new-media account judged against the 2-week rule (indicators.md §12): fresh, stale, or needs_review.

The newest post that is not pinned (置顶) decides. Post times are intervals (3天前 is one day, 2周前 a week-long
span), so the judgement is three-valued: a post certainly inside the window [T−13, T] is fresh; every post certainly
before the window start is stale; anything in between — a span that straddles the window start, posts whose time
could not be read, a page captured before T (the days after the capture were never seen), a page that only shows
posts after T — is needs_review with the reason. A page that could not be judged by its posts at all (a login wall,
a captcha, 该账号已注销, an empty page the adapter does not know, no adapter, a failed load) is needs_review too:
never a false 不更新.

An inspector's manual date (manual_csv) is merged in: the later of the live and the manual newest post decides
(a WeChat history seen by hand can only show a post the public page did not), and the row says which source it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from auditor.computed import computed
from auditor.model.artifacts import AccountFacts, PostSeen, SiteArtifacts
from auditor.model.indicators import Window
from auditor.settings import IndicatorSettings
from auditor.windows import window_start

NAME = "account_status"
AccountStatus = Literal["fresh", "stale", "needs_review"]

STATE_REASON_ZH = {
    "login_wall": "页面需要登录后查看,未读到发布内容",
    "captcha": "页面显示安全验证(验证码),未读到发布内容",
    "deleted": "页面显示账号已注销或被封禁",
    "no_posts": "页面显示该账号暂无发布内容",
    "unknown": "页面未识别出发布内容",
    "error": "账号页面无法打开",
    "not_read": "账号页面未读取",
}


@dataclass(frozen=True)
class JudgedAccount:
    facts: AccountFacts
    status: AccountStatus
    window_start: date
    latest_post: date | None  # the newest non-pinned post's latest possible date (or the manual date)
    latest_post_earliest: date | None
    latest_post_text: str
    source: str  # live | snapshot | manual
    newest: PostSeen | None  # the post that decided (outlined in evidence)
    reason: str  # zh-CN: why it is stale, or why it needs review
    stale_basis: str | None = None  # "posts" | "manual": what a stale finding rests on


def _dated(posts: list[PostSeen]) -> list[PostSeen]:
    return [p for p in posts if p.latest is not None and p.earliest is not None]


def _certainly_in(posts: list[PostSeen], start: date, as_of: date) -> PostSeen | None:
    """The newest post certainly inside [start, T]: both ends of its interval in the window."""
    inside = [p for p in _dated(posts) if start <= p.earliest <= p.latest <= as_of]  # type: ignore[operator]
    return max(inside, key=lambda p: (p.latest, p.earliest), default=None)


def _maybe_in(posts: list[PostSeen], start: date, as_of: date) -> PostSeen | None:
    """A post whose interval overlaps the window without lying inside it (2周前 across the start, 1周前 across T)."""
    overlapping = [p for p in _dated(posts) if p.latest >= start and p.earliest <= as_of]  # type: ignore[operator]
    return max(overlapping, key=lambda p: (p.latest, p.earliest), default=None)


def _newest(posts: list[PostSeen], as_of: date) -> PostSeen | None:
    """The newest post on or before T (latest possible date, then earliest)."""
    dated = [p for p in _dated(posts) if p.earliest <= as_of]  # type: ignore[operator]
    return max(dated, key=lambda p: (min(p.latest or as_of, as_of), p.earliest), default=None)


def _shown(post: PostSeen) -> str:
    exact = post.earliest == post.latest and post.earliest is not None
    when = post.earliest.isoformat() if exact and post.earliest else f"{post.earliest}至{post.latest}"
    return f"“{post.text[:30]}”(显示为“{post.time_text}”,即{when})" if post.text else f"“{post.time_text}”({when})"


def judge_account(account: AccountFacts, as_of: date, start: date) -> JudgedAccount:
    def result(
        status: AccountStatus, reason: str, newest: PostSeen | None = None, stale_basis: str | None = None
    ) -> JudgedAccount:
        manual = account.manual
        live = newest.latest if newest is not None else None
        # The manual date stands for the row when it is the later one (and not after T, unless nothing else is known).
        if manual is not None and (live is None or live < manual.latest_post <= as_of):
            shown = manual.latest_post_text or manual.latest_post.isoformat()
            return JudgedAccount(
                account,
                status,
                start,
                manual.latest_post,
                manual.latest_post,
                shown,
                "manual",
                None,
                reason,
                stale_basis,
            )
        return JudgedAccount(
            account,
            status,
            start,
            live,
            newest.earliest if newest is not None else None,
            newest.time_text if newest is not None else "",
            account.source,
            newest,
            reason,
            stale_basis,
        )

    span = f"{start.isoformat()}至{as_of.isoformat()}"
    unpinned = [p for p in account.posts if not p.pinned] if account.state == "posts" else []
    manual = account.manual
    if (inside := _certainly_in(unpinned, start, as_of)) is not None:
        return result("fresh", f"监测时间段({span})内有更新:{_shown(inside)}", inside)
    newest = _newest(unpinned, as_of)
    if manual is not None and start <= manual.latest_post <= as_of:
        return result("fresh", f"人工核查记录:最新发布于{manual.latest_post.isoformat()}({manual.source_file})", newest)
    if (vague := _maybe_in(unpinned, start, as_of)) is not None:
        return result(
            "needs_review",
            f"最新内容显示为“{vague.time_text}”({vague.earliest}至{vague.latest}),"
            f"无法确定是否在监测时间段({span})内,需人工核实",
            vague,
        )
    # Nothing in the window. A stale finding needs a page that shows the account's history up to T.
    reference = account.reference_time.date() if account.reference_time else None
    if account.state == "posts":
        undated = [p for p in unpinned if p.earliest is None]
        after_t = [p for p in unpinned if p.earliest is not None and p.earliest > as_of]
        if reference is not None and reference < as_of:
            return result(
                "needs_review",
                f"页面采集于{reference.isoformat()},早于监测时间点{as_of.isoformat()},其后的发布情况未见,需人工核实",
                newest,
            )
        if not unpinned:
            why = "页面仅显示置顶内容,未读到其他发布内容" if account.posts else "页面未读到发布内容"
            return result("needs_review", f"{why},需人工核实", newest)
        if undated:
            return result("needs_review", f"{len(undated)}条内容未读到发布时间,无法确认是否更新,需人工核实", newest)
        if newest is None:
            return result(
                "needs_review",
                f"页面显示的{len(after_t)}条内容均发布于监测时间点之后,监测时间段内的情况未见,需人工核实",
                None,
            )
        if account.posts_generic:
            # The adapter did not fit the page: a generic reading may have missed the newest post.
            return result(
                "needs_review",
                f"页面结构与平台适配器不符,按通用规则读到的内容均早于监测时间段({span}),最新为{_shown(newest)},"
                "需人工核实",
                newest,
            )
        return result(
            "stale",
            f"监测时间点前2周({span})内无更新,最新内容为{_shown(newest)}",
            newest,
            stale_basis="posts",
        )
    if manual is not None and manual.latest_post < start:
        # The page could not be judged (WeChat history needs the client): the inspector's dated record decides.
        why = STATE_REASON_ZH.get(account.state, account.state)
        return result(
            "stale",
            f"监测时间点前2周({span})内无更新:人工核查最新发布于{manual.latest_post.isoformat()}"
            f"({manual.source_file}{',' + manual.checked_by if manual.checked_by else ''});页面:{why}",
            None,
            stale_basis="manual",
        )
    why = STATE_REASON_ZH.get(account.state, account.state)
    detail = account.state_evidence or account.error
    return result("needs_review", f"{why}{'(' + detail + ')' if detail else ''},需人工核实", None)


@computed(NAME, requires=("newmedia",))
def compute(artifacts: SiteArtifacts, as_of: date, settings: IndicatorSettings) -> tuple[JudgedAccount, ...]:
    assert artifacts.newmedia is not None  # required
    window = Window.model_validate(settings.value("newmedia_update_window"))
    start = window_start(as_of, window, months_as=settings.months_as)
    return tuple(judge_account(account, as_of, start) for account in artifacts.newmedia.accounts)
