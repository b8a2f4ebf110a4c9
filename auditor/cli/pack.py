"""`auditor pack RUN_DIR --site ID`: zip a site's evidence pack (notice, bundle, evidence, manifest).

The site folder is verified first and a site whose evidence does not match its manifest is refused (exit 1, each
problem named). When the site has no notice yet, the notice hook writes one (`write_site_notice`, imported only
when needed); a zip written inside the run joins the run manifest.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from auditor.cli.common import EXIT_FINDINGS, EXIT_OK, bad_input, err
from auditor.cli.notice import write_site_notice
from auditor.report.text import plain
from auditor.store import (
    ManifestError,
    PackError,
    add_to_run_manifest,
    check_site,
    default_pack_path,
    notice_files,
    site_folders,
    write_pack,
)


def _refuse(where: Path, message: str, problems: list[str]) -> NoReturn:
    for problem in problems:
        click.echo(f"{plain(str(where))}: {plain(problem)}")
    err.print(f"error: {plain(message)}; not packed", markup=False, highlight=False, soft_wrap=True)
    sys.exit(EXIT_FINDINGS)


def _record(run_dir: Path, paths: list[Path]) -> None:
    root = run_dir.resolve()
    inside = [path for path in paths if root in path.resolve().parents]
    if inside:
        add_to_run_manifest(run_dir, inside)


@click.command()
@click.argument("run_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--site", "site_id", required=True, help="the site id (its folder's name in RUN_DIR)")
@click.option(
    "--out",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="the zip to write [default: RUN_DIR/reports/ID/ID-evidence.zip]",
)
def pack(run_dir: Path, site_id: str, out_file: Path | None) -> None:
    """Zip a site's evidence pack: notice, bundle, evidence and a manifest that `auditor verify` checks after unzip;
    exit 1 (nothing written) when the site's evidence does not match its manifest."""
    if not run_dir.is_dir():
        bad_input(f"{run_dir}: no such run folder")
    try:
        problems = check_site(run_dir, site_id)
    except PackError as exc:
        sites = ", ".join(path.name for path in site_folders(run_dir)) or "none"
        bad_input(f"{exc} (sites of {run_dir}: {sites})")
    except ManifestError as exc:
        bad_input(str(exc))
    site_dir = run_dir / site_id
    if problems:
        _refuse(site_dir, f"{site_dir}: evidence does not match its manifest", problems)
    if not notice_files(run_dir, site_id):
        # A pack carries the site's 整改通知: made now (HTML + PDF) when `auditor notice` has not been run yet.
        write_site_notice(run_dir, site_id)
        _record(run_dir, notice_files(run_dir, site_id))
    target = out_file or default_pack_path(run_dir, site_id)
    try:
        write_pack(run_dir, site_id, target)
    except PackError as exc:
        _refuse(run_dir, str(exc), exc.problems)
    except ManifestError as exc:
        bad_input(str(exc))
    _record(run_dir, [target])
    click.echo(str(target))
    sys.exit(EXIT_OK)
