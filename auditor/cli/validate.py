"""`auditor validate FILE...`: check scenario files and bundles (told apart by their content)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.bundle.reader import BundleError, load_bundle
from auditor.cli.common import EXIT_BAD_INPUT, EXIT_OK, bad_input, load_all, require_existing
from auditor.report.text import plain


def _is_bundle(path: Path) -> bool:
    """A bundle is a JSON file (bundle.json) or a folder holding one; everything else is read as scenarios."""
    if path.is_dir():
        return (path / "bundle.json").is_file() and not any(path.glob("*.yaml"))
    return path.suffix == ".json"


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check scenario files (or folders of them) and bundles; print one line per file."""
    require_existing(files)
    bundles = [p for p in files if _is_bundle(p)]
    scenarios = [p for p in files if not _is_bundle(p)]
    bad = False
    for path in bundles:
        try:
            bundle = load_bundle(path)
        except BundleError as exc:
            click.echo(f"error: {plain(str(exc))}", err=True)
            bad = True
            continue
        click.echo(
            f"ok: bundle {bundle.site.id} {plain(bundle.site.name)} (schema {bundle.schema_version}, "
            f"{len(bundle.findings)} findings)"
        )
    if scenarios:
        for scenario in load_all(scenarios):
            if scenario.site.is_newmedia:
                listed = (
                    f"{len(scenario.accounts)} accounts" if scenario.accounts else "accounts from the registry page"
                )
                what = f"{listed}, {len(scenario.manual)} manual dates"
            else:
                what = f"{len(scenario.site.columns)} column overrides"
            click.echo(f"ok: {scenario.site.id} {plain(scenario.site.name)} ({what})")
    if bad:
        sys.exit(EXIT_BAD_INPUT)
    if not bundles and not scenarios:
        bad_input("nothing to validate")
    sys.exit(EXIT_OK)
