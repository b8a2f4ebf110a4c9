"""`auditor verify BUNDLE_DIR...`: re-hash bundles against their manifest.json."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, bad_input
from auditor.report.text import plain
from auditor.store import ManifestError, verify_manifest


@click.command()
@click.argument("bundle_dirs", nargs=-1, required=True, type=click.Path(path_type=Path, file_okay=False))
def verify(bundle_dirs: tuple[Path, ...]) -> None:
    """Re-hash bundles against their manifest.json; exit 1 when anything differs, 2 when a manifest is unreadable."""
    missing = [d for d in bundle_dirs if not d.is_dir()]
    if missing:
        bad_input(f"{missing[0]}: no such bundle folder")
    bad = False
    unreadable = False
    for bundle_dir in bundle_dirs:
        try:
            problems = verify_manifest(bundle_dir)
        except ManifestError as exc:
            click.echo(f"error: {plain(str(exc))}", err=True)
            unreadable = True
            continue
        for problem in problems:
            click.echo(f"{bundle_dir}: {plain(problem)}")
        bad = bad or bool(problems)
        if not problems:
            click.echo(f"{bundle_dir}: ok")
    sys.exit(EXIT_BAD_INPUT if unreadable else EXIT_FINDINGS if bad else EXIT_OK)
