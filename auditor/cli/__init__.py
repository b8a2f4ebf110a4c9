"""The `auditor` command line: one module per command, shared options and exit codes in common.py.

Exit codes: 0 ran; 1 findings at or above --fail-on; 2 bad input; 3 internal failure.
"""

from __future__ import annotations

import sys

import click

from auditor import __version__
from auditor.cli.bulletin import bulletin
from auditor.cli.common import EXIT_INTERNAL, err
from auditor.cli.demo import demo
from auditor.cli.notice import notice
from auditor.cli.pack import pack
from auditor.cli.run import run
from auditor.cli.schema import schema
from auditor.cli.validate import validate
from auditor.cli.verify import verify


@click.group()
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """Audit Chinese government websites against 国办秘函〔2019〕19号 with a real browser."""


for command in (run, demo, validate, schema, verify, notice, bulletin, pack):
    main.add_command(command)


def entry() -> None:
    """Console-script entry: an unexpected exception is an internal failure (exit 3), not a traceback exit 1."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:
        err.print(f"internal error: {type(exc).__name__}: {exc}", markup=False, highlight=False)
        sys.exit(EXIT_INTERNAL)
