"""The quarterly 检查情况通报, in the structure of the real notice (shanghai-2021q1-notice.txt).

Several runs are several rounds (1月份, 3月份); re-check runs (复查) count as checks of the round they re-check
and give the round's second 合格率, with rectified sites counted as 合格 ("不合格网站已按照要求进行全面整改"); both
figures are shown. Rates are n/N with one decimal, half up (93.8% = 15/16). Sites that could not be assessed are
left out of N and named. Everything is read from bundles; the HTML, PDF and Markdown are one view in three forms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from auditor.model.bundle import DEFAULT_CATEGORY, AccountResult
from auditor.platforms import PLATFORMS
from auditor.report.charts import Chart, bar_chart
from auditor.report.recheck import PROBLEM_SEVERITIES, SiteRecheck, compare_runs
from auditor.report.render import (
    CATEGORY_ORDER,
    CATEGORY_ZH,
    MarkdownSafe,
    markdown_text,
    percent,
    rate_text,
    render_html,
    render_markdown,
)
from auditor.report.runs import Run, SiteRun
from auditor.report.summary import NOTICE_PROBLEM_ZH, problems_zh, window_note
from auditor.store import atomic_write


@dataclass(frozen=True)
class Rate:
    label: str
    qualified: int
    assessed: int

    @property
    def pct(self) -> str | None:
        return percent(self.qualified, self.assessed)

    @property
    def text(self) -> str:
        return rate_text(self.qualified, self.assessed)


@dataclass(frozen=True)
class ProblemSite:
    name: str
    problems: str
    code: str
    rectified: bool  # fixed on the round's re-check


@dataclass(frozen=True)
class AccountRow:
    platform_zh: str
    name: str
    owner: str
    problem: str


@dataclass
class NewMediaRound:
    groups: list[str]
    total: int
    sampled: int
    stale: list[AccountRow]
    needs_review: int
    rate: Rate
    notes: list[str]


@dataclass
class Round:
    label: str
    as_of: date
    run: Run
    websites: list[SiteRun]
    checks: int
    rate: Rate
    by_category: list[Rate]
    after_recheck: Rate | None
    after_recheck_by_category: list[Rate]
    unassessed: list[str]
    problem_sites: list[ProblemSite]
    rechecks: dict[str, SiteRecheck]
    newmedia: NewMediaRound | None


@dataclass(frozen=True)
class ProblemCategory:
    indicator_zh: str
    sites: list[str]
    findings: int


@dataclass
class BulletinView:
    title: str
    rounds: list[Round]
    estate_total: int
    estate_by_category: list[tuple[str, int]]
    categories: list[ProblemCategory]
    previous: dict[str, SiteRecheck] | None
    charts: list[Chart] = field(default_factory=list)


def category_of(site: SiteRun) -> str | None:
    """The bundle's class; bundles written before `site.category` existed get their kind's default."""
    return site.bundle.site.category or DEFAULT_CATEGORY.get(site.bundle.site.kind)


def _rates(sites: list[SiteRun], qualified_of: dict[str, bool | None]) -> tuple[Rate, list[Rate]]:
    assessed = [s for s in sites if qualified_of[s.site_id] is not None]
    overall = Rate("全部网站", sum(1 for s in assessed if qualified_of[s.site_id]), len(assessed))
    per: list[Rate] = []
    for category in CATEGORY_ORDER:
        members = [s for s in assessed if category_of(s) == category]
        if members:
            per.append(Rate(CATEGORY_ZH[category], sum(1 for s in members if qualified_of[s.site_id]), len(members)))
    return overall, per


def _newmedia(groups: list[SiteRun]) -> NewMediaRound | None:
    if not groups:
        return None
    accounts: list[AccountResult] = [a for g in groups for a in g.bundle.accounts]
    order = {code: index for index, code in enumerate(PLATFORMS)}
    stale = sorted((a for a in accounts if a.qualified is False), key=lambda a: order.get(a.platform, len(order)))
    total = sum(g.bundle.sample.total if g.bundle.sample else len(g.bundle.accounts) for g in groups)
    judged = [a for a in accounts if a.qualified is not None]
    return NewMediaRound(
        groups=[g.bundle.site.name for g in groups],
        total=total,
        sampled=len(accounts),
        stale=[AccountRow(a.platform_zh, a.name, a.owner or "—", NOTICE_PROBLEM_ZH) for a in stale],
        needs_review=sum(1 for a in accounts if a.qualified is None),
        rate=Rate("政务新媒体", sum(1 for a in judged if a.qualified), len(judged)),
        notes=sorted({window_note(g.bundle) for g in groups}),
    )


def round_label(as_of: date) -> str:
    return f"{as_of.month}月份"


def build_round(run: Run, rechecks: list[Run]) -> Round:
    websites = run.websites
    qualified = {s.site_id: s.bundle.verdict.qualified for s in websites}
    rate, by_category = _rates(websites, qualified)
    merged: dict[str, SiteRecheck] = {}
    for recheck_run in rechecks:
        merged.update(compare_runs(run, recheck_run))
    after: Rate | None = None
    after_by: list[Rate] = []
    if rechecks:
        fixed = dict(qualified)
        for site_id, recheck in merged.items():
            if site_id in fixed and recheck.rectified_site:
                fixed[site_id] = True
        after, after_by = _rates(websites, fixed)
    checks = len(websites) + sum(len(r.websites) for r in rechecks)
    problem_sites = [
        ProblemSite(
            name=s.bundle.site.name,
            problems=problems_zh(s.bundle) or "不合格",
            code=s.bundle.site.code or "—",
            rectified=bool(merged.get(s.site_id) and merged[s.site_id].rectified_site),
        )
        for s in websites
        if s.bundle.verdict.qualified is False
    ]
    return Round(
        label=round_label(run.as_of or date.today()),
        as_of=run.as_of or date.today(),
        run=run,
        websites=websites,
        checks=checks,
        rate=rate,
        by_category=by_category,
        after_recheck=after,
        after_recheck_by_category=after_by,
        unassessed=[s.bundle.site.name for s in websites if s.bundle.verdict.qualified is None],
        problem_sites=problem_sites,
        rechecks=merged,
        newmedia=_newmedia(run.groups),
    )


def _categories(rounds: list[Round]) -> list[ProblemCategory]:
    """Problem categories with the sites named: each indicator that has problems, the sites it was found on."""
    sites: dict[str, list[str]] = defaultdict(list)
    # A problem found in two rounds is one problem (one finding id per site), not two.
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for round_ in rounds:
        for site in round_.websites:
            for finding in site.bundle.findings:
                if finding.severity not in PROBLEM_SEVERITIES or finding.severity == "warning":
                    continue
                found[finding.indicator_zh].add((site.site_id, finding.id))
                if site.bundle.site.name not in sites[finding.indicator_zh]:
                    sites[finding.indicator_zh].append(site.bundle.site.name)
    counts = {name: len(ids) for name, ids in found.items()}
    ranked = sorted(sites, key=lambda name: (-len(sites[name]), -counts[name], name))
    return [ProblemCategory(name, sites[name], counts[name]) for name in ranked]


def _attach(rounds: list[Run], rechecks: list[Run]) -> dict[int, list[Run]]:
    """Each re-check run belongs to the latest round at or before its monitoring point."""
    attached: dict[int, list[Run]] = defaultdict(list)
    for recheck in rechecks:
        when = recheck.as_of
        candidates = [i for i, r in enumerate(rounds) if r.as_of and when and r.as_of <= when]
        attached[candidates[-1] if candidates else 0].append(recheck)
    return attached


def build_bulletin(
    runs: list[Run],
    *,
    rechecks: Sequence[Run] = (),
    previous: Run | None = None,
    title: str = "",
) -> BulletinView:
    ordered = sorted(runs, key=lambda r: r.as_of or date.min)
    attached = _attach(ordered, list(rechecks))
    rounds = [build_round(run, attached.get(i, [])) for i, run in enumerate(ordered)]
    latest = rounds[-1]
    counts = [(CATEGORY_ZH[c], sum(1 for s in latest.websites if category_of(s) == c)) for c in CATEGORY_ORDER]
    view = BulletinView(
        title=title or "政府网站和政务新媒体检查情况通报",
        rounds=rounds,
        estate_total=len(latest.websites),
        estate_by_category=[(name, n) for name, n in counts if n],
        categories=_categories(rounds),
        previous=compare_runs(previous, latest.run) if previous is not None else None,
    )
    view.charts = charts(view)
    return view


def charts(view: BulletinView) -> list[Chart]:
    out: list[Chart] = []
    bars = [
        (f"{round_.label} {rate.label}", float(rate.pct), f"{rate.pct}%")
        for round_ in view.rounds
        for rate in [round_.rate, *round_.by_category]
        if rate.pct is not None
    ]
    if bars:
        out.append(bar_chart("合格率(按网站类别)", bars, maximum=100.0))
    problems = [(c.indicator_zh, float(len(c.sites)), f"{len(c.sites)}家") for c in view.categories]
    if problems:
        out.append(bar_chart("存在问题的网站数(按问题类别)", problems))
    return out


def md_row(*cells: Any) -> MarkdownSafe:
    """One Markdown table row of escaped cells."""
    return MarkdownSafe("| " + " | ".join(markdown_text(cell) for cell in cells) + " |")


def write_bulletin(view: BulletinView, out_dir: Path, stem: str = "bulletin") -> list[Path]:
    """bulletin.html and bulletin.md (the PDF is printed from the HTML by the caller), written atomically."""
    html = out_dir / f"{stem}.html"
    markdown = out_dir / f"{stem}.md"
    atomic_write(html, render_html("bulletin.html.j2", view=view).encode("utf-8"))
    atomic_write(markdown, render_markdown("bulletin.md.j2", view=view, md_row=md_row).encode("utf-8"))
    return [html, markdown]
