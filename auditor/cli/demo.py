"""`auditor demo`: serve the bundled demo district portal on 127.0.0.1 and audit it end to end."""

from __future__ import annotations

import asyncio
import sys
from datetime import date
from pathlib import Path

import click

from auditor.cli.common import execute_with, run_options
from auditor.demo.server import DemoServer, scenario_yaml
from auditor.scenario import parse_scenario


@click.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/demo"), show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="port for the demo site (default: a free one)")
@click.option("--serve", is_flag=True, help="only serve the demo site until Ctrl-C")
@run_options
def demo(out_dir: Path, port: int, serve: bool, **kwargs: object) -> None:
    """Serve the bundled demo district portal on 127.0.0.1 and audit it end to end."""
    as_of: date = kwargs["as_of"]  # type: ignore[assignment]
    with DemoServer(as_of, port=port) as server:
        if serve:
            click.echo(f"demo site: {server.home_url} (T = {as_of}); Ctrl-C to stop")
            try:
                while True:
                    asyncio.run(asyncio.sleep(3600))
            except KeyboardInterrupt:
                return
        scenario = parse_scenario(scenario_yaml(server.home_url, as_of), "<demo>")
        kwargs["allow_offsite"] = False  # the demo never talks to anything but 127.0.0.1
        code = execute_with([scenario], out_dir, kwargs)
    sys.exit(code)
