"""首页/其他页面链接不可用: a link or image of the home page or of a sampled inner page that does not work.

One finding per URL (however many pages link it), from the link checks of gather/links.py: a 4xx/5xx answer, a
refused connection, a host name that does not exist, a redirect chain ending in an error or going round in a loop,
a 200 page that says it is missing (soft 404, marked in `observed`), no answer within the link timeout (after a
GET retry). A status that is most often bot blocking (403, 429: `values.link_blocking_statuses`) and a check that
could not tell (robots.txt, a reset connection) are for review. Which outcome is worth what is the indicator
table's `values.link_outcome_severity`; links not contacted (offsite under --block-offsite, --external-links
skip, the site's budget) are never findings.
"""

from __future__ import annotations

import re
from typing import Any, cast

from auditor.model.artifacts import LinkCheck, LinkSeen
from auditor.model.bundle import Finding, Severity
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, register

META = RuleMeta(
    code="link_broken",
    indicator_zh="链接不可用",
    title_zh="首页及抽查页面的链接均可用",
    failure_title_zh="首页/其他页面链接不可用",
    severity="deduction",
    required_artifacts=("links",),
    reference="indicators.md §3 link_unavailable:首页/其他页面链接不可用([V3])",
    tags=("19号/扣分/链接不可用",),
)
HOME_PAGE_ID = "home"
SEVERITIES: frozenset[str] = frozenset({"deduction", "warning", "needs_review"})
KIND_ZH = {"a": "链接", "area": "链接", "img": "图片", "iframe": "内嵌页面"}
SHOWN_PAGES = 3
# Link texts that say nothing of the target (a block's 更多 link): another page's text for the same URL is shown.
GENERIC_TEXT = re.compile(
    r"^(?:更多|more|查看更多|查看详情|详情|详细|点击进入|进入|点击查看|[+>»》→\s])[+>»》→\s.…]*$", re.IGNORECASE
)


def _what(check: LinkCheck) -> str:
    first = check.seen_on[0] if check.seen_on else None
    kind = KIND_ZH.get(first.tag, "链接") if first else "链接"
    return ("站外" if check.offsite else "") + kind


def _where(seen_on: list[LinkSeen]) -> str:
    names = ["首页" if s.page_id == HOME_PAGE_ID else f"页面 {s.page_url}" for s in seen_on]
    names = list(dict.fromkeys(names))
    shown = "、".join(names[:SHOWN_PAGES])
    return shown + (f"等{len(names)}个页面" if len(names) > SHOWN_PAGES else "")


def _named(seen_on: list[LinkSeen]) -> str:
    """The text that names the link best: the first that says where it leads (not 更多>>), else the first."""
    texts = [s.text for s in seen_on if s.text]
    return next((t for t in texts if not GENERIC_TEXT.match(t)), texts[0] if texts else "")


def _hops_zh(check: LinkCheck) -> int:
    """Redirects followed on the way to the final answer (of the last request made)."""
    last_start = max((i for i, hop in enumerate(check.chain) if hop.url == check.url), default=0)
    return max(0, len(check.chain) - last_start - 1)


def _why(check: LinkCheck) -> str:
    error = check.error or ""
    redirects = _hops_zh(check)
    via = f"经{redirects}次跳转后" if redirects else ""
    match check.outcome:
        case "broken" if error.startswith("redirect loop"):
            return "跳转形成循环,无法打开"
        case "broken" if check.status is not None:
            return f"{via}返回HTTP {check.status}"
        case "broken" if error.startswith("cannot resolve host"):
            return "域名无法解析"
        case "broken":
            return f"无法打开({error})"
        case "refused":
            return "服务器拒绝连接,无法打开"
        case "soft_404":
            return f"{via}返回HTTP 200,但页面显示为“页面不存在”类错误页(软404)"
        case "timeout":
            return "请求超时,重试一次仍无响应"
        case "blocked":
            return f"返回HTTP {check.status},可能是网站防护拦截了自动检查,需人工核实"
        case _:
            return f"未能核验({error or '无响应'}),需人工核实"


def _observed(check: LinkCheck) -> dict[str, Any]:
    return {
        "url": check.url,
        "outcome": check.outcome,
        "soft_404": check.outcome == "soft_404",
        "status": check.status,
        "final_url": check.final_url,
        "error": check.error,
        "offsite": check.offsite,
        "chain": [{"method": h.method, "url": h.url, "status": h.status} for h in check.chain],
        "pages": [{"page_url": s.page_url, "text": s.text, "tag": s.tag} for s in check.seen_on],
        "on_home": any(s.page_id == HOME_PAGE_ID for s in check.seen_on),
    }


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    facts = context.artifacts.links
    assert facts is not None  # required artifact
    if not facts.checks:
        return RuleResult.not_applicable("首页及抽查页面中没有可检查的链接")
    severities: dict[str, str] = dict(context.settings.value("link_outcome_severity"))
    findings: list[Finding] = []
    for check in facts.checks:
        severity = severities.get(check.outcome)
        if severity not in SEVERITIES or check.outcome in {"ok", "skipped"}:
            continue
        first = check.seen_on[0] if check.seen_on else None
        text = _named(check.seen_on) or check.url
        message = f"{_where(check.seen_on) or '抽查页面'}上的{_what(check)}“{text}”({check.url}){_why(check)}"
        findings.append(
            make_finding(
                META,
                context,
                url=check.url,
                node=first.node if first else None,
                severity=cast("Severity", severity),
                message_zh=message,
                observed=_observed(check),
            )
        )
    return findings


__all__ = ["META", "evaluate"]
