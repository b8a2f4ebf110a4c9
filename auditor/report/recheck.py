"""Re-checks (复查): a site's findings now against an earlier run's, by stable finding id.

A finding id is a hash of its code and target URL, so the same problem on the same page has the same id in every
run. A finding of the earlier run is *rectified* (已整改) only when the re-check could have seen it again: its
rule ran on the site (outcome pass or fail), the same check was not left for review on that page (nor the page
unreadable), and — for a column's
finding — the column was read and judged again. Anything else is *unconfirmed* (无法确认): a site that was down on
re-check, or a column the re-check could not read, is never reported as fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from auditor.model.bundle import Bundle, Finding
from auditor.report.runs import Run

State = Literal["new", "persisting", "rectified", "unconfirmed"]
STATE_ZH: dict[str, str] = {"new": "新发现", "persisting": "未整改", "rectified": "已整改", "unconfirmed": "无法确认"}
# Findings that are problems (a site is told to fix them); needs_review items are questions, not problems.
PROBLEM_SEVERITIES = ("veto", "deduction", "warning")
JUDGED_COLUMN = ("fresh", "warning", "stale", "blank")


@dataclass(frozen=True)
class FindingChange:
    state: State
    finding: Finding  # the current finding; for rectified/unconfirmed, the earlier one
    reason: str = ""


@dataclass(frozen=True)
class SiteRecheck:
    site_id: str
    name: str
    previous_qualified: bool | None
    current_qualified: bool | None
    changes: list[FindingChange] = field(default_factory=list)

    def of(self, state: State) -> list[FindingChange]:
        return [change for change in self.changes if change.state == state]

    @property
    def rectified_site(self) -> bool:
        """不合格 before, 合格 now: the bulletin counts it as 整改后合格."""
        return self.previous_qualified is False and self.current_qualified is True

    @property
    def states(self) -> dict[str, str]:
        return {change.finding.id: change.state for change in self.changes}


def _problems(bundle: Bundle) -> dict[str, Finding]:
    return {finding.id: finding for finding in bundle.findings if finding.severity in PROBLEM_SEVERITIES}


def _why_unconfirmed(finding: Finding, current: Bundle) -> str | None:
    """Why the re-check cannot say a finding is gone (None: it could have seen it, and did not)."""
    summary = current.rules.get(finding.code)
    if summary is None or summary.outcome not in ("pass", "fail"):
        outcome = summary.outcome if summary else "未运行"
        return f"复查时该项检查未能完成({outcome})"
    url = finding.target.url
    # The same check left for review on that page (its reading was unsure), or the page itself not readable: the
    # problem may still be there. A review note of another check on the page (a 网站标识码 mismatch beside a now
    # present ICP number) says nothing about this one.
    if any(
        other.target.url == url
        and other.severity == "needs_review"
        and (other.code == finding.code or other.code.endswith("_unreadable"))
        for other in current.findings
    ):
        return "复查时该页面需人工核实"
    if finding.code.startswith("column_"):
        column = next((c for c in current.columns if c.url == url), None)
        if column is None:
            return "复查时未找到该栏目"
        if column.status not in JUDGED_COLUMN:
            return f"复查时该栏目未能判定({column.status})"
    return None


def compare_sites(previous: Bundle, current: Bundle) -> SiteRecheck:
    before, now = _problems(previous), _problems(current)
    changes: list[FindingChange] = []
    for finding_id, finding in now.items():
        changes.append(FindingChange("persisting" if finding_id in before else "new", finding))
    for finding_id, finding in before.items():
        if finding_id in now:
            continue
        reason = _why_unconfirmed(finding, current)
        changes.append(FindingChange("unconfirmed" if reason else "rectified", finding, reason or ""))
    order = {"persisting": 0, "new": 1, "rectified": 2, "unconfirmed": 3}
    changes.sort(key=lambda change: (order[change.state], change.finding.code, change.finding.target.url))
    return SiteRecheck(
        site_id=current.site.id,
        name=current.site.name,
        previous_qualified=previous.verdict.qualified,
        current_qualified=current.verdict.qualified,
        changes=changes,
    )


def compare_runs(previous: Run, current: Run) -> dict[str, SiteRecheck]:
    """Site id -> its re-check, for every site present in both runs."""
    out: dict[str, SiteRecheck] = {}
    for site in current.sites:
        earlier = previous.site(site.site_id)
        if earlier is not None:
            out[site.site_id] = compare_sites(earlier.bundle, site.bundle)
    return out


def recheck_json(previous: Run, current: Run, rechecks: dict[str, SiteRecheck]) -> dict[str, Any]:
    """recheck.json: the machine-readable comparison (a contract: add fields, never rename)."""

    def entry(change: FindingChange) -> dict[str, Any]:
        finding = change.finding
        row: dict[str, Any] = {
            "id": finding.id,
            "code": finding.code,
            "severity": finding.severity,
            "url": finding.target.url,
            "column": finding.target.column,
            "message_zh": finding.message_zh,
        }
        if change.reason:
            row["reason"] = change.reason
        return row

    return {
        "schema_version": "1.0",
        "previous": {"run": str(previous.folder), "as_of": str(previous.as_of)},
        "current": {"run": str(current.folder), "as_of": str(current.as_of)},
        "sites": [
            {
                "site": recheck.site_id,
                "name": recheck.name,
                "previous_qualified": recheck.previous_qualified,
                "current_qualified": recheck.current_qualified,
                "rectified_site": recheck.rectified_site,
                **{state: [entry(change) for change in recheck.of(state)] for state in STATE_ZH},  # type: ignore[arg-type]
            }
            for recheck in rechecks.values()
        ],
    }
