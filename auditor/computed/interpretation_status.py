"""Whether each 政策解读 reaches the document it interprets, and each document links back (indicators.md §9).

A candidate link (原文 text, the document's title, a caption link) counts only when it resolves to the document
itself: a `#`, a `javascript:`, an error or soft-404 page, the 政策文件 list, the home page or a search page is
not the document, nor is a page whose title is another document's. A candidate that could not be followed
(another host, the budget) leaves the interpretation for review: never a finding from what was not seen.

Pure and shared: the two linkage rules read it; the live run's read policy asks it whether an interpretation read
over HTTP is already a clean pass, and whether a page may back a finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from auditor.computed import computed
from auditor.extract.html import canonical_url
from auditor.extract.interpretation import titles_match
from auditor.model.artifacts import CheckedLink, InterpretationFacts, PolicyFacts, SiteArtifacts

NAME = "interpretation_status"
InterpretationStatus = Literal["linked", "unlinked", "needs_review", "not_judged"]
RejectReason = Literal[
    "href_hash", "href_javascript", "http_error", "soft_404", "list_page", "home_page", "search_page", "title_mismatch"
]
REASON_ZH: dict[str, str] = {
    "href_hash": "链接地址为空或“#”",
    "href_javascript": "链接地址为 javascript:",
    "http_error": "链接打不开",
    "soft_404": "链接指向“页面不存在”页",
    "list_page": "链接指向栏目列表页,不是文件本身",
    "home_page": "链接指向首页,不是文件本身",
    "search_page": "链接指向搜索页,不是文件本身",
    "title_mismatch": "链接指向的页面标题与所解读文件不符",
}


@dataclass(frozen=True)
class RejectedLink:
    link: CheckedLink
    reason: RejectReason


@dataclass(frozen=True)
class JudgedInterpretation:
    facts: InterpretationFacts
    status: InterpretationStatus
    named_title: str | None = None
    accepted: CheckedLink | None = None
    policy: PolicyFacts | None = None  # the document reached (or found on the site by its title)
    rejected: tuple[RejectedLink, ...] = ()
    unverified: tuple[CheckedLink, ...] = ()
    reason: str | None = None  # zh-CN for needs_review / not_judged


@dataclass(frozen=True)
class PolicyLinkBack:
    """A document an interpretation reaches (or names) and whether it links back."""

    policy: PolicyFacts
    interpretations: tuple[str, ...]  # URLs of the interpretations of it
    linked_back: bool
    via: CheckedLink | None = None


@dataclass(frozen=True)
class InterpretationJudgement:
    interpretations: tuple[JudgedInterpretation, ...] = ()
    policies: tuple[PolicyLinkBack, ...] = field(default_factory=tuple)


def _reject(link: CheckedLink, named: str | None) -> RejectReason | None:
    href = link.href.strip().lower()
    if link.url is None:
        return "href_javascript" if href.startswith("javascript") else "href_hash"
    if not link.checked or link.target_kind in {"offsite", "unchecked"}:
        return None
    if link.target_kind == "error" or (link.status is not None and link.status >= 400):
        return "http_error"
    kinds: dict[str, RejectReason] = {
        "soft_404": "soft_404",
        "list": "list_page",
        "home": "home_page",
        "search": "search_page",
    }
    if link.target_kind in kinds:
        return kinds[link.target_kind]
    if link.target_kind == "document" and named and link.target_title and not titles_match(named, link.target_title):
        return "title_mismatch"
    return None


def judge_interpretation(facts: InterpretationFacts) -> JudgedInterpretation:
    if facts.skipped:
        return JudgedInterpretation(facts, "not_judged", reason=f"未读取:{facts.skipped}")
    if facts.page is None or facts.page.kind == "error":
        why = facts.page.error if facts.page is not None else "未读取"
        return JudgedInterpretation(facts, "not_judged", reason=f"解读页面无法读取({why})")
    named = facts.named_titles[0] if facts.named_titles else None
    policies = {canonical_url(p.url): p for p in facts.linked_policies}
    rejected: list[RejectedLink] = []
    unverified: list[CheckedLink] = []
    for link in facts.candidates:
        reason = _reject(link, named)
        if reason is not None:
            if link.why != "content":  # links followed only in search of the document are not candidates
                rejected.append(RejectedLink(link, reason))
            continue
        if not link.checked or link.target_kind in {"offsite", "unchecked"}:
            if link.why != "content":
                unverified.append(link)
            continue
        if link.why == "content" and not (named and link.target_title and titles_match(named, link.target_title)):
            continue  # another link of the content, not the document
        policy = policies.get(canonical_url(link.final_url or link.url or ""))
        policy = policy or policies.get(canonical_url(link.url or ""))
        return JudgedInterpretation(facts, "linked", named, link, policy, tuple(rejected))
    if unverified:
        return JudgedInterpretation(
            facts,
            "needs_review",
            named,
            rejected=tuple(rejected),
            unverified=tuple(unverified),
            policy=facts.found_policy,
            reason="原文链接指向站外或未能核验,需人工核实",
        )
    return JudgedInterpretation(facts, "unlinked", named, None, facts.found_policy, tuple(rejected))


def link_back(policy: PolicyFacts, interpretation_urls: set[str], lists: set[str]) -> CheckedLink | None:
    for link in policy.back_links:
        target = canonical_url(link.url) if link.url else None
        if target is None:
            continue
        # Any link to the interpretation itself counts; a 相关解读-worded one counts unless it leads to a list.
        if target in interpretation_urls or (link.why == "back_text" and target not in lists):
            return link
    return None


def judge_interpretations(artifacts: SiteArtifacts) -> InterpretationJudgement:
    judged = tuple(judge_interpretation(facts) for facts in artifacts.interpretations or ())
    # A link back that leads to a column list (the menu's 政策解读) or the home page is not a link to an
    # interpretation.
    lists = {canonical_url(c.url) for c in artifacts.columns} | {canonical_url(artifacts.home_url)}
    if artifacts.home is not None and artifacts.home.final_url:
        lists.add(canonical_url(artifacts.home.final_url))
    by_policy: dict[str, tuple[PolicyFacts, list[str]]] = {}
    for item in judged:
        if item.policy is None or item.status not in {"linked", "unlinked"}:
            continue
        if item.policy.page is None or item.policy.page.kind == "error":
            continue
        key = canonical_url(item.policy.url)
        entry = by_policy.setdefault(key, (item.policy, []))
        entry[1].append(item.facts.url)
    policies: list[PolicyLinkBack] = []
    for policy, urls in by_policy.values():
        own = {canonical_url(u) for u in urls}
        own |= {
            canonical_url(i.facts.page.final_url)
            for i in judged
            if i.facts.url in urls and i.facts.page and i.facts.page.final_url
        }
        via = link_back(policy, own, lists - own)
        policies.append(PolicyLinkBack(policy, tuple(urls), via is not None, via))
    return InterpretationJudgement(judged, tuple(policies))


@computed(NAME, requires=("interpretations",))
def compute(artifacts: SiteArtifacts, _as_of: date, _settings: object) -> InterpretationJudgement:
    return judge_interpretations(artifacts)
