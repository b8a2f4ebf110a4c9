"""`auditor run SCENARIO|DIR...`: audit the sites; write OUT/<site-id>/ per site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.cli.common import execute_with, load_all, require_existing, run_options


@click.command()
@click.argument("scenarios", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True)
@run_options
def run(scenarios: tuple[Path, ...], out_dir: Path, **kwargs: object) -> None:
    """Audit the sites of SCENARIO files or folders; write OUT/<site-id>/bundle.json per site."""
    require_existing(scenarios)
    loaded = load_all(list(scenarios))
    sys.exit(execute_with(loaded, out_dir, kwargs))
