"""`auditor run SCENARIO|DIR...`: audit the sites; write OUT/<site-id>/ per site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.cli.common import bad_input, execute_with, load_all, require_existing, run_options


@click.command()
@click.argument("scenarios", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None, help="run folder [default: out]")
@click.option(
    "--resume",
    type=click.Path(path_type=Path, file_okay=False),
    help="continue an interrupted run in this folder: only the sites without a complete bundle are audited",
)
@run_options
def run(scenarios: tuple[Path, ...], out_dir: Path | None, resume: Path | None, **kwargs: object) -> None:
    """Audit the sites of SCENARIO files or folders; write OUT/<site-id>/bundle.json per site."""
    require_existing(scenarios)
    loaded = load_all(list(scenarios))
    if resume is not None and out_dir is not None and out_dir.resolve() != resume.resolve():
        bad_input(f"--resume {resume} and --out {out_dir} name different folders")
    kwargs["resume"] = resume
    sys.exit(execute_with(loaded, resume or out_dir or Path("out"), kwargs))
