"""整改通知: one rectification notice per site (HTML here; the PDF is printed from it by Chromium, auditor.printing).

What a site is told to fix, with the evidence an office can check: each problem (veto, deduction, warning) with
the indicator, what was observed, where, the rule and its threshold, the outlined crop inline, the full page in
the appendix, its capture time and sha256. Items the auditor could not decide are listed apart as 待人工复核 and
are never called problems. With an earlier run, each problem says whether it is new, persisting or rectified.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from auditor.model.bundle import Finding
from auditor.report.recheck import PROBLEM_SEVERITIES, STATE_ZH, SiteRecheck
from auditor.report.render import relative, render_html
from auditor.report.runs import SiteRun
from auditor.report.summary import class_name_zh, score_zh, verdict_zh
from auditor.store import atomic_write

# Unconfirmed local practice (offices set their own): the deadline a notice states when none is given.
DEFAULT_DEADLINE_DAYS = 15
SEVERITY_ORDER = {"veto": 0, "deduction": 1, "warning": 2, "needs_review": 3}


@dataclass(frozen=True)
class EvidenceImage:
    src: str  # relative to the notice
    path: str  # relative to the site folder, as the manifest lists it
    sha256: str | None


@dataclass(frozen=True)
class ProblemRow:
    number: int
    finding: Finding
    rule: str
    threshold: str
    crop: EvidenceImage | None
    page: EvidenceImage | None
    page_number: int | None  # its full page's number in the appendix
    captured_at: str
    recheck: str | None
    note: str | None


@dataclass
class NoticeView:
    site: SiteRun
    title: str
    deadline: date
    unit: str | None
    problems: list[ProblemRow] = field(default_factory=list)
    reviews: list[ProblemRow] = field(default_factory=list)
    appendix: list[EvidenceImage] = field(default_factory=list)
    rectified: list[ProblemRow] = field(default_factory=list)
    recheck: SiteRecheck | None = None
    windows: list[tuple[str, str]] = field(default_factory=list)
    issuer: str = ""


def _threshold(settings: dict[str, Any], finding: Finding) -> tuple[str, str]:
    rule = settings.get("rules", {}).get(finding.code, {})
    reference = str(rule.get("reference") or finding.indicator_zh)
    observed = finding.observed
    parts = []
    if isinstance(observed.get("window"), str):
        parts.append(f"更新周期:{observed['window']}")
    if finding.code in settings.get("vetoes", {}):
        parts.append(f"单项否决阈值:{settings['vetoes'][finding.code]}")
    threshold = rule.get("threshold")
    if isinstance(threshold, (int, float)) and not isinstance(threshold, bool):
        parts.append(f"阈值:{threshold:g}")
    return reference, ";".join(parts)


def _image(site: SiteRun, relative_path: str | None, out_dir: Path) -> EvidenceImage | None:
    if not relative_path or not (site.folder / relative_path).is_file():
        return None
    return EvidenceImage(
        src=relative(site.folder / relative_path, out_dir),
        path=relative_path,
        sha256=site.hashes.get(relative_path),
    )


def _windows(site: SiteRun) -> list[tuple[str, str]]:
    """The update windows the columns were judged by (class name, window), as the bundle's table words them."""
    windows = site.bundle.settings.get("windows", {})
    seen = {column.column_class.value for column in site.bundle.columns}
    return [(class_name_zh(site.bundle, key), str(label)) for key, label in windows.items() if label and key in seen]


def build_notice(
    site: SiteRun,
    out_dir: Path,
    *,
    deadline: date | None = None,
    recheck: SiteRecheck | None = None,
    unit: str | None = None,
    issuer: str = "",
) -> NoticeView:
    bundle = site.bundle
    view = NoticeView(
        site=site,
        title=f"关于{bundle.site.name}{'(' + unit + ')' if unit else ''}检查发现问题的整改通知",
        deadline=deadline or bundle.as_of + timedelta(days=DEFAULT_DEADLINE_DAYS),
        unit=unit,
        recheck=recheck,
        windows=_windows(site),
        issuer=issuer,
    )
    states = recheck.states if recheck else {}
    pages: dict[str, int] = {}

    def row(number: int, finding: Finding) -> ProblemRow:
        reference, threshold = _threshold(bundle.settings, finding)
        page = _image(site, finding.evidence.screenshot, out_dir)
        if page is not None and page.path not in pages:
            view.appendix.append(page)
            pages[page.path] = len(view.appendix)
        return ProblemRow(
            number=number,
            finding=finding,
            rule=reference,
            threshold=threshold,
            crop=_image(site, finding.evidence.crop, out_dir),
            page=page,
            page_number=pages.get(page.path) if page else None,
            captured_at=site.captured_at(finding).strftime("%Y-%m-%d %H:%M:%S"),
            recheck=STATE_ZH[states[finding.id]] if finding.id in states else None,
            note=finding.evidence.note,
        )

    chosen = [f for f in bundle.findings if unit is None or f.unit == unit]
    chosen.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.code, f.target.url))
    problems = [f for f in chosen if f.severity in PROBLEM_SEVERITIES]
    reviews = [f for f in chosen if f.severity not in PROBLEM_SEVERITIES]
    view.problems = [row(index, finding) for index, finding in enumerate(problems, 1)]
    view.reviews = [row(index, finding) for index, finding in enumerate(reviews, 1)]
    if recheck is not None:
        gone = [c.finding for c in recheck.changes if c.state in ("rectified", "unconfirmed")]
        gone = [f for f in gone if unit is None or f.unit == unit]
        rows = []
        for index, finding in enumerate(gone, 1):
            reference, threshold = _threshold(bundle.settings, finding)
            change = next(c for c in recheck.changes if c.finding.id == finding.id)
            rows.append(
                ProblemRow(
                    number=index,
                    finding=finding,
                    rule=reference,
                    threshold=threshold,
                    crop=None,
                    page=None,
                    page_number=None,
                    captured_at="",
                    recheck=STATE_ZH[change.state],
                    note=change.reason or None,
                )
            )
        view.rectified = rows
    return view


def render_notice(view: NoticeView) -> str:
    bundle = view.site.bundle
    return render_html(
        "notice.html.j2",
        view=view,
        bundle=bundle,
        verdict=verdict_zh(bundle),
        score=score_zh(bundle),
    )


def notice_folder(out_dir: Path, site_id: str) -> Path:
    return out_dir / site_id


def write_notice(view: NoticeView, folder: Path, stem: str = "notice") -> Path:
    """notice.html, written atomically; the images stay where the run keeps them (linked relatively)."""
    path = folder / f"{stem}.html"
    atomic_write(path, render_notice(view).encode("utf-8"))
    return path
