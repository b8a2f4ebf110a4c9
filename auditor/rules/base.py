"""The rule model: one indicator rule per module, declared by data, evaluated as a pure function.

A rule module defines a `RuleMeta` (code, 中文指标名, titles, severity, default threshold, the artifacts it
needs) and an `evaluate(context)` registered with `@register(META)`. It returns its findings (the runner turns
them into an outcome: none → pass; only needs_review → needs_review; else fail) or a `RuleResult` when it must
say more (not_applicable: nothing to judge). A rule whose required artifact is missing is not run: its outcome
is `error`. Rules never import Playwright: they read a `RuleContext` built from saved artifacts, so they run the
same live and offline. Site-level rules (vetoes, later the score) are declared alike in rules/verdict/.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal
from urllib.parse import urlsplit

from auditor.computed import COMPUTED
from auditor.computed.column_status import NAME as COLUMN_STATUS
from auditor.computed.column_status import JudgedColumn
from auditor.extract.html import canonical_url
from auditor.model.artifacts import NodeRef, Rect, SiteArtifacts
from auditor.model.bundle import ColumnResult, Evidence, Finding, Outcome, Severity, Target
from auditor.settings import IndicatorSettings


@dataclass(frozen=True, slots=True)
class RuleMeta:
    code: str  # finding code: a contract other tools read
    indicator_zh: str  # the official indicator name, e.g. 栏目不更新
    title_zh: str  # what a pass means
    failure_title_zh: str  # what a failure means
    severity: Severity  # default severity of its findings
    # Gathered artifacts (SiteArtifacts fields: "home", "columns", …) and computed ones ("column_status").
    required_artifacts: tuple[str, ...]
    reference: str  # where the rule comes from, e.g. 国办秘函〔2019〕19号 单项否决指标
    # Used when the indicator table (indicators.toml [rules.<code>]) has no row for this rule.
    threshold: Any = None
    tags: tuple[str, ...] = ()  # the 国办 indicator ids the rule maps to
    # False for rules that judge a site that does not answer (站点无法访问 itself, the domain); every other rule
    # answers not_applicable when the home page never answered (issue #9).
    needs_site: bool = True
    # What the rule judges: a website, or a group of new-media accounts (issue #10). Only the rules of the
    # artifacts' scope are run; the others are not part of that bundle at all.
    scope: Literal["website", "newmedia"] = "website"


def rule_in_scope(meta: RuleMeta | VerdictMeta, artifacts: SiteArtifacts) -> bool:
    return meta.scope == artifacts.scope


@dataclass(frozen=True)
class RuleResult:
    outcome: Outcome
    findings: list[Finding] = field(default_factory=list)
    message: str | None = None  # why not_applicable / error

    @classmethod
    def not_applicable(cls, message: str) -> RuleResult:
        return cls("not_applicable", [], message)


class RuleContext:
    """What a rule may read: the artifacts, T, the indicator table and computed artifacts (each computed once)."""

    def __init__(self, artifacts: SiteArtifacts, as_of: date, settings: IndicatorSettings) -> None:
        self.artifacts = artifacts
        self.as_of = as_of
        self.settings = settings
        self._computed: dict[str, Any] = {}

    def computed(self, name: str) -> Any:
        if name not in self._computed:
            self._computed[name] = COMPUTED[name].compute(self.artifacts, self.as_of, self.settings)
        return self._computed[name]

    @property
    def columns(self) -> tuple[JudgedColumn, ...]:
        value: tuple[JudgedColumn, ...] = self.computed(COLUMN_STATUS)
        return value

    def columns_in(self, *statuses: str) -> list[JudgedColumn]:
        return [column for column in self.columns if column.result.status in statuses]

    def column_at(self, url: str) -> ColumnResult | None:
        """The judged column whose list page is `url` (a column finding's target), if any."""
        if "_columns_by_url" not in self._computed:
            self._computed["_columns_by_url"] = {judged.result.url: judged.result for judged in self.columns}
        found: ColumnResult | None = self._computed["_columns_by_url"].get(url)
        return found

    def threshold(self, meta: RuleMeta) -> Any:
        row = self.settings.rule_row(meta.code)
        return row.threshold if row is not None and row.threshold is not None else meta.threshold

    def missing(self, names: tuple[str, ...]) -> dict[str, str]:
        """Required artifacts that are not there, with why: gathered ones the site could not give, and the
        gathered inputs of computed ones."""
        absent: dict[str, str] = {}
        for name in names:
            inputs = COMPUTED[name].requires if name in COMPUTED else (name,)
            for gathered in inputs:
                if gathered in self.artifacts.unavailable:
                    absent[name] = self.artifacts.unavailable[gathered]
                elif gathered not in COMPUTED and getattr(self.artifacts, gathered, None) is None:
                    absent[name] = f"未采集 {gathered}"
        return absent


Evaluate = Callable[[RuleContext], "list[Finding] | RuleResult"]


@dataclass(frozen=True, slots=True)
class Rule:
    meta: RuleMeta
    evaluate: Evaluate


REGISTRY: dict[str, Rule] = {}


def register(meta: RuleMeta) -> Callable[[Evaluate], Evaluate]:
    """Declare a rule: `@register(META)` on its evaluate function."""

    def decorate(evaluate: Evaluate) -> Evaluate:
        _claim(REGISTRY, meta.code, "rule code")
        REGISTRY[meta.code] = Rule(meta, evaluate)
        return evaluate

    return decorate


def _claim(registry: dict[str, Any], code: str, what: str) -> None:
    # Codes are a contract other tools read: two modules claiming one is a bug, not an override.
    if code in registry:
        raise ValueError(f"{what} {code!r} registered twice")


def unregister(code: str) -> None:
    """Remove a rule (tests that add a toy rule clean up after themselves)."""
    REGISTRY.pop(code, None)


# ---------------------------------------------------------------- site-level rules (rules/verdict/)


@dataclass(frozen=True, slots=True)
class VerdictMeta:
    """A site-level rule: it counts findings of other rules; at its threshold it decides the verdict.

    Its threshold and wording are the indicator table's `[verdict.<code>]` row. A `veto` makes the site 不合格 and
    marks the findings it counted as `veto`; `deduction` rules (the 100-point score) plug in beside it.
    """

    code: str
    indicator_zh: str
    kind: Literal["veto", "deduction"]
    counts: tuple[str, ...]  # finding codes it counts
    reference: str
    scope: Literal["website", "newmedia"] = "website"


# Which of the site's findings (of the codes it counts) this rule counts.
Select = Callable[[RuleContext, list[Finding]], list[Finding]]


@dataclass(frozen=True, slots=True)
class VerdictRule:
    meta: VerdictMeta
    select: Select


VERDICT_REGISTRY: dict[str, VerdictRule] = {}


def register_verdict(meta: VerdictMeta) -> Callable[[Select], Select]:
    def decorate(select: Select) -> Select:
        _claim(VERDICT_REGISTRY, meta.code, "verdict rule")
        VERDICT_REGISTRY[meta.code] = VerdictRule(meta, select)
        return select

    return decorate


# ---------------------------------------------------------------- findings


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
    node: NodeRef | None = None,
    severity: Severity | None = None,
) -> Finding:
    """A finding about `url`; `node` (an element of a gathered page) is what its evidence outlines."""
    return Finding(
        id=finding_id(context.artifacts.site_id, meta.code, url, context.artifacts.home_url),
        code=meta.code,
        indicator_zh=meta.indicator_zh,
        severity=severity or meta.severity,
        target=Target(
            url=url,
            column=column,
            selector=node.selector if node is not None else None,
            frame_url=node.frame_url if node is not None else None,
            rect=node.rect if node is not None else None,
            page_id=node.page_id if node is not None else None,
            snippet=node.snippet if node is not None else None,
        ),
        observed=observed,
        message_zh=message_zh,
        evidence=Evidence(),
    )


def outline_of(nodes: list[NodeRef | None], fallback: NodeRef | None = None) -> NodeRef | None:
    """One node whose box covers every given element of one page (a guide's missing rows, a page's bad links).

    Evidence outlines one box per finding; the rows of one finding sit together on the page, so their union is
    what the reader is shown. Nodes without a measured box are left out; with none measured, the fallback (the
    content area) or the first node stands.
    """
    present = [n for n in nodes if n is not None]
    boxed = [n for n in present if n.rect is not None]
    if not boxed:
        if fallback is not None and (fallback.rect is not None or not present):
            return fallback
        return present[0] if present else fallback
    page = boxed[0].page_id
    rects = [n.rect for n in boxed if n.page_id == page and n.rect is not None]
    snippets = [n.snippet for n in boxed if n.snippet]
    return NodeRef(
        page_id=page,
        selector=boxed[0].selector,
        rect=Rect.covering(rects),
        snippet=" | ".join(snippets)[:200] or None,
    )
