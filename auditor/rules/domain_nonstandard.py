"""网站域名不规范: the registered domain must end in .gov.cn (or .政务), and a department, subsite or credit site
must sit under its parent portal's domain (indicators.md §11; the Shanghai notice's 信用类网站…域名不规范).

The registered domain is the scenario's `domain` (a site served from a mirror or loopback), else the home URL's
host; the home page's host after redirects is checked too. "Under" is at a label boundary: evilqingxi.gov.cn is
not under qingxi.gov.cn.
"""

from __future__ import annotations

import ipaddress

from auditor.model.artifacts import DomainFacts
from auditor.model.bundle import Finding
from auditor.rules.base import RuleContext, RuleMeta, RuleResult, make_finding, register

META = RuleMeta(
    code="domain_nonstandard",
    indicator_zh="网站域名不规范",
    title_zh="网站域名符合规范",
    failure_title_zh="网站域名不符合规范",
    severity="deduction",
    required_artifacts=("domain",),
    reference="国办函〔2018〕55号;《政府网站发展指引》;上海市2021年一季度通报(信用类网站域名不规范);indicators.md §11",
    tags=("19号/扣分/网站域名",),
    needs_site=False,
)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def under(host: str, parent: str) -> bool:
    host, parent = host.lower().rstrip("."), parent.lower().rstrip(".")
    return host == parent or host.endswith("." + parent)


def problems(
    host: str, facts: DomainFacts, suffixes: tuple[str, ...], kinds_under_parent: tuple[str, ...]
) -> list[str]:
    found = []
    if not any(host == s.lstrip(".") or host.endswith(s) for s in suffixes):
        found.append(f"域名 {host} 不以{'或'.join(suffixes)}结尾")
    if facts.parent_domain and facts.site_kind in kinds_under_parent and not under(host, facts.parent_domain):
        found.append(f"域名 {host} 不在上级门户域名 {facts.parent_domain} 之下")
    return found


@register(META)
def evaluate(context: RuleContext) -> list[Finding] | RuleResult:
    facts: DomainFacts | None = context.artifacts.domain
    if facts is None:
        return RuleResult.not_applicable("未采集域名信息")
    suffixes = tuple(context.settings.value("domain_suffixes"))
    kinds = tuple(context.settings.value("domain_under_parent_kinds"))
    hosts = [facts.registered]
    if facts.source == "home" and facts.final_host and facts.final_host != facts.registered:
        hosts.append(facts.final_host)  # a registered domain that redirects elsewhere is judged where it lands
    hosts = [h for h in hosts if not _is_address(h)]
    if not hosts:
        return RuleResult.not_applicable("首页地址为IP地址且场景未配置 domain,无法判断域名")
    found = [p for host in hosts for p in problems(host, facts, suffixes, kinds)]
    if not found:
        return []
    return [
        make_finding(
            META,
            context,
            url=context.artifacts.home_url,
            message_zh="网站域名不规范:" + ";".join(found),
            observed={
                "registered": facts.registered,
                "source": facts.source,
                "final_host": facts.final_host,
                "parent_domain": facts.parent_domain,
                "site_kind": facts.site_kind,
                "problems": found,
            },
        )
    ]
