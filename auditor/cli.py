"""The `auditor` command line.

Exit codes: 0 ran; 1 findings at or above --fail-on; 2 bad input; 3 internal failure.
"""

from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import click
from rich.console import Console

from auditor import __version__
from auditor.bundle.models import SEVERITY_ORDER, bundle_json_schema
from auditor.bundle.store import verify_manifest
from auditor.demo.server import DemoServer, scenario_yaml
from auditor.gather.browser import BrowserNotFoundError
from auditor.report.summary import print_summary
from auditor.run import RunOptions, RunResult, SiteOutcome, run_audits, today_in_shanghai
from auditor.scenario import (
    Scenario,
    ScenarioError,
    collect_scenarios,
    load_scenario,
    parse_scenario,
    scenario_json_schema,
)

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
FAIL_ON_CHOICES = ("veto", "deduction", "never")

err = Console(stderr=True)


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
    if value is None:
        return today_in_shanghai()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from exc


def _bad_input(message: str) -> None:
    err.print(f"[red]error:[/red] {message}", markup=True, highlight=False, soft_wrap=True)
    sys.exit(EXIT_BAD_INPUT)


def load_all(paths: list[Path]) -> list[Scenario]:
    files = collect_scenarios(paths)
    if not files:
        _bad_input(f"no scenario files (*.yaml) in {', '.join(map(str, paths))}")
    scenarios: list[Scenario] = []
    seen: dict[str, Path] = {}
    for path in files:
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            _bad_input(str(exc))
        if scenario.site.id in seen:
            _bad_input(f"{path}:2: site.id: {scenario.site.id!r} is also used by {seen[scenario.site.id]}")
        seen[scenario.site.id] = path
        scenarios.append(scenario)
    return scenarios


def exit_code(result: RunResult, fail_on: str) -> int:
    if result.internal_failures:
        return EXIT_INTERNAL
    if fail_on == "never":
        return EXIT_OK
    floor = SEVERITY_ORDER[fail_on]
    for outcome in result.outcomes:
        assert outcome.bundle is not None
        if any(SEVERITY_ORDER[f.severity] >= floor for f in outcome.bundle.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def execute(scenarios: list[Scenario], options: RunOptions, fail_on: str, *, quiet: bool, columns: bool) -> int:
    console = Console(stderr=True, quiet=quiet)
    total = len(scenarios)
    done = 0

    def on_done(outcome: SiteOutcome) -> None:
        nonlocal done
        done += 1
        if outcome.bundle is None:
            console.print(
                f"[{done}/{total}] {outcome.site_id}: internal failure {outcome.error}", markup=False, highlight=False
            )
            return
        bundle = outcome.bundle
        console.print(
            f"[{done}/{total}] {bundle.site.name} ({outcome.site_id}): {len(bundle.columns)} 个栏目, "
            f"{len(bundle.findings)} 项发现, {len(bundle.errors)} 个错误, {bundle.stats.duration_s:.1f}s "
            f"→ {outcome.bundle_dir}",
            highlight=False,
            markup=False,
        )

    console.print(f"auditor {__version__}: {total} 个网站, 监测时间点 {options.as_of}", highlight=False)
    try:
        with console.status("检查中…") as status:

            def on_progress(site_id: str, read: int, planned: int) -> None:
                status.update(f"检查中… {site_id}: 栏目 {read}/{planned}")

            options = replace(options, progress=on_progress)
            result = asyncio.run(run_audits(scenarios, options, on_done))
    except BrowserNotFoundError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        return EXIT_INTERNAL
    if not quiet:
        # Piped output (CI logs, files) gets a wide table instead of rich's 80-column default.
        summary_console = Console() if sys.stdout.isatty() else Console(width=160)
        print_summary([o.bundle_dir for o in result.outcomes], summary_console, columns=columns)
    return exit_code(result, fail_on)


def _run_options(func: click.decorators.FC) -> click.decorators.FC:
    options = [
        click.option("--as-of", callback=_as_of, help="monitoring point T, YYYY-MM-DD (default: today, Shanghai)"),
        click.option(
            "--fail-on",
            type=click.Choice(FAIL_ON_CHOICES),
            default="never",
            show_default=True,
            help="exit 1 when a finding reaches this severity",
        ),
        click.option(
            "--evidence/--no-evidence",
            default=True,
            show_default=True,
            help="screenshots, crops and rendered HTML",
        ),
        click.option(
            "--render",
            type=click.Choice(["auto", "always"]),
            default="auto",
            show_default=True,
            help="auto: HTTP first, browser when needed; always: render every list page",
        ),
        click.option("--block-offsite", is_flag=True, help="let the browser load nothing outside the site's hosts"),
        click.option("--jobs", type=click.IntRange(1, 8), default=1, show_default=True, help="sites at once"),
        click.option("--headed", is_flag=True, help="show the browser window (debugging)"),
        click.option("--columns", "show_columns", is_flag=True, help="print every column's result"),
        click.option("--quiet", "-q", is_flag=True, help="no progress or summary"),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group()
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """Audit Chinese government websites against 国办秘函〔2019〕19号 with a real browser."""


@main.command()
@click.argument("scenarios", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True)
@_run_options
def run(scenarios: tuple[Path, ...], out_dir: Path, **kwargs: object) -> None:
    """Audit the sites of SCENARIO files or folders; write OUT/<site-id>/bundle.json per site."""
    missing = [p for p in scenarios if not p.exists()]
    if missing:
        _bad_input(f"{missing[0]}: no such file or folder")
    loaded = load_all(list(scenarios))
    sys.exit(_execute_with(loaded, out_dir, kwargs))


def _execute_with(scenarios: list[Scenario], out_dir: Path, kwargs: dict[str, object]) -> int:
    options = RunOptions(
        as_of=kwargs["as_of"],  # type: ignore[arg-type]
        out_dir=out_dir,
        evidence=bool(kwargs["evidence"]),
        block_offsite=bool(kwargs["block_offsite"]),
        render=str(kwargs["render"]),
        site_jobs=int(kwargs["jobs"]),  # type: ignore[call-overload]
        headless=not kwargs["headed"],
    )
    return execute(
        scenarios,
        options,
        str(kwargs["fail_on"]),
        quiet=bool(kwargs["quiet"]),
        columns=bool(kwargs["show_columns"]),
    )


@main.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/demo"), show_default=True)
@click.option("--port", type=int, default=0, help="port for the demo site (default: a free one)")
@click.option("--serve", is_flag=True, help="only serve the demo site until Ctrl-C")
@_run_options
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
        kwargs["block_offsite"] = True  # the demo never talks to anything but 127.0.0.1
        code = _execute_with([scenario], out_dir, kwargs)
    sys.exit(code)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check scenario files; print one line per file."""
    missing = [p for p in files if not p.exists()]
    if missing:
        _bad_input(f"{missing[0]}: no such file or folder")
    for scenario in load_all(list(files)):
        click.echo(f"ok: {scenario.site.id} {scenario.site.name} ({len(scenario.site.columns)} column overrides)")


@main.command()
@click.argument("kind", type=click.Choice(["scenario", "bundle"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of scenario files or bundles."""
    payload = scenario_json_schema() if kind == "scenario" else bundle_json_schema()
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


@main.command()
@click.argument("bundle_dirs", nargs=-1, required=True, type=click.Path(path_type=Path, file_okay=False))
def verify(bundle_dirs: tuple[Path, ...]) -> None:
    """Re-hash bundles against their manifest.json; exit 1 when anything differs."""
    bad = False
    for bundle_dir in bundle_dirs:
        problems = verify_manifest(bundle_dir)
        for problem in problems:
            click.echo(f"{bundle_dir}: {problem}")
        bad = bad or bool(problems)
        if not problems:
            click.echo(f"{bundle_dir}: ok")
    sys.exit(EXIT_FINDINGS if bad else EXIT_OK)


def entry() -> None:
    """Console-script entry: an unexpected exception is an internal failure (exit 3), not a traceback exit 1."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:
        err.print(f"internal error: {type(exc).__name__}: {exc}", markup=False, highlight=False)
        sys.exit(EXIT_INTERNAL)
