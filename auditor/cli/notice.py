"""`auditor notice RUN_DIR`: a 整改通知 per site (HTML and PDF, optionally XLSX), from the saved run only."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from auditor.cli.common import EXIT_OK, bad_input, err
from auditor.printing import print_pdfs
from auditor.report.notice import build_notice, notice_folder, write_notice
from auditor.report.recheck import SiteRecheck, compare_runs, recheck_json
from auditor.report.runs import REPORTS_DIR, Run, RunReadError, SiteRun, read_run
from auditor.report.text import plain
from auditor.store import atomic_write


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {plain(value)!r}") from exc


def read_run_or_exit(folder: Path) -> Run:
    try:
        run = read_run(folder)
    except RunReadError as exc:
        bad_input(str(exc))
    for problem in run.unreadable:
        err.print(f"warning: {plain(problem)}", markup=False, highlight=False, soft_wrap=True)
    return run


def record_reports(run_dir: Path, paths: list[Path]) -> None:
    """Reports written into a run folder join its manifest (only those files are hashed, never the rest)."""
    try:
        from auditor.store import add_to_run_manifest  # noqa: PLC0415
    except ImportError:  # pragma: no cover - older store without run manifests
        return
    inside = [p for p in paths if run_dir.resolve() in p.resolve().parents]
    if inside and (run_dir / "manifest.json").is_file():
        add_to_run_manifest(run_dir, inside)


def write_notices(
    run: Run,
    out_dir: Path,
    *,
    site_ids: tuple[str, ...] = (),
    deadline: date | None = None,
    previous: Run | None = None,
    by_unit: bool = False,
    pdf: bool = True,
    xlsx: bool = False,
    issuer: str = "",
) -> list[Path]:
    """Every chosen site's notice files (html, pdf, xlsx) and recheck.json; returns the paths written."""
    chosen = [site for site in run.sites if not site_ids or site.site_id in site_ids]
    unknown = sorted(set(site_ids) - {site.site_id for site in run.sites})
    if unknown:
        bad_input(
            f"{run.folder}: no site {unknown[0]!r} in this run (sites: {', '.join(s.site_id for s in run.sites)})"
        )
    rechecks: dict[str, SiteRecheck] = compare_runs(previous, run) if previous is not None else {}
    written: list[Path] = []
    jobs: list[tuple[Path, Path]] = []
    for site in chosen:
        folder = notice_folder(out_dir, site.site_id)
        units: list[str | None] = [None]
        if by_unit:
            named = sorted({f.unit for f in site.bundle.findings if f.unit})
            units = [*named] if named else [None]
        for unit in units:
            view = build_notice(
                site, folder, deadline=deadline, recheck=rechecks.get(site.site_id), unit=unit, issuer=issuer
            )
            stem = "notice" if unit is None else f"notice-{_unit_stem(unit)}"
            html = write_notice(view, folder, stem)
            written.append(html)
            if pdf:
                jobs.append((html, html.with_suffix(".pdf")))
        if xlsx:
            written.append(_workbook(folder / "notice.xlsx", [site], rechecks, previous))
    if jobs:
        log = print_pdfs(jobs, roots=[run.folder, out_dir])
        if log.refused:  # a template that links out is a bug: say so loudly, the PDF is still made offline
            err.print(f"warning: report asked for {len(log.refused)} outside resources (refused)", markup=False)
        written.extend(pdf_path for _html, pdf_path in jobs)
    if previous is not None:
        path = out_dir / "recheck.json"
        payload = recheck_json(previous, run, rechecks)
        atomic_write(path, (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        written.append(path)
    record_reports(run.folder, written)
    return written


def _unit_stem(unit: str) -> str:
    import hashlib  # noqa: PLC0415

    return hashlib.sha256(unit.encode("utf-8")).hexdigest()[:10]


def _workbook(path: Path, sites: list[SiteRun], rechecks: dict[str, SiteRecheck], previous: Run | None) -> Path:
    from auditor.report.xlsx import write_workbook  # noqa: PLC0415

    states = {site_id: recheck.states for site_id, recheck in rechecks.items()}
    gone = {
        site_id: [c.finding for c in recheck.changes if c.state in ("rectified", "unconfirmed")]
        for site_id, recheck in rechecks.items()
        if any(site.site_id == site_id for site in sites)
    }
    earlier = {
        site.site_id: (found.bundle, found.folder)
        for site in sites
        if previous is not None and (found := previous.site(site.site_id)) is not None
    }
    return write_workbook(
        path,
        [(site.bundle, site.folder) for site in sites],
        recheck=states or None,
        rectified=gone or None,
        previous=earlier or None,
    )


def write_site_notice(run_dir: Path, site_id: str) -> None:
    """The hook `auditor pack` calls when a site has no notice yet: its notice, in the run's reports folder."""
    run = read_run_or_exit(run_dir)
    write_notices(run, run_dir / REPORTS_DIR, site_ids=(site_id,))


@click.command()
@click.argument("run_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--site", "site_ids", multiple=True, help="only this site id (repeatable)")
@click.option("--deadline", callback=_date, help="rectification deadline YYYY-MM-DD (default: T + 15 days)")
@click.option("--previous", type=click.Path(path_type=Path, file_okay=False), help="an earlier run: show the re-check")
@click.option("--by-unit", is_flag=True, help="one notice per 责任单位 (scenario key units:)")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), help="default RUN_DIR/reports")
@click.option("--xlsx", is_flag=True, help="also a spreadsheet of the problems per site")
@click.option("--no-pdf", is_flag=True, help="HTML only (no Chromium needed)")
@click.option("--issuer", default="", help="the issuing office, printed under the notice")
def notice(  # click passes every option by name
    run_dir: Path,
    *,
    site_ids: tuple[str, ...],
    deadline: date | None,
    previous: Path | None,
    by_unit: bool,
    out_dir: Path | None,
    xlsx: bool,
    no_pdf: bool,
    issuer: str,
) -> None:
    """Write a 整改通知 per site (HTML + PDF) from a saved run: problems, evidence, deadline, re-check."""
    run = read_run_or_exit(run_dir)
    earlier = read_run_or_exit(previous) if previous is not None else None
    written = write_notices(
        run,
        out_dir or run_dir / REPORTS_DIR,
        site_ids=site_ids,
        deadline=deadline,
        previous=earlier,
        by_unit=by_unit,
        pdf=not no_pdf,
        xlsx=xlsx,
        issuer=issuer,
    )
    for path in written:
        click.echo(str(path))
    sys.exit(EXIT_OK)
