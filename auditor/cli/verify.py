"""`auditor verify PATH...`: re-hash a site folder, a run folder or an unzipped evidence pack against its manifests.

A run folder (or an unzipped pack) is checked against its own manifest.json first (every file of the run: each
missing, altered or unlisted one is named), then each site folder against its own. A run from before run manifests
is checked site by site, with a note saying so.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, bad_input
from auditor.report.text import plain
from auditor.store import verify_tree


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, file_okay=False), metavar="PATH...")
def verify(paths: tuple[Path, ...]) -> None:
    """Re-hash site folders, run folders or unzipped packs against their manifest.json; exit 1 when anything is
    missing, altered or unlisted, 2 when a manifest is unreadable."""
    missing = [d for d in paths if not d.is_dir()]
    if missing:
        bad_input(f"{missing[0]}: no such bundle folder")
    bad = False
    unreadable = False
    for path in paths:
        for check in verify_tree(path):
            folder = plain(str(check.folder))
            if check.error is not None:
                click.echo(f"error: {plain(check.error)}", err=True)
                unreadable = True
            elif check.note is not None:
                click.echo(f"{folder}: note: {plain(check.note)}")
            elif check.problems:
                bad = True
                for problem in check.problems:
                    click.echo(f"{folder}: {plain(problem)}")
            else:
                click.echo(f"{folder}: ok")
    sys.exit(EXIT_BAD_INPUT if unreadable else EXIT_FINDINGS if bad else EXIT_OK)
