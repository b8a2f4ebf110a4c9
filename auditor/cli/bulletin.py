"""`auditor bulletin RUN_DIR...`: the quarterly 检查情况通报 (HTML, PDF, Markdown; optionally XLSX) from saved runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from auditor.cli.common import EXIT_OK, err
from auditor.cli.notice import read_run_or_exit, record_reports
from auditor.printing import print_pdfs
from auditor.report.bulletin import build_bulletin, write_bulletin
from auditor.report.recheck import recheck_json
from auditor.report.runs import REPORTS_DIR, Run
from auditor.store import atomic_write

RunDir = click.Path(path_type=Path, file_okay=False)


def write_bulletin_files(
    runs: list[Run],
    out_dir: Path,
    *,
    rechecks: list[Run] = (),  # type: ignore[assignment]
    previous: Run | None = None,
    title: str = "",
    pdf: bool = True,
    xlsx: bool = False,
) -> list[Path]:
    view = build_bulletin(runs, rechecks=list(rechecks), previous=previous, title=title)
    written = write_bulletin(view, out_dir)
    if pdf:
        html = written[0]
        log = print_pdfs([(html, html.with_suffix(".pdf"))], roots=[out_dir, *(r.folder for r in runs)])
        if log.refused:
            err.print(f"warning: the bulletin asked for {len(log.refused)} outside resources (refused)", markup=False)
        written.append(html.with_suffix(".pdf"))
    if previous is not None and view.previous is not None:
        path = out_dir / "recheck.json"
        payload = recheck_json(previous, view.rounds[-1].run, view.previous)
        atomic_write(path, (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        written.append(path)
    for index, round_ in enumerate(view.rounds):
        for recheck_run in {id(r.folder): r for r in rechecks}.values():
            if recheck_run.as_of and round_.as_of <= recheck_run.as_of and round_.rechecks:
                path = out_dir / f"recheck-{round_.as_of.isoformat()}.json"
                payload = recheck_json(round_.run, recheck_run, round_.rechecks)
                atomic_write(path, (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
                written.append(path)
                break
        del index
    if xlsx:
        from auditor.report.xlsx import write_workbook  # noqa: PLC0415

        latest = view.rounds[-1].run
        path = out_dir / "bulletin.xlsx"
        write_workbook(path, [(site.bundle, site.folder) for site in latest.sites])
        written.append(path)
    for run in runs:
        record_reports(run.folder, written)
    return written


@click.command()
@click.argument("run_dirs", nargs=-1, required=True, type=RunDir)
@click.option("--recheck", "recheck_dirs", multiple=True, type=RunDir, help="a re-check run (复查) of a round")
@click.option("--previous", type=RunDir, help="the previous period's run, to compare with the last round")
@click.option("--out", "out_dir", type=RunDir, help="default: the last RUN_DIR's reports folder")
@click.option("--title", default="", help="the bulletin's title (default 政府网站和政务新媒体检查情况通报)")
@click.option("--xlsx", is_flag=True, help="also a spreadsheet (one sheet per site, one for the estate)")
@click.option("--no-pdf", is_flag=True, help="HTML and Markdown only (no Chromium needed)")
def bulletin(  # click passes every option by name
    run_dirs: tuple[Path, ...],
    *,
    recheck_dirs: tuple[Path, ...],
    previous: Path | None,
    out_dir: Path | None,
    title: str,
    xlsx: bool,
    no_pdf: bool,
) -> None:
    """Write the 检查情况通报 of one or more rounds (each RUN_DIR is a round; re-checks with --recheck)."""
    runs = [read_run_or_exit(folder) for folder in run_dirs]
    rechecks = [read_run_or_exit(folder) for folder in recheck_dirs]
    earlier = read_run_or_exit(previous) if previous is not None else None
    latest = max(runs, key=lambda run: str(run.as_of))
    written = write_bulletin_files(
        runs,
        out_dir or latest.folder / REPORTS_DIR,
        rechecks=rechecks,
        previous=earlier,
        title=title,
        pdf=not no_pdf,
        xlsx=xlsx,
    )
    for path in written:
        click.echo(str(path))
    sys.exit(EXIT_OK)
