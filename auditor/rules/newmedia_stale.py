"""内容不更新 (new media, veto for the account): no post but pinned ones in the 14 days ending on T (§12).

One finding per account that is not plainly fresh. A stale account (every post certainly before the window start,
or an inspector's dated record saying so) is a deduction-severity finding that the verdict rule newmedia_stale turns
into the account's veto; its target is the account page with its newest post outlined. Every account the
auditor cannot be sure of (login wall, captcha, 注销, a page it does not understand, a straddling 2周前) is a
needs_review finding with the page's screenshot and the reason — never a stale one on doubt.
"""

from __future__ import annotations

from urllib.parse import quote

from auditor.computed.account_status import NAME as ACCOUNT_STATUS
from auditor.computed.account_status import JudgedAccount
from auditor.model.artifacts import AccountFacts, NodeRef
from auditor.model.bundle import Finding
from auditor.platforms import PLATFORM_ZH
from auditor.rules.base import RuleContext, RuleMeta, make_finding, register

META = RuleMeta(
    code="newmedia_stale",
    indicator_zh="内容不更新",
    title_zh="政务新媒体账号在监测时间点前2周内有更新",
    failure_title_zh="政务新媒体账号监测时间点前2周不更新",
    severity="deduction",
    required_artifacts=("newmedia", ACCOUNT_STATUS),
    reference="国办秘函〔2019〕19号 政务新媒体 单项否决指标 内容不更新;indicators.md §12",
    tags=("19号/政务新媒体/单项否决/内容不更新",),
    needs_site=False,
    scope="newmedia",
)


def account_target(account: AccountFacts, registry_url: str) -> str:
    """The URL a finding about the account names: its page, or (no URL known) a newmedia: URL of its platform and
    name (a fragment would not do: finding ids hash the canonical URL, which drops fragments)."""
    del registry_url  # the finding id already holds the group's id
    return account.url or f"newmedia://{account.platform}/{quote(account.name, safe='')}"


def _observed(judged: JudgedAccount) -> dict[str, object]:
    account = judged.facts
    return {
        "platform": account.platform,
        "platform_zh": PLATFORM_ZH.get(account.platform, account.platform),
        "name": account.name,
        "owner": account.owner,
        "group": account.group,
        "state": account.state,
        "window_start": judged.window_start.isoformat(),
        "latest_post": judged.latest_post.isoformat() if judged.latest_post else None,
        "latest_post_earliest": judged.latest_post_earliest.isoformat() if judged.latest_post_earliest else None,
        "latest_post_text": judged.latest_post_text,
        "source": judged.source,
        "stale_basis": judged.stale_basis,
        "reference_time": account.reference_time.isoformat() if account.reference_time else None,
        "reference_source": account.reference_source,
        "posts_seen": len(account.posts),
        "pinned_posts": sum(1 for p in account.posts if p.pinned),
    }


@register(META)
def evaluate(context: RuleContext) -> list[Finding]:
    judged: tuple[JudgedAccount, ...] = context.computed(ACCOUNT_STATUS)
    registry = context.artifacts.home_url
    findings: list[Finding] = []
    for account in judged:
        if account.status == "fresh":
            continue
        facts = account.facts
        node = account.newest.node if account.newest is not None else None
        if node is None and facts.page is not None and facts.page.id:
            node = NodeRef(page_id=facts.page.id)
        findings.append(
            make_finding(
                META,
                context,
                url=account_target(facts, registry),
                column=f"{PLATFORM_ZH.get(facts.platform, facts.platform)} {facts.name}",
                node=node,
                severity="deduction" if account.status == "stale" else "needs_review",
                message_zh=f"{facts.name}({PLATFORM_ZH.get(facts.platform, facts.platform)}):{account.reason}",
                observed=_observed(account),
            )
        )
    return findings
