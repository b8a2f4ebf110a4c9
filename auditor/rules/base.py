"""The rule model: one indicator rule per module, declared by data, evaluated as a pure function.

A rule module defines a `RuleMeta` (code, 中文指标名, severity, threshold, the artifacts it needs) and an
`evaluate(context) -> list[Finding]`, and registers itself with `@register`. Rules never import Playwright:
they read `RuleContext`, which is built from saved artifacts, so they run the same live and offline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from auditor.artifacts import ColumnFacts, PageFacts, SiteArtifacts
from auditor.bundle.models import ColumnResult, Evidence, Finding, Severity, Target
from auditor.extract.html import canonical_url


@dataclass(frozen=True, slots=True)
class RuleMeta:
    code: str  # finding code: a contract other tools read
    indicator_zh: str  # the official indicator name, e.g. 栏目不更新
    title_zh: str  # what a pass means
    failure_title_zh: str  # what a failure means
    severity: Severity  # default severity of its findings
    threshold: Any  # the rule's own threshold (window, count), for the bundle's settings block
    required_artifacts: tuple[str, ...]
    reference: str  # where the rule comes from, e.g. 国办秘函〔2019〕19号 单项否决指标


@dataclass(frozen=True)
class RuleContext:
    artifacts: SiteArtifacts
    as_of: date
    columns: tuple[ColumnResult, ...]
    # Facts by list-page URL, for rules that need a column's raw rows or evidence pointers.
    column_facts: dict[str, ColumnFacts] = field(default_factory=dict)

    def columns_in(self, *statuses: str) -> Iterator[tuple[ColumnResult, ColumnFacts | None, PageFacts | None]]:
        """Judged columns with one of these statuses, with their gathered facts and list page."""
        for column in self.columns:
            if column.status in statuses:
                facts = self.column_facts.get(column.url)
                yield column, facts, facts.page if facts is not None else None


Evaluate = Callable[[RuleContext], list[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    meta: RuleMeta
    evaluate: Evaluate


REGISTRY: dict[str, Rule] = {}


def register(meta: RuleMeta) -> Callable[[Evaluate], Evaluate]:
    """Declare a rule: `@register(META)` on its evaluate function."""

    def decorate(evaluate: Evaluate) -> Evaluate:
        if meta.code in REGISTRY:
            raise ValueError(f"rule code {meta.code!r} registered twice")
        REGISTRY[meta.code] = Rule(meta, evaluate)
        return evaluate

    return decorate


def finding_id(site_id: str, code: str, url: str, home_url: str) -> str:
    """Stable across runs and machines, so a re-check can match a finding to its earlier self.

    The site's own host is left out of the key: the same column found over https, on a mirror or on another
    loopback port is the same finding; pages on other hosts of the site's scope keep their host.
    """
    target, home = urlsplit(canonical_url(url)), urlsplit(canonical_url(home_url))
    where = target.path + ("?" + target.query if target.query else "")
    if target.netloc != home.netloc:
        where = target.netloc + where
    return hashlib.sha256(f"{site_id}|{code}|{where}".encode()).hexdigest()[:16]


def make_finding(
    meta: RuleMeta,
    context: RuleContext,
    *,
    url: str,
    message_zh: str,
    observed: dict[str, Any],
    column: str | None = None,
    page: PageFacts | None = None,
    severity: Severity | None = None,
) -> Finding:
    """A finding about `url`; `page` (the list page as gathered) points the target at its list element."""
    return Finding(
        id=finding_id(context.artifacts.site_id, meta.code, url, context.artifacts.home_url),
        code=meta.code,
        indicator_zh=meta.indicator_zh,
        severity=severity or meta.severity,
        target=Target(
            url=url,
            column=column,
            selector=page.list_selector if page is not None else None,
            frame_url=page.list_frame_url if page is not None else None,
        ),
        observed=observed,
        message_zh=message_zh,
        evidence=Evidence(),
    )
