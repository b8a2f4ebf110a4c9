"""`auditor schema scenario|bundle`: print a published JSON Schema."""

from __future__ import annotations

import json

import click

from auditor.bundle.schema import bundle_json_schema
from auditor.scenario import scenario_json_schema


@click.command()
@click.argument("kind", type=click.Choice(["scenario", "bundle"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of scenario files or bundles."""
    payload = scenario_json_schema() if kind == "scenario" else bundle_json_schema()
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
